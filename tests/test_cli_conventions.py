"""Command-line conventions: -h everywhere, help for every option, --quiet, JSON logs with nothing
else on the stream, each warning said once, a progress bar on a terminal only."""
from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from conftest import ROOT, SAMPLE_PDF, SEED_TEXT

from disclosure import pipeline
from disclosure.cli import main


def _commands():
    return sorted(main.commands)


def _cli(*args, pythonpath=(), **kw):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([*map(str, pythonpath), str(ROOT)]))
    return subprocess.run([sys.executable, "-m", "disclosure", *map(str, args)], capture_output=True, text=True,
                          timeout=600, env=env, **kw)


@pytest.mark.parametrize("command", [[]] + [[c] for c in ["extract", "check", "batch", "export", "codes", "compare"]])
def test_dash_h_on_every_command(command):
    r = CliRunner().invoke(main, [*command, "-h"])
    assert r.exit_code == 0, r.output
    assert r.output.startswith("Usage:") and "-h, --help" in r.output


def test_every_option_of_every_command_has_help():
    missing = []
    for name in _commands():
        for p in main.commands[name].params:
            if isinstance(p, click.Option) and not (p.help or "").strip():
                missing.append(f"{name} {'/'.join(p.opts)}")
    missing += ['/'.join(p.opts) for p in main.params if isinstance(p, click.Option) and not p.help]
    assert missing == []


def test_extract_help_lists_every_format():
    text = " ".join(CliRunner().invoke(main, ["extract", "--help"], terminal_width=400).output.split())
    for fmt in pipeline.FORMATS:
        assert fmt in text, fmt
    for kind in (".xlsx", ".xls", ".docx", ".doc", "HTML", "PDF", "page text", "plain text"):
        assert kind in text, kind


@pytest.fixture(scope="module")
def scan(tmp_path_factory):
    pytest.importorskip("cv2", reason="samples/make_scan.py needs the ocr extra (OpenCV)")
    out = tmp_path_factory.mktemp("scan") / "scan.pdf"
    subprocess.run([sys.executable, str(ROOT / "samples" / "make_scan.py"), str(SAMPLE_PDF), str(out), "--pages", "2,3"],
                   check=True, capture_output=True, timeout=300)
    return out


@pytest.fixture(scope="module")
def no_ocr(tmp_path_factory):
    """A folder that, first on PYTHONPATH, makes the OCR engine's import fail as if not installed."""
    folder = tmp_path_factory.mktemp("no-ocr")
    (folder / "rapidocr.py").write_text('raise ImportError("hidden by the test", name="rapidocr")\n', encoding="utf-8")
    return folder


def test_without_ocr_the_warning_is_said_once(scan, no_ocr, tmp_path):
    r = _cli("extract", scan, "-o", tmp_path, pythonpath=[no_ocr])
    assert r.returncode == 0, r.stderr
    assert r.stderr.count("OCR is not installed") == 1, r.stderr
    assert "pages 1, 2: scanned page not read by OCR: OCR is not installed" in r.stderr


def test_log_json_is_json_and_nothing_else(scan, no_ocr, tmp_path):
    bad = tmp_path / "notes.pdf"
    bad.write_text("not a pdf", encoding="utf-8")
    r = _cli("-v", "extract", scan, bad, SEED_TEXT, "-o", tmp_path / "out", "--log-json", pythonpath=[no_ocr])
    assert r.returncode == 2
    events = [json.loads(line) for line in r.stderr.splitlines()]  # every line is JSON
    assert all({"time", "level", "event"} <= set(e) and e["level"] in ("debug", "info", "warning", "error")
               for e in events)
    ocr = [e for e in events if "OCR is not installed" in json.dumps(e, ensure_ascii=False) and e["level"] != "info"]
    assert len(ocr) == 1 and ocr[0]["level"] == "warning" and ocr[0]["pages"] == [1, 2]  # -v adds an info record
    files = {os.path.basename(e["file"]): e for e in events if e["event"] == "file"}
    assert files["notes.pdf"]["level"] == "error" and "not a PDF" in files["notes.pdf"]["reason"]
    seed = files["kashgar-2021-budget.txt"]
    assert (seed["level"], seed["status"], seed["tables"], seed["line_items"]) == ("info", "ok", 8, 72)
    assert any(e["event"] == "log" for e in events)  # -v's log records went the same way
    # the run's bounds, as batch says them: what was asked, then what came of it and the exit code
    bounds = [e for e in events if e["event"] in ("start", "end")]
    assert [(e["event"], e.get("files")) for e in bounds] == [("start", 3), ("end", 3)]
    assert events[0]["event"] == "start" and events[-1] == bounds[-1]
    assert (bounds[1]["ok"], bounds[1]["failed"], bounds[1]["exit_code"]) == (2, 1, 2)
    r = _cli("-q", "extract", scan, bad, SEED_TEXT, "-o", tmp_path / "out", "--log-json", pythonpath=[no_ocr])
    quiet = [json.loads(line) for line in r.stderr.splitlines()]  # errors, warnings and the run's end only
    assert r.returncode == 2 and [(e["event"], e["level"]) for e in quiet] == (
        [("warning", "warning")] * 2 + [("file", "error"), ("end", "info")])
    assert (quiet[-1]["ok"], quiet[-1]["failed"], quiet[-1]["exit_code"]) == (2, 1, 2)


