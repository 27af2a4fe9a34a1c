"""Documents in: a reader per format, each giving a RawDocument (pages of text lines and grids).

This package is also the API's `disclosure.extract(path, **options) -> Document` (disclosure/api.py):
the package object is callable, so the name serves both (`disclosure.extract.read`, the readers'
modules and `disclosure.extract(path)`); its help (`help(disclosure.extract)`) and signature are
the API function's."""
from __future__ import annotations

import sys
import types
from pathlib import Path

from disclosure.extract.errors import InputError
from disclosure.model import RawDocument


def read(path: str | Path, ocr: str = "auto", dpi: int = 200) -> RawDocument:
    """Read a disclosure by its content (extract/sniff.py), not its extension: PDF; spreadsheet
    (.xlsx, .xls); Word (.docx, .doc through LibreOffice); HTML (an .xls or .doc that is really a
    web page too); a scraper's page text (标题: … header lines); else plain text (UTF-8 or GB18030).

    ocr: auto (OCR the pages triage finds scanned or with a broken text layer), force (every
    page), off (none); dpi: the resolution pages are rendered at for OCR."""
    from disclosure.limits import check_file

    p = Path(path)
    check_file(p)  # a regular file within the size limit, or InputError (before any open)
    with p.open("rb") as fh:
        head = fh.read(1024)
    if not head:
        raise InputError(str(path), "empty file (0 bytes)")
    from disclosure.extract.sniff import sniff
    kind = sniff(p, head)
    if kind == "pdf":
        from disclosure.extract.pdf import read_pdf
        return read_pdf(p, ocr, dpi)
    if kind in ("xlsx", "xls", "xmlss", "csv", "docx", "doc", "html", "pagetext", "zip", "ole", "encrypted"):
        from disclosure.extract.office import read_office
        if kind in ("xlsx", "docx", "zip"):
            from disclosure.extract.streams import check_zip
            check_zip(p)  # a member over --max-stream (a zip bomb), or InputError
        return read_office(p, kind)
    if p.suffix.lower() == ".pdf":
        raise InputError(str(path), "not a PDF (no %PDF- header)")
    _refuse_json(p, head)
    from disclosure.extract.text import read_text
    return read_text(p)


def _refuse_json(p: Path, head: bytes) -> None:
    """Raises InputError for JSON data, which no reader takes and plain text would read as one page of
    prose with junk findings: a document.json written by `extract` (`"schema_version"` in its first
    KB: check, report and disclosure.extract read it again), or any other file that parses as JSON
    whole (a scraper's list of page texts, an API response). A text that merely starts with a
    bracket and does not parse is left to the text reader."""
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] not in (b"{", b"["):
        return
    from disclosure.extract.jsonin import MARK

    if MARK in head:
        raise InputError(str(p), "a document.json written by `disclosure extract`, not a source: `check`, "
                                 "`report` and disclosure.extract read it again")
    from disclosure.limits import check_text
    import json

    check_text(p, p.stat().st_size)  # a JSON over --max-text-size is refused as the text would be
    try:
        json.loads(p.read_bytes())
    except (ValueError, UnicodeDecodeError):
        return
    raise InputError(str(p), "JSON data, not a disclosure (extract reads PDF, spreadsheets, Word, web pages, "
                             "page texts and plain text)")


def _api_doc() -> str:
    """The help of `disclosure.extract`: the API function's signature and docstring
    (disclosure/api.py extract), then what this package holds besides."""
    import inspect

    from disclosure.api import extract

    return (f"disclosure.extract{inspect.signature(extract)}\n\n{inspect.getdoc(extract)}\n\n"
            "The name is also the readers' package (disclosure/extract/): `disclosure.extract.read(path)` gives "
            "the RawDocument of any format, and its modules (pdf, sheet, docx, html, text, ...) stay importable "
            "(`from disclosure.extract.sheet import read_xlsx`).\n\nReaders' package:\n" + (_PACKAGE_DOC or ""))


_PACKAGE_DOC = __doc__


class _CallableModule(types.ModuleType):
    """The package disclosure.extract, callable as the API function disclosure.api.extract. Its
    help (`help(disclosure.extract)`, pydoc, `inspect.getdoc`) and `inspect.signature` are the API
    function's: `__doc__` and `__signature__` are properties of this class, which win over the
    module's own docstring (a data descriptor on the type comes before the instance's dict)."""

    def __call__(self, path, **options):
        """disclosure.api.extract: read, structure, normalise and check one disclosure -> Document."""
        from disclosure.api import extract

        return extract(path, **options)

    @property
    def __doc__(self) -> str:  # help() shows the API function
        return _api_doc()

    @property
    def __signature__(self):
        import inspect

        from disclosure.api import extract

        return inspect.signature(extract)


sys.modules[__name__].__class__ = _CallableModule
