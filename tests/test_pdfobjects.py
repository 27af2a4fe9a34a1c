"""extract/pdfobjects.py, the reader of a PDF's objects that stands in for pdfminer before pdfium
loads a page (pdfium_reader._Descriptors): where it answers, the answers are pdfminer's
(_MinerDescriptors), and where it declines, pdfminer answers; a plain file is read without
importing pdfminer."""
from __future__ import annotations

import base64
import subprocess
import sys
import zlib
from pathlib import Path

import pypdfium2
import pytest

from conftest import corpus_file
from disclosure.extract import pdfium_reader as pr

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from samples.hostile import build as _build  # noqa: E402  (a PDF of objects with a correct xref table)


def _both(path: Path) -> tuple[list, list, "pr._Descriptors"]:
    """Each page's (fonts: name and descent, survey) by this reader and by pdfminer, and the
    widths tables of the fonts this reader makes itself compared over the text they map."""
    try:
        n = len(pypdfium2.PdfDocument(str(path)))
    except pypdfium2.PdfiumError:  # (the encrypted one: its one page)
        n = 1
    mine, miner = pr._Descriptors(path), pr._MinerDescriptors(path)
    got, want = [], []
    for i in range(n):
        a, b = mine.page(i), miner.page(i)
        got.append(({k: v[:2] for k, v in a.items()}, list(a), mine.fanout and vars(mine.fanout)))
        want.append(({k: v[:2] for k, v in b.items()}, list(b), miner.fanout and vars(miner.fanout)))
        for k in a:
            if isinstance(a[k][2], pr._MineFont) and pr._simple_widths(a[k][2]) is not None:
                w_mine = mine.widths(a[k][2])
                w_miner = miner.widths(b[k][2])
                texts = [chr(c) for c in range(32, 0x2200)]
                assert [w_mine(t) for t in texts] == [w_miner(t) for t in texts], (path.name, i, k)
    miner.close()
    return got, want, mine


def test_corpus_read_without_pdfminer_as_pdfminer_reads_it():
    """Every corpus PDF: this reader reads it (no decline) and each page's fonts, their order and
    the XObject survey are pdfminer's; so are the widths of the fonts it makes (all of them
    simple TrueType fonts in WinAnsiEncoding that the files do not embed)."""
    first = corpus_file("putuo-wanli-2024-dept-budget.pdf")
    for path in sorted(first.parent.glob("*.pdf")):
        got, want, mine = _both(path)
        assert mine.miner is None and mine._fonts_of is None, path.name
        assert got == want and any(f for f, _, _ in got), path.name
        mine.close()


def test_standard_tables_are_pdfminers():
    from pdfminer.encodingdb import EncodingDB
    from pdfminer.fontmetrics import FONT_METRICS

    from disclosure.extract.winansi import WIN_ANSI

    assert list(WIN_ANSI.items()) == list(EncodingDB.encodings["WinAnsiEncoding"].items())
    assert pr._STANDARD_DESCENT == {k: v[0].get("Descent", 0) for k, v in FONT_METRICS.items()}


def _stream(data: bytes, extra: bytes = b"", a85: bool = False) -> bytes:
    z = zlib.compress(data)
    if a85:  # (as ReportLab writes its pages: ASCII85 over Flate)
        z = base64.a85encode(z) + b"~>"
        return b"<< /Length %d /Filter [/ASCII85Decode /FlateDecode] %s>>\nstream\n" % (len(z), extra) + z + \
            b"\nendstream"
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(z), extra) + z + b"\nendstream"


