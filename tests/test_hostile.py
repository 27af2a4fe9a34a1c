"""Issue #19: hostile and damaged inputs unattended. Output names that cannot escape -o, output
folders swapped in whole (a write failure is one line, the other inputs go on), stale temporaries
of killed runs removed, limits (time, memory, pages, pixels, sizes, regular files only), and
small hand-built hostile PDFs that finish with a read or a one-line error."""
from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, SAMPLE_PDF, SEED_TEXT
from disclosure.cli import main
from disclosure.emit import outdir

sys.path.insert(0, str(ROOT / "samples"))
import hostile  # noqa: E402

LIMIT = "60"  # seconds: far more than any of these files takes, far less than a hang
# no time or memory limit: the file is read and its folder written in this process, where a test's
# injected write failure is in force (a worker writes the folder otherwise)
IN_PROCESS = ("--timeout", "0", "--max-memory", "0")


def _extract(*args):
    return CliRunner().invoke(main, ["extract", *map(str, args)])


def _errors(result) -> list[str]:
    return [ln for ln in result.stderr.splitlines() if ln.startswith("disclosure: error:")]


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ------------------------------------------------------------------ output names

def test_safe_names():
    used: set[str] = set()
    names = [outdir.safe_name(Path(n), used) for n in
             ["...pdf", "..pdf", ".pdf", ".hidden.pdf", "a\nb.pdf", "a\x1b[2Jb.txt", "x.pdf", "X.pdf",
              "x-2.pdf", "..", "a\u202eb.pdf", "长" * 120 + ".pdf"]]
    assert names[:10] == ["__-pdf", "_-pdf", "_pdf", "_hidden-pdf", "a_b-pdf", "a_[2Jb-txt", "x-pdf", "X-pdf-2", "x-2-pdf", "__"]
    assert names[10] == "a_b-pdf-2"  # a right-to-left override (format character) is neutralised too
    assert len(names[11].encode("utf-8")) <= outdir.MAX_NAME_BYTES
    for n in names:
        assert "/" not in n and "\\" not in n and not n.startswith(".") and n not in (".", "..")
    assert len({n.casefold() for n in names}) == len(names)  # two inputs never share a folder


