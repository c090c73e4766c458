"""Start-up: the commands that need no engine load none (issue 12: ``kg --version`` in ≤ 0.3 s).

Each case runs ``kg`` in a fresh interpreter, the way a user starts it, and lists which heavy
libraries that process imported. The time itself is measured by ``make bench``.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("spacy", "networkx", "pyshacl", "trafilatura", "pyvis", "jinja2", "scipy", "rdflib", "pyoxigraph")

_PROBE = """
import json, sys
from kg.cli import main
try:
    main(sys.argv[1:], prog_name="kg")
except SystemExit as done:
    code = done.code
print(json.dumps({"code": code, "heavy": sorted(m for m in %r if m in sys.modules)}), file=sys.stderr)
""" % (HEAVY,)


def _heavy_imports(args: list[str]) -> dict:
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, timeout=120)
    return json.loads(done.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["query", "--list"], ["build", "--help"]])
def test_cli_startup_loads_no_heavy_library(args):
    found = _heavy_imports(args)
    assert found["code"] in (0, None)
    assert found["heavy"] == []


@pytest.mark.parametrize("args, needed", [(["view", "--help"], "networkx")])
def test_cli_startup_probe_sees_a_heavy_import(args, needed):
    """The probe itself works: a command whose help lists the viewer's choices loads the viewer."""
    assert needed in _heavy_imports(args)["heavy"]
