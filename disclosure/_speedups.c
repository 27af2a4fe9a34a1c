/* disclosure._speedups: in C, the loops of disclosure/extract/pdfium_reader.py run once per
 * character (chars) and per page object and path segment (paths), document.json's indent
 * (emit/jsonout.py: indent) and the fake-bold test of every page (extract/pdf.py: near_twins).
 *
 * Optional: setup.py builds it with optional=True; where it is absent (or DISCLOSURE_SPEEDUPS=0,
 * disclosure/speedups.py) the pure-Python code runs. Both give the same objects and the same
 * text (tests/test_speedups.py compares them over the corpus and constructed cases).
 *
 * Nothing is linked against pdfium: init() takes the addresses of the few pdfium functions it
 * calls from the library pypdfium2 has loaded (ctypes gives them), so the pdfium that reads is
 * the one pypdfium2 ships. Every number is computed as the Python code computes it: the same
 * double operations in the same order (built with -ffp-contract=off, so no fused multiply-add),
 * pdfium's single-precision outputs widened to double as ctypes widens them, and round(x, 3)
 * as Python rounds (round3 below).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>

typedef struct { float a, b, c, d, e, f; } FS_MATRIX;
typedef struct { float left, top, right, bottom; } FS_RECTF;
typedef void *H;

static int (*p_is_generated)(H, int);
static H (*p_text_object)(H, int);
static int (*p_loose_box)(H, int, FS_RECTF *);
static int (*p_origin)(H, int, double *, double *);
static H (*p_font)(H);
static int (*p_font_size)(H, float *);
static int (*p_matrix)(H, int, FS_MATRIX *);
static int (*p_count_segments)(H);
static H (*p_segment)(H, int);
static int (*p_seg_type)(H);
static int (*p_seg_point)(H, float *, float *);
static int (*p_seg_close)(H);
static int (*p_page_count)(H);
static H (*p_page_object)(H, int);
static int (*p_form_count)(H);
static H (*p_form_object)(H, unsigned long);
static int (*p_object_type)(H);
static int (*p_object_matrix)(H, FS_MATRIX *);
static int (*p_draw_mode)(H, int *, int *);
static int (*p_stroke_width)(H, float *);
static int ready = 0;

#define SEGMENT_MOVETO 2
#define SEGMENT_BEZIERTO 1

static PyObject *k_text, *k_x0, *k_x1, *k_y0, *k_y1, *k_top, *k_bottom, *k_doctop, *k_width, *k_height,
    *k_size, *k_fontname, *k_upright, *k_object_type, *k_page_number, *k_slanted, *k_matrix, *v_char, *v_empty;

/* round(x, 3) as Python's float.__round__ gives it: the decimal nearest x to three places (ties
 * to even on x's exact binary value), as the nearest double. k = that decimal times 1000 is an
 * integer; k / 1000.0 is then correctly rounded by IEEE division, as Python's strtod of the digits
 * is. x * 1000.0 may be off the exact product by half an ulp: where that could change k (within a
 * margin of a tie), Python's own round decides. */
static int round3(double x, double *out) {
    double y = x * 1000.0;
    if (isfinite(y) && fabs(y) < 1e15) {
        double fl = floor(y);
        double frac = y - fl;
        double margin = fabs(y) * 1e-15 + 1e-12;
        if (fabs(frac - 0.5) > margin) {
            double k = frac > 0.5 ? fl + 1.0 : fl;
            double r = k / 1000.0;
            *out = r == 0.0 ? copysign(0.0, x) : r;
            return 0;
        }
    }
    PyObject *f = PyFloat_FromDouble(x);
    if (!f) return -1;
    PyObject *r = PyObject_CallMethod(f, "__round__", "i", 3);
    Py_DECREF(f);
    if (!r) return -1;
    *out = PyFloat_AsDouble(r);
    Py_DECREF(r);
    return PyErr_Occurred() ? -1 : 0;
}

static PyObject *py_round3(PyObject *self, PyObject *arg) {
    double x = PyFloat_AsDouble(arg), r;
    if (x == -1.0 && PyErr_Occurred()) return NULL;
    if (round3(x, &r) < 0) return NULL;
    return PyFloat_FromDouble(r);
}

static void *address(PyObject *d, const char *name) {
    PyObject *v = PyDict_GetItemString(d, name);
    if (!v) {
        PyErr_Format(PyExc_KeyError, "no address for %s", name);
        return NULL;
    }
    void *p = PyLong_AsVoidPtr(v);
    if (!p && !PyErr_Occurred()) PyErr_Format(PyExc_ValueError, "NULL address for %s", name);
    return p;
}

/* the pdfium functions this module calls, by name (the module's FUNCTIONS, whose addresses
 * pdfium_reader gives init) */
static const struct { void **var; const char *name; } FUNCTIONS[] = {
    {(void **)&p_is_generated, "FPDFText_IsGenerated"},
    {(void **)&p_text_object, "FPDFText_GetTextObject"},
    {(void **)&p_loose_box, "FPDFText_GetLooseCharBox"},
    {(void **)&p_origin, "FPDFText_GetCharOrigin"},
    {(void **)&p_font, "FPDFTextObj_GetFont"},
    {(void **)&p_font_size, "FPDFTextObj_GetFontSize"},
    {(void **)&p_matrix, "FPDFText_GetMatrix"},
    {(void **)&p_count_segments, "FPDFPath_CountSegments"},
    {(void **)&p_segment, "FPDFPath_GetPathSegment"},
    {(void **)&p_seg_type, "FPDFPathSegment_GetType"},
    {(void **)&p_seg_point, "FPDFPathSegment_GetPoint"},
    {(void **)&p_seg_close, "FPDFPathSegment_GetClose"},
    {(void **)&p_page_count, "FPDFPage_CountObjects"},
    {(void **)&p_page_object, "FPDFPage_GetObject"},
    {(void **)&p_form_count, "FPDFFormObj_CountObjects"},
    {(void **)&p_form_object, "FPDFFormObj_GetObject"},
    {(void **)&p_object_type, "FPDFPageObj_GetType"},
    {(void **)&p_object_matrix, "FPDFPageObj_GetMatrix"},
    {(void **)&p_draw_mode, "FPDFPath_GetDrawMode"},
    {(void **)&p_stroke_width, "FPDFPageObj_GetStrokeWidth"},
};
#define N_FUNCTIONS (sizeof FUNCTIONS / sizeof FUNCTIONS[0])

/* init({name: address}): the pdfium functions, from the library pypdfium2 loaded. */
static PyObject *py_init(PyObject *self, PyObject *d) {
    if (!PyDict_Check(d)) {
        PyErr_SetString(PyExc_TypeError, "init takes a dict of addresses");
        return NULL;
    }
    for (size_t j = 0; j < N_FUNCTIONS; j++)
        if (!(*FUNCTIONS[j].var = address(d, FUNCTIONS[j].name))) return NULL;
    ready = 1;
    Py_RETURN_NONE;
}

static int set_float(PyObject *d, PyObject *k, double v) {
    PyObject *f = PyFloat_FromDouble(v);
    if (!f) return -1;
    int r = PyDict_SetItem(d, k, f);
    Py_DECREF(f);
    return r;
}

/* the characters pdfium may add between words and lines (pdfium_reader._GENERATED_OK: the module's
 * GENERATED_OK, tests/test_speedups.py pins them equal) */
static const Py_UCS4 GENERATED_OK[] = {' ', '\r', '\n', 0x02, 0xfffe};
#define N_GENERATED_OK (sizeof GENERATED_OK / sizeof GENERATED_OK[0])

static int generated_candidate(PyObject *text) {
    if (PyUnicode_GET_LENGTH(text) != 1) return 0;
    Py_UCS4 c = PyUnicode_READ_CHAR(text, 0);
    for (size_t j = 0; j < N_GENERATED_OK; j++)
        if (c == GENERATED_OK[j]) return 1;
    return 0;
}

/* chars(textpage, texts, ctm, height, number, doctop, fonts, make_font) -> [char dict]
 * pdfium_reader._chars's loop over a loaded text page (its address); texts: one str a character
 * (pdfium_reader._text_of); fonts: {font address: (name, descent, widths)}, make_font(address)
 * filling it for a font not yet seen (pdfium_reader._font). */
