"""Options shared by several commands, defined once (sqlite-utils' way)."""

from __future__ import annotations

import sys
from importlib import import_module

import click

from kg.store import DEFAULT_LOCATION, MEMORY

__all__ = ["store_option", "json_option", "is_terminal", "LazyChoice", "LazyDefault"]


class LazyChoice(click.Choice):
    """A :class:`click.Choice` whose choices are the library's ``module.name``, imported only when
    the command runs or shows its help: listing the commands (``kg --help``) loads none of them.
    """

    def __init__(self, module: str, name: str, case_sensitive: bool = True):
        self._source = (module, name)
        self.case_sensitive = case_sensitive

    @property
    def choices(self):
        module, name = self._source
        return tuple(getattr(import_module(module), name))


class LazyDefault:
    """An option's default that is the library's ``module.name`` (passed through ``then``),
    imported only when the command runs or shows its help — as :class:`LazyChoice` does for
    choices. Click calls it for the value and prints it for ``[default: …]``.
    """

    def __init__(self, module: str, name: str, then=None):
        self._source = (module, name, then)

    def __call__(self):
        module, name, then = self._source
        value = getattr(import_module(module), name)
        return then(value) if then else value

    def __str__(self) -> str:
        return str(self())


def store_option(command):
    """``--store DIR``: where the graph lives (default ``.kg``; ``memory`` for a throw-away store)."""
    return click.option(
        "--store", "store", default=DEFAULT_LOCATION, show_default=True, envvar="KG_STORE", metavar="DIR",
        help=f"The store directory (also $KG_STORE); '{MEMORY}' for an in-memory store that ends with the command; "
             "http(s)://… for a SPARQL 1.1 server (see the README, 'Outgrowing one machine').",
    )(command)


def json_option(command):
    """``--json``: print one JSON document instead of lines for people."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for machines instead of lines for people.")(command)


def is_terminal(stream=None) -> bool:
    """Whether output goes to a terminal (tables, colours and progress bars only then)."""
    stream = stream or sys.stdout
    return hasattr(stream, "isatty") and stream.isatty()
