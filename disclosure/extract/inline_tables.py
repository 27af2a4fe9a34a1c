"""Tables printed inline in a scraped page's text: the rows of a table flattened into the body,
`金额单位:万元 项 目 当年决算数 一、“三公”经费支出 — （一）支出合计 1,583.50 1.因公出国（境）费 189.91 …`.

A table starts at a header key (项目, 项目名称, 科目名称, 支出项目, …, letter-spaced or not; or
科目编码 科目名称, whose rows open with their code) followed by one or more column headings (words
naming figures: …数, …额, 金额, 合计, 预算, 决算, …支出, …经费, 比上年, …%; a word followed by
a figure is the first row's label); its rows are a label (the words up to the next amount) followed by as many amounts (numbers with
or without thousands separators, a dash for nothing) as there are columns, a row with fewer taking
them from the left. The table ends at a label that is a sentence or a note (备注, 注：, 说明, 来源,
附件), a label too long for a row, or a label with no amount after it. At least two rows make a
table. The 单位 line before the header and the title before that (back to the end of the sentence
before it) are the table's own lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_KEY = re.compile(r"(?<![\u4e00-\u9fff])(?:(?P<code>(?:功能|经济|支出功能分类|支出经济分类)?科\s*目\s*编\s*码|科目代码|编码)\s+"
                  r"(?P<name>科\s*目\s*名\s*称|项\s*目\s*名\s*称|名\s*称|项\s*目)|"
                  r"项\s*目(?:\s*名\s*称)?|科\s*目\s*名\s*称|科\s*目|支\s*出\s*项\s*目|收\s*入\s*项\s*目|"
                  r"功能分类科目(?:名称)?|经济分类科目(?:名称)?)(?=\s)")
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_CODE_COLUMN = re.compile(r"(编码|代码)$")
_SHORT_COLUMN = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_UNIT = re.compile(r"(?:金\s*额\s*)?单\s*位\s*[:：]\s*(?:人民币)?\s*(?:万\s*元|元|千\s*元)\s*$")
_COLUMN = re.compile(r"^[\u4e00-\u9fff（）()“”\d%％]{1,16}$")
_COLUMN_WORD = re.compile(r"(数|额|计|预算|决算|金额|比|率|%|％|年|支出|收入|经费|拨款|资金|结转|结余|编码|代码)$|"
                          r"^(合计|小计|金额|本年|上年|增减|增长)")
_AMOUNT = re.compile(r"^(?:[-－]?[\d,，]*\d(?:[.．]\d+)?[%％]?|[—\-–－]{1,2}|[(（]\d[\d,]*(?:\.\d+)?[)）])$")
_STOP = re.compile(r"^(备注|注\s*\d*\s*[:：]|说明|来源|附件|填报说明|数据来源)")
_SENTENCE = re.compile(r"[。；;！？]")
_HEADING_BEFORE = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.、．])\S*\s+(?=\S)")
_TITLE_START = re.compile(r".*(?:[。；;：:！？]|附件\S{0,3}[：:]?)\s*", re.S)


@dataclass
class InlineTable:
    """A table found in a text: where it is (start, end of the header key .. last amount), its title
    and 单位 line (text cut from before the header, "" when none) and where they start, its column
    headings (the key first) and its rows (label first, then the amounts, "" where none)."""

    start: int
    end: int
    title: str
    unit: str
    lead: int  # where the title (or the 单位 line, or the key) starts
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)


def _join(tokens: list[str]) -> str:
    out = ""
    for t in tokens:
        if out and re.match(r"[\x21-\x7e]", out[-1]) and re.match(r"[\x21-\x7e]", t[0]):
            out += " "
        out += t
    return out


def find(text: str) -> list[InlineTable]:
    """Every inline table of `text`, in order (module doc); [] when none."""
    found: list[InlineTable] = []
    pos = 0
    while True:
        m = _KEY.search(text, pos)
        if not m:
            return found
        t = _parse(text, m, found[-1].end if found else 0)
        if t is None:
            pos = m.end()
            continue
        found.append(t)
        pos = t.end


def _figure_at(tokens: list[tuple[str, int, int]], j: int) -> bool:
    """tokens[j] is an amount, not a code opening a row (201 一般公共服务支出)."""
    if j >= len(tokens) or not _AMOUNT.match(tokens[j][0]):
        return False
    return not _code_run(tokens, j)


def _code_run(tokens: list[tuple[str, int, int]], i: int) -> int:
    """How many tokens from i print a code that opens a row: 201, 20102, or spaced 201 02 04,
    followed by the row's name (a token that is no amount); 0 when none."""
    if i >= len(tokens) or not _CODE.match(tokens[i][0]):
        return 0
    j = i + 1
    while j < len(tokens) and re.fullmatch(r"\d{2}", tokens[j][0]) and j - i < 3:
        j += 1
    return j - i if j < len(tokens) and not _AMOUNT.match(tokens[j][0]) else 0


