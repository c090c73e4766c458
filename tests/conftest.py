"""Shared fixtures. Tests run the library and the CLI on real files written into tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def seeds() -> Path:
    return SEEDS


GRAPHS = REPO / "tests" / "data" / "graphs"


@pytest.fixture
def fentanyl_graph() -> Path:
    """A small hand-written graph in the shape kg build writes it (TriG, one graph per article)."""
    return GRAPHS / "fentanyl.trig"


@pytest.fixture
def hostile_graph() -> Path:
    """A graph whose article titles, evidence and names are hostile HTML."""
    return GRAPHS / "hostile.ttl"
