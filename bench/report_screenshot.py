"""The README's picture of the review report: the seed PDF's report.html opened in Debian's headless
Chromium (Playwright, /usr/bin/chromium), its first finding clicked (p.4: 301 工资福利支出 printed
753.67 where its 款 rows add up to 753.69), the page with the finding's values outlined, saved as
docs/report-seed.png.

    python3 bench/report_screenshot.py [--finding 1] [-o docs/report-seed.png]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pdf", default=str(ROOT / "samples" / "kashgar-2021-budget.pdf"))
    ap.add_argument("--finding", type=int, default=1)
    ap.add_argument("-o", "--output", default=str(ROOT / "docs" / "report-seed.png"))
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    a = ap.parse_args()

    from playwright.sync_api import sync_playwright

    from disclosure.emit import report
    from disclosure.pipeline import extract

    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "report.html"
        html.write_text(report.render(extract(a.pdf), a.pdf), encoding="utf-8")
        with sync_playwright() as pw:
            ctx = pw.chromium.launch_persistent_context(str(Path(tmp) / "profile"), executable_path=a.chromium,
                                                        headless=True, args=ARGS,
                                                        viewport={"width": 1400, "height": 860})
            ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
            page = ctx.new_page()
            page.goto(html.as_uri(), wait_until="load")
            page.click(f"#finding-{a.finding}")
            page.wait_for_timeout(2500)  # the highlight's pulse is over
            page.screenshot(path=a.output)
            ctx.close()
    from PIL import Image

    Image.open(a.output).convert("RGB").quantize(128).save(a.output, optimize=True)  # a palette: a third of the size
    print(f"-> {a.output}")


if __name__ == "__main__":
    main()
