"""What an amount in a sentence is about: a 类/款/项 path, a 类 name, or one of the subjects the
standard tables print (基本支出, 人员经费, “三公”经费, 支出预算 …), read off the words before it."""
from __future__ import annotations

from disclosure.normalize import chart
from disclosure.normalize.text import compact, short_cached
from disclosure.rx import compile as rx_compile
from disclosure.schemas import load
from disclosure import rx as rx_re

KEYWORDS = {  # subject words -> the measures of a table that print them
    "因公出国（境）费": {"outbound_travel"}, "公务用车购置及运行维护费": {"vehicle_total"},
    "公务用车运行维护费": {"vehicle_operation"}, "公务用车运行费": {"vehicle_operation"},
    "公务用车购置费": {"vehicle_purchase"}, "公务用车购置": {"vehicle_purchase"}, "公务接待费": {"reception"},
    "三公经费": {"three_public_total"}, "机关运行经费": {"operating_expenses"}, "人员经费": {"personnel"},
    "公用经费": {"public"}, "基本支出": {"basic"}, "项目支出": {"project"},
}
ALIASES = {  # subject words -> the names of the rows that print them
    "支出预算": {"支出总计", "支出合计", "本年支出合计"}, "收入预算": {"收入总计", "收入合计", "本年收入合计"},
    "收支总预算": {"收入总计", "支出总计"}, "收支预算总计": {"收入总计", "支出总计"},
    "财政拨款收支总预算": {"收入总计", "支出总计", "收入合计", "支出合计"},
    "一般公共预算拨款": {"一般公共预算", "一般公共预算拨款", "一般公共预算财政拨款"},
    "政府性基金预算拨款": {"政府性基金预算", "政府性基金预算拨款", "政府性基金预算财政拨款"},
    "一般公共预算": {"一般公共预算", "一般公共预算拨款", "一般公共预算财政拨款"},
    "政府性基金预算": {"政府性基金预算", "政府性基金预算拨款", "政府性基金预算财政拨款"},
    "国有资本经营预算": {"国有资本经营预算", "国有资本经营预算拨款", "国有资本经营预算财政拨款"},
    "政府性基金": {"政府性基金预算", "政府性基金预算拨款", "政府性基金预算财政拨款"},
}
KINDS = {"基本支出": "basic", "项目支出": "project", "人员经费": "personnel", "公用经费": "public",
         "机关运行经费": "operating_expenses", "支出预算": "total", "收入预算": "total", "收支总预算": "total",
         "收支预算总计": "total", "财政拨款收支总预算": "total", "一般公共预算拨款": "income",
         "政府性基金预算拨款": "income", "一般公共预算": "income", "政府性基金预算": "income",
         "国有资本经营预算": "income", "政府性基金": "income"}
# words that make 收入预算/支出预算 a part, not the total (政府性基金收入预算, 政府采购支出预算)
_QUALIFIED = rx_compile(r"(政府性基金|国有资本经营|国有资本|一般公共预算|财政拨款|基本|项目|采购|经费|拨款|资金|专户)$")
# an amount with its unit and the list mark after it: the words before an amount never reach back over
# another (其中公务用车购置费0万元、车辆运行费7.60万元: 车辆运行费, not the two items joined)
AMOUNT_BEFORE = rx_compile(r"\d[\d,]*(?:\.\d+)?\s*(?:万|亿|千)?元\s*[、和及与]")
_INCOME = frozenset(load("prose_subjects")["income_sources"])
_MARK = rx_compile(r"^([（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十\d]+[、.．])")
_PATH_END = rx_compile(r"[（(]\s*(?:\d{2,3}\s*)?(类|款|项)\s*[）)]\s*[”\"]?\s*(科目)?\s*[:：]?[^，。；]*$")


@short_cached
def bare(name: str) -> str:
    """A subject's words as compared: compact(), without a leading list mark (（一）, 1、) or
    quotation marks. Worked out once for a short name that repeats (a bounded number kept)."""
    return _MARK.sub("", compact(name)).replace("“", "").replace("”", "")