static PyObject *py_chars(PyObject *self, PyObject *args) {
    PyObject *tpo, *texts, *number, *fonts, *make_font;
    double ta, tb, tc, td, te, tf, height, doctop;
    if (!ready) {
        PyErr_SetString(PyExc_RuntimeError, "init() first");
        return NULL;
    }
    if (!PyArg_ParseTuple(args, "OO!(dddddd)dOdO!O", &tpo, &PyList_Type, &texts, &ta, &tb, &tc, &td, &te, &tf,
                          &height, &number, &doctop, &PyDict_Type, &fonts, &make_font))
        return NULL;
    H tp = PyLong_AsVoidPtr(tpo);
    if (!tp && PyErr_Occurred()) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(texts);
    PyObject *out = PyList_New(0);
    if (!out) return NULL;
    PyObject *last_got = NULL, *name = v_empty, *widths = Py_None;
    Py_INCREF(name);
    Py_INCREF(widths);
    int first = 1, have_state = 0, py_valid = 0, straight = 1, upright = 1;
    H last_obj = NULL;
    double st[5] = {0, 0, 0, 0, 0}, last_py = 0.0, ry0 = 0.0, ry1 = 0.0, m0 = 1.0, m3 = 1.0;
    double mm[4] = {1.0, 0.0, 0.0, 1.0}, descent = 0.0, size = 0.0;
    double l = 0.0, r_ = 0.0, b_ = 0.0, t_ = 0.0;
    FS_MATRIX mat = {0, 0, 0, 0, 0, 0};
    FS_RECTF box = {0, 0, 0, 0};
    float fs = 0.0f;
    double ox = 0.0, oy = 0.0;

    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *text = PyList_GET_ITEM(texts, i);
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "texts: one str a character");
            goto fail;
        }
        if (generated_candidate(text) && p_is_generated(tp, (int)i))
            continue;
        H obj = p_text_object(tp, (int)i);
        if (first || obj != last_obj) {
            first = 0;
            last_obj = obj;
            if (!obj) {
                py_valid = 0;
                continue;
            }
            H font = p_font(obj);
            PyObject *key = PyLong_FromVoidPtr(font);
            if (!key) goto fail;
            PyObject *got = PyDict_GetItemWithError(fonts, key);
            if (got) {
                Py_INCREF(got);
            } else if (PyErr_Occurred()) {
                Py_DECREF(key);
                goto fail;
            } else {
                got = PyObject_CallOneArg(make_font, key);
            }
            Py_DECREF(key);
            if (!got) goto fail;
            if (got != last_got) {
                if (!PyTuple_Check(got) || PyTuple_GET_SIZE(got) != 3) {
                    Py_DECREF(got);
                    PyErr_SetString(PyExc_TypeError, "a font: (name, descent, widths)");
                    goto fail;
                }
                Py_XDECREF(last_got);
                last_got = got;  /* holds the reference */
                py_valid = 0;
                Py_SETREF(name, Py_NewRef(PyTuple_GET_ITEM(got, 0)));
                descent = PyFloat_AsDouble(PyTuple_GET_ITEM(got, 1));
                if (descent == -1.0 && PyErr_Occurred()) goto fail;
                Py_SETREF(widths, Py_NewRef(PyTuple_GET_ITEM(got, 2)));
            } else {
                Py_DECREF(got);
            }
            p_matrix(tp, (int)i, &mat);
            double s4 = p_font_size(obj, &fs) ? (double)fs : 0.0;
            double now[5] = {(double)mat.a, (double)mat.b, (double)mat.c, (double)mat.d, s4};
            if (!have_state || now[0] != st[0] || now[1] != st[1] || now[2] != st[2] || now[3] != st[3] ||
                now[4] != st[4]) {
                have_state = 1;
                memcpy(st, now, sizeof st);
                py_valid = 0;
                double a = now[0], b = now[1], c = now[2], d = now[3];
                size = now[4];
                mm[0] = a * ta + b * tc;
                mm[1] = a * tb + b * td;
                mm[2] = c * ta + d * tc;
                mm[3] = c * tb + d * td;
                upright = mm[0] * mm[3] > 0 && mm[1] * mm[2] <= 0;
                straight = mm[1] == 0 && mm[2] == 0;
                m0 = mm[0];
                m3 = mm[3];
            }
        }
        if (!obj) continue;
        p_origin(tp, (int)i, &ox, &oy);
        double X = ox, Y = oy;
        double px = X * ta + Y * tc + te, py = X * tb + Y * td + tf;
        int have_em = 0;
        double em = 0.0, x0, x1, y0, y1;
        if (widths != Py_None && straight) {
            PyObject *w = PyObject_CallOneArg(widths, text);
            if (!w) goto fail;
            if (w != Py_None) {
                em = PyFloat_AsDouble(w);
                have_em = 1;
            }
            Py_DECREF(w);
            if (have_em && em == -1.0 && PyErr_Occurred()) goto fail;
        }
        if (have_em) {
            if (m0 >= 0) {
                x0 = px;
                x1 = px + em * size * m0;
            } else {
                x0 = px + em * size * m0;
                x1 = px;
            }
        } else {
            p_loose_box(tp, (int)i, &box);
            l = box.left;
            r_ = box.right;
            b_ = box.bottom;
            t_ = box.top;
        }
        if (straight) {
            if (!have_em) {
                x0 = l * ta + b_ * tc + te;
                x1 = r_ * ta + t_ * tc + te;
                if (x1 < x0) {
                    double s = x0;
                    x0 = x1;
                    x1 = s;
                }
            }
            if (!py_valid || py != last_py) {
                py_valid = 1;
                last_py = py;
                double lo = py + m3 * size * descent;
                double hi = lo + m3 * size;
                if (lo <= hi) {
                    y0 = lo;
                    y1 = hi;
                } else {
                    y0 = hi;
                    y1 = lo;
                }
                if (round3(y0, &ry0) < 0 || round3(y1, &ry1) < 0) goto fail;
            }
            if (round3(x0, &x0) < 0 || round3(x1, &x1) < 0) goto fail;
            y0 = ry0;
            y1 = ry1;
        } else {
            double cx[4], cy[4];
            double X2s[4] = {l, r_, l, r_}, Y2s[4] = {b_, t_, t_, b_};
            for (int j = 0; j < 4; j++) {
                cx[j] = X2s[j] * ta + Y2s[j] * tc + te;
                cy[j] = X2s[j] * tb + Y2s[j] * td + tf;
            }
            x0 = x1 = cx[0];
            y0 = y1 = cy[0];
            for (int j = 1; j < 4; j++) {  /* min() and max() as Python's: replaced only by a smaller / larger */
                if (cx[j] < x0) x0 = cx[j];
                if (cx[j] > x1) x1 = cx[j];
                if (cy[j] < y0) y0 = cy[j];
                if (cy[j] > y1) y1 = cy[j];
            }
            if (round3(x0, &x0) < 0 || round3(x1, &x1) < 0 || round3(y0, &y0) < 0 || round3(y1, &y1) < 0)
                goto fail;
        }
        double top = height - y1, w = x1 - x0, h = y1 - y0;
        PyObject *ch = PyDict_New();
        if (!ch) goto fail;
        if (PyDict_SetItem(ch, k_text, text) < 0 || set_float(ch, k_x0, x0) < 0 || set_float(ch, k_x1, x1) < 0 ||
            set_float(ch, k_y0, y0) < 0 || set_float(ch, k_y1, y1) < 0 || set_float(ch, k_top, top) < 0 ||
            set_float(ch, k_bottom, height - y0) < 0 || set_float(ch, k_doctop, doctop + top) < 0 ||
            set_float(ch, k_width, w) < 0 || set_float(ch, k_height, h) < 0 ||
            set_float(ch, k_size, straight || upright ? h : w) < 0 || PyDict_SetItem(ch, k_fontname, name) < 0 ||
            PyDict_SetItem(ch, k_upright, upright ? Py_True : Py_False) < 0 ||
            PyDict_SetItem(ch, k_object_type, v_char) < 0 || PyDict_SetItem(ch, k_page_number, number) < 0) {
            Py_DECREF(ch);
            goto fail;
        }
        /* layout.off_axes(m): turned off the axes (a diagonal watermark), not sheared (italic) */
        if (!straight && mm[1] != 0 && mm[2] != 0 && fabs(mm[1]) > 0.1 * fabs(mm[0])) {
            if (PyDict_SetItem(ch, k_slanted, Py_True) < 0) {
                Py_DECREF(ch);
                goto fail;
            }
        }
        /* a turned character's matrix in page space (a, b, c, d): which way it reads (extract/turned.py) */
        if (!straight) {
            PyObject *mt = Py_BuildValue("(dddd)", mm[0], mm[1], mm[2], mm[3]);
            int bad = !mt || PyDict_SetItem(ch, k_matrix, mt) < 0;
            Py_XDECREF(mt);
            if (bad) {
                Py_DECREF(ch);
                goto fail;
            }
        }
        int r = PyList_Append(out, ch);
        Py_DECREF(ch);
        if (r < 0) goto fail;
    }
    Py_XDECREF(last_got);
    Py_DECREF(name);
    Py_DECREF(widths);
    return out;
fail:
    Py_XDECREF(last_got);
    Py_DECREF(name);
    Py_DECREF(widths);
    Py_DECREF(out);
    return NULL;
}

/* indent(text, indent, level) -> str: json.dumps(obj, ensure_ascii=False)'s one line (`text`,
 * separators ", " and ": ") as json.dumps(obj, ensure_ascii=False, indent=indent) writes it,
 * every line break followed by `level` more steps of indent (an item nested that deep, as
 * emit/jsonout.object_chunks writes it). The standard library's encoder in C writes one line
 * only (Python 3.11); its pure-Python encoder is what writes an indent. The layout it writes:
 * an empty [] or {} as is; otherwise a line break and one step more after [ and {, a line break
 * and one step less before ] and }, "," and a line break between items (", " on one line);
 * strings copied (a line break inside one is written \n: never a raw one). */
static PyObject *py_indent(PyObject *self, PyObject *args) {
    PyObject *text;
    Py_ssize_t step, base;
    if (!PyArg_ParseTuple(args, "Unn", &text, &step, &base)) return NULL;
    if (step < 0 || base < 0) {
        PyErr_SetString(PyExc_ValueError, "indent and level must not be negative");
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    PyObject *out = NULL;
    Py_ssize_t size = 0;
    void *odata = NULL;
    int okind = 0;
    for (int pass = 0; pass < 2; pass++) {
        Py_ssize_t o = 0, level = base;
        int in_str = 0;
#define PUT(c) do { if (pass) PyUnicode_WRITE(okind, odata, o, (c)); o++; } while (0)
#define BREAK(lv) do { PUT('\n'); Py_ssize_t sp_ = step * (lv); for (Py_ssize_t q_ = 0; q_ < sp_; q_++) PUT(' '); } while (0)
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i);
            if (in_str) {
                PUT(c);
                if (c == '\\') {
                    if (i + 1 < n) {
                        i++;
                        PUT(PyUnicode_READ(kind, data, i));
                    }
                } else if (c == '"') {
                    in_str = 0;
                }
                continue;
            }
            switch (c) {
            case '"':
                in_str = 1;
                PUT(c);
                break;
            case '[':
            case '{': {
                Py_UCS4 close = c == '[' ? ']' : '}';
                if (i + 1 < n && PyUnicode_READ(kind, data, i + 1) == close) {
                    PUT(c);
                    PUT(close);
                    i++;
                } else {
                    PUT(c);
                    level++;
                    BREAK(level);
                }
                break;
            }
            case ']':
            case '}':
                level--;
                BREAK(level);
                PUT(c);
                break;
            case ',':
                PUT(',');
                if (i + 1 < n && PyUnicode_READ(kind, data, i + 1) == ' ') i++;
                BREAK(level);
                break;
            default:
                PUT(c);
            }
        }
#undef BREAK
#undef PUT
        if (!pass) {
            size = o;
            out = PyUnicode_New(size, PyUnicode_MAX_CHAR_VALUE(text));
            if (!out) return NULL;
            okind = PyUnicode_KIND(out);
            odata = PyUnicode_DATA(out);
        }
    }
    return out;
}


static PyObject *k_pts, *k_linewidth, *k_stroke, *k_fill, *k_evenodd, *v_line, *v_rect, *v_curve, *v_image;

typedef struct {
    char *op;
    double *x, *y;
    Py_ssize_t n, cap;
} Sub;

static int sub_add(Sub *s, char op, double x, double y) {
    if (s->n == s->cap) {
        Py_ssize_t cap = s->cap ? s->cap * 2 : 16;
        char *o = PyMem_Realloc(s->op, cap);
        if (!o) return -1;
        s->op = o;
        double *nx = PyMem_Realloc(s->x, cap * sizeof(double));
        if (!nx) return -1;
        s->x = nx;
        double *ny = PyMem_Realloc(s->y, cap * sizeof(double));
        if (!ny) return -1;
        s->y = ny;
        s->cap = cap;
    }
    s->op[s->n] = op;
    s->x[s->n] = x;
    s->y[s->n] = y;
    s->n++;
    return 0;
}

typedef struct {
    double a, b, c, d, e, f, height, doctop;
    PyObject *number, *linewidth, *stroke, *fill, *evenodd, *out;
} Paint;

static int shape_is(const Sub *s, Py_ssize_t n, const char *want) {
    return (Py_ssize_t)strlen(want) == n && memcmp(s->op, want, n) == 0;
}

/* pdfium_reader._subpath: one subpath as pdfminer's paint_path makes it (a line, a rect or a
 * curve, into out[kind]). */
