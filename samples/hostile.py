"""Small hostile and damaged PDFs, built by hand (bytes), for tests/test_hostile.py and bench/fuzz.py.

Each builder returns the bytes of a PDF whose cross-reference table is right (unless damaging it
is the point): a reader cannot blame a bad xref for what the objects themselves do.
"""
from __future__ import annotations

import random
import zlib

TEXT_PAGE = b"BT /F1 12 Tf 72 720 Td (2021 budget) Tj ET"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def stream(data: bytes, extra: bytes = b"", compress: bool = False, length: int | None = None) -> bytes:
    """A stream object's body; `length` lies about the length when given."""
    if compress:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    n = len(data) if length is None else length
    return b"<< /Length %d%s >>\nstream\n" % (n, extra) + data + b"\nendstream"


def build(objects: list[bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF of `objects` (numbered from 1) with a correct xref table and trailer."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, root, trailer_extra, xref)
    return bytes(out)


def _page(extra: bytes, mediabox: bytes = b"[0 0 595 842]") -> bytes:
    return b"<< /Type /Page /Parent 2 0 R /MediaBox " + mediabox + b" " + extra + b" >>"


def plain(text: bytes = TEXT_PAGE, pages: int = 1) -> bytes:
    """A valid PDF of `pages` pages, each showing `text` in Helvetica."""
    kids = b" ".join(b"%d 0 R" % (5 + 2 * i) for i in range(pages))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
            FONT, b"<< /Font << /F1 3 0 R >> >>"]
    for i in range(pages):
        objs += [_page(b"/Resources 4 0 R /Contents %d 0 R" % (6 + 2 * i)), stream(text)]
    return build(objs)


def contents_loop() -> bytes:
    """/Contents and /Resources are references that resolve to each other forever (6 -> 7 -> 6)."""
    return build([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                  _page(b"/Resources 6 0 R /Contents 4 0 R"), b"5 0 R", b"4 0 R", b"7 0 R", b"6 0 R"])


def contents_array_loop() -> bytes:
    """/Contents is an array holding a reference to itself."""
    return build([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                  _page(b"/Resources << >> /Contents 4 0 R"), b"[4 0 R 5 0 R]", stream(TEXT_PAGE)])


def page_tree_loop() -> bytes:
    """A /Pages node whose kid is its own parent."""
    return build([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                  b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1 >>"])


def resources_loop() -> bytes:
    """A form XObject that draws itself (its /Resources names itself)."""
    form = stream(b"/X Do " + TEXT_PAGE, b" /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources 6 0 R")
    return build([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                  _page(b"/Resources 6 0 R /Contents 4 0 R"), stream(b"/X Do"), form,
                  b"<< /XObject << /X 5 0 R >> /Font << /F1 7 0 R >> >>", FONT])


def fan_out(levels: int = 20, copies: int = 4) -> bytes:
    """Form XObjects each drawing the next `copies` times, `levels` deep (copies**levels draws)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            _page(b"/Resources << /XObject << /X 5 0 R >> >> /Contents 4 0 R"), stream(b"/X Do")]
    for k in range(levels):
        n = 5 + k
        if k == levels - 1:
            objs.append(stream(b"0 0 m 10 10 l S " + TEXT_PAGE,
                               b" /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >>"
                               % (n + 1)))
            objs.append(FONT)
        else:
            draw = b" ".join([b"q 0.5 0 0 0.5 0 0 cm /X Do Q"] * copies)
            objs.append(stream(draw, b" /Type /XObject /Subtype /Form /BBox [0 0 595 842] "
                                     b"/Resources << /XObject << /X %d 0 R >> >>" % (n + 1)))
    return build(objs)


def huge_mediabox(side: float = 14400) -> bytes:
    """One page of side x side points (14400: the largest PDF allows; 40,000 px square at 200 dpi)
    holding an image, so triage sends it to OCR."""
    img = stream(b"\x80" * 16, b" /Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceGray "
                                 b"/BitsPerComponent 8")
    box = b"[0 0 %g %g]" % (side, side)
    content = b"q %g 0 0 %g 0 0 cm /Im Do Q" % (side, side)
    return build([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                  _page(b"/Resources << /XObject << /Im 5 0 R >> >> /Contents 4 0 R", box), stream(content), img])


def flate_bomb(mb: int = 1024) -> bytes:
    """A content stream of `mb` MiB of spaces, deflated to about a thousandth of that."""
    z = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    data = b"".join(z.compress(chunk) for _ in range(mb)) + z.flush()
    body = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return build([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                  _page(b"/Resources << >> /Contents 4 0 R"), body])


def many_pages(n: int) -> bytes:
    """n pages sharing one content stream (a few bytes a page)."""
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(n))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
            b"<< /Font << /F1 4 0 R >> >>", FONT]
    content_no = 5 + n
    objs += [_page(b"/Resources 3 0 R /Contents %d 0 R" % content_no) for _ in range(n)]
    objs.append(stream(TEXT_PAGE))
    return build(objs)


def lying_length(extra: int = 100_000) -> bytes:
    """A content stream whose /Length says `extra` bytes more than there are."""
    return build([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                  _page(b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R"),
                  stream(TEXT_PAGE, length=len(TEXT_PAGE) + extra), FONT])


def huge_widths() -> bytes:
    """A CIDFont /W array spanning 0..4294967295 and a ToUnicode range <00000000> <FFFFFFFF>."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange "
            b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange endcmap end end")
    return build([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                  _page(b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R"),
                  stream(b"BT /F1 12 Tf 72 720 Td <00410042> Tj ET"),
                  b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [6 0 R] "
                  b"/ToUnicode 7 0 R >>",
                  b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) "
                  b"/Ordering (Identity) /Supplement 0 >> /W [0 4294967295 500] /FontDescriptor 8 0 R >>",
                  stream(cmap),
                  b"<< /Type /FontDescriptor /FontName /X /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 "
                  b"/Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>"])


HOSTILE = {"contents_loop": contents_loop, "contents_array_loop": contents_array_loop,
           "page_tree_loop": page_tree_loop, "resources_loop": resources_loop, "fan_out": fan_out,
           "huge_mediabox": huge_mediabox, "lying_length": lying_length, "huge_widths": huge_widths}


# ------------------------------------------------------------------ damage to a good file

def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, max(2, len(data)))]


def flip_bytes(data: bytes, rng: random.Random, n: int | None = None) -> bytes:
    b = bytearray(data)
    for _ in range(n or rng.randint(1, 50)):
        i = rng.randrange(len(b))
        b[i] ^= 1 << rng.randrange(8)
    return bytes(b)


def cut_xref(data: bytes, rng: random.Random) -> bytes:
    """The cross-reference section (table or stream) and what follows removed."""
    i = data.rfind(b"startxref")
    j = data.rfind(b"xref", 0, i) if i > 0 else -1
    at = j if j > 0 else max(1, len(data) - rng.randint(1, 200))
    return data[:at]


def holes(data: bytes, rng: random.Random) -> bytes:
    """A few runs of bytes zeroed."""
    b = bytearray(data)
    for _ in range(rng.randint(1, 5)):
        i = rng.randrange(len(b))
        n = rng.randint(1, 4096)
        b[i:i + n] = bytes(min(n, len(b) - i))
    return bytes(b)


def lie_lengths(data: bytes, rng: random.Random) -> bytes:
    """Every /Length N made wrong (larger, smaller or zero)."""
    import re

    def wrong(m):
        n = int(m.group(1))
        return b"/Length %d" % rng.choice([0, n // 2, n * 2 + 7, n + 1, 10 ** 9])
    return re.sub(rb"/Length (\d+)", wrong, data)


def shuffle_offsets(data: bytes, rng: random.Random) -> bytes:
    """Xref offsets of a classic table shifted."""
    import re
    return re.sub(rb"(\d{10}) 00000 n", lambda m: b"%010d 00000 n" % max(0, int(m.group(1)) + rng.randint(-40, 40)), data)


DAMAGE = {"truncate": truncate, "flip_bytes": flip_bytes, "cut_xref": cut_xref, "holes": holes,
          "lie_lengths": lie_lengths, "shuffle_offsets": shuffle_offsets}
