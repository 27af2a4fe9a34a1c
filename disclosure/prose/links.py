"""What an amount sentence is about, in the forms departments write it across provinces, when the
words just before the amount (prose/subjects.py) do not name it:

- a code printed inline (`2013199 其他党委办公厅（室）及相关机构事务支出 74.73万元`), a path joined by
  dashes (`“一般公共服务支出-政府办公厅（室）及相关机构事务-其他…支出”科目`), a name marked with its
  level in words (`人员经费（项级科目）`), a name the chart of the year knows;
- an organisation and a year before the subject (`江苏省委办公厅2018年财政拨款预算支出`: the subject is
  after the year) or the year after it (`因公出国（境）经费 2018年预算安排0万元`: before it);
- a named total (收入总计, 本年支出, 财政拨款支出 …), an income source, or a named item: a noun phrase
  whose head is a budget noun (…经费, …费, …支出, …资金, 用款计划 …);
- no subject at all, only which figure it is (`年初预算为`, `2023年当年预算执行数为`, `2024年预算安排`):
  the item named before it in the paragraph (its 类/款/项 path, or the fact before).

`link` says how a fact is linked: `code` (a chart code), `total` (a named total), `item` (a named
item or one of the subjects the standard tables print), or "" (not linked). `basis` says which
figure the amount is: `budget`, `actual`, `prior_year` (预算执行数 of an earlier year, 上年…), or "".
The words are data: schemas/prose_subjects.json.
"""
from __future__ import annotations


from disclosure.normalize import chart
from disclosure.normalize.text import compact
from disclosure.prose.subjects import ALIASES, AMOUNT_BEFORE, KEYWORDS, bare, kind_of
from disclosure.rx import compile as rx_compile
from disclosure.schemas import load
from disclosure import rx as rx_re

_V = load("prose_subjects")
TOTALS = set(_V["totals"])
INCOME = set(_V["income_sources"])
HEADS = tuple(sorted(_V["heads"], key=len, reverse=True))
OPENERS = tuple(_V["change_openers"])
_YEAR = rx_compile(r"((?:19|20)\d{2})\s*年(?:年?度)?")  # 2016年年度: a doubled 年 (printed so); 2016年年初 keeps 年初
_BARE_YEAR = rx_compile(r"^(?:19|20)\d{2}(?=[\u4e00-\u9fff])(?!年)")  # 2015本年支出 (2015年… is _YEAR's)
# a fund's name (一般公共预算), not a figure: schemas/budget_funds.json
_FUND = rx_compile("|".join(f["name"] for f in load("budget_funds")["funds"]))
# 预算 between a name and 支出/收入 (财政拨款预算支出) that is not the end of a fund's name (一般公共预算收入)
_INNER_BUDGET = rx_compile(r"(?<=[\u4e00-\u9fff])" + "".join(f"(?<!{f['name'][:-2]})" for f in load("budget_funds")["funds"])
                           + r"预算(?=支出|收入)")
# last year's money carried into this one (上年结转, 上年结余, 上年结转结余资金): an item's name
_CARRIED = rx_compile(r"上年(?:度)?(?=结转|结余)")
_PAIRED = rx_compile(r"(收入?)、(支出?)")  # 收、支总计: one item of two heads, its tail shared
_BASIS_ONLY = rx_compile(r"^(?:当年|年初|本年|全年|上年)?(?:预算执行数|预算执行|执行数|预算安排|预算数|决算数|预算|决算|安排|"
                         r"支出决算|支出预算|财政拨款)?(?:数)?(?:为|是|共计|合计|总额|达到|达)?$")
# a code printed before its name, or closing the bracket that printed it ((科目编码：2012901）行政运行)
_INLINE_CODE = rx_compile(r"(?<![\d.])(2\d{2}(?:\d{2}){0,2}|3\d{2}(?:\d{2})?)(?![\d.%])\s*[）)]?\s*(?![类款项年])[\u4e00-\u9fff]")
_LEVEL_WORD = rx_compile(r"([^，。；：:（）()\s]+?)\s*[（(]\s*(类|款|项)(?:级)?(?:科目)?\s*[）)]")
_DASHES = rx_compile(r"\s*(?:--|—+|－+|-)\s*")
_VERB = rx_compile(r"增加|减少|增长|下降|持平|上升|降低|相比|大于|小于|等于|完成|占|用于|包括|其中")
_CHANGE_VERB = rx_compile(r"增加|减少|增长|下降|压减|减支|增支|划转|调减|调增|新增")
_TOTAL_END = rx_compile(r"(?:总计|合计|总预算|总额)$")