static int emit_subpath(Sub *s, const Paint *pp) {
    Py_ssize_t n = s->n;
    if (n < 2 || s->op[0] != 'm') return 0;
    double *X = PyMem_Malloc(n * sizeof(double)), *Y = PyMem_Malloc(n * sizeof(double));
    int rc = -1;
    PyObject *d = NULL, *pts = NULL;
    if (!X || !Y) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t j = 0; j < n; j++) {
        double px = s->x[j], py = s->y[j];
        if (round3(px * pp->a + py * pp->c + pp->e, &X[j]) < 0) goto done;
        if (round3(px * pp->b + py * pp->d + pp->f, &Y[j]) < 0) goto done;
    }
    if (n > 3 && s->op[n - 2] == 'l' && s->op[n - 1] == 'h' && X[n - 2] == X[0] && Y[n - 2] == Y[0]) {
        s->op[n - 2] = 'h';  /* "...lh" -> "...h", the last point dropped */
        n -= 1;
    }
    PyObject *kind = v_curve;
    if (shape_is(s, n, "mlh") || shape_is(s, n, "ml")) {
        kind = v_line;
        n = 2;
    } else if (shape_is(s, n, "mlllh") || shape_is(s, n, "mllll")) {
        double x0 = X[0], y0 = Y[0], x1 = X[1], y1 = Y[1], x2 = X[2], y2 = Y[2], x3 = X[3], y3 = Y[3];
        if (X[0] == X[4] && Y[0] == Y[4] &&
            ((x0 == x1 && y1 == y2 && x2 == x3 && y3 == y0) || (y0 == y1 && x1 == x2 && y2 == y3 && x3 == x0)))
            kind = v_rect;
    }
    double x0, x1, y0, y1;
    if (kind == v_rect) {
        x0 = X[0]; x1 = X[2];
        if (x1 < x0) { x0 = X[2]; x1 = X[0]; }
        y0 = Y[0]; y1 = Y[2];
        if (y1 < y0) { y0 = Y[2]; y1 = Y[0]; }
    } else {
        x0 = x1 = X[0];
        y0 = y1 = Y[0];
        for (Py_ssize_t j = 1; j < n; j++) {
            if (X[j] < x0) x0 = X[j];
            if (X[j] > x1) x1 = X[j];
            if (Y[j] < y0) y0 = Y[j];
            if (Y[j] > y1) y1 = Y[j];
        }
    }
    double top = pp->height - y1;
    pts = PyList_New(n);
    if (!pts) goto done;
    for (Py_ssize_t j = 0; j < n; j++) {
        PyObject *t = Py_BuildValue("(dd)", X[j], pp->height - Y[j]);
        if (!t) goto done;
        PyList_SET_ITEM(pts, j, t);
    }
    d = PyDict_New();
    if (!d) goto done;
    if (set_float(d, k_x0, x0) < 0 || set_float(d, k_y0, y0) < 0 || set_float(d, k_x1, x1) < 0 ||
        set_float(d, k_y1, y1) < 0 || set_float(d, k_width, x1 - x0) < 0 || set_float(d, k_height, y1 - y0) < 0 ||
        set_float(d, k_top, top) < 0 || set_float(d, k_bottom, pp->height - y0) < 0 ||
        set_float(d, k_doctop, pp->doctop + top) < 0 || PyDict_SetItem(d, k_pts, pts) < 0 ||
        PyDict_SetItem(d, k_linewidth, pp->linewidth) < 0 || PyDict_SetItem(d, k_stroke, pp->stroke) < 0 ||
        PyDict_SetItem(d, k_fill, pp->fill) < 0 || PyDict_SetItem(d, k_evenodd, pp->evenodd) < 0 ||
        PyDict_SetItem(d, k_object_type, kind) < 0 || PyDict_SetItem(d, k_page_number, pp->number) < 0)
        goto done;
    PyObject *list = PyDict_GetItemWithError(pp->out, kind);
    if (!list) {
        if (!PyErr_Occurred()) PyErr_SetObject(PyExc_KeyError, kind);
        goto done;
    }
    if (PyList_Append(list, d) < 0) goto done;
    rc = 0;
done:
    PyMem_Free(X);
    PyMem_Free(Y);
    Py_XDECREF(pts);
    Py_XDECREF(d);
    return rc;
}

/* pdfium_reader._path's walk over one painted path object's segments, and _subpath for each
 * subpath (into pp->out["line"|"rect"|"curve"]); *x, *y the point pdfium gave last (kept where a
 * segment gives none, as the ctypes out-parameters keep it, across the page's objects). */
static int walk_path(H obj, Paint *pp, float *x, float *y) {
    Sub sub = {NULL, NULL, NULL, 0, 0};
    int n = p_count_segments(obj), k = 0, have_start = 0;
    double sx = 0.0, sy = 0.0;
    while (k < n) {
        H seg = p_segment(obj, k);
        int t = p_seg_type(seg);
        if (t == SEGMENT_BEZIERTO && k + 2 < n) {
            k += 2;
            seg = p_segment(obj, k);
        }
        p_seg_point(seg, x, y);
        double px = *x, py = *y;
        if (t == SEGMENT_MOVETO) {
            if (sub.n && emit_subpath(&sub, pp) < 0) goto fail;
            sub.n = 0;
            if (sub_add(&sub, 'm', px, py) < 0) goto nomem;
            sx = px;
            sy = py;
            have_start = 1;
            k += 1;
            continue;
        }
        int closed = p_seg_close(seg);
        /* ("h", start) with no start (no move before): such a subpath does not begin with "m" and is dropped */
        if (t == SEGMENT_BEZIERTO) {
            if (sub_add(&sub, 'c', px, py) < 0) goto nomem;
            if (closed && sub_add(&sub, 'h', sx, sy) < 0) goto nomem;
        } else if (closed && have_start && px == sx && py == sy) {
            if (sub_add(&sub, 'h', sx, sy) < 0) goto nomem;
        } else {
            if (sub_add(&sub, 'l', px, py) < 0) goto nomem;
            if (closed && sub_add(&sub, 'h', sx, sy) < 0) goto nomem;
        }
        k += 1;
    }
    if (sub.n && emit_subpath(&sub, pp) < 0) goto fail;
    PyMem_Free(sub.op);
    PyMem_Free(sub.x);
    PyMem_Free(sub.y);
    return 0;
nomem:
    PyErr_NoMemory();
fail:
    PyMem_Free(sub.op);
    PyMem_Free(sub.x);
    PyMem_Free(sub.y);
    return -1;
}

/* pdfium_reader._matrix then _mult(matrix, ctm): an object's matrix (the identity where pdfium
 * gives none), then the page's. */
static void placed(H obj, const double *ctm, double *m) {
    FS_MATRIX fm;
    double a = 1.0, b = 0.0, c = 0.0, d = 1.0, e = 0.0, f = 0.0;
    if (p_object_matrix(obj, &fm)) {
        a = fm.a; b = fm.b; c = fm.c; d = fm.d; e = fm.e; f = fm.f;
    }
    double a2 = ctm[0], b2 = ctm[1], c2 = ctm[2], d2 = ctm[3], e2 = ctm[4], f2 = ctm[5];
    m[0] = a * a2 + b * c2;
    m[1] = a * b2 + b * d2;
    m[2] = c * a2 + d * c2;
    m[3] = c * b2 + d * d2;
    m[4] = e * a2 + f * c2 + e2;
    m[5] = e * b2 + f * d2 + f2;
}

#define PAGEOBJ_PATH 2
#define PAGEOBJ_IMAGE 3
#define PAGEOBJ_FORM 5

typedef struct {
    double height, doctop;
    PyObject *number, *out, *images;
    float x, y;
} Walk;

/* pdfium_reader._image: an image's bounds (the unit square placed by m) into out["image"]. */
static int add_image(const double *m, Walk *w) {
    double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5];
    double px[4] = {e, a + e, c + e, a + c + e}, py[4] = {f, b + f, d + f, b + d + f};
    double x0 = px[0], x1 = px[0], y0 = py[0], y1 = py[0];
    for (int j = 1; j < 4; j++) {
        if (px[j] < x0) x0 = px[j];
        if (px[j] > x1) x1 = px[j];
        if (py[j] < y0) y0 = py[j];
        if (py[j] > y1) y1 = py[j];
    }
    if (round3(x0, &x0) < 0 || round3(x1, &x1) < 0 || round3(y0, &y0) < 0 || round3(y1, &y1) < 0) return -1;
    PyObject *dct = PyDict_New();
    if (!dct) return -1;
    int rc = -1;
    if (set_float(dct, k_x0, x0) < 0 || set_float(dct, k_x1, x1) < 0 || set_float(dct, k_y0, y0) < 0 ||
        set_float(dct, k_y1, y1) < 0 || set_float(dct, k_top, w->height - y1) < 0 ||
        set_float(dct, k_bottom, w->height - y0) < 0 || set_float(dct, k_doctop, w->doctop + w->height - y1) < 0 ||
        set_float(dct, k_width, x1 - x0) < 0 || set_float(dct, k_height, y1 - y0) < 0 ||
        PyDict_SetItem(dct, k_object_type, v_image) < 0 || PyDict_SetItem(dct, k_page_number, w->number) < 0)
        goto done;
    rc = PyList_Append(w->images, dct);
done:
    Py_DECREF(dct);
    return rc;
}

/* pdfium_reader._paths: the objects of a page (form NULL) or of a form object, in order. */
static int walk_objects(H page, H form, const double *ctm, Walk *w) {
    if (Py_EnterRecursiveCall(" reading nested form XObjects")) return -1;
    int rc = -1;
    int count = form ? p_form_count(form) : p_page_count(page);
    for (int k = 0; k < count; k++) {
        H obj = form ? p_form_object(form, (unsigned long)k) : p_page_object(page, k);
        if (!obj) continue;
        int kind = p_object_type(obj);
        double m[6];
        if (kind == PAGEOBJ_PATH) {
            placed(obj, ctm, m);
            int fillmode = 0, strk = 0;
            if (!p_draw_mode(obj, &fillmode, &strk)) continue;
            int fill = fillmode != 0, evenodd = fillmode == 1, stroke = strk != 0;
            if (!fill && !stroke) continue;  /* a clipping path only: pdfminer paints nothing for `n` */
            float lw = 0.0f;
            double linewidth = p_stroke_width(obj, &lw) ? (double)lw : 0.0;
            Paint pp = {m[0], m[1], m[2], m[3], m[4], m[5], w->height, w->doctop, w->number, NULL,
                        stroke ? Py_True : Py_False, fill ? Py_True : Py_False, evenodd ? Py_True : Py_False, w->out};
            pp.linewidth = PyFloat_FromDouble(linewidth);
            if (!pp.linewidth) goto done;
            int r = walk_path(obj, &pp, &w->x, &w->y);
            Py_DECREF(pp.linewidth);
            if (r < 0) goto done;
        } else if (kind == PAGEOBJ_FORM) {
            placed(obj, ctm, m);
            if (walk_objects(page, obj, m, w) < 0) goto done;
        } else if (kind == PAGEOBJ_IMAGE) {
            placed(obj, ctm, m);
            if (add_image(m, w) < 0) goto done;
        }
    }
    rc = 0;
done:
    Py_LeaveRecursiveCall();
    return rc;
}

/* paths(page, ctm, height, number, doctop, out): pdfium_reader._paths over a loaded page (its
 * address): every painted path's subpaths into out["line"|"rect"|"curve"] and every image's
 * bounds into out["image"], forms followed, as the ctypes walk makes them. */
static PyObject *py_paths(PyObject *self, PyObject *args) {
    PyObject *pageo;
    double ctm[6];
    Walk w;
    if (!ready) {
        PyErr_SetString(PyExc_RuntimeError, "init() first");
        return NULL;
    }
    if (!PyArg_ParseTuple(args, "O(dddddd)dOdO!", &pageo, &ctm[0], &ctm[1], &ctm[2], &ctm[3], &ctm[4], &ctm[5],
                          &w.height, &w.number, &w.doctop, &PyDict_Type, &w.out))
        return NULL;
    H page = PyLong_AsVoidPtr(pageo);
    if (!page && PyErr_Occurred()) return NULL;
    w.images = PyDict_GetItemWithError(w.out, v_image);
    if (!w.images || !PyList_Check(w.images)) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_KeyError, "out[\"image\"]: a list");
        return NULL;
    }
    w.x = w.y = 0.0f;
    if (walk_objects(page, NULL, ctm, &w) < 0) return NULL;
    Py_RETURN_NONE;
}


/* near_twins(chars) -> bool, or None where it declines (a key not str, str, float; a position
 * not finite or beyond 2**52): extract/pdf.py's _has_near_twins, whether two characters with the
 * same (text, fontname, size) fall in one 1pt square (floor of top, floor of x0) or in
 * neighbouring ones. The keys compared as Python compares them (strings by value, sizes by ==). */
