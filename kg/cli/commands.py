"""Imports every command module so that each attaches its commands to :data:`kg.cli.main`."""

from kg.cli import build, export, query, stats, validate  # noqa: F401
