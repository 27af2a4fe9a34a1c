"""The decompressed size of a PDF stream, bounded (DISCLOSURE_MAX_STREAM_MB, disclosure/limits.py).

pdfminer decodes a stream whole (`zlib.decompress`, LZW and run-length into one bytes object):
a Flate bomb of 1 MB is 1 GB in memory before anything looks at it. Inside `bounded()`,
pdfminer's Flate, LZW and run-length decoding stop at the limit and raise StreamTooLarge, which
the PDF reader turns into a one-line refusal of the file. `decoded` decodes a stream
without keeping it: the pdfium reader decodes each page's content streams and forms with it
before pdfium does (extract/xobjects.py survey), so a page whose streams are over the limit is
refused before pdfium decodes it: pdfium decodes in C and offers no setting to bound it (none of
pypdfium2's FPDF_ functions does), so what this survey does not reach (images, fonts, a file
pdfminer cannot parse) is bounded by the worker's RLIMIT_AS (--max-memory) only.
"""
from __future__ import annotations

import zlib
from contextlib import contextmanager

from disclosure.extract.errors import InputError
from disclosure.extract.guard import uninterrupted
from disclosure.limits import max_stream_bytes

class StreamTooLarge(Exception):
    """A stream decompresses to more than DISCLOSURE_MAX_STREAM_MB."""

    def __init__(self, limit: int):
        self.limit = limit
        super().__init__(reason(limit))


def reason(limit: int) -> str:
    """The one-line reason naming the limit."""
    return f"a stream decompresses to more than {limit / 1048576:g} MB (--max-stream {limit / 1048576:g} MB)"


def refusal(path, e: StreamTooLarge) -> InputError:
    """The file's one-line refusal."""
    return InputError(str(path), str(e))


def cause(e: BaseException) -> StreamTooLarge | None:
    """The StreamTooLarge `e` is or was raised from (pdfplumber wraps pdfminer's errors), else None."""
    seen = 0
    while e is not None and seen < 20:
        if isinstance(e, StreamTooLarge):
            return e
        e, seen = e.__cause__ or e.__context__, seen + 1
    return None


def inflate(data: bytes, limit: int) -> bytes:
    """zlib.decompress(data), raising StreamTooLarge past `limit` bytes (0: none) and zlib.error as
    zlib.decompress does for a stream that is incomplete."""
    d = zlib.decompressobj()
    with uninterrupted():  # the size decides, not a time budget running out during the one call
        out = d.decompress(data, limit + 1) if limit else d.decompress(data)
        if limit and len(out) > limit:
            raise StreamTooLarge(limit)
    if not d.eof:
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return out


def inflate_corrupted(data: bytes, limit: int) -> bytes:
    """pdfminer's decompress_corrupted (a stream whose checksum is wrong: byte by byte, keeping what
    came before an error in the last 3 bytes), raising StreamTooLarge past `limit` bytes."""
    d = zlib.decompressobj()
    parts, size = [], 0
    for i in range(len(data)):
        try:
            got = d.decompress(data[i:i + 1])
        except zlib.error:
            if i < len(data) - 3:
                raise
            break
        size += len(got)
        if limit and size > limit:
            raise StreamTooLarge(limit)
        parts.append(got)
    return b"".join(parts)


def decoded(stream) -> bytes:
    """A pdfminer PDFStream's decoded data without keeping it on the stream (pdfminer keeps what it
    decoded for as long as the document is open); bounded as bounded() bounds it."""
    from pdfminer.pdftypes import PDFStream

    if stream.data is not None or stream.rawdata is None:
        return stream.get_data()
    copy = PDFStream(stream.attrs, stream.rawdata, stream.decipher)
    copy.objid, copy.genno = stream.objid, stream.genno
    return copy.get_data()


class _Zlib:
    """The zlib module as pdfminer.pdftypes sees it inside bounded(): decompress is bounded."""

    error = zlib.error

    def __getattr__(self, name):
        return getattr(zlib, name)

    @staticmethod
    def decompress(data: bytes, *args) -> bytes:
        return inflate(data, max_stream_bytes())


def _bounded_join(decode):
    def run(data: bytes, *args) -> bytes:
        out = decode(data, *args)
        limit = max_stream_bytes()
        if limit and len(out) > limit:  # LZW at most ~4000 times, run-length 64 times the input
            raise StreamTooLarge(limit)
        return out
    return run


def bounded():
    """pdfminer's stream decoding bounded by DISCLOSURE_MAX_STREAM_MB inside the block (from when
    pdfminer is imported: extract/lazy_miner.py)."""
    from disclosure.extract import lazy_miner

    return lazy_miner.patching(_bound, _unbound)


def _bound() -> dict:
    import pdfminer.pdftypes as t

    saved = {k: getattr(t, k) for k in ("zlib", "decompress_corrupted", "lzwdecode", "rldecode")}
    t.zlib = _Zlib()
    t.decompress_corrupted = lambda data: inflate_corrupted(data, max_stream_bytes())
    t.lzwdecode = _bounded_join(saved["lzwdecode"])
    t.rldecode = _bounded_join(saved["rldecode"])
    return saved


def _unbound(saved: dict) -> None:
    import pdfminer.pdftypes as t

    for k, v in saved.items():
        setattr(t, k, v)


def check_zip(path) -> None:
    """Refuse (InputError naming --max-stream) a zip container (.xlsx, .docx) holding a member that
    says it decompresses to more than DISCLOSURE_MAX_STREAM_MB: openpyxl and lxml read members
    whole. Python's zipfile stops a member at the size it declares, so a member lying about its
    size cannot get past it. A file that is not a readable zip is left to its reader."""
    import zipfile

    limit = max_stream_bytes()
    if not limit:
        return
    try:
        with zipfile.ZipFile(path) as z:
            big = max(z.infolist(), key=lambda i: i.file_size, default=None)
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    if big is not None and big.file_size > limit:
        raise InputError(str(path), f"{big.filename!r} in the zip decompresses to {big.file_size / 1048576:.0f} MB, "
                                    f"more than --max-stream {limit / 1048576:g} MB")
