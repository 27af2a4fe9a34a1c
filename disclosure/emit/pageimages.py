"""Pages of a PDF as small embedded images for the review report (emit/report.py).

A page is rendered by pdfium in grey at REPORT_SCALE (1.5: an A4 page is 893 x 1263 px) and
encoded small: a text-layer page as a 16-grey palette PNG (crisp type, about 10-80 KB), a page
read by OCR (a scan: noise compresses badly in a palette) as a WebP (about 70 KB). A page read by OCR that was
turned (quarter turns, deskew) is turned the same way, so that the boxes OCR gives, which are in
the upright page's points, fall where they are printed.
"""
from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from pathlib import Path

REPORT_SCALE = 1.5  # pixels per PDF point
PHOTO_TRIAGE = ("scanned", "text_over_image")  # pages that are images, whatever read them
PHOTO_QUALITY = 50  # WebP: a 200 dpi scan's page in about 70 KB (JPEG at 60: 110 KB)
_LEVELS = 16
_LUT = [(v * (_LEVELS - 1) + 127) // 255 for v in range(256)]
_PALETTE = [c for v in range(_LEVELS) for c in (v * 255 // (_LEVELS - 1),) * 3]


@dataclass
class PageImage:
    """One rendered page: `mime` image/png or image/webp and `data` its encoded bytes,
    `width`/`height` the page in PDF points as the boxes use them, `pixels` (w, h) of the image."""

    number: int
    mime: str
    data: bytes
    width: float
    height: float
    pixels: tuple[int, int]

    @property
    def bytes(self) -> int:
        """The encoded size."""
        return len(self.data)

    @property
    def uri(self) -> str:
        """The image as a data: URI (embedded in the report)."""
        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode('ascii')}"

    @property
    def file_name(self) -> str:
        """The image's file name beside the report (`p0001.png`, `p0002.webp`)."""
        return f"p{self.number:04d}.{self.mime.split('/')[1]}"


def _encode(img, photo: bool) -> tuple[str, bytes]:
    from PIL import Image

    buf = io.BytesIO()
    if photo:
        img.save(buf, "WEBP", quality=PHOTO_QUALITY)
        return "image/webp", buf.getvalue()
    pal = Image.frombytes("P", img.size, img.point(_LUT).tobytes())
    pal.putpalette(_PALETTE)
    pal.save(buf, "PNG", compress_level=6, bits=4)
    return "image/png", buf.getvalue()


def render_page(pdf, number: int, info: dict, scale: float = REPORT_SCALE):
    """One page of an open pypdfium2 document as a greyscale PIL image of its media box, turned as
    OCR turned it (`info` as in render_pages). Returns (image, width, height): the page's size in the points its
    boxes use. Raises pypdfium2.PdfiumError (or IndexError) when the page cannot be rendered."""
    page = pdf[number - 1]
    try:
        # boxes are in points of the media box (as pdfplumber gives them); pdfium renders the crop
        # box: a page cropped smaller is rendered whole (in memory only) so that they line up
        media = page.get_mediabox()
        if page.get_cropbox() != media:
            page.set_cropbox(*media)
        w, h = page.get_size()
        img = page.render(scale=scale, grayscale=True).to_pil().convert("L")
    finally:
        page.close()
    ocr = info.get("ocr") or {}
    if info.get("method") == "ocr":
        rotation = int(ocr.get("rotation") or 0) % 360
        skew = float(ocr.get("skew") or 0.0)
        if rotation:
            img = img.rotate(rotation, expand=True)
            if rotation in (90, 270):
                w, h = h, w
        if skew:  # stored as the page's own tilt; OCR turned it back by -skew
            img = img.rotate(-skew, fillcolor=255)
    return img, float(w), float(h)


def render_pages(path: str | Path, pages: dict[int, dict], scale: float = REPORT_SCALE) -> dict[int, PageImage]:
    """Render the pages of the PDF at `path`: `pages` maps a 1-based page number to how it was read
    ({"method": "text_layer" | "ocr" | "none", "triage": ..., "ocr": {"rotation", "skew"}}, as
    Document.pages gives). Returns page number -> PageImage; a page pdfium cannot render is left out (the report
    shows it without an image). Raises OSError / pypdfium2.PdfiumError when the file cannot be
    opened at all."""
    import pypdfium2 as pdfium

    out: dict[int, PageImage] = {}
    pdf = pdfium.PdfDocument(str(path))
    try:
        for number in sorted(pages):
            if number < 1 or number > len(pdf):
                continue
            info = pages[number]
            try:
                img, w, h = render_page(pdf, number, info, scale)
            except Exception:  # a page pdfium cannot render: shown without its image
                continue
            # a scan (read by OCR, or not read: no OCR installed, --ocr off) compresses badly in a palette
            photo = info.get("method") == "ocr" or info.get("triage") in PHOTO_TRIAGE
            mime, data = _encode(img, photo)
            out[number] = PageImage(number, mime, data, w, h, img.size)
    finally:
        pdf.close()
    return out
