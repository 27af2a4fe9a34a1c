"""A web page's text as a scraping job saves it: `标题:` / `发布时间:` / `来源:` … header lines, a
separator, then the page's body, often on one line.

The header lines are the page's metadata (RawDocument.pdf_metadata: title, published, publisher,
column, url, …); the title stands first, as a cover would. The body loses the site's furniture (the
breadcrumb `当前位置：…`, the time stamp and the share buttons, leftovers of Word's HTML such as
`<!--[if !supportLists]-->`) and is cut into paragraphs at its inline section markers (一、 （一）
1. （1）, where a sentence, a colon or a space ends before them). A table flattened into the body
(`项 目 当年决算数 （一）支出合计 1,583.50 …`) is a grid, its title and 单位 line lines before it
(extract/inline_tables.py); figures that fit a column blank in every row as well as their own (the
text can not tell which) are noted on the page (RawPage.notes). A marker's heading printed run
into its first sentence (`二、部门预算单位基本情况区社会服务管理…`) is cut after the heading, so that
headings stand as headings and never run into the subject of a fact.
"""
from __future__ import annotations

import re
from pathlib import Path

from disclosure.extract.errors import InputError
from disclosure.extract.hashing import sha256_file
from disclosure.extract.inline_tables import find as find_tables
from disclosure.model import Box, RawDocument, RawPage, TextLine
from disclosure.rx import compile as rx_compile
from disclosure.schemas import load
from disclosure import rx as rx_re

_KEYS = {"标题": "title", "发布时间": "published", "来源": "source", "发布机构": "publisher", "栏目": "column",
         "原文链接": "url", "文号": "number", "作者": "author", "日期": "published", "时间": "published"}
_HEADER = rx_compile(r"^\s*([\u4e00-\u9fff]{2,6})\s*[:：]\s*(.*)$")
_SEPARATOR = rx_compile(r"^\s*[=\-]{3,}.*[=\-]{3,}\s*$|^\s*[=\-]{5,}\s*$")
_CN = "一二三四五六七八九十"
# a marker where a paragraph may start: after the start, white space, an end of sentence or clause,
# a dot leader or 目录
_MARK = rx_compile(rf"(?:(?<=^)|(?<=[\s。；;：:！？!?….．]|录))(?:[{_CN}]{{1,3}}[、．]|[（(][{_CN}]{{1,3}}[）)]|"
                   rf"(?<![\d.])\d{{1,2}}(?:[、．]|\.(?!\d))|[（(]\d{{1,2}}[）)])")
_LEADING_MARK = rx_compile(rf"^(?:[{_CN}]{{1,3}}[、．]|[（(][{_CN}]{{1,3}}[）)]|\d{{1,2}}(?:[、．]|\.(?!\d))|"
                           rf"[（(]\d{{1,2}}[）)])\s*")
# a heading run into the first sub-heading under it (…“三公”经费支出情况（一）因公出国（境）经费): cut between
_RUN_ON = rx_compile(rf"(?<=[\u4e00-\u9fff”])(?:情况|说明|事项|职责)(?=[（(][{_CN}]{{1,3}}[）)][\u4e00-\u9fff])")
_HEAD_END = rx_compile(r"(职责|基本情况|总体情况|工作总结|工作任务|主要任务|情况说明|情况|说明|名词解释|解释|自评报告|目录)")
_NAV = rx_compile(r"^\s*当前位置\s*[:：].*?(?:QQ空间|分享到[^\s]*|时间\s*[:：]\s*\d{4}-\d{2}-\d{2}(?:\s+\d{1,2}:\d{2})?)\s*")
# the share bar and links opening the body (微信 微博 QQ空间 分享到： 打印 关闭): schemas/page_furniture.json
_SHARE_BAR = rx_compile(r"^\s*(?:(?:" + "|".join(load("page_furniture")["buttons"]) + r")[:：]?\s*)+")
_WORD_HTML = rx_compile(r"<!--\[if[^\]]*\]-->|<!--\[endif\]-->|<!--.*?-->|</?[a-zA-Z][^<>]{0,80}>")
# the Fujian form's table of units (单位名称 经费性质 人员编制数 在职人数 …), its first unit's name
_UNIT_ROW = rx_compile(r"单位名称\s*经费性质\s*人员编制数\s*在职人数\s*(?:[\u4e00-\u9fff]{2,6}数\s*)*"
                       r"([\u4e00-\u9fff（）()]{3,40}?)\s*(?:财政|自收自支|差额|全额|参公|行政|事业)")
_AMOUNT = rx_compile(r"\d+(?:\.\d+)?\s*万?元")


