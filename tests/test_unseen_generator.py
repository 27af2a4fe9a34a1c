"""The unseen-layout generator itself (samples/unseen, issue #12): its figures add up as printed,
its codes are the chart's of the document's year, a seeded document is made again byte for byte,
and every axis value is drawn. Not a test of the reading (bench/unseen_layouts.py scores that)."""
from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from decimal import Decimal

import pytest

from samples.unseen import chart, content, make, tables


def grids_of(seed: int, i: int, **override):
    rng = random.Random(f"{seed}:{i}")
    ax = make.draw_axes(rng)
    ax.update(override)
    year = rng.randint(2018, 2025)
    fmt = content.Fmt(ax["amounts"], ax["zero"], ax["negative"])
    fig = content.figures(rng, year, ax["kind"], fmt, ax["unit"])
    return year, tables.Builder(rng, fig, ax, fmt, ax["unit"], "某县统计局").all()


def by_key(g):
    """{(key, side, column path): Decimal} of a grid's printed amounts (blank zeros absent)."""
    out = {}
    for t in g.truth:
        out[(t["key"], t["side"], "/".join(g.column_path(t["col"])))] = Decimal(t["value"])
    return out


@pytest.mark.parametrize("i", range(12))
def test_children_sum_to_parents_and_totals(i):
    _year, grids = grids_of(5, i, codes="joined", zero="blank", change_cols=False, three="wide")
    tested = 0
    for g in grids:
        v = by_key(g)
        cols = sorted({c for _k, _s, c in v})
        if g.type in ("expenditure_summary", "income_summary", "general_budget_expenditure",
                      "government_fund_expenditure", "general_budget_basic_expenditure", "operating_expenses"):
            codes = {k for k, _s, _c in v if k.isdigit()}
            for col in cols:
                def get(k, v=v, col=col):
                    return v.get((k, "", col), Decimal(0))
                for code in codes:
                    kids = [c for c in codes if len(c) == len(code) + 2 and c.startswith(code)]
                    if kids:
                        assert get(code) == sum(get(c) for c in kids), (g.type, code, col)
                        tested += 1
                top = [c for c in codes if len(c) == min(len(x) for x in codes)]
                assert get("合计") == sum(get(c) for c in top), (g.type, col)
                tested += 1
            # in every row the 合计 column is the sum of the columns after it at the same depth
            parts = [c for c in cols if c not in ("合计",)]
            if "合计" in cols and g.type != "operating_expenses":
                for key in {k for k, _s, _c in v}:
                    assert v.get((key, "", "合计"), Decimal(0)) == sum(v.get((key, "", c), Decimal(0)) for c in parts), (g.type, key)
                    tested += 1
        if g.type in ("income_expenditure_summary", "fiscal_allocation_summary"):
            inc = [val for (k, s, c), val in v.items() if s == "income" and k.endswith("总计")]
            exp = [val for (k, s, c), val in v.items() if s == "expenditure" and k.endswith("总计") and c.endswith(("数", "合计"))]
            assert inc and inc[0] == exp[0], g.type
            tested += 1
        if g.type == "three_public_expenses":
            row = {c.split("/")[-1]: val for (k, s, c), val in v.items()}
            def z(name, row=row):
                return row.get(name, Decimal(0))
            assert z("合计") == z("因公出国（境）费") + z("小计") + z("公务接待费")
            assert z("小计") == z("公务用车购置费") + z("公务用车运行费")
            tested += 2
    assert tested > 40


def test_codes_and_names_are_the_charts_of_the_year():
    for i in range(8):
        year, grids = grids_of(6, i, codes="joined")
        known = {c: n for c, _lv, n in chart.rows("functional", year)} | {c: n for c, _lv, n in chart.rows("economic", year)}
        seen = 0
        for g in grids:
            for row in g.body:
                code = [c.text for c in row if c is not None and c.kind == "code"]
                name = [c.text for c in row if c is not None and c.kind == "name"]
                if code:
                    assert code[0] in known, (year, code)
                    assert name[0].replace(content.FW, "") == known[code[0]], (year, code, name)
                    seen += 1
        assert seen > 20


