"""Imports every command module so that each attaches its commands to :data:`kg.cli.main`."""
from kg.cli import analyze  # noqa: F401,E402
from kg.cli import view  # noqa: F401,E402