typedef struct {
    PyObject *text, *font;
    double size;
    long long y, x;
    Py_hash_t h;
    int used;
} Square;

static Py_hash_t square_hash(Py_hash_t kh, long long y, long long x) {
    uint64_t v = (uint64_t)kh * 0x9E3779B97F4A7C15ULL;
    v ^= (uint64_t)y * 0xC2B2AE3D27D4EB4FULL + 0x165667B19E3779F9ULL;
    v ^= (uint64_t)x * 0x27D4EB2F165667C5ULL;
    v ^= v >> 29;
    return (Py_hash_t)(v & 0x7FFFFFFFFFFFFFFFULL);
}

static int same_key(const Square *a, PyObject *text, PyObject *font, double size) {
    if (a->size != size) return 0;
    if (a->text != text && PyUnicode_Compare(a->text, text) != 0) return 0;
    if (a->font != font && PyUnicode_Compare(a->font, font) != 0) return 0;
    return 1;
}

/* 1: found, 0: not; with add, the square goes in when not found */
static int probe(Square *tab, size_t mask, Py_hash_t kh, PyObject *text, PyObject *font, double size, long long y,
                 long long x, int add) {
    Py_hash_t h = square_hash(kh, y, x);
    size_t i = (size_t)h & mask;
    while (tab[i].used) {
        if (tab[i].h == h && tab[i].y == y && tab[i].x == x && same_key(&tab[i], text, font, size)) return 1;
        i = (i + 1) & mask;
    }
    if (add) {
        tab[i].used = 1;
        tab[i].h = h;
        tab[i].text = text;
        tab[i].font = font;
        tab[i].size = size;
        tab[i].y = y;
        tab[i].x = x;
    }
    return 0;
}

static PyObject *py_near_twins(PyObject *self, PyObject *chars) {
    if (!PyList_Check(chars)) Py_RETURN_NONE;
    Py_ssize_t n = PyList_GET_SIZE(chars);
    if (n < 2) {
        /* (a single character: no pair; the Python code would still raise on a position that is not a number) */
        if (n == 0) Py_RETURN_FALSE;
        Py_RETURN_NONE;
    }
    size_t cap = 16;
    while (cap < (size_t)n * 2) cap <<= 1;
    Square *tab = PyMem_Calloc(cap, sizeof(Square));
    long long *ys = PyMem_Malloc(n * sizeof(long long)), *xs = PyMem_Malloc(n * sizeof(long long));
    Py_hash_t *khs = PyMem_Malloc(n * sizeof(Py_hash_t));
    PyObject **texts = PyMem_Malloc(n * sizeof(PyObject *)), **fonts = PyMem_Malloc(n * sizeof(PyObject *));
    double *sizes = PyMem_Malloc(n * sizeof(double));
    PyObject *result = NULL;
    if (!tab || !ys || !xs || !khs || !texts || !fonts || !sizes) {
        PyErr_NoMemory();
        goto done;
    }
    size_t mask = cap - 1;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *ch = PyList_GET_ITEM(chars, i);
        if (!PyDict_CheckExact(ch)) goto decline;
        PyObject *text = PyDict_GetItemWithError(ch, k_text), *font = PyDict_GetItemWithError(ch, k_fontname),
                 *size = PyDict_GetItemWithError(ch, k_size), *top = PyDict_GetItemWithError(ch, k_top),
                 *x0 = PyDict_GetItemWithError(ch, k_x0);
        if (PyErr_Occurred()) goto done;
        if (!text || !font || !size || !top || !x0 || !PyUnicode_CheckExact(text) || !PyUnicode_CheckExact(font) ||
            !PyFloat_CheckExact(size) || !PyFloat_CheckExact(top) || !PyFloat_CheckExact(x0))
            goto decline;
        double t = PyFloat_AS_DOUBLE(top), x = PyFloat_AS_DOUBLE(x0), sz = PyFloat_AS_DOUBLE(size);
        if (!isfinite(t) || !isfinite(x) || fabs(t) > 4503599627370496.0 || fabs(x) > 4503599627370496.0 || isnan(sz))
            goto decline;
        Py_hash_t h1 = PyObject_Hash(text), h2 = PyObject_Hash(font);
        if (h1 == -1 || h2 == -1) goto done;
        double szk = sz == 0.0 ? 0.0 : sz;  /* 0.0 and -0.0 one key, as == has them */
        uint64_t bits;
        memcpy(&bits, &szk, sizeof bits);
        khs[i] = (Py_hash_t)(((uint64_t)h1 * 1000003ULL) ^ ((uint64_t)h2 * 0x100000001B3ULL) ^ (bits * 0x9E3779B1ULL));
        ys[i] = (long long)floor(t);
        xs[i] = (long long)floor(x);
        texts[i] = text;  /* (borrowed: the list holds the dicts, which hold them) */
        fonts[i] = font;
        sizes[i] = sz;
        if (probe(tab, mask, khs[i], text, font, sz, ys[i], xs[i], 1)) {
            result = Py_NewRef(Py_True);  /* two in one square */
            goto done;
        }
    }
    static const int shifts[4][2] = {{0, 1}, {1, -1}, {1, 0}, {1, 1}};
    for (int s = 0; s < 4; s++) {
        for (Py_ssize_t i = 0; i < n; i++) {
            if (probe(tab, mask, khs[i], texts[i], fonts[i], sizes[i], ys[i] + shifts[s][0], xs[i] + shifts[s][1], 0)) {
                result = Py_NewRef(Py_True);
                goto done;
            }
        }
    }
    result = Py_NewRef(Py_False);
    goto done;
decline:
    result = Py_NewRef(Py_None);
done:
    PyMem_Free(tab);
    PyMem_Free(ys);
    PyMem_Free(xs);
    PyMem_Free(khs);
    PyMem_Free(texts);
    PyMem_Free(fonts);
    PyMem_Free(sizes);
    return result;
}


/* cells(intersections) -> [cell] or None where it declines (a point or an edge's box not plain
 * floats, or not numbers): pdfium_reader.intersections_to_cells, pdfplumber's
 * intersections_to_cells (0.11.10): for each intersection in sorted order, the smallest cell it is
 * the top-left corner of, trying the points below and to the right in the original's order. Two
 * points connect when they share a vertical (same x) or horizontal (same y) edge, edges being
 * the same when their boxes are (numbered here once an edge). */
typedef struct {
    const void *key;  /* an edge dict (by identity) */
    double box[4];
    long num;
    int used;
} Slot;

static uint64_t mix64(uint64_t v) {
    v ^= v >> 33;
    v *= 0xff51afd7ed558ccdULL;
    v ^= v >> 33;
    v *= 0xc4ceb9fe1a85ec53ULL;
    v ^= v >> 33;
    return v;
}

static uint64_t dbits(double d) {
    uint64_t b;
    if (d == 0.0) d = 0.0;  /* -0.0 and 0.0 one key, as == has them */
    memcpy(&b, &d, sizeof b);
    return b;
}

typedef struct {
    Slot *by_edge, *by_box;
    size_t cap, edges;  /* slots in each table; edges numbered (by_edge's entries: more than the boxes) */
    long next;
} Numbering;

static int grow_numbering(Numbering *nb);

/* the number of an edge's box; -1 and an exception, or -2 to decline */
static long edge_number(Numbering *nb, PyObject *e) {
    if ((nb->edges + 1) * 2 >= nb->cap && grow_numbering(nb) < 0) return -1;
    size_t mask = nb->cap - 1;
    size_t i = (size_t)mix64((uint64_t)(uintptr_t)e) & mask;
    while (nb->by_edge[i].used) {
        if (nb->by_edge[i].key == e) return nb->by_edge[i].num;
        i = (i + 1) & mask;
    }
    if (!PyDict_Check(e)) return -2;
    double box[4];
    PyObject *ks[4] = {k_x0, k_top, k_x1, k_bottom};
    for (int j = 0; j < 4; j++) {
        PyObject *v = PyDict_GetItemWithError(e, ks[j]);
        if (!v) return PyErr_Occurred() ? -1 : -2;
        if (!PyFloat_CheckExact(v)) return -2;
        box[j] = PyFloat_AS_DOUBLE(v);
        if (isnan(box[j])) return -2;
    }
    uint64_t h = mix64(dbits(box[0]) ^ mix64(dbits(box[1]) ^ mix64(dbits(box[2]) ^ mix64(dbits(box[3])))));
    size_t b = (size_t)h & mask;
    long num = -1;
    while (nb->by_box[b].used) {
        double *o = nb->by_box[b].box;
        if (o[0] == box[0] && o[1] == box[1] && o[2] == box[2] && o[3] == box[3]) {
            num = nb->by_box[b].num;
            break;
        }
        b = (b + 1) & mask;
    }
    if (num < 0) {
        num = nb->next++;
        nb->by_box[b].used = 1;
        nb->by_box[b].num = num;
        memcpy(nb->by_box[b].box, box, sizeof box);
    }
    nb->edges++;
    nb->by_edge[i].used = 1;
    nb->by_edge[i].key = e;
    nb->by_edge[i].num = num;
    memcpy(nb->by_edge[i].box, box, sizeof box);
    return num;
}

static int grow_numbering(Numbering *nb) {
    size_t cap = nb->cap ? nb->cap * 2 : 64;
    Slot *e = PyMem_Calloc(cap, sizeof(Slot)), *b = PyMem_Calloc(cap, sizeof(Slot));
    if (!e || !b) {
        PyMem_Free(e);
        PyMem_Free(b);
        PyErr_NoMemory();
        return -1;
    }
    size_t mask = cap - 1;
    for (size_t k = 0; k < nb->cap; k++) {
        if (nb->by_edge[k].used) {
            size_t i = (size_t)mix64((uint64_t)(uintptr_t)nb->by_edge[k].key) & mask;
            while (e[i].used) i = (i + 1) & mask;
            e[i] = nb->by_edge[k];
        }
        if (nb->by_box[k].used) {
            double *x = nb->by_box[k].box;
            uint64_t h = mix64(dbits(x[0]) ^ mix64(dbits(x[1]) ^ mix64(dbits(x[2]) ^ mix64(dbits(x[3])))));
            size_t i = (size_t)h & mask;
            while (b[i].used) i = (i + 1) & mask;
            b[i] = nb->by_box[k];
        }
    }
    PyMem_Free(nb->by_edge);
    PyMem_Free(nb->by_box);
    nb->by_edge = e;
    nb->by_box = b;
    nb->cap = cap;
    return 0;
}

typedef struct {
    double x, y;
    Py_ssize_t v0, v1, h0, h1;  /* its numbers: nums[v0:v1] vertical, nums[h0:h1] horizontal */
    Py_ssize_t col_end, row_next;  /* the end of its column's run; the next point on its row (-1) */
    PyObject *key;
} Pt;

static int share(const long *nums, Py_ssize_t a0, Py_ssize_t a1, Py_ssize_t b0, Py_ssize_t b1) {
    for (Py_ssize_t i = a0; i < a1; i++)
        for (Py_ssize_t j = b0; j < b1; j++)
            if (nums[i] == nums[j]) return 1;
    return 0;
}

static int connects(const Pt *p, const Pt *q, const long *nums) {
    if (p->x == q->x && share(nums, p->v0, p->v1, q->v0, q->v1)) return 1;
    return p->y == q->y && share(nums, p->h0, p->h1, q->h0, q->h1);
}

static const Pt *sort_pts;
static int by_row(const void *a, const void *b) {
    Py_ssize_t i = *(const Py_ssize_t *)a, j = *(const Py_ssize_t *)b;
    double yi = sort_pts[i].y, yj = sort_pts[j].y;
    if (yi < yj) return -1;
    if (yi > yj) return 1;
    return i < j ? -1 : i > j;
}

