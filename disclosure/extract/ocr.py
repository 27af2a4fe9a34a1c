"""The OCR engine: RapidOCR (PP-OCR models run by onnxruntime), whose Chinese detection and
recognition models ship inside its wheel, so nothing is downloaded at run time. It is the
optional extra `ocr`; without it a page that needs OCR is reported, not read, and the rest of
the document is extracted as usual.

read() gives characters as the layout functions take them (points from the page's top-left,
text, size) with conf, the recogniser's confidence (0–1). Given the cells of the page's ruled
tables, it recognises their text lines without detection, in batches (extract/ocr_cells.py),
and runs the detector, which costs most of a page, only over the rest of the page and the
cells set aside there (ink touching a rule, two lines touching, an unsure reading). RapidOCR scores Chinese characters one
by one and a run of digits or Latin letters as one word; a word's box is shared out evenly among
its characters, and each character carries the word's confidence. Three repairs on what the
detector gives: a box running over a cell's rule is cut there and each piece read again; a thin
stroke the detector left out just before a box (一) is taken in when the box read again with it
still ends with the old text; a detection overlapping a surer one is dropped, and so is
punctuation read with little confidence (noise specks).
"""
from __future__ import annotations

import logging
import os
import threading
import unicodedata
from functools import lru_cache

from disclosure import settings
from disclosure.numerals import FIGURE, LIST_NUMBER
from disclosure.rx import compile as rx_compile
from disclosure import rx as rx_re

INSTALL_HINT = "pip install 'disclosure[ocr]'"
SPECK = 0.5  # (default of settings.ocr_speck) punctuation read with less confidence than this is noise
DARK = 140  # a pixel darker than this is ink, for the shape of a dash
SYMBOL_SURE = 0.9  # (default of settings.ocr_symbol_sure) a symbol (☑, ■: Unicode category So) read with less confidence is a speck
SLIVER_SURE = 0.8  # a lone character cut off at a rule, narrower than 0.4 of the line, read with less confidence is noise (L007-00018 p.9)
_PUNCT = set("。，,.:：;；·、'\"`‘’“”-_~")
ENGINE = "rapidocr"


class OcrUnavailable(RuntimeError):
    pass


def no_telemetry() -> None:
    """onnxruntime's telemetry off before it loads: its 1DS client looks up
    mobile.events.data.microsoft.com on every run otherwise (disable_telemetry_events() alone,
    called after the library loaded, does not stop it). Nothing in this project uses the network."""
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"


@lru_cache(maxsize=1)
def engine():
    no_telemetry()
    try:
        from rapidocr import RapidOCR
    except ImportError as e:  # the optional extra is not installed
        raise OcrUnavailable(f"OCR is not installed ({e.name or e}); install it with: {INSTALL_HINT}") from e
    try:
        import onnxruntime
        onnxruntime.disable_telemetry_events()
    except Exception:  # an onnxruntime without the switch
        pass
    for name in ("RapidOCR", "rapidocr"):
        logging.getLogger(name).setLevel(logging.ERROR)
    # threads per OCR call (default: every core); a batch of N workers sets cores / N for each
    threads = int(os.environ.get("DISCLOSURE_OCR_THREADS", "-1") or -1)
    _image_threads(threads)
    # the detector sees the image as given (at most 2000 pixels a side, as before): a band of a
    # page (ocr_cells.bands) is neither enlarged to 736 pixels nor padded to a squarer shape.
    # (The recogniser's own loop, over detections, keeps RapidOCR's padding of every batch to 320
    # pixels: padded only to its widest crop, a detection holding a rule's remnant read
    # _项目支出 for 项目支出 in a table of the generated scans, L007-00018; the cells, cut clear of
    # their rules, are read so, ocr_cells._rec.)
    eng = RapidOCR(params={"Global.log_level": "critical", "Global.use_cls": False,
                           "Global.use_vertical_padding": False,
                           "Det.limit_type": "max", "Det.limit_side_len": DET_SIDE,
                           "EngineConfig.onnxruntime.intra_op_num_threads": threads,
                           **_model_files()})
    _load_quiet(eng)
    return eng


def _model_files() -> dict:
    """RapidOCR's model paths from DISCLOSURE_OCR_DET_MODEL / DISCLOSURE_OCR_REC_MODEL when set (an
    ONNX file in place of the wheel's detector / recogniser, for measuring another copy of a model,
    bench/ocr_int8.py); unset, the wheel's models. Never a download: a missing file fails to load."""
    out = {}
    for key, var in (("Det.model_path", "DISCLOSURE_OCR_DET_MODEL"), ("Rec.model_path", "DISCLOSURE_OCR_REC_MODEL")):
        if os.environ.get(var):
            out[key] = os.environ[var]
    return out


def _image_threads(threads: int) -> None:
    """OpenCV's threads (the page image's work: rulings, skew search, tint, connected components)
    set to the OCR's thread count when one is given (DISCLOSURE_OCR_THREADS; a batch of N workers
    gives each cores / N): OpenCV's pool otherwise runs a thread per core in every worker, whose
    threads wait for work spinning on the CPU, taken from the batch's other workers for nothing.
    The results are the same with any thread count (rulings, skew and quarter turn compared on 18
    scanned pages of bench/ocr_speed.py's two documents, 1 thread against 2); the CPU of those
    stages fell by about a fifth (0.52 -> 0.42 and 0.48 -> 0.38 CPU s/page, two runs, load 15-20).
    With -1 (no count given: one process on every core) OpenCV keeps its default."""
    if threads < 1:
        return
    try:
        import cv2
    except ImportError:
        return
    cv2.setNumThreads(threads)


def _load_quiet(eng) -> None:
    """Load the detector and the recogniser with onnxruntime's worker threads sleeping between
    calls (session.intra_op.allow_spinning = 0): by default they spin on the CPU waiting for
    work, which on a machine shared by batch workers is CPU time taken from the others for
    nothing. Their memory comes from onnxruntime's arena (enable_cpu_mem_arena; RapidOCR's
    config turns it off): without it every call allocates and frees its tensors anew, and the
    inputs' shapes change from call to call (bands, batches of crops). The recogniser's outputs
    are the same bit for bit (its 109 inputs recorded from bench/ocr_speed.py's two scans, 16
    pages, run both ways: equal arrays; the allocator changes no arithmetic); CPU of the model calls, one thread, three runs each alternated at
    load 4: detector 10.8 -> 8.2 s, recogniser 27.6 -> 26.1 s. RapidOCR makes the session options
    (pinned rapidocr 3.10.0); where its internals differ, the models load with its defaults."""
    try:
        from rapidocr.inference_engine.onnxruntime.main import OrtInferSession
    except ImportError:
        return
    made = OrtInferSession.__dict__.get("_init_sess_opts")
    if not isinstance(made, staticmethod):
        return

    def options(cfg):
        opts = made.__func__(cfg)
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        opts.enable_cpu_mem_arena = True
        return opts

    OrtInferSession._init_sess_opts = staticmethod(options)
    try:
        eng._load_det_model()
        eng._load_rec_model()
    finally:
        OrtInferSession._init_sess_opts = made


def version() -> str:
    try:
        from importlib.metadata import version as v
        return f"{ENGINE} {v('rapidocr')}, onnxruntime {v('onnxruntime')}"
    except Exception:
        return ENGINE


