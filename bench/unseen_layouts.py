"""Score the reading on layouts it was not tuned on (samples/unseen, issue #12).

    python3 bench/unseen_layouts.py --count 100 --seed 1 --dir /tmp/unseen --workers 1

Generates the documents (kept in DIR and reused when their truth is there already), extracts
them with the project (`python3 -m disclosure extract ... --format json`), and scores every
truth table against what was read:
  tables typed right  - the emitted table holding most of the truth table's amounts (on its
                        pages) has the truth's type (an empty table: a table of that type on them);
  amounts exact       - a printed amount emitted in that table under the right row key (the code
                        when one is printed, else the name, numbering and spaces aside), the right
                        column (the truth's header path: same last heading, the others among the
                        emitted path or the side) and the exact value;
  precision           - emitted numbers that are right / all numbers emitted in matched tables.
Prints the totals, per axis value, per table type, and the misses (document, page, table,
expected vs got); DIR/misses.jsonl holds every miss with an automatic reason for classification.

`--scan N` also makes scanned copies (samples/make_scan.py: rendered at --dpi, tilted, blurred,
noise, JPEG; image only) of the first N documents in DIR/scans, reads them by OCR and scores them
against the same truth, printed the same way (misses in DIR/scans/misses.jsonl):

    python3 bench/unseen_layouts.py --count 20 --seed 1 --dir /tmp/unseen --scan 20 --kinds
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d+[.、．]|其中[:：])+")
SIDE_WORDS = {"income": {"收入"}, "expenditure": {"支出"}}


def compact(s: str) -> str:
    return re.sub(r"[\s\u3000]+", "", s or "")


def name_key(s: str) -> str:
    return NUMBERING.sub("", compact(s))


def _make(args):
    seed, i, out, force = args
    from samples.unseen import make
    if not (Path(out) / f"U{seed:03d}-{i:05d}.truth.json").exists():
        try:
            make.generate(seed, i, Path(out), make.parse_force(force))
        except Exception as e:  # a producer that fails (LibreOffice hanging 3 times) loses that document only
            return i, f"{type(e).__name__}: {str(e)[:200]}"
    return i, ""


def _source(args):
    seed, i, out, force, folder = args
    from samples.unseen import make
    try:
        got = make.office_source(seed, i, Path(out), Path(folder), make.parse_force(force))
    except Exception as e:
        return i, None, f"{type(e).__name__}: {str(e)[:200]}"
    return i, (None if got is None else (str(got[0]), got[1])), ""


def _convert(args):
    srcs, outdir, filt, profile = args
    from samples.unseen import render_office
    made, hung = render_office.convert_many([Path(s) for s in srcs], Path(outdir), filt, profile=profile)
    return {str(k): str(v) for k, v in made.items()}, [str(h) for h in hung]


def _finish(args):
    seed, i, out, made, force = args
    from samples.unseen import make
    try:
        make.office_finish(seed, i, Path(out), Path(made), make.parse_force(force))
    except Exception as e:
        return i, f"{type(e).__name__}: {str(e)[:200]}"
    return i, ""


def failed_record(out: Path, seed: int, i: int) -> Path:
    """Where a document that could not be made is recorded: `out/U<seed>-<i>.failed.json`,
    {"reason": why}."""
    return out / f"U{seed:03d}-{i:05d}.failed.json"


def recorded_failures(seed: int, idx: list[int], out: Path) -> dict[int, str]:
    """{index: why} of the documents an earlier run could not make (recorded by `generate_all`, no
    truth since): a rerun leaves them out instead of trying them again (LibreOffice Writer hangs on
    four of seed 20's documents: 180 s each before the stall is called, on every run)."""
    got = {}
    for i in idx:
        rec = failed_record(out, seed, i)
        if rec.exists() and not (out / f"U{seed:03d}-{i:05d}.truth.json").exists():
            try:
                got[i] = json.loads(rec.read_text(encoding="utf-8"))["reason"]
            except (ValueError, KeyError, TypeError):
                got[i] = "recorded as failed (record unreadable)"
    return got


def generate_all(seed: int, idx: list[int], out: Path, force, workers: int) -> dict[int, str]:
    """Make the documents not made yet; {index: why} for those that could not be. The LibreOffice
    documents' sources are written first (out/.office, kept until every one is made, so that an
    interrupted run goes on where it stopped) and exported 20 to a LibreOffice run (its start-up paid
    once, not once a document: the generation of 1,000 documents goes from hours to minutes); then each
    is put in place and its truth written. A source LibreOffice hangs on is left out, and said; every
    document not made is recorded with its reason (`failed_record`), and the documents recorded so
    before are not tried again (`recorded_failures`; delete the record, or --retry-failed, to try)."""
    skip = recorded_failures(seed, idx, out)
    todo = [i for i in idx if not (out / f"U{seed:03d}-{i:05d}.truth.json").exists() and i not in skip]
    folder = out / ".office"
    (folder / "pdf").mkdir(parents=True, exist_ok=True)
    failed: dict[int, str] = {}
    with ProcessPoolExecutor(workers) as pool:
        sources = {}
        for i, got, err in pool.map(_source, [(seed, i, str(out), force, str(folder)) for i in todo]):
            if err:
                failed[i] = err
            elif got is not None:
                sources[i] = got
        chunks = []
        for filt in sorted({f for _, f in sources.values()}):
            these = [s for s, f in sources.values() if f == filt]
            chunks += [(these[k:k + 20], str(folder / "pdf"), filt, f"{filt}-{k}") for k in range(0, len(these), 20)]
        made, hung = {}, set()
        for got, stuck in pool.map(_convert, chunks):
            made.update(got)
            hung.update(stuck)
        for i, (s, _) in sources.items():
            if s in hung:
                failed[i] = "LibreOffice hangs on it (no PDF after 180 s)"
        jobs = [(seed, i, str(out), made[s], force) for i, (s, _) in sources.items() if s in made]
        for i, err in pool.map(_finish, jobs):
            if err:
                failed[i] = err
    if all(i in failed or (out / f"U{seed:03d}-{i:05d}.truth.json").exists() for i in sources):
        shutil.rmtree(folder, ignore_errors=True)  # every source made or left out: nothing to go on from
    for i, err in failed.items():
        failed_record(out, seed, i).write_text(json.dumps({"reason": err}, ensure_ascii=False) + "\n", encoding="utf-8")
    return {**skip, **failed}


def _extract(args):
    pdfs, out, extra = args
    env = dict(os.environ, PYTHONPATH=str(ROOT), **(extra or {}))
    subprocess.run([sys.executable, "-m", "disclosure", "-q", "extract", *pdfs, "-o", out, "--format", "json"],
                   env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return len(pdfs)


def entries(table: dict) -> list:
    """Every number a table emits: dict(row, code, names, side, parts, value, printed, page)."""
    out = []
    for r in table["rows"]:
        for v in r["values"]:
            if v["status"] not in ("number", "percent") or v["value"] is None:
                continue
            try:
                val = Decimal(v["value"])
            except InvalidOperation:
                continue
            out.append({"code": r["code"], "names": {name_key(r["name"]), name_key(r["name_printed"])},
                        "name": r["name"], "side": r["side"], "parts": [compact(p) for p in v["column"].split("/")],
                        "column": v["column"], "value": val, "printed": v["printed"], "page": r["page"]})
    return out


def key_ok(t: dict, e: dict) -> bool:
    k = t["key"]
    if not k:
        return True
    if k.isdigit():
        return e["code"] == k
    return name_key(k) in e["names"]


def col_ok(t: dict, e: dict) -> bool:
    tp = [compact(p) for p in t["column"]]
    if not tp or not e["parts"] or tp[-1] != e["parts"][-1]:
        return False
    extra = set(e["parts"]) | SIDE_WORDS.get(e["side"], set())
    return set(tp[:-1]) <= extra


def side_ok(t: dict, e: dict) -> bool:
    """The truth's side is the emitted row's, the pair aside: a side's second label/amount pair
    (`expenditure_2`, axis exp_pairs) is that side; its columns tell the pairs apart."""
    side = re.sub(r"_\d+$", "", e["side"] or "")
    return not t["side"] or not side or t["side"] == side or not side.startswith(("income", "expenditure"))


def match(truth_amounts: list, emitted: list) -> tuple:
    """(matched truth indices, used emitted indices)."""
    used, hit = set(), set()
    for i, t in enumerate(truth_amounts):
        v = Decimal(t["value"])
        for j, e in enumerate(emitted):
            if j not in used and e["value"] == v and key_ok(t, e) and col_ok(t, e) and side_ok(t, e):
                used.add(j)
                hit.add(i)
                break
    return hit, used


def diagnose(t: dict, table: dict | None, emitted: list, near: list) -> tuple:
    """An automatic reason for a missed amount and what was read in its place: (reason, got),
    got a dict (code, name, column, printed, table index/type/title) or {}."""
    v = Decimal(t["value"])
    if table is None:
        return "no_table", {}

    def got(e, tb=table):
        return {"code": e["code"], "name": e["name"], "column": e["column"], "printed": e["printed"],
                "table": tb["index"], "table_type": tb["type"], "table_title": tb["title_printed"], "table_pages": tb["pages"]}

    for other in near:  # read whole (key, column, value) in another table on the truth table's pages
        if other is table:
            continue
        for e in entries(other):
            if e["value"] == v and key_ok(t, e) and col_ok(t, e):
                return "other_table", got(e, other)
    same_val = [e for e in emitted if e["value"] == v]
    for e in same_val:
        if key_ok(t, e) and not col_ok(t, e):
            return "wrong_column", got(e)
    for e in same_val:
        if col_ok(t, e) and not key_ok(t, e):
            return "wrong_key", got(e)
    if same_val:
        return "wrong_key_and_column", got(same_val[0])
    for e in emitted:
        if key_ok(t, e) and col_ok(t, e):
            return "wrong_value", got(e)
    for row in table["rows"]:  # printed in a cell that was not read as a number
        for val in row["values"]:
            if val["status"] not in ("number", "percent") and t["printed"] in (val["printed"] or ""):
                return "cell_not_a_number", {"code": row["code"], "name": row["name"], "column": val["column"],
                                             "printed": val["printed"], "table": table["index"], "table_type": table["type"],
                                             "table_title": table["title_printed"], "table_pages": table["pages"]}
    for other in near:  # emitted tables on the truth table's pages
        if other is table:
            continue
        for e in entries(other):
            if e["value"] == v and key_ok(t, e):  # same row, another column
                return "other_table", got(e, other)
    return "missing", {}


def label_read(lab: dict, table: dict) -> bool:
    """A truth row printing no figure (`lab`: key, side, page; axis label_rows) is a row of the
    emitted `table`: the code when the key is one, else the name (on any of its pages: a table
    continued column-wise gives its rows the first part's page, as its amounts are scored)."""
    for r in table["rows"]:
        e = {"code": r["code"], "names": {name_key(r["name"]), name_key(r["name_printed"])}, "side": r["side"]}
        if key_ok(lab, e) and side_ok(lab, e):
            return True
    return False


def score_doc(truth: dict, doc: dict | None) -> dict:
    res = {"id": truth["id"], "tables": 0, "typed": 0, "amounts": 0, "exact": 0, "emitted": 0, "right": 0,
           "per_type": defaultdict(lambda: [0, 0, 0, 0]), "misses": [], "table_misses": [],
           "labels": 0, "labels_read": 0, "label_misses": []}
    emitted_tables = doc["tables"] if doc else []
    counted = {}
    # pages whose whole watermark the reader set aside (its note names the watermark's text): no
    # watermark character reached a cell there, whatever characters the cells share with it
    wm = truth["axes"].get("watermark", "none")
    wm_aside = {p["page"] for p in (doc or {}).get("problems", [])
                if wm != "none" and str(p.get("reason", "")).endswith(f"(a watermark? {wm})")}
    for tt in truth["tables"]:
        res["tables"] += 1
        res["amounts"] += len(tt["amounts"])
        pt = res["per_type"][tt["type"]]
        pt[0] += 1
        pt[2] += len(tt["amounts"])
        pages = set(tt["pages"])
        cands = [t for t in emitted_tables if pages & set(t["pages"])]
        best, best_hit, best_used, best_entries = None, set(), set(), []
        for c in cands:
            es = entries(c)
            hit, used = match(tt["amounts"], es)
            rank = (len(hit), c["type"] == tt["type"])
            if best is None or rank > (len(best_hit), best["type"] == tt["type"]):
                best, best_hit, best_used, best_entries = c, hit, used, es
        if not best_hit:  # nothing of it read: the table on its pages of its type, if any
            same = [c for c in cands if c["type"] == tt["type"]]
            if same:
                best, best_entries = same[0], entries(same[0])
        typed = best is not None and best["type"] == tt["type"]
        if typed:
            res["typed"] += 1
            pt[1] += 1
        else:
            got = [(c["index"], c["type"], compact(c["title"])[:30]) for c in cands]
            res["table_misses"].append({"doc": truth["id"], "n": tt["n"], "type": tt["type"], "title": tt["title"],
                                        "pages": tt["pages"], "got": got})
        res["exact"] += len(best_hit)
        pt[3] += len(best_hit)
        for lab in tt.get("labels", []):  # axis label_rows: rows printing no figure, rows of the table
            res["labels"] += 1
            if best is not None and label_read(lab, best):
                res["labels_read"] += 1
            else:
                res["label_misses"].append({"doc": truth["id"], "table": tt["n"], "type": tt["type"], **lab})
        if best is not None:
            prev = counted.get(best["index"], set())
            counted[best["index"]] = prev | best_used
        for i, t in enumerate(tt["amounts"]):
            if i in best_hit:
                continue
            reason, got = diagnose(t, best, best_entries, cands)
            res["misses"].append({"doc": truth["id"], "table": tt["n"], "type": tt["type"], "pages": t["pages"],
                                  "key": t["key"], "side": t["side"], "column": "/".join(t["column"]),
                                  "printed": t["printed"], "reason": reason, "got": got,
                                  "watermark_aside": bool(t["pages"]) and set(t["pages"]) <= wm_aside,
                                  "emitted_table": [best["index"], best["type"], best["title_printed"], best["pages"],
                                                    len(best_entries)] if best else None})
    for t in emitted_tables:
        if t["index"] in counted:
            n = len(entries(t))
            res["emitted"] += n
            res["right"] += len(counted[t["index"]])
    res["per_type"] = dict(res["per_type"])
    return res


def fmt_got(g: dict) -> str:
    if not g:
        return ""
    return f"t{g['table']} {g['table_type']}: {g['code'] or '-'} {g['name'][:20]} | {g['column']} | {g['printed']}"


VERTICAL = re.compile(r"(^|/)[^/]/[^/]")

KINDS = {
    "codes_dotted_dashed": "codes printed with dots or dashes (208.05.05, 208-05-05) not read as codes: rows keyed by name only, code empty",
    "heading_lines_as_levels": "a heading cell printed on several lines (one character a line, or wrapped) read as that many heading levels: 合/计, 2019年决算/数",
    "watermark_text": "diagonal watermark characters (内部公开, 仅供参考) read into titles, headings, labels or amounts",
    "colwise_continuation": "a table too wide for the page, continued column-wise on the next page (续表): the second part not joined, typed other",
    "continuation_not_joined": "rows continued on the next page read as a separate untitled table typed other (not joined to the table)",
    "amount_in_other_table": "the amount read in another table of the same pages (two tables taken as one, or rows given to the neighbour)",
    "heading_not_read": "the table's heading not read (columns unnamed ''): title inside the first ruled row, frame-only/three-line rules",
    "body_not_read": "the table found but none of its amounts read (no body rows)",
    "sparse_code_columns": "类|款|项 columns printed only at a level change (blank 类 on later rows): wrong code",
    "rows_missing": "rows or cells of a table otherwise read not emitted at all",
    "cell_not_a_number": "the amount's cell read with other text in it, so not as a number",
    "wrong_key": "the amount read under another row (key)",
    "wrong_column": "the amount read under another column",
    "wrong_key_and_column": "the amount read under another row and column",
    "wrong_value": "the cell read with another value",
    "no_table": "no table read on the truth table's pages",
}


def classify(m: dict) -> str:
    """The kind (KINDS) of one missed amount: the first mechanism whose evidence it carries."""
    ax, g, r = m["axes"], m["got"] or {}, m["reason"]
    wm = ax.get("watermark", "none")
    if r == "no_table":
        return "no_table"
    if m["key"].isdigit() and ax.get("codes") in ("dotted", "dashed") and r in ("wrong_key", "wrong_key_and_column") \
            and g.get("code") != m["key"]:
        return "codes_dotted_dashed"
    gc = g.get("column", "")
    if r in ("wrong_column", "wrong_key_and_column") and "/" in gc and (
            VERTICAL.search(gc) or compact(gc).replace("/", "") == compact(m["column"]).replace("/", "")):
        return "heading_lines_as_levels"
    texts = g.get("column", "") + g.get("name", "") + g.get("printed", "") + g.get("table_title", "")
    # a watermark's characters (部, 公, 开, 参 ...) are common in titles and names: they count only on
    # pages where the reader did not set the whole watermark aside
    wm_read = wm != "none" and not m.get("watermark_aside")
    if wm_read and any(ch in texts for ch in wm):
        return "watermark_text"
    et = m.get("emitted_table") or [0, "", "", [], 0]
    if wm_read and any(ch in (et[2] or "") for ch in wm) and r == "missing":
        return "watermark_text"
    if r == "other_table":
        if "续表" in g.get("table_title", ""):
            return "colwise_continuation"
        if g.get("table_type") == "other":
            return "continuation_not_joined"
        return "amount_in_other_table"
    if r in ("wrong_column", "wrong_key_and_column") and g.get("column", None) == "":
        return "heading_not_read"
    if r == "missing":
        if et[4] == 0:
            return "body_not_read"
        if "续表" in (et[2] or "") and ax.get("wide_split"):
            return "colwise_continuation"
        return "rows_missing"
    if r in ("wrong_key", "wrong_key_and_column") and ax.get("codes") == "columns_sparse" and m["key"].isdigit():
        return "sparse_code_columns"
    return r


def pct(a, b):
    return f"{100 * a / b:6.2f}%" if b else "   -   "


def report_kinds(misses: list, axis_amounts: dict, a) -> None:
    """Print the kinds, most amounts first: the axis values over-represented among their misses
    (share of the kind's misses / share of all amounts) and one small reproduction each."""
    total = sum(axis_amounts.values()) / max(1, len({k.split("=")[0] for k in axis_amounts}))
    by = defaultdict(list)
    for m in misses:
        m["kind"] = classify(m)
        by[m["kind"]].append(m)
    per_doc = defaultdict(int)
    for m in misses:
        per_doc[m["doc"]] += 1
    print(f"\nkinds of misses ({len(misses)} amounts), most amounts first")
    for kind, ms in sorted(by.items(), key=lambda kv: -len(kv[1])):
        docs = {m["doc"] for m in ms}
        lift = defaultdict(int)
        for m in ms:
            for k, v in m["axes"].items():
                lift[f"{k}={v}"] += 1
        top = sorted(((n / len(ms)) / (axis_amounts[k] / total), k, n) for k, n in lift.items() if axis_amounts[k])
        top = [f"{k} ({n}, x{x:.1f})" for x, k, n in reversed(top[-6:]) if x > 1.3]
        ex = min(ms, key=lambda m: (per_doc[m["doc"]], m["doc"]))
        print(f"\n{kind}: {len(ms)} amounts in {len(docs)} documents - {KINDS.get(kind, '')}")
        print(f"  over-represented axis values: {', '.join(top) or '-'}")
        print(f"  repro: {ex['make'].replace(' DIR', ' /tmp/one')} && python3 -m disclosure extract /tmp/one/{ex['doc']}.pdf -o /tmp/one/out")
        print(f"    {ex['doc']} page {ex['pages']} table {ex['table']} ({ex['type']}): expected [{ex['key']} | {ex['column']}] "
              f"{ex['printed']}; got {fmt_got(ex['got']) or 'nothing'}"
              + (f" (read as table {ex['emitted_table'][0]} {ex['emitted_table'][1]} '{ex['emitted_table'][2]}')" if ex.get("emitted_table") else ""))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--first", type=int, default=0)
    ap.add_argument("--dir", type=Path, default=Path("/tmp/unseen"))
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--misses", type=int, default=40, help="misses to print")
    ap.add_argument("--axis", action="append", metavar="AXIS=VALUE",
                    help="force an axis value in every document (repeatable): the same documents otherwise, "
                         "so that comparing with a run without it measures what that axis value costs")
    ap.add_argument("--kinds", action="store_true", help="classify the misses into kinds (one mechanism each)")
    ap.add_argument("--reextract", action="store_true", help="extract again even where document.json exists")
    ap.add_argument("--retry-failed", action="store_true",
                    help="try again to make the documents an earlier run could not (DIR/<id>.failed.json); "
                         "by default they are skipped")
    ap.add_argument("--scan", type=int, default=0, metavar="N",
                    help="also make scanned copies (samples/make_scan.py) of the first N documents in DIR/scans, "
                         "read them by OCR and score them the same way (misses in DIR/scans/misses.jsonl)")
    ap.add_argument("--dpi", type=int, default=200, help="resolution of the scanned copies (--scan)")
    a = ap.parse_args(argv)
    a.dir.mkdir(parents=True, exist_ok=True)
    idx = list(range(a.first, a.first + a.count))
    t0 = time.time()
    if a.retry_failed:
        for i in idx:
            failed_record(a.dir, a.seed, i).unlink(missing_ok=True)
    skipped = recorded_failures(a.seed, idx, a.dir)
    failed = generate_all(a.seed, idx, a.dir, a.axis, a.workers)
    t1 = time.time()
    for i, err in sorted(failed.items()):
        if i in skipped:
            print(f"U{a.seed:03d}-{i:05d}: skipped, an earlier run could not make it ({err}); left out of the scores")
        else:
            print(f"U{a.seed:03d}-{i:05d}: not generated ({err}); left out of the scores")
    ids = [f"U{a.seed:03d}-{i:05d}" for i in idx if i not in failed]
    t2 = _extract_all([str(a.dir / f"{d}.pdf") for d in ids], a.dir / "out", a)
    print(f"{len(ids)} documents (seed {a.seed}, {a.first}..{a.first + a.count - 1}); generated in {t1 - t0:.0f} s, "
          f"read in {t2:.0f} s; {len(failed)} not made, left out ({len(skipped)} of them skipped as recorded failing "
          f"by an earlier run: DIR/<id>.failed.json, --retry-failed to try them again)")
    report(ids, a.dir, a.dir / "out", a)
    if a.scan:
        scan_ids = ids[:a.scan]
        folder = a.dir / "scans"
        folder.mkdir(exist_ok=True)
        from samples.make_scan import make_scan
        t0 = time.time()
        for d in scan_ids:
            if not (folder / f"{d}.pdf").exists():
                make_scan(a.dir / f"{d}.pdf", folder / f"{d}.pdf", dpi=a.dpi)
        t1 = time.time()
        # OCR of a long scan passes the default 300 s a file may take on a loaded machine
        t2 = _extract_all([str(folder / f"{d}.pdf") for d in scan_ids], folder / "out", a, {"DISCLOSURE_TIMEOUT": "0"})
        pages = sum(_pages(folder / f"{d}.pdf") for d in scan_ids)
        print(f"\n== scanned copies ({a.dpi} dpi, samples/make_scan.py) of the first {len(scan_ids)}, read by OCR: "
              f"{pages} pages, scanned in {t1 - t0:.0f} s, read in {t2:.0f} s ({t2 / max(pages, 1):.2f} s/page wall)")
        report(scan_ids, a.dir, folder / "out", a, folder)
    return 0


def _pages(pdf: Path) -> int:
    import pypdfium2
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def _extract_all(pdfs: list[str], out: Path, a, env: dict | None = None) -> float:
    """Extract the PDFs not yet extracted into `out` (all with --reextract); seconds taken."""
    t = time.time()
    todo = [p for p in pdfs if a.reextract or not (out / f"{Path(p).stem}-pdf" / "document.json").exists()]
    chunks = [todo[k::max(a.workers, 1) * 4] for k in range(max(a.workers, 1) * 4)]
    with ProcessPoolExecutor(a.workers) as pool:
        list(pool.map(_extract, [(c, str(out), env) for c in chunks if c]))
    return time.time() - t


def report(ids: list[str], truths: Path, out: Path, a, misses_dir: Path | None = None) -> None:
    """Score the documents `ids` (truth in `truths`, document.json under `out`) and print the
    totals, per axis value, per table type and the misses; write misses.jsonl and
    table_misses.jsonl into `misses_dir` (default: `truths`)."""
    total = defaultdict(int)
    per_axis = defaultdict(lambda: [0, 0, 0, 0])
    per_type = defaultdict(lambda: [0, 0, 0, 0])
    misses, table_misses, label_misses = [], [], []
    axis_amounts = defaultdict(int)
    for d in ids:
        truth = json.loads((truths / f"{d}.truth.json").read_text(encoding="utf-8"))
        p = out / f"{d}-pdf" / "document.json"  # extract names a folder by stem and suffix
        doc = json.loads(p.read_text(encoding="utf-8")) if p.exists() else None
        r = score_doc(truth, doc)
        for k in ("tables", "typed", "amounts", "exact", "emitted", "right", "labels", "labels_read"):
            total[k] += r[k]
        label_misses += r["label_misses"]
        total["docs"] += 1
        total["failed"] += doc is None
        for ax, val in truth["axes"].items():
            s = per_axis[f"{ax}={val}"]
            s[0] += r["tables"]
            s[1] += r["typed"]
            s[2] += r["amounts"]
            s[3] += r["exact"]
        for ax, val in truth["axes"].items():
            axis_amounts[f"{ax}={val}"] += r["amounts"]
        for ty, v in r["per_type"].items():
            for k in range(4):
                per_type[ty][k] += v[k]
        for m in r["misses"]:
            m["axes"] = truth["axes"]
            m["make"] = truth["make"]
        misses += r["misses"]
        table_misses += r["table_misses"]
    print(f"{total['docs']} documents, {total['failed']} not read")
    print(f"TOTAL tables typed {total['typed']}/{total['tables']} {pct(total['typed'], total['tables'])}  "
          f"amounts exact {total['exact']}/{total['amounts']} {pct(total['exact'], total['amounts'])}  "
          f"precision {total['right']}/{total['emitted']} {pct(total['right'], total['emitted'])}")
    if total["labels"]:  # (axis label_rows drawn: its rows printing no figure)
        print(f"rows printing no figure read as their table's rows {total['labels_read']}/{total['labels']} "
              f"{pct(total['labels_read'], total['labels'])}")
        for m in label_misses[:a.misses]:
            print(f"  not a row: {m['doc']} p{m['page']} t{m['table']} {m['type']}: [{m['key']}|{m['side']}]")
    print("\nper axis value (tables typed, amounts exact), weakest first")
    for k, (tb, ty, am, ex) in sorted(per_axis.items(), key=lambda kv: (kv[1][3] / kv[1][2] if kv[1][2] else 1, kv[0])):
        print(f"  {k:32s} typed {ty:5d}/{tb:<5d} {pct(ty, tb)}  exact {ex:6d}/{am:<6d} {pct(ex, am)}")
    print("\nper table type")
    for k, (tb, ty, am, ex) in sorted(per_type.items()):
        print(f"  {k:38s} typed {ty:5d}/{tb:<5d} {pct(ty, tb)}  exact {ex:6d}/{am:<6d} {pct(ex, am)}")
    reasons = defaultdict(int)
    for m in misses:
        reasons[m["reason"]] += 1
    print("\nmissed amounts by automatic reason:", dict(sorted(reasons.items(), key=lambda kv: -kv[1])))
    print(f"\ntables not typed right ({len(table_misses)}):")
    for m in table_misses[: a.misses]:
        print(f"  {m['doc']} table {m['n']} {m['type']} p{m['pages']} {m['title']}  got {m['got']}")
    print(f"\nmissed amounts ({len(misses)}), first {a.misses}:")
    for m in misses[: a.misses]:
        print(f"  {m['doc']} p{m['pages']} t{m['table']} {m['type']}: [{m['key']}|{m['side']}|{m['column']}] "
              f"{m['printed']}  -> {m['reason']} {fmt_got(m['got'])}")
    if a.kinds:
        report_kinds(misses, axis_amounts, a)
    with open((misses_dir or truths) / "misses.jsonl", "w", encoding="utf-8") as fh:
        for m in misses:
            fh.write(json.dumps(m, ensure_ascii=False) + "\n")
    with open((misses_dir or truths) / "table_misses.jsonl", "w", encoding="utf-8") as fh:
        for m in table_misses:
            fh.write(json.dumps(m, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