def test_batch_log_json_is_json_and_nothing_else(tmp_path):
    pytest.importorskip("duckdb", reason="the batch extra is not installed")
    bad = tmp_path / "in" / "notes.pdf"
    bad.parent.mkdir()
    bad.write_text("not a pdf", encoding="utf-8")
    r = _cli("batch", bad.parent, SEED_TEXT, "--db", tmp_path / "b.duckdb", "--workers", 1, "--log-json")
    assert r.returncode == 1
    events = [json.loads(line) for line in r.stderr.splitlines()]  # no "run 1: …" text line
    assert [e["event"] for e in events] == ["start", "file", "file", "end"]
    by = {os.path.basename(e["file"]): e for e in events if e["event"] == "file"}
    assert by["notes.pdf"]["level"] == "error" and by["kashgar-2021-budget.txt"]["line_items"] == 72
    assert events[-1]["processed"] == 1 and events[-1]["failed"] == 1
    # --quiet keeps the JSON stream to warnings, errors and the end's counts (a scheduler's lines)
    r = _cli("-q", "batch", bad.parent, SEED_TEXT, "--db", tmp_path / "b.duckdb", "--workers", 1, "--log-json",
             "--force")
    events = [json.loads(line) for line in r.stderr.splitlines()]
    assert [(e["event"], e["level"]) for e in events] == [("file", "error"), ("end", "info")]
    assert events[-1]["processed"] == 1 and events[-1]["failed"] == 1
    empty = tmp_path / "empty"
    empty.mkdir()
    r = _cli("batch", empty, "--db", tmp_path / "c.duckdb", "--log-json")  # cannot run: said as JSON too
    assert r.returncode == 2
    [event] = [json.loads(line) for line in r.stderr.splitlines()]
    assert (event["level"], event["event"]) == ("error", "error") and "no PDF, text, spreadsheet, Word or web-page files in" in event["reason"]


def test_quiet_says_errors_only(tmp_path):
    r = _cli("-q", "extract", SAMPLE_PDF, "-o", tmp_path)
    assert (r.returncode, r.stderr) == (0, "")
    assert (tmp_path / "kashgar-2021-budget-pdf" / "line_items.csv").is_file()
    bad = tmp_path / "notes.pdf"
    bad.write_text("not a pdf", encoding="utf-8")
    r = _cli("--quiet", "extract", bad, SEED_TEXT, "-o", tmp_path)
    assert r.returncode == 2
    assert r.stderr.splitlines() == [f"disclosure: error: {bad}: not a PDF (no %PDF- header)"]


def test_quiet_check_says_nothing_and_exits_as_asked():
    r = _cli("-q", "check", SEED_TEXT)
    assert (r.returncode, r.stderr) == (0, "")
    r = _cli("-q", "check", SEED_TEXT, "--fail-on", "error")  # the seed has two arithmetic errors
    assert (r.returncode, r.stderr) == (1, "")
    r = _cli("check", SEED_TEXT, "-q", "--fail-on", "error")  # -q after the command, as a user types it
    assert (r.returncode, r.stderr) == (1, "")
    assert "findings: 2 errors" in _cli("check", SEED_TEXT).stderr


