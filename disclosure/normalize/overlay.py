"""What documents print is evidence: the code–name pairs a batch dataset holds that the chart lacks or
names differently (`disclosure codes --observed DATASET`), and the user overlay they can be learned
into (`--learn`), which later runs read beside the shipped chart (provenance `observed`).

The overlay is a CSV with the chart's columns (`chart.schema.json`) at, in order of precedence,
`$DISCLOSURE_CHART_OVERLAY`, `$XDG_CONFIG_HOME/disclosure/chart-overlay.csv`,
`~/.config/disclosure/chart-overlay.csv`. It is never the shipped chart: writing there is refused.
"""
from __future__ import annotations

import csv
import io
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from disclosure.rx import compile as rx_compile

COLUMNS = ["code", "level", "name", "valid_from", "valid_to", "provenance", "certainty", "source", "note"]
ENV = "DISCLOSURE_CHART_OVERLAY"
ACCEPTED = ("exact", "renamed", "name_only")  # statuses that need nothing learned


class OverlayError(ValueError):
    """The overlay file cannot be read as chart rows (the message names the file and line)."""


def path() -> Path:
    """Where the user overlay is: $DISCLOSURE_CHART_OVERLAY, else the user's config folder."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV]).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "disclosure" / "chart-overlay.csv"


_CODE = rx_compile(r"^(\d{3}|\d{5}|\d{7})$")
_YEAR = rx_compile(r"^20\d\d$")


def read(where: Path | None = None) -> list[dict[str, str]]:
    """The overlay's rows as dicts of strings ([] when the file does not exist).

    Raises OverlayError for a file whose header is not the chart's columns or a row that breaks the
    schema's rules (code of 3/5/7 digits, level, years, provenance `observed`, a note)."""
    p = where or path()
    if not p.is_file():
        return []
    with open(p, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != COLUMNS:
            raise OverlayError(f"{p}: header is {reader.fieldnames}, expected {COLUMNS}")
        rows = list(reader)
    levels = {3: "类", 5: "款", 7: "项"}
    for n, r in enumerate(rows, start=2):
        bad = (not _CODE.match(r["code"] or "") or r["level"] != levels.get(len(r["code"]))
               or not r["name"] or not _YEAR.match(r["valid_from"] or "")
               or not (r["valid_to"] == "" or _YEAR.match(r["valid_to"]))
               or r["provenance"] != "observed" or r["certainty"] not in ("sure", "uncertain")
               or not r["source"] or (r["certainty"] == "uncertain" and not r["note"]))
        if bad:
            raise OverlayError(f"{p}: line {n} is not an observed chart row: {r}")
    return rows


def write(rows: list[dict[str, str]], where: Path | None = None) -> Path:
    """Write `rows` as the whole overlay, atomically (a reader never sees half a file).

    Raises OverlayError when the path is inside the shipped chart folder."""
    from disclosure.emit.atomic import write_text
    from disclosure.normalize.chart import CHART_DIR

    p = (where or path()).resolve()
    if CHART_DIR.resolve() in p.parents or p.parent == CHART_DIR.resolve():
        raise OverlayError(f"{p}: the overlay is never written into the shipped chart ({CHART_DIR})")
    buf = io.StringIO()
    w = csv.DictWriter(buf, COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(sorted(rows, key=lambda r: (r["code"], r["valid_from"], r["name"])))
    write_text(p, buf.getvalue())
    return p


# ---------------------------------------------------------------- what a dataset holds

@dataclass
class Observation:
    """A printed code–name pair of a dataset that the chart (with the overlay) does not accept."""
    code: str
    name: str  # the printed name, its most frequent spelling
    status: str  # unlisted | mismatch | unknown (the resolver's, against the chart of each year)
    note: str
    years: list[int] = field(default_factory=list)
    rows: int = 0  # table rows printing the pair (a row with several amounts counts once)
    documents: int = 0
    first_document: str = ""  # the source of the earliest year's document (then by path)


def observed(dataset: Path) -> tuple[list[Observation], int]:
    """Pairs of `dataset` (a batch DuckDB file, read only) whose code and name do not resolve
    `exact`, `renamed` or `name_only` in the chart of their document's year, each with its row and
    document counts and first document; and the number of table rows skipped because their
    document's year is outside the chart (or unknown). Ordered by code, then name.

    Raises whatever duckdb raises for a file that is not a dataset."""
    import duckdb

    from disclosure.normalize import chart

    con = duckdb.connect(str(dataset), read_only=True)
    try:
        found = con.execute(
            "SELECT l.code, l.name, d.year, d.source, d.path, "
            "count(DISTINCT (l.table_index, l.side, l.row_index)) "
            "FROM line_items l JOIN documents d USING (document_id) "
            "WHERE l.code IS NOT NULL AND l.code <> '' "
            "GROUP BY l.code, l.name, d.year, d.source, d.path, l.document_id").fetchall()
    finally:
        con.close()
    groups: dict[tuple[str, str], list] = {}
    skipped = 0
    for code, name, year, source, doc_path, n in found:
        if year is None or not chart.year_known(year):
            skipped += n
            continue
        groups.setdefault((code, chart.name_key(name or "")), []).append((year, doc_path or "", source or "", name or "", n))
    out = []
    for (code, _), seen in sorted(groups.items()):
        results = {}
        for year, _path, _source, printed, _n in seen:
            if year not in results:
                results[year] = chart.resolve(code, printed, year)
        bad = {y: m for y, m in results.items() if m.status not in ACCEPTED}
        if not bad:
            continue
        kept = [s for s in seen if s[0] in bad]
        spelling = Counter(s[3] for s in kept).most_common(1)[0][0]
        first = min(kept, key=lambda s: (s[0], s[1]))
        last_year = max(bad)
        out.append(Observation(code, spelling, bad[last_year].status, bad[last_year].note, sorted(bad),
                               sum(s[4] for s in kept), len({(s[1], s[2]) for s in kept}), first[2] or first[1]))
    return out, skipped


def learn(found: list[Observation], dataset: Path, where: Path | None = None) -> tuple[Path, int]:
    """Add one overlay row per observation (years: the first to the last it was seen; provenance
    observed; certainty uncertain, the note saying what it is); rows already there are kept and a
    pair already learned is not added twice. Returns the overlay path and the number of new rows."""
    from disclosure.normalize.chart import name_key

    current = read(where)
    have = {(r["code"], name_key(r["name"]), r["valid_from"], r["valid_to"]) for r in current}
    added = []
    levels = {3: "类", 5: "款", 7: "项"}
    for o in found:
        row = {"code": o.code, "level": levels[len(o.code)], "name": o.name, "valid_from": str(min(o.years)),
               "valid_to": str(max(o.years)), "provenance": "observed", "certainty": "uncertain",
               "source": f"{Path(dataset).name}: first in {o.first_document}",
               "note": f"printed in {o.rows} rows of {o.documents} documents ({o.status} when learned: {o.note})"}
        key = (row["code"], name_key(row["name"]), row["valid_from"], row["valid_to"])
        if key not in have:
            have.add(key)
            added.append(row)
    p = write(current + added, where)
    return p, len(added)
