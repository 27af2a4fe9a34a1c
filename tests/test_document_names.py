"""A document's title and department (structure/metadata.py, normalize/departments.py): an
organisation's name or nothing, never a web page's chrome, a table's heading cell, a contents list
or a line of the body. Constructed texts of the kinds a new-user trial met on real pages."""
import pytest

from disclosure import pipeline
from disclosure.batch.volumes import match
from disclosure.normalize.departments import department_key, organisation_name


def _doc(tmp_path, text: str, name: str = "page.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return pipeline.extract(path)


@pytest.mark.parametrize("printed, name", [
    ("某市交通运输局部门", "某市交通运输局"),  # 部门 before “三公”经费: no part of the name
    ("某县公路养护中心财政拨款", "某县公路养护中心"),
    ("某市委统战部“三公”经(jīng)费", "某市委统战部"),  # up to the first character no name prints
    ("某县人民政府办公室（本级）", "某县人民政府办公室（本级）"),
    ("某自治州本级", "某自治州本级"), ("某省级", "某省级"),
    ("上海市 XX 局", "上海市 XX 局"),
    ("首页 > 部门 > 某县招商服务中心 > 财政资金", ""),  # a breadcrumb
    ("来源: 发布时间:2016-04-28 00:00 累计次数: 字体:[ ]", ""),
    ("项目 |", ""), ("项目", ""), ("收入", ""), ("一、", ""), ("区本级", ""),
    ("第一部分某省疾病预防控制中心概况一、主要职能", ""),  # a contents list
    ("8（三）按经济分类划分,分为基本支出", ""),  # a page number and the body
])
def test_an_organisations_name_or_nothing(printed, name):
    assert organisation_name(printed) == name


def test_a_web_pages_breadcrumb_and_chrome_are_no_title(tmp_path):
    doc = _doc(tmp_path, "首页 > 部门信息公开 > 某县林业局 > 法定主动公开内容 > 财政资金\n\n"
                         "某县林业局2020年部门决算\n\n日期:2021-09-01 10:00    字体:[ 大 中 小 ]   关闭窗口\n\n"
                         "一、部门职能\n负责全县林业工作。\n"
                         "二、收入支出决算总体情况说明\n2020年度收入总计120.50万元。\n")
    assert (doc.title, doc.department, doc.kind, doc.year) == ("某县林业局2020年部门决算", "某县林业局", "final_accounts", 2020)


def test_a_contents_list_a_page_number_and_the_body_are_no_title(tmp_path):
    contents = _doc(tmp_path, "目 录\n第一部分 某省疾病预防控制中心概况\n一、主要职能\n二、机构设置\n"
                              "第二部分 某省疾病预防控制中心 2022 年单位预算情况说明\n第三部分 名词解释\n", "a.txt")
    body = _doc(tmp_path, "8\n（三）按经济分类划分,分为基本支出预算和项目支\n出预算。\n"
                          "1. 基本支出预算 100.00 元,占一般公共预算支出的 50%。\n", "b.txt")
    chart = _doc(tmp_path, "2020年本年收入合计30.00万元,其中:财政拨款收入30.00万元。\n收入决算结构图\n三、\n"
                           "支出决算情况说明\n2020年本年支出合计30.00万元。\n支出决算结构图\n", "c.txt")
    heading = _doc(tmp_path, "一、2022年“三公”经费预算安排情况\n2022年度“三公”经费预算总计2.00万元。\n"
                             "二、2021年“三公”经费决算情况\n2021年度“三公”经费支出1.50万元。\n", "d.txt")
    for doc in (contents, body, chart, heading):
        assert (doc.title, doc.department) == ("", "")
    assert heading.kind == "budget"  # the first heading says, as its title did


def test_a_tables_heading_row_and_a_portals_source_line_are_no_title(tmp_path):
    doc = _doc(tmp_path, "2019年某市文化局财政拨款“三公”经费预算表\n来源: 发布时间:2019-03-01 00:00 累计次数: 字体:[ ]\n\n"
                         "金额单位:万元\n项目 2019年预算数\n小计 其中:一般公共预算安排数\n"
                         "一、“三公”经费合计 5.00 5.00\n（一）公务接待费 5.00 5.00\n")
    assert doc.title == ""
    assert doc.department in ("", "某市文化局")  # the table's title names it once the table is read


def test_a_name_printed_before_the_standard_words_is_the_department(tmp_path):
    dept = _doc(tmp_path, "2016年某市交通运输局部门“三公”经费情况说明\n某市交通运输局2016年“三公”经费预算5.00万元。\n", "a.txt")
    funded = _doc(tmp_path, "某县公路养护中心财政拨款“三公”经费预算2015年情况如下:\n一、 公务接待费\n"
                            "2015年安排公务接待费预算3万元。\n", "b.txt")
    assert dept.department == "某市交通运输局" and funded.department == "某县公路养护中心"


def test_documents_without_a_department_are_never_paired(tmp_path):
    """Two volumes whose pages name no department have no key: the batch pairs nothing on it."""
    a = _doc(tmp_path, "项目 |\n预算数 |\n合计 |\n4432 |\n", "a.txt")
    b = _doc(tmp_path, "项目 |\n决算数 |\n合计 |\n20 |\n", "b.txt")
    assert department_key(a.department) == department_key(b.department) == ""
    pairs, ambiguous = match([(department_key(a.department), 2021, "budget", "unknown", "text", "a"),
                              (department_key(b.department), 2021, "budget", "unknown", "tables", "b")])
    assert pairs == [] and ambiguous == []
