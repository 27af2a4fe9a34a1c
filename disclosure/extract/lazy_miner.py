"""pdfminer.six imported where it is used, not by every process that reads a PDF.

The pdfium reader asks pdfminer nothing on a plain file (extract/pdfobjects.py reads what it
asked), and pdfminer's import (with charset_normalizer's and cryptography's) cost more than
reading a short document. The blocks that change pdfminer for a read (its debug calls silenced,
its stream decoding bounded: extract/pdf.py, extract/streams.py) are entered with `patching`:
the change is made when the block starts if pdfminer is imported by then, else when `load()`
imports it inside the block, and undone when the block ends. Every user of pdfminer in the
reading calls `load()` first.

`MINER`: pdfminer's objects as the pdfium reader's font and XObject surveys read them (their
other reader is extract/pdfobjects.py's, see pdfium_reader._Mine).
"""
from __future__ import annotations

import sys
from contextlib import contextmanager

_BLOCKS: list[list] = []  # [apply, undo, state or _OFF], outermost first
_OFF = object()


def loaded() -> bool:
    """Whether pdfminer's modules the patches touch are imported."""
    return "pdfminer.pdftypes" in sys.modules and "pdfminer.pdfinterp" in sys.modules


def load() -> None:
    """Import pdfminer's parser modules and make the changes of the blocks open around the call."""
    import pdfminer.pdfdocument  # noqa: F401
    import pdfminer.pdfinterp  # noqa: F401
    import pdfminer.pdfparser  # noqa: F401
    import pdfminer.psparser  # noqa: F401
    import pdfminer.pdftypes  # noqa: F401

    for block in _BLOCKS:
        if block[2] is _OFF:
            block[2] = block[0]()


@contextmanager
def patching(apply, undo):
    """`apply()` (its result passed to `undo`) once pdfminer is imported inside the block, now if it
    is already; `undo(state)` at the end when it was applied."""
    block = [apply, undo, _OFF]
    _BLOCKS.append(block)
    try:
        if loaded():
            block[2] = apply()
        yield
    finally:
        del _BLOCKS[next(i for i, b in enumerate(_BLOCKS) if b is block)]  # (by identity: blocks alike are equal)
        if block[2] is not _OFF:
            undo(block[2])


class _Miner:
    """pdfminer's objects as pdfium_reader._page_fonts, _descent and xobjects.survey_parts read them."""

    @staticmethod
    def resolve(x):
        from pdfminer.pdftypes import resolve1

        return resolve1(x)

    @staticmethod
    def stream(x):
        """x resolved if a stream, else None (pdfminer's stream_value gives an empty one)."""
        from pdfminer.pdftypes import PDFStream, resolve1

        x = resolve1(x)
        return x if isinstance(x, PDFStream) else None

    @staticmethod
    def literal(v):
        """A name's text (str; bytes as pdfminer keeps a name not in UTF-8), else None."""
        from pdfminer.psparser import PSLiteral

        return v.name if isinstance(v, PSLiteral) else None

    @staticmethod
    def text(v):
        return v if isinstance(v, (bytes, str)) else None

    @staticmethod
    def data(stream) -> bytes:
        from disclosure.extract.streams import decoded

        return decoded(stream)

    @staticmethod
    def font(spec, key):
        return spec


MINER = _Miner()
