"""Spreadsheets (.xlsx with openpyxl, .xls with xlrd): one page a visible sheet.

Each sheet's used range becomes the blocks of one page (extract/grids.py): the title, 部门 and
单位 rows above the header as text lines, the table as a grid with its merged cells as spans, notes
under it as text. Formulas are read as the values the workbook cached when it was last saved.
Every number is shown as its cell displays it under its number format (extract/numfmt.py), exactly;
where the stored number differs from the one shown, the cell keeps both (Cell.stored) and the page
says how many. Hidden sheets, rows and columns are skipped, and each page says which.

openpyxl and xlrd are used rather than python-calamine: calamine gives neither number formats nor
hidden rows and columns, and both decide what a cell prints.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from disclosure.extract.errors import InputError
from disclosure.extract.grids import Slots, sheet_blocks
from disclosure.extract.hashing import sha256_file
from disclosure.extract.numfmt import display
from disclosure.model import Box, Grid, RawDocument, RawPage, TextLine
from disclosure.normalize.text import PRINTED_YEAR
from disclosure.rx import compile as rx_compile
from disclosure import rx as rx_re

# the names a spreadsheet program gives sheets, and bare table numbers: no title
_DEFAULT_SHEET = rx_compile(r"^\s*(sheet|工作表|表|附表|公开|公开表|表格)?\s*[\d一二三四五六七八九十]*\s*(表)?\s*$", re.I)


def _sheet_title(name: str, blocks: list) -> TextLine | None:
    """The sheet's name as the title line of the table it holds, when the sheet prints no title
    above its first table (a workbook of one table a sheet, each sheet named 一般公共预算支出情况表
    and holding nothing but 单位 and the table) and the name reads as a table's title (ends in 表,
    or is numbered 表一 …); a default or bare name (Sheet1, 表3) says nothing."""
    from disclosure.normalize.titles import title_like
    first = next((i for i, b in enumerate(blocks) if isinstance(b, Grid)), None)
    if first is None or _DEFAULT_SHEET.match(name) or not title_like(name):
        return None
    if any(isinstance(b, TextLine) and title_like(b.text) for b in blocks[:first]):
        return None
    top = blocks[0].box.top if blocks[0].box else 0
    return TextLine(name.strip(), Box(blocks[0].box.page if blocks[0].box else 1, 0, top - 1, len(name), top),
                    ends=True)


def _page(number: int, name: str, slots: Slots, hidden_rows: list[int], hidden_cols: list[str],
          stored: list[str], top: int) -> RawPage:
    # no width or height: a sheet has no page edges, so no running heads (structure/furniture.py
    # would take a title printed atop every sheet for one)
    page = RawPage(number)
    page.blocks = sheet_blocks(slots, number, top)
    title = _sheet_title(name, page.blocks) if page.blocks else None
    if title is not None:
        page.blocks.insert(0, title)
        page.notes.append(f"sheet {name!r}: no title printed above the table: the sheet's name taken for it")
    if hidden_rows:
        page.notes.append(f"sheet {name!r}: hidden rows skipped: {_ranges(hidden_rows)}")
    if hidden_cols:
        page.notes.append(f"sheet {name!r}: hidden columns skipped: {', '.join(hidden_cols)}")
    if stored:
        page.notes.append(f"sheet {name!r}: {len(stored)} cells show fewer digits than they store "
                          f"(first: {'; '.join(stored[:3])})")
    if not page.blocks:
        page.triage, page.triage_reason = "no_text", f"sheet {name!r} is empty"
    return page


def _ranges(rows: list[int]) -> str:
    """1-based row numbers as ranges: 3-5, 9."""
    out: list[str] = []
    start = prev = None
    for r in sorted(rows):
        if prev is not None and r == prev + 1:
            prev = r
            continue
        if start is not None:
            out.append(f"{start}" if start == prev else f"{start}-{prev}")
        start = prev = r
    if start is not None:
        out.append(f"{start}" if start == prev else f"{start}-{prev}")
    return ", ".join(out)


def _col_letter(c: int) -> str:
    s = ""
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def _lay(cells: dict[tuple[int, int], tuple[object, str]], merged: list[tuple[int, int, int, int]],
         n_rows: int, n_cols: int, hidden_r: set[int], hidden_c: set[int]) -> tuple[Slots, list[str]]:
    """Visible rows and columns (0-based source indexes) to Slots; merged ranges (r0, c0, r1, c1
    inclusive) as spans over their visible rows and columns. Returns the slots and the cells whose
    stored number differs from what they show (A1 notation)."""
    rows = [r for r in range(n_rows) if r not in hidden_r]
    cols = [c for c in range(n_cols) if c not in hidden_c]
    ri = {r: i for i, r in enumerate(rows)}
    ci = {c: i for i, c in enumerate(cols)}
    slots = Slots(len(rows), len(cols))
    stored: list[str] = []
    anchor_of: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    for r0, c0, r1, c1 in merged:
        vr = [r for r in range(r0, r1 + 1) if r in ri]
        vc = [c for c in range(c0, c1 + 1) if c in ci]
        if vr and vc:
            anchor_of[(vr[0], vc[0])] = (r0, c0, len(vr), len(vc))
    covered: set[tuple[int, int]] = set()
    for (r, c), (r0, c0, nr, nc) in anchor_of.items():
        for rr in range(ri[r], ri[r] + nr):
            for cc in range(ci[c], ci[c] + nc):
                covered.add((rr, cc))
    for r in rows:
        for c in cols:
            span = anchor_of.get((r, c))
            if span is None and (ri[r], ci[c]) in covered:
                continue
            src = (span[0], span[1]) if span else (r, c)  # a merged range's value is in its top-left cell
            value, fmt = cells.get(src, (None, ""))
            shown, kept = display(value, fmt)
            shown = shown.replace("\r\n", "\n").strip()
            if kept:
                stored.append(f"{_col_letter(src[1] + 1)}{src[0] + 1} shows {shown} stores {kept}")
            if shown or span:
                slots.put(ri[r], ci[c], shown, span[2] if span else 1, span[3] if span else 1, kept)
    return slots, stored


def read_xlsx(path: Path) -> RawDocument:
    """Every visible worksheet of an .xlsx as a page. Raises InputError for a file openpyxl cannot
    open (a corrupt or encrypted workbook, a zip of something else) and for a workbook without one
    non-empty visible sheet."""
    try:
        import openpyxl
    except ImportError as e:
        raise InputError(str(path), "an .xlsx needs openpyxl (pip install 'disclosure[office]')") from e
    try:
        # a file object, not the name: openpyxl refuses a name not ending in .xlsx/.xlsm/.xltx/.xltm,
        # and the format is the content's (extract/sniff.py), whatever the extension (a portal's .xls)
        with open(path, "rb") as fh:
            wb = openpyxl.load_workbook(fh, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, IndexError, AttributeError) as e:
        raise InputError(str(path), f"not a readable .xlsx workbook ({type(e).__name__}: {e})") from e
    except Exception as e:  # openpyxl raises its own types (InvalidFileException, …) and lxml's
        raise InputError(str(path), f"not a readable .xlsx workbook ({type(e).__name__}: {e})") from e
    pages: list[RawPage] = []
    skipped: list[str] = []
    names: list[str] = []  # the visible sheets' names, a page each
    top = 0
    unsaved = uncached_formulas(path)
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            skipped.append(ws.title)
            continue
        hidden_r = {r - 1 for r, d in ws.row_dimensions.items() if d.hidden}
        hidden_c: set[int] = set()
        for d in ws.column_dimensions.values():
            if d.hidden and d.min and d.max:
                hidden_c.update(range(d.min - 1, d.max))
        cells = {}
        # the cells the sheet stores (iter_rows would make one for every slot up to a styled row 1048576)
        stored_cells = getattr(ws, "_cells", None)
        for cell in (stored_cells.values() if isinstance(stored_cells, dict) else
                     (c for row in ws.iter_rows() for c in row)):
            if cell.value is not None and not (isinstance(cell.value, str) and not cell.value.strip()):
                cells[(cell.row - 1, cell.column - 1)] = (cell.value, cell.number_format)
        n_rows = max((r for r, _ in cells), default=-1) + 1
        n_cols = max((c for _, c in cells), default=-1) + 1
        merged = [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1) for m in ws.merged_cells.ranges]
        hr = sorted(r for r in hidden_r if r < n_rows and any((r, c) in cells for c in range(n_cols)))
        hc = sorted(c for c in hidden_c if c < n_cols and any((r, c) in cells for r in range(n_rows)))
        slots, stored = _lay(cells, merged, n_rows, n_cols, hidden_r, hidden_c)
        names.append(str(ws.title))
        pages.append(_page(len(pages) + 1, ws.title, slots, [r + 1 for r in hr], [_col_letter(c + 1) for c in hc],
                           stored, top))
        if unsaved.get(ws.title):
            pages[-1].notes.append(f"sheet {ws.title!r}: {unsaved[ws.title]} formula cells hold no saved value "
                                   f"(the workbook was never recalculated): read as blank")
        top += n_rows + 1
    return _document(path, "xlsx", pages, skipped, names)


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def uncached_formulas(path: Path) -> dict[str, int]:
    """Sheet name -> the cells of an .xlsx holding a formula and no saved value (`<c><f>…</f></c>`
    with no `<v>`: a workbook written by a program that does not calculate, openpyxl or a report
    system, and never opened in Excel). openpyxl's data_only reading gives such a cell None, as
    a blank one: the totals a sheet computes are then lost without a word. {} for a file whose
    parts cannot be read (the reading itself says why)."""
    import xml.etree.ElementTree as ET

    out: dict[str, int] = {}
    try:
        with zipfile.ZipFile(path) as z:
            book = ET.fromstring(z.read("xl/workbook.xml"))
            rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
            target = {r.get("Id"): r.get("Target") or "" for r in rels}
            for sheet in book.iter(_MAIN + "sheet"):
                t = target.get(sheet.get(_REL + "id"), "")
                part = t.lstrip("/") if t.startswith("/") else "xl/" + t
                n = 0
                with z.open(part) as fh:
                    for _, el in ET.iterparse(fh):
                        if el.tag == _MAIN + "c":
                            if el.find(_MAIN + "f") is not None and not (el.findtext(_MAIN + "v") or "").strip() \
                                    and el.find(_MAIN + "is") is None:
                                n += 1
                            el.clear()
                if n:
                    out[sheet.get("name") or ""] = n
    except (KeyError, OSError, ValueError, zipfile.BadZipFile, ET.ParseError):
        return {}
    return out


_NAMED = rx_compile(r"(19|20)\d{2}.*(预算|决算)")
_ATTACHMENT = rx_compile(r"^\s*附件\s*[\d一二三四五六七八九十]*\s*[:：._\-]?\s*|[_\-\s(（]*\d*[)）]?\s*$")
_VOLUME = rx_compile(r"(公开)?(报表|表格|表)$")


def _cover_from_name(path: Path, pages: list[RawPage]) -> TextLine | None:
    """A workbook that prints neither year nor 预算/决算 in any line (sheets named for their tables,
    holding 单位 and the table only) is named for its disclosure, as portals name attachments
    (`附件1：XX局2023年部门预算公开表.xls`): that name, without the attachment number and the
    trailing 公开表 / 报表, is its cover line. A name without a year and 预算/决算 (a scraper's
    `123456.xls`) gives none."""
    if any(isinstance(b, TextLine) and _NAMED.search(b.text) for p in pages for b in p.blocks):
        return None
    name = _VOLUME.sub("", _ATTACHMENT.sub("", path.stem)).strip()
    if not _NAMED.search(name):
        return None
    page = next(p for p in pages if p.blocks).number
    return TextLine(name, Box(page, 0, -2, len(name), -1), ends=True, heading=1)


_YEAR_IN_NAME = rx_compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
# a label cell naming the unit whose disclosure the workbook is, the name in the cell after it
_UNIT_LABEL = rx_compile(r"^(?:预算|决算|编制|填报|报送)?(?:单位|部门)(?:名称)?[:：]?$")
_NAME_BUDGET = rx_compile(r"预算|budget", re.I)
_NAME_FINAL = rx_compile(r"决算|final[\s_\-]*accounts?|final", re.I)


def _unit_cell(pages: list[RawPage]) -> str:
    """The unit a workbook's grids name in a label cell (预算单位 | 新疆…管理局, 单位名称 | …, 编制单位
    | …, as a 项目支出绩效目标表 prints it), the name most often named; "" when none."""
    from collections import Counter

    seen: Counter = Counter()
    for p in pages:
        for b in p.blocks:
            if not isinstance(b, Grid):
                continue
            at = {(c.row, c.col): c for c in b.cells}
            for c in b.cells:
                if not _UNIT_LABEL.match(rx_re.sub(r"\s+", "", c.text)):
                    continue
                nxt = at.get((c.row, c.col + c.colspan))
                name = rx_re.sub(r"\s+", "", nxt.text) if nxt is not None else ""
                if 2 <= len(name) <= 60 and not rx_re.search(r"\d{3}|[，。；]", name):
                    seen[name] += 1
    return seen.most_common(1)[0][0] if seen else ""


def _cover_from_content(path: Path, pages: list[RawPage], names: list[str], unit: str) -> tuple[TextLine, str] | None:
    """A workbook printing no year in any line, whose name is no Chinese one naming its disclosure
    (`_cover_from_name`): its cover line made of what the workbook and its name tell. The unit from
    a label cell (`_unit_cell`); the year from a sheet's name (`2021年收支总表`), else from the
    file's name (`kashgar-2021-budget.xlsx`: 2021, a year standing apart from other digits);
    预算/决算 from the file's name (预算, budget; 决算, final accounts), else left to the tables'
    titles. `unit`: the unit a label cell names (`_unit_cell`). None when there is no year, or a unit alone. Returns the line and where its parts came
    from (for the page's note)."""
    if any(isinstance(b, TextLine) and PRINTED_YEAR.search(b.text) for p in pages for b in p.blocks):
        return None  # a printed year: the title is what is printed (structure/metadata.py)
    year, said = "", []
    for n in names:
        if m := _YEAR_IN_NAME.search(n):
            year = m.group(1)
            said.append(f"the year from the sheet name {n!r}")
            break
    if not year and (m := _YEAR_IN_NAME.search(path.stem)):
        year = m.group(1)
        said.append(f"the year from the file's name {path.name!r}")
    if unit:
        said.append(f"the unit from its cell {unit!r}")
    if not year:
        return None  # a unit alone is no title (metadata takes a cover by its year or 预算/决算)
    kind = "决算" if _NAME_FINAL.search(path.stem) else "预算" if _NAME_BUDGET.search(path.stem) else ""
    if kind:
        said.append(f"{kind} from the file's name")
    text = f"{unit}{year}年{kind}"
    page = next(p for p in pages if p.blocks).number
    return TextLine(text, Box(page, 0, -2, len(text), -1), ends=True, heading=1), ", ".join(said)


def _add_cover(path: Path, pages: list[RawPage], names: list[str] = (), unit: str = "") -> None:
    """The cover line _cover_from_name gives, else the one _cover_from_content makes, if any, put
    first on the first page with blocks, with a note saying where its title came from. The text and
    PDF readers take a title only from what is printed: a workbook's sheets are tables, so its
    title, year and unit are often only in its cells, its sheets' names or the file's name."""
    cover = _cover_from_name(path, pages)
    note = f"no line names the disclosure: the file's name {path.name!r} taken for its title"
    if cover is None and not any(isinstance(b, TextLine) and _NAMED.search(b.text) for p in pages for b in p.blocks):
        made = _cover_from_content(path, pages, list(names), unit)
        if made is not None:
            cover, said = made
            note = f"no line names the disclosure: its title {cover.text!r} made of {said}"
    if cover is not None:
        first = next(p for p in pages if p.blocks)
        first.blocks.insert(0, cover)
        first.notes.append(note)


def _document(path: Path, fmt: str, pages: list[RawPage], skipped: list[str], names: list[str] = ()) -> RawDocument:
    if not any(p.blocks for p in pages):
        why = "no visible sheet with any cell" + (f" ({len(skipped)} hidden sheets skipped)" if skipped else "")
        raise InputError(str(path), f"empty workbook: {why}")
    if skipped:
        pages[0].notes.append(f"hidden sheets skipped: {', '.join(skipped)}")
    # the unit a label cell names (`_unit_cell`), read once: the cover line made of the workbook's
    # content carries it, and structure/metadata.py takes it (pdf_metadata "department") when
    # nothing printed outside the tables names the department
    unit = _unit_cell(pages)
    _add_cover(path, pages, names, unit)
    return RawDocument(path.name, sha256_file(path), fmt, pages, {"department": unit} if unit else {})


def read_xls(path: Path) -> RawDocument:
    """Every visible sheet of a BIFF .xls (Excel 97-2003) as a page, with xlrd and its formatting
    (number formats, merged cells, hidden rows and columns). Raises InputError as read_xlsx."""
    try:
        import xlrd
    except ImportError as e:
        raise InputError(str(path), "an .xls needs xlrd (pip install 'disclosure[office]')") from e
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=False)
    except Exception as e:  # xlrd raises XLRDError, CompDocError, struct.error, … for bad files
        raise InputError(str(path), f"not a readable .xls workbook ({type(e).__name__}: {e})") from e
    pages: list[RawPage] = []
    skipped: list[str] = []
    names: list[str] = []  # the visible sheets' names, a page each
    top = 0
    for sh in book.sheets():
        if getattr(sh, "visibility", 0) != 0:
            skipped.append(sh.name)
            continue
        cells = {}
        for r in range(sh.nrows):
            for c in range(sh.ncols):
                cell = sh.cell(r, c)
                if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    continue
                fmt = ""
                try:
                    xf = book.xf_list[cell.xf_index]
                    fmt = book.format_map[xf.format_key].format_str
                except (IndexError, KeyError, TypeError):
                    pass
                value = cell.value
                if cell.ctype == xlrd.XL_CELL_DATE:
                    try:
                        value = xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
                    except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                        pass
                elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                    value = bool(cell.value)
                elif cell.ctype == xlrd.XL_CELL_ERROR:
                    value = xlrd.error_text_from_code.get(cell.value, "#ERR")
                cells[(r, c)] = (value, fmt)
        hidden_r = {r for r, info in sh.rowinfo_map.items() if info.hidden}
        hidden_c = {c for c, info in sh.colinfo_map.items() if info.hidden}
        merged = [(r0, c0, r1 - 1, c1 - 1) for r0, r1, c0, c1 in sh.merged_cells]
        hr = sorted(r + 1 for r in hidden_r if r < sh.nrows)
        hc = sorted(_col_letter(c + 1) for c in hidden_c if c < sh.ncols)
        slots, stored = _lay(cells, merged, sh.nrows, sh.ncols, hidden_r, hidden_c)
        names.append(str(sh.name))
        pages.append(_page(len(pages) + 1, sh.name, slots, hr, hc, stored, top))
        top += sh.nrows + 1
    return _document(path, "xls", pages, skipped, names)


