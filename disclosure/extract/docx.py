"""Word documents: .docx read from its XML with lxml; .doc converted to .docx by LibreOffice first.

Paragraphs become whole lines (TextLine.ends) with their heading level (a Heading/标题 style or an
outline level); a line break inside a paragraph starts a new line. A table holding tables lays the
page out (a web page saved as Word) and is read cell by cell, a side menu of links left out.
Tables become grids: a cell's
gridSpan is its colspan, a vertical merge (vMerge restart … continue) its rowspan, and gridBefore
/ gridAfter leave their columns empty. Everything is on page 1 (a .docx has no fixed pages).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from disclosure.extract.errors import InputError
from disclosure.extract.grids import Slots, sheet_blocks
from disclosure.extract.hashing import sha256_file
from disclosure.model import Box, Grid, RawDocument, RawPage, TextLine
from disclosure import rx as rx_re

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_Q = "{%s}" % W


def _val(el, path: str) -> str | None:
    x = el.find(path.replace("w:", _Q))
    return None if x is None else x.get(_Q + "val")


def _heading_styles(z: zipfile.ZipFile) -> dict[str, int]:
    """Style id -> heading level (1-9) from styles.xml: an outline level, or a name 'heading N' / '标题 N'."""
    from lxml import etree
    try:
        root = etree.fromstring(z.read("word/styles.xml"))
    except (KeyError, etree.XMLSyntaxError):
        return {}
    out: dict[str, int] = {}
    for st in root.iter(_Q + "style"):
        sid = st.get(_Q + "styleId")
        lvl = _val(st, "w:pPr/w:outlineLvl")
        name = (_val(st, "w:name") or "").lower()
        m = rx_re.match(r"(heading|标题)\s*(\d)", name)
        if lvl is not None and lvl.isdigit() and int(lvl) < 9:
            out[sid] = int(lvl) + 1
        elif m:
            out[sid] = int(m.group(2))
        elif name == "title":
            out[sid] = 1
    return out


def _runs_text(p) -> list[str]:
    """A paragraph's text, split at its line breaks."""
    lines, cur = [], []
    for el in p.iter(_Q + "t", _Q + "tab", _Q + "br", _Q + "cr", _Q + "noBreakHyphen", _Q + "sym"):
        tag = el.tag[len(_Q):]
        if tag == "t":
            cur.append(el.text or "")
        elif tag == "tab":
            cur.append(" ")
        elif tag in ("br", "cr"):
            lines.append("".join(cur))
            cur = []
        elif tag == "noBreakHyphen":
            cur.append("-")
    lines.append("".join(cur))
    return [rx_re.sub(r"\s+", " ", ln).strip() for ln in lines]


def _cell_text(tc) -> str:
    """A cell's paragraphs and line breaks as lines, joined by line breaks (as a PDF cell's lines)."""
    return "\n".join(t for p in tc.iter(_Q + "p") for t in _runs_text(p) if t)


def _menu_cell(tc, row: list) -> bool:
    """A layout table's cell holding nothing but hyperlinks (a web page's side menu saved as Word:
    预决算公开 | 政府信息公开 …), short and with no table, while another cell of its row holds more."""
    if tc.find(f".//{_Q}tbl") is not None:
        return False
    text = "".join(t.text or "" for t in tc.iter(_Q + "t"))
    linked = "".join(t.text or "" for h in tc.iter(_Q + "hyperlink") for t in h.iter(_Q + "t"))
    if not text.strip() or len(text) > 300 or len(linked.strip()) < len(text.strip()) - 2:
        return False
    return any(len("".join(t.text or "" for t in c.iter(_Q + "t"))) > len(text) for c in row if c is not tc)


def _table(tbl) -> Slots:
    rows = tbl.findall(_Q + "tr")
    placed: list[list] = []  # [row, col, text, rowspan, colspan]
    open_at: dict[int, list] = {}  # grid column -> the cell a vertical merge continues
    n_cols = 0
    for r, tr in enumerate(rows):
        c = int(_val(tr, "w:trPr/w:gridBefore") or 0)
        for tc in tr.findall(_Q + "tc"):
            span = int(_val(tc, "w:tcPr/w:gridSpan") or 1)
            vm = tc.find(f"{_Q}tcPr/{_Q}vMerge")
            merge = None if vm is None else (vm.get(_Q + "val") or "continue")
            if merge == "continue" and c in open_at:
                open_at[c][3] += 1
            else:
                cell = [r, c, _cell_text(tc), 1, span]
                placed.append(cell)
                if merge == "restart":
                    open_at[c] = cell
                else:
                    open_at.pop(c, None)
            c += span
        n_cols = max(n_cols, c + int(_val(tr, "w:trPr/w:gridAfter") or 0))
    s = Slots(len(rows), n_cols)
    for r, c, text, rs, cs in placed:
        s.put(r, c, text, rs, cs)
    return s


