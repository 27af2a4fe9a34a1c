"""OCR: the recogniser's cost by crop width, and what reading wide crops in pieces would give (issue #15).

    python3 bench/ocr_rec_width.py [--docs a.pdf,b.pdf] [--dpi 200] [--cache DIR] [--split 640,800,1200] [CORPUS_DIR]

Makes (or reuses, --cache) the scanned copies bench/ocr_speed.py makes and reads each by OCR once,
keeping the crops of detections as the recogniser is given them (ocr._Padded: white rows added)
and the cells' crops (ocr_cells.crop). Then, one onnxruntime thread, CPU of the model alone
(time.process_time):

1. the recogniser's CPU per column of its 48-pixel-high input at widths 160 to 2560 (the widest
   detection crop tiled to each width, batches of one): the cost is not linear in the width;
2. how the crops' columns (at 48 pixels high) fall by width;
3. for each --split L: the detections' crops wider than L columns read whole and read in pieces
   cut at the middle of the widest blank run (no pixel under 200) between half and all of L
   columns from the piece's start, the pieces' texts joined; both through ocr_cells._rec (batches
   of like width). Prints the CPU of each and the lines whose joined reading differs.

Nothing in the pipeline is changed: this measures a lead (splitting wide crops) before building it.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this tree's package, not an installed one (issue #15)
sys.path.insert(0, str(ROOT / "samples"))
sys.path.insert(0, str(ROOT / "bench"))  # (ocr_profile: the scans' options, shared)

from ocr_profile import scan_arguments, scans  # noqa: E402

from disclosure import pipeline  # noqa: E402
from disclosure.extract import ocr, ocr_cells  # noqa: E402

DETS: list = []
CELLS: list = []


def record() -> None:
    """Keep the crops the recogniser is given: detections (after ocr._padded) and cells."""
    call = ocr._Padded.__call__

    def padded_call(self, args):
        imgs = [args.img] if not isinstance(args.img, (list, tuple)) else list(args.img)
        DETS.extend(ocr._padded(i) for i in imgs)
        return call(self, args)

    ocr._Padded.__call__ = padded_call
    recognise = ocr_cells.recognise

    def cells_recognise(engine, gray, found):
        CELLS.extend(ocr_cells.crop(gray, ln)[0] for ln in found)
        return recognise(engine, gray, found)

    ocr_cells.recognise = cells_recognise


def columns(crop) -> float:
    """A crop's width at the recogniser's 48-pixel height."""
    return crop.shape[1] * 48.0 / crop.shape[0]


def per_column(rec, crop, widths=(160, 320, 640, 960, 1280, 1920, 2560)) -> list[tuple[int, float]]:
    """(width, CPU ms per column) of the recogniser's model on `crop` resized to 48 pixels high and
    tiled to each width, a batch of one, the best of three runs of about 20,000 columns each."""
    import numpy as np

    x = rec.resize_norm_img(crop, columns(crop) / 48.0)[np.newaxis].astype(np.float32)
    out = []
    for w in widths:
        xs = np.ascontiguousarray(np.tile(x, (1, 1, 1, -(-w // x.shape[3])))[..., :w])
        n = max(1, 20480 // w)
        rec.session(xs)
        best = float("inf")
        for _ in range(3):
            t = time.process_time()
            for _ in range(n):
                rec.session(xs)
            best = min(best, time.process_time() - t)
        out.append((w, best / n / w * 1000))
    return out


def pieces(crop, limit: float) -> list:
    """A crop cut into pieces of at most `limit` columns (at 48 pixels high) where possible: each
    cut at the middle of the widest blank run (no pixel under 200) between half and all of
    `limit` from the piece's start; a stretch with no blank column is left whole."""
    s = 48.0 / crop.shape[0]
    g = crop[..., 0] if crop.ndim == 3 else crop
    blank = ~(g < 200).any(axis=0)
    w = crop.shape[1]
    out, start = [], 0
    while (w - start) * s > limit:
        lo, hi = start + int(limit / s * 0.5), start + int(limit / s)
        runs = ocr_cells._runs(blank[lo:hi])
        if not runs:
            break
        a, b = max(runs, key=lambda r: (r[1] - r[0], r[0]))
        cut = lo + (a + b) // 2
        out.append(crop[:, start:cut])
        start = cut
    out.append(crop[:, start:])
    return out


def read(eng, crops: list) -> tuple[list[str], float]:
    """The crops' texts by the engine's recogniser in batches of like width (ocr_cells._rec), and
    the CPU seconds taken."""
    t = time.process_time()
    texts, _, _ = ocr_cells._rec(eng, crops)
    return texts, time.process_time() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    scan_arguments(ap)
    ap.add_argument("--split", default="640,800,1200", help="piece widths to try, columns at 48 pixels high")
    a = ap.parse_args()
    os.environ.setdefault("DISCLOSURE_OCR_THREADS", "1")  # one onnxruntime thread, before the engine loads
    tmp = tempfile.TemporaryDirectory()
    paths = scans(a, tmp.name)
    record()
    pages = 0
    for scan in paths:
        got = pipeline.extract(scan, ocr="auto", dpi=a.dpi)
        pages += sum(1 for p in got.pages if p.method == "ocr")
    eng = ocr.engine()
    rec = eng._load_rec_model()
    print(f"{pages} OCR pages; {len(DETS)} detection crops, {len(CELLS)} cell crops")
    print("recogniser model, CPU ms per column by input width (one thread):")
    for w, ms in per_column(rec, max(DETS, key=columns)):
        print(f"  {w:5d}  {ms:.4f}")
    bounds = (320, 640, 1280, 1920, 10 ** 9)
    for what, crops in (("detections", DETS), ("cells", CELLS)):
        cols = [columns(c) for c in crops]
        line = []
        lo = 0
        for hi in bounds:
            line.append(f"{lo}-{hi if hi < 10 ** 9 else ''}: {sum(c for c in cols if lo < c <= hi):.0f}")
            lo = hi
        print(f"{what} columns by crop width: total {sum(cols):.0f}; " + ", ".join(line))
    for limit in (float(v) for v in a.split.split(",")):
        wide = [c for c in DETS if columns(c) > limit]
        parts = [pieces(c, limit) for c in wide]
        whole, t_whole = read(eng, wide)
        flat, t_split = read(eng, [p for ps in parts for p in ps])
        joined, k = [], 0
        for ps in parts:
            joined.append("".join(flat[k:k + len(ps)]))
            k += len(ps)
        diff = [(x, y) for x, y in zip(whole, joined) if x != y]
        print(f"split at {limit:.0f}: {len(wide)} crops ({sum(map(columns, wide)):.0f} columns) into "
              f"{sum(map(len, parts))} pieces; CPU {t_whole:.1f} -> {t_split:.1f} s; {len(diff)} lines read differently")
        for x, y in diff:
            print(f"    {x!r}\n -> {y!r}")


if __name__ == "__main__":
    main()