def _on_a_terminal(args) -> str:
    """Run the command with stderr on a pseudo-terminal; what it wrote there."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))  # a terminal 120 columns wide
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="120")
    proc = subprocess.Popen([sys.executable, "-m", "disclosure", *map(str, args)], stdout=subprocess.DEVNULL,
                            stderr=slave, env=env)
    os.close(slave)
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], 1)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        elif proc.poll() is not None:
            break
    proc.wait(timeout=600)
    os.close(master)
    return out.decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_only(tmp_path):
    tty = _on_a_terminal(["extract", SEED_TEXT, SAMPLE_PDF, "-o", tmp_path / "a"])
    assert "2/2" in tty and "file/s" in tty, tty  # tqdm: files done, rate
    assert "13/13" in tty and "page" in tty, tty  # the sample PDF's pages as they are read
    piped = _cli("extract", SEED_TEXT, SAMPLE_PDF, "-o", tmp_path / "b")
    assert "\r" not in piped.stderr and "file/s" not in piped.stderr and "2/2" not in piped.stderr
    assert len(piped.stderr.splitlines()) == 2  # the two summaries


@pytest.mark.parametrize("option", [("--timeout", "-5"), ("--max-size", "-1"), ("--workers", "-2")])
def test_batch_refuses_a_negative_limit_before_it_runs(tmp_path, option):
    """A negative --timeout timed out every file ("no result within -5 s"), a negative --max-size
    failed every file ("0 MB > --max-size -1 MB"), negative --workers ran anyway: a usage error
    (exit 2) names the option instead, before any dataset is made, as `extract` does for its limits."""
    db = tmp_path / "b.duckdb"
    r = _cli("batch", SEED_TEXT, "--db", db, *option)
    assert r.returncode == 2 and f"Invalid value for '{option[0]}'" in r.stderr, r.stderr
    assert not db.exists()


def test_a_document_without_table_amounts_is_not_said_to_verify_none(tmp_path):
    """A prose-only input (a Fujian page text, a page that is no disclosure) has no table amounts: the
    summary said "verified 0.0% of amounts", as if every amount had failed; it now says there were
    none. A document with amounts keeps its share."""
    prose = tmp_path / "prose.txt"
    prose.write_text("2021年部门预算说明\n一、收支预算总体情况\n本部门2021年收入预算100万元，支出预算100万元。\n",
                     encoding="utf-8")
    r = _cli("extract", prose, SEED_TEXT, "-o", tmp_path / "out")
    assert r.returncode == 0, r.stderr
    said = {line.split(":")[0]: line for line in r.stderr.splitlines()}
    assert said[str(prose)].endswith("verified nothing (no amounts in tables) -> " + str(tmp_path / "out" / "prose-txt"))
    assert "verified 100.0% of amounts" in said[str(SEED_TEXT)]


def test_a_share_of_100_percent_still_says_the_identities_that_fail(tmp_path):
    """The Kashgar budget's 基本支出 table prints 301 as 753.67 where its 款 sum to 753.69 (twice: the
    合计 and 人员经费 columns): every amount is in some identity that holds, so the share is 100%, and
    the summary said nothing of the two that fail (a new user's trial). It now names them, in the
    line and in the --log-json event."""
    r = _cli("extract", SEED_TEXT, "-o", tmp_path / "out")
    assert r.returncode == 0, r.stderr
    assert "verified 100.0% of amounts; 2 identities failed in 1 table -> " in r.stderr
    r = _cli("extract", SEED_TEXT, "-o", tmp_path / "out2", "--log-json")
    event = [json.loads(line) for line in r.stderr.splitlines() if '"file"' in line][0]
    assert (event["verified_share"], event["identities_failed"]) == ("1.0000", 2)


@pytest.mark.parametrize("formats, said", [(" , ", "no format named"), ("csv", "unknown format(s): csv")])
def test_extract_format_names_the_choices_and_refuses_none(tmp_path, formats, said):
    """`--format ""` (or only commas) wrote an empty output folder and said the document was done
    (exit 0); an unknown format did not say which are known. Both are usage errors (exit 2) that list
    them, and nothing is written."""
    r = _cli("extract", SEED_TEXT, "-o", tmp_path / "out", "--format", formats)
    assert r.returncode == 2
    assert (f"Invalid value for --format: {said}; the formats are json, line_items, paragraphs, tables, "
            "findings, facts, projects, targets, or all") in r.stderr
    assert not (tmp_path / "out").exists()


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux: /proc/N/stat's fourth field)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _wait_for_a_worker(pid: int, within: float = 120.0) -> None:
    """Until the batch `pid` has a child process (the forkserver its workers fork from: started
    inside the run, after the imports and the handlers, so Ctrl-C now meets the run's own handling,
    not the interpreter's import). No fixed sleep: on a loaded machine the imports alone took >3 s."""
    import time

    end = time.monotonic() + within
    while not _children(pid):
        assert time.monotonic() < end, f"the batch started no worker within {within:g} s"
        time.sleep(0.05)


@pytest.mark.parametrize("log_json", [True, False])
def test_ctrl_c_exits_130_and_says_so(tmp_path, log_json):
    """Ctrl-C is neither exit 1 (files failed, findings) nor click's bare "Aborted!": a scheduler
    tells an interrupted run by 130, and under --log-json the last line is a JSON event too."""
    from slow_pdf import write_slow_pdf

    slow = write_slow_pdf(tmp_path / "hangs.pdf")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    args = [sys.executable, "-m", "disclosure", "batch", str(slow), "--db", str(tmp_path / "b.duckdb"),
            "--workers", "1"] + (["--log-json"] if log_json else [])
    p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        if log_json:
            assert json.loads(p.stderr.readline())["event"] == "start"  # the run is under way
        else:  # the text form says nothing before a file is done (the file takes minutes): the run
            _wait_for_a_worker(p.pid)  # is under way once it has started its worker processes
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=120)
    finally:
        p.kill()
    assert p.returncode == 130, err
    assert out == "" and "Aborted!" not in err
    if log_json:
        events = [json.loads(line) for line in err.splitlines()]  # every line JSON
        assert events[-1]["event"] == "interrupted" and events[-1]["level"] == "error"
        assert "its run is marked interrupted, and its next run reads the rest" in events[-1]["reason"]
        end = [e for e in events if e["event"] == "end"]  # the run's end is said, as interrupted
        assert end and end[0]["run_status"] == "interrupted" and end[0]["signal"] == "SIGINT"
    else:
        assert err.strip().splitlines()[-1].startswith("disclosure: interrupted (Ctrl-C, SIGINT)")


@pytest.mark.parametrize("read_only", [False, True])
def test_a_dataset_another_process_holds_is_said_busy_with_its_own_exit(tmp_path, read_only):
    """Two nightly runs overlapping, or a notebook holding the dataset open (read_only=True too):
    DuckDB lets one process write the file and no other open it meanwhile. That is no broken
    dataset (exit 2) but a busy one: exit 75 (EX_TEMPFAIL, run again later), a message naming the
    holder and what to do, nothing changed. A read-only holder lets the (read-only) export through."""
    pytest.importorskip("duckdb", reason="the batch extra is not installed")
    db = tmp_path / "b.duckdb"
    assert _cli("batch", SEED_TEXT, "--db", db, "--workers", 1).returncode == 0
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1], "
                               "read_only=sys.argv[2] == 'True'); print('ready', flush=True); sys.stdin.read()",
                               str(db), str(read_only)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        batch = _cli("batch", SEED_TEXT, "--db", db, "--workers", 1, "--force", "--log-json")
        export = _cli("export", "--db", db, "-o", tmp_path / "out")
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
    assert batch.returncode == 75, batch.stderr
    event = json.loads(batch.stderr.strip().splitlines()[-1])
    assert event["level"] == "error" and f"in use by another process (PID {holder.pid})" in event["reason"]
    assert "run again when it has finished" in event["reason"]
    if read_only:
        assert export.returncode == 0, export.stderr
        return
    assert export.returncode == 75, export.stderr
    assert export.stderr.startswith(f"disclosure: error: {db}: the dataset is in use by another process")
    assert not (tmp_path / "out").exists()
    # free again: the dataset is as the first run left it (one run, ok) and the export goes through
    import duckdb
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT run_id, status FROM runs").fetchall() == [(1, "ok")]
    assert _cli("export", "--db", db, "-o", tmp_path / "out").returncode == 0