def read_docx(path: Path, source: Path | None = None, fmt: str = "docx") -> RawDocument:
    """A .docx as one page of lines and grids. `source`/`fmt`: the file as given when `path` is a
    conversion of it (a .doc). Raises InputError for a file that is no readable Word document."""
    try:
        from lxml import etree
    except ImportError as e:
        raise InputError(str(path), "a .docx needs lxml (pip install 'disclosure[office]')") from e
    src = source or path
    try:
        with zipfile.ZipFile(path) as z:
            root = etree.fromstring(z.read("word/document.xml"))
            headings = _heading_styles(z)
    except (zipfile.BadZipFile, KeyError, OSError, etree.XMLSyntaxError) as e:
        raise InputError(str(src), f"not a readable .docx ({type(e).__name__}: {e})") from e
    body = root.find(_Q + "body")
    if body is None:
        raise InputError(str(src), "not a readable .docx (no document body)")
    blocks: list[TextLine | Grid] = []
    line = 0

    def walk(parent) -> None:
        nonlocal line
        for el in parent:
            tag = el.tag[len(_Q):] if isinstance(el.tag, str) and el.tag.startswith(_Q) else ""
            if tag == "p":
                style = _val(el, "w:pPr/w:pStyle")
                lvl = _val(el, "w:pPr/w:outlineLvl")
                level = int(lvl) + 1 if lvl is not None and lvl.isdigit() and int(lvl) < 9 else headings.get(style, 0)
                for text in _runs_text(el):
                    if text:
                        blocks.append(TextLine(text, Box(1, 0, line, len(text), line + 1), 12.0, ends=True,
                                               heading=level))
                        line += 1
            elif tag == "tbl" and el.find(f".//{_Q}tc//{_Q}tbl") is not None:
                # a table holding tables lays the page out (a web page saved as Word: banner, side
                # menu, the content in one cell): its cells' paragraphs and tables in reading order,
                # a side column of nothing but links (the site's menu) left out
                for tr in el.findall(_Q + "tr"):
                    cells = tr.findall(_Q + "tc")
                    for tc in cells:
                        if not _menu_cell(tc, cells):
                            walk(tc)
            elif tag == "tbl":
                s = _table(el)
                if s.n_rows and s.n_cols:
                    blocks.extend(sheet_blocks(s, 1, line))  # its title and 单位 rows as lines above it
                    line += s.n_rows
            elif tag in ("sdt", "sdtContent", "customXml", "ins", "smartTag"):
                walk(el)

    walk(body)
    if not blocks:
        raise InputError(str(src), "a Word document with no text and no table")
    page = RawPage(1)
    page.blocks = blocks
    return RawDocument(src.name, sha256_file(src), fmt, [page])


def read_doc(path: Path) -> RawDocument:
    """A Word 97-2003 .doc, converted to .docx by LibreOffice (`soffice --headless --convert-to
    docx`) and read as one. Raises InputError when LibreOffice is not installed or cannot convert it."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise InputError(str(path), "a .doc needs LibreOffice to convert it (Debian: apt-get install "
                                    "libreoffice-writer-nogui), or save it as .docx")
    with tempfile.TemporaryDirectory(prefix="disclosure-doc-") as tmp:
        src = Path(tmp) / "in.doc"
        shutil.copyfile(path, src)
        profile = Path(tmp) / "profile"
        try:
            subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                            "--convert-to", "docx", "--outdir", tmp, str(src)], capture_output=True, timeout=180,
                           env=dict(os.environ, HOME=str(profile)))
        except (subprocess.TimeoutExpired, OSError) as e:
            raise InputError(str(path), f"LibreOffice could not convert the .doc ({type(e).__name__})") from e
        out = Path(tmp) / "in.docx"
        if not out.exists():
            raise InputError(str(path), "LibreOffice could not convert the .doc to .docx (damaged or protected?)")
        return read_docx(out, source=path, fmt="doc")
