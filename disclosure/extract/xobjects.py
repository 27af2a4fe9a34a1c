"""Bounds on form XObjects: how deep forms may nest and how many XObjects a page may draw.

A form XObject that draws the next one four times, twenty levels deep, is 4**20 draws from a few
hundred bytes: pdfium expands every draw when it loads the page (it aborts at the memory limit),
pdfminer interprets every one (for ever). Two bounds hold per page (disclosure/limits.py):
DISCLOSURE_MAX_XOBJECT_DEPTH (forms within forms) and DISCLOSURE_MAX_XOBJECT_DRAWS (every `Do` of
the page and of the forms it draws, counted each time it is drawn).

- `survey(page)`: before pdfium loads a page, its draws counted on the objects (pdfminer's parser,
  each form's content stream decoded once and its `Do` operators counted; a form drawn twice is
  counted twice without being read twice). A page over a bound is not given to pdfium.
- `BoundedInterpreter`: pdfminer's page interpreter (as pdfplumber uses it) that skips the draws
  past the bounds and says how many on the page (`skipped(page)`); `bounded()` puts it in place
  for a read.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from dataclasses import dataclass

from disclosure.extract import lazy_miner
from disclosure.rx import compile as rx_compile

# a name before the Do operator (names with #xx escapes are decoded below)
_DO = rx_compile(rb"/([^\s/\[\]<>(){}%]+)\s*Do(?![^\s/\[\]<>(){}%])")
_ESCAPE = rx_compile(rb"#([0-9A-Fa-f]{2})")


@dataclass
class Fanout:
    """One page's XObject draws: `draws` (every `Do`, each time it runs), `depth` (forms within
    forms; 1 is a form drawn by the page), both counted no further than just past their bound."""
    draws: int = 0
    depth: int = 0

    def over(self, max_depth: int, max_draws: int) -> str:
        """The bound this page is past, as a clause naming its option, or "" within both (0: no bound)."""
        if max_depth and self.depth > max_depth:
            return f"form XObjects nested more than {max_depth} deep (--max-xobject-depth {max_depth})"
        if max_draws and self.draws > max_draws:
            return f"more than {max_draws} XObject draws (--max-xobject-draws {max_draws})"
        return ""


def bounds() -> tuple[int, int]:
    """(max depth, max draws per page) in force: DISCLOSURE_MAX_XOBJECT_DEPTH and
    DISCLOSURE_MAX_XOBJECT_DRAWS, else the defaults of disclosure/limits.py; 0 is no bound."""
    from disclosure.limits import current

    lim = current()
    return lim.max_xobject_depth, lim.max_xobject_draws


def _name(raw: bytes) -> str:
    return _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw).decode("latin-1")


def _xobjects(resources, model) -> dict:
    resources = model.resolve(resources)
    if not isinstance(resources, dict):
        return {}
    x = model.resolve(resources.get("XObject"))
    return x if isinstance(x, dict) else {}


def _is_form(x, model) -> bool:
    return model.literal(model.resolve(x.attrs.get("Subtype"))) == "Form"


def survey(page, max_depth: int, max_draws: int) -> Fanout:
    """The XObject draws of a pdfminer PDFPage, counted on its objects (nothing is drawn): survey_parts."""
    return survey_parts(page.contents, page.resources, lazy_miner.MINER, max_depth, max_draws)


def survey_parts(contents, resources, model, max_depth: int, max_draws: int) -> Fanout:
    """The XObject draws of a page (its content streams `contents`, a list, and `resources`),
    counted on its objects (nothing is drawn); `model` reads the objects (lazy_miner.MINER:
    pdfminer's; pdfium_reader._Mine: extract/pdfobjects.py's). Counting stops once past a bound
    (0: none). A form that draws itself, or one of the forms drawing it, is counted as one draw
    and not followed (pdfium and pdfminer stop there too). Errors of the file (a broken stream, a
    missing object) propagate; a stream over the decompressed size limit raises
    extract.streams.StreamTooLarge."""
    out = Fanout()
    memo: dict[tuple, tuple[int, int]] = {}

    def data_of(streams) -> bytes:
        parts = []
        for s in streams:
            s = model.stream(s)
            if s is not None:
                parts.append(model.data(s))
        return b"\n".join(parts)

    def walk(data: bytes, resources, stack: tuple) -> tuple[int, int]:
        """(draws, depth) below one content stream."""
        draws = deepest = 0
        if b"Do" not in data:
            return 0, 0
        table = _xobjects(resources, model)
        for raw in _DO.findall(data):
            draws += 1
            x = model.stream(table.get(_name(raw)))
            if x is not None and _is_form(x, model):
                key = (x.objid if x.objid is not None else id(x), id(resources) if "Resources" not in x.attrs else 0)
                if key not in stack:
                    got = memo.get(key)
                    if got is None:
                        own = x.attrs.get("Resources")
                        got = walk(model.data(x), own if own is not None else resources, stack + (key,))
                        memo[key] = got
                    draws += got[0]
                    deepest = max(deepest, 1 + got[1])
            if (max_draws and out.draws + draws > max_draws) or (max_depth and deepest > max_depth):
                break
        return draws, deepest

    contents = contents if isinstance(contents, list) else [contents]
    draws, depth = walk(data_of(contents), resources, ())
    out.draws, out.depth = draws, depth
    return out


class _State:
    def __init__(self, max_depth: int, max_draws: int):
        self.max_depth, self.max_draws = max_depth, max_draws
        self.draws = self.skipped = self.too_deep = 0


_BOUNDED: list = []


def bounded_interpreter():
    """BoundedInterpreter (made on first use: pdfminer is imported then, not with this module)."""
    if not _BOUNDED:
        lazy_miner.load()
        from pdfminer.pdfinterp import PDFPageInterpreter

        MINER = lazy_miner.MINER

        class BoundedInterpreter(PDFPageInterpreter):
            """pdfminer's interpreter with a page's XObject draws bounded (`bounds()`): a `Do` past the
            page's draws, or of a form deeper than the depth, is skipped (and counted). After
            process_page, `skipped(page)` gives the page's note ("" when nothing was skipped)."""

            def __init__(self, rsrcmgr, device, state: _State | None = None, depth: int = 0):
                super().__init__(rsrcmgr, device)
                self._state, self._depth = state, depth

            def subinterp(self) -> "BoundedInterpreter":
                return self.__class__(self.rsrcmgr, self.device, self._state, self._depth + 1)

            def process_page(self, page) -> None:
                self._state = _State(*bounds())
                try:
                    super().process_page(page)
                finally:
                    st = self._state
                    page.disclosure_xobjects_skipped = note(st.skipped, st.too_deep, st.max_depth, st.max_draws)

            def do_Do(self, xobjid_arg) -> None:
                st = self._state
                if st is None:
                    return super().do_Do(xobjid_arg)
                if st.max_draws and st.draws >= st.max_draws:
                    st.skipped += 1
                    return
                if st.max_depth and self._depth >= st.max_depth:
                    x = MINER.stream(self.xobjmap.get(_literal(xobjid_arg)))
                    if x is not None and _is_form(x, MINER):
                        st.too_deep += 1
                        return
                st.draws += 1
                super().do_Do(xobjid_arg)

        _BOUNDED.append(BoundedInterpreter)
    return _BOUNDED[0]


