"""How much of the prose is linked: per corpus document, the share of the sentences stating an amount
whose every amount is linked to a subject with a code, a named total or a named item
(facts' `link`; a change clause counts through the item it belongs to).

    python3 bench/prose_links.py [CORPUS_DIR] [--unlinked]

Reads the corpus PDFs, the Fujian web texts (fujian/*.txt) and the seed (../shared/seeds/*.txt);
documents without an amount sentence (tables-only volumes) are listed with 0/0. --unlinked prints
every sentence not linked, with the amount and the words before it.
"""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from disclosure.pipeline import extract  # noqa: E402


def documents(corpus: Path) -> list[Path]:
    seeds = ROOT.parent / "shared" / "seeds"
    return sorted(corpus.glob("*.pdf")) + sorted(corpus.glob("fujian/*.txt")) + sorted(seeds.glob("*.txt"))


def sentences(doc) -> dict[int, list]:
    """Fact group (one sentence) -> its facts."""
    out = defaultdict(list)
    for f in doc.facts:
        out[f.group].append(f)
    return out


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show = "--unlinked" in sys.argv
    corpus = Path(args[0]) if args else ROOT.parent / "shared" / "corpus"
    total = linked_total = 0
    kinds = defaultdict(int)
    print(f"{'document':<62}{'sentences':>10}{'linked':>8}{'share':>9}")
    for path in documents(corpus):
        doc = extract(path)
        groups = sentences(doc)
        linked = 0
        for facts in groups.values():
            if all(f.link for f in facts):
                linked += 1
            elif show:
                bad = next(f for f in facts if not f.link)
                i = bad.sentence.find(bad.printed)
                print(f"    p.{bad.page} …{bad.sentence[max(0, i - 40):i]}《{bad.printed}》")
            for f in facts:
                kinds[f.link or "unlinked"] += 1
        total += len(groups)
        linked_total += linked
        share = f"{linked / len(groups) * 100:.1f}%" if groups else "-"
        print(f"{path.name:<62}{len(groups):>10}{linked:>8}{share:>9}")
    print(f"{'TOTAL':<62}{total:>10}{linked_total:>8}{linked_total / total * 100:>8.1f}%")
    print("amounts by link: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))


if __name__ == "__main__":
    main()
