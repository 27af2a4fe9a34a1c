"""Shared fixtures. Corpus tests read ../shared/corpus (or $DISCLOSURE_CORPUS) and skip, saying why,
when it is absent; with DISCLOSURE_REQUIRE_CORPUS=1 (as .ci/run sets) its absence is an error."""
from __future__ import annotations

import fcntl
import hashlib
import os
import pickle
import sys
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


# Under pytest-xdist: a folder of this run's temporary directory that both workers see (set by
# _extraction_store below), where extracted() leaves each document for the other worker.
_STORE: Path | None = None
# A folder of this run's temporary directory where layouts_made() leaves generated documents: under
# pytest-xdist one both workers see, else this process's (set by _extraction_store below).
_MADE: Path | None = None


@lru_cache(maxsize=1)
def _code_version() -> str:
    """A digest of every file of the package (code, schemas, chart, templates) as it is now."""
    h = hashlib.sha256()
    for f in sorted((ROOT / "disclosure").rglob("*")):
        if f.is_file() and "__pycache__" not in f.parts:
            h.update(str(f.relative_to(ROOT)).encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def _environment() -> tuple:
    return tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("DISCLOSURE_")))


def extracted(path: str):
    """Each document is extracted once per test session: once per process (and DISCLOSURE_*
    environment: a test that sets DISCLOSURE_PDF_READER gets that reader's reading), and under
    pytest-xdist once for both workers. The first worker to ask pickles the document into this run's
    temporary folder (new every run), under a key of the file's content, the package's code
    (_code_version), the settings in force and the environment; the other waits on the key's lock
    and loads it. Tests asking for a document of their own still call extract()."""
    return _extracted(path, _environment())


