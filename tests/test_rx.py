"""disclosure.rx: regular expressions whose compiled programs are kept between processes must be
the patterns re.compile makes (equal program, flags, groups), read back from the file in a later
process, and a missing, damaged or unwritable file must cost nothing but the saving."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from disclosure import rx

ROOT = Path(__file__).resolve().parents[1]

# every module of the package imported, then each pattern rx made compared with re.compile's
_CHILD = r"""
import importlib, json, pkgutil, re, sys
import disclosure
from disclosure import rx
skip = {"disclosure.__main__", "disclosure.cli"}
every = sys.argv[1] == "all"  # else what a process reading PDFs imports (quicker)
names = [m.name for m in pkgutil.walk_packages(disclosure.__path__, "disclosure.")] if every else \
    ["disclosure.pipeline", "disclosure.emit.jsonout", "disclosure.emit.csvout", "disclosure.extract.pdfium_reader"]
for name in names:
    if name not in skip and "._" not in name:
        try:
            importlib.import_module(name)
        except ImportError:
            pass  # an optional dependency (OCR, spreadsheets) not installed here
stored = rx._stored()
from_file = same = 0
bad = []
for (kind, pattern, flags), got in rx._MEMO.items():
    want = re.compile(pattern, flags)
    if (pattern, flags) in stored:
        from_file += 1
    if got == want and got.flags == want.flags and got.groupindex == want.groupindex and got.groups == want.groups:
        same += 1
    else:
        bad.append(repr(pattern)[:80])
print(json.dumps({"patterns": len(rx._MEMO), "from_file": from_file, "same": same, "bad": bad,
                  "new": len(rx._NEW), "path": rx.path()}))
"""


def _child(tmp: Path, every: bool = False, **env) -> dict:
    import json

    e = dict(os.environ, PYTHONPYCACHEPREFIX=str(tmp), PYTHONPATH=str(ROOT))
    e.pop("PYTHONDONTWRITEBYTECODE", None)
    e.pop("DISCLOSURE_REGEX_CACHE", None)
    e.update(env)
    out = subprocess.run([sys.executable, "-c", _CHILD, "all" if every else "pipeline"], capture_output=True,
                         text=True, check=True, env=e, cwd=ROOT)
    assert "Exception ignored" not in out.stderr, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_second_process_reads_every_pattern_from_the_file_equal_to_re_compile(tmp_path):
    first = _child(tmp_path, every=True)
    assert first["patterns"] > 150 and first["bad"] == [] and first["same"] == first["patterns"]
    assert first["from_file"] == 0 and first["new"] == first["patterns"]  # none stored yet: all made, to be written
    assert Path(first["path"]).is_file() and str(tmp_path) in first["path"]
    second = _child(tmp_path, every=True)
    assert second["bad"] == [] and second["same"] == second["patterns"] == first["patterns"]
    assert second["from_file"] == second["patterns"] and second["new"] == 0  # all read back, nothing to write


def test_no_file_where_bytecode_is_not_written_or_the_cache_is_off(tmp_path):
    got = _child(tmp_path, PYTHONDONTWRITEBYTECODE="1")
    assert got["bad"] == [] and not Path(got["path"]).exists()
    off = _child(tmp_path, DISCLOSURE_REGEX_CACHE="0")
    assert off["bad"] == [] and off["path"] is None and not list(tmp_path.rglob("rx.*.marshal"))


def test_a_damaged_file_is_compiled_past_and_written_again(tmp_path):
    first = _child(tmp_path)
    where = Path(first["path"])
    where.write_bytes(b"\x00not marshal" * 10)
    again = _child(tmp_path)
    assert again["bad"] == [] and again["from_file"] == 0 and again["same"] == again["patterns"]
    assert _child(tmp_path)["from_file"] == again["patterns"] > 100


def test_in_process_flags_groups_and_bytes_as_re_compile(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONPYCACHEPREFIX", str(tmp_path))
    cases = [("(?P<y>\\d{4})年(?P<m>\\d{1,2})月", 0), ("[\u4e00-\u9fff]+", re.I), ("^a.b$", re.S | re.M),
             (rb"(?P<ref>\d+)\s+\d+\s+R", 0), ("x|(y)|(?:z)", re.X), ("é", re.A | re.I)]
    for pattern, flags in cases:
        entry = rx._entry(pattern, int(flags))
        made = rx._made(pattern, entry)
        want = re.compile(pattern, flags)
        assert made == want and made.groupindex == want.groupindex and made.groups == want.groups
        assert rx.compile(pattern, flags) == want
        assert rx.compile(pattern, flags) is rx.compile(pattern, flags)  # the process's memo


def test_the_file_begins_again_past_its_bound(tmp_path, monkeypatch):
    monkeypatch.setattr(rx, "path", lambda: str(tmp_path / "rx.marshal"))
    monkeypatch.setattr(rx, "_NEW", {})
    monkeypatch.setattr(rx, "MAX_ENTRIES", 3)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    import marshal

    for k in range(5):
        rx._NEW[(f"p{k}", 0)] = rx._entry(f"p{k}", 0)
        rx._write()
        assert len(marshal.loads((tmp_path / "rx.marshal").read_bytes())) == (k % 3) + 1