static Py_ssize_t find_point(const Pt *pts, Py_ssize_t n, double x, double y) {
    Py_ssize_t lo = 0, hi = n;
    while (lo < hi) {
        Py_ssize_t mid = (lo + hi) / 2;
        if (pts[mid].x < x || (pts[mid].x == x && pts[mid].y < y)) lo = mid + 1;
        else hi = mid;
    }
    return lo < n && pts[lo].x == x && pts[lo].y == y ? lo : -1;
}

static PyObject *py_cells(PyObject *self, PyObject *inter) {
    if (!PyDict_CheckExact(inter)) Py_RETURN_NONE;
    PyObject *keys = PyDict_Keys(inter), *out = NULL;
    Pt *pts = NULL;
    long *nums = NULL;
    Py_ssize_t *order = NULL, nn = 0, ncap = 0;
    Numbering nb = {NULL, NULL, 0, 0, 0};
    int decline = 0;
    if (!keys) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(keys);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *k = PyList_GET_ITEM(keys, i);
        if (!PyTuple_CheckExact(k) || PyTuple_GET_SIZE(k) != 2 || !PyFloat_CheckExact(PyTuple_GET_ITEM(k, 0)) ||
            !PyFloat_CheckExact(PyTuple_GET_ITEM(k, 1)) || isnan(PyFloat_AS_DOUBLE(PyTuple_GET_ITEM(k, 0))) ||
            isnan(PyFloat_AS_DOUBLE(PyTuple_GET_ITEM(k, 1)))) {
            decline = 1;
            goto done;
        }
    }
    if (PyList_Sort(keys) < 0) goto done;
    pts = PyMem_Calloc(n ? n : 1, sizeof(Pt));
    order = PyMem_Malloc((n ? n : 1) * sizeof(Py_ssize_t));
    if (!pts || !order || grow_numbering(&nb) < 0) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *k = PyList_GET_ITEM(keys, i);
        Pt *p = &pts[i];
        p->key = k;
        p->x = PyFloat_AS_DOUBLE(PyTuple_GET_ITEM(k, 0));
        p->y = PyFloat_AS_DOUBLE(PyTuple_GET_ITEM(k, 1));
        PyObject *val = PyDict_GetItemWithError(inter, k);
        if (!val) {
            if (!PyErr_Occurred()) decline = 1;
            goto done;
        }
        if (!PyDict_Check(val)) {
            decline = 1;
            goto done;
        }
        for (int side = 0; side < 2; side++) {
            PyObject *lst = PyDict_GetItemString(val, side ? "h" : "v");
            if (!lst || !PyList_Check(lst)) {
                decline = 1;
                goto done;
            }
            Py_ssize_t m = PyList_GET_SIZE(lst), start = nn;
            for (Py_ssize_t j = 0; j < m; j++) {
                long num = edge_number(&nb, PyList_GET_ITEM(lst, j));
                if (num == -1) goto done;
                if (num == -2) {
                    decline = 1;
                    goto done;
                }
                if (nn == ncap) {
                    ncap = ncap ? ncap * 2 : 256;
                    long *grown = PyMem_Realloc(nums, ncap * sizeof(long));
                    if (!grown) {
                        PyErr_NoMemory();
                        goto done;
                    }
                    nums = grown;
                }
                nums[nn++] = num;
            }
            if (side) { p->h0 = start; p->h1 = nn; }
            else { p->v0 = start; p->v1 = nn; }
        }
    }
    /* columns: runs of one x in the sorted points; rows: the points of one y, in sorted order */
    for (Py_ssize_t i = 0; i < n;) {
        Py_ssize_t j = i + 1;
        while (j < n && pts[j].x == pts[i].x) j++;
        for (Py_ssize_t k = i; k < j; k++) pts[k].col_end = j;
        i = j;
    }
    for (Py_ssize_t i = 0; i < n; i++) order[i] = i;
    sort_pts = pts;
    qsort(order, n, sizeof(Py_ssize_t), by_row);
    for (Py_ssize_t i = 0; i < n; i++)
        pts[order[i]].row_next = i + 1 < n && pts[order[i + 1]].y == pts[order[i]].y ? order[i + 1] : -1;
    out = PyList_New(0);
    if (!out) goto done;
    for (Py_ssize_t i = 0; i < n; i++) {
        const Pt *pt = &pts[i];
        int found = 0;
        for (Py_ssize_t b = i + 1; b < pt->col_end && !found; b++) {
            if (!connects(pt, &pts[b], nums)) continue;
            for (Py_ssize_t r = pt->row_next; r >= 0; r = pts[r].row_next) {
                if (!connects(pt, &pts[r], nums)) continue;
                Py_ssize_t c = find_point(pts, n, pts[r].x, pts[b].y);
                if (c >= 0 && connects(&pts[c], &pts[r], nums) && connects(&pts[c], &pts[b], nums)) {
                    PyObject *cell = PyTuple_Pack(4, PyTuple_GET_ITEM(pt->key, 0), PyTuple_GET_ITEM(pt->key, 1),
                                                  PyTuple_GET_ITEM(pts[r].key, 0), PyTuple_GET_ITEM(pts[b].key, 1));
                    if (!cell || PyList_Append(out, cell) < 0) {
                        Py_XDECREF(cell);
                        Py_CLEAR(out);
                        goto done;
                    }
                    Py_DECREF(cell);
                    found = 1;
                    break;
                }
            }
        }
    }
done:
    Py_DECREF(keys);
    PyMem_Free(pts);
    PyMem_Free(order);
    PyMem_Free(nums);
    PyMem_Free(nb.by_edge);
    PyMem_Free(nb.by_box);
    if (decline && !PyErr_Occurred()) {
        Py_XDECREF(out);
        Py_RETURN_NONE;
    }
    return out;
}

/* ------------------------------------------------------------------ layout: rows and placing
 * rows_of(chars) -> [[char]] or None where it declines: extract/layout.py's rows_of (characters
 * grouped into printed lines by vertical overlap, each sorted left to right), for characters that
 * are plain dicts with finite float top, bottom and x0; anything else is declined and the Python
 * code runs (and raises where it would). The same steps: the characters in the order of
 * (round(top), x0, index), each joined to the last of the latest three lines whose span (widened
 * by 1 pt) holds its middle, the spans grown by it; each line then sorted by x0 (ties in the order
 * joined, as Python's sort is stable) and the lines by the top of their spans (ties in the order
 * made). */
typedef struct {
    double key;  /* round(top) (or a line's rank), then x0, then seq */
    double x0;
    Py_ssize_t seq;
    Py_ssize_t idx;
} RowItem;

static int by_key_x0_seq(const void *a, const void *b) {
    const RowItem *p = a, *q = b;
    if (p->key < q->key) return -1;
    if (p->key > q->key) return 1;
    if (p->x0 < q->x0) return -1;
    if (p->x0 > q->x0) return 1;
    return p->seq < q->seq ? -1 : p->seq > q->seq;
}

/* Python's round(x) of a finite float (ties to even), as a double */
static double round_even(double x) {
    double r = round(x);
    if (fabs(x - r) == 0.5) r = 2.0 * round(x / 2.0);
    return r;
}

/* a plain finite float at d[k] into *out: 1; 0: absent, not an exact float or not finite; -1: error */
static int finite_at(PyObject *d, PyObject *k, double *out) {
    PyObject *v = PyDict_GetItemWithError(d, k);
    if (!v) return PyErr_Occurred() ? -1 : 0;
    if (!PyFloat_CheckExact(v)) return 0;
    *out = PyFloat_AS_DOUBLE(v);
    return isfinite(*out) ? 1 : 0;
}

static PyObject *py_rows_of(PyObject *self, PyObject *chars) {
    if (!PyList_CheckExact(chars)) Py_RETURN_NONE;
    Py_ssize_t n = PyList_GET_SIZE(chars);
    if (n == 0) return PyList_New(0);
    RowItem *items = PyMem_Malloc(n * sizeof(RowItem));
    double *tops = PyMem_Malloc(n * sizeof(double)), *bottoms = PyMem_Malloc(n * sizeof(double));
    double *span_top = PyMem_Malloc(n * sizeof(double)), *span_bottom = PyMem_Malloc(n * sizeof(double));
    Py_ssize_t *row_of = PyMem_Malloc(n * sizeof(Py_ssize_t)), *rank = PyMem_Malloc(n * sizeof(Py_ssize_t)),
               *count = PyMem_Calloc(n, sizeof(Py_ssize_t));
    RowItem *lines = PyMem_Malloc(n * sizeof(RowItem));
    PyObject *result = NULL;
    if (!items || !tops || !bottoms || !span_top || !span_bottom || !row_of || !rank || !count || !lines) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *ch = PyList_GET_ITEM(chars, i);
        if (!PyDict_CheckExact(ch)) goto decline;
        double x0;
        int a = finite_at(ch, k_top, &tops[i]), b = finite_at(ch, k_bottom, &bottoms[i]), c = finite_at(ch, k_x0, &x0);
        if (a < 0 || b < 0 || c < 0) goto done;
        if (!a || !b || !c) goto decline;
        items[i].key = round_even(tops[i]);
        items[i].x0 = x0;
        items[i].seq = i;
        items[i].idx = i;
    }
    qsort(items, n, sizeof(RowItem), by_key_x0_seq);
    Py_ssize_t nrows = 0;
    for (Py_ssize_t j = 0; j < n; j++) {
        Py_ssize_t i = items[j].idx;
        double t = tops[i], bt = bottoms[i], mid = (t + bt) / 2;
        Py_ssize_t found = -1;
        for (Py_ssize_t k = nrows - 1; k > (nrows > 3 ? nrows - 4 : -1); k--) {
            if (span_top[k] - 1 <= mid && mid <= span_bottom[k] + 1) {
                found = k;
                if (t < span_top[k]) span_top[k] = t;
                if (bt > span_bottom[k]) span_bottom[k] = bt;
                break;
            }
        }
        if (found < 0) {
            found = nrows++;
            span_top[found] = t;
            span_bottom[found] = bt;
        }
        row_of[j] = found;  /* (by position in the sorted order: seq = j keeps the order joined) */
        count[found]++;
    }
    /* the lines by the top of their spans, ties in the order made */
    for (Py_ssize_t k = 0; k < nrows; k++) {
        lines[k].key = span_top[k];
        lines[k].x0 = 0.0;
        lines[k].seq = k;
        lines[k].idx = k;
    }
    qsort(lines, nrows, sizeof(RowItem), by_key_x0_seq);
    for (Py_ssize_t r = 0; r < nrows; r++) rank[lines[r].idx] = r;
    for (Py_ssize_t j = 0; j < n; j++) {  /* (x0 kept from the first pass) */
        items[j].key = (double)rank[row_of[j]];
        items[j].seq = j;
    }
    qsort(items, n, sizeof(RowItem), by_key_x0_seq);
    result = PyList_New(nrows);
    if (!result) goto done;
    Py_ssize_t j = 0;
    for (Py_ssize_t r = 0; r < nrows; r++) {
        Py_ssize_t m = count[lines[r].idx];
        PyObject *row = PyList_New(m);
        if (!row) {
            Py_CLEAR(result);
            goto done;
        }
        for (Py_ssize_t s = 0; s < m; s++, j++) {
            PyObject *ch = PyList_GET_ITEM(chars, items[j].idx);
            PyList_SET_ITEM(row, s, Py_NewRef(ch));
        }
        PyList_SET_ITEM(result, r, row);
    }
    goto done;