def test_a_seeded_document_is_made_again_identically(tmp_path):
    # document 1 of seed 2 is drawn by reportlab (checked here so a change of the axes is noticed)
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    ta = make.generate(2, 1, a)
    assert ta["producer"] == "reportlab"
    make.generate(2, 1, b)
    name = ta["id"]
    assert (a / f"{name}.pdf").read_bytes() == (b / f"{name}.pdf").read_bytes()
    assert (a / f"{name}.truth.json").read_text() == (b / f"{name}.truth.json").read_text()
    truth = json.loads((a / f"{name}.truth.json").read_text())
    assert sum(len(t["amounts"]) for t in truth["tables"]) > 50
    # every amount has its page, within the document
    for t in truth["tables"]:
        for am in t["amounts"]:
            assert am["pages"] and all(1 <= p <= truth["pages"] for p in am["pages"])
    # what the truth says is printed is in the page's text
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(a / f"{name}.pdf"))
    texts = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    for t in truth["tables"]:
        for am in t["amounts"]:
            assert any(am["printed"] in texts[p - 1] for p in am["pages"]), (t["type"], am)
    doc.close()


def test_every_axis_value_is_drawn():
    seen = defaultdict(set)
    for i in range(400):
        ax = make.draw_axes(random.Random(f"9:{i}"))
        for k, v in ax.items():
            if k in make.AXES:
                seen[k].add(v)
    for k, values in make.AXES.items():
        assert seen[k] == set(values), k


def test_side_by_side_puts_two_tables_on_one_page(tmp_path):
    # the axis takes effect: the 三公 list and the 机关运行经费 table share a page, left and right
    made = 0
    for i in range(12):
        rng = random.Random(f"3:{i}")
        ax = make.draw_axes(rng)
        if ax["producer"] != "reportlab" or "operating_expenses" in ax["drop"]:
            continue
        truth = make.generate(3, i, tmp_path, {"side_by_side": True, "three": "list"})
        pair = [t for t in truth["tables"] if t["beside"]]
        assert [t["type"] for t in pair] == ["three_public_expenses", "operating_expenses"]
        assert pair[0]["pages"] == pair[1]["pages"] and len(pair[0]["pages"]) == 1
        made += 1
        if made == 2:
            break
    assert made == 2


def test_every_later_axis_is_drawn_and_only_where_it_takes_effect():
    seen = defaultdict(set)
    for i in range(200):
        ax = make.draw_axes(random.Random(f"9:{i}"))
        later = make.draw_later(9, i, ax)
        for k, v in later.items():
            seen[k].add(v)
        if ax["producer"] != "reportlab":
            assert not later["three_boxes"] and not later["row_break"]
        if ax["rules"] not in ("grid", "dotted") or ax["three"] == "list":
            assert not later["three_boxes"]
    assert all(seen[k] == {False, True} for k in make.LATER_AXES), dict(seen)


def test_a_later_axis_changes_only_what_it_draws(tmp_path):
    # the summary in two expenditure pairs, its row broken over the page: every other table's truth is
    # as without them (the later axes draw from a generator of their own)
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    off = make.generate(2, 1, a, {"exp_pairs": False, "row_break": False, "three_boxes": False})
    on = make.generate(2, 1, b, {"exp_pairs": True, "row_break": True, "three_boxes": False})
    assert on["axes"]["exp_pairs"] and on["axes"]["row_break"] and not off["axes"]["exp_pairs"]
    plain = lambda t: [(x["key"], x["side"], x["column"], x["printed"]) for x in t["amounts"]]
    for x, y in zip(off["tables"], on["tables"]):
        assert x["type"] == y["type"]
        if x["type"] != "income_expenditure_summary":
            assert plain(x) == plain(y), x["type"]
    (summary,) = [t for t in on["tables"] if t["type"] == "income_expenditure_summary"]
    # the use pair's figures and the totals printed once under its amount column
    use = {x["key"]: x for x in summary["amounts"] if x["column"][1:2] == ["经济分类"]}
    assert {"一、基本支出", "二、项目支出", "本年支出合计", "支出总计"} <= set(use)
    assert Decimal(use["一、基本支出"]["value"]) + Decimal(use["二、项目支出"]["value"]) == Decimal(use["本年支出合计"]["value"])
    # the row broken over the page: its figure on the first of the summary's two pages
    assert len(summary["pages"]) == 2
    (inc,) = [x for x in summary["amounts"] if x["key"] == "本年收入合计"]
    assert inc["pages"] == summary["pages"][:1]


