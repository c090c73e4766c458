"""Every fault of the store is one clear line and exit code 3, never a traceback, nothing stored lost.

Real faults, as a user meets them: a real full disk (a small tmpfs, or an ext4 loop device), a
read-only disk, a folder even root may not write (``chattr +i``), RocksDB files damaged on disk.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from conftest import HANDBUILT, run_kg
from test_store_kill import check, corpus  # noqa: F401  (corpus is a fixture)


def one_error(result: subprocess.CompletedProcess, code: int, *words: str) -> str:
    """The command failed with ``code`` and said so in one ``kg: error:`` line (plus a hint)."""
    stderr = result.stderr.decode()
    assert result.returncode == code, stderr
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if " already in the store; extracting the other " not in line]
    assert lines and lines[0].startswith("kg: error: "), stderr
    assert all(line.startswith("  hint: ") for line in lines[1:]) and len(lines) <= 2, stderr
    for word in words:
        assert word in lines[0], stderr
    return lines[0]


def build(store, *paths: str, cwd) -> subprocess.CompletedProcess:
    return run_kg("build", *paths, "--store", str(store), "-e", HANDBUILT, cwd=cwd, timeout=600)


# ---------------------------------------------------------------- a full disk


@pytest.mark.slow
def test_store_disk_full_during_a_build_keeps_every_article_before_it(corpus, small_disk):  # noqa: F811
    root, clean = corpus
    expected, _ = clean["handbuilt"]
    disk = small_disk(192)  # the build's log alone takes ~50 MB
    store = disk.path / ".kg"
    first = sorted(f"articles/{p.name}" for p in (root / "articles").iterdir())[:100]
    assert build(store, *first, cwd=root).returncode == 0
    disk.fill(leave=1 << 20)

    line = one_error(build(store, "articles", cwd=root), 3, str(store), "the disk is full")
    assert "cannot write the store" in line or "cannot open the store" in line

    assert check(store, expected) >= 100  # every article committed before is there, each whole
    stats = run_kg("stats", "--store", str(store), "--json", cwd=root)
    assert stats.returncode == 0, stats.stderr.decode()
    assert run_kg("query", "sanctions", "--store", str(store), cwd=root).returncode == 0

    disk.free()
    again = build(store, "articles", cwd=root)
    assert again.returncode == 0, again.stderr.decode()
    assert check(store, expected) == len(expected)


def test_store_disk_full_before_the_first_article_leaves_a_store_that_opens(tmp_path, seeds_copy, small_disk):
    disk = small_disk(16)
    store = disk.path / ".kg"
    disk.fill(leave=64 << 10)
    one_error(build(store, "seeds", cwd=tmp_path), 3, str(store), "the disk is full")
    disk.free()
    if store.exists():
        stats = run_kg("stats", "--store", str(store), cwd=tmp_path)
        assert stats.returncode == 0, stats.stderr.decode()
    assert build(store, "seeds", cwd=tmp_path).returncode == 0


# ---------------------------------------------------------------- a store kg may not write


def _read_only_disk(disk, store):
    disk.read_only()


def _immutable(disk, store):
    subprocess.run(["chattr", "-R", "+i", str(store)], check=True, capture_output=True)


UNWRITABLE = [
    pytest.param(_read_only_disk, "the file system is read-only", id="read-only disk"),
    pytest.param(_immutable, "permission denied", id="immutable folder (chattr +i)"),
]


@pytest.mark.parametrize("make_unwritable, words", UNWRITABLE)
def test_store_a_store_kg_may_not_write_is_refused_in_one_line_and_still_read(tmp_path, seeds_copy, small_disk,
                                                                                 make_unwritable, words):
    disk = small_disk(32)
    store = disk.path / ".kg"
    assert build(store, "seeds", cwd=tmp_path).returncode == 0
    before = run_kg("query", "sanctions", "--store", str(store), cwd=tmp_path)
    (seeds_copy / "new.txt").write_text("China agreed to curb fentanyl exports.\n")
    try:
        make_unwritable(disk, store)
        one_error(build(store, "seeds", cwd=tmp_path), 3, str(store), words)
        after = run_kg("query", "sanctions", "--store", str(store), cwd=tmp_path)
        assert (after.returncode, after.stdout) == (0, before.stdout), after.stderr.decode()
        assert run_kg("stats", "--store", str(store), cwd=tmp_path).returncode == 0
    finally:
        subprocess.run(["chattr", "-R", "-i", str(store)], capture_output=True)


@pytest.mark.parametrize("make_unwritable, words", UNWRITABLE)
def test_store_a_new_store_where_kg_may_not_write_is_refused_in_one_line(tmp_path, seeds_copy, small_disk,
                                                                           make_unwritable, words):
    disk = small_disk(8)
    folder = disk.path / "stores"
    folder.mkdir()
    try:
        make_unwritable(disk, folder)
        one_error(build(folder / ".kg", "seeds", cwd=tmp_path), 3, str(folder / ".kg"), words)
    finally:
        subprocess.run(["chattr", "-R", "-i", str(folder)], capture_output=True)


# ---------------------------------------------------------------- a damaged store


def _tables(store: Path) -> list[Path]:
    return sorted((store / "oxigraph").glob("*.sst"), key=lambda p: p.stat().st_size)


def _truncate_table(store):
    table = _tables(store)[-1]
    with open(table, "r+b") as handle:
        handle.truncate(table.stat().st_size // 2)


def _garble_table_footer(store):
    table = _tables(store)[-1]
    with open(table, "r+b") as handle:
        handle.seek(-40, os.SEEK_END)
        handle.write(b"\xa5" * 40)


def _garble_table_data(store):
    for table in _tables(store):
        with open(table, "r+b") as handle:
            handle.seek(0)
            handle.write(bytes(b ^ 0xFF for b in handle.read(512))[:512])


def _garble_manifest(store):
    manifest = next((store / "oxigraph").glob("MANIFEST-*"))
    data = bytearray(manifest.read_bytes())
    for i in range(len(data) // 3, len(data) // 3 + 32):
        data[i] ^= 0xFF
    manifest.write_bytes(bytes(data))


def _garbage_current(store):
    (store / "oxigraph" / "CURRENT").write_text("not a manifest\n")


def _lose_a_table(store):
    _tables(store)[-1].unlink()


def _garbage_marker(store):
    (store / "kg-store.json").write_text("{ not json")


def _other_format_marker(store):
    (store / "kg-store.json").write_text('{"format": "kg-store/9"}\n')


DAMAGES = [
    pytest.param(_truncate_table, "the store is damaged", id="truncated table"),
    pytest.param(_garble_table_footer, "the store is damaged", id="garbled table footer"),
    pytest.param(_garble_table_data, "the store is damaged", id="garbled table data"),
    pytest.param(_garble_manifest, "the store is damaged", id="garbled manifest"),
    pytest.param(_garbage_current, "the store is damaged", id="garbage CURRENT"),
    pytest.param(_lose_a_table, "the store is damaged: a file is missing", id="lost table"),
    pytest.param(_garbage_marker, "the store has format None", id="garbage marker"),
    pytest.param(_other_format_marker, "the store has format 'kg-store/9'", id="marker of another format"),
]

#: Files RocksDB may write even when it refuses to open (its info log), and kg's lock files.
_MAY_CHANGE = ("LOG", "LOCK", "lock.db", "writer.lock")


def _contents(store: Path) -> dict[str, bytes]:
    return {str(p.relative_to(store)): p.read_bytes() for p in sorted(store.rglob("*"))
            if p.is_file() and not p.name.startswith(_MAY_CHANGE)}


@pytest.mark.parametrize("damage, words", DAMAGES)
def test_store_a_damaged_store_is_one_line_and_left_as_it_was(built, tmp_path, damage, words):
    # the seeds' store is all in RocksDB's log until it is opened once more: open it to get tables
    assert build(built, "seeds", cwd=tmp_path).returncode == 0
    assert _tables(built), "the store has no tables to damage"
    damage(built)
    damaged = _contents(built)
    for command in (["export", "--format", "nquads"], ["query", "sanctions"], ["stats"]):
        one_error(run_kg(*command, "--store", str(built), cwd=tmp_path), 3, str(built), words)
    one_error(build(built, "seeds", cwd=tmp_path), 3, str(built), words)
    assert _contents(built) == damaged, "a failed command changed the damaged store"
