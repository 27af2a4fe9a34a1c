"""The one document model that carries a disclosure through every stage.

read (extract/) -> RawDocument -> structure (structure/) -> Document -> emit (emit/).
Amounts are Decimals from the printed text to the output; coordinates are PDF points.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Box:
    """Where something is printed: page number (1-based) and PDF points from the top-left."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float

    def to_dict(self) -> dict:
        return {"page": self.page, "x0": round(self.x0, 1), "top": round(self.top, 1),
                "x1": round(self.x1, 1), "bottom": round(self.bottom, 1)}

    def union(self, other: "Box | None") -> "Box":
        if other is None or other.page != self.page:
            return self
        return Box(self.page, min(self.x0, other.x0), min(self.top, other.top),
                   max(self.x1, other.x1), max(self.bottom, other.bottom))


# ---------------------------------------------------------------- raw stage (what a reader gives)

@dataclass(slots=True)
class TextLine:
    """One printed line of running text (outside any table grid)."""

    text: str
    box: Box | None
    size: float = 0.0  # font size, 0 when unknown (plain text)
    confidence: float | None = None  # OCR: the least confident character; None for a text layer
    # a whole paragraph of a source that marks them (docx, HTML, a page text's segment): the next
    # line never continues it; heading: its level in the source (HTML h1-h6, a Word heading style), else 0
    ends: bool = False
    heading: int = 0


@dataclass(slots=True)
class Cell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    box: Box | None = None
    confidence: float | None = None  # OCR: the least confident character; None for a text layer
    stored: str = ""  # a spreadsheet cell whose stored number differs from what it shows: the stored one


@dataclass
class Grid:
    """A table region as cells on a rows x cols lattice, before any meaning is given to it."""

    n_rows: int
    n_cols: int
    cells: list[Cell]
    box: Box | None = None
    aligned: bool = False  # read from the alignment of its text (no full ruling): cell boxes are the text's
    headless: bool = False  # aligned, one line of figures under no heading: a table only as a continuation

    def matrix(self) -> list[list[Cell | None]]:
        """rows x cols, each slot the cell covering it (a merged cell appears in every slot it spans)."""
        m: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            for r in range(c.row, min(c.row + c.rowspan, self.n_rows)):
                for k in range(c.col, min(c.col + c.colspan, self.n_cols)):
                    m[r][k] = c
        return m


Block = TextLine | Grid


@dataclass
class RawPage:
    number: int
    width: float = 0.0
    height: float = 0.0
    blocks: list[Block] = field(default_factory=list)
    # triage (extract/triage.py): text | no_text | broken_text | failed
    triage: str = "text"
    triage_reason: str = ""
    # how the page was read: text_layer | ocr | none (nothing readable, or OCR not installed)
    method: str = "text_layer"
    ocr: dict = field(default_factory=dict)  # engine, dpi, rotation, skew, mean/min confidence
    notes: list[str] = field(default_factory=list)  # what was read but set aside, and why


@dataclass
class RawDocument:
    source: str  # file name as given
    sha256: str
    source_format: str  # pdf | text | pagetext | xlsx | xls | xmlss | csv | docx | doc | html
    pages: "list[RawPage] | PageSpool"
    pdf_metadata: dict = field(default_factory=dict)  # PDF info; a page text's or HTML page's header (title, …)


def _share_floats(page: RawPage) -> RawPage:
    """`page` (read back from a spool) with its boxes' equal coordinates one float object each, in
    place: pickle writes a float by value, so the floats the reader shared among a page's boxes (a
    row's top and bottom in each of its cells, a column's edges in each of its rows) came back one
    object per use, and the document keeps its values' boxes (~1 KB a page more). Zeros are left as
    they are (0.0 and -0.0 are equal, but print apart)."""
    seen: dict[float, float] = {}
    setattr_ = object.__setattr__
    done: set[int] = set()

    def share(box) -> None:
        if box is None or id(box) in done:
            return
        done.add(id(box))
        for name in ("x0", "top", "x1", "bottom"):
            v = getattr(box, name)
            if v:
                setattr_(box, name, seen.setdefault(v, v))

    for b in page.blocks:
        share(b.box)
        for c in getattr(b, "cells", ()):
            share(c.box)
    return page


