"""The library's requirements are ranges, not exact pins (they must install beside a researcher's
own packages), each with the lower bound tests prove, and the environment the tests run in
satisfies every one of them."""
from __future__ import annotations

import re
import tomllib
from importlib import metadata

import pytest
from packaging.requirements import Requirement

from conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
SELF = PROJECT["name"]


def _requirements() -> list[tuple[str, Requirement]]:
    out = [("dependencies", Requirement(r)) for r in PROJECT["dependencies"]]
    for extra, reqs in PROJECT["optional-dependencies"].items():
        out += [(extra, Requirement(r)) for r in reqs if Requirement(r).name != SELF]
    return out


def test_no_exact_pins_and_a_lower_bound_everywhere():
    pinned = [f"{where}: {r}" for where, r in _requirements() if any(s.operator in ("==", "===") for s in r.specifier)]
    assert pinned == []
    unbounded = [f"{where}: {r}" for where, r in _requirements() if not any(s.operator == ">=" for s in r.specifier)]
    assert unbounded == []


def test_the_readers_and_engines_have_ranges():
    names = {re.sub(r"[-_.]+", "-", r.name.lower()): r for _, r in _requirements()}
    for name in ("pdfplumber", "pdfminer-six", "pypdfium2", "duckdb", "dask", "onnxruntime", "opencv-python-headless",
                 "reportlab", "rapidocr", "pandas", "tqdm"):
        ops = {s.operator for s in names[name].specifier}
        assert {">=", "<"} <= ops, f"{name}: {names[name]}"


@pytest.mark.parametrize("where,req", _requirements(), ids=lambda x: str(x))
def test_installed_versions_satisfy_the_ranges(where, req):
    try:
        version = metadata.version(req.name)
    except metadata.PackageNotFoundError:
        pytest.skip(f"{req.name} ({where}) is not installed here")
    assert req.specifier.contains(version, prereleases=True), f"{req.name} {version} is outside {req.specifier} ({where})"
