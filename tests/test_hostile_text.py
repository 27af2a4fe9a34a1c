"""Issue #15 (hostile inputs): text whose reading cost grew with the square of its length. A one-line
text of 50,000 digits, or a page's table flattened into one "sentence" of thousands of amounts (a web
page's text with no full stop), took minutes (a 500 KB line of amounts did not finish in 300 s): an
amount was sought from every digit of a run, each amount's subject in all the words before it, and
a list's lead (其中：) in the whole paragraph per fact. These tests count the work, not the time:
the words each amount's subject is sought in are bounded, and what is read is what is printed."""
from __future__ import annotations

from decimal import Decimal

import disclosure
from disclosure.normalize.units import AMOUNT_IN_TEXT
from disclosure.prose import facts as facts_mod


def test_an_amount_is_sought_from_the_start_of_its_digits_only():
    # the same matches as before; a run of digits with no unit is one failed attempt, not one a digit
    assert [m.group(0) for m in AMOUNT_IN_TEXT.finditer("支出12,345.67万元，增长3元")] == ["12,345.67万元", "3元"]
    run = "7" * 20000
    assert AMOUNT_IN_TEXT.search(run + "，") is None
    assert [m.group(1) for m in AMOUNT_IN_TEXT.finditer(run + "元")] == [run]
    assert [m.group(0) for m in AMOUNT_IN_TEXT.finditer("1.2.5万元")] == ["2.5万元"]


def test_a_long_sentence_is_read_a_clause_at_a_time_and_given_back_whole():
    text = "，".join(f"项目{k}支出{k}.5万元" for k in range(3000)) + "。短句1万元。"
    pieces = facts_mod.sentences(text)
    assert "".join(pieces) == text
    assert max(len(p) for p in pieces) <= facts_mod._LONGEST
    assert [p for p in pieces if p][-1] == "短句1万元。"
    # a run of 5000 characters with no mark is cut where no number is broken
    text = "字" * 995 + "123456万元" + "字" * 4000
    pieces = facts_mod.sentences(text)
    assert "".join(pieces) == text and pieces[0] == "字" * 995 and pieces[1].startswith("123456万元")


def test_every_amount_of_a_line_of_thousands_is_read_and_each_subject_sought_in_bounded_words(tmp_path, monkeypatch):
    seen: list[int] = []
    real = facts_mod.subject_of

    def counting(before, year):
        seen.append(len(before))
        return real(before, year)

    monkeypatch.setattr(facts_mod, "subject_of", counting)
    n = 4000
    path = tmp_path / "flat-2021-budget.txt"
    path.write_text("某单位2021年部门预算\n一、预算说明\n" + "，".join(f"项目{k}支出{k}.25万元" for k in range(n))
                    + "。\n", encoding="utf-8")
    doc = disclosure.extract(str(path))
    amounts = [f for f in doc.facts if f.printed.endswith("万元")]
    assert len(amounts) == n
    assert amounts[1234].value == Decimal("1234.25") and amounts[1234].value_yuan == Decimal("12342500")
    assert amounts[-1].value == Decimal(f"{n - 1}.25")
    assert seen and max(seen) <= facts_mod._LONGEST  # (the whole line before the last amount: ~70,000)


def test_a_list_lead_is_read_at_the_end_of_its_text():
    from disclosure.checks.narrative import _leads

    assert _leads("支出合计100万元，其中：") and _leads("主要用于以下方面 ： \n") and _leads("具体如下:")
    assert not _leads("其中：基本支出80万元") and not _leads("其中") and not _leads("包括：" + "字" * 10)
