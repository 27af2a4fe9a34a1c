"""bench/unseen_layouts.py's own bookkeeping (issue #12): a document that cannot be made is recorded
with its reason and left out of later runs, not tried again on each (LibreOffice Writer hangs on
four of seed 20's 1006 documents, 180 s each before the stall is called)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import unseen_layouts as bench  # noqa: E402


def _fails_once(args):
    seed, i, out, force, folder = args
    return i, None, "RuntimeError: LibreOffice refused it"


def _fails_otherwise(args):
    seed, i, out, force, folder = args
    return i, None, "RuntimeError: tried again"


def test_a_document_not_made_is_recorded_and_skipped_on_the_next_run(tmp_path, monkeypatch):
    monkeypatch.setattr(bench, "_source", _fails_once)
    assert bench.generate_all(20, [175], tmp_path, None, 1) == {175: "RuntimeError: LibreOffice refused it"}
    rec = tmp_path / "U020-00175.failed.json"
    assert json.loads(rec.read_text(encoding="utf-8")) == {"reason": "RuntimeError: LibreOffice refused it"}
    # the next run does not try it: the recorded reason, not the one trying again would give
    monkeypatch.setattr(bench, "_source", _fails_otherwise)
    assert bench.recorded_failures(20, [174, 175], tmp_path) == {175: "RuntimeError: LibreOffice refused it"}
    assert bench.generate_all(20, [175], tmp_path, None, 1) == {175: "RuntimeError: LibreOffice refused it"}
    # the record deleted (what --retry-failed does), it is tried again
    rec.unlink()
    assert bench.generate_all(20, [175], tmp_path, None, 1) == {175: "RuntimeError: tried again"}
    # a document made since its record (its truth there) is no failure
    (tmp_path / "U020-00175.truth.json").write_text("{}", encoding="utf-8")
    assert bench.recorded_failures(20, [175], tmp_path) == {}
