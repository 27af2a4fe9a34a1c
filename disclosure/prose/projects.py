"""Projects described in the prose (项目名称：…, 设立的政策依据, 预算安排规模, 项目承担单位, 资金分配情况,
资金执行时间, and whatever else the document gives as 键：值), with the cost lines of 资金分配情况
parsed into item, quantity, unit price and amount (`激光打印机10台，10台*1000元/台=10000元`)."""
from __future__ import annotations

from decimal import Decimal

from disclosure.model import Document, Project, ProjectCost
from disclosure.normalize.units import AMOUNT_IN_TEXT, TEXT_FACTORS
from disclosure.rx import compile as rx_compile
from disclosure import rx as rx_re

_START = rx_compile(r"^(?:\d+[.．、]\s*)?项目名称\s*[:：]\s*(.+)$")
_FIELD = rx_compile(r"^([\u4e00-\u9fff（）()]{2,14})\s*[:：]\s*(.*)$")
_AMOUNT = rx_compile(AMOUNT_IN_TEXT.pattern + r"(?![/／])")  # not a unit price (1000元/台)
_TOP = rx_compile(r"(?:^|(?<=[。；;]))\s*(\d+)\s*(?:、|[.．](?!\d))")
_TOTAL = rx_compile(r"共计|合计|总计|以上费用|小计")
_QTY = rx_compile(r"(\d+(?:\.\d+)?)\s*(台|个|扇|套|块|把|瓶|只|件|辆|批|张|本|间|次|人|名|部|组|项|份|箱|支)")
_PRICE = rx_compile(r"(\d+(?:\.\d+)?)\s*元\s*/\s*[\u4e00-\u9fff]")
_RATE = rx_compile(r"每(月|人|年|天|次|期|户)|元\s*/\s*(月|人|年)")
KNOWN_FIELDS = {"设立的政策依据", "预算安排规模", "项目承担单位", "资金分配情况", "资金执行时间", "资金来源", "补贴人数",
                "补贴标准", "补贴范围", "补贴方式", "发放程序", "收益人群和社会效益", "项目概况", "项目内容", "绩效目标",
                "实施内容", "项目实施计划", "项目资金"}
_END_SECTION = rx_compile(r"^[一二三四五六七八九十]+、")


def _yuan(number: str, unit: str) -> Decimal:
    return Decimal(number.replace(",", "").replace("，", "")) * TEXT_FACTORS[unit]


def _cost(project: int, piece: str, page: int | None, top: bool) -> ProjectCost | None:
    amounts = list(_AMOUNT.finditer(piece))
    if not amounts or _RATE.search(piece[max(0, amounts[-1].start() - 10):amounts[-1].start()]):
        return None  # no amount, or a rate (每月生活补贴120元) rather than a cost
    eq = rx_re.search(r"=\s*(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|千元|元)", piece)
    last = eq if eq else amounts[-1]
    amount = _yuan(last.group(1), last.group(2))
    head = piece[:amounts[0].start()]
    item = rx_re.split(r"\d", rx_re.sub(r"^[\s（(]*\d*[）)、.．]?\s*", "", head), maxsplit=1)[0].strip(" ：:，,、（(")
    qty = _QTY.search(piece[:last.start()])
    price = _PRICE.search(piece)
    unit_price = Decimal(price.group(1)) if price else None  # only a printed one: none is made up
    head_only = rx_re.split(r"[。；;]|其中", piece.strip())[0] if top else piece
    return ProjectCost(project, piece.strip(), item, Decimal(qty.group(1)) if qty else None,
                       qty.group(2) if qty else "", unit_price, amount, page, top,
                       bool(_TOTAL.search(head_only)) and not rx_re.match(r"^\s*\d+\s*[、.．]", piece))


def _split(text: str) -> list[str]:
    """Comma/semicolon pieces with an amount; a piece without one prefixes the next
    (激光打印机10台，10台*1000元/台=10000元 is one cost line)."""
    out, carry = [], ""
    for piece in rx_re.split(r"[，,；;。]", text):
        if _AMOUNT.search(piece):
            out.append(carry + ("，" if carry else "") + piece)
            carry = ""
        elif piece.strip():
            carry = piece.strip() if not carry else carry + "，" + piece.strip()
    return out


