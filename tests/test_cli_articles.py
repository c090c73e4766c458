"""``kg articles`` as a user types it: table, JSON, text, standard input, bad input, exit codes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ingest_samples import BINARIES, HTML_PAGE, NEWS, NEWS_TITLE, gold

from kg.cli import main



def run(runner, *args, input=None):
    return runner.invoke(main, ["articles", *map(str, args)], input=input, prog_name="kg")


def rows(output: str) -> list[list[str]]:
    """Table rows split on the runs of two or more spaces that separate columns."""
    lines = output.strip("\n").split("\n")
    return [re.split(r"\s{2,}", line.strip()) for line in lines]


def test_cli_articles_lists_the_seed_articles(runner, seeds, monkeypatch):
    monkeypatch.chdir(seeds.parent)
    result = run(runner, "seeds/")
    assert result.exit_code == 0, result.output
    header, *table = rows(result.stdout)
    assert header == ["FILE", "#", "TITLE", "WORDS", "ID"]
    assert [(Path(r[0]).name, r[1], r[2]) for r in table] == [
        ("000_b855940789092e60.txt", "0", gold()["articles"][0]["title"]),
        ("000_b855940789092e60.txt", "1", gold()["articles"][1]["title"]),
        ("002_4cb660632ba7030e.txt", "0", gold()["articles"][2]["title"]),
    ]
    assert all(re.fullmatch(r"\d+", r[3]) and re.fullmatch(r"[0-9a-f]{16}", r[4]) for r in table)
    assert result.stderr == "kg: skipped: seeds/gold.json: unsupported file type .json\n"



def test_cli_articles_json(runner, tmp_path):
    (tmp_path / "a.txt").write_text(NEWS, encoding="utf-8")
    result = run(runner, "--json", tmp_path / "a.txt")
    assert result.exit_code == 0
    [item] = json.loads(result.stdout)
    assert set(item) == {"file", "index", "title", "words", "id", "date", "sections"}
    assert (item["file"], item["index"], item["title"], item["date"]) == (str(tmp_path / "a.txt"), 0, NEWS_TITLE, "2023-11-15")
    assert item["sections"][0] == {"kind": "title", "start": 0, "end": len(NEWS_TITLE)}
    assert [s["kind"] for s in item["sections"]] == ["title", "body", "body"]


def test_cli_articles_text_marks_every_section(runner, seeds):
    result = run(runner, "--text", seeds / "002_4cb660632ba7030e.txt")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"== {seeds / '002_4cb660632ba7030e.txt'} #0  id ")
    assert lines[1] == "[title] " + gold()["articles"][2]["title"]
    kinds = [line.split("]", 1)[0] + "]" for line in lines[1:]]
    assert kinds.count("[caption]") == 3 and kinds.count("[byline]") == 1
    assert "[byline] Kathleen Li and Angela Bright contributed to this report." in lines


def test_cli_articles_json_and_text_exclude_each_other(runner, seeds):
    result = run(runner, "--json", "--text", seeds)
    assert result.exit_code == 2
    assert "choose one of --json and --text" in result.output


def test_cli_articles_reads_standard_input(runner):
    result = run(runner, "-", input=HTML_PAGE.encode())
    assert result.exit_code == 0
    [row] = rows(result.stdout)[1:]
    assert row[:3] == ["-", "0", "Mexico seizes fentanyl precursors at Manzanillo port"]


def test_cli_articles_reports_a_bad_file_among_good_ones_and_succeeds(runner, tmp_path):
    (tmp_path / "news.txt").write_text(NEWS, encoding="utf-8")
    (tmp_path / "report.txt").write_bytes(BINARIES["pdf"][0])
    (tmp_path / "notes.docx").write_bytes(BINARIES["zip"][0])
    result = run(runner, tmp_path)
    assert result.exit_code == 0
    assert [r[2] for r in rows(result.stdout)[1:]] == [NEWS_TITLE]
    assert result.stderr.splitlines() == [
        f"kg: skipped: {tmp_path / 'notes.docx'}: unsupported file type .docx",
        f"kg: error: {tmp_path / 'report.txt'}: binary file (PDF document), not text",
    ]


@pytest.mark.parametrize(
    "make, message",
    [
        pytest.param(lambda d: d / "missing.txt", "missing.txt: no such file or directory", id="missing"),
        pytest.param(lambda d: _write(d / "empty.txt", b""), "empty.txt: empty file", id="empty"),
        pytest.param(lambda d: _write(d / "image.txt", BINARIES["png"][0]), "image.txt: binary file (PNG image), not text", id="png-renamed"),
        pytest.param(lambda d: _write(d / "bad.txt", "Café. ".encode() * 9 + b"\xff"), "bad.txt: undecodable bytes", id="undecodable"),
        pytest.param(lambda d: _write(d / "sub" / "x.csv", b"a,b"), "sub: no supported files in this directory", id="no-supported-files"),
    ],
)
def test_cli_articles_fails_with_one_line_when_nothing_is_usable(runner, tmp_path, make, message):
    path = make(tmp_path)
    target = path.parent if path.suffix == ".csv" else path
    result = run(runner, target)
    assert result.exit_code == 2
    assert result.stdout == ""
    first, *rest = result.stderr.splitlines()
    assert first.startswith("kg: error: ") and message in first
    assert all(line.startswith("  hint: ") for line in rest)
    assert "Traceback" not in result.output


@pytest.mark.parametrize("size, ok", [("1kB", False), ("1k", False), ("512", False), ("2 KiB", True), ("1MB", True)])
def test_cli_articles_max_size(runner, tmp_path, size, ok):
    text = NEWS + "\n" + "The navy said more seizures were expected in the coming weeks, officials said. " * 12
    path = _write(tmp_path / "news.txt", text.encode())
    assert 1024 < path.stat().st_size < 2048
    result = run(runner, "--max-size", size, path)
    if ok:
        assert result.exit_code == 0 and NEWS_TITLE in result.stdout
    else:
        assert result.exit_code == 2
        assert "over the size limit" in result.stderr and "--max-size" in result.stderr


@pytest.mark.parametrize("size", ["big", "-5", "0", "1TB"])
def test_cli_articles_rejects_a_malformed_size(runner, seeds, size):
    result = run(runner, "--max-size", size, seeds)
    assert result.exit_code == 2
    assert "Invalid value for '--max-size'" in result.output


def test_cli_articles_needs_a_path(runner):
    result = run(runner)
    assert result.exit_code == 2
    assert "Missing argument 'PATH...'" in result.output


def test_cli_articles_help_shows_an_example(runner):
    result = run(runner, "--help")
    assert result.exit_code == 0
    assert "kg articles seeds/" in result.output and "--max-size" in result.output


@pytest.mark.skipif(shutil.which("kg", path=str(Path(sys.executable).parent)) is None, reason="kg script not installed")
def test_cli_articles_in_a_real_process_pipes_stdin(tmp_path):
    kg = shutil.which("kg", path=str(Path(sys.executable).parent))
    process = subprocess.run([kg, "articles", "-"], input=NEWS.encode("cp1252"), capture_output=True, timeout=120)
    assert process.returncode == 0, process.stderr
    assert NEWS_TITLE in process.stdout.decode()
    process = subprocess.run([kg, "articles", str(tmp_path / "nope")], capture_output=True, timeout=120)
    assert process.returncode == 2
    assert process.stderr.decode().startswith(f"kg: error: {tmp_path / 'nope'}: no such file or directory")


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
