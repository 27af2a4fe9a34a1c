"""Page triage: read the text layer, or OCR the page image?

Each page is classified, and the reason recorded in the output (pages[].triage / reason):
- text: a usable text layer.
- scanned: no text layer (or only a few characters) over an image covering most of the page.
- broken_text: a text layer whose characters have no Unicode map ((cid:N)), replacement
  characters or private-use code points, so the text does not say what the page shows.
- text_over_image: a text layer over an image covering most of the page (an OCR "sandwich" or
  a scan with typed additions): the text layer may not say what the image shows.
- no_text: nothing printed at all (a blank page).
The OCR mode decides which of them are read from the image: auto (scanned and broken_text read
by OCR; text_over_image read both ways and the text layer kept only when the two agree), verify
(every page with text read both ways), force (every page by OCR), off (none).
"""
from __future__ import annotations


from disclosure import settings
from disclosure.extract import layout
from disclosure.model import Grid, RawPage
from disclosure.rx import compile as rx_compile

MODES = ("auto", "off", "force", "verify")
AGREE = 0.6  # (default of settings.ocr_agree) share of characters a text layer must share with the OCR of its page to be kept
_CID = rx_compile(r"\(cid:\d+\)")
_UNMAPPED = rx_compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f]")
# ideographs a budget disclosure does not print (CJK extension A and beyond, compatibility
# ideographs): a font whose Unicode map points at the wrong code points yields them by the page
_RARE = rx_compile(r"[\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0003ffff]")
IMAGE_SHARE = 0.5  # (default of settings.image_share) an image covering this share of a page without text: a scan
FULL_PAGE = 0.85  # (default of settings.full_page) an image this large under a few characters (a stamp, a page number): a scan
SPARSE = 20  # (default of settings.sparse) "a few"; a decorated cover (a title over a picture) has few characters too, on a smaller image
BROKEN_SHARE = 0.1  # (default of settings.broken_share) this share of unmapped characters: the text layer is broken


def image_share(images: list[dict], width: float, height: float) -> float:
    """The share of the page the largest image covers (0–1)."""
    area = max(width * height, 1.0)
    best = 0.0
    for im in images:
        w = max(0.0, min(im["x1"], width) - max(im["x0"], 0.0))
        h = max(0.0, min(im["bottom"], height) - max(im["top"], 0.0))
        best = max(best, w * h / area)
    return best


def classify(chars: list[dict], images: list[dict], width: float, height: float) -> tuple[str, str]:
    """(triage, reason) for a page from its characters (pdfplumber dicts) and images."""
    share = image_share(images, width, height)
    text = [c["text"] for c in chars if c["text"].strip()]
    st = settings.current()
    if not text:
        if share >= st.image_share:
            return "scanned", f"no text layer; an image covers {share:.0%} of the page"
        return "no_text", "page has no text layer and no image (blank)"
    if share >= st.full_page and len(text) <= st.sparse:
        return "scanned", f"only {len(text)} characters of text over an image covering {share:.0%} of the page"
    # each character tested only when the page's text holds a match at all (one search over it)
    joined = "".join(text)
    bad = sum(1 for t in text if _CID.fullmatch(t) or _UNMAPPED.search(t)) \
        if "(cid:" in joined or _UNMAPPED.search(joined) else 0
    if bad and bad >= st.broken_share * len(text):
        return "broken_text", (f"{bad} of {len(text)} characters have no Unicode map "
                               "((cid:N), replacement or private-use code points)")
    rare = sum(1 for t in text if _RARE.search(t)) if _RARE.search(joined) else 0
    if rare and rare >= st.broken_share * len(text):
        return "broken_text", (f"{rare} of {len(text)} characters are rare ideographs (CJK extension or "
                               "compatibility code points): the font's Unicode map does not say what is printed")
    if share >= st.full_page:
        return "text_over_image", f"text layer ({len(text)} characters) over an image covering {share:.0%} of the page"
    if share >= st.image_share:
        return "text", f"text layer ({len(text)} characters) over an image covering {share:.0%} of the page"
    return "text", ""


def needs_ocr(triage: str, mode: str) -> bool:
    """The page is read from its image (and its text layer set aside)."""
    if mode == "force":
        return triage != "failed"
    if mode in ("auto", "verify"):
        return triage in ("scanned", "broken_text")
    return False


def needs_check(triage: str, mode: str) -> bool:
    """The page is read both ways; the text layer is kept when it agrees with the image."""
    return (mode == "auto" and triage == "text_over_image") or (mode == "verify" and triage in ("text", "text_over_image"))


def agreement(layer: str, image: str) -> float:
    """How far a text layer says what OCR read on the page image: the characters both have (counted
    with repeats, spaces left out) over the larger of the two counts."""
    from collections import Counter

    a, b = Counter(layer.replace(" ", "").replace("\n", "")), Counter(image.replace(" ", "").replace("\n", ""))
    total = max(sum(a.values()), sum(b.values()))
    return sum((a & b).values()) / total if total else 1.0


def settle(layer: RawPage, image: RawPage) -> RawPage:
    """A page read both ways: its text layer (`layer`) and OCR of its image (`image`). The text
    layer stays when it agrees with the image; an OCR sandwich that agrees but carries no table
    ruling gives way to the image's reading (which found the ruled tables); one that does not agree does
    not say what the page shows, and the image's reading is kept as broken_text."""
    agree = agreement(layout.block_text(layer.blocks), layout.block_text(image.blocks))
    keep = settings.current().ocr_agree
    # ruling seen in the image but not in the text layer (whose tables, if any, are read by the
    # alignment of invisible text): the image's ruled tables are the surer reading
    tables_only_in_image = not any(isinstance(b, Grid) and not b.aligned for b in layer.blocks) and \
        any(isinstance(b, Grid) and not b.aligned for b in image.blocks)
    if agree >= keep and not tables_only_in_image:
        layer.ocr = {**image.ocr, "agreement": round(agree, 4)}
        return layer
    image.ocr["agreement"] = round(agree, 4)
    if agree >= keep:
        image.triage_reason = (f"{layer.triage_reason}; the text layer agrees with OCR of the image ({agree:.0%}) "
                               "but has no table ruling: read from the image")
    else:
        image.triage = "broken_text"
        image.triage_reason = (f"the text layer does not say what the page shows: {agree:.0%} of its characters "
                               f"agree with OCR of the image ({layer.triage_reason or layer.triage})")
    return image