def _header(lines: list[str]) -> tuple[dict, int]:
    """The `键: 值` lines at the top, as metadata, and where the body starts."""
    meta: dict[str, str] = {}
    i = 0
    while i < len(lines):
        ln = lines[i].strip()
        if _SEPARATOR.match(ln):
            return meta, i + 1
        m = _HEADER.match(ln)
        if m and (m.group(1) in _KEYS or meta) and len(m.group(1)) <= 6:
            meta[_KEYS.get(m.group(1), m.group(1))] = m.group(2).strip()
            i += 1
            continue
        if not ln and meta:
            i += 1
            continue
        if meta and rx_re.match(r"^[^\s:：]{1,20}\S*\s", ln) and "详见" in ln:  # 页面链接与图片详见 links.tsv
            i += 1
            continue
        break
    return meta, i


def split_heading(seg: str) -> list[str]:
    """A segment that starts with a marker, cut after its heading when the heading runs into the
    text that follows it (with or without a space); the text itself may start with a marker."""
    m = _LEADING_MARK.match(seg)
    if not m:
        return [seg]
    rest = seg[m.end():]
    head_len = None
    sp = rx_re.search(r"\s", rest)
    if sp and 2 <= sp.start() <= 40:
        cand = rest[:sp.start()]
        after = rest[sp.end():].lstrip()
        if after and rx_re.search(r"[\u4e00-\u9fff]", cand) and not rx_re.match(r"\d{3,}", cand) \
                and not rx_re.search(r"[。；;：:！？]", cand) and not _AMOUNT.search(cand) \
                and not rx_re.match(r"[\d.,]+\s*(?:万|元|%|％)|[%％）)万元]", after):
            head_len = sp.start()
    if head_len is None:
        e = _HEAD_END.search(rest[:30])
        if e and not rx_re.search(r"[，。；;：:,！？]", rest[:e.start()]) and not _AMOUNT.search(rest[:e.end()]):
            tail = rest[e.end():]
            if tail and not rx_re.match(r"[表：:，。；,;）)]", tail):
                head_len = e.end()
    if head_len is None:
        return [seg]
    head = seg[:m.end()] + rest[:head_len]
    tail = rest[head_len:].strip()
    return [head.strip()] + (split_heading(tail) if tail else [])


def segments(body: str) -> list[str]:
    """A body (one line or several) as paragraphs: cut at its lines and its inline markers, each
    heading apart from the text run into it."""
    out: list[str] = []
    for line in body.splitlines():
        line = rx_re.sub(r"[ \t\u00a0\u3000]+", " ", line).strip()
        if not line:
            continue
        cuts = [m.start() for m in _MARK.finditer(line)] + [m.end() for m in _RUN_ON.finditer(line)]
        starts = sorted({0, *cuts})
        for a, b in zip(starts, starts[1:] + [len(line)]):
            seg = line[a:b].strip()
            if seg:
                out.extend(s for s in split_heading(seg) if s)
    return out


def read_pagetext(path: Path) -> RawDocument:
    """A page text as one page of whole-paragraph lines, its header lines as metadata. Raises
    InputError for a file that is not text."""
    from disclosure.extract.charset import decode
    raw = path.read_bytes()
    text, _ = decode(raw)  # a BOM, UTF-16 without one, else UTF-8 / GB18030 / Big5 by content
    if text.count("\ufffd") > max(8, len(text) // 100):
        raise InputError(str(path), "a page text that is neither UTF-8, UTF-16 nor GB18030")
    lines = text.splitlines()
    meta, start = _header(lines)
    body = "\n".join(lines[start:])
    body = _WORD_HTML.sub(" ", body)
    body = _NAV.sub("", body, count=1)
    body = _SHARE_BAR.sub("", body)
    title = rx_re.sub(r"^【[^】]*】\s*", "", meta.get("title", "")).strip()
    if title:
        meta["title"] = title
        # the title printed again at the start of the body (spaces anywhere in it)
        pattern = r"\s*".join(re.escape(ch) for ch in title.replace(" ", ""))
        body = re.sub(rf"^\s*(?:附件\S{{0,3}}\s*)?(?:【[^】]*】\s*)?{pattern}\s*", "", body, count=1)
    unit = _UNIT_ROW.search(body)
    if unit:
        meta["department"] = unit.group(1)
    page = RawPage(1)
    n = 0

    def line(seg: str, heading: int = 0) -> None:
        nonlocal n
        page.blocks.append(TextLine(seg, Box(1, 0, n, len(seg), n + 1), 12.0, ends=True, heading=heading))
        n += 1

    if title:
        line(title, 1)
    pos = 0
    for t in find_tables(body):  # tables flattened into the body (extract/inline_tables.py)
        for seg in segments(body[pos:t.lead]):
            line(seg)
        for seg in (t.title, t.unit):
            if seg:
                line(seg)
        page.notes.extend(t.notes)  # figures the text leaves to more than one column
        grid = t.grid(1, n)
        page.blocks.append(grid)
        n += grid.n_rows
        pos = t.end
    for seg in segments(body[pos:]):
        line(seg)
    if not page.blocks:
        page.triage, page.triage_reason = "no_text", "page text has no body"
    return RawDocument(path.name, sha256_file(path), "pagetext", [page], meta)
