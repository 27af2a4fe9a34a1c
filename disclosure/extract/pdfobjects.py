"""A small reader of a PDF's objects: what the pdfium reader asks of a file before pdfium loads a
page (each page's fonts, their descriptors' /Descent and /Widths, the XObject draws of its content
streams), read as pdfminer.six reads it, without pdfminer.

pdfminer's object parser is pure Python token by token (~0.45 s for the 424 corpus pages) and its
import, with charset_normalizer's and cryptography's, costs more than reading a short document.
This reader takes only the plain case and declines (raises `Decline`, or any error) on anything
else, and the caller reads the file with pdfminer as before (extract/pdfium_reader.py): so what
it gives is pdfminer's answer by construction where it answers, and pdfminer's own elsewhere.

Taken: cross-reference tables and streams (PNG predictors "None" and "Up", /Prev and /XRefStm
chains), objects in object streams, FlateDecode, ASCII85Decode or unfiltered streams (the size bounded as
extract/streams.py bounds pdfminer's), the page tree with pdfminer's inheritance. Declined: an
encrypted file, a damaged cross-reference (pdfminer scans the file then), an object not where the
cross-reference says, a page tree pdfminer would give up on or take from a scan, page labels, any
other filter or predictor, and syntax outside the plain forms (see `_Parser`).

Objects: dict (keys as pdfminer names them), list, int, float, bool, `Name` (a str: pdfminer's
PSLiteral; the bytes decoded as UTF-8, else as Latin-1, as `_name` in the reader takes them),
`String` (bytes), `Ref`, `Stream` (``attrs``, ``objid``; `Document.data` decodes it); null is
None, and a dict drops a key whose value is null, as pdfminer's.
"""
from __future__ import annotations

from bisect import bisect_right

from disclosure.extract.streams import inflate
from disclosure.limits import max_stream_bytes
from disclosure.rx import compile as rx_compile
from disclosure import rx as rx_re


class Decline(Exception):
    """What this reader does not take as pdfminer does: pdfminer reads the file."""


class Name(str):
    """A PDF name (pdfminer's PSLiteral), its text."""

    __slots__ = ()


class String(bytes):
    """A PDF string, its bytes (escapes not read: nothing here reads a string's text)."""


class Ref:
    """An indirect reference (pdfminer's PDFObjRef)."""

    __slots__ = ("objid",)

    def __init__(self, objid: int):
        self.objid = objid

    def __repr__(self) -> str:
        return f"<Ref {self.objid}>"


class Stream:
    """A stream object: its dictionary (`attrs`), where its data lies in the file, its object number."""

    __slots__ = ("attrs", "start", "length", "objid", "raw")

    def __init__(self, attrs: dict, start: int, length: int, objid: int | None, raw: bytes | None = None):
        self.attrs, self.start, self.length, self.objid, self.raw = attrs, start, length, objid, raw

    def get(self, key, default=None):
        return self.attrs.get(key, default)


_WS = b"\t\n\x0c\r "  # pdfminer's whitespace (bytes \s); \x00 and \x0b are declined
_DELIM = rb"()<>\[\]{}/%"
# one token after optional whitespace and comments; a number must end at a delimiter or space
_TOKEN = rx_compile(
    rb"(?:[\t\n\x0c\r ]|%[^\r\n]*)*"
    rb"(?:(?P<ref>(?P<rid>\d+)[\t\n\x0c\r ]+\d+[\t\n\x0c\r ]+R(?=[\t\n\x0c\r ()<>\[\]{}/%]|$))"
    rb"|(?P<num>[+-]?(?:\d+(?:\.\d*)?|\.\d+))(?=[\t\n\x0c\r ()<>\[\]{}/%]|$)"
    rb"|(?P<name>/[^\t\n\x0c\r ()<>\[\]{}/%\x00\x0b]*)"
    rb"|(?P<open><<|\[)|(?P<close>>>|\])"
    rb"|(?P<hex><[0-9A-Fa-f\t\n\x0c\r ]*>)"
    rb"|(?P<str>\()"
    rb"|(?P<kw>[A-Za-z]+)(?=[\t\n\x0c\r ()<>\[\]{}/%]|$)"
    rb"|(?P<end>$))")
