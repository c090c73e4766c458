"""Imports every command module so that each attaches its commands to :data:`kg.cli.main`."""

from kg.cli import articles  # noqa: F401  (kg articles)