def _constructed() -> list[bytes]:
    """A page with an unembedded TrueType font whose encoding has /Differences (widths pdfminer
    makes), a Type0 font with a descriptor, a standard-14 font, and a form drawn twice that
    draws another."""
    content = b"BT /F1 12 Tf 72 700 Td (ab) Tj /F2 12 Tf (x) Tj /F3 9 Tf (y) Tj ET /X1 Do /X1 Do"
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 612 792] >>",
        b"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R /F2 7 0 R /F3 10 0 R >> "
        b"/XObject << /X1 11 0 R >> >> /Contents 4 0 R >>",
        _stream(content, a85=True),
        b"<< /Type /Font /Subtype /TrueType /BaseFont /Foo#2dBold /FirstChar 32 /LastChar 34 "
        b"/Widths [250 333 408] /Encoding << /Differences [32 /space /a /b] >> /FontDescriptor 6 0 R >>",
        b"<< /Type /FontDescriptor /FontName /Foo-Bold /Descent 212.5 /MissingWidth 500 >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+SimSun /Encoding /Identity-H "
        b"/DescendantFonts [8 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+SimSun /FontDescriptor 9 0 R >>",
        b"<< /Type /FontDescriptor /FontName /ABCDEF+SimSun /Descent -141 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        _stream(b"/X2 Do", b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] "
                b"/Resources << /XObject << /X2 12 0 R >> >>"),
        _stream(b"0 0 m 1 1 l S", b"/Type /XObject /Subtype /Form /BBox [0 0 10 10]"),
    ]


def test_constructed_page_fonts_survey_and_widths(tmp_path):
    """A constructed page (its content in ASCII85 over Flate): fonts (a positive /Descent, a
    Type0's descriptor, a standard-14 name, a name with an escape) and the survey as pdfminer reads them; the font with /Differences has
    its widths made by pdfminer (this reader declines that font, not the page)."""
    path = tmp_path / "fonts.pdf"
    path.write_bytes(_build(_constructed()))
    got, want, mine = _both(path)
    assert got == want
    fonts, order, fanout = got[0]
    assert fonts == {"Foo-Bold": ("Foo-Bold", -212.5), "SimSun": ("ABCDEF+SimSun", -141.0),
                     "Helvetica": ("Helvetica", -207.0)} and fanout == {"draws": 4, "depth": 2}
    spec = mine.page(0)["Foo-Bold"][2]
    widths = mine.widths(spec)
    assert mine.miner is None and mine._fonts_of is not None  # pdfminer for that font only
    # pdfminer's reading: a text's width is its first code's in the encoding's order ("a" at 97,
    # before the 33 /Differences gives it), here /MissingWidth
    assert (widths("a"), widths("b"), widths(" ")) == (0.5, 0.5, 0.5)  # (" " first at 160 there)
    mine.close()


@pytest.mark.parametrize("damage", ["startxref", "encrypt", "offset", "filter"])
def test_what_it_declines_pdfminer_reads(tmp_path, damage):
    """A file this reader does not take (the startxref wrong, encrypted, an object not where the
    cross-reference says, a filter other than Flate) is read by pdfminer, from the page it
    declined at: the answers are pdfminer's."""
    objects = _constructed()
    extra = b""
    if damage == "filter":
        data = b"BT /F3 9 Tf (y) Tj ET /X1 Do"
        objects[3] = b"<< /Length %d /Filter /ASCIIHexDecode >>\nstream\n" % (2 * len(data) + 1) + \
            data.hex().encode() + b">\nendstream"
    if damage == "encrypt":
        extra = b"/Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >> "
    raw = _build(objects, trailer_extra=extra)
    if damage == "startxref":
        at = raw.rindex(b"startxref\n") + 10
        raw = raw[:at] + b"%d" % (int(raw[at:].split(b"\n")[0]) - 7) + raw[raw.index(b"\n", at):]
    if damage == "offset":
        at = raw.index(b"\n", raw.index(b"xref\n0 ") + 30)  # the first object's entry moved by 3
        first = raw[at + 1:at + 11]
        raw = raw[:at + 1] + b"%010d" % (int(first) + 3) + raw[at + 11:]
    path = tmp_path / f"{damage}.pdf"
    path.write_bytes(raw)
    got, want, mine = _both(path)
    assert mine.miner is not None, damage  # declined: pdfminer read it
    assert got == want
    mine.close()


def test_a_plain_pdf_is_read_without_importing_pdfminer():
    """Reading a corpus PDF (pdfium, this reader) imports neither pdfminer nor pdfplumber."""
    code = ("import sys; from disclosure.pipeline import extract; "
            f"extract({str(corpus_file('putuo-wanli-2024-dept-budget.pdf'))!r}); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pdfminer', 'pdfplumber')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                         env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    assert out.stdout.strip() == "[]", out.stdout
