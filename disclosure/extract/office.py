"""The readers of documents that are not PDF or plain text, by the format sniffed from their content."""
from __future__ import annotations

from pathlib import Path

from disclosure.extract.errors import InputError
from disclosure.model import RawDocument


def read_office(path: Path, kind: str) -> RawDocument:
    """`path` read as `kind` (extract/sniff.py): xlsx | xls | docx | doc | html | pagetext; a zip of
    something else, an OLE file that is neither workbook nor Word document, or an encrypted one
    raise InputError with a one-line reason."""
    if kind == "xlsx":
        from disclosure.extract.sheet import read_xlsx
        return read_xlsx(path)
    if kind == "xls":
        from disclosure.extract.sheet import read_xls
        return read_xls(path)
    if kind == "docx":
        from disclosure.extract.docx import read_docx
        return read_docx(path)
    if kind == "doc":
        from disclosure.extract.docx import read_doc
        return read_doc(path)
    if kind == "html":
        from disclosure.extract.html import read_html
        return read_html(path)
    if kind == "pagetext":
        from disclosure.extract.pagetext import read_pagetext
        return read_pagetext(path)
    if kind == "encrypted":
        raise InputError(str(path), "password-protected (encrypted) Office file: save it without a password first")
    if kind == "zip":
        raise InputError(str(path), "a zip archive but not an .xlsx or .docx (no workbook or document part inside)")
    raise InputError(str(path), "an OLE (Office 97-2003) file that is neither an .xls workbook nor a .doc")
