"""The benches measure this tree's code (issue #15): run as `python3 bench/X.py`, Python puts bench/
first on sys.path, not the tree's root, so `import disclosure` found whatever package was installed
(on the developers' machines an editable install of another checkout) and a branch's bench figures
were the installed code's. Each bench that imports the package in its own process puts the tree's
root first."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# run in-process (the others run `python3 -m disclosure` in a child with the tree as cwd, or import nothing)
BENCHES = ["ocr_speed.py", "ocr_profile.py", "ocr_rec_width.py", "check_speed.py", "stage_profile.py"]
PROBE = ("import runpy, sys; sys.path.insert(0, {bench!r}); runpy.run_path({path!r}, run_name='bench_probe'); "
         "import disclosure; print(disclosure.__file__)")


@pytest.mark.parametrize("name", BENCHES)
def test_a_bench_imports_the_package_of_its_own_tree(name, tmp_path):
    path = ROOT / "bench" / name
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    # as `python3 bench/X.py` starts: bench/ first on sys.path, the current folder elsewhere
    out = subprocess.run([sys.executable, "-c", PROBE.format(bench=str(path.parent), path=str(path))],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    got = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else out.stderr[-400:]
    assert Path(got).resolve().is_relative_to(ROOT), got
