"""Chinese list numbers as tables and headings print them (一 … 九, 十, 十一 … 十九, 二十 …), for the
reader (extract/aligned.py: a line opening with the next number is an item of its own) and the
structure stage (structure/list_markers.py: numbers read back in sequence); and the figure a
table cell prints (FIGURE: extract/aligned.py, extract/ocr.py)."""
from __future__ import annotations

from disclosure.rx import compile as rx_compile

LIST_NUMBER = rx_compile(r"^[一二三四五六七八九十]+、")  # 一、 … 十四、 opening a label or heading
SUB_NUMBER = rx_compile(r"^[(（][一二三四五六七八九十]+[)）]")  # （一） … （五） opening a label under 一、
# any list number opening a row's name, with the white space around it: 一、 一. （一） (1) 1、 1.
# (structure: a numbered row; the name a row prints after its number)
ITEM_MARK = rx_compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])\s*")
# a figure as a table cell prints it: 1,234.50, 1234.5, -12, (12.00), 3.5%; group 3 its decimals
FIGURE = rx_compile(r"^[(（]?[-−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?[)）]?$")
_DIGITS = "一二三四五六七八九"


def numeral(n: int) -> str:
    """1..99 as printed in a list number: 一 … 九, 十, 十一 … 十九, 二十, 二十一 …"""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else "十" if tens == 1 else _DIGITS[tens - 1] + "十"
    return head + (_DIGITS[ones - 1] if ones else "")


def value(marker: str) -> int | None:
    """The number a well-formed marker (十二, 二十) names, else None."""
    m = marker.replace(" ", "")
    for n in range(1, 100):
        if numeral(n) == m:
            return n
    return None