# Excel 2003 XML Spreadsheet (SpreadsheetML): report systems export it and portals serve it as .xls
_SS = "urn:schemas-microsoft-com:office:spreadsheet"
_X = "urn:schemas-microsoft-com:office:excel"
# the named formats SpreadsheetML writes for Excel's built-in ones
_NAMED_FORMATS = {"general": "General", "general number": "General", "fixed": "0.00", "standard": "#,##0.00",
                  "percent": "0.00%", "currency": "#,##0.00", "euro currency": "#,##0.00", "scientific": "0.00E+00",
                  "yes/no": "General", "true/false": "General", "on/off": "General"}


def _ss(name: str) -> str:
    return "{%s}%s" % (_SS, name)


def _ss_int(el, name: str, default: int = 0) -> int:
    try:
        return int(el.get(_ss(name)) or default)
    except ValueError:
        return default


def _ss_formats(root) -> dict[str, str]:
    """Style id -> number format, a style without one taking its parent's (ss:Parent)."""
    own: dict[str, str | None] = {}
    parent: dict[str, str] = {}
    for st in root.iter(_ss("Style")):
        sid = st.get(_ss("ID")) or ""
        nf = st.find(_ss("NumberFormat"))
        fmt = nf.get(_ss("Format")) if nf is not None else None
        own[sid] = _NAMED_FORMATS.get(fmt.lower(), fmt) if fmt is not None else None
        if st.get(_ss("Parent")):
            parent[sid] = st.get(_ss("Parent"))
    out: dict[str, str] = {}
    for sid in own:
        seen, cur = set(), sid
        while cur in own and own[cur] is None and cur in parent and cur not in seen:
            seen.add(cur)
            cur = parent[cur]
        out[sid] = own.get(cur) or "General"
    return out


