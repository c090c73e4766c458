"""One writer at a time, readers beside it: a second writer gets a clear error, not a crash; readers
never wait for the writer (tests/test_store_readers.py checks what they see during a real build)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap

import pytest

from conftest import REPO, run_kg

HOLD = textwrap.dedent("""
    import sys, time
    from kg.store import open_store
    store = open_store(sys.argv[1], write=sys.argv[2] == "write")
    print("holding", flush=True)
    time.sleep(60)
""")

RAW_ROCKSDB = textwrap.dedent("""
    import sys, time, pyoxigraph
    store = pyoxigraph.Store(sys.argv[1])   # not kg: no kg lock, RocksDB's own
    print("holding", flush=True)
    time.sleep(60)
""")


def hold(script: str, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE, env=env)
    assert process.stdout.readline().strip() == b"holding"
    return process


@pytest.fixture
def holder():
    processes = []

    def start(script, *args):
        processes.append(hold(script, *args))
        return processes[-1]

    yield start
    for process in processes:
        process.kill()
        process.wait()


LOCKED = b"store is locked by another kg process"


def test_lock_a_writer_keeps_a_second_writer_out(built, tmp_path, holder):
    holder(HOLD, str(built), "write")
    result = run_kg("build", "seeds", cwd=tmp_path)
    assert result.returncode == 3
    assert LOCKED in result.stderr and b"Traceback" not in result.stderr


@pytest.mark.parametrize("command", [
    ["query", "sanctions"], ["stats"], ["export", "--format", "nquads"], ["validate"],
])
def test_lock_readers_read_while_a_writer_holds_the_store(built, tmp_path, holder, command):
    alone = run_kg(*command, cwd=tmp_path)
    holder(HOLD, str(built), "write")
    beside = run_kg(*command, cwd=tmp_path)
    assert (beside.returncode, beside.stderr) == (0, b"")
    assert _untimed(beside.stdout) == _untimed(alone.stdout)


def _untimed(output: bytes) -> bytes:
    return re.sub(rb"in [0-9.]+ s", b"in ? s", output)


def test_lock_a_reader_keeps_no_writer_out(built, tmp_path, holder):
    holder(HOLD, str(built), "read")
    assert run_kg("query", "sanctions", cwd=tmp_path).returncode == 0
    result = run_kg("build", "seeds", cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_lock_is_released_when_the_holder_is_killed(built, tmp_path, holder):
    process = holder(HOLD, str(built), "write")
    process.kill()
    process.wait()
    result = run_kg("build", "seeds", cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_lock_rocksdb_held_by_another_program_is_a_clear_error(built, tmp_path, holder):
    holder(RAW_ROCKSDB, str(built / "oxigraph"))
    result = run_kg("build", "seeds", cwd=tmp_path)
    assert result.returncode == 3
    assert LOCKED in result.stderr and b"Traceback" not in result.stderr