def _parse(text: str, m: re.Match, floor: int = 0) -> InlineTable | None:
    tokens = [(x.group(0), x.start(), x.end()) for x in re.finditer(r"\S+", text[m.end():m.end() + 20000])]
    tokens = [(w, a + m.end(), b + m.end()) for w, a, b in tokens]
    columns: list[str] = []
    i = 0
    while i < len(tokens) and len(columns) < 12:
        w = tokens[i][0]
        if _AMOUNT.match(w) or not _COLUMN.match(w):
            break
        if not (_COLUMN_WORD.search(w) or columns and _SHORT_COLUMN.match(w)):
            break  # a figure's heading, or after one a short word (货物 工程 服务)
        if _figure_at(tokens, i + 1) and not _CODE_COLUMN.search(w):
            break  # followed by a figure: the first row's label (收入合计 1,200.00), not a heading
        columns.append(w)
        i += 1
    if not columns or all(_CODE_COLUMN.search(c) for c in columns):
        return None
    seq = bool(re.search(r"序\s*号\s*$", text[max(0, m.start() - 8):m.start()]))
    rows: list[list[str]] = []
    end = m.end()
    coded = bool(m.group("code"))
    while i < len(tokens):
        code = number = ""
        if seq and re.fullmatch(r"\d{1,3}", tokens[i][0]) and i + 1 < len(tokens) \
                and not _AMOUNT.match(tokens[i + 1][0]):
            number = tokens[i][0]  # 序号 项目 金额: a row opens with its number (其中 rows without)
            i += 1
        run = _code_run(tokens, i)
        if coded and run:
            code = " ".join(w for w, _, _ in tokens[i:i + run])  # 科目编码 科目名称 …: a row opens with its code
            i += run
        label: list[str] = []
        if not coded and run:
            # 201 一般公共服务支出: the code printed in the name's column
            label.append(" ".join(w for w, _, _ in tokens[i:i + run]) + " ")
            i += run
        while i < len(tokens) and not _AMOUNT.match(tokens[i][0]):
            label.append(tokens[i][0])
            i += 1
        name = _join(label).replace("  ", " ")
        if not label or len(name) > 40 or len(label) > 4 or _SENTENCE.search(name) or _STOP.match(name):
            break
        amounts: list[str] = []
        while _figure_at(tokens, i) and len(amounts) < len(columns):
            amounts.append(tokens[i][0])
            end = tokens[i][2]
            i += 1
        if not amounts:
            break
        rows.append(([number] if seq else []) + ([code] if coded else []) + [name] + amounts
                    + [""] * (len(columns) - len(amounts)))
    if len(rows) < 2:
        return None
    start = text.rfind("序", 0, m.start()) if seq else m.start()
    before = text[floor:start]
    unit = ""
    lead = start
    u = _UNIT.search(before.rstrip())
    if u:
        unit = re.sub(r"\s+", "", u.group(0))
        lead = floor + u.start()
        before = before[:u.start()]
    title = ""
    tm = _TITLE_START.match(before)
    cand = before[tm.end():] if tm else before
    head = _HEADING_BEFORE.match(cand)
    if head:
        cand = cand[head.end():]  # 二、收支情况 2023年收支预算表: the section's heading is not the title
    cand_s = cand.strip()
    if cand_s and len(cand_s) <= 60 and re.search(r"表|情况", cand_s) and not _SENTENCE.search(cand_s):
        title = re.sub(r"\s+", "", cand_s)
        lead = floor + len(before) - len(cand) + (len(cand) - len(cand.lstrip()))
    keys = (["序号"] if seq else []) + ([m.group("code"), m.group("name")] if coded else [m.group(0)])
    return InlineTable(m.start(), end, title, unit, lead, [re.sub(r"\s+", "", k) for k in keys] + columns, rows)
