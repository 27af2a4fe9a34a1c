"""extract/pdf._has_near_twins (fake bold: a character printed twice within 1pt) by sets in C
(issue #15) says what the plain per-character test says: on generated pages dense enough that
twins are common and rare, on the corpus pages, and at the edges of the 1pt grid."""
from __future__ import annotations

import random

import pytest

from disclosure.extract.pdf import _has_near_twins
from conftest import corpus_file


def _near_twins_slowly(chars: list[dict]) -> bool:
    """The plain fake-bold test, one character at a time: the reference the fast one must equal."""
    seen: dict[tuple, set[int]] = {}
    for c in chars:
        key = (c["text"], c["fontname"], c["size"])
        y, x = int(c["top"] // 1), int(c["x0"] // 1)
        for dy in (-1, 0, 1):
            xs = seen.get((key, y + dy))
            if xs is not None and (x in xs or x - 1 in xs or x + 1 in xs):
                return True
        seen.setdefault((key, y), set()).add(x)
    return False


def _char(text, x0, top, font="F1", size=10.0):
    return {"text": text, "fontname": font, "size": size, "x0": x0, "top": top}


def test_random_pages_agree_with_the_plain_test():
    rng = random.Random(15)
    found = {True: 0, False: 0}
    for _ in range(3000):
        n = rng.randint(0, 40)
        chars = [_char(rng.choice("收支"), rng.uniform(-3, 30), rng.uniform(-3, 30), rng.choice(("F1", "F2")),
                       rng.choice((9.0, 10.0))) for _ in range(n)]
        got = _has_near_twins(chars)
        assert got == _near_twins_slowly(chars), chars
        found[got] += 1
    assert found[True] > 100 and found[False] > 100  # both answers were tested


@pytest.mark.parametrize("dx,dy,twins", [
    (0.0, 0.0, True),  # the same square
    (0.9, 0.0, True),  # the next square across
    (0.5, 0.9, True),  # diagonal
    (-0.6, 0.7, True),  # down-left: squares (10, 20) and (9, 21)
    (2.5, 0.0, False),  # two squares apart
    (0.0, 2.2, False),
])
def test_squares_next_to_each_other(dx, dy, twins):
    a = _char("支", 10.2, 20.3)
    b = _char("支", 10.2 + dx, 20.3 + dy)
    assert _has_near_twins([a, b]) is twins is _near_twins_slowly([a, b])
    assert _has_near_twins([b, a]) is twins


def test_other_text_font_or_size_is_no_twin():
    a = _char("支", 10.0, 20.0)
    for b in (_char("收", 10.0, 20.0), _char("支", 10.0, 20.0, font="F2"), _char("支", 10.0, 20.0, size=9.0)):
        assert not _has_near_twins([a, b])


def test_a_coordinate_that_is_no_number_fails_as_before():
    chars = [_char("支", float("nan"), 1.0), _char("支", 2.0, 1.0)]
    with pytest.raises(ValueError):
        _near_twins_slowly(chars)
    with pytest.raises(ValueError):
        _has_near_twins(chars)


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["putuo-wanli-2024-dept-budget.pdf", "jiangsu-jianchayuan-2018-budget.pdf"])
def test_corpus_pages_agree(name):
    from disclosure.extract.pdfium_reader import PdfiumDocument

    doc = PdfiumDocument(corpus_file(name))
    pages = 0
    try:
        for _, page, _, _ in doc.pages():
            chars = page.chars
            page.close()
            if not chars:
                continue
            assert _has_near_twins(chars) == _near_twins_slowly(chars)
            doubled = chars + [dict(chars[0], x0=chars[0]["x0"] + 0.4)]  # one character printed twice
            assert _has_near_twins(doubled) and _near_twins_slowly(doubled)
            pages += 1
    finally:
        doc.close()
    assert pages > 20