def item_key(fact) -> str:
    """What a fact is of, as two facts of one item share it: its chart code when linked to one, its
    subject when one of the subjects the standard tables print (KEYWORDS, ALIASES), else "" (an
    item not compared)."""
    if fact.link == "code" and fact.code:
        return fact.code
    if fact.subject in KEYWORDS or fact.subject in ALIASES:
        return fact.subject
    return ""


def kind_of(subject: str) -> str:
    if subject in KINDS:
        return KINDS[subject]
    if "机关运行经费" in subject:
        return "operating_expenses"
    if "资产" in subject or subject.endswith("价值"):
        return "assets"
    if any(w in subject for w in ("三公", "因公出国", "公务接待", "公务用车", "公车")):  # 公车: 公务用车 shortened
        return "three_public"
    if "采购" in subject:
        return "procurement"
    return "other"


def _names_item(name: str, year: int | None) -> bool:
    """`name` (the words before 预算 in 工资福利支出预算, 事业收入预算, 公务接待费支出预算) is an
    item of its own: a name of the chart (工资福利支出, 301), an income source (事业收入) or one of
    the subjects the standard tables print (公务接待费支出); not 2023年支出, 部门收入."""
    return bool(chart.by_name(name, year)) or name in _INCOME or kind_of(name) not in ("other", "assets")


def subject_of(before: str, year: int | None) -> tuple[str, str, str]:
    """(subject words, kind, code) of an amount from the text before it in its sentence."""
    if _PATH_END.search(before):
        path = chart.resolve_path(before, year)
        m = rx_re.search(r"[^，。；：:]*[（(]\s*(?:\d{3}\s*)?类\s*[）)].*$", before)
        words = bare(rx_re.sub(r"[:：]?[^）)]*$", "", compact(m.group(0)))) if m else ""
        if path and path.status == "exact" and path.code:
            return words or path.code, "path", path.code
        if words:
            return words, "path", ""  # a path the chart does not know: the words, no code
    before = AMOUNT_BEFORE.split(before)[-1]  # (an amount named before is another item's: 购置费0万元、车辆运行费)
    clause = bare(rx_re.split(r"[，。；：,;:]", before)[-1])
    seg = bare(rx_re.split(r"[，。；：,;:（）()]", before)[-1])
    if not seg and rx_re.search(r"[：:]\s*$", before):  # 预算安排规模：5.76万元
        seg = clause = bare(rx_re.split(r"[，。；,;（）()]", before.rstrip(" ：:"))[-1])
    strip = r"((比|较|与)上年(预算)?(相比)?)?(增加|减少|增长|下降|持平)?(为|是|预算数?|数|合计|共计|总额|预算为|安排)*$"
    stripped = rx_re.sub(strip, "", seg)
    # (the clause stripped once, not once a keyword: the pattern, anchored at the end behind
    # optional groups, is tried from every character of the clause; issue #15)
    forms = (stripped, seg, rx_re.sub(strip, "", clause))
    for word in sorted(KEYWORDS, key=len, reverse=True):
        if any(x.endswith(word) for x in forms):
            return word, kind_of(word), ""
    bare_forms = (seg, rx_re.sub(r"(为|是|合计|共计|总额)+$", "", seg))  # (made once, not once an alias)
    for alias in sorted(ALIASES, key=len, reverse=True):
        for form in bare_forms:
            if form.endswith(alias) and not _QUALIFIED.search(form[:-len(alias)]) \
                    and not (alias in ("支出预算", "收入预算") and _names_item(form[:-len(alias)] + alias[:-2], year)):
                return alias, kind_of(alias), ""  # (工资福利支出预算: 工资福利支出's, not the total's)
    if not stripped:
        return forms[2] or clause, "other", ""
    if "机关运行经费" in stripped:  # …单位的机关运行经费财政拨款预算32.94万元
        return "机关运行经费", "operating_expenses", ""
    named = chart.by_name(stripped, year, level="类") if stripped else []
    if len(named) == 1:
        return stripped, "category", named[0].code
    return stripped, kind_of(stripped), ""
