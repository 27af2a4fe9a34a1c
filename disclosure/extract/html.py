"""Web pages (HTML) with lxml: one page of text lines and grids, in the page's reading order.

- The charset by content (extract/charset.py): a byte-order mark, UTF-16 without one, else the
  candidate (the page's `<meta charset>` / `http-equiv` declaration, UTF-8, GB18030, Big5) whose
  text reads most as Chinese, the declaration winning a tie; GB2312 and GBK read as GB18030.
- Scripts, styles, forms, navigation, headers and footers of the site (`<nav>`, `<footer>`, class or
  id naming a nav, menu, breadcrumb, share bar or footer) are dropped.
- Each `<table>` is a grid with its rowspan and colspan as spans; a table that holds another table,
  or one of a single column or row, lays the page out and is read as text.
- Headings (h1-h6) and paragraphs are whole lines (TextLine.ends) with their heading level.
- The page's <title> is kept as metadata and, when the body prints no title of its own (no line with
  a year and 预算/决算 before the first table), stands first.
"""
from __future__ import annotations

import re
from pathlib import Path

from disclosure.extract import charset
from disclosure.extract.errors import InputError
from disclosure.extract.grids import from_rows, sheet_blocks
from disclosure.extract.hashing import sha256_file
from disclosure.model import Box, Grid, RawDocument, RawPage, TextLine
from disclosure.rx import compile as rx_compile
from disclosure import rx as rx_re

_META = rx_compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_DROP_TAGS = {"script", "style", "noscript", "iframe", "form", "button", "select", "textarea", "template",
              "svg", "nav", "footer", "aside", "head", "object", "embed", "input", "map"}
_DROP_NAME = rx_compile(r"(^|[\s_\-])(nav|navbar|menu|breadcrumbs?|crumbs?|footer|foot|share|sidebar|copyright|"
                        r"position|location|toolbar|topbar)([\s_\-\d]|$)", re.I)
_BLOCK = {"p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre",
          "h1", "h2", "h3", "h4", "h5", "h6", "center", "address", "header", "hr", "body", "html", "caption",
          "figure", "figcaption", "tbody", "thead", "tfoot", "tr", "td", "th"}
_TITLE_IN_BODY = rx_compile(r"(19|20)\d{2}.*(预算|决算)|(预算|决算).*(19|20)\d{2}")
_WS = rx_compile(r"[ \t\r\n\f\v\u00a0\u3000\u200b]+")


def decode(raw: bytes) -> tuple[str, str]:
    """(text, encoding used) of an HTML page's bytes (extract/charset.py): a BOM, UTF-16 without
    one, else the declared charset only where the content does not read better another way."""
    m = _META.search(raw[:8192])
    declared = m.group(1).decode("ascii", "ignore") if m else ""
    return charset.decode(raw, declared)


def _text(el) -> str:
    """An element's text with <br> as a line break and white space folded."""
    parts: list[str] = []

    def walk(e):
        if not isinstance(e.tag, str) or e.tag.lower() in _DROP_TAGS:
            if e.tail:
                parts.append(e.tail)
            return
        if e.tag.lower() == "br":
            parts.append("\n")
        elif e.text:
            parts.append(e.text)
        for ch in e:
            walk(ch)
        if e.tag.lower() in ("p", "div", "li") and e is not el:
            parts.append("\n")
        if e.tail and e is not el:
            parts.append(e.tail)

    walk(el)
    lines = [_WS.sub(" ", ln).strip() for ln in "".join(parts).split("\n")]
    return "\n".join(ln for ln in lines if ln)


def _dropped(el) -> bool:
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if not tag or tag in _DROP_TAGS:
        return True
    if tag in ("body", "html", "table", "tr", "td", "th"):
        return False
    name = " ".join(filter(None, (el.get("class"), el.get("id"))))
    if name and _DROP_NAME.search(name):
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or el.get("hidden") is not None