@lru_cache(maxsize=None)
def _extracted(path: str, env: tuple):
    from disclosure import settings
    from disclosure.pipeline import extract
    if _STORE is None:
        return extract(path)
    with open(path, "rb") as f:
        content = hashlib.file_digest(f, "sha256").hexdigest()
    key = hashlib.sha256(repr((content, _code_version(), settings.current().as_dict(), env)).encode()).hexdigest()
    done = _STORE / f"{key}.pickle"
    with open(_STORE / f"{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if done.exists():
            return pickle.loads(done.read_bytes())
        doc = extract(path)
        part = done.with_suffix(".part")
        part.write_bytes(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(part, done)
        return doc


@pytest.fixture(scope="session", autouse=True)
def _extraction_store(tmp_path_factory):
    """Under pytest-xdist the workers' temporary directories (popen-gw0, popen-gw1) share a parent."""
    global _STORE, _MADE
    if os.environ.get("PYTEST_XDIST_WORKER"):
        _STORE = tmp_path_factory.getbasetemp().parent / "extracted"
        _STORE.mkdir(exist_ok=True)
        _MADE = tmp_path_factory.getbasetemp().parent / "made"
    else:
        _MADE = tmp_path_factory.getbasetemp() / "made"
    _MADE.mkdir(exist_ok=True)
    yield


def layouts_made(seed: int, start: int, count: int, producers: frozenset[str] | None = None) -> list[Path]:
    """The PDFs of documents start..start+count-1 of the generated layout run `seed`
    (samples/layouts/make.make: each PDF with its .truth.json beside it; only those of `producers`
    when given), made once per test run for every module that reads them: test_layouts reads run 12's
    first 300, test_pdfium_reader its first 24. Under pytest-xdist in a folder of this run's
    temporary directory that both workers see, under a lock of its own: the first worker to ask
    makes them, the other waits and reads the same files (the documents are read, never changed);
    in one process, once per process. Raises what make() raises."""
    return [Path(p) for p in _layouts_made(seed, start, count, producers)]


@lru_cache(maxsize=None)
def _layouts_made(seed: int, start: int, count: int, producers: frozenset[str] | None) -> tuple[str, ...]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from samples.layouts.make import make
    assert _MADE is not None, "layouts_made() is called from a test or fixture (conftest's session fixture sets _MADE)"
    name = f"layouts-{seed}-{start}-{count}-{'-'.join(sorted(producers or ())) or 'all'}"
    done = _MADE / f"{name}.made"
    with open(_MADE / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            made = make(count, seed, _MADE / name, start, producers=set(producers) if producers else None)
            part = done.with_suffix(".part")
            part.write_text("\n".join(map(str, made)), encoding="utf-8")
            os.replace(part, done)
        return tuple(p for p in done.read_text(encoding="utf-8").split("\n") if p)


@pytest.fixture(scope="session", autouse=True)
def _child_bytecode(tmp_path_factory):
    """The Python processes the tests start (the CLI, batch workers, scripts) compile their modules
    once a run, not once each: their bytecode goes to a folder of this run's temporary directory
    (PYTHONPYCACHEPREFIX; under pytest-xdist one both workers' children share), written there even
    where the environment says PYTHONDONTWRITEBYTECODE (a child without bytecode compiled the whole
    package, 1.5 s of CPU, where one reading it took 0.4 s), and with it derived.py's and rx.py's
    files, kept where bytecode is. Nothing is kept past the run (the folder is new every run) and
    nothing is written in the tree; the test processes themselves are left as they started, and a
    test that sets these variables for its child (test_rx) still decides."""
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "pycache"
    folder.mkdir(exist_ok=True)
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    yield


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


# The suite runs on two workers (pytest-xdist; pyproject's addopts `-n 2 --dist loadgroup
# --no-loadscope-reorder`; `-n 0` runs it in one process). A module goes to one worker whole, so that
# its module fixtures and the documents it extracts (extracted() above) are made once, except the
# modules of SPLIT_MODULES, whose tests share nothing costly and are handed out one by one; tests of
# those that do share a file are marked with one xdist_group in their module. The groups that took
# longest (LONGEST, from `--durations=0` of two workers on 2026-11-30; the first two added on
# 2026-12-02, 335 s and 174 s then) are handed out first, so that none of them starts last while
# the other worker idles. Each worker's OCR gets cores / workers threads, as a batch's do
# (disclosure/batch/runner.py): two workers of two onnxruntime threads each on two cores spin against
# each other (one page of wanli-2025: 17.5 s of CPU with one thread, 25.2 s with two, on a busy machine).
SPLIT_MODULES = ("test_ocr.py", "test_ocr_layouts.py", "test_schemas.py", "test_batch.py", "test_pdfium_reader.py",
                 "test_hostile.py", "test_hostile_bounds.py")
OL = "test_ocr_layouts.py::test_scanned_pages_of_generated_layouts_read_exactly"
LONGEST = ("test_ocr_unseen.py", "test_unseen_reading.py", "test_ocr.py::test_scanned_copy_matches_text_layer", "ocr-wanli-p12",
           "test_ocr.py::test_broken_text_layer_is_read_by_ocr", "ocr-wanli-mixed", "test_layouts.py",
           "test_ocr.py::test_borderless_table_over_pages", "test_office_formats.py", f"{OL}[27]",
           "test_report_ocr.py", f"{OL}[16]", f"{OL}[18]", f"{OL}[5]",
           "test_pdfium_reader.py::test_generated_layouts_read_the_same",
           "test_hostile_bounds.py::test_the_fan_outs_that_crashed_at_4096_mb_are_read_within_the_bounds[8-64]",
           "test_ocr.py::test_borderless_tables_by_alignment", "test_no_network.py", f"{OL}[3]", f"{OL}[21]",
           f"{OL}[0]", f"{OL}[17]", f"{OL}[37]", "test_batch.py::test_killed_batch_resumes_without_lost_or_duplicated_rows")
if os.environ.get("PYTEST_XDIST_WORKER"):
    _workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT") or 1)
    os.environ.setdefault("DISCLOSURE_OCR_THREADS", str(max(1, (os.cpu_count() or 1) // _workers)))


def _group(item) -> str | None:
    marks = [m.args[0] if m.args else m.kwargs.get("name") for m in item.iter_markers("xdist_group")]
    if marks:
        return str(marks[0])
    return None if item.path.name in SPLIT_MODULES else item.path.name


def _rank(item) -> int:
    names = (_group(item), f"{item.path.name}::{item.name}")
    return next((k for k, key in enumerate(LONGEST) if key in names), len(LONGEST))


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook, which reads the xdist_group marks
def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.name in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
    if REQUIRE and not CORPUS.exists():
        raise pytest.UsageError(f"DISCLOSURE_REQUIRE_CORPUS=1 but the corpus folder {CORPUS} is absent")
    if hasattr(config, "workerinput"):  # a pytest-xdist worker: every worker orders alike
        for item in items:
            group = _group(item)
            if group and not any(True for _ in item.iter_markers("xdist_group")):
                item.add_marker(pytest.mark.xdist_group(group))
        items.sort(key=_rank)  # stable: a module's tests stay in their order


def drawn_pdf(path, draw, size=(595, 842)):
    """A one-page PDF drawn by `draw(canvas)` in STSong-Light (reportlab), portrait A4 in points
    unless `size` says otherwise (842, 595: landscape). Returns `path`."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=size)
    draw(c)
    c.save()
    return path
