"""conftest.extracted, which the corpus tests share a document through, gives what the pipeline
gives: through the store the pytest-xdist workers share (a pickle under a key of the file's
content, the code and the settings), and never a document of other content."""
from __future__ import annotations

import shutil

import conftest
from conftest import SEED_TEXT
from disclosure.emit import jsonout
from disclosure.pipeline import extract


def test_the_shared_store_gives_what_extract_gives(tmp_path, monkeypatch):
    monkeypatch.setattr(conftest, "_STORE", tmp_path / "store")
    (tmp_path / "store").mkdir()
    src = tmp_path / "seed.txt"
    shutil.copy(SEED_TEXT, src)
    want = jsonout.dumps(extract(src))
    first = conftest._extracted.__wrapped__(str(src), conftest._environment())  # extracted here, pickled into the store
    assert len(list((tmp_path / "store").glob("*.pickle"))) == 1
    second = conftest._extracted.__wrapped__(str(src), conftest._environment())  # loaded from the store
    assert second is not first and jsonout.dumps(first) == jsonout.dumps(second) == want
    # other content under the same path is another key: read again, not served from the store
    src.write_text(SEED_TEXT.read_text(encoding="utf-8").replace("753.67", "753.69"), encoding="utf-8")
    changed = conftest._extracted.__wrapped__(str(src), conftest._environment())
    assert len(list((tmp_path / "store").glob("*.pickle"))) == 2
    assert jsonout.dumps(changed) == jsonout.dumps(extract(src)) != want


def test_a_reader_a_test_sets_gets_that_readers_document(monkeypatch):
    from conftest import SAMPLE_PDF

    first = conftest.extracted(str(SAMPLE_PDF))
    assert conftest.extracted(str(SAMPLE_PDF)) is first  # once per session
    monkeypatch.setenv("DISCLOSURE_PDF_READER", "pdfminer")
    assert conftest.extracted(str(SAMPLE_PDF)) is not first  # not pdfium's reading, cached under the path alone
