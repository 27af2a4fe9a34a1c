"""Rule form.wording: punctuation and wording defects reviewers flag in the prose.

- repeated or clashing punctuation (，， 。。 ，。 ；，) — GovBudgetChecker V33-113;
- a word written twice in a row (增加增加, 支出支出) — CMM-002; reduplications of the language
  (常常, 年年) are data (schemas/reviewer_words.json repeated_word_exempt);
- brackets or quotes opened and not closed by the end of the sentence run (or closed and not
  opened), read across the paragraphs the reader cut apart (one not ending a sentence runs on).

Shapes: reads the paragraphs (kind paragraph and heading); one test per paragraph; a warning per
defect with the words around it as evidence. A paragraph the reader joined across a page break
is read as one. Source: issue #13; GovBudgetChecker V33-113, CMM-002.
"""
from __future__ import annotations

import re
from decimal import Decimal

from disclosure.checks.findings import Evidence, Finding
from disclosure.checks.ledger import Tally
from disclosure.model import Document
from disclosure.normalize.rounding import DEFAULT_UNITS
from disclosure.rx import compile as rx_compile
from disclosure.schemas import load
from disclosure import rx as rx_re

RULE = "form.wording"
_W = load("reviewer_words")
_PUNCT = rx_compile("|".join(re.escape(s) for s in _W["repeated_punctuation"]))
_EXEMPT = set(_W["repeated_word_exempt"])
_REPEAT = rx_compile(r"([\u4e00-\u9fff]{%d,4})\1" % _W["repeated_word_min"])
_PAIRS = (("（", "）"), ("“", "”"), ("《", "》"))
_PLACEHOLDER = rx_compile(r"X{2,}|Ｘ{2,}")
# a defect's kind: (Chinese, English), made together where the defect is found
_PUNCT_KIND = ("标点重复或连用", "repeated or clashing punctuation")
_REPEAT_KIND = ("词语重复", "a word written twice")


def _unclosed(a: str) -> tuple[str, str]:
    return f"“{a}”未闭合", f"'{a}' opened and not closed"


def _unopened(a: str, b: str) -> tuple[str, str]:
    return f"“{b}”前无“{a}”", f"'{b}' closed without an opening '{a}'"


def _defects(text: str) -> list[tuple[tuple[str, str], str, int]]:
    """(kind, the words, position) of the punctuation and repeated words of a paragraph's text."""
    t = rx_re.sub(r"\s+", "", text.replace("(", "（").replace(")", "）"))
    out = [(_PUNCT_KIND, m.group(0), m.start()) for m in _PUNCT.finditer(t)]
    for m in _REPEAT.finditer(t):
        if m.group(0)[:2] not in _EXEMPT and m.group(1) not in _EXEMPT:
            out.append((_REPEAT_KIND, m.group(0), m.start()))
    return out


def _runs(paragraphs: list) -> list[list]:
    """The prose in runs of paragraphs the reader cut from one another: a paragraph not ending a
    sentence (。；！？：) runs on into the next."""
    runs, cur = [], []
    for p in paragraphs:
        cur.append(p)
        if rx_re.search(r"[。；！？：:]\s*[”）)]?\s*$", p.text):
            runs.append(cur)
            cur = []
    return runs + ([cur] if cur else [])


def _quote(text: str, start: int, end: int) -> str:
    """text[start:end] widened so that no number is cut at either end (（其中，…的项目39个 quoted as
    …的项目3 read as a wrong figure)."""
    num = "0123456789.,"
    while 0 < start < len(text) and text[start] in num and text[start - 1] in num:
        start -= 1
    while 0 < end < len(text) and text[end] in num and text[end - 1] in num:
        end += 1
    return text[start:end]


def _brackets(paragraphs: list) -> dict[int, list[tuple[tuple[str, str], str, int]]]:
    """Brackets and quotes left open at the end of a sentence run, or closed without being opened:
    paragraph index -> defects. A run holding a template placeholder (XX) is form.template_leftover's."""
    out: dict[int, list] = {}
    for run in _runs(paragraphs):
        if any(_PLACEHOLDER.search(p.text) for p in run):
            continue
        for a, b in _PAIRS:
            opened = None
            for p in run:
                t = p.text.replace("(", "（").replace(")", "）")
                if a not in t and b not in t:
                    continue  # (nothing opens or closes here: the walk below would change nothing)
                for i, ch in enumerate(t):
                    if ch == a and opened is None:
                        opened = (p, i)
                    elif ch == a:
                        q, j = opened
                        out.setdefault(q.index, []).append((_unclosed(a), _quote(q.text, j, j + 16), j))
                        opened = (p, i)
                    elif ch == b and opened is None:
                        if p is run[0] and not rx_re.search(r"[。；！？]", t[:i]):
                            continue  # the run's first sentence: its start may be where the reader put it
                        out.setdefault(p.index, []).append((_unopened(a, b), _quote(t, max(0, i - 12), i + 1), i))
                    elif ch == b:
                        opened = None
            if opened is not None:
                q, j = opened
                out.setdefault(q.index, []).append((_unclosed(a), _quote(q.text, j, j + 16), j))
    return out


def findings(doc: Document, units: Decimal = DEFAULT_UNITS, tally: Tally | None = None) -> list[Finding]:
    tally = tally if tally is not None else Tally("")
    tally.none("no prose")
    out = []
    brackets = _brackets(doc.paragraphs)
    joined: dict[int, list] = {}  # a run of paragraphs the reader cut apart is read as one text
    for run in _runs([p for p in doc.paragraphs if p.kind == "paragraph"]):  # a heading is no sentence of it
        texts = [rx_re.sub(r"\s+", "", p.text) for p in run]
        starts = [sum(len(t) for t in texts[:i]) for i in range(len(texts))]
        for kind, words, at in _defects("".join(texts)):
            owner = max(i for i, st in enumerate(starts) if st <= at)
            if owner + 1 < len(run) and starts[owner + 1] < at + len(words) and len(texts[owner]) < 20:
                continue  # across a short line (a cover's title lines): no sentence cut by the reader
            joined.setdefault(run[owner].index, []).append((kind, words, at - starts[owner]))
    for p in doc.paragraphs:
        found = joined.get(p.index, []) + brackets.get(p.index, [])
        if not found:
            tally.test(f"段{p.index}", p.page, None)
            continue
        for (kind, english), words, _ in found:
            out.append(tally.test(f"段{p.index}", p.page, Finding(
                RULE, "warning", f"{kind}：“{words}”", f"{english}: '{words}'",
                evidence=[Evidence(p.page, p.box.to_dict() if p.box else None, p.text[:120], words)])))
    return out
