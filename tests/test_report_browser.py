"""The review report in a real browser (issue #17): Debian's headless Chromium (/usr/bin/chromium,
installed by .ci/run; never `playwright install`), driven by Playwright, opens the report of a
corpus document from file:// and checks the DOM: every finding listed, every page image loaded, a
click on a finding shows its page with its boxes lit; no request leaves the file (every request is
intercepted and recorded); a screenshot is saved. Skips, saying why, without Chromium or Playwright
(fails in CI, DISCLOSURE_REQUIRE_CORPUS=1)."""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE_PDF, corpus_file, needs

CHROMIUM = os.environ.get("DISCLOSURE_CHROMIUM", "/usr/bin/chromium")
needs(Path(CHROMIUM).exists() or bool(shutil.which(CHROMIUM)),
      f"headless Chromium not found at {CHROMIUM} (Debian: apt-get install chromium chromium-driver)")
needs(importlib.util.find_spec("playwright") is not None, "playwright is not installed (pip install -e '.[test]')")

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions"]
DOCUMENT = "putuo-guihuaziyuan-2024-final-accounts.pdf"  # 30 pages, findings with boxes on several pages


def _report(src: Path, out: Path) -> tuple[Path, dict]:
    """`disclosure extract --report` into `out`: (report.html, document.json as a dict)."""
    r = subprocess.run([sys.executable, "-m", "disclosure", "extract", str(src), "--report", "--format", "json",
                        "-o", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=600,
                       env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(out)})
    assert r.returncode == 0, r.stderr
    from disclosure.emit.outdir import input_name

    folder = out / input_name(src)  # a.pdf -> a-pdf, a.xlsx -> a-xlsx
    return folder / "report.html", json.loads((folder / "document.json").read_text(encoding="utf-8"))


@pytest.fixture()
def browser(tmp_path):
    """A fresh Chromium profile in tmp_path, every request intercepted: file:// ones go on and are
    recorded in `requests`, any other is aborted and recorded in `blocked`."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(str(tmp_path / "profile"), executable_path=CHROMIUM,
                                                    headless=True, args=ARGS, viewport={"width": 1500, "height": 950},
                                                    service_workers="block")
        seen: dict[str, list[str]] = {"requests": [], "blocked": []}

        def route(r):
            url = r.request.url
            if url.startswith("file://"):
                seen["requests"].append(url)
                r.continue_()
            else:
                seen["blocked"].append(url)
                r.abort()

        ctx.route("**/*", route)
        ctx.on("request", lambda req: seen["requests"].append(req.url) if not req.url.startswith(("file:", "data:"))
               else None)
        try:
            yield ctx, seen
        finally:
            ctx.close()


def _in_view(page, selector: str) -> bool:
    return page.eval_on_selector(selector, """e => { const r = e.getBoundingClientRect();
        return r.bottom > 0 && r.top < window.innerHeight && r.height > 0; }""")


def test_corpus_report_in_chromium(browser, tmp_path):
    ctx, seen = browser
    html, data = _report(corpus_file(DOCUMENT), tmp_path / "out")
    page = ctx.new_page()
    page.goto(html.as_uri(), wait_until="load")
    # every finding listed, in document.json's order, with its rule
    rules = page.eval_on_selector_all("#findings li.finding", "els => els.map(e => e.dataset.rule)")
    assert rules == [f["rule"] for f in data["findings"]] and len(rules) >= 10
    # every page image present and decoded
    sizes = page.eval_on_selector_all("img.pageimg", "els => els.map(e => [e.complete, e.naturalWidth])")
    assert len(sizes) == data["metadata"]["page_count"] == 30
    assert all(done and width > 500 for done, width in sizes)
    # a table's finding on a page far down (表 p.16: a 类 against its 款, 28 values): clicking it
    # shows that page with its boxes lit, and its values lit in the table as read
    n, f = next((n, f) for n, f in enumerate(data["findings"], 1)
                if f["rule"].startswith("table.") and any(e["box"] for e in f["evidence"]) and f["page"] > 5)
    assert not _in_view(page, f"#page-{f['page']}")
    page.click(f"#finding-{n}")
    page.wait_for_timeout(200)
    assert page.eval_on_selector(f"#page-{f['page']}", "e => e.classList.contains('current')")
    assert _in_view(page, f"#page-{f['page']}")
    lit = page.eval_on_selector_all(f'.box.hl[data-ref="finding-{n}"]',
                                    "els => els.map(e => [getComputedStyle(e).display, e.closest('section').id])")
    assert len(lit) == sum(1 for e in f["evidence"] if e["box"])
    assert all(d == "block" for d, _ in lit) and {s for _, s in lit} <= {f"page-{e['page']}" for e in f["evidence"]}
    assert _in_view(page, f'.box.hl[data-ref="finding-{n}"]')
    assert page.eval_on_selector(f"#finding-{n}", "e => e.classList.contains('active')")
    values = page.eval_on_selector(f"#finding-{n}", "e => e.dataset.values.split(' ').filter(Boolean)")
    lit_cells = page.eval_on_selector_all("td.hl", "els => els.map(e => e.dataset.ref)")
    assert len(values) == 28 and sorted(lit_cells) == sorted(values)
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 50_000
    # nothing but the file itself was asked for
    assert seen["blocked"] == [] and seen["requests"] == [html.as_uri()]


def test_seed_report_boxes_line_up_in_chromium(browser, tmp_path):
    """On the seed's p.4 the first finding's first box covers the printed 753.67 (x 313.7–421.1 pt of
    a 595.3 pt page): its rectangle in the browser sits at that share of the page image's width."""
    ctx, seen = browser
    html, data = _report(SAMPLE_PDF, tmp_path / "out")
    page = ctx.new_page()
    page.goto(html.as_uri(), wait_until="load")
    page.click("#finding-1")
    page.wait_for_timeout(200)
    img = page.eval_on_selector("#page-4 img.pageimg", "e => { const r = e.getBoundingClientRect(); "
                                "return [r.left, r.top, r.width, r.height]; }")
    box = page.eval_on_selector('#page-4 .box.hl[data-ref="finding-1"]',
                                "e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.width]; }")
    ev = data["findings"][0]["evidence"][0]["box"]
    assert (box[0] - img[0]) / img[2] == pytest.approx(ev["x0"] / 595.2756, abs=0.003)
    assert (box[1] - img[1]) / img[3] == pytest.approx(ev["top"] / 841.8898, abs=0.003)
    assert box[2] / img[2] == pytest.approx((ev["x1"] - ev["x0"]) / 595.2756, abs=0.003)
    assert seen["blocked"] == []