decline:
    result = Py_NewRef(Py_None);
done:
    PyMem_Free(items);
    PyMem_Free(tops);
    PyMem_Free(bottoms);
    PyMem_Free(span_top);
    PyMem_Free(span_bottom);
    PyMem_Free(row_of);
    PyMem_Free(rank);
    PyMem_Free(count);
    PyMem_Free(lines);
    return result;
}

/* a list of exact floats into a new array (*out, PyMem); 1: done, 0: declined, -1: no memory */
static int float_array(PyObject *list, double **out, Py_ssize_t *len) {
    if (!PyList_CheckExact(list)) return 0;
    Py_ssize_t n = PyList_GET_SIZE(list);
    double *a = PyMem_Malloc((n ? n : 1) * sizeof(double));
    if (!a) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *v = PyList_GET_ITEM(list, i);
        if (!PyFloat_CheckExact(v)) {
            PyMem_Free(a);
            return 0;
        }
        a[i] = PyFloat_AS_DOUBLE(v);
    }
    *out = a;
    *len = n;
    return 1;
}

/* bisect.bisect_right, the same halving (so the same index where the list is not sorted or holds NaN) */
static Py_ssize_t bisect_right_d(const double *a, Py_ssize_t n, double x) {
    Py_ssize_t lo = 0, hi = n;
    while (lo < hi) {
        Py_ssize_t mid = ((size_t)lo + hi) / 2;
        if (x < a[mid]) hi = mid;
        else lo = mid + 1;
    }
    return lo;
}

/* place(chars, used, xs, ys, bbox) -> [(index, char, row, col)] or None where it declines:
 * extract/layout.py's _placed (the characters not used yet whose middle lies in the table's box,
 * a little past its left and right rules, with the lattice row and column it falls in), for
 * characters that are plain dicts with float x0, x1, top, bottom and a size that is a float, None
 * or absent, `used` a list of bools as long, xs, ys lists of floats and bbox four floats. The same
 * double operations in the same order: NaN and infinite positions fall outside as in Python. */
static PyObject *py_place(PyObject *self, PyObject *args) {
    PyObject *chars, *used, *xs_l, *ys_l, *bbox;
    if (!PyArg_ParseTuple(args, "OOOOO", &chars, &used, &xs_l, &ys_l, &bbox)) return NULL;
    if (!PyList_CheckExact(chars) || !PyList_CheckExact(used) || PyList_GET_SIZE(used) != PyList_GET_SIZE(chars) ||
        !PyTuple_CheckExact(bbox) || PyTuple_GET_SIZE(bbox) != 4)
        Py_RETURN_NONE;
    double box[4];
    for (int k = 0; k < 4; k++) {
        PyObject *v = PyTuple_GET_ITEM(bbox, k);
        if (!PyFloat_CheckExact(v)) Py_RETURN_NONE;
        box[k] = PyFloat_AS_DOUBLE(v);
    }
    double *xs = NULL, *ys = NULL;
    Py_ssize_t nx = 0, ny = 0;
    int got = float_array(xs_l, &xs, &nx);
    if (got <= 0) return got < 0 ? NULL : Py_NewRef(Py_None);
    got = float_array(ys_l, &ys, &ny);
    if (got <= 0) {
        PyMem_Free(xs);
        return got < 0 ? NULL : Py_NewRef(Py_None);
    }
    Py_ssize_t n = PyList_GET_SIZE(chars);
    PyObject *out = PyList_New(0);
    if (!out) goto fail;
    for (Py_ssize_t i = 0; i < n; i++) {  /* every character checked first: a declined list leaves nothing half done */
        PyObject *ch = PyList_GET_ITEM(chars, i), *u = PyList_GET_ITEM(used, i);
        if (!PyBool_Check(u) || !PyDict_CheckExact(ch)) goto decline;
        PyObject *vs[5] = {PyDict_GetItemWithError(ch, k_x0), PyDict_GetItemWithError(ch, k_x1),
                           PyDict_GetItemWithError(ch, k_top), PyDict_GetItemWithError(ch, k_bottom),
                           PyDict_GetItemWithError(ch, k_size)};
        if (PyErr_Occurred()) goto fail;
        for (int k = 0; k < 4; k++)
            if (!vs[k] || !PyFloat_CheckExact(vs[k])) goto decline;
        if (vs[4] && vs[4] != Py_None && !PyFloat_CheckExact(vs[4])) goto decline;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyList_GET_ITEM(used, i) == Py_True) continue;
        PyObject *ch = PyList_GET_ITEM(chars, i);
        PyObject *size = PyDict_GetItemWithError(ch, k_size);
        if (!size && PyErr_Occurred()) goto fail;
        double x0 = PyFloat_AS_DOUBLE(PyDict_GetItemWithError(ch, k_x0)),
               x1 = PyFloat_AS_DOUBLE(PyDict_GetItemWithError(ch, k_x1)),
               top = PyFloat_AS_DOUBLE(PyDict_GetItemWithError(ch, k_top)),
               bottom = PyFloat_AS_DOUBLE(PyDict_GetItemWithError(ch, k_bottom));
        double cx = (x0 + x1) / 2, cy = (top + bottom) / 2;
        /* 0.5 * (size or 0): a zero size (either sign) or None is the int 0 */
        double sz = (size && size != Py_None) ? PyFloat_AS_DOUBLE(size) : 0.0;
        double edge = sz != 0.0 ? 0.5 * sz : 0.0;
        if (!(box[0] - edge <= cx && cx <= box[2] + 3 * edge && box[1] <= cy && cy <= box[3])) continue;
        PyObject *t = Py_BuildValue("nOnn", i, ch, bisect_right_d(ys, ny, cy) - 1, bisect_right_d(xs, nx, cx) - 1);
        if (!t || PyList_Append(out, t) < 0) {
            Py_XDECREF(t);
            goto fail;
        }
        Py_DECREF(t);
    }
    PyMem_Free(xs);
    PyMem_Free(ys);
    return out;
decline:
    Py_DECREF(out);
    PyMem_Free(xs);
    PyMem_Free(ys);
    Py_RETURN_NONE;
fail:
    Py_XDECREF(out);
    PyMem_Free(xs);
    PyMem_Free(ys);
    return NULL;
}

/* line_text(row) -> str or None where it declines: extract/layout.py's _line_text before its
 * map_glyphs: the characters' texts in order, a space between two where the gap (x0 minus the
 * x1 before) exceeds a fifth of the later one's size (at least 1). Declined (the Python code runs,
 * and raises where it would): anything but a list of plain dicts with str text and float x0, x1
 * and size. */
static PyObject *py_line_text(PyObject *self, PyObject *row) {
    if (!PyList_CheckExact(row)) Py_RETURN_NONE;
    Py_ssize_t n = PyList_GET_SIZE(row);
    PyObject *parts = PyList_New(0), *space = NULL, *result = NULL;
    if (!parts) return NULL;
    double x1 = 0.0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *ch = PyList_GET_ITEM(row, i);
        if (!PyDict_CheckExact(ch)) goto decline;
        PyObject *text = PyDict_GetItemWithError(ch, k_text), *right = PyDict_GetItemWithError(ch, k_x1);
        if (PyErr_Occurred()) goto done;
        if (!text || !right || !PyUnicode_CheckExact(text) || !PyFloat_CheckExact(right)) goto decline;
        if (i > 0) {
            PyObject *size = PyDict_GetItemWithError(ch, k_size), *left = PyDict_GetItemWithError(ch, k_x0);
            if (PyErr_Occurred()) goto done;
            if (!size || !left || !PyFloat_CheckExact(size) || !PyFloat_CheckExact(left)) goto decline;
            double s = PyFloat_AS_DOUBLE(size);
            if (1 > s) s = 1;  /* (NaN stays NaN: no space, as in Python) */
            if (PyFloat_AS_DOUBLE(left) - x1 > 0.2 * s) {
                if (!space && !(space = PyUnicode_FromString(" "))) goto done;
                if (PyList_Append(parts, space) < 0) goto done;
            }
        }
        if (PyList_Append(parts, text) < 0) goto done;
        x1 = PyFloat_AS_DOUBLE(right);
    }
    result = PyUnicode_Join(v_empty, parts);
    goto done;
decline:
    result = Py_NewRef(Py_None);
done:
    Py_DECREF(parts);
    Py_XDECREF(space);
    return result;
}

/* keep_words(placed) -> [(index, char, row, col)] or None where it declines: extract/layout.py's
 * _keep_words (a word printed over a column rule stays in the column holding most of its width):
 * the placed characters in the order of (row, round(top), x0, position), cut into runs of
 * characters of one row that touch (tops within 0.3 of the size, each starting between -0.25 and
 * 0.15 of the size after the one before, the size at least 1 and NaN as Python's max leaves it);
 * a run over two columns or more is given the one its widths add up most in (the first such in
 * the order the columns come, as max over a dict). Declined (the Python runs): anything but a list
 * of (int, plain dict, int, int) with finite float top, x0, x1, a float size or None or none, and
 * no "seg" (OCR's pieces). */
typedef struct {
    long row, col;
    double rtop, top, x0, x1, size;
    Py_ssize_t j;
} Placed;

static int by_row_top_x0(const void *a, const void *b) {
    const Placed *p = a, *q = b;
    if (p->row != q->row) return p->row < q->row ? -1 : 1;
    if (p->rtop < q->rtop) return -1;
    if (p->rtop > q->rtop) return 1;
    if (p->x0 < q->x0) return -1;
    if (p->x0 > q->x0) return 1;
    return p->j < q->j ? -1 : p->j > q->j;
}

static PyObject *k_seg;

/* settle the run order[a..b) of ps (sorted): its columns' widths added in the order met */
static void settle_run(Placed *ps, Py_ssize_t a, Py_ssize_t b, long *cols, double *widths, long *best_of) {
    Py_ssize_t nc = 0;
    for (Py_ssize_t k = a; k < b; k++) {
        Py_ssize_t c = 0;
        while (c < nc && cols[c] != ps[k].col) c++;
        if (c == nc) {
            cols[nc] = ps[k].col;
            widths[nc++] = 0.0;
        }
        widths[c] = widths[c] + ps[k].x1 - ps[k].x0;
    }
    if (nc < 2) return;
    Py_ssize_t best = 0;
    for (Py_ssize_t c = 1; c < nc; c++)
        if (widths[c] > widths[best]) best = c;
    for (Py_ssize_t k = a; k < b; k++) best_of[ps[k].j] = cols[best];
}

