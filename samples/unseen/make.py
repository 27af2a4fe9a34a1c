"""Generate unseen-layout disclosures with their truth.

    python3 -m samples.unseen.make --count 20 --seed 3 -o unseen/        # PDFs and <id>.truth.json
    python3 -m samples.unseen.make --count 1 --seed 3 --first 17 -o one/ # document 17 of seed 3 alone

Document i of seed S is drawn from random.Random(f"{S}:{i}") alone, so any one document can be
made again without the others. Each document draws a value per axis (AXES); the truth records
them, every table's type and title, and every printed amount: row key (code, else name), side,
column path, printed text, value, page(s).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from . import content, tables

# axis -> values (first-level choice per document). Office producers use the subset OFFICE_AXES.
AXES = {
    "producer": ["reportlab", "reportlab", "reportlab", "calc", "writer"],
    "kind": ["budget", "final"],
    "codes": ["joined", "dotted", "dashed", "columns_full", "columns_sparse", "names_indent"],
    "indent": ["fullwidth", "offset", "none"],
    "amounts": ["sep2", "plain2", "int", "wan4"],
    "zero": ["blank", "zero", "dash"],
    "negative": ["minus", "paren"],
    "align": ["right", "center", "left"],
    "code_align": ["left", "center"],
    "rules": ["grid", "dotted", "three_line", "box_only", "none"],
    "orientation": ["portrait", "landscape", "rotated"],
    "per_page": [True, False],
    "repeat_head": [True, False],
    "side_by_side": [False, True],
    "wide_split": [False, True],
    "running": ["none", "dash", "of", "slash"],
    "watermark": ["none", "内部公开", "仅供参考"],
    "numbering": ["none", "biao", "fubiao", "gongkai"],
    "title_place": ["above", "in_grid"],
    "title_text": ["year", "no_year", "org_after_year"],
    "titles": ["mof", "county"],
    "unit_place": ["right", "under_title", "org_left"],
    "vertical_head": [False, True],
    "bold": ["none", "totals", "totals_big", "heads"],
    "font": ["embedded", "cid"],
    "font_size": [8, 9, 10],
    "title_size": [12, 14, 16],
    "total": ["top", "bottom"],
    "change_cols": [False, True],
    "three": ["wide", "list", "year_rows"],
    "empty": ["row", "below"],
    "footnote": [False, True],
}
# axes added later (session 14), each drawn from a generator of its own (so the documents of a seed
# are the same as before wherever they are not drawn) and only where they can take effect:
#   exp_pairs    the summary's expenditure side in two label/amount pairs (by function | by economic
#                class), 本年支出合计 and 支出总计 printed once over the function pair's columns;
#   three_boxes  三公 headings as Word prints them with a box per printed text: fee names wrapped
#                (公务接 / 待费, 因公出国 / （境）费), the group's box starting a sliver left (ruled, reportlab);
#   row_break    the summary's 本年收入合计 row broken over the page, 合计 alone opening the next (reportlab).
LATER_AXES = {"exp_pairs": [False, True], "three_boxes": [False, True], "row_break": [False, True]}
# axes added in session 17 (forced only then) and drawn since session 18, from a third generator of
# their own (so the documents of a seed are as before wherever none of them is drawn), each True at
# its rate in FORM_RATES and only where it can take effect:
#   exp_pairs3   the summary's expenditure side in three label/amount pairs (by function | by use |
#                by source of funds), four pairs across with the income pair, 支出 centred over the
#                three (issue #12: the first expenditure pair's side was read as `part`); it takes the
#                place of exp_pairs where both are drawn
#   title_variants  every title as other provinces print it (tables.TITLES["variants"]: 部门综合预算…,
#                一般公共预算拨款…, …明细表（按经济科目）, 政府性基金收支预算表; table types 2.1, issue #12)
#   project_table  a 项目支出表 after the standard tables: projects by name (one time in two a 单位名称
#                column before it), 合计 and the funds by source (tables.Builder.project_expenditure)
#   column_numbers  a 栏次 row under every table's headings (栏次 | 1 | 2 | …), as the 部门决算 forms print it
#   row_numbers  a 行次 column after each label column of the two-sided summaries (项目 | 行次 | 金额)
FORM_AXES = {"exp_pairs3": [False, True], "title_variants": [False, True], "project_table": [False, True],
             "column_numbers": [False, True], "row_numbers": [False, True]}
# the chance each is drawn: one in four, the rarer layouts (three expenditure pairs; 行次 columns, only
# in the 部门决算 forms' summaries) one in six
FORM_RATES = {"exp_pairs3": 1 / 6, "title_variants": 1 / 4, "project_table": 1 / 4, "column_numbers": 1 / 4,
              "row_numbers": 1 / 6}
# forced only (`--axis side_wrap=True`), drawn by no seed yet:
#   side_wrap    two tables side by side (side_by_side) each with its title wrapped inside its half of
#                the page, as Word wraps a paragraph in a table's width: two blocks of title lines,
#                line for line on the same baselines (render_rl.Layout.title_block; issue #12)
#   label_rows   a ruled table broken over a page prints labels only from the break on: its
#                amount cells ruled and blank down the rest of the table (no figure, no truth
#                amount), each such row recorded in the truth's `labels` (its key and page) for the
#                bench to find among the table's rows (reportlab, rules grid or dotted; a ruled
#                continuation page of labels over a blank 金额 column, jiangsu-rendaban-2017 p.10)
#   stacked      tables flow on down the pages with their titles and unit lines in unruled cells of
#                the sheet, filled white as a spreadsheet's export paints every cell, the next
#                table's title cell right under the last row of the one before: a page ending one
#                table and beginning the next is one ruled region (jiangsu-rendaban-2017 p.9; with
#                label_rows, p.10's labels-only rows of one table and the next table on one ruling).
#                Reportlab, rules grid or dotted; tables flow (per_page False)
FORCED_AXES = {"side_wrap": [False, True], "label_rows": [False, True], "stacked": [False, True]}
OFFICE_AXES = ["producer", "kind", "codes", "indent", "amounts", "zero", "negative", "align", "orientation",
               "per_page", "repeat_head", "numbering", "title_text", "titles", "unit_place", "bold", "total",
               "change_cols", "three", "footnote"]
DEPTS = ["黔东南州林业局", "赣州市章贡区教育局", "呼和浩特市赛罕区民政局", "德阳市旌阳区司法局", "临沂市兰山区文化和旅游局",
         "玉林市博白县农业农村局", "酒泉市肃州区卫生健康委员会", "岳阳市君山区自然资源局", "昭通市鲁甸县水务局",
         "绥化市北林区统计局", "泉州市丰泽区城市管理局", "安庆市大观区人力资源和社会保障局", "中共商洛市委组织部",
         "天水市秦州区应急管理局", "海口市美兰区市场监督管理局", "宜春市袁州区档案馆"]
FOOTNOTES = ["注：本表按功能分类科目的项级科目列示。", "注：金额合计数与分项之和如有差异，系四舍五入所致。",
             "注：本表数据来源于部门预算编报系统。"]


def draw_axes(rng: random.Random) -> dict:
    ax = {k: rng.choice(v) for k, v in AXES.items()}
    if ax["amounts"] == "int":
        ax["unit"] = "元"
    elif ax["amounts"] == "wan4":
        ax["unit"] = "万元"
    else:
        ax["unit"] = rng.choice(["元", "万元"])
    ax["drop"] = sorted(rng.sample(["income_summary", "operating_expenses", "government_procurement",
                                    "fiscal_allocation_summary"], rng.choice([0, 0, 1, 2])))
    return ax


def draw_later(seed: int, i: int, ax: dict) -> dict:
    """The LATER_AXES of document `i` of `seed` (each True one time in four), from a generator of
    their own; False where the axis cannot take effect on the document as drawn."""
    rng = random.Random(f"{seed}:{i}:later")
    return applicable({k: rng.random() < 0.25 for k in LATER_AXES}, ax)


def draw_form(seed: int, i: int) -> dict:
    """The FORM_AXES of document `i` of `seed` (each True at its FORM_RATES rate), from a generator
    of their own (the other draws of the document unchanged)."""
    rng = random.Random(f"{seed}:{i}:form")
    return {k: rng.random() < FORM_RATES[k] for k in FORM_AXES}


def applicable(later: dict, ax: dict) -> dict:
    """`later` with the axes that cannot take effect under `ax` set False: the row break and the
    boxes are drawn by reportlab only, the boxes in ruled tables with a 三公 table of columns."""
    out = dict(later)
    if ax["producer"] != "reportlab":
        out["three_boxes"] = out["row_break"] = False
    if ax["rules"] not in ("grid", "dotted") or ax["three"] == "list" or "three_public_expenses" in ax["drop"]:
        out["three_boxes"] = False
    return out


def parse_force(items) -> dict:
    """['watermark=none', 'vertical_head=False'] -> {axis: value} (checked against AXES, LATER_AXES,
    FORM_AXES and FORCED_AXES)."""
    out = {}
    every = {**AXES, **LATER_AXES, **FORM_AXES, **FORCED_AXES}
    for item in items or []:
        k, _, v = item.partition("=")
        if k not in every:
            raise ValueError(f"unknown axis {k!r} (axes: {', '.join(every)})")
        vals = {str(x): x for x in every[k]}
        if v not in vals:
            raise ValueError(f"axis {k} has no value {v!r} (values: {', '.join(vals)})")
        out[k] = vals[v]
    return out


def generate(seed: int, i: int, out: Path, force: dict | None = None) -> dict:
    """Make document `i` of `seed` in `out`: <id>.pdf and <id>.truth.json; returns the truth.
    `force` sets axis values after the draw (the rest of the document stays as drawn)."""
    job = prepare(seed, i, out, force)
    if job["ax"]["producer"] == "reportlab":
        from . import render_rl
        job["pages"] = render_rl.render(job["grids"], job["ax"], job["rng"], job["dept"], job["year"],
                                        job["ax"]["kind"], str(job["pdf"]), job["doc_title"])
    else:
        from . import render_office
        job["pages"] = render_office.render(job["grids"], job["ax"], job["dept"], job["year"], job["ax"]["kind"],
                                            job["pdf"], job["doc_title"])
    return write_truth(job)


def office_source(seed: int, i: int, out: Path, folder: Path, force: dict | None = None) -> tuple[Path, str] | None:
    """For a document LibreOffice draws: its source written into `folder` (render_office.source), to be
    exported with others in one LibreOffice run; None for a reportlab document (made whole here)."""
    job = prepare(seed, i, out, force)
    if job["ax"]["producer"] == "reportlab":
        generate(seed, i, out, force)
        return None
    from . import render_office
    return render_office.source(job["grids"], job["ax"], job["dept"], job["doc_title"], folder, job["pdf"].stem)


def office_finish(seed: int, i: int, out: Path, made: Path, force: dict | None = None) -> dict:
    """The document drawn again (the same draw: its seed) over the PDF LibreOffice made of its
    source (office_source): the PDF put in place and the truth written, as generate() does."""
    from . import render_office
    job = prepare(seed, i, out, force)
    job["pages"] = render_office.place(made, job["pdf"], job["grids"], job["ax"])
    return write_truth(job)


def prepare(seed: int, i: int, out: Path, force: dict | None = None) -> dict:
    """Document `i` of `seed` drawn (axes, figures, grids), not yet drawn on pages."""
    rng = random.Random(f"{seed}:{i}")
    ax = draw_axes(rng)
    later = draw_later(seed, i, ax)
    form = draw_form(seed, i)
    ax.update({k: v for k, v in (force or {}).items() if k in AXES})
    later.update({k: v for k, v in (force or {}).items() if k in LATER_AXES})
    form.update({k: v for k, v in (force or {}).items() if k in FORM_AXES})
    ax.update(applicable(later, ax))
    ax.update(form)
    ax.update({k: (force or {}).get(k, False) for k in FORCED_AXES})
    if ax["exp_pairs3"]:
        ax["exp_pairs"] = False  # (three pairs in place of two)
    if ax["stacked"]:  # (drawn by reportlab in ruled tables only; the tables flow on)
        ax["stacked"] = ax["producer"] == "reportlab" and ax["rules"] in ("grid", "dotted")
        ax["per_page"] = ax["per_page"] and not ax["stacked"]
    year = rng.randint(2018, 2025)
    dept = rng.choice(DEPTS)
    fmt = content.Fmt(ax["amounts"], ax["zero"], ax["negative"])
    fig = content.figures(rng, year, ax["kind"], fmt, ax["unit"])
    b = tables.Builder(rng, fig, ax, fmt, ax["unit"], dept)
    grids = b.all()
    if ax["footnote"]:
        for g in grids:
            if not g.note and rng.random() < 0.4:
                g.footnote = rng.choice(FOOTNOTES)
    doc_id = f"U{seed:03d}-{i:05d}"
    word = "预算" if ax["kind"] == "budget" else "决算"
    return {"seed": seed, "index": i, "force": force, "rng": rng, "ax": ax, "year": year, "dept": dept,
            "grids": grids, "doc_id": doc_id, "doc_title": f"{dept}{year}年部门{word}公开",
            "pdf": out / f"{doc_id}.pdf", "out": out}


def write_truth(job: dict) -> dict:
    """<id>.truth.json of a drawn and rendered document (prepare, then job["pages"] set)."""
    ax, grids, seed, i, force, doc_id = job["ax"], job["grids"], job["seed"], job["index"], job["force"], job["doc_id"]
    if ax["producer"] == "reportlab":
        axes = {k: ax[k] for k in AXES}
    else:
        axes = {k: ax[k] for k in OFFICE_AXES}
    axes.update({k: ax[k] for k in LATER_AXES})
    axes.update({k: ax[k] for k in FORM_AXES})
    axes.update({k: ax[k] for k in FORCED_AXES if ax[k]})  # (recorded where forced: other truth files unchanged)
    axes["unit"] = ax["unit"]
    truth = {
        "id": doc_id, "seed": seed, "index": i, "producer": ax["producer"], "axes": axes, "year": job["year"],
        "kind": ax["kind"], "department": job["dept"], "pages": job["pages"],
        "make": f"python3 -m samples.unseen.make --seed {seed} --first {i} --count 1 -o DIR"
                + "".join(f" --axis {k}={v}" for k, v in (force or {}).items()),
        "tables": [],
    }
    for n, g in enumerate(grids, 1):
        amounts = []
        for t in g.truth:
            amounts.append({"key": t["key"], "side": t["side"], "column": g.column_path(t["col"]),
                            "printed": t["printed"], "value": t["value"], "pages": t.get("pages", getattr(g, "pages", []))})
        truth["tables"].append({"n": n, "type": g.type, "title": g.title, "unit": g.unit, "pages": getattr(g, "pages", []),
                                "empty": bool(g.note), "beside": getattr(g, "beside", False), "amounts": amounts,
                                **({"labels": g.labels} if getattr(g, "labels", None) else {})})
    (job["out"] / f"{doc_id}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return truth


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=10, help="documents to make")
    ap.add_argument("--seed", type=int, default=1, help="seed of the set")
    ap.add_argument("--first", type=int, default=0, help="index of the first document")
    ap.add_argument("-o", "--out", type=Path, required=True, help="folder for the PDFs and truth")
    ap.add_argument("--axis", action="append", metavar="AXIS=VALUE", help="force an axis value (repeatable)")
    a = ap.parse_args(argv)
    force = parse_force(a.axis)
    a.out.mkdir(parents=True, exist_ok=True)
    for i in range(a.first, a.first + a.count):
        t = generate(a.seed, i, a.out, force)
        print(t["id"], t["producer"], t["pages"], "pages", sum(len(x["amounts"]) for x in t["tables"]), "amounts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