@pytest.mark.parametrize("args, said", [
    (["batch", SEED_TEXT, "--db", "b.duckdb", "--log-json", "--setting", "snapp=3"], "unknown setting 'snapp'"),
    (["batch", SEED_TEXT, "--db", "b.duckdb", "--workers", "-1", "--log-json"], "'--workers': -1 is not in the range"),
    (["extract", SEED_TEXT, "-o", "out", "--log-json", "--tolerance", "abc"], "not a number: abc"),
])
def test_a_bad_option_under_log_json_is_a_json_event(tmp_path, args, said):
    """--log-json promises JSON lines and nothing else on stderr: a nightly job's misconfiguration
    (a setting misspelt after an upgrade) is the error its log must carry, not click's text usage."""
    args = [str(tmp_path / a) if a in ("b.duckdb", "out") else str(a) for a in args]
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 2, r.output
    events = [json.loads(line) for line in r.stderr.splitlines()]  # every line JSON
    assert len(events) == 1 and events[0]["level"] == "error" and events[0]["event"] == "error"
    assert said in events[0]["reason"] and events[0]["help"] == f"main {args[0]} --help"
    # without --log-json, click's usage text as before
    plain = CliRunner().invoke(main, [a for a in args if a != "--log-json"])
    assert plain.exit_code == 2 and "Usage:" in plain.stderr and said in plain.stderr