SPOOL_AFTER = 50  # pages a PageSpool keeps as objects before it writes them to its temporary file


class _Spooled:
    """A read-only sequence over `_get(i)` and `__len__` (index, negative index, slice, iteration,
    truth): what PageSpool and Spool share; each says how it keeps and reads back its items."""

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._get(k) for k in range(*i.indices(len(self)))]
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(f"{type(self).__name__} index out of range")
        return self._get(i)

    def __iter__(self):
        for i in range(len(self)):
            yield self._get(i)

    def __bool__(self) -> bool:
        return len(self) > 0


class PageSpool(_Spooled):
    """A long document's raw pages, written to a temporary file as they are read (issues #15,
    #19: memory flat in pages): a sequence of RawPage (len, index, slices, iteration) whose first
    `keep` pages (SPOOL_AFTER) and last appended page stay objects, every other page pickled into
    an unnamed temporary file (deleted by the system when closed or when the process ends) and
    read back, a new object each time, when it is asked for. A short document (at most `keep`
    pages, the corpus's) costs nothing; a long one holds `keep` + 1 pages, whatever its length.

    A page taken from the file is a copy: changing it changes nothing in the spool. The last page
    appended is the object given, until the next is appended (the PDF reader moves heading rows
    off the foot of the page before when the next page's table takes them). Equal pages go in as
    come out (pickle keeps every field and the objects a page shares within itself). A page that
    cannot be written (no temporary folder, a full disk: OSError) stays an object, read as before."""

    def __init__(self, keep: int | None = None):
        self.keep = SPOOL_AFTER if keep is None else keep
        self._held: list[RawPage] = []  # the first `keep` pages
        # each page after them: (offset, length) in the file, or the page itself where it could not be written
        self._spans: list[tuple[int, int] | RawPage] = []
        self._last: RawPage | None = None
        self._file = None

    def append(self, page: RawPage) -> None:
        if self._last is not None:
            self._put(self._last)
        self._last = page

    def _put(self, page: RawPage) -> None:
        if len(self._held) < self.keep:
            self._held.append(page)
            return
        import pickle
        import tempfile

        try:
            if self._file is None:
                self._file = tempfile.TemporaryFile(prefix="disclosure-pages-")
            data = pickle.dumps(page, pickle.HIGHEST_PROTOCOL)
            at = self._file.seek(0, 2)
            self._file.write(data)
            self._file.flush()
        except OSError:  # no temporary folder, or a full one: the page stays an object (as before spooling)
            self._spans.append(page)
            return
        self._spans.append((at, len(data)))

    def __len__(self) -> int:
        return len(self._held) + len(self._spans) + (self._last is not None)

    def _get(self, i: int) -> RawPage:
        if i < len(self._held):
            return self._held[i]
        k = i - len(self._held)
        if k == len(self._spans):
            return self._last
        import pickle

        if isinstance(self._spans[k], RawPage):
            return self._spans[k]
        at, n = self._spans[k]
        self._file.seek(at)
        return _share_floats(pickle.loads(self._file.read(n)))

    @property
    def spilled(self) -> int:
        """How many pages are in the file (not held as objects)."""
        return sum(1 for s in self._spans if not isinstance(s, RawPage))

    def close(self) -> None:
        """Let go of every page and the file (the spool is empty after)."""
        if self._file is not None:
            self._file.close()
            self._file = None
        self._held, self._spans, self._last = [], [], None


SPOOL_TABLES_AFTER = 64  # tables a Spool keeps as objects before it writes them to its temporary file
SPOOL_PARAGRAPHS_AFTER = 500  # paragraphs (the corpus's documents print at most ~200)
SPOOL_FACTS_AFTER = 500  # facts (the corpus's documents state at most ~130)


