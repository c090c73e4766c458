"""Check ingest against a corpus of clean articles: it should find one article per file, take
line 1 as the title, and remove (close to) no line as furniture.

The corpus is a folder of ``.txt`` files laid out as "headline, blank line, body" (for instance the
BBC News dataset, which must not be committed or copied into tests). Prints a JSON report: counts,
ingest time, titles that differ from line 1, files that gave more than one article, and every line
the furniture rules removed with the rule that removed it.

    .venv/bin/python tools/ingest_check.py /path/to/bbc
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

from kg.ingest import furniture, read_page, read_paths
from kg.ingest.page import clean_line, unescape_entities


def check(root: Path) -> dict:
    files = sorted(root.rglob("*.txt"))
    start = time.perf_counter()
    result = read_paths([root])
    seconds = time.perf_counter() - start
    by_source: dict[str, list] = {}
    for article in result.articles:
        by_source.setdefault(article.source, []).append(article)
    pages = {str(f): read_page(f.read_bytes(), suffix=".txt") for f in files}
    repeated = furniture.repeated_lines(page.lines for page in pages.values())
    removed, kinds, wrong_titles = [], Counter(), []
    for name, page in pages.items():
        removed += [(name, v.rule, v.line.text) for v in furniture.classify(page.lines, repeated=repeated) if not v.kept]
        first_line = clean_line(unescape_entities(page.lines[0].text)) if page.lines else ""
        for article in by_source.get(name, [])[:1]:
            if article.title != first_line:
                wrong_titles.append((name, article.title, first_line))
            kinds.update(s.kind for s in article.sections)
    return {
        "files": len(files),
        "articles": len(result.articles),
        "files_giving_no_new_article": sum(1 for f in files if str(f) not in by_source),
        "files_with_several_articles": [n for n, arts in by_source.items() if len(arts) > 1],
        "titles_not_line_1": wrong_titles,
        "lines": sum(len(page.lines) for page in pages.values()),
        "lines_removed": len(removed),
        "removed_by_rule": dict(Counter(rule for _, rule, _ in removed)),
        "removed": removed,
        "section_kinds": dict(kinds),
        "problems": [str(p) for p in result.problems],
        "ingest_seconds": round(seconds, 2),
    }


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(json.dumps(check(Path(sys.argv[1])), indent=2, ensure_ascii=False))