def available() -> bool:
    try:
        engine()
        return True
    except OcrUnavailable:
        return False


def lines_across(gray, max_side: int = 1200) -> float:
    """The share of text boxes the detector finds that are wider than tall (lines running across
    the image), on a reduced copy: near 1 on an upright or upside-down page, low on its side."""
    import cv2
    import numpy as np

    h, w = gray.shape
    f = min(1.0, max_side / max(h, w))
    small = cv2.resize(gray, (int(w * f), int(h * f)), interpolation=cv2.INTER_AREA) if f < 1 else gray
    result = engine()(np.dstack([small] * 3), use_det=True, use_cls=False, use_rec=False)
    boxes = getattr(result, "boxes", None)
    if boxes is None or not len(boxes):
        return 0.0
    wide = sum(1 for b in boxes if np.ptp(b[:, 0]) > 1.5 * np.ptp(b[:, 1]))
    tall = sum(1 for b in boxes if np.ptp(b[:, 1]) > 1.5 * np.ptp(b[:, 0]))
    return wide / max(wide + tall, 1)


def upside_down(gray, chars: list[dict], dpi: int, sample: int = 40) -> bool:
    """Whether the page is upside down: the direction classifier of PP-OCR (0 or 180 degrees) asked
    about the widest text boxes found; most must say 180, surely. (Digits read upside down still
    look like digits, so the recogniser's confidence cannot tell.) The boxes are asked a few at a
    time, and no more once the others cannot change the answer (an upright page: once half of
    them have said 0): the answer is the one all of them would give."""
    import numpy as np

    k = dpi / 72.0
    boxes: dict[int, list[float]] = {}
    for c in chars:
        b = boxes.setdefault(c["seg"] // 1000, [c["x0"], c["top"], c["x1"], c["bottom"]])
        b[0], b[1], b[2], b[3] = min(b[0], c["x0"]), min(b[1], c["top"]), max(b[2], c["x1"]), max(b[3], c["bottom"])
    widest = sorted(boxes.values(), key=lambda b: b[0] - b[2])[:sample]
    crops = []
    for x0, top, x1, bottom in widest:
        crop = gray[int(top * k):int(bottom * k) + 1, int(x0 * k):int(x1 * k) + 1]
        if crop.size and crop.shape[0] >= 8:
            crops.append(np.dstack([crop] * 3))
    if len(crops) < 3:
        return False
    cls = engine()._load_cls_model()  # pinned rapidocr 3.10.0; tests/test_ocr.py
    flipped = asked = 0
    for at in range(0, len(crops), UPSIDE_STEP):  # asked a few at a time, until the answer is sure
        labels = cls(crops[at:at + UPSIDE_STEP]).cls_res
        asked += len(labels)
        flipped += sum(1 for label, score in labels if "180" in str(label) and score > 0.9)
        rest = len(crops) - asked
        if flipped > len(crops) / 2 or flipped + rest <= len(crops) / 2:
            break
    return flipped > len(crops) / 2


UPSIDE_STEP = 6  # (upside_down) crops asked of the direction classifier at a time: the classifier's own batch


DET_SIDE = 2000  # the detector's input, longest side at most (pixels; RapidOCR's max_side_len too)
_SWAP = threading.Lock()  # (read) held while the engine's recogniser is swapped
GLYPH_SHARE = 0.65  # (_Padded) a detection's crop is read with its ink at most this share of its height


class _Padded:
    """The engine's recogniser reading each crop of a detection with white rows added above and
    below, so that its ink is at most GLYPH_SHARE of the crop's height (RapidOCR's crops of
    detections are tight, the ink filling most of their height). The recogniser scales every
    crop to 48 pixels high and costs in proportion to the width that gives (ocr_cells._batches),
    so a line of text costs fewer columns. The crop keeps its width, so the word boxes (RapidOCR's
    CalRecBoxes, from positions along the crop's width) keep their meaning. At 0.5 (the cells'
    share, ocr_cells.crop) full-width colons were read half-width (：as :) on 4 narrative pages of
    putuo-quzhengfuban-2025's scan and a rule's remnant as | between two amounts on
    shengweiban-2017 p.11; at 0.65 the same characters as without padding on those 11 pages but
    one title (八厅 read where it read 八斤; the text layer's 办公厅), and the line items of
    bench/ocr_speed.py's scans of both documents the same. Other attributes pass through to the
    recogniser."""

    def __init__(self, rec):
        self._rec = rec

    def __getattr__(self, name):
        return getattr(self._rec, name)

    def __call__(self, args):
        from rapidocr.ch_ppocr_rec import TextRecInput, TextRecOutput

        imgs = [args.img] if not isinstance(args.img, (list, tuple)) else list(args.img)
        padded = [_padded(i) for i in imgs]
        txts, scores, words = [""] * len(imgs), [0.0] * len(imgs), [None] * len(imgs)
        for group in _like_widths([p.shape[1] / float(p.shape[0]) for p in padded]):
            got = self._rec(TextRecInput(img=[padded[i] for i in group], return_word_box=args.return_word_box))
            for j, i in enumerate(group):
                txts[i], scores[i], words[i] = got.txts[j], got.scores[j], got.word_results[j]
        return TextRecOutput(imgs, tuple(txts), scores, tuple(words))


NOMINAL = 320 / 48  # RapidOCR's recogniser pads every batch to this width / height ratio at least


def _like_widths(ratios: list[float]) -> list[list[int]]:
    """The crops (width / height ratios) of a call's detections grouped for RapidOCR's recogniser,
    which sorts the crops it is given by width and pads each batch of 6 to its widest, and to
    NOMINAL at least: the crops not wider than NOMINAL in one group (padded to it whatever the
    grouping), the wider ones in groups of like width (ocr_cells._batches: padding under a tenth).
    Over a page of narrative the batches of 6 in width order padded its lines by about a fifth
    (the short last lines of paragraphs beside full ones)."""
    from disclosure.extract import ocr_cells

    narrow = [i for i, r in enumerate(ratios) if r <= NOMINAL]
    wide = [i for i, r in enumerate(ratios) if r > NOMINAL]
    groups = [narrow] if narrow else []
    return groups + [[wide[j] for j in b] for b in ocr_cells._batches([ratios[i] for i in wide])]


def _padded(crop):
    """A BGR crop with white rows added evenly above and below so that its rows of ink (a pixel
    darker than 128) span at most GLYPH_SHARE of its height; the crop itself when they do."""
    import cv2
    import numpy as np

    rows = np.flatnonzero((crop[..., 0] if crop.ndim == 3 else crop).min(axis=1) < 128)
    if not len(rows):
        return crop
    h = crop.shape[0]
    want = int(np.ceil((rows[-1] - rows[0] + 1) / GLYPH_SHARE))
    if want <= h:
        return crop
    top = (want - h) // 2
    return cv2.copyMakeBorder(crop, top, want - h - top, 0, 0, cv2.BORDER_CONSTANT, value=(255, 255, 255))


def _bounds(quad) -> tuple[float, float, float, float]:
    """(x0, x1, top, bottom) of a detector's four-point box."""
    xs = [p[0] for p in quad]
    ys = [p[1] for p in quad]
    return min(xs), max(xs), min(ys), max(ys)


def _ink(crop):
    """Per pixel column of a crop: whether it holds ink (a thin stroke such as 一 blurs to grey, so
    grey counts), and the columns dark over most of the height (a ruling)."""
    import numpy as np

    dark = (crop < 128).mean(axis=0)
    return (crop < 200).any(axis=0) & (dark < 0.5), np.nonzero(dark >= 0.5)[0]


def _cuts(quad, vertical) -> list[float]:
    """x of the vertical rulings (pixels) crossing a detection's box: text on both sides of a cell
    border that the detector took for one line."""
    x0, x1, top, bottom = _bounds(quad)
    mid = (top + bottom) / 2
    return sorted(x for y0, y1, x in vertical if x0 + 3 < x < x1 - 3 and y0 <= mid <= y1)


def _rule_across_glyph(gray, top: int, bottom: int, x: float) -> tuple[int, int] | None:
    """The columns (first, last, pixels) of the vertical ruling at `x` when it runs through a
    character rather than between two cells: an amount too wide for its cell printed over the
    border (267.80 over the rule read as 267.8 and a phantom 0; 951.82 with the rule through the
    2, generated reportlab tables with text overflowing, L007-00037 p.5). A border has a cell's
    padding of white on both sides; a character crossed by it has ink touching the rule on both
    sides, within two pixels. The rule's own blur (grey columns beside a thin rule, inked in rows
    where there is no text) is not a character's ink. None otherwise."""
    import numpy as np

    h = bottom - top
    reach = max(8, h)  # a character's width either side: the text's rows are found there
    lo, hi = max(int(x) - reach, 0), min(int(x) + reach + 1, gray.shape[1])
    y0, y1 = max(top - h // 2, 0), min(bottom + h // 2, gray.shape[0])
    if h < 6 or hi - lo < 2 * reach:
        return None
    ink = gray[y0:y1, lo:hi] < 128
    # rows of a horizontal rule (inked over most of a wider window), and the row either side of
    # one (its blur), are neither text nor reference
    wide = gray[y0:y1, max(int(x) - 40, 0):min(int(x) + 40, gray.shape[1])] < 128
    ruled_row = wide.mean(axis=1) >= 0.7
    usable = ~(ruled_row | np.roll(ruled_row, 1) | np.roll(ruled_row, -1))
    inband = np.zeros(len(ink), dtype=bool)
    inband[top - y0:bottom - y0] = True
    dark = ink[usable & inband].mean(axis=0) if (usable & inband).any() else ink.mean(axis=0)
    at = int(x) - lo
    ruled = np.nonzero(dark >= 0.5)[0]
    near = ruled[np.abs(ruled - at) <= 3]
    if not len(near):
        return None
    r0 = r1 = int(near[np.argmin(np.abs(near - at))])
    while r0 - 1 >= 0 and dark[r0 - 1] >= 0.5:
        r0 -= 1
    while r1 + 1 < len(dark) and dark[r1 + 1] >= 0.5:
        r1 += 1
    if r0 < 2 or r1 + 3 > len(dark):
        return None
    side = np.ones(ink.shape[1], dtype=bool)
    side[max(r0 - 3, 0):r1 + 4] = False
    side &= dark < 0.5  # another rule within reach is not text either
    text_rows = usable & ink[:, side].any(axis=1)
    quiet = usable & ~text_rows  # rows holding only the rule: its blur shows there
    blur = ink[quiet].mean(axis=0) > 0.5 if quiet.sum() >= 3 else np.zeros(ink.shape[1], dtype=bool)
    rows = ink[text_rows & inband]
    left = [c for c in (r0 - 2, r0 - 1) if not blur[c]]
    right = [c for c in (r1 + 1, r1 + 2) if not blur[c]]
    if left and right and rows[:, left].sum() >= 2 and rows[:, right].sum() >= 2:
        return lo + r0, lo + r1
    return None


def _over_rule_ends(gray, quad, vertical, text: str = "", strict: bool = True) -> tuple[list, list[float]]:
    """A detection that stops at a ruling running through its first or last character (the
    detector ends a box at the rule: 803.46 printed over the border read 803.4, L007-00037 p.5):
    the box widened over the rule to the end of the characters' ink beyond it (gaps under a third
    of the line's height), and the rule's x among the cuts, for _split to read across. A box is
    widened over a rule at its start only when its text starts as an amount's tail does (a digit,
    a comma or a point): a label starting against the rule after an amount that touches it
    (3,247.95 | 一、科学技术支出, L007-00037 p.6) keeps its box. With `strict` False (the detector's
    boxes over the whole page, which take the rule in and read it as [ or 1 or |) only a text
    starting with a Chinese character keeps its box: no amount goes on in one, and a label set
    flush against its cell's rule (文物 against the rule after the code 20702, a Calc table, U001-00001
    p.2 scanned) was widened over the rule into the code's cell, kept there (the noise left of
    the rule counted as more ink than the label's) and joined to the code (`20702 文物`, the name
    lost and the code column's codes taken for amounts). Returns (quad, extra cuts); the quad
    unchanged and no cuts otherwise."""
    import numpy as np

    x0, x1, top, bottom = _bounds(quad)
    itop, ibottom = int(max(top, 0)), int(min(bottom, gray.shape[0]))
    h = ibottom - itop
    if h < 6:
        return quad, []
    mid = (top + bottom) / 2
    extra = []
    for y0, y1, x in vertical:
        if not (y0 <= mid <= y1):
            continue
        at_end = x1 - 3 <= x <= x1 + 4
        at_start = x0 - 4 <= x <= x0 + 3 and (not text or _may_go_on(text, strict))
        if not (at_end or at_start):
            continue
        rule = _rule_across_glyph(gray, itop, ibottom, x)
        if rule is None:
            continue
        r0, r1 = rule
        gap = max(2, h // 3)
        if at_end:
            cols = np.arange(r1 + 1, min(r1 + 1 + 2 * h, gray.shape[1]))
        else:
            cols = np.arange(r0 - 1, max(r0 - 1 - 2 * h, -1), -1)
        if not len(cols):
            continue
        ink, ruled = _ink(gray[itop:ibottom, min(cols):max(cols) + 1])
        inked = ink if at_end else ink[::-1]
        stop = 0
        blank = 0
        for i, on in enumerate(inked):
            if on:
                stop, blank = i + 1, 0
            else:
                blank += 1
                if blank >= gap:
                    break
        if not stop:
            continue
        if at_end:
            x1 = float(cols[0] + stop + 1)
        else:
            x0 = float(cols[0] - stop - 1)
        extra.append(float(x))
    if not extra:
        return quad, []
    return [[x0, top], [x1, top], [x1, bottom], [x0, bottom]], extra


def _may_go_on(text: str, strict: bool) -> bool:
    """Whether a detection's text may be the tail of an amount begun left of a rule: strictly, it
    starts as one does (a digit, a comma or a point); else it does not start with a Chinese
    character (丨 aside: a rule read so)."""
    first = text.strip()[:1]
    if strict:
        return first in "0123456789,."
    return not ("\u4e00" <= first <= "\u9fff" and first != "丨")


def _split(gray, quad, cuts: list[float], whole: tuple[str, float] | None = None) -> list[tuple[str, float, list]]:
    """The detection cut at the rulings, each piece recognised alone: (text, confidence, box),
    the box narrowed to the piece's ink. A ruling that runs through a character
    (_rule_across_glyph) does not cut: the piece is read with the rule's pixels repainted as the
    character's strokes crossing it (_bridge), and its box is kept on the side of the rule
    holding most of its ink, the cell it was printed for. Whitened, the rule took the part of the
    character under it with it (the 6 of 803.46 read 803.4); where a reading still falls short,
    no ruling cuts the detection and `whole` (the detector's own reading of the box, rule
    included) is an amount holding the piece's digits with at most one more, `whole` is kept."""
    import numpy as np

    x0, x1, top, bottom = _bounds(quad)
    top, bottom = int(max(top, 0)), int(min(bottom, gray.shape[0]))
    across = {c: r for c in cuts if (r := _rule_across_glyph(gray, top, bottom, c)) is not None}
    edges = [x0] + [c for c in cuts if c not in across] + [x1]
    out = []
    for a, b in zip(edges, edges[1:]):
        lo, hi = int(max(a, 0)), int(min(b, gray.shape[1]))
        if hi - lo < 6 or bottom - top < 4:
            continue
        inside = [r for c, r in across.items() if a < c < b]
        img = gray
        if inside:
            img = gray.copy()
            for r0, r1 in inside:
                _bridge(img, gray, top, bottom, r0, r1)
        ink, ruled = _ink(img[top:bottom, lo:hi])
        # leave out the ruling at either end, then the white margin, so the recogniser sees the
        # piece's text alone
        inked = np.nonzero(ink)[0]
        left, right = _edge_rule(ruled, len(ink), (a != x0, b != x1))
        inked = inked[(inked >= left) & (inked < right)]
        if not len(inked):
            continue
        lo, hi = lo + max(int(inked[0]) - 2, left), lo + min(int(inked[-1]) + 3, right)
        text, conf = _read_crop(img, lo, hi, top, bottom)
        for r0, r1 in inside:  # the box stays in the cell holding most of the ink
            cols = np.nonzero(_ink(img[top:bottom, lo:hi])[0])[0] + lo
            if (cols < r0).sum() >= (cols > r1).sum():
                hi = min(hi, r0 - 1)
            else:
                lo = max(lo, r1 + 1)
        if inside and whole and len(edges) == 2 and _amount_over(whole[0], text):
            text, conf = whole
        if len(text.strip()) == 1 and conf < SLIVER_SURE and hi - lo < 0.4 * (bottom - top):
            continue  # a sliver beside the rule (its corner, a neighbour's edge) read as 4 at 0.57
        if text.strip():
            out.append((text, conf, [[lo, top], [hi, top], [hi, bottom], [lo, bottom]]))
    return out




BRIDGE = 160  # (_bridge) a pixel darker than this beside a rule is a stroke running into it


def _bridge(img, gray, top: int, bottom: int, r0: int, r1: int) -> None:
    """The columns r0..r1 (pixels) of a vertical rule running through a character, rows top to
    bottom, repainted in `img` as the character would be without the rule: in a row where a
    stroke meets the rule from both sides (ink darker than BRIDGE within two columns of it on
    the left and on the right) the grey is carried across from one side to the other; every
    other row white. Whitened whole, the rule took the part of the character under it with it,
    and which reading that left depended on the box the detector drew (834.82 with the rule
    through the 2 read 834.8 from a box three pixels taller, generated Writer tables L007-00037
    p.5, cells path). `gray` is the page image unchanged; `img` is edited."""
    import numpy as np

    lo, hi = max(r0 - 2, 0), min(r1 + 3, gray.shape[1])
    if r0 - 1 < 0 or r1 + 1 >= gray.shape[1] or bottom <= top:
        img[top:bottom, r0:r1 + 1] = 255
        return
    rows = gray[top:bottom]
    left = (rows[:, lo:r0] < BRIDGE).any(axis=1)
    right = (rows[:, r1 + 1:hi] < BRIDGE).any(axis=1)
    a = rows[:, r0 - 1].astype(np.float32)[:, None]
    b = rows[:, r1 + 1].astype(np.float32)[:, None]
    t = (np.arange(1, r1 - r0 + 2, dtype=np.float32) / (r1 - r0 + 2))[None, :]
    fill = (a + (b - a) * t).astype(np.uint8)
    img[top:bottom, r0:r1 + 1] = np.where((left & right)[:, None], fill, 255)


def _edge_rule(ruled, width: int, cut: tuple[bool, bool] = (True, True)) -> tuple[int, int]:
    """(first, last + 1) columns of a piece's crop left to its text once the ruling at either end
    is left out: `ruled` are the crop's columns dark over most of its height (_ink). The ruling
    is the block of adjacent such columns nearest the end, within `reach` of it, with the margin
    between it and the end; a dark column beyond that block, past a lighter one, is a
    character's stroke, not the rule: a 1 set left against its cell's rule (11,035,650 read
    1,035,650, the 项 11 of 2080111 lost, generated Calc tables, U001-00015 p.2). Without a
    ruling near an end, that end is the crop's. Near is within 8 columns of an end cut at a
    rule (`cut`: the piece's left and right ends), within 3 of the detector's own box end,
    which may end just past a 1 (the 项 11 read 1)."""
    cols = set(int(c) for c in ruled)
    left = 0
    reach = 8 if cut[0] else 3
    start = next((c for c in range(reach) if c in cols), None)
    if start is not None:
        c = start
        while c + 1 in cols and c + 1 < reach:
            c += 1
        left = c + 2
    right = width
    reach = 8 if cut[1] else 3
    start = next((c for c in range(width - 1, width - 1 - reach, -1) if c in cols), None)
    if start is not None:
        c = start
        while c - 1 in cols and c - 1 >= width - reach:
            c -= 1
        right = c - 1
    return left, right


def _amount_over(whole: str, piece: str) -> bool:
    """Whether `whole`, read over a rule, is an amount whose digits are the piece's digits with at
    most one more (the character the rule ran through)."""
    w, p = whole.replace(" ", ""), piece.replace(" ", "")
    m = FIGURE.match(w)
    if not m or len(m.group(3) or ".") > 3:  # two decimals at most, as amounts print them
        return False
    dw, dp = [c for c in w if c.isdigit()], [c for c in p if c.isdigit()]
    if not 0 <= len(dw) - len(dp) <= 1:
        return False
    it = iter(dw)
    return all(c in it for c in dp)


def _read_crop(gray, x0: int, x1: int, top: int, bottom: int) -> tuple[str, float]:
    import cv2
    import numpy as np

    piece = cv2.copyMakeBorder(gray[top:bottom, x0:x1], 6, 6, 10, 10, cv2.BORDER_CONSTANT, value=255)
    r = engine()(np.dstack([piece] * 3), use_det=False, use_cls=False, use_rec=True, return_word_box=False)
    return (r.txts or ("",))[0], float((r.scores or (0.0,))[0])


def _widened(gray, quad, text: str, boxes: list[tuple[float, float, float, float]], vertical=()):
    """A thin stroke just left of a detection that the detector left out (the 一 of 一般…, blurred
    to grey in a scan): when there is ink within a character's width to the left, not a ruling,
    the box is widened to it and read again; kept when the new reading ends with the old one.
    A detection starting against a vertical ruling (`vertical`, (y0, y1, x) pixels: from 8
    pixels left of its box to 3 inside it, too little for a stroke between) is not widened:
    the ink there is the rule, whose edge the box cuts off the dark columns that mark a
    ruling, and read with the text it is a bar (|6,538,445.84 for an amount set left against
    its rule, generated Calc tables, U001-00001 p.5)."""
    import numpy as np

    x0, x1, top, bottom = _bounds(quad)
    mid = (top + bottom) / 2
    if any(y0 <= mid <= y1 and x0 - 8 <= x <= x0 + 3 for y0, y1, x in vertical):
        return None  # no room for a stroke between the rule and the box
    top, bottom = int(max(top, 0)), int(min(bottom, gray.shape[0]))
    x0, x1 = int(x0), int(x1)
    h = bottom - top
    lo = max(x0 - int(1.3 * h), 0)
    if h < 8 or x0 - lo < 4:
        return None
    ink, ruled = _ink(gray[top:bottom, lo:x0])
    start = int(ruled.max()) + 2 if len(ruled) else 0  # nothing beyond a ruling
    cols = np.nonzero(ink[start:])[0]
    if len(cols) < max(3, h // 4):  # a speck, not a stroke
        return None
    new_x0 = lo + start + max(int(cols[0]) - 2, 0)
    for bx0, bx1, btop, bbottom in boxes:  # ink of another detection is not a lost stroke
        if bx0 < x0 - 1 and bx1 > new_x0 and min(bbottom, bottom) - max(btop, top) > 0.5 * h:
            return None
    new, conf = _read_crop(gray, new_x0, x1, top, bottom)
    core = text.replace(" ", "")
    if len(new.replace(" ", "")) > len(core) and new.replace(" ", "").endswith(core):
        return new, conf, [[new_x0, top], [x1, top], [x1, bottom], [new_x0, bottom]]
    return None


def _phantoms(found: list, vertical) -> list[tuple[float, float, float]]:
    """The vertical rulings (y0, y1, x; pixels) that are the strokes of characters stacked in
    tight rows, not rules: a ruling shorter than the longest one beside it (its y-range within
    that one's, less than 0.8 of its length) that runs through the inside of the detections
    (more than a third of a line's height from either end) of at least two of the text lines
    it crosses and at least half of them. Glyphs printed against the row rules of a Calc table
    (the ) of (一) (二) (三) (四), 93,002.03 in four rows, U001-00007 p.4, U001-00001 p.2) make
    runs that pass for rules and cut every label and amount they cross. A table's rules run
    between the texts of its cells; a partial rule (a heading's subdivision) is crossed only
    where two cells' texts touch. `found` are the detections (quad, text, ...)."""
    boxes = [_bounds(f[0]) for f in found if f[4]]
    out = []
    for v in vertical:
        y0, y1, x = v
        if not any(o[0] <= y0 + 2 and o[1] >= y1 - 2 and (o[1] - o[0]) * 0.8 > y1 - y0 for o in vertical):
            continue
        lines = [(bx0, bx1, top, bottom) for bx0, bx1, top, bottom in boxes
                 if y0 <= (top + bottom) / 2 <= y1 and bx0 - 2 <= x <= bx1 + 2]
        through = [b for b in lines if b[0] + (b[3] - b[2]) / 3 < x < b[1] - (b[3] - b[2]) / 3]
        if len(through) >= 2 and len(through) >= len(lines) / 2:
            out.append(v)
    return out


def _engine_read(eng, part) -> list[tuple[list, str, float, tuple]]:
    """The engine's detections in a greyscale image `part`: (points, text, score, word boxes
    (word, score, points)), points [[x, y] * 4] in the part's pixels."""
    import numpy as np

    # (the engine is one a process, its recogniser swapped for this call: threads of one
    # process, e.g. the Python API called from a thread pool, take turns. The detector sees
    # the part at DET_SIDE pixels at most, as before: shrunk further where text is large,
    # ocrrec's detector_side, the scans of seed 1's generated documents lost 118 amounts,
    # headings misread, 合i计; taken out again)
    with _SWAP:
        rec = eng._load_rec_model()
        eng.text_rec = _Padded(rec)
        try:
            result = eng(np.dstack([part] * 3), use_det=True, use_cls=False, use_rec=True, return_word_box=True)
        finally:
            eng.text_rec = rec
    if result.boxes is None:
        return []
    words = result.word_results or [()] * len(result.txts)
    return [(box.tolist() if hasattr(box, "tolist") else box, text, float(score), line_words)
            for box, text, score, line_words in zip(result.boxes, result.txts, result.scores, words)]


def _moved(pts, dx: float, dy: float, sx: float = 1.0, sy: float = 1.0) -> list:
    """Points [[x, y], ...] moved by (dx, dy), then scaled by (sx, sy)."""
    return [[(p[0] + dx) * sx, (p[1] + dy) * sy] for p in pts]


def _detected(eng, img, regions) -> list[tuple[list, str, float, tuple]]:
    """Detections (quad, text, score, word boxes) of the engine over each of `regions` of `img`
    (boxes (x0, top, x1, bottom) in its pixels, each read by itself), in img's pixels."""
    out = []
    for x0, top, x1, bottom in regions:
        for pts, text, score, line_words in _engine_read(eng, img[top:bottom, x0:x1]):
            out.append((_moved(pts, x0, top), text, score,
                        tuple((w, s, _moved(b, x0, top)) for w, s, b in line_words)))
    return out


def read(gray, dpi: int, vertical: list[tuple[float, float, float]] = (),
         cells: list[tuple[float, float, float, float]] = (), phantoms: list | None = None) -> list[dict]:
    """Characters recognised in a greyscale page image; `vertical` the rulings found in it
    (y0, y1, x in pixels), where a detection running over a cell border is cut; `cells` the
    cells of the ruled tables (x0, top, x1, bottom in pixels), whose text lines are recognised
    without detection (extract/ocr_cells.py) while the detector sees only the rest of the page,
    in its bands of ink (ocr_cells.bands); without cells the detector sees the whole page (a
    page's rows of ink alone, at the whole page's scale, were tried: see the README's OCR
    section). Each character carries `seg`, detection * 1000 + the piece it was cut into (0: not cut): the
    box it was read in. Rulings that are stacked characters' strokes (_phantoms) are not cut at,
    and are appended to `phantoms` when given, for the caller to leave out of the lattice."""
    from disclosure.extract import ocr_cells

    eng = engine()
    found: list[tuple[list, str, float, tuple, bool]] = []  # (quad, text, score, words, detected)
    if cells:
        lines, left = ocr_cells.lines(gray, cells)
        read_ = ocr_cells.recognise(eng, gray, lines)
        left |= {ln.cell for ln, (_, text, score, _) in zip(lines, read_) if score < ocr_cells.SURE or not text.strip()}
        found += [(q, t, s, w, False) for ln, (q, t, s, w) in zip(lines, read_) if ln.cell not in left]
        img = ocr_cells.rest(gray, cells, left)
        detections = _detected(eng, img, ocr_cells.bands(img))
    else:
        detections = _detected(eng, gray, [(0, 0, gray.shape[1], gray.shape[0])])
    for quad, text, score, line_words in detections:
        if cells and ocr_cells.inside(quad, cells, left):
            continue  # a cell read without detection, seen here around one left to it
        found.append((quad, text, score, line_words, True))
    if vertical:
        false = _phantoms(found, vertical)
        if false:
            vertical = [v for v in vertical if v not in false]
            if phantoms is not None:
                phantoms.extend(false)
    k = 72.0 / dpi
    st = settings.current()
    chars: list[dict] = []
    boxes = [_bounds(f[0]) for f in found]
    for det, (quad, text, score, line_words, detected) in enumerate(found):
        cuts = _cuts(quad, vertical) if detected else []
        parted = None
        if detected:
            quad, over = _over_rule_ends(gray, quad, vertical, text, strict=bool(cells))
            cuts = sorted(cuts + over)
        if cuts:
            pieces = _split(gray, quad, cuts, (text, float(score)))
        elif detected and (parted := _dash_apart(gray, quad, text, float(score))) is not None:
            pieces = parted
        elif detected and (wider := _widened(gray, quad, text, boxes, vertical)) is not None:
            pieces = [wider]
            parted = _dash_apart(gray, wider[2], wider[0], wider[1])  # widened over a blank cell's dash
            if parted is not None:
                pieces = parted
        else:
            pieces = [(w, float(s), b) for w, s, b in line_words] if line_words else []
            if not pieces or "".join(p[0] for p in pieces).replace(" ", "") != text.replace(" ", ""):
                pieces = [(text, float(score), quad)]
        apart = _numbers_apart(text, [p[0] for p in pieces]) if not cuts else []
        if parted is not None:
            apart = [0, 1]  # the dash's cell and the amount's
        if len(pieces) == 1 and pieces[0][0].strip() in _DASH_LIKE and _flat(gray, pieces[0][2]):
            pieces = [("-", pieces[0][1], pieces[0][2])]
        paired = _confusables_judged([w.translate(_SIMPLIFIED) for w in _brackets_paired([w for w, _, _ in pieces])])
        for j, ((_, conf, where), word) in enumerate(zip(pieces, paired)):
            word = word.strip()
            if not word or (conf < st.ocr_speck and all(ch in _PUNCT for ch in word)):
                continue  # a speck of noise read as punctuation (30201 。 at 0.16)
            x0, x1, top, bottom = (v * k for v in _bounds(where))
            size = (bottom - top) * 0.8  # a character box is a little taller than the type size
            if len(word) == 1 and "\u4e00" <= word <= "\u9fff" and x1 - x0 > 1.2 * size:
                x0, x1 = (v * k for v in _to_ink(gray, where))
            step = (x1 - x0) / len(word)
            for i, ch in enumerate(word):
                if ch.isspace() or (conf < st.ocr_symbol_sure and unicodedata.category(ch) == "So"):
                    continue  # a speck read as a symbol (☑合计 at 0.84, L007-00026 p.14)
                chars.append({"text": ch, "x0": x0 + i * step, "x1": x0 + (i + 1) * step, "top": top,
                              "bottom": bottom, "size": size, "upright": True, "fontname": "ocr",
                              "conf": round(conf, 4),
                              "seg": det * 1000 + (j + 1 if cuts else apart[j] if apart else 0)})
    chars = _stacked_apart(_overlaps_dropped(chars))
    return chars + _dashes_unread(_dashes(gray, boxes, k), chars)


def _dashes_unread(dashes: list[dict], chars: list[dict]) -> list[dict]:
    """The lone dashes (_dashes) not read already as a `-` of a detection: a dash parted from the
    amount a detection was widened over (_dash_apart) lies outside the detector's boxes."""
    read_ = [c for c in chars if c["text"] == "-"]
    return [d for d in dashes if not any(min(d["x1"], c["x1"]) > max(d["x0"], c["x0"]) and
                                         min(d["bottom"], c["bottom"]) > max(d["top"], c["top"]) for c in read_)]


def _to_ink(gray, quad) -> tuple[float, float]:
    """(x0, x1) in pixels of a one-character word's box narrowed to the ink inside it (rulings
    aside, one pixel of margin): the recogniser's box of a character in a letter-spaced word
    reaches over the blank to the next one (类 款 printed 18 pt apart at 9 pt, U001-00017 p.3,
    each given a box of 22 pt), so the characters touch and read as one piece (类款, a heading
    over two code columns, where the text layer has 类 | 款). Rows of a horizontal rule the box
    reaches into, and vertical rulings, are no character's ink. The box unchanged when it holds
    no ink."""
    import numpy as np

    x0, x1, top, bottom = _bounds(quad)
    lo, hi = int(max(x0, 0)), int(min(x1, gray.shape[1]))
    t, b = int(max(top, 0)), int(min(bottom, gray.shape[0]))
    if hi - lo < 2 or b - t < 2:
        return x0, x1
    crop = gray[t:b, lo:hi]
    crop = crop[(crop < 200).mean(axis=1) < 0.7]  # rows of a horizontal rule the box reaches into
    cols = np.nonzero(_ink(crop)[0])[0] if len(crop) else ()
    if not len(cols):
        return x0, x1
    return max(x0, float(lo + cols[0] - 1)), min(x1, float(lo + cols[-1] + 2))


def _stacked_apart(chars: list[dict]) -> list[dict]:
    """The characters of detections stacked in one column parted where their boxes overlap: the
    detector pads each box by a few points above and below, so the boxes of characters printed
    one a line down a narrow column (a heading 2 / 0 / 2 / 0 / 年 / 预 / 算 / 数, U001-00017 p.10)
    overlap the next one's, and the lines built on them (layout.rows_of joins a character to a
    line its middle falls in) chain the whole stack and the headings beside it into one line,
    where neither the stacked heading nor the body under it is seen (the heading's digits read as
    a body row, the table's rows as one). Two detections overlap so when each spans more than
    half the narrower one's width over the other and they share less than half the lower one's
    height (more is one line: _overlaps_dropped); both are cut at the middle of the overlap.
    Sizes are kept (the type size is the box's, padding and all). Returns `chars`, edited."""
    boxes: dict[int, list[float]] = {}
    for c in chars:
        b = boxes.get(c["seg"] // 1000)
        if b is None:
            boxes[c["seg"] // 1000] = [c["x0"], c["x1"], c["top"], c["bottom"]]
        else:
            b[0], b[1], b[2], b[3] = min(b[0], c["x0"]), max(b[1], c["x1"]), min(b[2], c["top"]), max(b[3], c["bottom"])
    order = sorted(boxes.items(), key=lambda kv: kv[1][2])
    cut: dict[int, list[float]] = {}
    for i, (a, (ax0, ax1, atop, abottom)) in enumerate(order):
        for b, (bx0, bx1, btop, bbottom) in order[i + 1:]:
            if btop >= abottom:
                break
            over = abottom - btop
            if bbottom <= abottom or over >= 0.5 * min(abottom - atop, bbottom - btop):
                continue  # inside it, or on the same line
            if min(ax1, bx1) - max(ax0, bx0) <= 0.5 * min(ax1 - ax0, bx1 - bx0):
                continue
            mid = (abottom + btop) / 2
            upper, lower = cut.setdefault(a, [atop, abottom]), cut.setdefault(b, [btop, bbottom])
            upper[1], lower[0] = min(upper[1], mid), max(lower[0], mid)
    if not cut:
        return chars
    for c in chars:
        span = cut.get(c["seg"] // 1000)
        if span is not None:
            c["top"], c["bottom"] = max(c["top"], span[0]), min(c["bottom"], span[1])
    return chars


def _brackets_paired(words: list[str]) -> list[str]:
    """The words of one detection, with a bracket pair the recogniser read in two widths
    (因公出国(境）费: the printed pair is one width, and the recogniser tells （ from ( by a few
    pixels of margin) made full-width, the width Chinese labels print; a pair of one width is kept
    as read. The pair is seen in the whole detection: the recogniser's words of a label are its
    single characters."""
    text = "".join(words)
    if ("(" in text and "）" in text) or ("（" in text and ")" in text):
        return [w.translate(_FULL_BRACKETS) for w in words]
    return list(words)


def _numbers_apart(text: str, words: list[str]) -> list[int]:
    """For each word of one detection, the part of the line it is in (0, 1, …): a new part where
    the recogniser read a space between a number and the next number. Two figures printed a few
    points apart in neighbouring columns are one detection (46341272.93 302: an amount and the
    next column's code, L007-00005 p.3; 121912464 302, L007-00027 p.6), and the space is all that
    tells them apart. Only after an amount (decimals or thousands separators, or six digits or
    more, which no part of a code has): a code printed spaced (201 13 03) stays one piece, as do
    the words of a label."""
    out, part, at = [], 0, 0
    prev = ""
    for w in words:
        k = text.find(w, at)
        spaced = k > 0 and text[at:k].strip() == "" and k > at
        if prev and spaced and prev.strip()[-1:].isdigit() and w.strip()[:1] in "0123456789-(（" and \
                (any(ch in prev for ch in ".,") or sum(ch.isdigit() for ch in prev) >= 6):
            part += 1
        elif prev and k >= 0 and _amount_then_label(prev.strip(), text[k:].strip()):
            part += 1
        out.append(part)
        if k >= 0:
            at = k + len(w)
        prev = w
    return out


def _amount_then_label(number: str, rest: str) -> bool:
    """Whether `number`, a word the recogniser read just before `rest` in one detection, is an
    amount ending a cell rather than a code or year that begins a label: the left side's amount
    and the right side's item of a two-sided summary printed without a rule between them are one
    detection (298660000一、一般公共服务支出, generated Writer tables, L007-00027 p.4). An amount
    has a decimal point or thousands separators, or is followed by a list number (一、), or has
    a count of digits no code has (codes: 3, 5 or 7 digits; 2019年 is a year)."""
    if not number or not rest or not number[-1].isdigit() or not rx_re.fullmatch(r"[-(（]?[\d,.]+", number):
        return False
    head = rest[0]
    if not ("\u4e00" <= head <= "\u9fff") or head in "年月日元万亿":
        return False
    if LIST_NUMBER.match(rest) or any(ch in number for ch in ".,"):
        return True
    return len([c for c in number if c.isdigit()]) not in (3, 4, 5, 7)


_FULL_BRACKETS = str.maketrans("()", "（）")

_DASH_THEN_AMOUNT = rx_compile(r"^\s*[-－—–一]\s*(\d[\d,]*(?:\.\d+)?)\s*$")
DASH_APART = 0.3  # (_dash_apart) the least blank between a dash and an amount's first digit, in line heights


def _dash_apart(gray, quad, text: str, score: float) -> list[tuple[str, float, list]] | None:
    """A detection read as a dash then an amount (- 3,144,995, -2,705,275) parted into the dash
    and the amount when a blank of at least DASH_APART of the line's height lies between the
    dash's ink and the digit's: a cell printed `-` for nothing, set right against its column's
    edge, and the amount in the next cell are one detection in a table without column rules, and
    read so the blank cell's dash is the amount's minus sign (2021年预算数: 因公出国（境）费 - beside
    小计 3,144,995 read -3,144,995 in 小计, and the same beside 公务用车运行费 under 购置费,
    generated reportlab tables, U001-00012 p.8 scanned: a gap of 27 pixels in a line 37 high). A
    minus sign is set against its digit (a fifth of a character's width). Returns the two pieces
    (text, confidence, box in pixels) with boxes narrowed to their ink, the amount's text as read,
    or None (not a dash and an amount, the dash not a flat bar, or no such blank). Rows of a
    horizontal rule the box reaches into are no ink."""
    import numpy as np

    m = _DASH_THEN_AMOUNT.match(text)
    if not m:
        return None
    x0, x1, top, bottom = _bounds(quad)
    lo, hi = int(max(x0, 0)), int(min(x1, gray.shape[1]))
    t, b = int(max(top, 0)), int(min(bottom, gray.shape[0]))
    h = b - t
    if hi - lo < 2 * h or h < 8:
        return None
    crop = gray[t:b, lo:hi]
    rows = (crop < 200).mean(axis=1) < 0.7  # rows of a horizontal rule are no text
    crop = crop[rows]
    if not len(crop):
        return None
    cols = (crop < DARK).any(axis=0)
    inked = np.nonzero(cols)[0]
    if not len(inked):
        return None
    start = int(inked[0])
    end = start
    while end + 1 < len(cols) and cols[end + 1]:
        end += 1
    after = inked[inked > end]
    if not len(after) or after[0] - end - 1 < DASH_APART * h:
        return None
    ys = np.nonzero((crop[:, start:end + 1] < DARK).any(axis=1))[0]
    if ys[-1] - ys[0] + 1 > max(3, 0.25 * h) or end - start + 1 < 1.5 * (ys[-1] - ys[0] + 1):
        return None  # not a flat bar: a digit or a stroke
    split = lo + int(after[0]) - 1
    return [("-", score, [[lo + start - 1, top], [lo + end + 2, top], [lo + end + 2, bottom], [lo + start - 1, bottom]]),
            (m.group(1), score, [[split, top], [x1, top], [x1, bottom], [split, bottom]])]

# Characters the recogniser's dictionary holds in their traditional or Japanese form, read for the
# simplified character the disclosures print (all in GB2312; these forms are not): 決 for 决 in
# 决算数 and 决算表 headings and titles (U001-00010 p.5: a column 2019年決算数 whose 36 amounts
# matched no heading; U001-00002 p.12, U001-00008 p.6), 會 for 会.
_SIMPLIFIED = str.maketrans("決會減", "决会减")  # 減: 增減额 headed no column of 增减额 (U005-00000 p.7 scan)

# Characters the recogniser reads for one another in the disclosures' names (a pair each way): 置
# read 量 in 购置 (办公设备购量, 公务用车购量及运行费: 11 amounts of the generated scans of seed 1
# under a name or a heading no table prints, U001-00006, -00011, -00017, -00018, -00019).
CONFUSABLE = {"量": "置", "置": "量"}


@lru_cache(maxsize=1)
def _name_pairs() -> frozenset[str]:
    """The pairs of adjacent characters of the names the disclosures print: every name of the
    shipped chart of accounts (all years and classifications) and every known table title."""
    from disclosure.normalize import chart, table_types

    texts = {e.name for e in chart.shipped()} | {t for _, t in table_types._known()}
    return frozenset(a + b for t in texts for a, b in zip(t, t[1:]))


def _confusables_judged(words: list[str]) -> list[str]:
    """The words of one detection with a character of a CONFUSABLE pair read as its twin where the
    chart's names decide: the character and the one before it are a pair no name prints, nor
    is it with the one after, while its twin after that same character is a pair names print
    (购量 no, 量及 no, 购置 yes: 公务用车购置及运行费; 测量费 stays, 测置 being no pair either).
    The character before is the evidence: it is the word's head the chart spells (购置, 安置,
    处置; 质量). One character for one, so the words keep their lengths and boxes."""
    text = "".join(words)
    if not any(ch in CONFUSABLE for ch in text):
        return list(words)
    pairs = _name_pairs()
    out = list(text)
    for i, ch in enumerate(text):
        twin = CONFUSABLE.get(ch)
        if twin is None or i == 0:
            continue
        before, after = text[i - 1], text[i + 1] if i + 1 < len(text) else ""
        if before + twin in pairs and before + ch not in pairs and (not after or ch + after not in pairs):
            out[i] = twin
    fixed, at = [], 0
    for w in words:
        fixed.append("".join(out[at:at + len(w)]))
        at += len(w)
    return fixed


_DASH_LIKE = {"1", "l", "I", "|", "一", "-", "—", "–", "－", "_", "ー"}
FLAT_STROKE = 4  # (_flat) pixels: a dash's bar may be this thick in any box (bold type at 200 dpi)


def _flat(gray, quad) -> bool:
    """Whether the ink inside a detection is a flat bar (a dash), not an upright stroke: a lone
    dash in a cell is often recognised as 1 or 一 (generated Writer tables, L007-00016 p.3: two
    基本支出 cells printed '-' read as 1). Ink: pixels darker than 140; flat: at most a quarter of
    the box's height (or FLAT_STROKE pixels) tall and at least 1.5 times as wide as tall. (A
    hyphen of bold 8 pt type at 200 dpi is 8 by 4 pixels, in a detection 15 pixels tall: read
    1, a 公用经费 cell printed '-' gave an amount 1, U001-00016 p.6 scanned; a 1 is taller than
    wide.)"""
    import numpy as np

    x0, x1, top, bottom = (int(round(v)) for v in _bounds(quad))
    crop = gray[max(top, 0):max(bottom, 0), max(x0, 0):max(x1, 0)]
    if not crop.size:
        return False
    ys, xs = np.nonzero(crop < DARK)
    if not len(ys):
        return False
    h, w = int(ys.max() - ys.min() + 1), int(xs.max() - xs.min() + 1)
    return h <= max(FLAT_STROKE, 0.25 * (bottom - top)) and w >= 1.5 * h


DASH_CONFIDENCE = 0.8  # a dash found by its shape, not read by the recogniser


def _dashes(gray, boxes: list[tuple[float, float, float, float]], k: float) -> list[dict]:
    """Dashes standing alone (a cell printed `-` for nothing), which the detector does not box: a
    bar of ink at least 1.6 times as wide as thick and mostly inked, at least 3 pixels and at most
    one and a half line heights long, at most 0.15 of a line's height (or 3 pixels) thick (a hyphen
    of 7.5 pt type at 200 dpi, blurred and compressed, is 5 by 1 to 5 by 3 pixels), with no other
    ink within a line's height beside it (rules aside), and outside every detection. Each is a character `-` with confidence DASH_CONFIDENCE (generated Calc
    tables, L007-00005 p.2: fourteen 政府性基金预算 cells printed `-` were read blank).
    `boxes` are the detections (x0, x1, top, bottom) in pixels; k converts pixels to points."""
    import cv2
    import numpy as np

    heights = sorted(b[3] - b[2] for b in boxes)
    if not heights:
        return []
    line = heights[len(heights) // 2]  # a typical line's height (pixels)
    ink = (gray < DARK).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    # rules (components longer than three lines) are not ink beside a dash
    ruled = np.zeros(count, dtype=bool)
    ruled[0] = True
    ruled[1:] = (stats[1:, 2] >= 3 * line) | (stats[1:, 3] >= 3 * line)
    out = []
    for label, (x, y, w, h, area) in enumerate(stats[1:count], start=1):
        if not (3 <= w <= 1.5 * line and h <= max(3, 0.15 * line) and w >= 1.6 * h and area >= max(4, 0.45 * w * h)):
            continue
        if any(bx0 - 2 <= x + w and x <= bx1 + 2 and btop - 2 <= y + h and y <= bbottom + 2
               for bx0, bx1, btop, bbottom in boxes):
            continue
        if _on_rule(gray, x, y, w, h):
            continue  # a piece of a horizontal rule broken off by noise, not a dash
        x0, x1 = max(int(x - line), 0), min(int(x + w + line), ink.shape[1])
        y0, y1 = max(int(y - line / 2), 0), min(int(y + h + line / 2), ink.shape[0])
        window = labels[y0:y1, x0:x1]
        around = int(((window != label) & ~ruled[window]).sum())
        if around > 0.15 * area:
            continue  # other ink beside it: part of a drawing, a stamp or a rule, not a lone dash
        top, bottom = (y + h / 2 - line / 2) * k, (y + h / 2 + line / 2) * k
        out.append({"text": "-", "x0": float(x * k), "x1": float((x + w) * k), "top": float(top),
                    "bottom": float(bottom), "size": float(line * k * 0.8), "upright": True, "fontname": "ocr", "conf": DASH_CONFIDENCE,
                    "seg": (len(boxes) + len(out)) * 1000})
    return out


def _on_rule(gray, x: int, y: int, w: int, h: int, run: int = 16) -> bool:
    """Whether a bar of ink (x, y, w, h pixels) is a stretch of a horizontal rule: on its left or
    its right the rule's grey (under 200) goes on from the bar's end for `run` pixels or more
    in its rows (or the row either side). A rule printed light and scanned is grey with darker
    stretches, each a component of its own, as flat as a dash and with nothing beside it: one
    was read as `-` in a spanning heading's cell (决算数 -, 收入 -, generated Calc tables,
    U001-00015 pp.1 and 3: the heading path of every column under it changed). A dash in a
    cell has the cell's white padding beside it, or a vertical rule a few pixels wide."""
    import numpy as np

    band = gray[max(y - 1, 0):min(y + h + 1, gray.shape[0])] < 200
    if not band.size:
        return False
    cols = band.any(axis=0)
    for step in (-1, 1):
        c, n = (x - 1, 0) if step < 0 else (x + w, 0)
        while 0 <= c < len(cols) and cols[c] and n < run:
            c, n = c + step, n + 1
        if n >= run:
            return True
    return False


def _overlaps_dropped(chars: list[dict]) -> list[dict]:
    """Where two detections overlap (a ruling or a neighbour's edge read again as a character
    beside a number: 775.35 + 5), the character overlapping a more confident one of another
    detection by more than half its width is dropped."""
    kept: list[dict] = []
    rows: dict[int, list[dict]] = {}
    for c in sorted(chars, key=lambda c: -c["conf"]):
        mid = (c["top"] + c["bottom"]) / 2
        w = max(c["x1"] - c["x0"], 1e-6)
        clash = False
        for band in (int(mid // 8) - 1, int(mid // 8), int(mid // 8) + 1):
            for o in rows.get(band, ()):
                if o["seg"] // 1000 != c["seg"] // 1000 and o["top"] <= mid <= o["bottom"] and \
                        min(c["x1"], o["x1"]) - max(c["x0"], o["x0"]) > 0.5 * w:
                    clash = True
                    break
            if clash:
                break
        if not clash:
            kept.append(c)
            rows.setdefault(int(mid // 8), []).append(c)
    order = {id(c): i for i, c in enumerate(chars)}
    kept.sort(key=lambda c: order[id(c)])
    return kept