def read_xml_workbook(path: Path) -> RawDocument:
    """An Excel 2003 XML Spreadsheet (`<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">`,
    as report systems export and portals serve under .xls) with lxml: every visible worksheet a page,
    as read_xlsx gives it: ss:Index gaps, ss:MergeAcross / ss:MergeDown as spans, the cached value of a
    formula (its Data), the style's number format (named ones such as Standard and Fixed as Excel's),
    hidden rows, columns and sheets skipped and reported. Raises InputError for XML lxml cannot parse
    or a workbook without one non-empty visible sheet."""
    try:
        from lxml import etree
    except ImportError as e:
        raise InputError(str(path), "an XML spreadsheet needs lxml (pip install 'disclosure[office]')") from e
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        root = etree.parse(str(path), parser).getroot()
    except (etree.XMLSyntaxError, OSError, ValueError) as e:
        raise InputError(str(path), f"not a readable XML spreadsheet ({type(e).__name__}: {e})") from e
    formats = _ss_formats(root)
    pages: list[RawPage] = []
    skipped: list[str] = []
    names: list[str] = []  # the visible sheets' names, a page each
    top = 0
    for ws in root.iter(_ss("Worksheet")):
        name = ws.get(_ss("Name")) or f"Sheet{len(pages) + len(skipped) + 1}"
        visible = ws.find(".//{%s}WorksheetOptions/{%s}Visible" % (_X, _X))
        if visible is not None and (visible.text or "").strip().lower() in ("sheethidden", "sheetveryhidden"):
            skipped.append(name)
            continue
        table = ws.find(_ss("Table"))
        cells: dict[tuple[int, int], tuple[object, str]] = {}
        merged: list[tuple[int, int, int, int]] = []
        hidden_r: set[int] = set()
        hidden_c: set[int] = set()
        if table is not None:
            c = 0
            for col in table.findall(_ss("Column")):
                c = _ss_int(col, "Index", c + 1) - 1
                span = _ss_int(col, "Span", 0)
                if col.get(_ss("Hidden")) in ("1", "true"):
                    hidden_c.update(range(c, c + span + 1))
                c += span
            default_style = table.get(_ss("StyleID")) or "Default"
            r = -1
            for row in table.findall(_ss("Row")):
                r = _ss_int(row, "Index", r + 2) - 1
                if row.get(_ss("Hidden")) in ("1", "true"):
                    hidden_r.add(r)
                row_style = row.get(_ss("StyleID")) or default_style
                c = -1
                for cell in row.findall(_ss("Cell")):
                    c = _ss_int(cell, "Index", c + 2) - 1
                    across, down = _ss_int(cell, "MergeAcross"), _ss_int(cell, "MergeDown")
                    if across or down:
                        merged.append((r, c, r + down, c + across))
                    data = cell.find(_ss("Data"))
                    if data is not None:
                        text = "".join(data.itertext())
                        kind = data.get(_ss("Type")) or "String"
                        fmt = formats.get(cell.get(_ss("StyleID")) or row_style, "General")
                        value: object = text
                        if kind == "Number":
                            try:
                                value = float(text)  # as Excel holds it: a double, shown by numfmt.display
                            except ValueError:
                                value = text
                        elif kind == "Boolean":
                            value = text.strip() in ("1", "true")
                        if value != "" and not (isinstance(value, str) and not value.strip()):
                            cells[(r, c)] = (value, fmt)
                    c += across
                r += max(0, _ss_int(row, "Span", 0))
        n_rows = max([r for r, _ in cells] + [m[2] for m in merged], default=-1) + 1
        n_cols = max([c for _, c in cells] + [m[3] for m in merged], default=-1) + 1
        hr = sorted(r + 1 for r in hidden_r if r < n_rows and any((r, c) in cells for c in range(n_cols)))
        hc = sorted(_col_letter(c + 1) for c in hidden_c if c < n_cols and any((r, c) in cells for r in range(n_rows)))
        slots, stored = _lay(cells, merged, n_rows, n_cols, hidden_r, hidden_c)
        names.append(str(name))
        pages.append(_page(len(pages) + 1, name, slots, hr, hc, stored, top))
        top += n_rows + 1
    if not pages and not skipped:
        raise InputError(str(path), "an XML spreadsheet with no worksheet")
    return _document(path, "xmlss", pages, skipped, names)