static PyObject *py_keep_words(PyObject *self, PyObject *placed) {
    if (!PyList_CheckExact(placed)) Py_RETURN_NONE;
    Py_ssize_t n = PyList_GET_SIZE(placed);
    Placed *ps = PyMem_Malloc((n ? n : 1) * sizeof(Placed));
    long *cols = PyMem_Malloc((n ? n : 1) * sizeof(long)), *best_of = PyMem_Malloc((n ? n : 1) * sizeof(long));
    double *widths = PyMem_Malloc((n ? n : 1) * sizeof(double));
    PyObject *result = NULL;
    if (!ps || !cols || !best_of || !widths) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t j = 0; j < n; j++) {
        PyObject *t = PyList_GET_ITEM(placed, j);
        if (!PyTuple_CheckExact(t) || PyTuple_GET_SIZE(t) != 4) goto decline;
        PyObject *ch = PyTuple_GET_ITEM(t, 1), *r = PyTuple_GET_ITEM(t, 2), *c = PyTuple_GET_ITEM(t, 3);
        if (!PyLong_CheckExact(PyTuple_GET_ITEM(t, 0)) || !PyDict_CheckExact(ch) || !PyLong_CheckExact(r) ||
            !PyLong_CheckExact(c))
            goto decline;
        int o1, o2;
        long rv = PyLong_AsLongAndOverflow(r, &o1), cv = PyLong_AsLongAndOverflow(c, &o2);
        if (o1 || o2 || rv == LONG_MIN || cv == LONG_MIN) goto decline;  /* (LONG_MIN: marks "not yet" below) */
        Placed *p = &ps[j];
        p->row = rv;
        p->col = cv;
        p->j = j;
        int a = finite_at(ch, k_top, &p->top), b = finite_at(ch, k_x0, &p->x0), d = finite_at(ch, k_x1, &p->x1);
        if (a < 0 || b < 0 || d < 0) goto done;
        if (!a || !b || !d) goto decline;
        PyObject *size = PyDict_GetItemWithError(ch, k_size);
        if (!size && PyErr_Occurred()) goto done;
        int has_seg = PyDict_Contains(ch, k_seg);
        if (has_seg < 0) goto done;
        if (has_seg || (size && size != Py_None && !PyFloat_CheckExact(size))) goto decline;
        /* max(size or 0, 1): 1 for None, absent or a zero of either sign; NaN stays (1 > NaN is false) */
        double sz = (size && size != Py_None) ? PyFloat_AS_DOUBLE(size) : 0.0;
        p->size = (sz == 0.0 || 1 > sz) ? 1.0 : sz;
        p->rtop = round_even(p->top);
        best_of[j] = LONG_MIN;
    }
    qsort(ps, n, sizeof(Placed), by_row_top_x0);
    Py_ssize_t start = 0;
    for (Py_ssize_t k = 1; k <= n; k++) {
        if (k < n) {
            const Placed *prev = &ps[k - 1], *ch = &ps[k];
            double size = ch->size, gap = ch->x0 - prev->x1;
            if (ch->row == prev->row && fabs(ch->top - prev->top) < 0.3 * size && -0.25 * size <= gap &&
                gap < 0.15 * size)
                continue;
        }
        settle_run(ps, start, k, cols, widths, best_of);
        start = k;
    }
    result = PyList_New(n);
    if (!result) goto done;
    for (Py_ssize_t j = 0; j < n; j++) {
        PyObject *t = PyList_GET_ITEM(placed, j);
        if (best_of[j] == LONG_MIN) {
            PyList_SET_ITEM(result, j, Py_NewRef(t));
            continue;
        }
        PyObject *col = PyLong_FromLong(best_of[j]);
        PyObject *nt = col ? PyTuple_Pack(4, PyTuple_GET_ITEM(t, 0), PyTuple_GET_ITEM(t, 1), PyTuple_GET_ITEM(t, 2), col)
                           : NULL;
        Py_XDECREF(col);
        if (!nt) {
            Py_CLEAR(result);
            goto done;
        }
        PyList_SET_ITEM(result, j, nt);
    }
    goto done;
decline:
    result = Py_NewRef(Py_None);
done:
    PyMem_Free(ps);
    PyMem_Free(cols);
    PyMem_Free(best_of);
    PyMem_Free(widths);
    return result;
}

/* visible(chars, bbox) -> [char] or None where it declines: extract/pdf.py's _visible (the
 * characters whose middle lies in the page's box x0, top, x1, bottom, edges included), for a list
 * of plain dicts with float x0, x1, top, bottom and a tuple of four floats; NaN and infinite
 * positions fall outside as in Python. */
static PyObject *py_visible(PyObject *self, PyObject *args) {
    PyObject *chars, *bbox;
    if (!PyArg_ParseTuple(args, "OO", &chars, &bbox)) return NULL;
    if (!PyList_CheckExact(chars) || !PyTuple_CheckExact(bbox) || PyTuple_GET_SIZE(bbox) != 4) Py_RETURN_NONE;
    double box[4];
    for (int k = 0; k < 4; k++) {
        PyObject *v = PyTuple_GET_ITEM(bbox, k);
        if (!PyFloat_CheckExact(v)) Py_RETURN_NONE;
        box[k] = PyFloat_AS_DOUBLE(v);
    }
    Py_ssize_t n = PyList_GET_SIZE(chars);
    double *mids = PyMem_Malloc((n ? n : 1) * 2 * sizeof(double));
    if (!mids) return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < n; i++) {  /* every character checked before any is kept */
        PyObject *ch = PyList_GET_ITEM(chars, i);
        if (!PyDict_CheckExact(ch)) goto decline;
        PyObject *vs[4] = {PyDict_GetItemWithError(ch, k_x0), PyDict_GetItemWithError(ch, k_x1),
                           PyDict_GetItemWithError(ch, k_top), PyDict_GetItemWithError(ch, k_bottom)};
        if (PyErr_Occurred()) {
            PyMem_Free(mids);
            return NULL;
        }
        for (int k = 0; k < 4; k++)
            if (!vs[k] || !PyFloat_CheckExact(vs[k])) goto decline;
        mids[2 * i] = (PyFloat_AS_DOUBLE(vs[0]) + PyFloat_AS_DOUBLE(vs[1])) / 2;
        mids[2 * i + 1] = (PyFloat_AS_DOUBLE(vs[2]) + PyFloat_AS_DOUBLE(vs[3])) / 2;
    }
    PyObject *out = PyList_New(0);
    if (!out) {
        PyMem_Free(mids);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        double cx = mids[2 * i], cy = mids[2 * i + 1];
        if (box[0] <= cx && cx <= box[2] && box[1] <= cy && cy <= box[3] &&
            PyList_Append(out, PyList_GET_ITEM(chars, i)) < 0) {
            Py_DECREF(out);
            PyMem_Free(mids);
            return NULL;
        }
    }
    PyMem_Free(mids);
    return out;
decline:
    PyMem_Free(mids);
    Py_RETURN_NONE;
}

/* spans(bboxes, xs, ys) -> (spans, occupancy) or None where it declines: extract/layout.py's
 * _spans (each cell box placed on the lattice, smallest first, where every slot it covers is free).
 * Declined (the Python runs): anything but a list of 4-tuples of finite floats and lists of finite
 * floats. The same steps: the boxes in the order of their areas (ties by index: Python's stable
 * sort), each edge at the lattice coordinate nearest it (bisect_right, ties to the lower one), a
 * box covering no slot or a slot taken already (when it covers more than one) left out. */
static Py_ssize_t nearest_index(const double *coords, Py_ssize_t n, double v) {
    Py_ssize_t j = bisect_right_d(coords, n, v);
    if (j == 0) return 0;
    if (j == n) return n - 1;
    return coords[j] - v < v - coords[j - 1] ? j : j - 1;
}

typedef struct {
    double area;
    Py_ssize_t k;
} Area;

static int by_area(const void *a, const void *b) {
    const Area *p = a, *q = b;
    if (p->area < q->area) return -1;
    if (p->area > q->area) return 1;
    return p->k < q->k ? -1 : p->k > q->k;
}

static PyObject *py_spans(PyObject *self, PyObject *args) {
    PyObject *bboxes, *xs_l, *ys_l;
    if (!PyArg_ParseTuple(args, "OOO", &bboxes, &xs_l, &ys_l)) return NULL;
    if (!PyList_CheckExact(bboxes)) Py_RETURN_NONE;
    double *xs = NULL, *ys = NULL, *boxes = NULL;
    Py_ssize_t nx = 0, ny = 0, n = PyList_GET_SIZE(bboxes);
    Area *areas = NULL;
    Py_ssize_t *occ = NULL;
    PyObject *spans = NULL, *occupancy = NULL, *result = NULL;
    int got = float_array(xs_l, &xs, &nx);
    if (got <= 0) return got < 0 ? NULL : Py_NewRef(Py_None);
    got = float_array(ys_l, &ys, &ny);
    if (got <= 0) {
        PyMem_Free(xs);
        return got < 0 ? NULL : Py_NewRef(Py_None);
    }
    for (Py_ssize_t i = 0; i < nx; i++)
        if (!isfinite(xs[i])) goto decline;
    for (Py_ssize_t i = 0; i < ny; i++)
        if (!isfinite(ys[i])) goto decline;
    if (nx < 1 || ny < 1) goto decline;  /* (the Python raises on an empty lattice) */
    boxes = PyMem_Malloc((n ? n : 1) * 4 * sizeof(double));
    areas = PyMem_Malloc((n ? n : 1) * sizeof(Area));
    occ = PyMem_Malloc(nx * ny * sizeof(Py_ssize_t));
    if (!boxes || !areas || !occ) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *b = PyList_GET_ITEM(bboxes, k);
        if (!PyTuple_CheckExact(b) || PyTuple_GET_SIZE(b) != 4) goto decline;
        for (int e = 0; e < 4; e++) {
            PyObject *v = PyTuple_GET_ITEM(b, e);
            if (!PyFloat_CheckExact(v) || !isfinite(PyFloat_AS_DOUBLE(v))) goto decline;
            boxes[4 * k + e] = PyFloat_AS_DOUBLE(v);
        }
        double *bx = &boxes[4 * k];
        areas[k].area = (bx[2] - bx[0]) * (bx[3] - bx[1]);
        areas[k].k = k;
        if (isnan(areas[k].area)) goto decline;  /* (inf - inf on huge boxes) */
    }
    for (Py_ssize_t i = 0; i < nx * ny; i++) occ[i] = -1;
    qsort(areas, n, sizeof(Area), by_area);
    spans = PyList_New(n);
    occupancy = PyDict_New();
    if (!spans || !occupancy) goto done;
    for (Py_ssize_t k = 0; k < n; k++) PyList_SET_ITEM(spans, k, Py_NewRef(Py_None));
    for (Py_ssize_t a = 0; a < n; a++) {
        Py_ssize_t k = areas[a].k;
        const double *bx = &boxes[4 * k];
        Py_ssize_t c0 = nearest_index(xs, nx, bx[0]), c1 = nearest_index(xs, nx, bx[2]);
        Py_ssize_t r0 = nearest_index(ys, ny, bx[1]), r1 = nearest_index(ys, ny, bx[3]);
        if (c1 <= c0 || r1 <= r0) continue;
        Py_ssize_t slots = (r1 - r0) * (c1 - c0), taken = 0;
        for (Py_ssize_t r = r0; r < r1; r++)
            for (Py_ssize_t c = c0; c < c1; c++) taken += occ[r * nx + c] >= 0;
        if (taken == slots || (slots > 1 && taken > 0)) continue;
        PyObject *span = Py_BuildValue("(nnnn)", r0, c0, r1 - r0, c1 - c0);
        if (!span) goto fail;
        PyList_SetItem(spans, k, span);  /* (steals span, drops the None) */
        PyObject *kk = PyLong_FromSsize_t(k);
        if (!kk) goto fail;
        for (Py_ssize_t r = r0; r < r1; r++)
            for (Py_ssize_t c = c0; c < c1; c++) {
                occ[r * nx + c] = k;
                PyObject *sl = Py_BuildValue("(nn)", r, c);
                if (!sl || PyDict_SetItem(occupancy, sl, kk) < 0) {
                    Py_XDECREF(sl);
                    Py_DECREF(kk);
                    goto fail;
                }
                Py_DECREF(sl);
            }
        Py_DECREF(kk);
    }
    result = PyTuple_Pack(2, spans, occupancy);
    goto done;
fail:
    goto done;
decline:
    result = Py_NewRef(Py_None);
done:
    Py_XDECREF(spans);
    Py_XDECREF(occupancy);
    PyMem_Free(xs);
    PyMem_Free(ys);
    PyMem_Free(boxes);
    PyMem_Free(areas);
    PyMem_Free(occ);
    return result;
}

