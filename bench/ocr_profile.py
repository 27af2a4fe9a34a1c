"""OCR: where the CPU goes per OCR page, by stage (issue #15).

    python3 bench/ocr_profile.py [--docs a.pdf,b.pdf] [--dpi 200] [--cache DIR] [CORPUS_DIR]

Makes (or reuses, --cache) the scanned copies bench/ocr_speed.py makes, reads each by OCR once
and prints the process's CPU seconds (every thread: time.process_time) per OCR page spent in each
stage: render, quarter-turn test (ink profile and the detector on a small copy), skew search, the
turns, rulings, cell lines (ocr_cells.lines), recognition of cells (ocr_cells.recognise), the
detector's model (session), the detector's pre/post-processing, the recogniser's model called
from RapidOCR (crops of detections) and from the cells, the rest of ocr.read (cuts, rereads,
dashes), the upside-down test, lattice and alignment (layout/aligned) and everything after the
pages are read (structure, normalize, checks: `after pages`). Run it with DISCLOSURE_OCR_CELLS=1
(ruled cells without detection) and without to compare the two paths. Stages nest (a
reread inside ocr.read calls the recogniser): each line is the time inside that stage less the
stages timed inside it.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this tree's package, not an installed one (issue #15)
sys.path.insert(0, str(ROOT / "samples"))

from make_scan import make_scan  # noqa: E402

from disclosure import pipeline  # noqa: E402
from disclosure.extract import aligned, image, layout, ocr, ocr_cells, rulings, scanned  # noqa: E402

SPENT: dict[str, float] = defaultdict(float)
CALLS: dict[str, int] = defaultdict(int)
_STACK: list[list] = []


def _timed(name: str, fn):
    def wrapper(*args, **kwargs):
        frame = [name, time.process_time(), 0.0]  # name, start, time of nested stages
        _STACK.append(frame)
        try:
            return fn(*args, **kwargs)
        finally:
            _STACK.pop()
            total = time.process_time() - frame[1]
            SPENT[name] += total - frame[2]
            CALLS[name] += 1
            if _STACK:
                _STACK[-1][2] += total
    wrapper.__wrapped__ = fn
    return wrapper


class _Proxy:
    """Stands for an object whose __call__ is timed; other attributes pass through."""

    def __init__(self, name, obj):
        self._obj = obj
        self._call = _timed(name, obj.__call__)

    def __call__(self, *a, **k):
        return self._call(*a, **k)

    def __getattr__(self, attr):
        return getattr(self._obj, attr)


def instrument() -> None:
    for mod, names in ((image, ("render", "quarter_turn", "skew_angle", "turn")),
                       (rulings, ("segments", "tables")),
                       (ocr, ("lines_across", "upside_down", "read")),
                       (ocr_cells, ("lines", "recognise", "rest", "bands")),
                       (layout, ("grid", "lines")),
                       (aligned, ("grids",))):
        for n in names:
            setattr(mod, n, _timed(f"{mod.__name__.rsplit('.', 1)[-1]}.{n}", getattr(mod, n)))
    scanned.read_page = _timed("scanned.read_page (rest)", scanned.read_page)
    eng = ocr.engine()
    det, rec = eng._load_det_model(), eng._load_rec_model()
    det.session = _Proxy("det model", det.session)
    rec.session = _Proxy("rec model", rec.session)
    eng.text_det = _Proxy("det pre/post", det)
    eng.text_rec = _Proxy("rec pre/post", rec)


def scan_arguments(ap: argparse.ArgumentParser) -> None:
    """The options naming the scans read (corpus folder, --dpi, --skew, --docs, --cache), shared by
    the OCR benches (ocr_rec_width.py)."""
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--skew", type=float, default=0.8)
    ap.add_argument("--docs", default="jiangsu-shengweiban-2017-budget-tables.pdf,putuo-quzhengfuban-2025-unit-budget.pdf")
    ap.add_argument("--cache", default=None)


def scans(a: argparse.Namespace, tmp: str) -> list[Path]:
    """The scanned copy of each of --docs (samples/make_scan.py at --dpi, --skew), made once into
    --cache (else `tmp`) and read from there after."""
    cache = Path(a.cache or tmp)
    cache.mkdir(parents=True, exist_ok=True)
    out = []
    for name in a.docs.split(","):
        src = Path(a.corpus) / name
        scan = cache / f"{src.stem}-scan{a.dpi}.pdf"
        if not scan.exists():
            make_scan(src, scan, dpi=a.dpi, skew=a.skew)
        out.append(scan)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    scan_arguments(ap)
    a = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    paths = scans(a, tmp.name)
    instrument()
    pages = 0
    whole = 0.0
    for scan in paths:
        c = time.process_time()
        before = sum(SPENT.values())
        got = pipeline.extract(scan, ocr="auto", dpi=a.dpi)
        spent = time.process_time() - c
        whole += spent
        SPENT["after pages (structure, normalize, checks, …)"] += spent - (sum(SPENT.values()) - before)
        pages += sum(1 for p in got.pages if p.method == "ocr")
    print(f"cells: {'on' if scanned.cells_on() else 'off'}; {pages} OCR pages; {whole / max(pages, 1):.2f} CPU s/page")
    print(f"{'stage':48} {'cpu s/page':>10} {'share':>6} {'calls':>6}")
    for name, s in sorted(SPENT.items(), key=lambda kv: -kv[1]):
        print(f"{name:48} {s / max(pages, 1):10.3f} {s / max(whole, 1e-9):6.1%} {CALLS.get(name, 0):6d}")


if __name__ == "__main__":
    main()
