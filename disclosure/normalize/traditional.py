"""Traditional characters read as simplified: a document printed in traditional characters (a mirror
site's copy, 經費 / 預算 / 決算) is matched on a folded copy, its printed text given back in the
outputs.

The table is schemas/traditional_chars.json: OpenCC's TSCharacters (traditional -> simplified, one
character to one), keeping only the characters no simplified text writes (乾, 於, 著, 瞭 are left as
they are), so folding simplified text changes nothing and folding twice is folding once. One
character to one: a folded text has its printed text's length, position by position.

The pipeline (pipeline.extract) folds a raw document's text lines and cells as the structure stage
reads its pages (`Folding.read`), noting what each folded character was printed as, and after the
checks (pipeline.check) gives the printed forms back to the fields the outputs print as printed
(`Folding.restore_document`), and to the findings' evidence:
the document's title and department, a table's printed title, header, body, note and row names as
printed, a paragraph's text and section path, a fact's sentence and printed amount. The reading
forms (a table's title, a row's name, a fact's subject, which the vocabularies match) and the
findings' messages stay folded. A document read back from its document.json (recheck, two
volumes together) is folded the same way for its checks (`Folding.fold_document`), then given back.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from disclosure import schemas
from disclosure.model import Grid, TextLine, _Spooled
from disclosure.rx import compile as rx_compile

_DATA = schemas.load("traditional_chars")
_FOLD = str.maketrans(dict(zip(_DATA["traditional"], _DATA["simplified"])))
# the characters to fold: a set, not a regular expression's class (a search through a class of 4,097
# characters took ~0.5 µs a character, the set's isdisjoint ~0.03 µs; an ASCII text, an amount's
# cell, is passed at once): nearly every text of nearly every document has none
_TRADITIONAL = frozenset(_DATA["traditional"])
_TARGETS = frozenset(_DATA["simplified"])
_SPACE = rx_compile(r"\s+")


def _any(s: str) -> bool:
    """Whether `s` holds a character to fold."""
    return bool(s) and not s.isascii() and not _TRADITIONAL.isdisjoint(s)


def fold(s: str) -> str:
    """`s` with every traditional character of the table written simplified (經費 -> 经费), the same
    length; a text without one (any simplified text) is returned as it is."""
    return s.translate(_FOLD) if _any(s) else s


class Folding:
    """One document's folding: what it printed for each character folded, to give it back.

    `read(raw)` folds a raw document's text lines and cells in place as each page is read (a
    model.PageSpool's pages too: each is a copy read back from its file); `restore(s)`
    is the printed form of a folded text the stages made from the document's: where the document
    printed a simplified character one way only (every 經 as 經), that way; where two (制度 and 印製),
    the way the document printed the text at that place when the text is found in the document
    (white space aside), else the more frequent."""

    def __init__(self):
        self.changed = False
        self._forms: dict[str, Counter] = defaultdict(Counter)  # folded char -> printed chars, counted
        self._folded: list[str] = []  # the texts that had a traditional character, folded
        self._printed: list[str] = []  # ... and as printed
        self._whole: tuple[str, str] | None = None
        self._raw = False  # read(): the document's raw pages were folded, the stages made it from them

    def text(self, s: str) -> str:
        """`s` folded, what it printed noted."""
        if not _any(s):
            return s
        out = s.translate(_FOLD)
        self.changed = True
        self._whole = None
        for a, b in zip(s, out):
            if b in _TARGETS:
                self._forms[b][a] += 1
        self._folded.append(out)
        self._printed.append(s)
        return out

    def page(self, page):
        """`page` (a model.RawPage) with its text lines' and cells' text folded in place."""
        for block in page.blocks:
            if isinstance(block, TextLine):
                block.text = self.text(block.text)
            elif isinstance(block, Grid):
                for cell in block.cells:
                    cell.text = self.text(cell.text)
        return page

    def read(self, raw) -> None:
        """Fold `raw`'s (a model.RawDocument) pages: a list of pages at once, in place; a
        model.PageSpool's (a copy read back from its file each time a page is asked for) as each
        is read, `raw.pages` then a sequence folding the spool's pages."""
        self._raw = True
        if isinstance(raw.pages, list):
            for page in raw.pages:
                self.page(page)
        else:
            raw.pages = _Folded(raw.pages, self)

    def restore(self, s: str) -> str:
        """The printed form of `s`, a text folded from this document's (see the class)."""
        if not self.changed or not s:
            return s
        ambiguous = [c for c in s if len(self._forms.get(c, ())) > 1]
        if ambiguous:
            found = self._at_place(s)
            if found is not None:
                return found
        return "".join(self._forms[c].most_common(1)[0][0] if c in self._forms else c for c in s)

    def _at_place(self, s: str) -> str | None:
        if self._whole is None:
            self._whole = (_SPACE.sub("", "\n".join(self._folded)), _SPACE.sub("", "\n".join(self._printed)))
        folded, printed = self._whole
        key = _SPACE.sub("", s)
        at = folded.find(key) if key else -1
        if at < 0:
            return None
        chars = iter(printed[at:at + len(key)])
        return "".join(c if c.isspace() else next(chars) for c in s)

    def restore_document(self, doc) -> None:
        """Give the printed forms back to `doc`'s printed fields in place (see the module), and to
        its findings' evidence (the quoted text and value; their messages stay folded)."""
        if not self.changed:
            return
        _printed_fields(doc, self.restore)
        for f in doc.findings:
            for e in f.evidence:
                e.what, e.printed = self.restore(e.what), self.restore(e.printed)

    def fold_document(self, doc) -> None:
        """Fold `doc`'s printed fields in place (a document read back from its document.json, which
        prints them as printed), noting what they printed: its checks read it as the pipeline's did.
        A document made from pages this folding read (`read`: nothing left to fold, not looked
        at: a long document's tables are not read back) or with nothing to fold (a simplified one)
        is left as is, its tables not rewritten."""
        if not self._raw and _has_traditional(doc):
            _printed_fields(doc, self.text)