_NAME_ESC = rx_compile(rb"#([0-9A-Fa-f]{2})")
_STR_STOP = rx_compile(rb"[()\\]")


def _name_text(raw: bytes) -> tuple[str, str]:
    """(value, key) of a name's bytes after the slash: as a value pdfminer's PSLiteral as `_name`
    reads it (UTF-8, else Latin-1); as a dict key pdfminer's literal_name (UTF-8, else str(bytes))."""
    if b"#" in raw:
        if rx_re.search(rb"#(?![0-9A-Fa-f]{2})", raw):
            raise Decline("a name's # escape not of two hex digits")
        raw = _NAME_ESC.sub(lambda m: bytes([int(m.group(1), 16)]), raw)
    try:
        text = raw.decode("utf-8")
        return text, text
    except UnicodeDecodeError:
        return raw.decode("latin-1"), str(raw)


class _Parser:
    """Objects from a buffer (the file's bytes from `base`): numbers, names, strings, arrays,
    dictionaries, references, true/false/null. Anything else (another keyword, an odd number of
    items in a dict, a key not a name, \\x00 or \\x0b between tokens) raises Decline; running off
    the buffer raises _More."""

    def __init__(self, buf: bytes, base: int = 0):
        self.buf, self.base, self.pos = buf, base, 0

    def token(self):
        m = _TOKEN.match(self.buf, self.pos)
        if m is None:
            raise Decline(f"syntax at {self.base + self.pos}")
        kind = m.lastgroup
        if kind == "rid":
            kind = "ref"
        self.pos = m.end()
        return kind, m

    def value(self, kind=None, m=None):
        if kind is None:
            kind, m = self.token()
        if kind == "num":
            t = m.group("num")
            return float(t) if b"." in t else int(t)
        if kind == "ref":
            return Ref(int(m.group("rid")))
        if kind == "name":
            return Name(_name_text(m.group("name")[1:])[0])
        if kind == "open":
            if m.group("open") == b"[":
                out = []
                while True:
                    k, mm = self.token()
                    if k == "close":
                        if mm.group("close") != b"]":
                            raise Decline("]")
                        return out
                    if k == "end":
                        raise _More()
                    out.append(self.value(k, mm))
            d = {}
            while True:
                k, mm = self.token()
                if k == "close":
                    if mm.group("close") != b">>":
                        raise Decline(">>")
                    return d
                if k == "end":
                    raise _More()
                if k != "name":
                    raise Decline("a dictionary key not a name")
                key = _name_text(mm.group("name")[1:])[1]
                k, mm = self.token()
                if k == "close" or k == "end":
                    raise Decline("a key without a value") if k == "close" else _More()
                v = self.value(k, mm)
                if v is not None:  # (pdfminer: a null leaves the key as an earlier pair set it)
                    d[key] = v
        if kind == "hex":
            digits = rx_re.sub(rb"[\t\n\x0c\r ]", b"", m.group("hex")[1:-1])
            return String(bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode()))
        if kind == "str":
            return self._string()
        if kind == "kw":
            w = m.group("kw")
            if w == b"true":
                return True
            if w == b"false":
                return False
            if w == b"null":
                return None
            raise Decline(f"keyword {w[:20]!r} in an object")
        if kind == "end":
            raise _More()
        raise Decline(f"unexpected {kind}")

    def _string(self) -> String:
        depth, start = 1, self.pos
        while True:
            m = _STR_STOP.search(self.buf, self.pos)
            if m is None:
                raise _More()
            c = m.group()
            self.pos = m.end()
            if c == b"\\":
                self.pos += 1
                if self.pos > len(self.buf):
                    raise _More()
            elif c == b"(":
                depth += 1
            else:
                depth -= 1
                if not depth:
                    return String(self.buf[start:self.pos - 1])

    def keyword(self) -> bytes:
        kind, m = self.token()
        if kind == "end":
            raise _More()
        if kind != "kw":
            raise Decline("keyword expected")
        return m.group("kw")


class _More(Exception):
    """The buffer ended inside an object: read more of the file."""


