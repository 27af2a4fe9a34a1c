"""structure/list_markers.py: list numbers read back in sequence down a side (十 read by OCR as a
dash or 一), never changed where the print is a number of its own."""
from __future__ import annotations

from decimal import Decimal

from disclosure.model import Amount, Row, Value
from disclosure.numerals import numeral, value
from disclosure.structure.list_markers import mend


def _rows(names, side="expenditure", ocr=True):
    return [Row(i, side, "", "", "none", "", n, n, "item",
                [Value("支出/决算数", "amount", Amount("1", Decimal(1), "number"), None, 1, 0.98 if ocr else None)], 1)
            for i, n in enumerate(names)]


def test_numerals():
    assert [numeral(n) for n in (1, 9, 10, 11, 14, 20, 23)] == ["一", "九", "十", "十一", "十四", "二十", "二十三"]
    assert value("十四") == 14 and value("— 一") is None and value("一一") is None


def test_ocr_shapes_of_ten_read_back_in_sequence():
    # L007-00027 p.2 (generated scan): what OCR read for 十、 … 十三、
    rows = _rows(["八、城乡社区支出", "九、农林水支出", "— 一、资源勘探工业信息等支出", "— 一一、金融支出",
                  "— 一二、自然资源海洋气象等支出", "一三、粮油物资储备支出", "十四、灾害防治及应急管理支出"])
    assert mend(rows) == 4
    assert [r.name for r in rows] == ["八、城乡社区支出", "九、农林水支出", "十、资源勘探工业信息等支出", "十一、金融支出",
                                      "十二、自然资源海洋气象等支出", "十三、粮油物资储备支出", "十四、灾害防治及应急管理支出"]
    assert rows[3].name_printed == "十一、金融支出"


def test_each_side_has_its_own_sequence():
    inc = _rows(["一、一般公共预算拨款", "二、政府性基金预算拨款"], side="income")
    exp = _rows([f"{numeral(n)}、支出{n}" for n in range(1, 10)] + ["— 一、金融支出"])
    rows = [inc[0], exp[0], inc[1]] + exp[1:]
    assert mend(rows) == 1 and rows[-1].name == "十、金融支出" and inc[1].name == "二、政府性基金预算拨款"


def test_what_is_printed_as_a_number_stays():
    # a list that starts again, a number out of sequence on a text layer, a dash that is a name
    rows = _rows(["八、甲", "九、乙", "一、丙", "二、丁"])
    assert mend(rows) == 0 and rows[2].name == "一、丙"
    rows = _rows(["九、乙", "一一、丙"], ocr=False)  # no text layer prints this; not OCR: left alone
    assert mend(rows) == 0
    rows = _rows(["—、丙"])  # nothing before it: no sequence to read it by
    assert mend(rows) == 0 and rows[0].name == "—、丙"



def test_ocr_lost_mark_after_a_number_read_back_in_sequence():
    # U001-00015 p.1 (generated scan): the 、 of 二、 … 六、 lost, each read as the numeral run into the name
    rows = _rows(["一、一般公共服务支出", "二社会保障和就业支出", "三卫生健康支出", "四节能环保支出", "结转下年"])
    assert mend(rows) == 3
    assert [r.name for r in rows] == ["一、一般公共服务支出", "二、社会保障和就业支出", "三、卫生健康支出",
                                      "四、节能环保支出", "结转下年"]
    assert rows[1].name_printed == "二、社会保障和就业支出"
    rows = _rows(["一一般公共预算拨款收入", "二、政府性基金预算拨款收入"], side="income")  # 一 lost its 、: 二、 follows
    assert mend(rows) == 1 and rows[0].name == "一、一般公共预算拨款收入"


def test_numeral_word_out_of_sequence_stays():
    rows = _rows(["一般公共服务支出", "一、基本支出"])  # 一 opens a word; the next number is not 二
    assert mend(rows) == 0 and rows[0].name == "一般公共服务支出"
    rows = _rows(["一、基本支出", "一般公共服务支出", "三、其他"])  # not the next number (二) of its side
    assert mend(rows) == 0 and rows[1].name == "一般公共服务支出"
    rows = _rows(["一、甲", "二社会保障和就业支出"], ocr=False)  # a text layer keeps its 、
    assert mend(rows) == 0 and rows[1].name == "二社会保障和就业支出"
    inc = _rows(["一、一般公共预算拨款"], side="income")
    exp = _rows(["二社会保障和就业支出"])  # the income side's 一、 is no number of the expenditure side
    assert mend(inc + exp) == 0