def _printed_fields(doc, change) -> None:
    """`change` (str -> str) applied in place to the fields of `doc` printed as printed."""
    doc.title, doc.department = change(doc.title), change(doc.department)

    def table(t):
        t.title_printed, t.note, t.department = change(t.title_printed), change(t.note), change(t.department)
        t.header_rows = [[change(c) for c in row] for row in t.header_rows]
        t.body = [[change(c) for c in row] for row in t.body]
        for row in t.rows:
            row.name_printed = change(row.name_printed)

    def paragraph(p):
        p.text, p.section_path = change(p.text), [change(h) for h in p.section_path]

    def fact(f):
        f.sentence, f.printed, f.reason = change(f.sentence), change(f.printed), change(f.reason)

    for name, each in (("tables", table), ("paragraphs", paragraph), ("facts", fact)):
        items = getattr(doc, name)
        if hasattr(items, "rewritten"):
            setattr(doc, name, items.rewritten(each))
        else:
            for item in items:
                each(item)


def _has_traditional(doc) -> bool:
    """Whether a printed field of `doc` holds a character to fold (read only: a spooled
    document's tables are read back, not rewritten)."""
    def texts():
        yield doc.title
        yield from (p.text for p in doc.paragraphs)
        for t in doc.tables:
            yield t.title_printed
            for row in t.header_rows + t.body:
                yield from row
    return any(map(_any, texts()))


class _Folded(_Spooled):
    """A model.PageSpool's pages, each folded (Folding.page) as it is read back."""

    def __init__(self, spool, folding: Folding):
        self.spool, self.folding = spool, folding

    def __len__(self) -> int:
        return len(self.spool)

    def _get(self, i: int):
        return self.folding.page(self.spool[i])

    def close(self) -> None:
        self.spool.close()