/* edges_of(objects, curve_to_edges) -> [edge] or None where it declines: pdfium_reader.edges_of
 * (pdfplumber's Container.edges, 0.11.10): each line with its orientation, the four sides of each
 * rect, each curve's edges by pdfplumber's curve_to_edges (called). Every edge a copy of its
 * object with the same keys set in the same order as the Python's dict displays, the values
 * computed by the same Python operations (==, +). Declined (the Python runs, and raises where it
 * would): objects not a dict, a list of them not a list, an object not a dict or missing a key. */
static PyObject *k_orientation, *v_rect_edge, *v_h, *v_v, *v_zero;

static PyObject *copy_with(PyObject *obj, PyObject *const *kv, int n) {
    PyObject *d = PyDict_Copy(obj);
    if (!d) return NULL;
    for (int i = 0; i < n; i++)
        if (PyDict_SetItem(d, kv[2 * i], kv[2 * i + 1]) < 0) {
            Py_DECREF(d);
            return NULL;
        }
    return d;
}

/* the list at objects[key] (an empty tuple's worth where absent): 1 found, 0 absent, -1 declined */
static int objects_at(PyObject *objects, PyObject *key, PyObject **out) {
    PyObject *v = PyDict_GetItemWithError(objects, key);
    if (!v) return PyErr_Occurred() ? -2 : 0;
    if (!PyList_CheckExact(v)) return -1;
    *out = v;
    return 1;
}

static PyObject *py_edges_of(PyObject *self, PyObject *args) {
    PyObject *objects, *curve_fn, *lines = NULL, *rects = NULL, *curves = NULL;
    if (!PyArg_ParseTuple(args, "OO", &objects, &curve_fn)) return NULL;
    if (!PyDict_CheckExact(objects)) Py_RETURN_NONE;
    int a = objects_at(objects, v_line, &lines), b = objects_at(objects, v_rect, &rects),
        c = objects_at(objects, v_curve, &curves);
    if (a == -2 || b == -2 || c == -2) return NULL;
    if (a < 0 || b < 0 || c < 0) Py_RETURN_NONE;
    /* every object a dict with what is read of it, checked first: a declined call leaves nothing made */
    PyObject *need_line[] = {k_top, k_bottom}, *need_rect[] = {k_y0, k_y1, k_top, k_height, k_doctop, k_x0, k_x1};
    for (int pass = 0; pass < 2; pass++) {
        PyObject *list = pass ? rects : lines;
        if (!list) continue;
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); i++) {
            PyObject *o = PyList_GET_ITEM(list, i);
            if (!PyDict_CheckExact(o)) Py_RETURN_NONE;
            PyObject **need = pass ? need_rect : need_line;
            int nn = pass ? 7 : 2;
            for (int k = 0; k < nn; k++) {
                int has = PyDict_Contains(o, need[k]);
                if (has < 0) return NULL;
                if (!has) Py_RETURN_NONE;
            }
        }
    }
    PyObject *out = PyList_New(0);
    if (!out) return NULL;
    for (Py_ssize_t i = 0; lines && i < PyList_GET_SIZE(lines); i++) {
        PyObject *ln = PyList_GET_ITEM(lines, i);
        PyObject *top = PyDict_GetItem(ln, k_top), *bottom = PyDict_GetItem(ln, k_bottom);
        Py_INCREF(top), Py_INCREF(bottom);  /* (held while == runs, whatever it runs) */
        int same = PyObject_RichCompareBool(top, bottom, Py_EQ);
        Py_DECREF(top), Py_DECREF(bottom);
        if (same < 0) goto fail;
        PyObject *kv[] = {k_orientation, same ? v_h : v_v};
        PyObject *e = copy_with(ln, kv, 1);
        if (!e || PyList_Append(out, e) < 0) {
            Py_XDECREF(e);
            goto fail;
        }
        Py_DECREF(e);
    }
    for (Py_ssize_t i = 0; rects && i < PyList_GET_SIZE(rects); i++) {
        PyObject *r = PyList_GET_ITEM(rects, i);
        /* (borrowed from r, which the list holds; the two sums are new) */
        PyObject *y0 = PyDict_GetItem(r, k_y0), *y1 = PyDict_GetItem(r, k_y1), *top = PyDict_GetItem(r, k_top),
                 *height = PyDict_GetItem(r, k_height), *doctop = PyDict_GetItem(r, k_doctop),
                 *x0 = PyDict_GetItem(r, k_x0), *x1 = PyDict_GetItem(r, k_x1);
        Py_INCREF(y0), Py_INCREF(y1), Py_INCREF(top), Py_INCREF(height), Py_INCREF(doctop), Py_INCREF(x0), Py_INCREF(x1);
        PyObject *top2 = PyNumber_Add(top, height), *doctop2 = top2 ? PyNumber_Add(doctop, height) : NULL;
        PyObject *es[4] = {NULL, NULL, NULL, NULL};
        int ok = 0;
        if (top2 && doctop2) {
            PyObject *kv0[] = {k_object_type, v_rect_edge, k_height, v_zero, k_y0, y1, k_bottom, top, k_orientation, v_h};
            PyObject *kv1[] = {k_object_type, v_rect_edge, k_height, v_zero, k_y1, y0, k_top, top2, k_doctop, doctop2,
                               k_orientation, v_h};
            PyObject *kv2[] = {k_object_type, v_rect_edge, k_width, v_zero, k_x1, x0, k_orientation, v_v};
            PyObject *kv3[] = {k_object_type, v_rect_edge, k_width, v_zero, k_x0, x1, k_orientation, v_v};
            es[0] = copy_with(r, kv0, 5);
            es[1] = es[0] ? copy_with(r, kv1, 6) : NULL;
            es[2] = es[1] ? copy_with(r, kv2, 4) : NULL;
            es[3] = es[2] ? copy_with(r, kv3, 4) : NULL;
            ok = es[3] != NULL;
            for (int k = 0; ok && k < 4; k++)
                if (PyList_Append(out, es[k]) < 0) ok = 0;
        }
        for (int k = 0; k < 4; k++) Py_XDECREF(es[k]);
        Py_XDECREF(top2), Py_XDECREF(doctop2);
        Py_DECREF(y0), Py_DECREF(y1), Py_DECREF(top), Py_DECREF(height), Py_DECREF(doctop), Py_DECREF(x0), Py_DECREF(x1);
        if (!ok) goto fail;
    }
    for (Py_ssize_t i = 0; curves && i < PyList_GET_SIZE(curves); i++) {
        PyObject *got = PyObject_CallOneArg(curve_fn, PyList_GET_ITEM(curves, i));
        if (!got) goto fail;
        PyObject *ext = PySequence_InPlaceConcat(out, got);
        Py_DECREF(got);
        if (!ext) goto fail;
        Py_DECREF(ext);
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

static PyMethodDef methods[] = {
    {"init", py_init, METH_O, "init({pdfium function name: address}): the functions this module calls."},
    {"chars", py_chars, METH_VARARGS, "chars(textpage, texts, ctm, height, number, doctop, fonts, make_font) -> [dict]"},
    {"paths", py_paths, METH_VARARGS, "paths(page, ctm, height, number, doctop, out): lines, rects, curves, images"},
    {"indent", py_indent, METH_VARARGS, "indent(one-line JSON, indent, level) -> the JSON indented"},
    {"near_twins", py_near_twins, METH_O, "near_twins(chars) -> bool (None: declined): extract/pdf.py's _has_near_twins"},
    {"cells", py_cells, METH_O, "cells(intersections) -> [cell] (None: declined): pdfium_reader.intersections_to_cells"},
    {"rows_of", py_rows_of, METH_O, "rows_of(chars) -> [[char]] (None: declined): extract/layout.py's rows_of"},
    {"place", py_place, METH_VARARGS,
     "place(chars, used, xs, ys, bbox) -> [(i, char, row, col)] (None: declined): extract/layout.py's _placed"},
    {"line_text", py_line_text, METH_O, "line_text(row) -> str (None: declined): extract/layout.py's _line_text before map_glyphs"},
    {"keep_words", py_keep_words, METH_O,
     "keep_words(placed) -> [(i, char, row, col)] (None: declined): extract/layout.py's _keep_words"},
    {"visible", py_visible, METH_VARARGS, "visible(chars, bbox) -> [char] (None: declined): extract/pdf.py's _visible"},
    {"spans", py_spans, METH_VARARGS,
     "spans(bboxes, xs, ys) -> (spans, occupancy) (None: declined): extract/layout.py's _spans"},
    {"edges_of", py_edges_of, METH_VARARGS,
     "edges_of(objects, curve_to_edges) -> [edge] (None: declined): pdfium_reader.edges_of"},
    {"round3", py_round3, METH_O, "round3(x) == round(x, 3)"},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_speedups",
                                    "pdfium_reader's character and path loops in C (optional).", -1, methods};

PyMODINIT_FUNC PyInit__speedups(void) {
#define S(var, s) if (!(var = PyUnicode_InternFromString(s))) return NULL;
    S(k_text, "text") S(k_x0, "x0") S(k_x1, "x1") S(k_y0, "y0") S(k_y1, "y1") S(k_top, "top")
    S(k_bottom, "bottom") S(k_doctop, "doctop") S(k_width, "width") S(k_height, "height") S(k_size, "size")
    S(k_fontname, "fontname") S(k_upright, "upright") S(k_object_type, "object_type")
    S(k_page_number, "page_number") S(k_slanted, "slanted") S(k_matrix, "matrix") S(v_char, "char") S(v_empty, "")
    S(k_pts, "pts") S(k_linewidth, "linewidth") S(k_stroke, "stroke") S(k_fill, "fill") S(k_evenodd, "evenodd")
    S(k_seg, "seg") S(k_orientation, "orientation")
    S(v_rect_edge, "rect_edge") S(v_h, "h") S(v_v, "v") S(v_line, "line") S(v_rect, "rect") S(v_curve, "curve") S(v_image, "image")
#undef S
    if (!(v_zero = PyLong_FromLong(0))) return NULL;
    PyObject *m = PyModule_Create(&module);
    if (!m) return NULL;
    /* what this module keeps of pdfium's: the functions it calls (pdfium_reader gives init their
     * addresses), and the constants it uses (tests/test_speedups.py pins them to pypdfium2's) */
    PyObject *names = PyTuple_New(N_FUNCTIONS);
    for (size_t j = 0; names && j < N_FUNCTIONS; j++) {
        PyObject *name = PyUnicode_FromString(FUNCTIONS[j].name);
        if (!name) Py_CLEAR(names);
        else PyTuple_SET_ITEM(names, j, name);
    }
    if (!names || PyModule_AddObject(m, "FUNCTIONS", names) < 0) {
        Py_XDECREF(names);
        Py_DECREF(m);
        return NULL;
    }
    PyObject *gen = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, GENERATED_OK, N_GENERATED_OK);
    if (!gen || PyModule_AddObject(m, "GENERATED_OK", gen) < 0) {
        Py_XDECREF(gen);
        Py_DECREF(m);
        return NULL;
    }
    if (PyModule_AddIntMacro(m, SEGMENT_MOVETO) < 0 || PyModule_AddIntMacro(m, SEGMENT_BEZIERTO) < 0 ||
        PyModule_AddIntMacro(m, PAGEOBJ_PATH) < 0 || PyModule_AddIntMacro(m, PAGEOBJ_IMAGE) < 0 ||
        PyModule_AddIntMacro(m, PAGEOBJ_FORM) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
