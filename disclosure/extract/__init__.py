"""Documents in: a reader per format, each giving a RawDocument (pages of text lines and grids)."""
from __future__ import annotations

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
    if kind in ("xlsx", "xls", "docx", "doc", "html", "pagetext", "zip", "ole", "encrypted"):
        from disclosure.extract.office import read_office
        return read_office(p, kind)
    if p.suffix.lower() == ".pdf":
        raise InputError(str(path), "not a PDF (no %PDF- header)")
    from disclosure.extract.text import read_text
    return read_text(p)