class Spool(_Spooled):
    """A long document's structured objects (its tables, paragraphs, facts), each pickled into an unnamed temporary
    file as it is appended and read back, a new object each time, when it is asked for (issues
    #15, #19: memory flat in pages, as PageSpool does for the raw pages): a read-only sequence
    (len, index, slices, iteration) whose first `keep` items (SPOOL_TABLES_AFTER) stay objects. A
    document of at most `keep` tables (every corpus PDF) holds its tables as a list does; a longer
    one holds `keep` of them, whatever its length, and each stage after the structure stage reads
    them one at a time (the check runner a disclosure part at a time: checks/__init__.run).

    An item taken from the file is a copy: changing it changes nothing in the spool; a stage that
    changes the items gives a new spool (`rewritten`). Equal items go in as come out (pickle keeps
    every field and the objects an item shares within itself; objects shared between two items
    come back apart). An item that cannot be written (no temporary folder, a full disk: OSError)
    stays an object."""

    def __init__(self, items=(), keep: int | None = None):
        self.keep = SPOOL_TABLES_AFTER if keep is None else keep
        self._held: list = []  # the first `keep` items
        self._spans: list = []  # each item after them: (offset, length) in the file, or the item itself
        self._file = None
        for item in items:
            self.append(item)

    def append(self, item) -> None:
        if len(self._held) < self.keep:
            self._held.append(item)
            return
        import pickle
        import tempfile

        try:
            if self._file is None:
                self._file = tempfile.TemporaryFile(prefix="disclosure-tables-")
            data = pickle.dumps(item, pickle.HIGHEST_PROTOCOL)
            at = self._file.seek(0, 2)
            self._file.write(data)
        except OSError:  # no temporary folder, or a full one: the item stays an object
            self._spans.append([item])
            return
        self._spans.append((at, len(data)))

    def __len__(self) -> int:
        return len(self._held) + len(self._spans)

    def _get(self, i: int):
        if i < len(self._held):
            return self._held[i]
        span = self._spans[i - len(self._held)]
        if isinstance(span, list):
            return span[0]
        import pickle

        at, n = span
        self._file.flush()
        self._file.seek(at)
        return pickle.loads(self._file.read(n))

    @property
    def spilled(self) -> int:
        """How many items are in the file (not held as objects)."""
        return sum(1 for s in self._spans if not isinstance(s, list))

    def rewritten(self, change) -> "Spool":
        """A new spool of the items, each changed in place by `change(item)` (its return value
        ignored) as it is read back; this one closed. For a stage that changes every item (the
        chart's match on each table's rows: normalize/accounts.py)."""
        out = Spool(keep=self.keep)
        for item in self:
            change(item)
            out.append(item)
        self.close()
        return out

    def close(self) -> None:
        """Let go of every item and the file (the spool is empty after)."""
        if self._file is not None:
            self._file.close()
            self._file = None
        self._held, self._spans = [], []


def spooled_paragraphs(paragraphs: list) -> "list | Spool":
    """A document's paragraphs as a Spool keeping the first SPOOL_PARAGRAPHS_AFTER as objects, or the
    list as it is when there are no more (`settled`)."""
    return settled(Spool(paragraphs, keep=SPOOL_PARAGRAPHS_AFTER))


def spooled_facts(facts: list) -> "list | Spool":
    """A document's facts as a Spool keeping the first SPOOL_FACTS_AFTER as objects, or the list as it
    is when there are no more (`settled`)."""
    return settled(Spool(facts, keep=SPOOL_FACTS_AFTER))


def settled(items):
    """`items` (a list or a Spool) as a list when a Spool wrote none of them to its file (a document
    of at most SPOOL_TABLES_AFTER tables: its tables are the list they always were), else the Spool."""
    if isinstance(items, Spool) and not items.spilled and not items._spans:
        return list(items._held)
    return items


# ---------------------------------------------------------------- structured stage

@dataclass(slots=True)
class Amount:
    printed: str  # exactly as printed ("" for a blank cell)
    value: Decimal | None  # None for blank, dash or text
    status: str  # number | blank | dash | percent | text


