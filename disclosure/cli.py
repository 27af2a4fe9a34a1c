"""The `disclosure` command."""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from disclosure import pipeline
from disclosure.emit import jsonout
from disclosure.extract.errors import InputError

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


@click.group()
@click.version_option(package_name="disclosure")
@click.option("-v", "--verbose", is_flag=True, help="Log progress to stderr.")
def main(verbose: bool) -> None:
    """Turn Chinese budget and final-account disclosures into structured, checked data."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


def _out_name(path: Path, used: set[str]) -> str:
    name = path.stem or path.name
    k, candidate = 2, name
    while candidate in used:
        candidate, k = f"{name}-{k}", k + 1
    used.add(candidate)
    return candidate


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", required=True,
              help="Output folder (OUTDIR/<name>/...), or - to stream document JSON to stdout (one line per input).")
@click.option("--format", "formats", default="all", show_default=True,
              help="Comma-separated: json, line_items, paragraphs, tables, or all.")
def extract(paths: tuple[Path, ...], output: str, formats: str) -> None:
    """Extract every table and paragraph of each disclosure (PDF or plain text).

    A file that cannot be read gets a one-line error naming it and the reason; the other files are
    still processed, and the exit code is 2.
    """
    chosen = pipeline.FORMATS if formats == "all" else tuple(f.strip() for f in formats.split(",") if f.strip())
    unknown = set(chosen) - set(pipeline.FORMATS)
    if unknown:
        raise click.BadParameter(f"unknown format(s): {', '.join(sorted(unknown))}", param_hint="--format")
    failed = 0
    used: set[str] = set()
    for path in paths:
        try:
            doc = pipeline.extract(path)
        except InputError as e:
            failed += 1
            click.echo(f"disclosure: error: {e.file}: {e.reason}", err=True)
            continue
        except Exception as e:  # a bug on one file must not stop the others
            failed += 1
            click.echo(f"disclosure: error: {path}: internal error ({type(e).__name__}: {e})", err=True)
            logging.getLogger("disclosure").debug("traceback", exc_info=True)
            continue
        for problem in doc.problems:
            click.echo(f"disclosure: warning: {path}: page {problem['page']}: {problem['reason']}", err=True)
        if output == "-":
            sys.stdout.write(json.dumps(jsonout.document_dict(doc), ensure_ascii=False) + "\n")
            sys.stdout.flush()
            continue
        target = pipeline.write_outputs(doc, Path(output) / _out_name(path, used), chosen)
        click.echo(f"{path}: {doc.page_count} pages, {len(doc.tables)} tables, "
                   f"{len(doc.paragraphs)} paragraphs -> {target}", err=True)
    sys.exit(EXIT_INPUT if failed else EXIT_OK)
