"""What a file is, by its content: PDF, Office Open XML (xlsx, docx), OLE (xls, doc), HTML,
a scraper's page text, or plain text. The extension only breaks a tie (an OLE file whose streams
cannot be listed), never overrules the content: portals serve `.xls` files that are HTML pages."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from disclosure.rx import compile as rx_compile
from disclosure import rx as rx_re

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML = rx_compile(rb"<\s*(!doctype\s+html|html|head|body|table|meta|div|p|h[1-6])[\s>/]", re.I)
_XMLSS = rx_compile(rb"<\s*(ss:)?Workbook[\s>]")
_PAGETEXT = rx_compile(r"^\ufeff?\s*标题\s*[:：]")


def sniff(path: Path, head: bytes) -> str:
    """The format of `path`, from its first bytes `head` (1 KiB or more) and, for a zip or OLE
    container, the names inside it.

    Returns one of: pdf | xlsx | docx | zip (a zip of something else) | xls | doc | ole (an OLE
    file that is neither, e.g. an encrypted workbook) | xmlss (an Excel 2003 XML spreadsheet, served
    as .xls by report systems) | html | pagetext | csv (a sheet saved as comma-separated text) | text."""
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(path)
    if head.startswith(OLE_MAGIC):
        return _ole_kind(path)
    from disclosure.extract.charset import utf16_without_bom
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16_without_bom(head):
        # UTF-16, with or without its byte-order mark: look at it as 8-bit text
        enc = "utf-16-be" if head.startswith(b"\xfe\xff") or utf16_without_bom(head) == "utf-16-be" else "utf-16-le"
        start = 2 if head.startswith((b"\xff\xfe", b"\xfe\xff")) else 0
        text16 = head[start:len(head) - (len(head) - start) % 2].decode(enc, errors="replace")
        head = text16.encode("utf-8", errors="replace")
    body = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if _XMLSS.search(head) and b"urn:schemas-microsoft-com:office:spreadsheet" in head:
        return "xmlss"  # before HTML: its <Table> and <Row> are no web page's
    if _HTML.search(body[:1024]) and body[:1].startswith(b"<"):
        return "html"
    if _HTML.search(head) and rx_re.search(rb"<\s*(table|html|body)[\s>]", head, re.I):
        return "html"
    for enc in ("utf-8", "gb18030"):
        try:
            first = head.decode(enc, errors="ignore")
        except LookupError:  # pragma: no cover - both codecs ship with Python
            continue
        if _PAGETEXT.match(first):
            return "pagetext"
    from disclosure.extract.sheet import looks_csv
    text = head.decode("gb18030" if not _utf8(head) else "utf-8", errors="ignore").lstrip("\ufeff")
    if looks_csv(text, whole=len(head) < 1024):
        return "csv"
    return "text"


def _utf8(head: bytes) -> bool:
    """`head` decodes as UTF-8 (a multi-byte sequence cut at its end aside)."""
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as e:
        return e.start >= len(head) - 3


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            types = z.read("[Content_Types].xml").decode("utf-8", "replace") if "[Content_Types].xml" in names else ""
    except (zipfile.BadZipFile, OSError, KeyError):
        return "zip"
    if "xl/workbook.xml" in names or "spreadsheetml.sheet.main" in types:
        return "xlsx"
    if "word/document.xml" in names or "wordprocessingml.document.main" in types:
        return "docx"
    return "zip"


def _ole_kind(path: Path) -> str:
    """An OLE compound file: a Word document has a `WordDocument` stream, a workbook `Workbook`
    (or `Book`, Excel 5); the names are stored in UTF-16 in the directory sectors."""
    try:
        data = path.read_bytes()[:4 << 20]
    except OSError:
        return "ole"
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "encrypted"
    if "WordDocument".encode("utf-16-le") in data:
        return "doc"
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") + b"\x00\x00" in data:
        return "xls"
    return "ole"