@dataclass(slots=True)
class Value:
    column: str  # header path as printed, "/" between levels
    measure: str  # closed vocabulary, schemas/measures.json
    amount: Amount
    box: Box | None = None
    column_index: int = 0
    confidence: float | None = None  # OCR confidence of the cell; None when read from a text layer
    basis: str = ""  # budget | actual | prior_year | "" (schemas/measures.json bases)
    # a count's unit (measure `count`: 个, 人次, 批次, 辆, 人, "" when none is printed); "" for money,
    # whose unit is the table's 单位 (normalize/units.value_unit, value_yuan)
    unit: str = ""


@dataclass(slots=True)
class Row:
    index: int  # order within its side of the table, 0-based
    side: str  # "" | income | expenditure | left | right
    code: str  # digits only, "" when none printed
    code_printed: str
    classification: str  # functional | economic | none
    level: str  # 类 | 款 | 项 | ""
    name: str  # as printed, letter-spacing removed, radical glyphs mapped
    name_printed: str
    role: str  # item | total | subtotal | label
    values: list[Value]
    page: int | None
    box: Box | None = None
    # against the chart of accounts of the document's year (normalize/accounts.py)
    canonical_code: str = ""
    canonical_name: str = ""
    match: str = ""  # exact | renamed | name_only | mismatch | unknown; "" where no code applies
    match_note: str = ""
    attributes: dict = field(default_factory=dict)  # other text columns of the row, by header (采购方式: 公开招标)


CellRef = tuple[str, int, int]  # (row side, row index within its side, column index) of a table's value


@dataclass(slots=True)
class IdentityTest:
    """One identity of a table tested as read (structure/identities.py): a printed total against the
    printed parts it must equal. Cells by reference (CellRef), not copies of their values; amounts
    in the table's unit. difference = total - parts_sum; it holds when |difference| <= tolerance
    (one unit of the finest last decimal printed among them, as the structure stage verifies; the checks
    apply --tolerance to the same identities)."""

    kind: str  # hierarchy | column_total | row_parts | two_sides
    label: str  # what it says: "201 = Σ 款 (合计)"
    total: CellRef
    parts: list[CellRef]
    total_value: Decimal  # the total as printed (0 when blank)
    parts_sum: Decimal  # the printed parts added up (blanks as 0)
    tolerance: Decimal
    held: bool

    @property
    def difference(self) -> Decimal:
        return self.total_value - self.parts_sum

    def to_dict(self) -> dict:
        return {"kind": self.kind, "label": self.label, "total": list(self.total),
                "parts": [list(p) for p in self.parts], "total_value": format(self.total_value, "f"),
                "parts_sum": format(self.parts_sum, "f"), "difference": format(self.difference, "f"),
                "tolerance": format(self.tolerance, "f"), "held": self.held}

    @classmethod
    def from_dict(cls, d: dict) -> "IdentityTest":
        """Inverse of to_dict (document.json). Raises KeyError, ValueError or TypeError when malformed."""
        return cls(d["kind"], d["label"], (d["total"][0], int(d["total"][1]), int(d["total"][2])),
                   [(p[0], int(p[1]), int(p[2])) for p in d["parts"]], Decimal(d["total_value"]),
                   Decimal(d["parts_sum"]), Decimal(d["tolerance"]), bool(d["held"]))


@dataclass
class Verification:
    """How far a table's reading is borne out by its own arithmetic (structure/identities.py)."""

    identities: int = 0  # tested: something printed on either side
    held: int = 0
    failed: int = 0
    amounts: int = 0  # printed numbers in the table
    covered: int = 0  # of them, in at least one identity that holds
    failures: list[str] = field(default_factory=list)  # the first few that fail, for a reader
    choices: list[str] = field(default_factory=list)  # readings the arithmetic decided between
    tested: list[IdentityTest] = field(default_factory=list)  # every identity tested, held or failed, in order

    @property
    def share(self) -> Decimal:
        """Share of the table's amounts covered by an identity that holds (0–1, 4 decimals)."""
        if not self.amounts:
            return Decimal(0)
        return (Decimal(self.covered) / Decimal(self.amounts)).quantize(Decimal("0.0001"))

    def to_dict(self) -> dict:
        return {"identities": self.identities, "held": self.held, "failed": self.failed,
                "amounts": self.amounts, "covered": self.covered, "share": format(self.share, "f"),
                "failures": self.failures, "choices": self.choices,
                "tested": [t.to_dict() for t in self.tested]}


