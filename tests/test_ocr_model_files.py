"""The OCR engine takes a model file in place of the wheel's (DISCLOSURE_OCR_DET_MODEL /
DISCLOSURE_OCR_REC_MODEL, issue #15: bench/ocr_int8.py measures int8 copies through the whole
pipeline so), and never fetches one: a named file that is not there fails to load."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("rapidocr")

from disclosure.extract import ocr  # noqa: E402


@pytest.fixture
def fresh_engine():
    ocr.engine.cache_clear()
    yield
    ocr.engine.cache_clear()  # the next test loads the wheel's models again


def _wheel_model(name: str) -> Path:
    import rapidocr
    return Path(rapidocr.__file__).parent / "models" / name


def test_the_engine_loads_the_recogniser_named_by_the_variable(fresh_engine, tmp_path, monkeypatch):
    copy = tmp_path / "rec-copy.onnx"
    shutil.copy(_wheel_model("PP-OCRv6_rec_small.onnx"), copy)
    monkeypatch.setenv("DISCLOSURE_OCR_REC_MODEL", str(copy))
    rec = ocr.engine()._load_rec_model()
    assert Path(rec.session.session._model_path) == copy
    assert ocr.engine()._load_det_model().session.session._model_path.endswith("PP-OCRv6_det_small.onnx")


def test_a_named_model_that_is_missing_fails_to_load(fresh_engine, tmp_path, monkeypatch):
    monkeypatch.setenv("DISCLOSURE_OCR_DET_MODEL", str(tmp_path / "absent.onnx"))
    with pytest.raises(Exception):
        ocr.engine()
    assert not (tmp_path / "absent.onnx").exists()