def csv_rows(text: str) -> list[list[str]]:
    """A comma-separated text's rows of cells (RFC 4180 quoting: "1,234.50" is one cell)."""
    import csv
    import io
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]


def looks_csv(text: str, whole: bool = False) -> bool:
    """Lines of three or more comma-separated cells, half of all lines or more (title and 单位
    lines may stand alone; tables one under another differ in width), one count of cells in two
    lines at least, no tabs, and not sentences (`_prose_row`): a sheet saved as CSV. Chinese prose
    writes ，, but a converter may have made it ASCII. `whole`: `text` is the whole file, else its head,
    whose last line may be cut."""
    lines = [ln for ln in text.splitlines()[:40] if ln.strip()]
    if not whole and len(lines) > 3:
        lines = lines[:-1]
    if len(lines) < 2 or "\t" in text[:4096]:
        return False
    if sum(ln[:1] in " \t" for ln in lines) > len(lines) / 4:
        return False  # indented lines: code or prose, not a sheet
    rows = csv_rows("\n".join(lines))
    if any('"' in c for r in rows for c in r):
        return False  # a quote left inside a cell: not CSV quoting (source code, prose)
    wide = [r for r in rows if len(r) >= 3]
    if not wide or sum(map(_split_figures, wide)) > len(wide) / 4:
        return False
    if sum(map(_prose_row, wide)) > len(wide) / 4:
        return False  # sentences written with ASCII commas (a page copied through a converter)
    counts = [len(r) for r in wide]
    top = max(set(counts), key=counts.count)
    return counts.count(top) >= 2 and len(counts) >= 0.5 * len(lines)