def test_three_public_headings_boxed_a_line_each_keep_their_one_heading(tmp_path):
    truth = make.generate(2, 1, tmp_path, {"three_boxes": True, "three": "wide", "rules": "grid", "producer": "reportlab"})
    assert truth["axes"]["three_boxes"]
    (three,) = [t for t in truth["tables"] if t["type"] == "three_public_expenses"]
    cols = {"/".join(x["column"]) for x in three["amounts"]}
    assert {"因公出国（境）费", "公务接待费"} & cols
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(tmp_path / f"{truth['id']}.pdf"))
    text = doc[three["pages"][0] - 1].get_textpage().get_text_range()
    doc.close()
    assert re.search(r"公务接\s+待费", text) and re.search(r"因公出国\s+（境）费", text)  # printed on two lines


@pytest.mark.parametrize("title_place", ["above", "in_grid"])
def test_side_wrap_wraps_each_title_in_its_half_and_starts_the_tables_level(tmp_path, title_place):
    # forced axis side_wrap: the two titles side by side wrap each inside its half of the page (a
    # title longer than its half takes two lines or more), and both tables start level below them;
    # every other table is as drawn without the axis
    import pdfplumber

    force = {"producer": "reportlab", "side_by_side": True, "title_place": title_place, "numbering": "biao",
             "title_text": "org_after_year", "orientation": "portrait", "title_size": 14}
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    plain = make.generate(41, 21, tmp_path / "a", force)
    truth = make.generate(41, 21, tmp_path / "b", {**force, "side_wrap": True})
    assert truth["axes"]["side_wrap"] and "side_wrap" not in plain["axes"]
    pair = [t for t in truth["tables"] if t["beside"]]
    assert [t["type"] for t in pair] == ["three_public_expenses", "operating_expenses"]
    amounts = lambda t: [(x["key"], x["column"], x["printed"]) for x in t["amounts"]]
    assert [amounts(t) for t in plain["tables"]] == [amounts(t) for t in truth["tables"]]
    with pdfplumber.open(tmp_path / "b" / f"{truth['id']}.pdf") as pdf:
        page = pdf.pages[pair[0]["pages"][0] - 1]
        mid = float(page.width) / 2
        big = [c for c in page.chars if round(c["size"]) == 14]
        low = max(c["bottom"] for c in big)
        small = [c for c in page.chars if c["top"] > low and c["text"].strip()]
    left = {round(c["top"]) for c in big if c["x1"] <= mid}
    right = {round(c["top"]) for c in big if c["x0"] >= mid}
    assert not [c for c in big if c["x0"] < mid < c["x1"]]  # no title line crosses the middle
    assert len(left) >= 2  # the long 三公 title wraps in its half
    assert right and max(right) - min(right) < 40  # the short one beside it: a line or two
    # level below the titles: the first line under them starts on one baseline either side
    first = [min(c["top"] for c in small if (c["x1"] <= mid) == side) for side in (True, False)]
    assert abs(first[0] - first[1]) < 1


def test_every_form_axis_is_drawn_at_its_rate_from_a_stream_of_its_own():
    # the axes forced only in session 17 (栏次 rows, 行次 columns, three expenditure pairs, title variants,
    # the project table) are drawn by every seed now: each True and False among 400 documents, near its rate
    seen = defaultdict(int)
    for i in range(400):
        for k, v in make.draw_form(9, i).items():
            seen[k] += v
    assert set(seen) == set(make.FORM_AXES)
    for k, rate in make.FORM_RATES.items():
        assert 0.5 * rate * 400 < seen[k] < 1.5 * rate * 400, (k, seen[k])
    # their own stream: the first-level axes and the later axes of a document are as without them
    assert make.draw_axes(random.Random("9:3")) == make.draw_axes(random.Random("9:3"))
    assert make.draw_form(9, 3) == make.draw_form(9, 3)