@dataclass
class Table:
    index: int  # 1-based order in the document
    type: str  # vocabulary of DOMAIN.md, or "other"
    title: str
    title_printed: str
    number: str  # 表一 / 公开表一 / 1 as printed, "" when none
    unit: str  # 元 | 万元 | ...
    unit_factor: Decimal | None
    department: str
    pages: list[int]
    columns: list[str]  # header path per printed column
    header_rows: list[list[str]]  # the header as printed, one list per header row
    body: list[list[str]]  # the body as printed, rows x columns
    body_pages: list[int | None]
    sides: list[str]
    rows: list[Row]
    empty: bool
    note: str
    box: Box | None = None
    unit_inferred: bool = False  # no unit printed with this table: the last printed one is used
    verification: Verification = field(default_factory=Verification)

    def to_pandas(self, header: str = "flat", numbers: str = "decimal"):
        """The table as a pandas DataFrame, a row per table row: `page, side, code, level, name, role`,
        then a column per amount column named by its header path ("flat", `合计/人员经费`) or as a
        MultiIndex ("multi"); amounts exact Decimals in `self.unit` (None when blank) or floats
        (numbers="float", NaN). Raises ImportError without pandas (the `pandas` extra).
        See disclosure/frames.py."""
        from disclosure.frames import table_frame

        return table_frame(self, header, numbers)

    @property
    def label(self) -> str:
        """How findings and the report name the table: its number as printed (公开03表, 表六,
        `表3-1` for a printed `3-1`), so that an auditor finds it on the page; `表` and its order
        in the document (表3) when it prints none."""
        number = (self.number or "").strip()
        if not number:
            return f"表{self.index}"
        return number if "表" in number else f"表{number}"


@dataclass(slots=True)
class Paragraph:
    index: int
    text: str
    section_path: list[str]
    marker: str  # the list marker it starts with, "" when none
    kind: str  # heading | paragraph
    page: int | None
    pages: list[int]
    box: Box | None = None


@dataclass(slots=True)
class Fact:
    """An amount the prose states, with what it is about and what the sentence says of it."""
    index: int
    paragraph: int  # Paragraph.index
    page: int | None
    sentence: str
    subject: str  # the words naming what the amount is (基本支出, 社会保障和就业支出, a 类/款/项 path)
    subject_kind: str  # total | income | basic | project | personnel | public | path | category | three_public
    #                    | operating_expenses | procurement | assets | other
    code: str  # the account code when the subject is a 类/款/项 path or a 类 name, else ""
    printed: str  # the amount as printed, with its unit (852.52万元)
    unit: str
    value: Decimal
    value_yuan: Decimal
    share_pct: Decimal | None = None  # 占X%
    change_direction: str = ""  # 增加 / 减少 / 持平 / 增长 / 下降 as printed
    change_amount_yuan: Decimal | None = None
    change_pct: Decimal | None = None
    prior_yuan: Decimal | None = None  # last year's figure when the sentence prints it
    reason: str = ""  # 主要原因是…
    group: int = 0  # facts of one sentence share a group
    is_change: bool = False  # the amount is itself a change (增加基本支出844.15万元), not a level
    link: str = ""  # how the subject is linked: code | total | item | "" (prose/links.py)
    basis: str = ""  # which figure: budget | actual | prior_year (预算执行数, 上年…) | ""


