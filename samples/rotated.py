"""Issue #12: documents with text turned 90 degrees, the three cases a tester found silently lost.

- `calc_rotated_heading`: a LibreOffice Calc export (flat ODF spreadsheet, .fods, converted by
  soffice) of an economic-classification table whose 合计 column heading cell is rotated 90 degrees
  (the cell's text rotation, as an office turns the heading of a narrow column): 25 amounts under it.
- `three_public_rotated`: a reportlab 三公 table, ruled, whose item headings are drawn turned, some
  reading bottom to top (rotated 90 degrees), some top to bottom (270).
- `turned_page`: a portrait page without /Rotate on which a landscape table (title, 单位 line and a
  ruled table of functional codes) is drawn turned by 90 degrees, or by 270 (`clockwise=True`).
- `set_aside`: a page of prose with a word printed mirrored and one printed at 45 degrees, neither
  of which the reader reads: each must be said, not dropped silently.

Each returns the path of the PDF written and its truth: {column header path: [amounts as Decimals
in printed row order]}; amounts are exact decimals. Needs reportlab (and LibreOffice with a CJK font
for the Calc case).
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

# the flat-ODF namespaces, the CJK font, soffice and its conversion are the generated layouts' own
from samples.layouts.render_office import FONT as CALC_FONT, NS as _NS, convert, soffice

FONT = "STSong-Light"

# 25 rows of an economic-classification table: (code, name, 人员经费, 公用经费); 类 rows sum their 款
_ITEMS = [
    ("301", "工资福利支出", [("30101", "基本工资", "312.40"), ("30102", "津贴补贴", "205.18"),
                          ("30103", "奖金", "48.30"), ("30107", "绩效工资", "96.55"),
                          ("30108", "机关事业单位基本养老保险缴费", "61.02"), ("30110", "职工基本医疗保险缴费", "27.66"),
                          ("30112", "其他社会保障缴费", "3.05"), ("30113", "住房公积金", "44.90")]),
    ("302", "商品和服务支出", [("30201", "办公费", "12.00"), ("30202", "印刷费", "3.50"), ("30205", "水费", "1.20"),
                            ("30206", "电费", "8.80"), ("30207", "邮电费", "2.40"), ("30211", "差旅费", "6.30"),
                            ("30213", "维修（护）费", "4.10"), ("30215", "会议费", "2.00"), ("30216", "培训费", "3.60"),
                            ("30217", "公务接待费", "1.50"), ("30228", "工会经费", "7.90"),
                            ("30231", "公务用车运行维护费", "9.00")]),
    ("303", "对个人和家庭的补助", [("30305", "生活补助", "5.25")]),
]


def economic_rows() -> list[tuple[str, str, Decimal]]:
    """(code, name, amount) in printed order: 合计 first, each 类 before its 款; 25 rows."""
    rows = []
    for code, name, items in _ITEMS:
        rows.append((code, name, sum((Decimal(a) for _, _, a in items), Decimal("0"))))
        rows.extend((c, n, Decimal(a)) for c, n, a in items)
    total = sum((a for c, _, a in rows if len(c) == 3), Decimal("0"))
    return [("", "合计", total)] + rows


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def _turned(c, text: str, x: float, y: float, size: float, angle: int) -> None:
    """`text` drawn turned by `angle` (90: reading bottom to top, -90: top to bottom) with its
    glyphs centred on the vertical line x, starting at y."""
    c.saveState()
    # the glyphs stand to the left of the baseline when turned 90, to the right when turned -90
    c.translate(x + (0.4 * size if angle == 90 else -0.4 * size), y)
    c.rotate(angle)
    c.drawString(0, 0, text)
    c.restoreState()


def three_public_rotated(path: Path) -> tuple[Path, dict[str, list[Decimal]]]:
    """A 三公 table with a two-row header: 合计 upright, 因公出国（境）费 and 公务接待费 turned 90
    (bottom to top) over both rows, 公务用车购置及运行费 upright over 小计 | 公务用车购置费 |
    公务用车运行费, those three turned 270 (top to bottom)."""
    font, size = _font(), 9.0
    c = canvas.Canvas(str(path), pagesize=A4)
    w, h = A4
    c.setFont(font, 16)
    c.drawCentredString(w / 2, h - 80, "2021年一般公共预算“三公”经费支出情况表")
    c.setFont(font, size)
    c.drawString(60, h - 110, "单位：万元")
    c.drawRightString(w - 60, h - 110, "")
    amounts = {"合计": "45.60", "因公出国（境）费": "10.00", "公务用车购置及运行费/小计": "23.40",
               "公务用车购置及运行费/公务用车购置费": "15.00", "公务用车购置及运行费/公务用车运行费": "8.40",
               "公务接待费": "12.20"}
    xs = [60, 140, 220, 300, 380, 460, 540]
    top, mid, head_bottom, bottom = h - 120, h - 145, h - 230, h - 255
    c.setLineWidth(0.6)
    for y in (top, head_bottom, bottom):
        c.line(xs[0], y, xs[-1], y)
    c.line(xs[2], mid, xs[5], mid)
    for k, x in enumerate(xs):
        c.line(x, mid if k in (3, 4) else top, x, head_bottom)  # 购置费 and 运行费 part under the group only
        c.line(x, head_bottom, x, bottom)
    c.setFont(font, size)
    c.drawCentredString((xs[0] + xs[1]) / 2, (top + head_bottom) / 2 - 3, "合计")
    c.drawCentredString((xs[2] + xs[5]) / 2, (top + mid) / 2 - 3, "公务用车购置及运行费")
    _turned(c, "因公出国（境）费", (xs[1] + xs[2]) / 2, head_bottom + 10, size, 90)
    _turned(c, "公务接待费", (xs[5] + xs[6]) / 2, head_bottom + 10, size, 90)
    for k, word in ((2, "小计"), (3, "公务用车购置费"), (4, "公务用车运行费")):
        _turned(c, word, (xs[k] + xs[k + 1]) / 2, mid - 8, size, -90)
    for k, key in enumerate(amounts):
        c.drawRightString(xs[k + 1] - 4, bottom + 8, amounts[key])
    c.save()
    return path, {k: [Decimal(v)] for k, v in amounts.items()}


def turned_page(path: Path, clockwise: bool = False, watermark: str = "") -> tuple[Path, dict[str, list[Decimal]]]:
    """A portrait A4 page, no /Rotate, with a landscape page's content drawn on it turned: by 90
    degrees (its lines read bottom to top) or, `clockwise`, by 270 (top to bottom). The content:
    a title, a 单位 line and a ruled table 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出; and
    `watermark` across the sheet at 45 degrees when given."""
    font, size = _font(), 9.0
    pw, ph = A4
    lw, lh = ph, pw  # the landscape page drawn
    c = canvas.Canvas(str(path), pagesize=A4)
    if watermark:
        c.saveState()
        c.translate(150, 300)
        c.rotate(45)
        c.setFont(font, 30)
        c.drawString(0, 0, watermark)
        c.restoreState()
    if clockwise:
        c.translate(0, ph)
        c.rotate(-90)
    else:
        c.translate(pw, 0)
        c.rotate(90)
    rows = [("", "合计", "1280.50", "1010.50", "270.00"),
            ("201", "一般公共服务支出", "1080.50", "860.50", "220.00"),
            ("20101", "人大事务", "1080.50", "860.50", "220.00"),
            ("2010101", "行政运行", "860.50", "860.50", ""),
            ("2010104", "人大会议", "220.00", "", "220.00"),
            ("208", "社会保障和就业支出", "120.00", "120.00", ""),
            ("20805", "行政事业单位养老支出", "120.00", "120.00", ""),
            ("2080505", "机关事业单位基本养老保险缴费支出", "120.00", "120.00", ""),
            ("221", "住房保障支出", "80.00", "30.00", "50.00"),
            ("22102", "住房改革支出", "80.00", "30.00", "50.00"),
            ("2210201", "住房公积金", "80.00", "30.00", "50.00")]
    c.setFont(font, 16)
    c.drawCentredString(lw / 2, lh - 60, "2021年一般公共预算支出情况表")
    c.setFont(font, size)
    c.drawString(60, lh - 90, "单位：万元")
    xs = [60, 160, 420, 540, 660, 780]
    heads = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    row_h = 22
    y = lh - 100
    ys = [y - row_h * k for k in range(len(rows) + 2)]
    c.setLineWidth(0.6)
    for yy in ys:
        c.line(xs[0], yy, xs[-1], yy)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    for k, word in enumerate(heads):
        c.drawCentredString((xs[k] + xs[k + 1]) / 2, ys[0] - 15, word)
    truth: dict[str, list[Decimal]] = {"合计": [], "基本支出": [], "项目支出": []}
    for r, row in enumerate(rows):
        base = ys[r + 1] - 15
        c.drawString(xs[0] + 4, base, row[0])
        c.drawString(xs[1] + 4, base, row[1])
        for k, v in enumerate(row[2:]):
            if v:
                c.drawRightString(xs[k + 3] - 4, base, v)
                truth[heads[k + 2]].append(Decimal(v))
    c.save()
    return path, truth


def set_aside(path: Path) -> Path:
    """A page of prose (一、部门职责 and a sentence), with 草稿 printed mirrored (left for right) and
    内部资料 across the page at 45 degrees."""
    font = _font()
    c = canvas.Canvas(str(path), pagesize=A4)
    w, h = A4
    c.setFont(font, 12)
    c.drawString(60, h - 80, "一、部门职责")
    c.drawString(60, h - 100, "本部门负责本级人民代表大会常务委员会的日常工作。")
    c.saveState()
    c.transform(-1, 0, 0, 1, 400, h - 200)  # mirrored: the matrix (-1 0 0 1), neither upright nor turned
    c.drawString(0, 0, "草稿")
    c.restoreState()
    c.saveState()
    c.translate(200, 300)
    c.rotate(45)
    c.setFont(font, 30)
    c.drawString(0, 0, "内部资料")
    c.restoreState()
    c.save()
    return path


# ---------------------------------------------------------------- LibreOffice Calc

def _cell(text: str, style: str, span: int = 1) -> str:
    sp = f' table:number-columns-spanned="{span}"' if span > 1 else ""
    return (f'<table:table-cell table:style-name="{style}" office:value-type="string"{sp}><text:p>{escape(text)}'
            f'</text:p></table:table-cell>' + "<table:covered-table-cell/>" * (span - 1))


def calc_rotated_heading(folder: Path, angle: int = 90, ruled: bool = True, heading: str = "合计",
                         header_cm: float = 2.2) -> tuple[Path, dict[str, list[Decimal]]]:
    """一般公共预算基本支出情况表 from a spreadsheet printed by LibreOffice Calc, its cells ruled or
    (`ruled=False`) not: 科目编码 | 科目名称 | `heading`, that heading cell's text rotated by `angle`
    degrees (90: reading bottom to top, 270: top to bottom), in a header row `header_cm` high.
    Raises RuntimeError without LibreOffice."""
    if soffice() is None:
        raise RuntimeError("LibreOffice is not installed (Debian: libreoffice-calc-nogui)")
    size = 10
    text = (f'<style:text-properties style:font-name="{CALC_FONT}" style:font-name-asian="{CALC_FONT}" '
            f'fo:font-size="{size}pt" style:font-size-asian="{size}pt"/>')
    border = f'fo:border="{"0.5pt solid #000000" if ruled else "none"}" fo:padding="0.06cm"'
    styles = (f'<style:style style:name="N" style:family="table-cell"><style:table-cell-properties fo:border="none"/>'
              f'{text}</style:style>'
              f'<style:style style:name="C" style:family="table-cell"><style:table-cell-properties {border} '
              f'style:vertical-align="middle"/><style:paragraph-properties fo:text-align="start"/>{text}</style:style>'
              f'<style:style style:name="CM" style:family="table-cell"><style:table-cell-properties {border} '
              f'style:vertical-align="middle"/><style:paragraph-properties fo:text-align="center"/>{text}</style:style>'
              f'<style:style style:name="CR" style:family="table-cell"><style:table-cell-properties {border} '
              f'style:vertical-align="middle"/><style:paragraph-properties fo:text-align="end"/>{text}</style:style>'
              f'<style:style style:name="ROT" style:family="table-cell"><style:table-cell-properties {border} '
              f'style:rotation-angle="{angle}" style:vertical-align="middle"/>'
              f'<style:paragraph-properties fo:text-align="center"/>{text}</style:style>'
              '<style:style style:name="c0" style:family="table-column"><style:table-column-properties '
              'style:column-width="2.2cm"/></style:style>'
              '<style:style style:name="c1" style:family="table-column"><style:table-column-properties '
              'style:column-width="7.5cm"/></style:style>'
              '<style:style style:name="c2" style:family="table-column"><style:table-column-properties '
              'style:column-width="1.6cm"/></style:style>'
              '<style:style style:name="rh" style:family="table-row"><style:table-row-properties '
              f'style:row-height="{header_cm}cm" style:use-optimal-row-height="false"/></style:style>'
              '<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" '
              'fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="1.8cm" '
              'fo:margin-right="1.8cm"/><style:footer-style/></style:page-layout>'
              '<style:style style:name="ta1" style:family="table" style:master-page-name="Standard">'
              '<style:table-properties table:display="true"/></style:style>')
    rows = ['<table:table-row>' + _cell("2021年一般公共预算基本支出情况表", "N", 3) + '</table:table-row>',
            '<table:table-row>' + _cell("单位：万元", "N", 3) + '</table:table-row>',
            '<table:table-row table:style-name="rh">' + _cell("科目编码", "CM") + _cell("科目名称", "CM")
            + _cell(heading, "ROT") + '</table:table-row>']
    truth = []
    for code, name, amount in economic_rows():
        rows.append('<table:table-row>' + _cell(code, "C") + _cell(name, "CM" if not code else "C")
                    + _cell(f"{amount:.2f}", "CR") + '</table:table-row>')
        truth.append(amount)
    xml = (f'<?xml version="1.0" encoding="UTF-8"?><office:document {_NS} '
           f'office:mimetype="application/vnd.oasis.opendocument.spreadsheet"><office:font-face-decls>'
           f'<style:font-face style:name="{CALC_FONT}" svg:font-family="&apos;{CALC_FONT}&apos;"/>'
           f'</office:font-face-decls><office:automatic-styles>{styles}</office:automatic-styles>'
           '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/>'
           '</office:master-styles><office:body><office:spreadsheet><table:table table:name="表1" '
           'table:style-name="ta1"><table:table-column table:style-name="c0"/><table:table-column '
           'table:style-name="c1"/><table:table-column table:style-name="c2"/>'
           f'{"".join(rows)}</table:table></office:spreadsheet></office:body></office:document>')
    folder.mkdir(parents=True, exist_ok=True)
    src = folder / f"calc-rotated-{angle}{'' if ruled else '-unruled'}.fods"
    src.write_text(xml, encoding="utf-8")
    convert([src], folder, timeout=300)
    pdf = folder / (src.stem + ".pdf")
    if not pdf.exists():
        raise RuntimeError(f"LibreOffice did not convert {src.name}")
    return pdf, {heading: truth}