def basis_of(clause: str, year: int | None) -> str:
    """Which figure the words before an amount name: prior_year (预算执行数, 上年…, an earlier year),
    actual (决算), budget (预算, 安排), or ""."""
    c = _FUND.sub("", compact(clause))  # 一般公共预算财政拨款支出 in a final account: no 预算 figure
    c = _CARRIED.sub("", c)  # 上年结转结余资金: a name, not last year's figure
    years = [int(y) for y in _YEAR.findall(c)]
    if "执行数" in c or "上年" in c or (year and years and years[-1] < year):
        return "prior_year"
    if "决算" in c:
        return "actual"
    if "预算" in c or "安排" in c:
        return "budget"
    return ""


def basis_only(words: str) -> bool:
    """The words name which figure, not what (年初预算为, 2023年当年预算执行数为, 2024年预算安排)."""
    w = _YEAR.sub("", compact(words))
    return bool(_BASIS_ONLY.match(w))


def _normal(s: str) -> str:
    """Words as a table names them: 财政拨款预算支出 → 财政拨款支出, 因公出国（境）经费 → 因公出国（境）费;
    a fund's name kept whole (一般公共预算收入)."""
    s = s.replace("(", "（").replace(")", "）")
    s = _PAIRED.sub(r"\1\2", s).replace("收支出", "收支")
    s = rx_re.sub(r"各$", "", s)
    s = _INNER_BUDGET.sub("", s)
    s = rx_re.sub(r"^(?:本部门|本单位|部门|单位)", "", s)
    return s


# the figure words after an item (…支出, …预算支出, …支出决算数): 公务接待费支出决算 is 公务接待费's
_SPENT = rx_compile(r"(?:预算|决算)?支出(?:预算|决算)?(?:数)?$")


def _keyword(s: str) -> str:
    """A KEYWORDS / ALIASES subject the words name, or ""."""
    forms = {s, _SPENT.sub("", s), rx_re.sub(r"经费$|费用$", "费", s), _SPENT.sub("", rx_re.sub(r"经费|费用", "费", s))}
    forms |= {f.replace("购置及运行费", "购置及运行维护费") for f in forms}
    forms |= {f + "费" for f in forms if f.endswith(("公务接待", "因公出国（境）"))}  # 公务接待11.8万元
    for word in sorted(KEYWORDS, key=len, reverse=True):
        if any(f == word or f.endswith(word) and len(f) - len(word) <= 2 for f in forms):
            return word
    for alias in sorted(ALIASES, key=len, reverse=True):
        if s == alias:
            return alias
    return ""


def _chart_name(name: str, year: int | None, level: str = "") -> chart.Entry | None:
    found = chart.by_name(name, year, level=level) if name else []
    return found[0] if len(found) == 1 else None


def _dash_path(s: str, year: int | None) -> chart.Entry | None:
    parts = [p for p in _DASHES.split(s.strip("“”\"")) if p]
    if len(parts) < 2:
        return None
    code, last = "", None
    for part in parts:
        part = rx_re.sub(r"科目$", "", part.strip("“”\""))
        found = chart.by_name(part, year, under=code)
        if len(found) != 1:
            return None
        last, code = found[0], found[0].code
    return last