def test_spreadsheet_report_without_images_in_chromium(browser, tmp_path):
    """The seed as a spreadsheet: no page images; a click on finding 1 lights its ten values in 表3
    as read (on the sheet's "page" 3), one without a page (a standard table neither printed nor
    announced) shows the summary."""
    ctx, seen = browser
    html, data = _report(SAMPLE_PDF.with_suffix(".xlsx"), tmp_path / "out")
    page = ctx.new_page()
    page.goto(html.as_uri(), wait_until="load")
    assert page.eval_on_selector_all("img", "els => els.length") == 0
    page.click("#finding-1")
    page.wait_for_timeout(200)
    lit = page.eval_on_selector_all("td.hl", "els => els.map(e => [e.textContent, e.closest('section').id])")
    assert len(lit) == 10 and {s for _, s in lit} == {"page-3"} and lit[0][0] == "753.67"
    assert page.eval_on_selector("#page-3", "e => e.classList.contains('current')")
    assert _in_view(page, "td.hl")
    n = next(n for n, f in enumerate(data["findings"], 1) if f["page"] is None)
    page.click(f"#finding-{n}")
    page.wait_for_timeout(200)
    assert page.eval_on_selector("#summary", "e => e.classList.contains('current')") and _in_view(page, "#summary")
    assert page.eval_on_selector_all("section.page.current, td.hl", "els => els.length") == 0
    assert seen["blocked"] == [] and seen["requests"] == [html.as_uri()]


def test_lazy_page_images_and_identities_in_chromium(browser, tmp_path):
    """The seed's report with its page images beside it (`--images files`): only the pages near the
    view are fetched, from report-pages/ (nothing else asked for, nothing blocked by the page's
    policy); clicking finding 1 brings p.4 in and its image loads. Clicking an identity of 表3 (301
    = Σ 款, failed) lights its ten cells in the table as read and their ten boxes on p.4."""
    ctx, seen = browser
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "disclosure", "report", str(SAMPLE_PDF), "--images", "files",
                        "-o", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=600,
                       env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(out)})
    assert r.returncode == 0, r.stderr
    html = out / "kashgar-2021-budget-pdf" / "report.html"
    page = ctx.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(html.as_uri(), wait_until="load")
    page.wait_for_timeout(300)
    loaded = lambda: page.eval_on_selector_all(  # noqa: E731
        "img.pageimg", "els => els.filter(e => e.complete && e.naturalWidth > 0).map(e => e.closest('section').id)")
    first = loaded()
    assert "page-4" not in first and len(first) < 13
    page.click("#finding-1")
    page.wait_for_function("() => { const i = document.querySelector('#page-4 img.pageimg'); "
                           "return i.complete && i.naturalWidth === 893; }", timeout=10_000)
    pages_dir = html.parent.as_uri() + "/report-pages/"
    fetched = [u for u in seen["requests"] if u != html.as_uri()]
    assert fetched and all(u.startswith(pages_dir) for u in fetched) and pages_dir + "p0004.png" in fetched
    assert len(fetched) < 13 and seen["blocked"] == [] and errors == []
    # an identity of 表3's verification: its cells lit in the table and on the page
    row = page.locator("#table-3 tr.ident.failed").first
    page.eval_on_selector("#table-3 details.identities", "e => { e.open = true; }")
    cells = row.get_attribute("data-cells").split()
    assert len(cells) == 10
    row.click()
    page.wait_for_timeout(200)
    lit_td = page.eval_on_selector_all("td.hl", "els => els.map(e => e.dataset.ref)")
    lit_box = page.eval_on_selector_all(".box.hl", "els => els.map(e => [e.dataset.ref, e.closest('section').id])")
    assert sorted(lit_td) == sorted(cells)
    assert sorted(ref for ref, _ in lit_box) == sorted(cells) and {s for _, s in lit_box} == {"page-4"}