_OBJ_HEAD = rx_compile(rb"(?:[\t\n\x0c\r ]|%[^\r\n]*)*(\d+)[\t\n\x0c\r ]+(\d+)[\t\n\x0c\r ]+obj(?=[\t\n\x0c\r ()<>\[\]{}/%])")
_LINE = rx_compile(rb"[^\r\n]*(?:\r\n|\r|\n)?")
_EOL = rx_compile(rb"\r\n|\r|\n")
_STARTXREF = rx_compile(rb"(?:^|[\r\n])[\t\x0c ]*startxref[\t\x0c ]*(?:\r\n|\r|\n)(?:[\t\x0c ]*(?:\r\n|\r|\n))*"
                        rb"[\t\x0c ]*(\d+)[\t\x0c ]*(?=[\r\n]|$)")


class Document:
    """A PDF's objects, read on demand from the file (nothing kept but the cross-reference and
    the objects asked for, until `forget`). Raises Decline (or an OSError) where pdfminer would
    read the file otherwise than this reader does."""

    def __init__(self, path):
        self.fp = open(path, "rb")
        try:
            self.fp.seek(0, 2)
            self.size = self.fp.tell()
            # the decompressed size limit in force when the file is opened (read once, not once a stream)
            self.max_stream = max_stream_bytes()
            self.offsets: dict[int, tuple] = {}  # objid -> (None, offset) or (stream objid, index)
            self._cache: dict[int, object] = {}
            self._objstm: dict[int, list] = {}
            self.trailer = self._xrefs()
            self._ends = sorted({v[1] for v in self.offsets.values() if v[0] is None} | {self.size})
            root = self.resolve(self.trailer.get("Root"))
            if not isinstance(root, dict):
                raise Decline("no catalog")
            self.catalog = root
        except BaseException:
            self.fp.close()
            raise

    def close(self) -> None:
        self.fp.close()

    def forget(self) -> None:
        """Drop the objects parsed so far (they are parsed again when asked for)."""
        self._cache.clear()
        self._objstm.clear()

    def _read(self, pos: int, n: int) -> bytes:
        self.fp.seek(pos)
        return self.fp.read(n)

    # ------------------------------------------------------------ cross-reference

    def _xrefs(self) -> dict:
        # pdfminer's find_xref: the last line that is `startxref` alone, the number on the next
        # line that is not blank
        tail = self._read(max(0, self.size - 1024), 1024)
        m = None
        for m in _STARTXREF.finditer(tail):
            pass
        if m is None:
            raise Decline("no startxref line followed by a number line")
        pos = int(m.group(1))
        trailers: list[dict] = []
        seen: set[int] = set()
        todo = [pos]
        # pdfminer's order: a table, then its /XRefStm, then its /Prev (depth first); the first
        # that holds an object wins, so entries are added only where none is yet
        order: list[int] = []

        def visit(p: int) -> None:
            if p in seen or len(seen) > 200:
                raise Decline("cross-reference loop")
            seen.add(p)
            trailer = self._xref_at(p)
            trailers.append(trailer)
            order.append(p)
            if "XRefStm" in trailer:
                visit(self._int(trailer["XRefStm"]))
            if "Prev" in trailer:
                visit(self._int(trailer["Prev"]))

        visit(todo[0])
        for t in trailers:
            if "Encrypt" in t:
                raise Decline("encrypted")
        for t in trailers:  # (pdfminer reads /Info of each trailer up to the one with /Root)
            if "Info" in t:
                self.resolve(t["Info"])
            if "Root" in t:
                return t
        raise Decline("no /Root")

    @staticmethod
    def _int(v) -> int:
        if type(v) is not int:
            raise Decline("not an integer")
        return v

    def _xref_at(self, pos: int) -> dict:
        buf = self._read(pos, 64)
        if buf.startswith(b"xref"):
            return self._xref_table(pos)
        if _OBJ_HEAD.match(buf):
            return self._xref_stream(pos)
        raise Decline("no cross-reference at startxref")

    def _xref_table(self, pos: int) -> dict:
        n = 65536
        while True:
            buf = self._read(pos, n)
            try:
                return self._xref_table_in(buf, pos)
            except _More:
                if pos + n >= self.size:
                    raise Decline("cross-reference table cut short")
                n *= 4

    def _xref_table_in(self, buf: bytes, base: int) -> dict:
        # pdfminer's PDFXRef.load: line by line after the `xref` line up to the line starting
        # with `trailer` (the first `trailer` after it: entry lines hold digits, spaces, n and f)
        at = _LINE.match(buf, 0).end()
        tpos = buf.find(b"trailer", at)
        if tpos < 0:
            raise _More()
        lines = _EOL.split(buf[at:tpos])
        if lines[-1].strip():
            raise Decline("text before trailer on its line")
        mine: dict[int, tuple] = {}
        k, n = 0, len(lines) - 1
        while k < n:
            line = lines[k].strip()
            k += 1
            if not line:
                continue
            f = line.split(b" ")
            if len(f) != 2 or not f[0].isdigit() or not f[1].isdigit():
                raise Decline("cross-reference subsection")
            start, count = int(f[0]), int(f[1])
            if k + count > n:
                raise Decline("cross-reference subsection cut short")
            for objid in range(start, start + count):
                f = lines[k].strip().split(b" ")
                k += 1
                if len(f) != 3 or not f[0].isdigit() or not f[1].isdigit():
                    raise Decline("cross-reference entry")
                if f[2] == b"n":
                    mine[objid] = (None, int(f[0]))
        p = _Parser(buf[tpos + 7:], 0)
        trailer = p.value()
        if not isinstance(trailer, dict):
            raise Decline("trailer")
        for key, v in mine.items():
            self.offsets.setdefault(key, v)
        return trailer

    def _xref_stream(self, pos: int) -> dict:
        stream = self._object_at(pos, None)
        if not isinstance(stream, Stream) or stream.attrs.get("Type") != "XRef" or \
                not isinstance(stream.attrs.get("Type"), Name):
            raise Decline("cross-reference stream")
        a = stream.attrs
        size = self._int(a.get("Size"))
        index = a.get("Index", [0, size])
        w = a.get("W")
        if not isinstance(index, list) or len(index) % 2 or not isinstance(w, list) or len(w) != 3 or \
                not all(type(x) is int and x >= 0 for x in w + index):
            raise Decline("cross-reference stream fields")
        data = self.data(stream)
        w1, w2, w3 = w
        ent = w1 + w2 + w3
        at = 0
        for start, count in zip(index[::2], index[1::2]):
            for objid in range(start, start + count):
                e = data[at * ent:(at + 1) * ent]
                at += 1
                if len(e) < ent:
                    raise Decline("cross-reference stream short")
                f1 = int.from_bytes(e[:w1], "big") if w1 else 1
                f2 = int.from_bytes(e[w1:w1 + w2], "big")
                f3 = int.from_bytes(e[w1 + w2:], "big")
                if objid in self.offsets:
                    continue
                if f1 == 1:
                    self.offsets[objid] = (None, f2)
                elif f1 == 2:
                    self.offsets[objid] = (f2, f3)
        return a

    # ------------------------------------------------------------ objects

    def getobj(self, objid: int):
        """Object `objid` (None where the cross-reference has none, as pdfminer's resolve1)."""
        got = self._cache.get(objid, self)
        if got is not self:
            return got
        where = self.offsets.get(objid)
        if where is None:
            got = None
        elif where[0] is None:
            got = self._object_at(where[1], objid)
        else:
            got = self._in_objstm(where[0], where[1])
        self._cache[objid] = got
        return got

    def resolve(self, x):
        n = 0
        while isinstance(x, Ref):
            x = self.getobj(x.objid)
            n += 1
            if n > 32:
                raise Decline("reference loop")
        return x

    def _in_objstm(self, stmid: int, index: int):
        objs = self._objstm.get(stmid)
        if objs is None:
            stream = self.getobj(stmid)
            if not isinstance(stream, Stream) or stream.attrs.get("Type") != "ObjStm":
                raise Decline("object stream")
            n = self._int(stream.attrs.get("N"))
            p = _Parser(self.data(stream))
            objs = []
            while True:
                k, m = p.token()
                if k == "end":
                    break
                objs.append(p.value(k, m))
            objs = self._objstm[stmid] = [n, objs]
        n, items = objs
        if 2 * n + index >= len(items):
            raise Decline("object stream index")
        return items[2 * n + index]

    def _object_at(self, pos: int, objid: int | None):
        i = bisect_right(self._ends, pos) if hasattr(self, "_ends") else 0
        limit = self._ends[i] if hasattr(self, "_ends") and i < len(self._ends) else self.size
        n = min(4096, max(64, limit - pos))
        while True:
            buf = self._read(pos, n)
            try:
                return self._object_in(buf, pos, objid)
            except _More:
                if pos + n >= self.size:
                    raise Decline("object cut short")
                n *= 4

    def _object_in(self, buf: bytes, pos: int, objid: int | None):
        m = _OBJ_HEAD.match(buf)
        if m is None:
            if len(buf) < 64:
                raise _More()
            raise Decline("no object where the cross-reference says")
        if objid is not None and int(m.group(1)) != objid:
            raise Decline("object number mismatch")
        p = _Parser(buf, pos)
        p.pos = m.end()
        v = p.value()
        kw = p.keyword()
        if kw == b"endobj":
            return v
        if kw != b"stream" or not isinstance(v, dict):
            raise Decline("after an object")
        # pdfminer: the data starts after the line holding `stream` and is /Length bytes long
        line = _LINE.match(buf, p.pos)
        if not line.group().endswith((b"\n", b"\r")) or line.end() == len(buf):
            raise _More()  # (a CR last in the buffer: a LF may follow it)
        start = pos + line.end()
        length = v.get("Length")
        if isinstance(length, Ref):
            length = self.getobj(length.objid)
        if type(length) is not int or length < 0 or start + length > self.size:
            raise Decline("stream length")
        return Stream(v, start, length, int(m.group(1)))

    def data(self, stream: Stream) -> bytes:
        """The stream's data decoded (FlateDecode or none; StreamTooLarge past --max-stream, as
        pdfminer's decoding inside streams.bounded()); Decline for anything else."""
        a = stream.attrs
        raw = stream.raw if stream.raw is not None else self._read(stream.start, stream.length)
        # pdfminer's get_filters: the first key present, resolved
        filters = self.resolve(next((a[k] for k in ("F", "Filter") if k in a), []))
        params = self.resolve(next((a[k] for k in ("DP", "DecodeParms", "FDecodeParms") if k in a), {}))
        if not filters:
            return raw
        if not isinstance(filters, list):
            filters = [filters]
        if not isinstance(params, list):
            params = [params] * len(filters)
        data = raw
        for f, param in zip(filters, params):
            f, param = self.resolve(f), self.resolve(param)
            if isinstance(f, Name) and f in ("FlateDecode", "Fl"):
                import zlib

                try:
                    data = inflate(data, self.max_stream)
                except zlib.error:
                    raise Decline("a damaged Flate stream (pdfminer's recovery)") from None
            elif isinstance(f, Name) and f in ("ASCII85Decode", "A85"):
                data = _ascii85(data)
            else:
                raise Decline(f"filter {f!r}")
            if param and isinstance(param, dict) and "Predictor" in param:
                data = _predicted(param, data)
            elif param and not isinstance(param, dict):
                raise Decline("decode parameters")
        return data


