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


def _constraints() -> dict[str, str]:
    out = {}
    for line in (ROOT / ".ci" / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, pin = line.partition("==")
            out[re.sub(r"[-_.]+", "-", name.lower())] = pin
    return out


def test_ci_installs_every_lower_bound():
    """CI proves the floors: .ci/constraints.txt pins each requirement at its range's lower bound
    (.ci/run installs with it), so a range claims no version the suite did not run on."""
    from packaging.version import Version

    pins = _constraints()
    wrong = []
    for where, r in _requirements():
        floor = next(s.version for s in r.specifier if s.operator == ">=")
        pin = pins.get(re.sub(r"[-_.]+", "-", r.name.lower()))
        if pin is None or Version(pin) != Version(floor):
            wrong.append(f"{where}: {r} pinned {pin}")
    assert wrong == []


def test_the_test_extra_needs_no_ocr_models():
    """`[test]` installs without the OCR engine and its models; CI and the README's test command
    add `[ocr]`, and the OCR tests skip, saying why, without it (outside CI)."""
    test = [Requirement(r) for r in PROJECT["optional-dependencies"]["test"]]
    assert not any(r.name == SELF and "ocr" in r.extras for r in test)
    assert not any(r.name in ("rapidocr", "onnxruntime", "opencv-python-headless") for r in test)
