"""The OCR engine: RapidOCR (PP-OCR models run by onnxruntime), whose Chinese detection and
recognition models ship inside its wheel, so nothing is downloaded at run time. It is the
optional extra `ocr`; without it a page that needs OCR is reported, not read, and the rest of
the document is extracted as usual.

read() gives characters as the layout functions take them (points from the page's top-left,
text, size) with conf, the recogniser's confidence (0–1). RapidOCR scores Chinese characters one
by one and a run of digits or Latin letters as one word; a word's box is shared out evenly among
its characters, and each character carries the word's confidence.
"""
from __future__ import annotations

import logging
from functools import lru_cache

INSTALL_HINT = "pip install 'disclosure[ocr]'"
ENGINE = "rapidocr"

log = logging.getLogger(__name__)


class OcrUnavailable(RuntimeError):
    pass


@lru_cache(maxsize=1)
def engine():
    try:
        from rapidocr import RapidOCR
    except ImportError as e:  # the optional extra is not installed
        raise OcrUnavailable(f"OCR is not installed ({e.name or e}); install it with: {INSTALL_HINT}") from e
    for name in ("RapidOCR", "rapidocr"):
        logging.getLogger(name).setLevel(logging.ERROR)
    return RapidOCR(params={"Global.log_level": "critical", "Global.use_cls": False})


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


def read(gray, dpi: int) -> list[dict]:
    """Characters recognised in a greyscale page image."""
    import numpy as np

    result = engine()(np.dstack([gray] * 3), return_word_box=True, use_cls=False)
    if result.boxes is None:
        return []
    k = 72.0 / dpi
    chars: list[dict] = []
    words = result.word_results or [()] * len(result.txts)
    for box, text, score, line_words in zip(result.boxes, result.txts, result.scores, words):
        pieces = [(w, float(s), b) for w, s, b in line_words] if line_words else []
        if not pieces or "".join(p[0] for p in pieces).replace(" ", "") != text.replace(" ", ""):
            pieces = [(text, float(score), box.tolist() if hasattr(box, "tolist") else box)]
        for word, conf, quad in pieces:
            word = word.strip()
            if not word:
                continue
            xs = [p[0] for p in quad]
            ys = [p[1] for p in quad]
            x0, x1, top, bottom = min(xs) * k, max(xs) * k, min(ys) * k, max(ys) * k
            step = (x1 - x0) / len(word)
            size = (bottom - top) * 0.8  # a character box is a little taller than the type size
            for i, ch in enumerate(word):
                if ch.isspace():
                    continue
                chars.append({"text": ch, "x0": x0 + i * step, "x1": x0 + (i + 1) * step, "top": top,
                              "bottom": bottom, "size": size, "upright": True, "fontname": "ocr",
                              "conf": round(conf, 4)})
    return chars