_A85_START = rx_compile(rb"^\s*<?\s*~\s*")
_A85_END = rx_compile(rb"\s*~\s*>?\s*$")


def _ascii85(data: bytes) -> bytes:
    """pdfminer's ascii85decode (a leading `<~` or `~` and a trailing `~` or `~>` stripped, then
    the standard library's a85decode; its errors propagate: the caller declines)."""
    from base64 import a85decode

    return a85decode(_A85_END.sub(b"", _A85_START.sub(b"", data)))


def _predicted(param: dict, data: bytes) -> bytes:
    """pdfminer's apply_png_predictor for one colour of 8 bits, filter types None and Up (others declined)."""
    pred = param.get("Predictor")
    if pred == 1:
        return data
    colors, bpc, columns = param.get("Colors", 1), param.get("BitsPerComponent", 8), param.get("Columns", 1)
    if type(pred) is not int or pred < 10 or type(colors) is not int or colors != 1 or type(bpc) is not int or \
            bpc != 8 or type(columns) is not int or columns < 1:
        raise Decline("predictor")
    out = bytearray()
    above = bytes(columns)
    for i in range(0, len(data), columns + 1):
        t = data[i]
        line = data[i + 1:i + 1 + columns]
        if t == 0:
            raw = bytes(line)
        elif t == 2:
            raw = bytes((a + b) & 255 for a, b in zip(line, above))
        else:
            raise Decline("PNG filter type")
        out += raw
        above = raw
    return bytes(out)


