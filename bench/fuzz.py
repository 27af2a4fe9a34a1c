"""Damaged and hostile inputs, each run through `disclosure extract` under the default limits.

    python3 bench/fuzz.py [--count 1000] [--seed 19] [--workers 2] [--keep DIR]

A seeded generator (samples/hostile.py) makes --count inputs: damage to good PDFs (truncation,
flipped bits, a cut cross-reference section, zeroed holes, lying /Length values, shifted xref
offsets), hostile PDFs (reference loops, XObject fan-out, a 14400 pt MediaBox, Flate bombs, huge
/W and ToUnicode ranges, too many pages), encrypted PDFs (with and without a user password),
damaged text files, and non-regular files (FIFOs, /dev/zero behind a link). Each is run as
`disclosure -v extract FILE -o OUT --format json` in its own process (damaged good PDFs with
--ocr off unless --ocr-damaged says otherwise; the rest with --ocr auto), --workers at a time, and is
counted read (exit 0) or refused (exit 2, with its one-line reason grouped); a Python traceback,
a run past the time limit (plus 30 s of grace), or a worker peak over the memory limit is
counted as a fault. Every PDF is also opened by pypdfium2 alone (in a process of its own, 60 s
at most), and the recovery of the two is printed side by side on the damaged PDFs.

Exit 1 when a fault was found.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "samples"))
sys.path.insert(0, str(ROOT))

import hostile  # noqa: E402

from disclosure.limits import Limits  # noqa: E402

GRACE = 30.0
CORPUS = Path(os.environ.get("DISCLOSURE_CORPUS", ROOT.parent / "shared" / "corpus"))
BASES = ["jiangsu-rendaban-2019-budget-tables.pdf", "jiangsu-shengweiban-2019-budget-tables.pdf"]

PROBE = r"""
import json, sys
import pypdfium2 as p
out = {"opens": False, "text": False, "pages": 0}
try:
    d = p.PdfDocument(sys.argv[1])
    out["opens"] = True
    out["pages"] = len(d)
    for i in range(min(len(d), 50)):
        try:
            pg = d[i]
            if pg.get_textpage().get_text_range().strip():
                out["text"] = True
                break
        except Exception:
            pass
except Exception as e:
    out["error"] = str(e)[:80]