_LABEL_THEN_GROUP_HEAD = rx_compile(r".*[^\d\s,.]\s*\d{1,3}")
_GROUP = rx_compile(r"\d{3}(?:\.\d+)?(?:\s+\S.*)?")
_SPACED_FIGURES = rx_compile(r"\d[\d.]*\s+[-\d(]")


def _prose_row(row: list[str]) -> bool:
    """The commas of `row` part clauses of a sentence, not cells: a clause ends in 。 and the clauses
    run longer than a sheet's cells (more than 10 characters on average), or the last clause ends with
    an ASCII full stop after a word or a percentage (`…共5个内设机构.`). Prose copied through a
    converter that turns ，into , (`…总计21.8万元,其中:因公出国(境)经费0万元,公务接待11.8万元,…。`)."""
    last = next((c for c in reversed(row) if c), "")
    return any("。" in c for c in row) and sum(map(len, row)) / len(row) > 10 \
        or bool(_SENTENCE_END.search(last))


# a sentence's end written with an ASCII full stop after a word, a figure's unit or a percentage
# (…共5个内设机构.  …增长1.0%.): a CSV's last cell never ends so
_SENTENCE_END = rx_compile(r"[\u4e00-\u9fff%％][.．]$")


def _split_figures(row: list[str]) -> bool:
    """The commas of `row` are a text table's thousands separators, not a CSV's: a label and the
    head of a figure in one cell followed by a cell of three digits (合计 1 | 046 | 003.00, a line
    `合计 1,046,003.00` split at its commas), or figures set apart by spaces inside one cell (a table
    printed as text, its columns spaced: 003.00 369). A CSV keeps a label and a figure apart."""
    head = any(_LABEL_THEN_GROUP_HEAD.fullmatch(a) and _GROUP.fullmatch(b) for a, b in zip(row, row[1:]))
    return head or any(_SPACED_FIGURES.search(c) for c in row)


def read_csv(path: Path) -> RawDocument:
    """A sheet saved as CSV (open-data portals publish tables so): one page, the title, 部门 and
    单位 rows above the table as lines and the table as a grid, as a sheet gives them
    (extract/grids.py sheet_blocks). The charset by content (extract/charset.py: UTF-8, GB18030,
    with or without BOM). Cells are text as written: a CSV has no number formats. Raises
    InputError for a file over DISCLOSURE_MAX_TEXT_MB or one with no cell."""
    from disclosure.extract.charset import decode
    from disclosure.limits import check_text
    check_text(path, path.stat().st_size)
    text, _ = decode(path.read_bytes())
    rows = csv_rows(text)
    n_cols = max((len(r) for r in rows), default=0)
    slots = Slots(len(rows), n_cols)
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell:
                slots.put(r, c, cell)
    page = RawPage(1)
    page.blocks = sheet_blocks(slots, 1, 0)
    if not page.blocks:
        raise InputError(str(path), "a CSV file with no cell")
    unit = _unit_cell([page])
    _add_cover(path, [page], (), unit)
    return RawDocument(path.name, sha256_file(path), "csv", [page], {"department": unit} if unit else {})
