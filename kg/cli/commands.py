"""Imports every command module so that each attaches its commands to :data:`kg.cli.main`."""

from kg.cli import articles  # noqa: F401  (kg articles)
from kg.cli import eval  # noqa: F401  (kg eval)
from kg.cli import build, export, query, stats, validate  # noqa: F401  (the graph's commands)
from kg.cli import analyze, view  # noqa: F401  (the viewer and analysis)
from kg.cli import serve  # noqa: F401  (kg serve)
