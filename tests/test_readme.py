"""The README shows real commands with their real output.

Every ```console block of README.md is run, block after block and command after command, as a
user types it — in a fresh folder holding a copy of seeds/ (and tests/, for the viewer's example
graphs) — and what each command prints must be what the README shows. Times ("0.74 s") are the
only thing allowed to differ.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
_TIME = re.compile(r"\b\d+(\.\d+)? (s|ms)\b")

#: Files the README's examples of bad input refer to, as a user would have them.
BAD_INPUTS = {
    "scan.txt": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "empty.md": b"",
    "broken.json": (
        b'{"format": "kg-gold/1", "articles": [{"id": "A", "file": "a.txt", "title": "T"}],'
        b' "entities": [{"id": "us", "types": ["Country"], "names": ["US"]}],'
        b' "relations": [{"type": "Sanction", "subject": ["us"]}, {"type": "Sanctoin", "subject": ["us"]}]}'
    ),
    "bad.ttl": (
        b"@prefix kg: <https://w3id.org/kg-news/ontology#> .\n"
        b"@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        b'<https://example.org/us> a kg:Country ; rdfs:label "United States" .\n'
        b'<https://example.org/s1> a kg:Sanction ; kg:subject <https://example.org/us> ; kg:status "maybe" ;\n'
        b"    kg:confidence 2 .\n"
    ),
}


def examples() -> list[tuple[int, str, str]]:
    """(block number, command, expected output) of every console block, in order."""
    found = []
    text = README.read_text(encoding="utf-8")
    for n, block in enumerate(re.findall(r"```console\n(.*?)```", text, re.S)):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            found.append((n, command, output))
    return found


def normalise(output: str) -> str:
    return _TIME.sub("… s", output)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("readme")
    shutil.copytree(REPO / "seeds", folder / "seeds")
    (folder / "tests").symlink_to(REPO / "tests")
    for name, data in BAD_INPUTS.items():
        (folder / name).write_bytes(data)
    return folder


EXAMPLES = examples()


def test_readme_has_examples_of_every_command():
    commands = {command.split()[1] for _, command, _ in EXAMPLES if command.startswith("kg ")}
    assert commands >= {"articles", "build", "query", "export", "validate", "stats", "view", "analyze", "eval"}


@pytest.mark.parametrize("block, command, expected", EXAMPLES, ids=[f"{n}: {c[:60]}" for n, c, _ in EXAMPLES])
def test_readme_example_prints_what_the_readme_shows(sandbox, block, command, expected):
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "PYTHONPATH": str(REPO), "COLUMNS": "200"}
    env.pop("KG_STORE", None)
    result = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=sandbox, env=env,
                            capture_output=True, text=True, timeout=300)
    assert normalise(result.stdout + result.stderr) == normalise(expected)