def pages(doc: Document):
    """Each page's dictionary in order, inherited attributes (Resources, MediaBox, CropBox,
    Rotate, from the catalog down) filled in as pdfminer's PDFPage.create_pages fills them.
    Declines where pdfminer would take labels or scan the file for pages."""
    if "PageLabels" in doc.catalog:
        _plain_labels(doc, doc.catalog["PageLabels"])
    inherit = ("Resources", "MediaBox", "CropBox", "Rotate")
    if "Pages" not in doc.catalog:
        raise Decline("no page tree")
    visited: set[int] = set()
    found = False

    def walk(obj, parent: dict):
        nonlocal found
        if type(obj) is int:
            objid = obj
            props = doc.getobj(objid)
            if props is None:
                raise Decline("a page tree node missing")  # (pdfminer's getobj raises there)
        elif isinstance(obj, Ref):
            objid = obj.objid
            props = doc.getobj(objid)
        else:
            raise Decline("a page tree node not a reference")
        props = dict(props) if isinstance(props, dict) else {}
        if objid in visited:
            return
        visited.add(objid)
        for k, v in parent.items():
            if k in inherit and k not in props:
                props[k] = v
        kind = props.get("Type")
        if kind is None:
            kind = props.get("type")
        if isinstance(kind, Name) and kind == "Pages" and "Kids" in props:
            kids = doc.resolve(props["Kids"])
            if not isinstance(kids, list):
                raise Decline("Kids")
            for kid in kids:
                yield from walk(kid, props)
        elif isinstance(kind, Name) and kind == "Page":
            found = True
            yield props

    yield from walk(doc.catalog["Pages"], doc.catalog)
    if not found:
        raise Decline("no pages in the tree")


