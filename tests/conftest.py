"""Shared fixtures. Corpus tests read ../shared/corpus (or $DISCLOSURE_CORPUS) and skip, saying why,
when it is absent; with DISCLOSURE_REQUIRE_CORPUS=1 (as .ci/run sets) its absence is an error."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SEED_TEXT = SAMPLES / "kashgar-2021-budget.txt"
SAMPLE_PDF = SAMPLES / "kashgar-2021-budget.pdf"
CORPUS = Path(os.environ.get("DISCLOSURE_CORPUS", ROOT.parent / "shared" / "corpus")).resolve()
REQUIRE = os.environ.get("DISCLOSURE_REQUIRE_CORPUS") == "1"
# a developer's own chart overlay (disclosure codes --learn) must not change what the tests read;
# tests that want an overlay set the variable themselves
os.environ.setdefault("DISCLOSURE_CHART_OVERLAY", str(ROOT / "tests" / "no-chart-overlay.csv"))


def needs(present: bool, why: str) -> None:
    """At a test module's top: skip the module, saying `why`, when what it needs is not
    `present`; under DISCLOSURE_REQUIRE_CORPUS=1 (CI) fail instead, so nothing skips in CI."""
    if present:
        return
    if REQUIRE:
        pytest.fail(f"required in CI: {why}", allow_module_level=True)
    pytest.skip(why, allow_module_level=True)


def corpus_file(name: str) -> Path:
    path = CORPUS / name
    if not path.exists():
        if REQUIRE:
            pytest.fail(f"corpus required (DISCLOSURE_REQUIRE_CORPUS=1) but {path} is missing")
        pytest.skip(f"corpus file {path} not present (../shared/corpus is absent)")
    return path


def corpus_pdfs() -> list[str]:
    if not CORPUS.exists():
        return []
    return sorted(p.name for p in CORPUS.glob("*.pdf"))


@lru_cache(maxsize=None)
def extracted(path: str):
    """Each document is extracted once per test session."""
    from disclosure.pipeline import extract
    return extract(path)


@pytest.fixture(scope="session")
def seed_doc():
    return extracted(str(SEED_TEXT))


# The groups that take most of the suite's time, marked `slow` (registered in pyproject.toml):
# `pytest -m "not slow" tests` is the quick set to run while working; .ci/run runs everything.
# OCR of scans, the generated layout corpus, both PDF readers over the corpus, batches (DuckDB,
# Dask, killed workers), LibreOffice conversions, headless Chromium.
SLOW_MODULES = ("test_layouts.py", "test_ocr.py", "test_ocr_layouts.py", "test_report_ocr.py",
                "test_pdfium_reader.py", "test_batch.py", "test_hostile_batch.py", "test_office_formats.py",
                "test_report_browser.py", "test_readme_sql.py")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.name in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
    if REQUIRE and not CORPUS.exists():
        raise pytest.UsageError(f"DISCLOSURE_REQUIRE_CORPUS=1 but the corpus folder {CORPUS} is absent")