def _pieces(text: str) -> list[tuple[str, bool]]:
    """(piece, top level) of a 资金分配情况 text: numbered items (1、 2、) when it has them, each with
    its details; otherwise the comma-separated list."""
    tops = list(_TOP.finditer(text))
    if len(tops) >= 2:
        out = []
        for n, m in enumerate(tops):
            end = tops[n + 1].start() if n + 1 < len(tops) else len(text)
            item = text[m.start():end]
            head, _, rest = item.partition("其中")
            out.append((item, True))
            out.extend((p, False) for p in _split(rest))
        return out
    return [(p, True) for p in _split(text)]


def _top_amount(piece: str) -> Decimal | None:
    """A numbered item's amount: the 共计 of its first sentence when printed (付…80000元，…，共计231000元),
    else its first amount (大厅运行费用143000元。其中：…); a 合计 in a later sentence is the document's."""
    head = piece.split("其中")[0]
    first = rx_re.split(r"[。；;]", head.strip())[0]
    if not rx_re.search(r"\d", first):
        first = head  # the item's first sentence names no figure: read the whole head
    total = rx_re.search(r"(?:共计|合计|总计)[^\d]{0,6}(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|千元|元)", first)
    m = total or _AMOUNT.search(first) or _AMOUNT.search(piece)
    return _yuan(m.group(1), m.group(2)) if m else None


def _finish(p: Project, text: str, page: int | None) -> None:
    pieces = _pieces(text)
    numbered = any(top for _, top in pieces) and len(list(_TOP.finditer(text))) >= 2
    for piece, top in pieces:
        c = _cost(p.index, piece, page, top)
        if c:
            if numbered and top:
                c.amount_yuan = _top_amount(piece)
            p.costs.append(c)
    items = [c for c in p.costs if c.top_level and not c.is_total and c.amount_yuan is not None]
    if numbered:
        items = [c for c in p.costs if c.top_level and c.amount_yuan is not None]
    p.costs_sum_yuan = sum((c.amount_yuan for c in items), Decimal(0)) if items else None


def projects(doc: Document) -> list[Project]:
    out: list[Project] = []
    current: Project | None = None
    key = ""
    money: list[str] = []
    page = None

    def close() -> None:
        if current is not None:
            _finish(current, "".join(money), page)

    for para in doc.paragraphs:
        text = para.text.strip()
        m = _START.match(text)
        if m:
            close()
            current = Project(len(out) + 1, m.group(1).strip(), {}, "", None, [], para.page)
            out.append(current)
            key, money, page = "", [], para.page
            continue
        if current is None:
            continue
        if para.kind == "heading" and _END_SECTION.match(text):
            close()
            current, key, money = None, "", []
            continue
        f = _FIELD.match(text)
        # a 键：值 line starts a field when the field before has ended (its text closes a sentence)
        # or it is one of the fields projects are described by; otherwise a broken line of the text
        # before (…一次性医用口罩：1片… / 膜手套：4只…) goes on
        ended = not key or rx_re.search(r"[。；;]$", current.fields.get(key, "")) or key != "资金分配情况"
        if f and not rx_re.match(r"^\d", text) and (f.group(1) in KNOWN_FIELDS or ended):
            key = f.group(1)
            current.fields[key] = f.group(2).strip()
            if key == "预算安排规模":
                current.budget_printed = f.group(2).strip()
                a = _AMOUNT.search(f.group(2))
                current.budget_yuan = _yuan(a.group(1), a.group(2)) if a else None
            if key == "资金分配情况":
                money, page = [f.group(2).strip()], para.page
            continue
        if key:
            current.fields[key] = (current.fields[key] + "\n" + text).strip()
            if key == "资金分配情况":
                # a new numbered item starts a sentence; any other line continues the one before
                starts_item = rx_re.match(r"^\s*\d+\s*(?:、|[.．](?!\d))", text)
                sep = "。" if starts_item and not rx_re.search(r"[。；;]$", money[-1] if money else "。") else ""
                money.append(("" if not money else sep) + text)
    close()
    return out
