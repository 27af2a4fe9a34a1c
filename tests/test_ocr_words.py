"""How the OCR reader parts and mends what the recogniser reads in one detection
(disclosure/extract/ocr.py); pure functions on recognised text, no engine needed."""
from __future__ import annotations


def test_ocr_detection_parted_where_an_amount_meets_the_next_cell():
    """What the recogniser reads as one detection over two cells is parted by its words: an
    amount (separators, or six digits or more) and what follows it in the next column, whether
    a figure after a space or a label glued to it; a code's parts, a code joined with its name
    and a year stay whole (extract/ocr.py _numbers_apart, _amount_then_label)."""
    from disclosure.extract.ocr import _amount_over, _numbers_apart

    assert _numbers_apart("121912464 302", ["121912464", "302"]) == [0, 1]
    assert _numbers_apart("46341272.93 302", ["46341272.93", "302"]) == [0, 1]
    assert _numbers_apart("201 13 03", ["201", "13", "03"]) == [0, 0, 0]
    glued = "298660000一、一般公共服务支出"
    assert _numbers_apart(glued, ["298660000"] + list(glued[9:])) == [0] + [1] * 10
    assert _numbers_apart("3,247.95合计", ["3,247.95", "合", "计"]) == [0, 1, 1]
    code = "2060901科技重大专项"
    assert _numbers_apart(code, ["2060901"] + list(code[7:])) == [0] * 7
    assert _numbers_apart("2019年度", ["2019", "年", "度"]) == [0, 0, 0]
    assert _numbers_apart("30201办公费", ["30201", "办", "公", "费"]) == [0, 0, 0, 0]
    # read over a rule, the detector's whole reading holds the character the rule ran through
    assert _amount_over("803.46", "803.4") and _amount_over("951.82", "951.82")
    assert not _amount_over("951.812", "951.82") and not _amount_over("803.4|", "803.4")
    assert not _amount_over("1803.466", "803.4")


def test_ocr_bracket_pair_of_two_widths_is_made_one():
    from disclosure.extract.ocr import _brackets_paired

    assert _brackets_paired(["因公出国(境）费"]) == ["因公出国（境）费"]
    assert _brackets_paired(["维修（护)费"]) == ["维修（护）费"]
    assert _brackets_paired(["因公出国(境)费"]) == ["因公出国(境)费"]  # printed so in the corpus: kept
    assert _brackets_paired(["因公出国（境）费"]) == ["因公出国（境）费"]
    # the recogniser's words of a label are single characters: the pair is seen across them
    assert _brackets_paired(list("因公出国(境）费")) == list("因公出国（境）费")


def test_recognisers_other_forms_read_simplified():
    # the recogniser's dictionary holds 決 and 減 beside 决 and 减: a heading 增減额 read so
    # matched no 增减额 column (generated scan U005-00000 p.7)
    from disclosure.extract import ocr

    assert "2019年決算數".translate(ocr._SIMPLIFIED).startswith("2019年决算")
    assert "增減额".translate(ocr._SIMPLIFIED) == "增减额"