def refine(before: str, year: int | None) -> tuple[str, str, str, str]:
    """(subject, kind, code, link) of an amount from the text before it in its sentence, when the
    subject words of prose/subjects.py are not enough; subject "" when the words name only which
    figure (the caller takes the item named before)."""
    parts = [x for x in rx_re.split(r"[，。；,;：:]", AMOUNT_BEFORE.split(before)[-1])]
    clause = parts[-1] if parts[-1].strip() or len(parts) < 2 else parts[-2]  # 预算安排规模：5.76万元
    c = compact(clause)
    if rx_re.search(r"[*×]", c):  # 4人*11天*120元: the item is what the line costs
        c = rx_re.split(r"[：:（(\d]", c)[0]
    m = _INLINE_CODE.search(c)
    if m:
        e = chart.lookup(m.group(1), year)
        if e is not None:
            return e.name, "path", e.code, "code"
    lv = list(_LEVEL_WORD.finditer(c))
    if lv:
        name = bare(lv[-1].group(1))
        e = _dash_path(name, year) or _chart_name(name, year, lv[-1].group(2))
        if e is not None:
            return name, "path", e.code, "code"
        # a name marked as an account of its level (人员经费（项级科目）): a named item
        kw = _keyword(_normal(name))
        return kw or name, kind_of(kw) if kw else "other", "", "item"
    path = _dash_path(rx_re.sub(r"科目\s*$", "", bare(c)), year)
    if path is not None:
        return bare(c), "path", path.code, "code"
    words = bare(_BARE_YEAR.sub("", c))
    ys = list(_YEAR.finditer(words))
    if ys:
        pre, post = words[:ys[-1].start()], words[ys[-1].end():]
        words = post if post and not basis_only(post) else pre
    words = rx_re.sub(r"(?:为|是|共计|合计|达到|达)$", "", words)
    if not words or basis_only(words):
        return "", "other", "", ""
    verbs = list(_CHANGE_VERB.finditer(words))
    if verbs:  # 增加综合管理费209万元 / 信息化建设经费增加35万元: the item beside the verb
        after, before_verb = words[verbs[-1].end():], words[:verbs[-1].start()]
        words = after if after.endswith(HEADS) else rx_re.split(r"[，、]", _PAIRED.sub(r"\1\2", before_verb))[-1] or words
    s = _normal(words)
    kw = _keyword(s)
    if kw:
        return kw, kind_of(kw), "", "item"
    core = rx_re.sub(r"(?:预算|决算)?(?:数)?$", "", s)
    if core in TOTALS or s in TOTALS or rx_re.sub(r"^.*?(本年|财政拨款|一般公共预算)", r"\1", core) in TOTALS \
            or _TOTAL_END.search(core) and not _VERB.search(core):
        return core or s, "total", "", "total"
    if core in INCOME or s in INCOME:
        return core or s, "income", "", "item"
    e = _chart_name(core, year)
    if e is not None and len(core) >= 3 and e.level == "类" and e.classification == "functional":
        return core, "category", e.code, "code"
    # any other name of the chart (差旅费, 行政运行) alone is a named item: a project's cost line or
    # one of many 项 of that name, not a code to compare a table's row with
    if not _VERB.search(core) and (core.endswith(HEADS) or chart.by_name(core, year)) and len(core) >= 2:
        return core, kind_of(core), "", "item"
    return words, "other", "", ""


def as_total(words: str) -> str:
    """The named total the words are (支出决算, 本年收入 …) when no item is named before, or ""."""
    w = rx_re.sub(r"(?:为|是|共计|合计)$", "", bare(_YEAR.sub("", compact(words))))
    return w if w in TOTALS else ""


def keyword_of(subject: str) -> str:
    """The KEYWORDS subject words name (公务接待费2018年 → 公务接待费), or the words."""
    return _keyword(_normal(bare(_YEAR.sub("", subject)))) or subject


def link_of(subject: str, kind: str, code: str) -> str:
    """How a fact read by prose/subjects.py is linked: code, total, item, or ""."""
    if code:
        return "code"
    if kind == "total":
        return "total"
    if kind not in ("other", "path", "category"):
        return "item"
    return ""


def path_before(text: str, year: int | None) -> chart.Match | None:
    """The last 类/款/项 path written in `text` (a sentence or heading naming the item an amount
    with no subject of its own belongs to: 行政单位离退休（项）。…年初预算为54.53万元)."""
    t = compact(text)[-200:]
    best = None
    for m in rx_re.finditer(r"[（(]\s*(?:\d{2,3}\s*)?(类|款|项)\s*[）)]", t):
        best = m.end()
    if best is None:
        return None
    seg = t[:best]
    start = max(seg.rfind(x) for x in "。；：:")
    m = chart.resolve_path(seg[start + 1:] if start >= 0 else seg, year)
    if m and m.status == "exact" and m.code:
        return m
    # a 款 or 项 alone: its name, under the headings above if they name a parent
    lv = list(_LEVEL_WORD.finditer(seg))
    if lv:
        e = _chart_name(bare(lv[-1].group(1)), year, lv[-1].group(2))
        if e is not None:
            return chart.Match(e.code, e.level, tuple(e.parents), e.name, "exact", "", ())
    return None


def name_before(text: str) -> str:
    """The last name marked with its level in `text` (…缴费支出（项）), when the chart does not
    resolve it: the named item an amount with no subject of its own belongs to, or ""."""
    lv = list(_LEVEL_WORD.finditer(compact(text)[-200:]))
    return bare(lv[-1].group(1)) if lv else ""
