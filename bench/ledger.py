"""The audit ledger over the corpus: rules per state for every document, the total, the rules in
each state across documents, and every `error` finding with its page.

    python3 bench/ledger.py [CORPUS_DIR]

Reads every PDF of the corpus (../shared/corpus by default), the web texts under fujian/, the
page texts of putuo-shiquanlu (not a PDF: skipped) and the seed (../shared/seeds/*.txt); then
checks each disclosure printed in two volumes (batch/volumes.py pairs them) as one.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from disclosure.checks import RULE_IDS  # noqa: E402
from disclosure.checks.ledger import STATES  # noqa: E402
from disclosure.batch.volumes import match, role  # noqa: E402
from disclosure.normalize.departments import department_key  # noqa: E402
from disclosure.pipeline import extract, together  # noqa: E402


def documents(corpus: Path) -> list[Path]:
    seeds = ROOT.parent / "shared" / "seeds"
    return sorted(corpus.glob("*.pdf")) + sorted(corpus.glob("fujian/*.txt")) + sorted(seeds.glob("*.txt"))


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
    total: Counter = Counter()
    by_rule: dict[str, Counter] = {r: Counter() for r in RULE_IDS}
    errors = []
    read = {}
    print(f"{'document':<62}" + "".join(f"{s:>18}" for s in STATES))
    for path in documents(corpus):
        doc = read[path.name] = extract(path)
        c = Counter(e.state for e in doc.ledger)
        assert sorted(e.rule for e in doc.ledger) == RULE_IDS
        total.update(c)
        for e in doc.ledger:
            by_rule[e.rule][e.state] += 1
        errors += [(path.name, f) for f in doc.findings if f.severity == "error"]
        print(f"{path.name:<62}" + "".join(f"{c.get(s, 0):>18}" for s in STATES))
    # one disclosure in two volumes (batch/volumes.py): the prose of one against the tables of the other
    pairs, _ = match([(department_key(d.department), d.year, d.kind, d.level, role(d), n) for n, d in read.items()])
    for _, _, _, text, tables in pairs:
        doc = together(read[text], read[tables])
        c = Counter(e.state for e in doc.ledger)
        total.update(c)
        for e in doc.ledger:
            by_rule[e.rule][e.state] += 1
        errors += [(doc.source, f) for f in doc.findings if f.severity == "error"]
        print(f"{(text + ' + tables'):<62}" + "".join(f"{c.get(s, 0):>18}" for s in STATES))
    print(f"{'TOTAL (' + str(sum(total.values())) + ' rule x document or pair)':<62}"
          + "".join(f"{total.get(s, 0):>18}" for s in STATES))
    print()
    print(f"{'rule':<40}" + "".join(f"{s:>18}" for s in STATES))
    for rule, c in by_rule.items():
        print(f"{rule:<40}" + "".join(f"{c.get(s, 0):>18}" for s in STATES))
    print()
    print(f"error findings: {len(errors)}")
    for name, f in errors:
        print(f"  {name} p.{f.page} {f.rule}: {f.message_zh}")


if __name__ == "__main__":
    main()
