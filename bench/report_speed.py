"""Time and size of the review report (report.html, issue #17) beyond extraction, per document.

    python3 bench/report_speed.py [CORPUS_DIR] [--repeat 2] [--out DIR]

For every corpus document (the PDFs, the page-text JSON, fujian/*.txt) and the seed (PDF, text,
web page, spreadsheet): the document is extracted once, then its report rendered (`--repeat`
times, the least kept) — page images rendered and encoded, the template filled — and its size
taken as UTF-8 bytes. Times are CPU seconds of this process (what else runs on the machine is not
counted). Targets: under 0.5 s a page and under 200 KB a page. `--out DIR` keeps the reports.

`--big 300` (also alone: `--big 300 --only-big`): a PDF of that many pages (the corpus PDFs' pages
joined, as bench/extract_speed.py makes them) reported both ways, page images embedded (inline)
and as files beside report.html loaded lazily (files, what `--images auto` gives beyond 40
pages): the size of report.html and of the images, the CPU seconds to render, and the time
headless Chromium (/usr/bin/chromium, through Playwright, when both are there) takes to open it
from file:// (the load event; the least of three, each in a fresh page).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET_S, TARGET_KB = 0.5, 200


def inputs(corpus: Path) -> list[Path]:
    files = sorted(corpus.glob("*.pdf"))  # (the page texts' .json is JSON data, which extract refuses)
    files += sorted((corpus / "fujian").glob("*.txt"))
    return files + [ROOT / "samples" / f"kashgar-2021-budget.{x}" for x in ("pdf", "txt", "html", "xlsx")]


def open_ms(html: Path, repeat: int = 3) -> dict | None:
    """The least milliseconds headless Chromium takes to DOMContentLoaded and to the load event of
    `html` (file://), each time in a fresh page; None without Playwright or Chromium."""
    import importlib.util
    import shutil

    chromium = os.environ.get("DISCLOSURE_CHROMIUM", "/usr/bin/chromium")
    if importlib.util.find_spec("playwright") is None or not (Path(chromium).exists() or shutil.which(chromium)):
        return None
    from playwright.sync_api import sync_playwright

    best: dict | None = None
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox", "--disable-gpu"])
        try:
            for _ in range(repeat):
                page = b.new_page(viewport={"width": 1500, "height": 950})
                page.goto(html.as_uri(), wait_until="load", timeout=300_000)
                m = page.evaluate("""() => { const n = performance.getEntriesByType('navigation')[0];
                    return {dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd,
                            images: [...document.images].filter(i => i.complete && i.naturalWidth).length}; }""")
                page.close()
                best = m if best is None or m["load"] < best["load"] else best
        finally:
            b.close()
    return best


def big(corpus: Path, pages: int) -> None:
    """A `pages`-page PDF's report inline and with its images beside it: size, render time, opening time."""
    import tempfile

    sys.path.insert(0, str(ROOT / "bench"))
    from extract_speed import joined
    from disclosure.emit import outdir, report
    from disclosure.pipeline import extract

    with tempfile.TemporaryDirectory() as tmp:
        pdf = joined(sorted(corpus.glob("*.pdf")), pages, Path(tmp) / f"joined-{pages}.pdf")
        doc = extract(pdf)
        print(f"\n{pages}-page PDF ({len(doc.tables)} tables, {len(doc.findings)} findings), report.html "
              "with page images inline and as files beside it:")
        print(f"{'images':8} {'render s':>8} {'html MB':>8} {'images MB':>9} {'DOMContentLoaded ms':>19} "
              f"{'load ms':>8} {'images decoded at load':>22}")
        for mode in ("inline", "files"):
            t = time.process_time()
            files = report.files(doc, pdf, images=mode)
            s = time.process_time() - t
            folder = outdir.publish(Path(tmp) / mode, files)
            html = len(files["report.html"].encode("utf-8"))
            imgs = sum(len(b) for b in files.get(report.PAGES_DIR, {}).values())
            m = open_ms(folder / "report.html")
            opened = (f"{m['dcl']:19.0f} {m['load']:8.0f} {m['images']:22d}" if m
                      else f"{'(no Chromium)':>19}")
            print(f"{mode:8} {s:8.2f} {html / 1e6:8.2f} {imgs / 1e6:9.2f} {opened}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--out", default=None)
    ap.add_argument("--big", type=int, default=0, help="also a PDF of this many pages, inline and files")
    ap.add_argument("--only-big", action="store_true", help="only the --big document")
    a = ap.parse_args()
    if a.only_big:
        big(Path(a.corpus), a.big or 300)
        return

    from disclosure.emit import report
    from disclosure.pipeline import extract

    print(f"{'document':48} {'pages':>5} {'extract s':>9} {'report s':>8} {'s/page':>7} {'KB':>7} {'KB/page':>7}"
          f" {'findings':>8}")
    tot = {"pages": 0, "extract": 0.0, "report": 0.0, "bytes": 0, "pdf_pages": 0, "pdf_report": 0.0, "pdf_bytes": 0}
    worst_s = worst_kb = (0.0, "")
    for path in inputs(Path(a.corpus)):
        t = time.process_time()
        doc = extract(path)
        ex = time.process_time() - t
        best = None
        for _ in range(max(1, a.repeat)):
            t = time.process_time()
            html = report.files(doc, path, images="inline")["report.html"]
            s = time.process_time() - t
            best = s if best is None else min(best, s)
        size = len(html.encode("utf-8"))
        pages = max(1, doc.page_count)
        if a.out:
            Path(a.out).mkdir(parents=True, exist_ok=True)
            (Path(a.out) / f"{path.stem}.{path.suffix[1:]}.html").write_text(html, encoding="utf-8")
        print(f"{path.name[:48]:48} {doc.page_count:5d} {ex:9.2f} {best:8.2f} {best / pages:7.3f} {size / 1024:7.0f}"
              f" {size / 1024 / pages:7.1f} {len(doc.findings):8d}")
        tot["pages"] += pages
        tot["extract"] += ex
        tot["report"] += best
        tot["bytes"] += size
        if doc.source_format == "pdf":
            tot["pdf_pages"] += pages
            tot["pdf_report"] += best
            tot["pdf_bytes"] += size
        worst_s = max(worst_s, (best / pages, path.name))
        worst_kb = max(worst_kb, (size / 1024 / pages, path.name))
    print(f"{'TOTAL':48} {tot['pages']:5d} {tot['extract']:9.2f} {tot['report']:8.2f} "
          f"{tot['report'] / tot['pages']:7.3f} {tot['bytes'] / 1024:7.0f} {tot['bytes'] / 1024 / tot['pages']:7.1f}")
    if tot["pdf_pages"]:
        print(f"PDF pages only: {tot['pdf_pages']} pages, report {tot['pdf_report'] / tot['pdf_pages']:.3f} s a page, "
              f"{tot['pdf_bytes'] / 1024 / tot['pdf_pages']:.1f} KB a page")
    print(f"worst: {worst_s[0]:.3f} s a page ({worst_s[1]}), {worst_kb[0]:.1f} KB a page ({worst_kb[1]}); "
          f"targets {TARGET_S} s and {TARGET_KB} KB a page: "
          + ("met" if worst_s[0] < TARGET_S and worst_kb[0] < TARGET_KB else "NOT met"))
    if a.big:
        big(Path(a.corpus), a.big)


if __name__ == "__main__":
    main()
