"""The kg command as a user types it."""

from __future__ import annotations

import pytest

from kg import __version__
from kg.cli import main


@pytest.mark.parametrize("args", [["--help"], ["-h"]])
def test_cli_help_lists_usage(runner, args):
    result = runner.invoke(main, args, prog_name="kg")
    assert result.exit_code == 0
    assert "Usage: kg" in result.output


def test_cli_version_prints_version(runner):
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output
