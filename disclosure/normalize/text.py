"""Printed text made comparable: radical glyphs mapped, letter-spacing removed.

Kangxi radicals (U+2F00-U+2FDF) and CJK compatibility ideographs are fixed by NFKC; the CJK
Radicals Supplement (U+2E80-U+2EFF) is not, so those common in Chinese PDFs are mapped here.
Full-width punctuation is kept as printed.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache, wraps

from disclosure.rx import compile as rx_compile

# CJK Radicals Supplement glyphs that PDFs use in place of ordinary simplified characters.
_SUPPLEMENT = {
    "⺁": "厂", "⺇": "几", "⺌": "小", "⺍": "小", "⺎": "兀", "⺏": "尢", "⺐": "尢", "⺑": "尢",
    "⺒": "巳", "⺓": "幺", "⺔": "彐", "⺖": "忄", "⺗": "心", "⺘": "扌", "⺙": "攵", "⺛": "无",
    "⺜": "日", "⺝": "月", "⺞": "歹", "⺟": "母", "⺠": "民", "⺡": "氵", "⺢": "水", "⺣": "灬",
    "⺤": "爫", "⺥": "爫", "⺦": "丬", "⺧": "牛", "⺨": "犭", "⺩": "王", "⺪": "疋", "⺫": "目",
    "⺬": "示", "⺭": "礻", "⺮": "竹", "⺯": "糸", "⺰": "纟", "⺱": "网", "⺲": "罒", "⺳": "网",
    "⺴": "网", "⺵": "网", "⺶": "羊", "⺷": "羊", "⺸": "羊", "⺹": "老", "⺺": "聿", "⺻": "聿",
    "⺼": "月", "⺽": "臼", "⺾": "艹", "⺿": "艹", "⻀": "艹", "⻁": "虎", "⻂": "衤", "⻃": "覀",
    "⻄": "西", "⻅": "见", "⻆": "角", "⻇": "角", "⻈": "讠", "⻉": "贝", "⻊": "足", "⻋": "车",
    "⻌": "辶", "⻍": "辶", "⻎": "辶", "⻏": "阝", "⻐": "金", "⻑": "長", "⻒": "镸", "⻓": "长",
    "⻔": "门", "⻕": "阝", "⻖": "阝", "⻗": "雨", "⻘": "青", "⻙": "韦", "⻚": "页", "⻛": "风",
    "⻜": "飞", "⻝": "食", "⻞": "食", "⻟": "食", "⻠": "饣", "⻡": "首", "⻢": "马", "⻣": "骨",
    "⻤": "鬼", "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻫": "齐",
    "⻬": "齐", "⻭": "齿", "⻮": "齿", "⻯": "龙", "⻰": "龙", "⻱": "龟", "⻲": "龟", "⻳": "龟",
}
_TRANS = str.maketrans(_SUPPLEMENT)
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2018-\u201d"
_LETTER_SPACED = rx_compile(rf"(?<=[{_CJK}{_CJK_PUNCT}])[ \t\u3000\n]+(?=[{_CJK}{_CJK_PUNCT}])")
_WRAP = rx_compile(r"(?<=(.))[ \t]*\n[ \t]*(?=(.))")  # a line wrapped inside a table cell
_SPACE = rx_compile(r"\s+")
_WS = rx_compile(r"[ \t\n\r\u3000\u00a0]+")


# a year as a title or a cover prints it: `2021年`, `2021 年` (the group is the year's digits)
PRINTED_YEAR = rx_compile(r"((?:19|20)\d{2})\s*年")
# the label of a row numbering the columns (栏次) or of a column numbering the rows (行次), as the
# 部门决算 forms print them: read by the page reader (extract/aligned) and the structure stage alike
COLUMN_NO = rx_compile(r"^(栏|行)\s*次$")

_COMPAT = rx_compile("[\u2f00-\u2fdf\uf900-\ufaff]")
# any character map_glyphs changes (the supplement's, _SUPPLEMENT, lie in U+2E80-U+2EFF; _COMPAT's):
# text without one (nearly every line) is returned as it is, one search in C instead of a
# translate, which looks each character up in a dict
GLYPH_RANGES = "\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff"  # (a character class's ranges)
_ANY_GLYPH = rx_compile(f"[{GLYPH_RANGES}]")
assert all("\u2e80" <= k <= "\u2eff" for k in _SUPPLEMENT)


def map_glyphs(s: str) -> str:
    """Radical and compatibility glyphs to ordinary characters; nothing else changes."""
    if not s or not _ANY_GLYPH.search(s):
        return s
    s = s.translate(_TRANS)
    return _COMPAT.sub(lambda m: unicodedata.normalize("NFKC", m.group()), s) if _COMPAT.search(s) else s


# The reading forms of the short strings that repeat (labels, names, codes, titles) are cached, a
# bounded number of them; longer ones (sentences, the text before an amount in a paragraph) rarely
# repeat and are not kept: a cache of every string a long document prints grows with its pages.
_CACHED_LEN = 48
_CACHE_SIZE = 1 << 12


def short_cached(fn):
    """`fn` (a pure function of one str) with its result kept for a short text (at most 48
    characters; the last 4096 such texts): a longer one is worked out each time. Used wherever a
    stage reads the same label, name, figure or title many times (clean, compact, parse_amount,
    last_unit, title_like, subjects.bare); `fn` must return an immutable value."""
    kept = lru_cache(maxsize=_CACHE_SIZE)(fn)

    @wraps(fn)
    def read(s):
        return kept(s) if not s or len(s) <= _CACHED_LEN else fn(s)

    read.cache_info, read.cache_parameters, read.cache_clear = kept.cache_info, kept.cache_parameters, kept.cache_clear
    return read


# Word's field codes where a page shows them instead of their results (a contents list converted to
# a web page or text with its fields unexpanded: 一、收入支出决算总表 PAGEREF _Toc20349 \h 22, the
# backslash often lost): the page reference is a dot leader, the hyperlink and TOC switches nothing
_PAGEREF = rx_compile(r"\s*\bPAGEREF\s+_Toc\d+(?:\s+\\?[a-z]\b)*\s*")
_FIELD = rx_compile(r"\bHYPERLINK\s+\\?l\s+\"?_Toc\d+\"?|\bTOC\s+\\?o\s+\"[^\"]*\"(?:\s+\\?[a-z]\b)*")


def word_fields(s: str) -> str:
    """`s` with Word's field codes (PAGEREF _Toc…, HYPERLINK \\l "_Toc…", TOC \\o "1-3" \\h) read
    as the contents list prints them: a page reference becomes a dot leader before its page."""
    if "_Toc" not in s and "TOC" not in s:
        return s
    return _FIELD.sub(" ", _PAGEREF.sub("……", s))


@short_cached
def clean(s: str) -> str:
    """The reading form of printed text: glyphs mapped, Word field codes read (word_fields), no
    space between Chinese characters, runs of white space folded to one, ends trimmed."""
    s = word_fields(map_glyphs(s or ""))
    s = _WRAP.sub(lambda m: " " if m.group(1).isascii() and m.group(1).isalpha() and
                  m.group(2).isascii() and m.group(2).isalpha() else "", s)
    s = _LETTER_SPACED.sub("", s)
    return _WS.sub(" ", s).strip()


@short_cached
def compact(s: str) -> str:
    """clean() without any white space: for matching titles and header labels."""
    return _SPACE.sub("", clean(s))
