"""Imports every command module so that each attaches its commands to :data:`kg.cli.main`."""

from kg.cli import articles  # noqa: F401  (kg articles)
from kg.cli import eval  # noqa: F401  (kg eval)
