"""document.json's text (emit/jsonout.py) is json.dumps(..., ensure_ascii=False, indent=1)'s, to the
character, though made by jsonout's own encoder (issue #15: the standard library's indented
encoder is pure Python): on real documents, whole and streamed by the writer, and on the values
where encoders differ (NaN and infinities, exponents, big integers, non-string keys, control
characters, lone surrogates, empty containers, tuples)."""
from __future__ import annotations

import io
import json

import pytest

from disclosure.emit import jsonout
from conftest import SAMPLE_PDF, corpus_file, extracted


def _stdlib(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=1)


def _written(doc) -> str:
    buf = io.StringIO()
    jsonout.writer(doc)(buf)
    return buf.getvalue()


@pytest.mark.parametrize("path", [str(SAMPLE_PDF), "jiangsu-jianchayuan-2018-budget.pdf"])
def test_document_json_is_json_dumps_text(path):
    doc = extracted(path if path.startswith("/") else str(corpus_file(path)))
    obj = jsonout.document_dict(doc)
    text = jsonout.dumps(doc)
    assert text == _stdlib(obj)
    assert _written(doc) == text
    assert json.loads(text)["metadata"]["page_count"] == doc.page_count
    assert len(json.loads(text)["tables"]) == len(doc.tables) > 0


ODD = [
    {"nan": float("nan"), "inf": float("inf"), "-inf": float("-inf"), "tiny": 1e-7, "huge": 1e16,
     "neg0": -0.0, "big": 2 ** 70, "bool": [True, False, None], "tuple": (1, "a", ()), "empty": [{}, [], ""]},
    {1: "int key", 2.5: "float key", None: "none key", False: "bool key"},
    {"text": "\x00\x1f\"\\\n\t\u2028\ud800 中文 ⽀"},
    [[[[{"deep": [1.25, {"x": []}]}]]]],
    [], {}, "only a string", 7, 1.5, None,
]


@pytest.mark.parametrize("obj", ODD, ids=range(len(ODD)))
def test_odd_values_read_as_json_dumps_writes_them(obj):
    assert jsonout.encode(obj) == _stdlib(obj)
    assert "".join(jsonout._pieces(obj, "\n", 2)) == _stdlib(obj)


def test_what_json_dumps_refuses_is_refused_alike():
    for bad in ({"a": object()}, {(1, 2): "tuple key"}):
        with pytest.raises(TypeError) as ours:
            jsonout.encode(bad)
        with pytest.raises(TypeError) as theirs:
            _stdlib(bad)
        assert str(ours.value) == str(theirs.value)
    loop: list = []
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular reference"):
        jsonout.encode(loop)
