"""The slow groups are marked and still run in CI (issue #18): `slow` is registered, every module it
names exists (a renamed module would silently lose its mark), and .ci/run's pytest leaves nothing out."""
from __future__ import annotations

import re
import shlex
import subprocess
import sys
import tomllib

from conftest import ROOT, SLOW_MODULES


def test_slow_is_registered_and_names_real_modules():
    markers = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]["markers"]
    assert any(m.startswith("slow:") for m in markers)
    assert all((ROOT / "tests" / name).is_file() for name in SLOW_MODULES)


def test_the_quick_set_leaves_out_the_slow_modules():
    r = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-n", "0", "-m", "not slow", "tests",
                        "-p", "no:cacheprovider"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    collected = {line.split("::")[0].split("/")[-1] for line in r.stdout.splitlines() if "::" in line}
    assert collected and not collected & set(SLOW_MODULES)
    assert "test_report.py" in collected and "test_markers.py" in collected


def test_ci_runs_every_test():
    lines = [ln for ln in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
             if re.match(r"\s*python3 -m pytest\b", ln)]
    assert len(lines) == 1
    args = shlex.split(lines[0])
    assert "-m" not in args[3:] and "-k" not in args and args[-1] == "tests"
