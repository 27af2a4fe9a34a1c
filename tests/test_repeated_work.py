"""Work a process repeats on every file, page or line, done once (issue #15): the outputs stay
what they were; what changes them (the environment, the rules) is still read."""
from __future__ import annotations

import pytest

from disclosure import limits


def test_limits_follow_the_environment(monkeypatch):
    monkeypatch.delenv("DISCLOSURE_MAX_PAGES", raising=False)
    monkeypatch.delenv("DISCLOSURE_TIMEOUT", raising=False)
    assert limits.current().max_pages == 5000
    monkeypatch.setenv("DISCLOSURE_MAX_PAGES", "7")
    assert limits.current().max_pages == 7
    assert limits.current().timeout == 300.0
    monkeypatch.setenv("DISCLOSURE_TIMEOUT", "12.5")
    assert (limits.current().max_pages, limits.current().timeout) == (7, 12.5)
    monkeypatch.setenv("DISCLOSURE_MAX_PAGES", "")
    assert limits.current().max_pages == 5000
    monkeypatch.setenv("DISCLOSURE_MAX_PAGES", "7")
    assert limits.current().max_pages == 7  # the same values again: the same answer
    monkeypatch.setenv("DISCLOSURE_MAX_PAGES", "-1")
    with pytest.raises(ValueError, match="DISCLOSURE_MAX_PAGES='-1' must be 0 or more"):
        limits.current()
    with pytest.raises(ValueError):  # an error is raised each time, never kept as an answer
        limits.current()


def test_end_chars_of_patterns():
    from disclosure.normalize.table_types import end_chars

    assert end_chars("收入(?:预算|决算)?(?:总体情况|总)?表") == frozenset("表")
    assert end_chars(".*(?:甲|乙[丙丁])") == frozenset("甲丙丁")
    assert end_chars("[a-c]+$") == frozenset("abc")
    for unknown in ("表?", "[^表]", "甲|乙*", "(?i)a", r"\w", "(?=表)", ""):
        assert end_chars(unknown) is None, unknown


def test_table_type_with_and_without_the_end_filter(monkeypatch):
    from disclosure.normalize import table_types as T

    titles = {"2018年度江苏省人民检察院收入预算总表": "income_summary", "表三：一般公共预算支出预算表（续）":
              "general_budget_expenditure", "2024年部门财务收支预算总表": "income_expenditure_summary",
              "项目支出绩效目标表": "performance_targets", "收入预算总表说明": "other",
              "本表无数据": "other", "": "other", "一般公共预算“三公”经费支出表": "three_public_expenses"}
    assert T._rule_ends() == frozenset("表")  # every rule of table_types.json ends in 表
    for title, typ in titles.items():
        assert T.table_type.__wrapped__(title) == typ, title
    assert T.organisation("2018年度江苏省人民检察院收入预算总表") == "江苏省人民检察院"
    monkeypatch.setattr(T, "_rule_ends", lambda: None)  # a rule whose end cannot be told: no filter
    for title, typ in titles.items():
        assert T.table_type.__wrapped__(title) == typ, title


def test_name_key_of_plain_and_marked_names():
    from disclosure.normalize.chart import name_key

    assert name_key("机关事业单位基本养老保险缴费支出") == "机关事业单位基本养老保险缴费支出"
    assert name_key("因公出国（境）费用") == "因公出国（境）费用"
    assert name_key("因公出国(境)费用") == "因公出国（境）费用"
    assert name_key("收 入 总 计") == "收入总计"
    assert name_key("⻋辆购置") == "车辆购置"  # a CJK Radicals Supplement glyph
    assert name_key("⼀般公共服务") == "一般公共服务"  # a Kangxi radical (NFKC)
    assert name_key("“三公”经费") == "三公经费"
    assert name_key("住房\u00a0公积金") == "住房公积金"
    assert name_key("") == ""


def test_rx_functions_answer_as_re():
    import re

    from disclosure import rx

    s = "2018年 收入 12.5万元，支出3万元"
    assert rx.sub(r"\s+", "", s) == "2018年收入12.5万元，支出3万元"
    assert rx.sub(r"(\d+)万元", r"<\1>", s, 1) == "2018年 收入 12.<5>，支出3万元"
    assert rx.subn(r"万元", "", s) == ("2018年 收入 12.5，支出3", 2)
    assert rx.match(r"\d{4}", s).group() == "2018"
    assert rx.fullmatch(r"收入", "收入") is not None and rx.fullmatch(r"收", "收入") is None
    assert rx.search(r"支出(\d+)", s).group(1) == "3"
    assert rx.split(r"[，,]", s) == ["2018年 收入 12.5万元", "支出3万元"]
    assert rx.split(r"\s", s, 1) == ["2018年", "收入 12.5万元，支出3万元"]
    assert rx.findall(r"[\d.]+(?=万元)", s) == ["12.5", "3"]
    assert [m.start() for m in rx.finditer(r"万元", s)] == [13, 19]
    assert rx.search(r"SHOU", "shou", re.I) is not None and rx.search(r"SHOU", "shou") is None
    assert rx.sub(rb"\s", b"", b"a b") == b"ab"


