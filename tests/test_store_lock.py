"""One writer at a time, readers together: a second kg process gets a clear error, not a crash."""

from __future__ import annotations

import os
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


@pytest.mark.parametrize("command", [
    ["build", "seeds"], ["query", "sanctions"], ["stats"], ["export"], ["validate"],
])
def test_lock_a_writer_keeps_every_other_kg_process_out(built, tmp_path, holder, command):
    holder(HOLD, str(built), "write")
    result = run_kg(*command, cwd=tmp_path)
    assert result.returncode == 3
    assert LOCKED in result.stderr and b"Traceback" not in result.stderr


def test_lock_readers_share_the_store_but_keep_a_writer_out(built, tmp_path, holder):
    holder(HOLD, str(built), "read")
    assert run_kg("query", "sanctions", cwd=tmp_path).returncode == 0
    assert run_kg("stats", cwd=tmp_path).returncode == 0
    result = run_kg("build", "seeds", cwd=tmp_path)
    assert result.returncode == 3 and LOCKED in result.stderr


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
