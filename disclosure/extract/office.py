"""The readers of documents that are not PDF or plain text, by the format sniffed from their content."""
from __future__ import annotations

from importlib import import_module
from pathlib import Path

from disclosure.extract.errors import InputError
from disclosure.model import RawDocument


# kind (extract/sniff.py) -> (module of extract/, reader); imported only when a file of the kind comes
_READERS = {"xlsx": ("sheet", "read_xlsx"), "xls": ("sheet", "read_xls"), "xmlss": ("sheet", "read_xml_workbook"),
            "csv": ("sheet", "read_csv"), "docx": ("docx", "read_docx"),
            "doc": ("docx", "read_doc"), "html": ("html", "read_html"), "pagetext": ("pagetext", "read_pagetext")}


def read_office(path: Path, kind: str) -> RawDocument:
    """`path` read as `kind` (extract/sniff.py): xlsx | xls | xmlss | csv | docx | doc | html | pagetext; a zip of
    something else, an OLE file that is neither workbook nor Word document, or an encrypted one
    raise InputError with a one-line reason."""
    if kind in _READERS:
        module, name = _READERS[kind]
        return getattr(import_module(f"disclosure.extract.{module}"), name)(path)
    if kind == "encrypted":
        raise InputError(str(path), "password-protected (encrypted) Office file: save it without a password first")
    if kind == "zip":
        raise InputError(str(path), "a zip archive but not an .xlsx or .docx (no workbook or document part inside)")
    raise InputError(str(path), "an OLE (Office 97-2003) file that is neither an .xls workbook nor a .doc")