def test_a_form_axis_changes_only_what_it_draws_and_is_recorded(tmp_path):
    # 行次 columns change the two-sided summaries alone; every other table's truth is as without them,
    # and the truth records the form axes whether drawn or not (a row each in the bench's per-axis table)
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    none = {k: False for k in make.FORM_AXES}
    off = make.generate(2, 1, a, make.parse_force([f"{k}=False" for k in none]))
    on = make.generate(2, 1, b, make.parse_force([f"{k}=False" for k in none if k != "row_numbers"] + ["row_numbers=True"]))
    assert off["axes"]["row_numbers"] is False and on["axes"]["row_numbers"] is True
    assert set(make.FORM_AXES) <= set(off["axes"])
    plain = lambda t: [(x["key"], x["side"], x["column"], x["printed"]) for x in t["amounts"]]
    changed = set()
    for x, y in zip(off["tables"], on["tables"], strict=True):
        assert x["type"] == y["type"]
        if plain(x) != plain(y):
            changed.add(x["type"])
    assert changed == set()  # (the 行次 numbers are no amounts: the summaries' truth is the same)
    assert (a / f"{off['id']}.pdf").read_bytes() != (b / f"{on['id']}.pdf").read_bytes()  # but printed
    # three pairs take the place of two where both are drawn
    three = make.generate(2, 1, a, {"exp_pairs": True, "exp_pairs3": True})
    assert three["axes"]["exp_pairs3"] and not three["axes"]["exp_pairs"]


def test_label_rows_prints_labels_only_past_a_tables_page_break(tmp_path):
    # forced axis label_rows: a ruled table broken over a page prints no figure from the break on;
    # those rows leave the truth's amounts and stand in its labels (key, page), every amount before
    # the break as drawn without the axis
    force = {"producer": "reportlab", "rules": "grid", "repeat_head": False, "per_page": False, "wide_split": False}
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    plain = make.generate(25, 1, tmp_path / "a", force)
    truth = make.generate(25, 1, tmp_path / "b", {**force, "label_rows": True})
    assert truth["axes"]["label_rows"] and "label_rows" not in plain["axes"]
    broken = [(p, t) for p, t in zip(plain["tables"], truth["tables"]) if t.get("labels")]
    assert broken and not any(t.get("labels") for t in plain["tables"])
    for p, t in broken:
        first = min(lb["page"] for lb in t["labels"])
        assert first > min(t["pages"])  # past the break, not on the table's first page
        kept = [(x["key"], x["printed"], x["pages"]) for x in t["amounts"]]
        assert kept == [(x["key"], x["printed"], x["pages"]) for x in p["amounts"] if x["pages"][-1] < first]
        assert {(x["key"], x["pages"][-1]) for x in p["amounts"] if x["pages"][-1] >= first} \
            <= {(lb["key"], lb["page"]) for lb in t["labels"]}
    unbroken = [(p, t) for p, t in zip(plain["tables"], truth["tables"]) if not t.get("labels")]
    assert [p["amounts"] for p, _ in unbroken] == [t["amounts"] for _, t in unbroken]


def test_stacked_puts_a_tables_end_and_the_next_tables_title_on_one_ruling(tmp_path):
    # forced axis stacked: the title and unit line in unruled cells of the sheet (filled, no rule),
    # the next table's title cell under the last row of the one before; with label_rows a page
    # holding one table's labels-only rows and the next table is one ruled region, as
    # jiangsu-rendaban-2017 p.10 would be had its tables touched (p.9's do)
    import pdfplumber
    force = {"producer": "reportlab", "rules": "grid", "repeat_head": False, "wide_split": False,
             "side_by_side": False, "title_place": "above", "label_rows": True}
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    plain = make.generate(25, 1, tmp_path / "a", {**force, "per_page": False})
    truth = make.generate(25, 1, tmp_path / "b", {**force, "stacked": True})
    assert truth["axes"]["stacked"] and truth["axes"]["per_page"] is False and "stacked" not in plain["axes"]
    assert [t["title"] for t in truth["tables"]] == [t["title"] for t in plain["tables"]]
    shared = 0
    with pdfplumber.open(tmp_path / "b" / f"{truth['id']}.pdf") as pdf:
        for t, u in zip(truth["tables"], truth["tables"][1:]):
            ends = max(lb["page"] for lb in t.get("labels", [])) if t.get("labels") else None
            if ends is None or ends != min(u["pages"]):
                continue
            page = pdf.pages[ends - 1]
            regions = page.find_tables()
            assert len(regions) == 1  # the labels-only rows and the next table on one ruling
            text = regions[0].extract()
            flat = "".join(c or "" for row in text for c in row)
            assert re.sub(r"\s", "", u["title"])[-6:] in re.sub(r"\s", "", flat)
            shared += 1
    assert shared