def _is_layout(table) -> bool:
    """A table that lays out the page: it holds a table, or it is one column or one row of text."""
    if table.xpath(".//table"):
        return True
    rows = [tr for tr in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")]
    if not rows:
        return True
    widths = [sum(int(_int(td.get("colspan"))) for td in tr.xpath("./td|./th")) for tr in rows]
    return max(widths, default=0) <= 1 or len(rows) == 1 and sum(bool(_text(td)) for td in rows[0]) <= 1


def _menu_cell(td) -> bool:
    """A cell of a layout table (walked only when its table lays out the page) holding nothing but
    links (a side menu: 部门预算 | 部门决算 …), short, no table, while another cell of its row
    holds more text."""
    if td.xpath(".//table"):
        return False
    text = _WS.sub("", td.text_content())
    if not text or len(text) > 300:
        return False
    linked = _WS.sub("", "".join(a.text_content() for a in td.xpath(".//a")))
    if len(linked) < len(text) - 2:
        return False
    row = td.getparent()
    others = [_WS.sub("", c.text_content()) for c in row if c is not td and isinstance(c.tag, str)]
    return any(len(o) > len(text) for o in others)


def _spanned(rows: list[list]) -> list[list]:
    """The rows with cells, and the empty rows (`<tr></tr>`) a rowspan from above reaches into: the
    table model counts those (a header of rowspan=2 over an empty second row ends there, as a
    browser shows it); dropped first, the span took in the first body row and moved it one column
    right (a new user's page: 合计 | 20.00 under 决算数). Each row: a list of (text, rowspan, colspan)."""
    out, reach = [], 0  # reach: the rows below the current one a rowspan still covers
    for r in rows:
        if r or reach > 0:
            out.append(r)
        reach = max(reach - 1, max((span - 1 for _, span, _ in r), default=0))
    while out and not out[-1]:
        out.pop()
    return out


def _int(v) -> int:
    try:
        return max(1, min(int(str(v).strip().rstrip(";")), 1000))
    except (TypeError, ValueError):
        return 1


class _Walker:
    def __init__(self):
        self.blocks: list[TextLine | Grid] = []
        self.buf: list[str] = []
        self.level = 0
        self.line = 0

    def flush(self) -> None:
        text = _WS.sub(" ", "".join(self.buf)).strip()
        self.buf = []
        if text:
            self.blocks.append(TextLine(text, Box(1, 0, self.line, len(text), self.line + 1), 12.0,
                                        ends=True, heading=self.level))
            self.line += 1
        self.level = 0

    def table(self, table) -> None:
        rows = []
        for tr in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
            if _dropped(tr) and tr.tag.lower() != "tr":
                continue
            rows.append([(_text(td), _int(td.get("rowspan")), _int(td.get("colspan")))  # <br> kept as a line break
                         for td in tr.xpath("./td|./th") if not ("display:none" in (td.get("style") or "").replace(" ", "").lower())])
        rows = _spanned(rows)
        if not rows:
            return
        slots = from_rows(rows)
        cap = table.xpath("./caption")
        if cap and _text(cap[0]):
            self.buf.append(_text(cap[0]))
            self.flush()
        # the title and 单位 rows a table prints in its own first rows (merged across it) are lines
        # above its grid, as on a sheet: the nearest title, not a heading printed further up
        self.blocks.extend(sheet_blocks(slots, 1, self.line))
        self.line += slots.n_rows

    def walk(self, el) -> None:
        if _dropped(el):
            if el.tail:
                self.buf.append(el.tail)
            return
        tag = el.tag.lower()
        if tag == "table" and not _is_layout(el):
            self.flush()
            self.table(el)
        elif tag in ("td", "th") and _menu_cell(el):
            pass  # a layout table's side column of links: the site's menu, not the page
        elif tag == "br":
            self.flush()
        else:
            block = tag in _BLOCK or tag == "table"
            if block:
                self.flush()
                if rx_re.fullmatch(r"h[1-6]", tag):
                    self.level = int(tag[1])
            if el.text:
                self.buf.append(el.text)
            for ch in el:
                self.walk(ch)
            if block:
                self.flush()
        if el.tail:
            self.buf.append(el.tail)


def read_html(path: Path) -> RawDocument:
    """A web page as one page of lines and grids. Raises InputError for a page lxml cannot parse or
    one with no text at all; a page with no table reads as prose (the builder finds no table)."""
    try:
        import lxml.html
        from lxml import etree
    except ImportError as e:
        raise InputError(str(path), "an HTML page needs lxml (pip install 'disclosure[office]')") from e
    raw = path.read_bytes()
    text, enc = decode(raw)
    text = rx_re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as e:
        raise InputError(str(path), f"not a readable HTML page ({e})") from e
    title_el = root.find(".//title")
    title = _WS.sub(" ", title_el.text_content()).strip() if title_el is not None else ""
    for comment in root.xpath("//comment()"):
        parent = comment.getparent()
        if parent is not None:
            tail = comment.tail
            if tail:
                prev = comment.getprevious()
                if prev is not None:
                    prev.tail = (prev.tail or "") + tail
                else:
                    parent.text = (parent.text or "") + tail
            parent.remove(comment)
    body = root.find("body")
    w = _Walker()
    w.walk(body if body is not None else root)
    w.flush()
    page = RawPage(1)
    page.blocks = w.blocks
    first_grid = next((i for i, b in enumerate(w.blocks) if isinstance(b, Grid)), len(w.blocks))
    if title and not any(_TITLE_IN_BODY.search(b.text) for b in w.blocks[:first_grid] if isinstance(b, TextLine)):
        page.blocks.insert(0, TextLine(title, Box(1, 0, -1, len(title), 0), 12.0, ends=True, heading=1))
    if not page.blocks:
        raise InputError(str(path), "an HTML page with no text")
    if not any(isinstance(b, Grid) for b in page.blocks):
        page.notes.append("the page has no table")
    return RawDocument(path.name, sha256_file(path), "html", [page], {"title": title, "charset": enc})