def _plain_labels(doc: Document, tree) -> None:
    """Decline page labels unless a flat number tree (/Nums: page index, label dictionary with
    /S a name, /P a string, /St an integer): pdfminer makes every page's label as it walks the
    pages, and a tree of another shape could stop its walk."""
    tree = doc.resolve(tree)
    nums = doc.resolve(tree.get("Nums")) if isinstance(tree, dict) and "Kids" not in tree else None
    if not isinstance(nums, list) or len(nums) % 2:
        raise Decline("page labels")
    last = -1
    for start, label in zip(nums[::2], nums[1::2]):
        label = doc.resolve(label)
        if type(start) is not int or start <= last or not isinstance(label, dict):
            raise Decline("page labels")
        last = start
        s, p, st = (doc.resolve(label.get(k)) for k in ("S", "P", "St"))
        if not (s is None or isinstance(s, Name)) or not (p is None or isinstance(p, String)) or \
                not (st is None or (type(st) is int and st > 0)):
            raise Decline("page labels")


def page_parts(doc: Document, props: dict) -> tuple:
    """(resources, contents) of a page as pdfminer's PDFPage holds them; Decline where its
    constructor would fail or read a box otherwise than as four numbers."""
    for key in ("MediaBox", "CropBox"):
        if key in props:
            box = doc.resolve(props[key])
            if not isinstance(box, list) or len(box) != 4 or \
                    not all(isinstance(doc.resolve(v), (int, float)) for v in box):
                raise Decline(key)
    if "Rotate" in props and type(doc.resolve(props["Rotate"])) is not int:
        raise Decline("Rotate")
    doc.resolve(props.get("LastModified"))  # (pdfminer's PDFPage resolves it: an error there is its too)
    resources = doc.resolve(props.get("Resources", {}))
    contents = props.get("Contents")
    out = []
    if contents is not None:
        contents = doc.resolve(contents)
        out = contents if isinstance(contents, list) else [contents]
    return resources, out
