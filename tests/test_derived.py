"""Values derived from data files kept per installation (disclosure/derived.py, issue #15): made
once, read back while their sources are unchanged, made again when one changes; the chart of
accounts and the table-type rules' end characters through it."""
from __future__ import annotations

import os
import shutil
import sys

import pytest

from disclosure import derived

_DIRECTORY = derived.directory  # (the fixture below replaces it)


@pytest.fixture
def store(tmp_path, monkeypatch):
    """derived's files in a folder of this test alone, written whatever the environment says."""
    where = tmp_path / "pycache"
    monkeypatch.setattr(derived, "directory", lambda: str(where))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(derived, "MADE", {})
    return where


def _edit(path, old: str, new: str) -> None:
    """Replace `old` by `new` in a text file and move its modification time on (a file edited
    within the clock's tick keeps its size and time: the stamp is a time and a size)."""
    st = os.stat(path)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))


def test_made_once_then_read_until_a_source_changes(store, tmp_path):
    src = tmp_path / "data.txt"
    src.write_text("12,34", encoding="utf-8")
    calls = []

    def make():
        calls.append(1)
        return tuple(int(x) for x in src.read_text(encoding="utf-8").split(","))

    assert derived.kept("t", [src], make) == (12, 34)
    assert derived.kept("t", [src], make) == (12, 34)
    assert derived.kept("t", [src], make) == (12, 34)
    assert len(calls) == 1 and derived.MADE == {"t": 1}
    assert [p.name for p in store.iterdir()] == [f"derived-t.{sys.implementation.cache_tag}.marshal"]
    _edit(src, "34", "56")  # the same size
    assert derived.kept("t", [src], make) == (12, 56)
    assert derived.kept("t", [src], make) == (12, 56)
    assert len(calls) == 2
    other = tmp_path / "more.txt"
    other.write_text("x", encoding="utf-8")
    assert derived.kept("t", [src, other], make) == (12, 56) and len(calls) == 3  # another source list
    other.unlink()
    assert derived.kept("t", [src, other], make) == (12, 56) and len(calls) == 4  # a source gone: made,
    assert derived.kept("t", [src, other], make) == (12, 56) and len(calls) == 5  # and nothing kept


def test_a_damaged_file_is_made_again_and_no_file_without_bytecode(store, tmp_path, monkeypatch):
    src = tmp_path / "data.txt"
    src.write_text("a", encoding="utf-8")
    assert derived.kept("t", [src], lambda: "one") == "one"
    (file,) = store.iterdir()
    file.write_bytes(file.read_bytes()[:5])
    assert derived.kept("t", [src], lambda: "two") == "two"  # unreadable: made again, written again
    assert derived.kept("t", [src], lambda: "three") == "two"
    assert derived.MADE == {"t": 2}
    shutil.rmtree(store)
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert derived.kept("t", [src], lambda: "four") == "four"
    assert not store.exists()
    monkeypatch.delenv("DISCLOSURE_DERIVED_CACHE", raising=False)
    assert _DIRECTORY() is not None
    monkeypatch.setenv("DISCLOSURE_DERIVED_CACHE", "0")
    assert _DIRECTORY() is None


@pytest.fixture
def chart_copy(store, tmp_path, monkeypatch):
    """The chart module reading a copy of the shipped chart files, and an overlay of this test."""
    from disclosure.normalize import chart, overlay

    folder = tmp_path / "chart"
    shutil.copytree(chart.CHART_DIR, folder)
    monkeypatch.setattr(chart, "CHART_DIR", folder)
    monkeypatch.setenv(overlay.ENV, str(tmp_path / "config" / "chart-overlay.csv"))
    chart.reload()
    yield chart, folder
    monkeypatch.undo()
    chart.reload()