def test_a_dataset_in_a_folder_not_there_is_said_so(tmp_path):
    """--db in a folder that does not exist (a share not mounted, a typo in a cron line): DuckDB's
    'Cannot open file … No such file or directory' named the file, not the missing folder."""
    pytest.importorskip("duckdb", reason="the batch extra is not installed")
    db = tmp_path / "not-there" / "b.duckdb"
    r = _cli("batch", SEED_TEXT, "--db", db, "--workers", 1)
    assert r.returncode == 2
    assert r.stderr.strip() == (f"disclosure: error: {db}: the folder {db.parent} does not exist: create it (--db "
                                "names the dataset file, which is created when absent, in a folder that is there)")
    assert not db.parent.exists()


def _folders_said(stderr: str) -> dict[str, str]:
    """input -> the output folder `extract` said it wrote (`PATH: … -> FOLDER`)."""
    return {ln.split(": ", 1)[0]: ln.rsplit(" -> ", 1)[1] for ln in stderr.splitlines() if " -> " in ln}


def test_inputs_of_one_stem_never_share_a_folder_and_a_rerun_lands_in_its_own(tmp_path):
    """`check kashgar-2021-budget.txt -o out` wrote its findings into out/kashgar-2021-budget/, the
    folder `extract kashgar-2021-budget.pdf -o out` wrote, and in one run the second of the two took
    `-2/` by the order given. A folder is named by its input alone (stem and suffix: `-txt`, `-pdf`),
    in one run or two; two files of one name from two folders get `-2` by their paths, so the same
    inputs in any order land in the same folders."""
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(main, ["check", str(SEED_TEXT), "-o", str(out)]).exit_code == 0
    assert runner.invoke(main, ["extract", str(SAMPLE_PDF), "-o", str(out), "--format", "json"]).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["kashgar-2021-budget-pdf", "kashgar-2021-budget-txt"]
    assert sorted(p.name for p in (out / "kashgar-2021-budget-pdf").iterdir()) == ["document.json"]
    assert json.loads((out / "kashgar-2021-budget-pdf" / "document.json").read_text(encoding="utf-8"))["source"]["file"] \
        == "kashgar-2021-budget.pdf"
    assert sorted(p.name for p in (out / "kashgar-2021-budget-txt").iterdir()) == \
        ["datapackage.json", "findings.csv", "findings.json", "ledger.csv"]
    # checked again from its document.json: into a folder of the same name
    again = runner.invoke(main, ["check", str(out / "kashgar-2021-budget-pdf" / "document.json"), "-o", str(tmp_path / "re")])
    assert again.exit_code == 0 and [p.name for p in (tmp_path / "re").iterdir()] == ["kashgar-2021-budget-pdf"]
    # one stem from two folders, named in either order: the same folders each time
    x, y = tmp_path / "x", tmp_path / "y"
    x.mkdir(), y.mkdir()
    (x / "a.txt").write_bytes(SEED_TEXT.read_bytes())
    (y / "a.txt").write_bytes(SEED_TEXT.read_bytes())
    said = []
    for order in ([y / "a.txt", x / "a.txt", SEED_TEXT], [SEED_TEXT, x / "a.txt", y / "a.txt"]):
        r = runner.invoke(main, ["extract", *map(str, order), "-o", str(tmp_path / "many"), "--format", "json"])
        assert r.exit_code == 0, r.output
        said.append(_folders_said(r.stderr))
    assert said[0] == said[1] == {str(x / "a.txt"): str(tmp_path / "many" / "a-txt"),
                                  str(y / "a.txt"): str(tmp_path / "many" / "a-txt-2"),
                                  str(SEED_TEXT): str(tmp_path / "many" / "kashgar-2021-budget-txt")}


def test_batch_help_names_every_suffix_a_folder_is_read_for():
    # (it left out .csv and .xml, which a folder scan reads: found by a new-user trial)
    from click.testing import CliRunner

    from disclosure.batch.runner import SUFFIXES
    from disclosure.cli import main

    text = " ".join(CliRunner().invoke(main, ["batch", "--help"]).output.split())
    assert all(s in text.replace(",", " ").split() for s in SUFFIXES), sorted(SUFFIXES)


def test_a_file_named_twice_is_read_once(tmp_path):
    """`extract a.txt ./dir/../a.txt` (or two overlapping globs) read the one file twice, into
    a-txt and a-txt-2; it is read once, and the second naming warned."""
    twice = SEED_TEXT.parent / ".." / SEED_TEXT.parent.name / SEED_TEXT.name
    r = _cli("extract", SEED_TEXT, twice, "-o", tmp_path / "out")
    assert r.returncode == 0, r.stderr
    assert f"disclosure: warning: {twice}: named more than once; read once" in r.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == [SEED_TEXT.stem + "-txt"]
