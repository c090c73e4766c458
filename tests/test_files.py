"""Output files that cannot be written are one clear line and exit 2; never half a file, the old kept.

``kg export -o`` and ``kg view -o`` (and ``kg export`` to standard output) on a real full disk (a
small tmpfs or loop device), a read-only disk, a path through a file, a directory.
"""

from __future__ import annotations

import pytest

from conftest import run_kg
from test_store_faults import one_error

#: A command that writes a file, with the file's place in its arguments as {out}.
WRITERS = [
    pytest.param(["export", "--format", "nquads", "-o", "{out}"], "graph.nq", id="kg export"),
    pytest.param(["view", "-o", "{out}"], "graph.html", id="kg view"),
]


def _command(template: list[str], out) -> list[str]:
    return [str(out) if arg == "{out}" else arg for arg in template]


def _leftovers(folder, name) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(f".{name}."))


@pytest.mark.parametrize("template, name", WRITERS)
def test_files_a_full_disk_keeps_the_old_file_and_leaves_no_half_file(built, tmp_path, small_disk, template, name):
    disk = small_disk(4)
    out = disk.path / name
    out.write_bytes(b"the old file\n")
    disk.fill()
    line = one_error(run_kg(*_command(template, out), cwd=tmp_path), 2, str(out), "the disk is full")
    assert "cannot write the file" in line
    assert out.read_bytes() == b"the old file\n"
    assert _leftovers(disk.path, name) == []
    disk.free()
    assert run_kg(*_command(template, out), cwd=tmp_path).returncode == 0
    assert out.read_bytes() != b"the old file\n"


def test_files_standard_output_on_a_full_disk_is_one_line(built, tmp_path, small_disk):
    disk = small_disk(4)
    disk.fill()
    with open(disk.path / "graph.nq", "wb") as stdout:
        result = run_kg("export", "--format", "nquads", cwd=tmp_path, stdout=stdout)
    one_error(result, 2, "standard output", "the disk is full")


def _read_only(disk, tmp_path):
    disk.read_only()
    return disk.path / "{name}"


def _missing_folder_on_read_only_disk(disk, tmp_path):
    disk.read_only()
    return disk.path / "new" / "{name}"


def _through_a_file(disk, tmp_path):
    (tmp_path / "notes.txt").write_text("a file, not a folder\n")
    return tmp_path / "notes.txt" / "{name}"


def _a_directory(disk, tmp_path):
    (tmp_path / "already").mkdir()
    return tmp_path / "already"


PLACES = [
    pytest.param(_read_only, "the file system is read-only", id="read-only disk"),
    pytest.param(_missing_folder_on_read_only_disk, "the file system is read-only", id="missing folder, read-only disk"),
    pytest.param(_through_a_file, "not a directory", id="path through a file"),
]


@pytest.mark.parametrize("place, words", PLACES)
@pytest.mark.parametrize("template, name", WRITERS)
def test_files_an_unwritable_output_path_is_one_line_naming_it(built, tmp_path, small_disk, template, name,
                                                                place, words):
    out = str(place(small_disk(4), tmp_path)).replace("{name}", name)
    one_error(run_kg(*_command(template, out), cwd=tmp_path), 2, out, words)


@pytest.mark.parametrize("template, name", WRITERS)
def test_files_a_directory_as_output_is_one_line_naming_it(built, tmp_path, template, name):
    folder = tmp_path / "already"
    folder.mkdir()
    result = run_kg(*_command(template, folder), cwd=tmp_path)
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert str(folder).encode() in result.stderr and b"is a directory" in result.stderr
    assert list(folder.iterdir()) == []
