"""The direct object conversion in extract/pdf.py gives pdfplumber's own values for every object
it handles (colours of characters aside), on real corpus pages with characters, rects and lines."""
from __future__ import annotations

import pytest

from conftest import corpus_file
from disclosure.extract.pdf import _fast_objects

CHAR_ONLY_FROM_PLUMBER = {"ncs", "stroking_color", "non_stroking_color"}
PAGES = [("jiangsu-jianchayuan-2019-budget.pdf", 14),  # 1273 rects
         ("putuo-wanli-2024-dept-budget.pdf", 11),
         ("jiangsu-rendaban-2017-budget.pdf", 20),
         ("putuo-guihuaziyuan-2024-final-accounts.pdf", 16)]


@pytest.mark.corpus
@pytest.mark.parametrize("name,page_no", PAGES)
def test_fast_objects_equal_pdfplumber(name, page_no):
    import pdfplumber

    with pdfplumber.open(corpus_file(name)) as a, pdfplumber.open(corpus_file(name)) as b:
        slow, fast = a.pages[page_no - 1], b.pages[page_no - 1]
        _fast_objects(fast)
        want, got = slow.objects, fast.objects
        assert sorted(want) == sorted(got)
        assert sum(len(v) for v in got.values()) > 100
        for kind in want:
            assert len(want[kind]) == len(got[kind])
            for w, g in zip(want[kind], got[kind]):
                if kind == "char":
                    w = {k: v for k, v in w.items() if k not in CHAR_ONLY_FROM_PLUMBER}
                assert w == g
        # and the table finder sees the same ruling
        assert [t.cells for t in slow.find_tables()] == [t.cells for t in fast.find_tables()]