def test_a_name_cannot_write_outside_the_output_folder(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ["...txt", "..txt", ".txt", "a\nb.txt", "a\\b.txt"]:
        shutil.copy(SEED_TEXT, src / name)
    other = src / "sub"
    other.mkdir()
    shutil.copy(SEED_TEXT, other / "...txt")  # the same name again, from another folder
    parent = tmp_path / "parent"
    out = parent / "out"
    out.mkdir(parents=True)
    (parent / "document.json").write_text("mine", encoding="utf-8")
    (parent / "tables").mkdir()
    (parent / "tables" / "keep.csv").write_text("mine", encoding="utf-8")
    inputs = [src / n for n in ["...txt", "..txt", ".txt", "a\nb.txt", "a\\b.txt"]] + [other / "...txt"]
    result = _extract(*inputs, "-o", out, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in parent.iterdir()) == ["document.json", "out", "tables"]
    assert (parent / "document.json").read_text(encoding="utf-8") == "mine"
    assert [p.name for p in (parent / "tables").iterdir()] == ["keep.csv"]
    folders = sorted(p.name for p in out.iterdir())
    assert folders == sorted(["__-txt", "_-txt", "_txt", "a_b-txt", "a_b-txt-2", "__-txt-2"])
    for f in folders:
        assert (out / f / "document.json").exists()


# ------------------------------------------------------------------ atomic output folders

def test_a_failed_write_is_one_line_keeps_the_old_folder_and_the_rest_goes_on(tmp_path, monkeypatch):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(SEED_TEXT, a)
    shutil.copy(SEED_TEXT, b)
    out = tmp_path / "out"
    assert _extract(a, "-o", out).exit_code == 0
    before = _tree(out / "a-txt")
    assert "document.json" in before and any(k.startswith("tables/") for k in before)
    a.write_text(SEED_TEXT.read_text(encoding="utf-8").replace("2021", "2022"), encoding="utf-8")

    real = outdir._write_tree
    written = []

    def full_disk(folder, files):  # the disk fills while a's folder is half written
        if folder.name.startswith(".a-txt.partial-"):
            (folder / "findings.json").write_text("{half", encoding="utf-8")
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(folder.name)
        return real(folder, files)

    monkeypatch.setattr(outdir, "_write_tree", full_disk)
    result = _extract(a, b, "-o", out, *IN_PROCESS)
    assert result.exit_code == 2, result.stderr
    assert _errors(result) == [f"disclosure: error: {a}: cannot write {out / 'a-txt'}: No space left on device"]
    assert _tree(out / "a-txt") == before  # all old
    assert (out / "b-txt" / "document.json").exists()  # the other input went on
    assert sorted(p.name for p in out.iterdir()) == ["a-txt", "b-txt"]  # nothing half-written left


def test_a_read_only_output_folder_is_one_line_per_document(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    if os.geteuid() != 0:
        out.chmod(0o555)
    else:  # root writes anywhere: the refusal a read-only folder gives, injected
        def refuse(path, *a, **k):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        monkeypatch.setattr(outdir.Path, "mkdir", refuse)
    try:
        result = _extract(SEED_TEXT, SAMPLE_PDF, "-o", out, "--format", "json", *IN_PROCESS)
    finally:
        out.chmod(0o755)
    assert result.exit_code == 2
    errors = _errors(result)
    assert len(errors) == 2 and all("cannot write" in e and "Permission denied" in e for e in errors), errors
    assert "Traceback" not in result.stderr
    assert list(out.iterdir()) == []


def test_a_document_folder_is_all_new_after_a_rerun(tmp_path):
    src = tmp_path / "doc.txt"
    shutil.copy(SEED_TEXT, src)
    out = tmp_path / "out"
    assert _extract(src, "-o", out).exit_code == 0
    (out / "doc-txt" / "stray.csv").write_text("from another time", encoding="utf-8")
    assert _extract(src, "-o", out, "--format", "json").exit_code == 0
    assert sorted(p.name for p in (out / "doc-txt").iterdir()) == ["document.json"]


def test_stale_temporaries_of_killed_runs_are_removed(tmp_path):
    out = tmp_path / "out"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # a process id that is gone
    stale = [out / f".doc.partial-{dead.pid}-0123abcd", out / f".other.old-{dead.pid}-0123abcd",
             out / "doc" / ".document.json.k2j4_x9q", out / "keep" / ".tables.ab12cd34",
             out / "keep" / ".line_items.csv.zz9y8x7w"]
    live = out / f".doc.partial-{os.getpid()}-0123abcd"  # a run still going: left alone
    for p in stale[:2] + [stale[3], live]:
        p.mkdir(parents=True)
        (p / "x.csv").write_text("x", encoding="utf-8")
    for p in (stale[2], stale[4]):
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("half", encoding="utf-8")
    (out / "keep" / "document.json").write_text("{}", encoding="utf-8")
    src = tmp_path / "doc.txt"
    shutil.copy(SEED_TEXT, src)
    assert _extract(src, "-o", out, "--format", "json").exit_code == 0
    assert not any(p.exists() for p in stale)
    assert live.exists() and (out / "keep" / "document.json").exists()
    assert sorted(p.name for p in (out / "doc-txt").iterdir()) == ["document.json"]


def test_check_keeps_the_files_extract_wrote(tmp_path):
    out = tmp_path / "out"
    assert _extract(SEED_TEXT, "-o", out, "--format", "json,line_items").exit_code == 0
    r = CliRunner().invoke(main, ["check", str(SEED_TEXT), "-o", str(out)])
    assert r.exit_code == 0, r.stderr
    assert sorted(p.name for p in (out / "kashgar-2021-budget-txt").iterdir()) == \
        ["datapackage.json", "document.json", "findings.csv", "findings.json", "ledger.csv", "line_items.csv"]


# ------------------------------------------------------------------ limits

def test_non_regular_files_are_refused_at_once(tmp_path):
    fifo = tmp_path / "x.pdf"
    os.mkfifo(fifo)
    result = _extract(fifo, "/dev/zero", SEED_TEXT, "-o", tmp_path / "out", "--timeout", LIMIT)
    assert result.exit_code == 2
    assert _errors(result) == [f"disclosure: error: {fifo}: not a regular file (a FIFO): refused",
                               "disclosure: error: /dev/zero: not a regular file (a character device): refused"]
    assert (tmp_path / "out" / "kashgar-2021-budget-txt" / "document.json").exists()


def test_size_page_and_text_limits_name_the_limit(tmp_path):
    out = tmp_path / "out"
    r = _extract(SAMPLE_PDF, SEED_TEXT, "-o", out, "--max-pages", "3", "--max-text-size", "0.01")
    assert r.exit_code == 2
    assert _errors(r) == [f"disclosure: error: {SAMPLE_PDF}: too many pages (13 > --max-pages 3)",
                          f"disclosure: error: {SEED_TEXT}: text file too large (0.03 MB > --max-text-size 0.01 MB)"]
    r = _extract(SAMPLE_PDF, "-o", out, "--max-size", "0.01")
    assert _errors(r) == [f"disclosure: error: {SAMPLE_PDF}: file too large (0.04 MB > --max-size 0.01 MB)"]
    # the environment sets a limit too (the option wins over it)
    env_runner = CliRunner(env={"DISCLOSURE_MAX_PAGES": "2"})
    r = env_runner.invoke(main, ["extract", str(SAMPLE_PDF), "-o", str(out)])
    assert "too many pages (13 > --max-pages 2)" in r.stderr
    r = env_runner.invoke(main, ["extract", str(SAMPLE_PDF), "-o", str(out), "--max-pages", "20"])
    assert r.exit_code == 0, r.stderr


def test_the_time_limit_stops_a_file_and_the_rest_goes_on(tmp_path):
    from slow_pdf import write_slow_pdf

    slow = write_slow_pdf(tmp_path / "slow.pdf")
    r = _extract(slow, SEED_TEXT, "-o", tmp_path / "out", "--timeout", "3")
    assert r.exit_code == 2
    assert _errors(r) == [f"disclosure: error: {slow}: time limit: no result within 3 s (--timeout)"]
    assert (tmp_path / "out" / "kashgar-2021-budget-txt" / "document.json").exists()


def _hog(mb: int) -> int:
    return len(bytearray(mb * 1048576))


def _environment(name: str):
    return os.environ.get(name)


def test_the_memory_limit_is_one_line():
    from disclosure import limits, worker

    lim = limits.Limits(timeout=60, memory_mb=300)
    r = worker.run(_hog, (1024,), lim)
    assert (r.status, r.value) == ("error", "memory limit reached (--max-memory 300 MB)")
    r = worker.run(_hog, (10,), lim)
    assert r.status == "ok" and r.value == 10 * 1048576 and 0 < r.peak_mb < 300


def test_a_worker_gets_the_callers_environment(monkeypatch):
    from disclosure import limits, worker

    monkeypatch.setenv("DISCLOSURE_PDF_READER", "pdfminer")
    r = worker.run(_environment, ("DISCLOSURE_PDF_READER",), limits.Limits(timeout=60))
    assert (r.status, r.value) == ("ok", "pdfminer")
    r = worker.run(_environment, ("DISCLOSURE_MAX_PAGES",), limits.Limits(timeout=60, max_pages=7))
    assert r.value == "7"


def test_render_scale_keeps_pages_within_max_pixels(monkeypatch):
    from disclosure.limits import render_scale

    assert render_scale(595, 842, 200) == (200 / 72, "")
    scale, note = render_scale(14400, 14400, 200)  # 40,000 px square at 200 dpi
    assert scale == 0 and "page not rendered" in note and "--max-pixels 60000000" in note
    scale, note = render_scale(2000, 2000, 300)
    assert (2000 * scale) ** 2 <= 60_000_000 and 100 <= scale * 72 < 300 and note.startswith("rendered at")
    monkeypatch.setenv("DISCLOSURE_MAX_PIXELS", "0")
    assert render_scale(14400, 14400, 200)[1] == ""


# ------------------------------------------------------------------ hostile PDFs

@pytest.mark.parametrize("kind", ["contents_loop", "contents_array_loop", "page_tree_loop", "resources_loop",
                                  "lying_length", "huge_widths"])
def test_a_hostile_pdf_is_read_or_refused_in_one_line(kind, tmp_path):
    path = tmp_path / f"{kind}.pdf"
    path.write_bytes(hostile.HOSTILE[kind]())
    r = _extract(path, SEED_TEXT, "-o", tmp_path / "out", "--ocr", "off", "--timeout", LIMIT)
    assert "Traceback" not in r.stderr and "time limit" not in r.stderr, r.stderr
    errors = _errors(r)
    if errors:
        assert len(errors) == 1 and errors[0].startswith(f"disclosure: error: {path}: ")
    else:
        assert (tmp_path / "out" / f"{kind}-pdf" / "document.json").exists()
    assert (tmp_path / "out" / "kashgar-2021-budget-txt" / "document.json").exists()


def test_the_loops_pdfium_reads_give_their_text(tmp_path):
    for kind in ("resources_loop", "lying_length"):
        path = tmp_path / f"{kind}.pdf"
        path.write_bytes(hostile.HOSTILE[kind]())
        r = _extract(path, "-o", tmp_path / "out", "--ocr", "off", "--timeout", LIMIT, "--format", "json")
        assert r.exit_code == 0, r.stderr
        doc = json.loads((tmp_path / "out" / f"{kind}-pdf" / "document.json").read_text(encoding="utf-8"))
        assert "2021 budget" in json.dumps(doc, ensure_ascii=False)


def test_fan_out_ends_within_the_limits(tmp_path):
    """Four copies of a drawing of four copies, 20 levels: pdfium would draw them all (4**20) and
    abort at the memory limit. The page is read within the XObject bounds (tests/test_hostile_bounds.py),
    said in a warning, and the next input is read."""
    path = tmp_path / "fan.pdf"
    path.write_bytes(hostile.fan_out())
    r = _extract(path, SEED_TEXT, "-o", tmp_path / "out", "--ocr", "off", "--timeout", "60", "--max-memory", "1024")
    assert r.exit_code == 0 and not _errors(r), r.stderr
    assert f"disclosure: warning: {path}: page 1: form XObjects nested more than 12 deep" in r.stderr
    assert (tmp_path / "out" / "fan-pdf" / "document.json").exists()
    assert (tmp_path / "out" / "kashgar-2021-budget-txt" / "document.json").exists()


def test_a_huge_mediabox_is_not_rendered_at_40000_px(tmp_path):
    pytest.importorskip("rapidocr", reason="the OCR extra is not installed")
    path = tmp_path / "huge.pdf"
    path.write_bytes(hostile.huge_mediabox())
    r = _extract(path, "-o", tmp_path / "out", "--ocr", "force", "--timeout", LIMIT, "--max-memory", "2048",
                 "--format", "json")
    assert r.exit_code == 0, r.stderr
    doc = json.loads((tmp_path / "out" / "huge-pdf" / "document.json").read_text(encoding="utf-8"))
    text = json.dumps(doc, ensure_ascii=False)
    assert "page not rendered: 14400x14400 pt at 200 dpi" in text and "--max-pixels 60000000" in text


def test_a_worker_killed_mid_file_is_one_line_and_the_rest_goes_on(tmp_path):
    src = tmp_path / "doomed.txt"
    shutil.copy(SEED_TEXT, src)
    r = CliRunner(env={"DISCLOSURE_TEST_CRASH": "doomed.txt"}).invoke(
        main, ["extract", str(src), str(SEED_TEXT), "-o", str(tmp_path / "out"), "--format", "json"])
    assert r.exit_code == 2
    assert _errors(r) == [f"disclosure: error: {src}: worker crashed (SIGKILL); the memory limit "
                          f"(--max-memory 4096 MB) may have been reached"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["kashgar-2021-budget-txt"]


def test_under_the_pdfminer_reader_hostile_pdfs_end_within_the_limits(tmp_path, monkeypatch):
    """pdfminer resolves a reference loop for ever and builds a 2**32-entry ToUnicode map: the time
    and memory limits end each as one line, and the next input is read."""
    monkeypatch.setenv("DISCLOSURE_PDF_READER", "pdfium")  # --reader sets it: restored after the test
    paths = []
    for kind in ("contents_loop", "huge_widths"):
        paths.append(tmp_path / f"{kind}.pdf")
        paths[-1].write_bytes(hostile.HOSTILE[kind]())
    r = CliRunner().invoke(main, ["--reader", "pdfminer", "extract", *map(str, paths), str(SEED_TEXT),
                                  "-o", str(tmp_path / "out"), "--ocr", "off", "--timeout", "5",
                                  "--max-memory", "1024"])
    assert "Traceback" not in r.stderr
    for p in paths:
        done = (tmp_path / "out" / outdir.input_name(p) / "document.json").exists()
        errors = [e for e in _errors(r) if e.startswith(f"disclosure: error: {p}: ")]
        assert done or (len(errors) == 1 and ("limit" in errors[0] or "crashed" in errors[0])), r.stderr
    assert (tmp_path / "out" / "kashgar-2021-budget-txt" / "document.json").exists()


def test_a_lone_surrogate_is_no_character_and_never_stops_a_write(tmp_path):
    """A damaged font's ToUnicode maps a code to half a surrogate pair (bench/fuzz.py found 8 such
    files among 1,000, each a UnicodeEncodeError traceback when written)."""
    from disclosure.extract.pdfium_reader import _char

    assert [_char(c) for c in (0x41, 0x6C49, 0x20000, 0xDEEA, 0xD800, 0x110000)] == \
        ["A", "汉", "\U00020000", "\ufffd", "\ufffd", "\ufffd"]
    outdir.publish(tmp_path / "d", {"document.json": "a\udeeab"})
    assert (tmp_path / "d" / "document.json").read_text(encoding="utf-8") == "a?b"
