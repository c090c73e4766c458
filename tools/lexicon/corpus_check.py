"""How often each lexicon label occurs, as a whole word or phrase, in a corpus of plain-text
articles: the check that a label does not fire on ordinary words.

    python tools/lexicon/corpus_check.py /path/to/corpus [--top 30] [--type Substance] [--plain]

Matching follows kg.lexicon: a label with a capital letter matches case-sensitively, an
all-lower-case label in any case. ``--plain`` leaves out labels marked ambiguous (those the
extractor accepts only with context), to see what would fire unconditionally.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from kg.lexicon import load_lexicon, normalize_surface


def label_counts(text: str, labels: set[str]) -> Counter:
    """Whole-word occurrences of each label in ``text``; where matches overlap, the longest wins
    (in "New York Times" the newspaper, not the city), as in a longest-match extractor."""
    folded = text.casefold()
    if len(folded) != len(text):
        folded = text.lower()
    matches = []
    for label in labels:
        lower = not any(ch.isupper() for ch in label)
        haystack, needle = (folded, label.casefold()) if lower else (text, label)
        for match in re.finditer(re.escape(needle), haystack):
            start, end = match.span()
            before = haystack[start - 1] if start else " "
            after = haystack[end] if end < len(haystack) else " "
            if before.isalnum() or (after.isalnum() and not needle.endswith(".")):
                continue
            matches.append((start, -(end - start), end, label))
    counts: Counter = Counter()
    reach = -1
    for start, _, end, label in sorted(matches):
        if start >= reach:
            counts[label] += 1
            reach = end
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a folder searched for *.txt files")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--type", action="append", help="only this entity type (repeatable)")
    parser.add_argument("--plain", action="store_true", help="leave out labels marked ambiguous")
    args = parser.parse_args(argv)

    files = sorted(args.corpus.rglob("*.txt"))
    text = "\n\n".join(normalize_surface(p.read_text(encoding="utf-8", errors="replace")) for p in files)
    lexicon = load_lexicon()
    owners: dict[str, list] = defaultdict(list)
    for label, entry in lexicon.labels():
        owners[normalize_surface(label)].append((entry, label))
    counts = label_counts(text, set(owners))
    print(f"{len(files)} files, {len(text):,} characters, {len(owners):,} labels, {len(counts):,} found")
    by_type: dict[str, list] = defaultdict(list)
    for label, n in counts.items():
        for entry, original in owners[label]:
            ambiguous = entry.is_ambiguous(original)
            if args.plain and ambiguous:
                continue
            by_type[entry.type].append((n, label, entry.key, ambiguous))
    for type_ in sorted(by_type):
        if args.type and type_ not in args.type:
            continue
        rows = sorted(by_type[type_], key=lambda r: (-r[0], r[1]))
        print(f"\n{type_}: {len(rows)} labels found, {sum(r[0] for r in rows):,} hits")
        for n, label, key, ambiguous in rows[: args.top]:
            print(f"  {n:6d}  {label!r:40} {key}{'  (ambiguous)' if ambiguous else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