def test_the_chart_is_read_from_its_files_once_and_edits_are_seen(chart_copy, tmp_path):
    chart, folder = chart_copy
    assert chart.lookup("2080505", 2020).name == "机关事业单位基本养老保险缴费支出"
    assert derived.MADE == {"chart": 1}
    running = [e.code for e in chart.named("行政运行")]  # a name of many codes, a code of two names
    renamed = [(e.name, e.valid_from, e.valid_to) for e in chart.versions("210")]
    assert len(running) > 30 and running[:2] == ["2010101", "2010201"]
    assert [x[0] for x in renamed] == ["医疗卫生与计划生育支出", "卫生健康支出"]
    chart.reload()  # a fresh process: the rows and indexes read from the kept file, no CSV parsed
    e = chart.lookup("2080505", 2020)
    assert (e.name, e.level, e.classification, e.valid_from, e.valid_to) == (
        "机关事业单位基本养老保险缴费支出", "项", "functional", 2017, 2026)
    assert [x.code for x in chart.by_name("行政运行", 2020, under="20101")] == ["2010101"]
    assert [x.code for x in chart._of_level("类")][:3] == ["201", "202", "203"]
    assert [e.code for e in chart.named("行政运行")] == running
    assert [(e.name, e.valid_from, e.valid_to) for e in chart.versions("210")] == renamed
    assert sum(x is not None for x in chart._made()) < 300  # rows made as asked, not all ~2200
    assert chart._count() > 1900 and derived.MADE == {"chart": 1}
    # the CSV edited (a name changed, the same number of bytes): seen by the next reading
    _edit(folder / "functional.csv", "2010101,项,行政运行,", "2010101,项,行政执行,")
    chart.reload()
    assert chart.lookup("2010101", 2020).name == "行政执行"
    assert [x.code for x in chart.by_name("行政执行", 2020, under="20101")] == ["2010101"]
    assert chart.by_name("行政运行", 2020, under="20101") == []
    assert derived.MADE == {"chart": 2}
    chart.reload()
    assert chart.lookup("2010101", 2020).name == "行政执行" and derived.MADE == {"chart": 2}


def test_the_overlay_is_seen_beside_the_kept_chart(chart_copy, tmp_path):
    from disclosure.normalize import overlay

    chart, _ = chart_copy
    assert chart.named("某某新设事务") == []
    target = overlay.path()
    target.parent.mkdir(parents=True)
    target.write_text("code,level,name,valid_from,valid_to,provenance,certainty,source,note\n"
                      "2010199,项,某某新设事务,2020,,observed,uncertain,a batch,seen twice\n", encoding="utf-8")
    chart.reload()
    got = chart.named("某某新设事务")
    assert [(e.code, e.provenance, e.valid_from) for e in got] == [("2010199", "observed", 2020)]
    assert [e.name for e in chart.versions("2010199")][-1] == "某某新设事务"
    assert chart.entries()[-1] is got[0] and len(chart.entries()) == chart._count() + 1
    assert derived.MADE == {"chart": 1}  # the overlay is read each time, the shipped rows kept
    target.unlink()
    chart.reload()
    assert chart.named("某某新设事务") == [] and derived.MADE == {"chart": 1}


def test_the_rules_end_characters_are_kept_and_follow_the_rules(store, tmp_path, monkeypatch):
    import json

    from disclosure import schemas
    from disclosure.normalize import table_types as T

    folder = tmp_path / "schemas"
    folder.mkdir()
    rules = json.loads((schemas.HERE / "table_types.json").read_text(encoding="utf-8"))
    (folder / "table_types.json").write_text(json.dumps(rules, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(T, "SCHEMAS", folder)
    monkeypatch.setattr(T, "load", lambda name: json.loads((folder / f"{name}.json").read_text(encoding="utf-8")))
    T._rule_ends.cache_clear()
    try:
        assert T._rule_ends() == frozenset("表")
        T._rule_ends.cache_clear()
        assert T._rule_ends() == frozenset("表") and derived.MADE == {"table-rule-ends": 1}
        rules["rules"].append({"type": "other", "match": "附件[一二]"})
        (folder / "table_types.json").write_text(json.dumps(rules, ensure_ascii=False), encoding="utf-8")
        T._rule_ends.cache_clear()
        assert T._rule_ends() == frozenset("表一二") and derived.MADE == {"table-rule-ends": 2}
    finally:
        T._rule_ends.cache_clear()


def test_a_killed_writers_temporary_file_is_removed_by_the_next_write(tmp_path):
    """A worker killed between its write and its rename left `<file>.<pid>.tmp` beside the kept file,
    one more at every kill (ten in a working tree after a day of batches with timeouts). The next
    write removes those of processes no longer running; a live process's is left alone."""
    import subprocess

    target = tmp_path / "rx.marshal"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    gone = tmp_path / f"rx.marshal.{dead.pid}.tmp"
    alive = tmp_path / f"rx.marshal.{os.getppid()}.tmp"
    gone.write_bytes(b"half")
    alive.write_bytes(b"being written")
    derived.write(str(target), {"a": 1})
    assert derived.read(str(target)) == {"a": 1}
    assert not gone.exists() and alive.exists()