def test_chart_entries_made_as_asked_are_the_same_objects():
    from disclosure.normalize import chart

    chart.reload()
    try:
        e = chart.lookup("2080505", 2020)
        assert (e.name, e.level, e.classification, e.valid_from) == ("机关事业单位基本养老保险缴费支出", "项", "functional", 2017)
        made = sum(x is not None for x in chart._made())
        assert 0 < made < 20  # the code's entries and nothing else yet
        assert [x.name for x in chart.by_name("行政运行", 2020, under="20101")] == ["行政运行"]
        assert chart.by_name("行政运行", 2020, under="20101")[0].code == "2010101"
        everything = chart.shipped()
        assert len(everything) == len(chart._shipped_rows()) > 1900
        assert any(x is e for x in everything)  # made once: the entry asked before is the one listed
        assert [x.code for x in everything[:3]] == ["201", "20101", "2010101"]
        assert chart.versions("2080505") == [e]
    finally:
        chart.reload()


def test_the_pdfium_reader_reads_the_limits_once_a_document(monkeypatch):
    """The XObject bounds and the stream limit (limits.current(): nine environment variables) are
    read when a document is opened, not twice a page and once a stream (issue #15: ~900 reads over
    the corpus); the values read are the environment's at that moment, and every page is surveyed
    against them."""
    from conftest import corpus_file

    from disclosure.extract import pdfium_reader as pr, pdfobjects

    path = corpus_file("putuo-wanli-2024-dept-budget.pdf")  # 33 pages, Flate streams
    reads = []
    real = limits.current
    monkeypatch.setattr(limits, "current", lambda: reads.append(1) or real())
    monkeypatch.setattr(pdfobjects, "max_stream_bytes", lambda: reads.append(1) or limits.max_stream_bytes())
    monkeypatch.setenv("DISCLOSURE_MAX_XOBJECT_DRAWS", "3")
    monkeypatch.setenv("DISCLOSURE_MAX_STREAM_MB", "9")
    d = pr.PdfiumDocument(path)
    monkeypatch.setenv("DISCLOSURE_MAX_XOBJECT_DRAWS", "1")  # after the opening: not this document's
    numbers = [n for n, page, _, _ in d.pages() if isinstance(page, pr.PdfiumPage)]
    assert len(reads) <= 3, len(reads)  # the bounds and the stream limit once each (was 2 a page + 1 a stream)
    assert d._descriptors.bounds == (limits.Limits().max_xobject_depth, 3)
    assert d._descriptors.doc.max_stream == 9 * 1048576  # (the file read by extract/pdfobjects.py, not declined)
    d.close()
    assert numbers == list(range(1, 34))


def test_a_line_s_title_type_is_read_once(monkeypatch):
    """build._table_title (the table type a line names as a title) reads a text once: _gridless
    asks it of every line up to twice and a page's headings repeat on every page (issue #15); the
    answers are the ones read each time."""
    from disclosure.structure import build

    lines = ["表三：一般公共预算支出预算表", "2018年度江苏省人民检察院收入预算总表", "单位：万元", "合计", "一、部门主要职责"]
    want = [build._table_title.__wrapped__(t) for t in lines]
    assert want == ["general_budget_expenditure", "income_summary", "other", "other", "other"]
    read = []
    real = build.read_context
    monkeypatch.setattr(build, "read_context", lambda ls: read.append(tuple(ls)) or real(ls))
    build._table_title.cache_clear()
    try:
        assert [build._table_title(t) for t in lines + lines] == want + want
        assert read == [(t,) for t in lines]  # each text read once
    finally:
        build._table_title.cache_clear()


def test_a_class_name_with_words_before_it_is_found_among_the_classes():
    """resolve_path finds a 类 name printed with words before it (本单位社会保障和就业支出（类）…)
    among the entries of that level (chart._of_level: a few dozen), not by making and scanning the
    ~2200 entries of the chart each time (issue #15); the same match, and a name the chart lacks is
    still unknown."""
    from disclosure.normalize import chart

    chart.reload()
    try:
        m = chart.resolve_path("本单位社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）", 2020)
        assert (m.code, m.status, m.path) == ("2080505", "exact", ("社会保障和就业支出", "行政事业单位养老支出"))
        assert sum(x is not None for x in chart._made()) < 200  # (every entry made before: 2195)
        assert [e.code for e in chart._of_level("类")][:3] == ["201", "202", "203"]
        assert all(e.level == "类" for e in chart._of_level("类")) and len(chart._of_level("类")) > 20
        m = chart.resolve_path("本单位社会保障就业支出（类）行政事业单位养老支出（款）", 2020)
        assert (m.status, m.note) == ("unknown", "本单位社会保障就业支出（类）is not in the chart")
    finally:
        chart.reload()


def test_subject_words_read_once_a_sentence_give_the_same_subjects(monkeypatch):
    """prose/subjects.subject_of strips the clause once, not once a keyword (the pattern, anchored
    at the end behind optional groups, was ~17,600 substitutions over the corpus; issue #15)."""
    from disclosure import rx as rx_re
    from disclosure.prose.subjects import subject_of

    calls = []
    real = rx_re.sub
    monkeypatch.setattr(rx_re, "sub", lambda pattern, *a, **k: calls.append(pattern) or real(pattern, *a, **k))
    got = [subject_of(t, 2020) for t in ("一般公共预算财政拨款基本支出", "其中：人员经费为", "比上年增加", "办公费")]
    assert got[:3] == [("基本支出", "basic", ""), ("人员经费", "personnel", ""), ("比上年增加", "other", "")]
    assert len(calls) <= 4 * 3, len(calls)  # at most three a sentence (was one a keyword tried: 75 here)