print(json.dumps(out))
"""


def _encrypted(user: str) -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "e.pdf"
        c = canvas.Canvas(str(p), encrypt=StandardEncryption(user, ownerPassword="owner", canPrint=0))
        c.drawString(72, 720, "2021 budget 12345")
        c.save()
        return p.read_bytes()


def generate(folder: Path, count: int, seed: int) -> list[tuple[Path, str, bool]]:
    """(path, kind, damaged good PDF?) for `count` inputs written into `folder`."""
    rng = random.Random(seed)
    bases = [(ROOT / "samples" / "kashgar-2021-budget.pdf").read_bytes(), hostile.plain(pages=3)]
    bases += [(CORPUS / n).read_bytes() for n in BASES if (CORPUS / n).exists()]
    seed_text = (ROOT / "samples" / "kashgar-2021-budget.txt").read_bytes()
    fixed: list[tuple[str, bytes | str]] = [(k, f()) for k, f in hostile.HOSTILE.items()]
    fixed += [("fan_out_deep", hostile.fan_out(30, 3)), ("fan_out_wide", hostile.fan_out(8, 64)),
              ("too_many_pages", hostile.many_pages(6000)), ("huge_mediabox_mid", hostile.huge_mediabox(3000))]
    try:
        fixed += [("encrypted_user_password", _encrypted("secret")), ("encrypted_no_user_password", _encrypted(""))]
    except ImportError:
        pass
    bombs = [("flate_bomb_1g", hostile.flate_bomb(1024)), ("flate_bomb_256m", hostile.flate_bomb(256))]
    out: list[tuple[Path, str, bool]] = []

    def put(kind: str, data: bytes, suffix: str = ".pdf", damaged: bool = False) -> None:
        p = folder / f"{len(out):04d}-{kind}{suffix}"
        p.write_bytes(data)
        out.append((p, kind, damaged))

    for kind, data in fixed + bombs:
        put(kind, data)
    for i in range(3):
        fifo = folder / f"{len(out):04d}-fifo.pdf"
        os.mkfifo(fifo)
        out.append((fifo, "fifo", False))
    zero = folder / f"{len(out):04d}-dev-zero.txt"
    zero.symlink_to("/dev/zero")
    out.append((zero, "dev_zero", False))
    damage = list(hostile.DAMAGE.items())
    while len(out) < count:
        r = rng.random()
        if r < 0.08:  # damaged text
            fn = rng.choice([hostile.truncate, hostile.flip_bytes, hostile.holes])
            put(f"text_{fn.__name__}", fn(seed_text, rng), ".txt")
        elif r < 0.12:  # a hostile kind again, with other numbers
            which = rng.choice(["fan_out", "contents_loop", "huge_mediabox", "lying_length", "many_pages"])
            data = {"fan_out": lambda: hostile.fan_out(rng.randint(6, 24), rng.randint(2, 6)),
                    "contents_loop": hostile.contents_loop,
                    "huge_mediabox": lambda: hostile.huge_mediabox(rng.choice([5000, 10000, 14400])),
                    "lying_length": lambda: hostile.lying_length(rng.choice([-20, 10, 10 ** 6])),
                    "many_pages": lambda: hostile.many_pages(rng.choice([10, 500, 5001]))}[which]()
            put(which, data)
        else:  # damage to a good PDF, one to three kinds at once
            data = rng.choice(bases)
            names = []
            for _ in range(rng.choice([1, 1, 1, 2, 3])):
                name, fn = rng.choice(damage)
                data = fn(data, rng)
                names.append(name)
            if not data:
                data = b"%"
            put("+".join(names), data, damaged=True)
    return out[:count]


def _run(path: Path, out: Path, lim: Limits, ocr: str) -> dict:
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "disclosure", "-v", "extract", str(path), "-o", str(out),
                             "--format", "json", "--ocr", ocr], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        _, err = proc.communicate(timeout=lim.timeout + GRACE + 60)
        hung = False
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        hung = True
    seconds = time.monotonic() - started
    err = err.decode("utf-8", "replace")
    peak = max([float(m) for m in re.findall(r"worker peak memory (\d+) MB", err)] or [0.0])
    errors = [ln for ln in err.splitlines() if ln.startswith("disclosure: error:")]
    bounded = sorted({m for ln in err.splitlines() if ln.startswith("disclosure: warning:")
                      for m in re.findall(r"--max-[a-z-]+", ln)})
    doc = next(out.glob("*/document.json"), None)
    text = False
    if doc is not None:
        d = json.loads(doc.read_text(encoding="utf-8"))
        text = any(p["text"].strip() for p in d["paragraphs"]) or bool(d["tables"])
    return {"code": proc.returncode, "seconds": seconds, "peak": peak, "traceback": "Traceback" in err,
            "hung": hung or seconds > lim.timeout + GRACE, "errors": errors, "read": doc is not None, "text": text,
            "bounded": bounded}


def _probe(path: Path) -> dict:
    try:
        r = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, timeout=60)
        return json.loads(r.stdout) if r.stdout.strip() else {"opens": False, "text": False, "crashed": r.returncode}
    except subprocess.TimeoutExpired:
        return {"opens": False, "text": False, "hung": True}


def _reason(line: str) -> str:
    """A refusal's reason without the file and the numbers, for grouping."""
    reason = line.split(": ", 3)[-1]
    reason = re.sub(r"\(pdfium: .*|\(PDFSyntaxError.*|\(.*Error.*", "(...)", reason)
    return re.sub(r"\d+(\.\d+)?", "N", reason)[:90]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--ocr-damaged", default="off", help="--ocr for the damaged good PDFs (default off: OCR of "
                    "their broken pages takes minutes each and tries the reader no further); the others run with auto.")
    ap.add_argument("--keep", type=Path, help="Write the inputs here and keep them (default: a temporary folder).")
    args = ap.parse_args(argv)
    lim = Limits()
    tmp = tempfile.TemporaryDirectory(prefix="fuzz-")
    folder = args.keep or Path(tmp.name) / "in"
    folder.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    inputs = generate(folder, args.count, args.seed)
    print(f"{len(inputs)} inputs (seed {args.seed}) in {time.monotonic() - t0:.0f} s; limits: timeout {lim.timeout:g} s, "
          f"memory {lim.memory_mb} MB, pages {lim.max_pages}, pixels {lim.max_pixels}, stream {lim.max_stream_mb:g} MB, "
          f"XObject depth {lim.max_xobject_depth}, draws {lim.max_xobject_draws}; --ocr auto "
          f"(damaged good PDFs: --ocr {args.ocr_damaged})", flush=True)

    def one(item):
        path, kind, damaged = item
        res = _run(path, Path(tmp.name) / "out" / path.name, lim, args.ocr_damaged if damaged else "auto")
        if damaged:
            res["pdfium"] = _probe(path)
        return path, kind, damaged, res

    t0 = time.monotonic()
    results = []
    with ThreadPoolExecutor(args.workers) as pool:
        for i, r in enumerate(pool.map(one, inputs), start=1):
            results.append(r)
            if i % 100 == 0:
                print(f"  {i}/{len(inputs)} in {time.monotonic() - t0:.0f} s", flush=True)
    wall = time.monotonic() - t0

    read = sum(1 for *_, r in results if r["read"])
    refused = Counter(_reason(r["errors"][0]) for *_, r in results if not r["read"] and r["errors"])
    neither = [p.name for p, _, _, r in results if not r["read"] and not r["errors"]]
    tracebacks = [p.name for p, _, _, r in results if r["traceback"]]
    hung = [p.name for p, _, _, r in results if r["hung"]]
    over = [p.name for p, _, _, r in results if r["peak"] >= lim.memory_mb]
    peaks = sorted(r["peak"] for *_, r in results)
    slowest = max(results, key=lambda x: x[3]["seconds"])
    print(f"\n{len(results)} runs in {wall:.0f} s ({args.workers} at a time)")
    print(f"read: {read}   refused: {sum(refused.values())}   neither (no output, no error line): {len(neither)}")
    for reason, n in refused.most_common():
        print(f"  {n:5d}  {reason}")
    within = Counter(b for *_, r in results if r["read"] for b in r["bounded"])
    print(f"read with a page held to a bound (a warning naming it): "
          f"{sum(1 for *_, r in results if r['read'] and r['bounded'])}"
          + "".join(f"; {n} {b}" for b, n in within.most_common()))
    print(f"tracebacks: {len(tracebacks)}   runs past the time limit ({lim.timeout:g} s + {GRACE:g} s): {len(hung)}   "
          f"worker peak memory over the limit ({lim.memory_mb} MB): {len(over)}")
    print(f"worker peak memory (MB, reported by runs that ended with a result): median {peaks[len(peaks) // 2]:.0f}, "
          f"max {peaks[-1]:.0f}; slowest run {slowest[3]['seconds']:.1f} s ({slowest[0].name})")
    for p, _, _, r in sorted(results, key=lambda x: -x[3]["seconds"])[:5]:
        print(f"  {r['seconds']:6.1f} s  {p.name}: " + (r["errors"][0].split(": ", 3)[-1][:80] if r["errors"] else "read"))
    kinds = Counter()
    for _, kind, _, r in results:
        base = kind if "+" not in kind and kind not in hostile.DAMAGE else "damaged"
        kinds[(base, "read" if r["read"] else "refused")] += 1
    print("by kind (hostile and special inputs):")
    for k in sorted({k for k, _ in kinds}):
        if k != "damaged":
            print(f"  {k:30s} read {kinds[(k, 'read')]:4d}  refused {kinds[(k, 'refused')]:4d}")
    damaged = [(r, r["pdfium"]) for _, _, d, r in results if d]
    print(f"\nrecovery on {len(damaged)} damaged PDFs:     disclosure   pypdfium2 alone")
    print(f"  opened / read                {sum(1 for r, _ in damaged if r['read']):10d}   "
          f"{sum(1 for _, q in damaged if q['opens']):10d}")
    print(f"  with text                    {sum(1 for r, _ in damaged if r['text']):10d}   "
          f"{sum(1 for _, q in damaged if q['text']):10d}")
    lost = [r for r, q in damaged if q["text"] and not r["text"]]
    print(f"  pdfium reads text, disclosure does not: {len(lost)}; disclosure reads, pdfium does not open: "
          f"{sum(1 for r, q in damaged if r['read'] and not q['opens'])}")
    for name in (tracebacks + hung + over + neither)[:20]:
        print(f"  fault: {name}")
    return 1 if tracebacks or hung or over or neither else 0


if __name__ == "__main__":
    sys.exit(main())