def __getattr__(name: str):
    if name == "BoundedInterpreter":  # (the class, made when first asked for)
        return bounded_interpreter()
    raise AttributeError(name)


def _literal(x) -> str:
    name = lazy_miner.MINER.literal(x)
    return name if name is not None else str(x)


def note(skipped: int, too_deep: int, max_depth: int, max_draws: int) -> str:
    """The page note for draws left out ("" for none): how many `Do` operators were not run (each
    with all it would have drawn)."""
    parts = []
    if skipped:
        parts.append(f"{skipped} XObject draws past --max-xobject-draws {max_draws}")
    if too_deep:
        parts.append(f"{too_deep} form XObjects nested deeper than --max-xobject-depth {max_depth}")
    return ("page read without " + " and ".join(parts) + " (each with what it draws)") if parts else ""


def skipped(page) -> str:
    """The note a BoundedInterpreter left on a pdfplumber page's PDFPage ("" when none)."""
    return getattr(getattr(page, "page_obj", None), "disclosure_xobjects_skipped", "") or ""


# bounded() blocks open, and what pdfplumber.page's interpreter was before BoundedInterpreter took its place
_STATE: dict = {"depth": 0, "patched": False, "old": None}


def plumber_opened() -> None:
    """Called where pdfplumber is imported to read pages (extract/pdf._open): inside a bounded()
    block, its pages are interpreted by BoundedInterpreter from now on. (Reading with pdfium
    imports no pdfplumber: bounded() puts the interpreter in place only once pdfplumber is there.)"""
    page = sys.modules.get("pdfplumber.page")
    if _STATE["depth"] and not _STATE["patched"] and page is not None:
        _STATE["old"], _STATE["patched"] = page.PDFPageInterpreter, True
        page.PDFPageInterpreter = bounded_interpreter()


@contextmanager
def bounded():
    """pdfplumber's pages interpreted by BoundedInterpreter inside the block (pdfplumber imported
    before the block or within it, see plumber_opened); as it was after the outermost block."""
    _STATE["depth"] += 1
    plumber_opened()
    try:
        yield
    finally:
        _STATE["depth"] -= 1
        if not _STATE["depth"] and _STATE["patched"]:
            sys.modules["pdfplumber.page"].PDFPageInterpreter = _STATE["old"]
            _STATE["patched"], _STATE["old"] = False, None