@dataclass
class ProjectCost:
    project: int  # Project.index
    text: str  # the cost line as printed
    item: str
    quantity: Decimal | None
    quantity_unit: str
    unit_price_yuan: Decimal | None
    amount_yuan: Decimal | None
    page: int | None
    top_level: bool = True  # an item of the distribution itself, not a detail inside one
    is_total: bool = False  # a 共计/合计 line: the document's own sum


@dataclass
class Project:
    index: int
    name: str
    fields: dict  # every 键：值 the document gives (设立的政策依据, 项目承担单位, 资金执行时间, …)
    budget_printed: str  # 预算安排规模 as printed
    budget_yuan: Decimal | None
    costs: list[ProjectCost]
    page: int | None
    costs_sum_yuan: Decimal | None = None  # the top-level cost lines added up (None: not itemised)


@dataclass
class Indicator:
    table: int  # Table.index
    project: str
    goal: str  # 项目总体目标
    level1: str
    level2: str
    level3: str
    printed: str  # 指标值 as printed
    comparator: str  # = ≥ ≤ > < or ""
    value: Decimal | None
    unit: str  # 个, 台, %, 万元, 元/人/次, 年, date, or "" for a qualitative target
    qualitative: str  # 有效提高, … when the target is words
    page: int | None


@dataclass
class PageInfo:
    number: int
    triage: str
    reason: str
    method: str = "text_layer"
    ocr: dict = field(default_factory=dict)


@dataclass
class Document:
    source: str
    sha256: str
    source_format: str
    title: str
    department: str
    year: int | None
    kind: str  # budget | final_accounts | unknown
    level: str  # department | unit | unknown
    units: list[str]
    page_count: int
    announced_tables: list[dict]
    tables: list[Table]
    paragraphs: list[Paragraph]
    pages: list[PageInfo]
    problems: list[dict]  # extraction problems: {page, reason}
    facts: list[Fact] = field(default_factory=list)  # prose/facts.py
    projects: list[Project] = field(default_factory=list)  # prose/projects.py
    indicators: list[Indicator] = field(default_factory=list)  # prose/targets.py
    findings: list = field(default_factory=list)  # checks.findings.Finding, filled by the check stage
    ledger: list = field(default_factory=list)  # checks.ledger.Entry: one state per rule, filled by the check stage
    settings: dict = field(default_factory=dict)  # the settings it was read under (disclosure/settings.py), by name

    def line_items(self, numbers: str = "decimal"):
        """Every printed amount as a pandas DataFrame, the columns of line_items.csv: `value` in its
        `unit` (the table's 单位; a count's counted unit, measure `count`) and `value_yuan` in 元 as
        Decimals (floats with numbers="float"; None for a count), page, code, measure, basis, box, ….
        Raises ImportError without pandas. See disclosure/frames.py."""
        from disclosure.frames import line_items_frame

        return line_items_frame(self, numbers)

    @property
    def verified_share(self) -> Decimal | None:
        """Share of the document's printed amounts that an identity holding covers (0–1, 4 decimals);
        None when its tables print no amount (a text volume, an empty template, not a disclosure):
        nothing to verify, which a share of 0 would read as every amount failing."""
        amounts = covered = 0
        for t in self.tables:  # (one pass: a long document's tables are read back from a Spool)
            amounts += t.verification.amounts
            covered += t.verification.covered
        return (Decimal(covered) / Decimal(amounts)).quantize(Decimal("0.0001")) if amounts else None


def _by_fields(cls):
    """Pickle `cls` (a slotted dataclass made by the thousand: boxes, cells, values, rows) as its
    constructor and its fields' values: a spooled table or page (Spool, PageSpool) is read back
    about twice as fast as through the dataclass's Python __setstate__, and is a quarter smaller.
    The object read back is equal to the one written (every field, in order)."""
    names = tuple(cls.__dataclass_fields__)

    def __reduce__(self):
        return cls, tuple(map(self.__getattribute__, names))
    cls.__reduce__ = __reduce__


for _cls in (Box, TextLine, Cell, Amount, Value, Row, IdentityTest, Paragraph, Fact):
    _by_fields(_cls)
del _cls
