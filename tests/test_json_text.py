"""document.json's text is the standard library's json.dumps(…, ensure_ascii=False, indent=1) to the
character, though jsonout makes most of it with orjson (jsonout._indent_1) and falls back to json
where orjson's text could differ."""
from __future__ import annotations

import json
import random

import pytest

from conftest import corpus_file
from disclosure.emit import jsonout

SAMPLE_PDF = "samples/kashgar-2021-budget.pdf"


def _std(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("source", ["sample", "putuo-wanli-2025-dept-budget.pdf",
                                    "jiangsu-jianchayuan-2018-budget.pdf"])
def test_document_json_is_the_standard_encoders_text(source):
    from disclosure import pipeline

    path = SAMPLE_PDF if source == "sample" else corpus_file(source)
    doc = pipeline.extract(path, ocr="off")
    whole = jsonout.document_dict(doc)
    text = jsonout.dumps(doc)
    assert text == _std(whole)
    assert "".join(jsonout.chunks(doc)) == text
    assert jsonout.encode(whole) == text
    # the fast path did the work: most items of a real document are orjson's text
    assert sum(jsonout._indent_1(jsonout.table_dict(t)) is not None for t in doc.tables) >= len(doc.tables) // 2 > 0


ODD = [
    {"a": [], "b": {}, "c": [[], [{}], {"d": []}], "e": None, "f": True, "g": False},
    {"text": "一行\n二行\u2028\u2029 \"引\" \\ 末\t\x00\x1f\x7f😀", "k": "ok"},
    {"two": "a  b"},  # two spaces in a string: json's text
    {"key  spaced": 1},
    {"tiny": 1e-05, "big": 1e16, "neg": -2.5e-7, "huge": 1.5e300},  # exponents: json's text
    {"plain": [0.1, 100.0, -0.0, 12345.678, 1e15, 0.0001, 123.4, 2.675]},
    {"n": 2 ** 70, "m": -(2 ** 63)},
    {1: "int key", "s": "x"},
    {"lone": "\ud800"},
    {"t": (1, 2, ("x",))},
]


@pytest.mark.parametrize("obj", ODD, ids=range(len(ODD)))
def test_odd_values_give_the_standard_text(obj):
    assert jsonout.encode(obj) == _std(obj)
    fast = jsonout._indent_1(obj)
    assert fast is None or fast == _std(obj)


def test_which_values_orjson_is_not_trusted_with():
    assert jsonout._indent_1({"x": 1e-05}) is None
    assert jsonout._indent_1({"x": "a  b"}) is None
    assert jsonout._indent_1({1: 2}) is None
    assert jsonout._indent_1({"x": 2 ** 70}) is None
    assert jsonout._indent_1({"x": 1.5, "y": [1, {"z": "a b"}]}) == _std({"x": 1.5, "y": [1, {"z": "a b"}]})


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf")])
def test_non_finite_floats_as_json_writes_them(bad):
    obj = {"box": {"x0": bad, "top": 1.0}}
    assert jsonout._indent_1(obj) is None  # orjson would write null
    assert jsonout.encode(obj) == _std(obj)


def test_unserialisable_raises_as_json_does():
    from decimal import Decimal

    with pytest.raises(TypeError):
        jsonout.encode({"v": Decimal("1.5")})


def test_random_floats_and_strings():
    rnd = random.Random(15)
    for _ in range(300):
        obj = {"f": [rnd.uniform(-1, 1) * 10 ** rnd.uniform(-8, 20) for _ in range(20)],
               "r": [round(rnd.uniform(0, 1000), rnd.randint(0, 4)) for _ in range(20)],
               "s": "".join(rnd.choice("ab 中文\n\"\\\u3000 ") for _ in range(rnd.randint(0, 12)))}
        assert jsonout.encode(obj) == _std(obj)
