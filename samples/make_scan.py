"""Make a scanned copy of a PDF, for testing OCR: each page rendered at 150–300 dpi, turned by a
slight angle, blurred, given noise and JPEG compression, and wrapped back into an image-only PDF
of the same page size. `--pages` scans only those pages; with `--mixed` the other pages keep
their text layer (a PDF mixing text pages and scanned pages).

    python3 samples/make_scan.py IN.pdf OUT.pdf [--dpi 200] [--skew 0.8] [--blur 0.6]
        [--noise 6] [--quality 70] [--pages 1,3-5] [--mixed] [--rotate 0|90|180|270] [--seed 0]
        [--no-rules]

Needs numpy, Pillow and OpenCV (the `ocr` extra); pypdfium2 comes with pdfplumber.
"""
from __future__ import annotations

import argparse
import io
import os
import tempfile
from pathlib import Path


def parse_pages(spec: str | None, n: int) -> list[int]:
    """'1,3-5' -> [1, 3, 4, 5] (1-based); None -> every page."""
    if not spec:
        return list(range(1, n + 1))
    out: list[int] = []
    for part in spec.split(","):
        a, _, b = part.partition("-")
        out.extend(range(int(a), int(b or a) + 1))
    return [p for p in out if 1 <= p <= n]


def erase_rules(img):
    """The table ruling painted out (a borderless table): long thin runs of ink, found by an opening
    with line-shaped kernels, set to white."""
    import cv2
    import numpy as np
    from PIL import Image

    a = np.asarray(img).copy()
    ink = cv2.threshold(a, 160, 255, cv2.THRESH_BINARY_INV)[1]
    n = max(20, a.shape[1] // 40)
    rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (n, 1))) | \
        cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, n)))
    a[cv2.dilate(rules, np.ones((3, 3), np.uint8)) > 0] = 255
    return Image.fromarray(a, "L")


def scan_page(page, dpi: int = 200, skew: float = 0.8, blur: float = 0.6, noise: float = 6.0,
              quality: int = 70, rotate: int = 0, rng=None, no_rules: bool = False):
    """One page as a degraded greyscale scan (a PIL image)."""
    import numpy as np
    from PIL import Image, ImageFilter

    rng = rng or np.random.default_rng(0)
    img = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    if no_rules:
        img = erase_rules(img)
    if skew:
        img = img.rotate(skew, resample=Image.BICUBIC, expand=False, fillcolor=255)
    if rotate:
        img = img.rotate(rotate, expand=True, fillcolor=255)
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    if noise:
        a = np.asarray(img, dtype=np.float32) + rng.normal(0, noise, (img.height, img.width))
        img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)  # the compression artefacts stay in the page
    buf.seek(0)
    return Image.open(buf)


def make_scan(src: str | Path, dst: str | Path, dpi: int = 200, skew: float = 0.8, blur: float = 0.6,
              noise: float = 6.0, quality: int = 70, pages: str | None = None, mixed: bool = False,
              rotate: int = 0, seed: int = 0, no_rules: bool = False) -> Path:
    import numpy as np
    import pypdfium2 as pdfium

    rng = np.random.default_rng(seed)
    dst = Path(dst)
    pdf = pdfium.PdfDocument(str(src))
    try:
        chosen = parse_pages(pages, len(pdf))
        images = []
        for k, no in enumerate(chosen):
            angle = skew * (1 if k % 2 == 0 else -0.7)  # alternate the tilt, as a feeder does
            images.append(scan_page(pdf[no - 1], dpi, angle, blur, noise, quality, rotate, rng, no_rules))
        with tempfile.TemporaryDirectory() as tmp:
            scanned = Path(tmp) / "scan.pdf"
            images[0].save(scanned, "PDF", resolution=dpi, save_all=True, append_images=images[1:],
                           quality=quality)
            if mixed or (pages and len(chosen) < len(pdf)):
                out = _merge(pdf, pdfium.PdfDocument(str(scanned)), chosen, keep_text=mixed)
            else:
                out = scanned.read_bytes()
    finally:
        pdf.close()
    fd, tmpname = tempfile.mkstemp(dir=dst.parent, prefix=dst.name, suffix=".part")
    with os.fdopen(fd, "wb") as fh:
        fh.write(out)
    os.replace(tmpname, dst)
    return dst


def _merge(original, scan, chosen: list[int], keep_text: bool) -> bytes:
    """The original's pages in order, each scanned one replaced by its scan (keep_text) or only the
    scanned pages (not keep_text)."""
    import pypdfium2 as pdfium

    new = pdfium.PdfDocument.new()
    where = {no: k for k, no in enumerate(chosen)}
    for no in range(1, len(original) + 1):
        if no in where:
            new.import_pages(scan, [where[no]])
        elif keep_text:
            new.import_pages(original, [no - 1])
    buf = io.BytesIO()
    new.save(buf)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("src")
    ap.add_argument("dst")
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--skew", type=float, default=0.8, help="degrees; alternate pages tilt the other way")
    ap.add_argument("--blur", type=float, default=0.6)
    ap.add_argument("--noise", type=float, default=6.0, help="standard deviation in grey levels")
    ap.add_argument("--quality", type=int, default=70, help="JPEG quality")
    ap.add_argument("--pages", help="1-based pages to scan, e.g. 1,3-5 (default: all)")
    ap.add_argument("--mixed", action="store_true", help="keep the other pages with their text layer")
    ap.add_argument("--rotate", type=int, default=0, choices=(0, 90, 180, 270))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-rules", action="store_true", help="paint out the table ruling (borderless tables)")
    a = ap.parse_args(argv)
    out = make_scan(a.src, a.dst, a.dpi, a.skew, a.blur, a.noise, a.quality, a.pages, a.mixed, a.rotate, a.seed, a.no_rules)
    print(out)


if __name__ == "__main__":
    main()
