"""The text encoding of a web page or a page text, by its content.

Portals get charsets wrong in every way: a page in UTF-16 saved without its byte-order mark, a
`<meta charset>` that names GBK over UTF-8 bytes (or UTF-8 over GBK ones), GBK with no declaration
at all, Big5 pages from Hong Kong and Taiwan sources. A declaration is a hint, not a fact: every
candidate that decodes the bytes without error is scored by how much of its text is ordinary
Chinese (the commonest characters of government prose), and the best wins; the declared charset
wins a tie.
"""
from __future__ import annotations

import codecs

from disclosure.rx import compile as rx_compile
from disclosure import rx as rx_re

# the commonest characters of budget prose and of Chinese text at large: text decoded with the
# wrong codec is made of rare characters, so the share of these tells the right one
_COMMON = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后"
    "多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合"
    "还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反明看原又利比或但质气第向道命此变条只没结"
    "解问意建月公无系很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求基资边流路级少图"
    "统接知较将组见计别手期根论运农指几九区强放决被做必先回则任取据处南给光门即保治北造百规热领七海口东导器压志世"
    "金增争济思术极交受联认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报完类"
    "八离华名确才科信马节话米整空元况今集传土许步群广石记需段研界拉林律且究观越织装影算低持音众书布复容须际商非验"
    "连断深难近千周委素技备半办青省列习响约支般史感劳便团往历市何除消构府称太准精值号率族维划选标写存候亲快效院查"
    "型王按格养易置派层片始却专状育厂京识适属包住调满县局照参细引听该价严预拨款项费合计决算经费财政拨款说明公开")
_CJK = rx_compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
            "gb2312-80": "gb18030", "euc-cn": "gb18030", "hz-gb-2312": "gb18030", "big5-hkscs": "big5hkscs",
            "x-user-defined": "", "unicode": "utf-16", "utf-16": "utf-16", "ucs-2": "utf-16"}
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def normalise(name: str) -> str:
    """A charset name as declared (gb2312, GBK, utf8, …) to the Python codec that reads it ("" when
    unknown); GB2312 and GBK become GB18030, their superset."""
    name = name.strip().strip("\"'").lower()
    if name in _ALIASES:
        return _ALIASES[name]
    try:
        return codecs.lookup(name).name
    except LookupError:
        return ""


def utf16_without_bom(raw: bytes) -> str:
    """"utf-16-le" or "utf-16-be" when `raw` looks like UTF-16 without a byte-order mark (one byte
    of every two is zero over much of the first KiB: ASCII markup in UTF-16; or bytes that are no
    UTF-8 and read in UTF-16 as ordinary Chinese), else ""."""
    head = raw[:2048]
    if len(head) < 16:
        return ""
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = len(head) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    # Chinese text in UTF-16 has few zero bytes: bytes that are no UTF-8 and read in UTF-16 as
    # ordinary Chinese (GBK read so is made of rare characters)
    try:
        head.decode("utf-8")
        return ""
    except UnicodeDecodeError as e:
        if e.start > len(head) - 4:
            return ""  # valid UTF-8 cut mid-character at the end of the head
    for enc in ("utf-16-le", "utf-16-be"):
        for n in (len(head) - len(head) % 2, len(head) - len(head) % 2 - 2):
            try:
                text = head[:n].decode(enc)
            except UnicodeDecodeError:
                continue
            cjk = len(_CJK.findall(text))
            if cjk >= 0.3 * len(text.strip()) and score(text) > 0.5:
                return enc
            break
    return ""


def score(text: str) -> float:
    """How much `text` reads as Chinese: the share of its CJK characters that are common ones,
    minus replacement and control characters; 0 for text without CJK."""
    cjk = _CJK.findall(text[:20000])
    bad = sum(1 for ch in text[:20000] if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\r\n\t\f"))
    if not cjk:
        return -bad
    return sum(ch in _COMMON for ch in cjk) / len(cjk) - bad / max(len(cjk), 1)


def decode(raw: bytes, declared: str = "") -> tuple[str, str]:
    """(text, codec used) of `raw`: a byte-order mark decides; else UTF-16 by its zero bytes; else
    every candidate that decodes without error (the declared charset, UTF-8, GB18030, Big5) is
    scored (`score`) and the best taken, the declared one winning a tie, UTF-8 next. Bytes no
    candidate decodes cleanly are read as GB18030 with replacement characters. Never raises."""
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom):].decode(enc, errors="replace"), enc
    enc16 = utf16_without_bom(raw)
    if enc16:
        return raw.decode(enc16, errors="replace"), enc16
    declared = normalise(declared) if declared else ""
    order = [e for e in dict.fromkeys([declared, "utf-8", "gb18030", "big5"]) if e]
    best: tuple[float, int, str, str] | None = None
    for rank, enc in enumerate(order):
        if enc.startswith("utf-16") or enc.startswith("utf-32"):
            continue  # declared in an 8-bit page: the declaration is wrong (we would have seen the zeros)
        try:
            text = raw.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if enc == "utf-8" and not rx_re.search(rb"[\x80-\xff]", raw):
            return text, declared or "utf-8"  # pure ASCII: every codec agrees
        s = score(text)
        if best is None or s > best[0] + 1e-9:
            best = (s, rank, enc, text)
    if best is not None:
        return best[3], best[2]
    return raw.decode("gb18030", errors="replace"), "gb18030"
