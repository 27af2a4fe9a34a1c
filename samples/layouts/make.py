"""Make the generated layout corpus: PDFs with their truth beside them.

    python3 -m samples.layouts.make --count 300 --seed 1 -o layouts/ [--start 0] [--producer reportlab]
        [--axis ruling=none --axis code_style=split]

Writes `<id>.pdf` and `<id>.truth.json` for each document. reportlab documents are drawn in this
process; Writer and Calc documents are written as flat ODF and converted by one LibreOffice run.
Needs the `samples` extra (reportlab) and, for the office producers, LibreOffice and a CJK font.
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from samples.layouts import render_office
from samples.layouts.axes import AXES, draw
from samples.layouts.compose import Doc, compose
from samples.layouts.render_pdf import MARGIN, PAD, Layout, Printer, edges

# axes a producer cannot realise are recorded as "n/a", so that per-axis figures count only what was printed
OFFICE_ONLY_NOT = {"jitter", "overflow", "font", "spill", "wrap_narrow"}


def realised(axes: dict) -> dict:
    out = dict(axes)
    if axes["producer"] != "reportlab":
        for name in OFFICE_ONLY_NOT:
            out[name] = "n/a"
        if axes["orientation"] == "rotated":
            out["orientation"] = "landscape"
    if axes["producer"] == "calc":
        out["flow"] = "n/a"
        out["toc"] = "n/a"
    if out["flow"] != "flow":
        out["spill"] = "n/a"
    if out["ruling"] != "full" and out["overflow"] is True:
        out["overflow"] = "n/a"  # an amount over a rule needs the rule
    return out


def draw_pdf(doc: Doc, target: Path) -> None:
    a = doc.axes
    lay = Layout(orientation=a["orientation"], ruling=a["ruling"], flow=a["flow"], repeat_header=a["repeat_header"],
                 jitter=a["jitter"], overflow=a["overflow"], font=a["font"], spill=a["spill"], size=a["size"])
    p = Printer(target, lay, random.Random(doc.id), " ".join(doc.cover))
    p.y -= 150
    for line in doc.cover:
        p.line(line, 22, "center", 14)
    if a["toc"]:
        p.new_page()
        p.line("目录", 16, "center", 12)
        for h in doc.headings:
            p.line(h.replace("\n", "：") + " " + "." * 20 + f" {doc.headings.index(h) + 3}", 10.5)
    p.new_page()
    for para in doc.prose:
        p.paragraph(para)
    for k, (t, heading) in enumerate(zip(doc.tables, doc.headings)):
        if a["flow"] == "page" and (k > 0 or doc.prose):
            p.new_page()
        for n, line in enumerate(heading.split("\n")):
            p.line(line, 14 if n == len(heading.split("\n")) - 1 else 11, "center" if n else "left", 8)
        dept = f"编制部门：{doc.budget.department}" if a["family"] == "jiangsu" else ""
        p.pair(dept, f"单位：{t.unit}")
        total = (p.w - 2 * MARGIN) * (0.8 if a["wrap_narrow"] else 1.0)  # a narrower table: labels wrap
        widths = t.fit(total, lambda text: p.width(text, a["size"]), PAD)
        if a["overflow"] and a["ruling"] == "full":  # amounts wider than their cells, over the rule
            widths = [w - 4 if any(c.col == k and c.role == "amount" for row in t.body for c in row) else w
                      for k, w in enumerate(widths)]
        xs = edges(widths, sum(widths) + 2 * MARGIN)
        p.table(t, xs)
        if t.note:
            p.line(t.note, 10, gap=6)
    p.save()


def make(count: int, seed: int, outdir: Path, start: int = 0, only: dict | None = None,
         producers: set[str] | None = None, indices: list[int] | None = None) -> list[Path]:
    """Generate documents start..start+count-1 of run `seed` (or those numbered `indices`) into
    `outdir`, the office ones in one LibreOffice run; the PDFs made."""
    outdir.mkdir(parents=True, exist_ok=True)
    office: list[Path] = []
    made: list[Path] = []
    for i in (range(start, start + count) if indices is None else indices):
        axes = draw(i, seed, only)
        if producers and axes["producer"] not in producers:
            continue
        doc = compose(i, seed, axes)
        doc.axes = realised(axes)
        doc.office["orientation"] = doc.axes["orientation"]
        pdf = outdir / f"{doc.id}.pdf"
        doc.write_truth(outdir / f"{doc.id}.truth.json")
        if axes["producer"] == "reportlab":
            draw_pdf(doc, pdf)
        elif axes["producer"] == "writer":
            office.append(render_office.writer(doc, outdir / doc.id))
        else:
            office.append(render_office.calc(doc, outdir / doc.id))
        made.append(pdf)
    if office:
        failed = render_office.convert(office, outdir)
        if failed:
            raise RuntimeError(f"LibreOffice made no PDF of {len(failed)} documents: "
                               + ", ".join(p.name for p in failed[:5]))
        for src in office:
            src.unlink()
    return made


def truth_of(pdf: Path) -> dict:
    return json.loads(pdf.with_suffix("").with_suffix(".truth.json").read_text(encoding="utf-8")) \
        if pdf.name.endswith(".pdf") else {}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("-o", "--out", type=Path, required=True)
    ap.add_argument("--producer", action="append", choices=AXES["producer"])
    ap.add_argument("--axis", action="append", default=[], help="NAME=VALUE: fix an axis")
    args = ap.parse_args()
    only = {}
    for spec in args.axis:
        name, _, value = spec.partition("=")
        if name not in AXES:
            ap.error(f"unknown axis {name}; axes: {', '.join(AXES)}")
        match = [v for v in AXES[name] if str(v) == value]
        if not match:
            ap.error(f"axis {name} has values {AXES[name]}")
        only[name] = match[0]
    made = make(args.count, args.seed, args.out, args.start, only, set(args.producer or []) or None)
    print(f"{len(made)} documents in {args.out}")


if __name__ == "__main__":
    main()
