"""A page as an image for OCR: rendered, turned upright (quarter turns) and deskewed.

Skew is found by the projection profile: the angle at which the rows of ink are sharpest (text
lines and table rulings both become horizontal). Angles are in degrees, counter-clockwise.
"""
from __future__ import annotations

MAX_SKEW = 5.0  # degrees searched either way
TINT = (160, 240)  # grey levels of a light tint (a watermark, a shaded fill): lighter than text, darker than paper
TINT_CORE = 7  # a tint is whitened where it fills a square of this many pixels (a text stroke's blur is narrower)


class TooLarge(Exception):
    """A page too large to render within DISCLOSURE_MAX_PIXELS at a resolution OCR can read."""


def render(pdfium_page, dpi: int):
    """The page as a greyscale numpy array at `dpi`. Raises TooLarge when the image would have more
    than DISCLOSURE_MAX_PIXELS pixels (scanned.read_page lowers the dpi first)."""
    import numpy as np

    from disclosure.limits import current

    w, h = pdfium_page.get_size()
    lim = current().max_pixels
    if lim and (w * dpi / 72) * (h * dpi / 72) > lim:
        raise TooLarge(f"page not rendered: {w:.0f}x{h:.0f} pt at {dpi} dpi is over --max-pixels {lim}")
    bitmap = pdfium_page.render(scale=dpi / 72, grayscale=True)
    return np.array(bitmap.to_pil().convert("L"))


def _ink(gray, max_side: int = 1200):
    import cv2

    h, w = gray.shape
    f = min(1.0, max_side / max(h, w))
    small = cv2.resize(gray, (max(1, int(w * f)), max(1, int(h * f))), interpolation=cv2.INTER_AREA) if f < 1 else gray
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return ink


class _Points:
    """The ink pixels of a binary image, whose rows' sharpness (sharpness: the sum of squared
    differences between the counts of ink in adjacent rows, the image turned by an angle in
    degrees about its centre) is asked at many angles: each angle moves the pixels' coordinates by the turn's matrix (as cv2.warpAffine
    turns the image, nearest pixel, pixels turned out of the frame lost) and counts them per row,
    instead of turning the whole image each time (three times less CPU on the scans of
    shengweiban-2017 and the generated layouts, and the same angle on 68 of their 69 pages; the
    other an upright text page, 0.04 for -0.04)."""

    def __init__(self, ink, reach: float = MAX_SKEW + 0.5):
        import numpy as np

        ys, xs = np.nonzero(ink)
        self.h, self.w = ink.shape
        xs, ys = xs.astype(np.float32), ys.astype(np.float32)
        # pixels that no turn within `reach` degrees can move out of the frame need no test: a
        # turn about the centre moves a pixel by at most its distance from the centre times the
        # angle (radians), so those farther than that (and a pixel for rounding) from every edge
        # stay in (the counts are the same as testing every pixel)
        move = float(np.hypot(self.w / 2, self.h / 2) * np.radians(reach)) + 2
        inner = (xs >= move) & (xs <= self.w - 1 - move) & (ys >= move) & (ys <= self.h - 1 - move)
        self.xs, self.ys = xs[inner], ys[inner]
        self.edge_xs, self.edge_ys = xs[~inner], ys[~inner]
        self.reach = reach

    def sharpness(self, angle: float) -> float:
        import cv2
        import numpy as np

        if abs(angle) > self.reach:
            raise ValueError(f"angle {angle} beyond the {self.reach} degrees the points were made for")
        m = cv2.getRotationMatrix2D((self.w / 2, self.h / 2), float(angle), 1.0).astype(np.float32)
        rows = np.bincount(np.rint(m[1, 0] * self.xs + m[1, 1] * self.ys + m[1, 2]).astype(np.int64),
                           minlength=self.h)
        yd = np.rint(m[1, 0] * self.edge_xs + m[1, 1] * self.edge_ys + m[1, 2]).astype(np.int64)
        xd = np.rint(m[0, 0] * self.edge_xs + m[0, 1] * self.edge_ys + m[0, 2])
        keep = (yd >= 0) & (yd < self.h) & (xd >= 0) & (xd < self.w)
        rows = (rows[:self.h] + np.bincount(yd[keep], minlength=self.h)).astype(np.float64)
        return float(np.sum(np.diff(rows) ** 2))


def skew_angle(gray) -> float:
    """The angle (degrees) to turn the image by so that its lines are horizontal: every 0.1 degree
    within MAX_SKEW on a copy at most 1000 pixels long, then every 0.02 around the best on one of
    2000. (A coarser first pass misses the narrow peak long table rulings give, and a sparse page's
    profile is too flat to climb; the smaller copy gave the same angle as the larger on 77 scanned
    pages, in a third of the time.)"""
    import numpy as np

    ink = _ink(gray, 1000)
    if not ink.any():
        return 0.0
    coarse = np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.1)
    points = _Points(ink)
    best = max(coarse, key=points.sharpness)
    points = _Points(_ink(gray, 2000))
    fine = np.arange(best - 0.12, best + 0.12 + 1e-9, 0.02)
    best = max(fine, key=points.sharpness)
    return round(float(best), 2)


def quarter_turn(gray) -> int:
    """0, or 90 when the page's lines run vertically (a page scanned on its side): the rows of ink
    are much sharper turned by 90 degrees than as they stand. Upside-down pages (180) cannot be
    told from the ink; the OCR reader tries them when the recogniser is unsure."""
    import numpy as np

    ink = _ink(gray, 800)
    if not ink.any():
        return 0
    upright, side = _Points(ink), _Points(np.rot90(ink))
    upright = max(upright.sharpness(a) for a in np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 1.0))
    side = max(side.sharpness(a) for a in np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 1.0))
    return 90 if side > 1.5 * upright else 0


def tint_removed(gray):
    """The page image with its light tint whitened: a watermark printed in light grey across the
    page (仅供参考 at 0.86 grey, samples/unseen) or a cell shaded so. Tint is a grey level in TINT,
    lighter than printed text and darker than paper; it is whitened where it fills a square of
    TINT_CORE pixels (the broad strokes of a large watermark, a fill), and so are the pixels of
    that grey within 3 pixels of such a square (the tint's blurred edge). Text and rules are
    darker than the tint (kept, where they cross it too), and the blurred edge of a text stroke or
    of a thin rule is grey only for a pixel or two, never a square, so they are left as they are.
    Without it the recogniser reads the watermark's characters into the cells it crosses (项目支出
    read Ⅲ支丑) and the ruling finder takes its strokes for ink beside a rule (a three-line table
    lost its rules). Returns a new array (the input when there is no tint)."""
    import cv2
    import numpy as np

    lo, hi = TINT
    tint = ((gray >= lo) & (gray <= hi)).astype(np.uint8)
    core = cv2.erode(tint, np.ones((TINT_CORE, TINT_CORE), np.uint8))
    if not core.any():
        return gray
    near = cv2.dilate(core, np.ones((TINT_CORE + 6, TINT_CORE + 6), np.uint8)).astype(bool) & (gray >= lo)
    out = gray.copy()
    out[near] = 255
    return out


def turn(gray, degrees: float):
    """The image turned counter-clockwise by `degrees`: quarter turns exactly (the size swaps),
    small angles about the centre with white corners (the size stays)."""
    import cv2
    import numpy as np

    q = int(round(degrees)) % 360
    if abs(degrees - round(degrees)) < 1e-9 and q % 90 == 0:
        return np.ascontiguousarray(np.rot90(gray, q // 90))
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
