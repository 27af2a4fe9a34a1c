"""Text lines to paragraphs: lines joined across line and page breaks, each with its section path.

Sections come from the list numbers (第一部分 / 一、 / （一） / 1. / （1）, structure/sections.py) and
from the heading levels the source gives (TextLine.heading: HTML h1-h6, a Word heading style): a
line the source marks as a heading is a section at its list number's level, or, with no number,
above every numbered level (h2 over h3); an h1 without a number is the document's title, not a
section."""
from __future__ import annotations

from dataclasses import dataclass

from disclosure.model import Box, Paragraph, TextLine
from disclosure.normalize.text import clean
from disclosure.rx import compile as rx_compile
from disclosure.structure.sections import is_heading, marker
from disclosure import rx as rx_re

_END = tuple("。；！？;!?")
# a line the source marks as a heading longer than this is a paragraph styled big, not a heading
_SOURCE_HEADING_MAX = 80
_LABEL_START = rx_compile(r"^[\u4e00-\u9fff（）()]{2,12}[：:]")
_NEW_STATEMENT = rx_compile(r"^[\u4e00-\u9fff（）()“”]{2,20}(支出|收入|预算|经费|拨款|总计|合计|共计)[\d.]+万?元")


@dataclass
class Piece:
    """A text line in reading order, or a break (a table, a blank line in plain text)."""

    line: TextLine | None
    margin_left: float = 0.0
    margin_right: float = 0.0


def _continues(prev: Piece, cur: Piece, prev_text: str, text: str) -> bool:
    if prev.line.ends:
        return False  # the source marks its paragraphs (docx, HTML, a page text's segments)
    if prev_text.endswith(_END) or marker(text) or is_heading(prev_text):
        return False
    if _LABEL_START.match(text) or _NEW_STATEMENT.match(text):
        return False
    if rx_re.search(r"[\d.]$", prev_text) and rx_re.match(r"(\d|[.,]\d|万?元|%)", text):
        return True  # a number cut by the line break (灭火器2个120 / 0元): the line goes on
    if text[:1] in "）)" or prev_text.count("（") + prev_text.count("(") > prev_text.count("）") + prev_text.count(")"):
        return True  # a bracket left open, or closed at the start of the line: the sentence goes on
    pl, cl = prev.line, cur.line
    if pl.size and cl.size and pl.box and cl.box:  # PDF: geometry decides
        size = max(cl.size, 1.0)
        reached_right = pl.box.x1 >= prev.margin_right - 2.0 * size
        indented = cl.box.x0 > cur.margin_left + 1.2 * size
        return reached_right and not indented
    return True  # plain text: a line broken without closing punctuation continues


def paragraphs(pieces: list[Piece]) -> list[Paragraph]:
    out: list[Paragraph] = []
    stack: list[tuple[int, str, int]] = []  # (level, heading, its source level when it has no number)
    cur: list[Piece] = []

    def flush():
        if not cur:
            return
        text = ""
        for p in cur:
            t = clean(p.line.text)
            if text and t and rx_re.match(r"[\d.,]", text[-1]) and rx_re.match(r"[\d.,%]", t[0]):
                text += t  # a number broken over two lines (12. / 56万元) is one number
            elif text and t and (rx_re.match(r"[\x21-\x7e]", text[-1]) and rx_re.match(r"[\x21-\x7e]", t[0])):
                text += " " + t
            else:
                text += t
        if not text:
            cur.clear()
            return
        boxes = [p.line.box for p in cur if p.line.box]
        pages = sorted({b.page for b in boxes})
        mk = marker(text)
        heading = is_heading(text) if mk else False
        level = mk[0] if mk else 0
        src = cur[0].line.heading if len(cur) == 1 else 0
        if src and len(text) <= _SOURCE_HEADING_MAX and not (src == 1 and not mk):
            # the source marks it a heading (HTML h2-h6, a Word heading style, an h1 with a list
            # number): a section, at its list number's level, else above every numbered level
            heading, level = True, mk[0] if mk else src - 7
        if heading:
            # a heading the source gives the level of an unnumbered heading above (h3 after h3) is its sibling
            while stack and (stack[-1][0] >= level or src and stack[-1][2] and stack[-1][2] >= src):
                stack.pop()
        first_box: Box | None = None
        for b in boxes:
            if b.page == pages[0]:
                first_box = b if first_box is None else first_box.union(b)
        out.append(Paragraph(len(out), text, [t for _, t, _ in stack], mk[1] if mk else "",
                             "heading" if heading else "paragraph", pages[0] if pages else None,
                             pages, first_box))
        if heading:
            stack.append((level, text, src if src and not mk else 0))
        cur.clear()

    prev_text = ""
    for piece in pieces:
        if piece.line is None:
            flush()
            prev_text = ""
            continue
        text = clean(piece.line.text)
        if not text:
            continue
        if cur and _continues(cur[-1], piece, prev_text, text):
            cur.append(piece)
            prev_text = text
            continue
        flush()
        cur.append(piece)
        prev_text = text
    flush()
    return out
