"""Shared fixtures. Tests run the library and the CLI on real files written into tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def seeds() -> Path:
    return SEEDS


# ---------------------------------------------------------------- the graph half (store, query, export)

import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

if str(REPO) not in sys.path:  # so that "tests.fixtures_extractor:HandBuilt" resolves in-process too
    sys.path.insert(0, str(REPO))

#: The hand-built test extractor, as ``--extractor`` takes it.
HANDBUILT = "tests.fixtures_extractor:HandBuilt"
HOSTILE = "tests.fixtures_extractor:Hostile"


def run_kg(*args: str, cwd, input: bytes | None = None, timeout: float = 120, stdout=None) -> subprocess.CompletedProcess:
    """``kg ARGS`` in a subprocess, the way a user types it, with the test extractors importable
    (``stdout``: a file to send standard output to, as ``kg ... > FILE`` does)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    env.pop("KG_STORE", None)
    kg = Path(sys.executable).with_name("kg")  # the console script pip installed beside this Python
    if stdout is not None:
        return subprocess.run([str(kg), *args], cwd=cwd, input=input, stdout=stdout, stderr=subprocess.PIPE,
                              env=env, timeout=timeout)
    return subprocess.run([str(kg), *args], cwd=cwd, input=input, capture_output=True,
                          env=env, timeout=timeout)


@pytest.fixture
def seeds_copy(tmp_path, seeds) -> Path:
    """The seed articles copied into tmp_path/seeds (so builds can change them)."""
    import shutil

    target = tmp_path / "seeds"
    shutil.copytree(seeds, target)
    return target


@pytest.fixture
def built(tmp_path, seeds_copy, monkeypatch) -> Path:
    """An on-disk store at tmp_path/.kg built from the seeds with the hand-built extractor; cwd is tmp_path."""
    from kg.build import build

    monkeypatch.chdir(tmp_path)
    build(["seeds"], store=".kg", extractors=[HANDBUILT])
    return tmp_path / ".kg"

GRAPHS = REPO / "tests" / "data" / "graphs"


@pytest.fixture
def fentanyl_graph() -> Path:
    """A small hand-written graph in the shape kg build writes it (TriG, one graph per article)."""
    return GRAPHS / "fentanyl.trig"


@pytest.fixture
def hostile_graph() -> Path:
    """A graph whose article titles, evidence and names are hostile HTML."""
    return GRAPHS / "hostile.ttl"


# ---------------------------------------------------------------- real faults of the machine: a small disk

from dataclasses import dataclass as _dataclass  # noqa: E402


@_dataclass
class SmallDisk:
    """A real, small file system mounted at ``path`` (tmpfs, else an ext4 loop device)."""

    path: Path
    kind: str

    def fill(self, leave: int = 0) -> Path:
        """Fill the disk with a file until at most ``leave`` bytes are free; returns the file."""
        filler = self.path / "filler"
        with open(filler, "ab") as out:
            block = b"\0" * 65536
            while True:
                stat = os.statvfs(self.path)
                free = stat.f_bavail * stat.f_frsize
                if free <= leave:
                    break
                try:
                    out.write(block[: max(1, min(len(block), free - leave))])
                    out.flush()
                except OSError:
                    break
        return filler

    def free(self) -> None:
        """Remove what :meth:`fill` wrote."""
        (self.path / "filler").unlink(missing_ok=True)

    def read_only(self, yes: bool = True) -> None:
        """Remount the disk read-only (or writable again): writes then fail even for root."""
        subprocess.run(["mount", "-o", f"remount,{'ro' if yes else 'rw'}", str(self.path)], check=True,
                       capture_output=True)


def _mount_small_disk(path: Path, size_mb: int) -> SmallDisk:
    path.mkdir(parents=True, exist_ok=True)
    tmpfs = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_mb}m,mode=755", "tmpfs", str(path)],
                           capture_output=True, text=True)
    if tmpfs.returncode == 0:
        return SmallDisk(path, "tmpfs")
    image = path.with_name(path.name + ".img")
    with open(image, "wb") as out:
        out.truncate(size_mb * 1024 * 1024)
    made = subprocess.run(["mkfs.ext4", "-q", "-F", str(image)], capture_output=True, text=True)
    loop = subprocess.run(["mount", "-o", "loop", str(image), str(path)], capture_output=True, text=True) \
        if made.returncode == 0 else made
    if loop.returncode == 0:
        return SmallDisk(path, "ext4 loop device")
    image.unlink(missing_ok=True)
    pytest.skip(f"cannot mount a small disk here: tmpfs: {tmpfs.stderr.strip() or tmpfs.returncode}; "
                f"loop device: {loop.stderr.strip() or loop.returncode}")


@pytest.fixture
def small_disk(tmp_path):
    """``small_disk(size_mb)`` mounts a real small disk under tmp_path; every one is unmounted after."""
    mounted: list[SmallDisk] = []

    def mount(size_mb: int = 16, name: str = "disk") -> SmallDisk:
        mounted.append(_mount_small_disk(tmp_path / name, size_mb))
        return mounted[-1]

    yield mount
    for disk in reversed(mounted):
        done = subprocess.run(["umount", str(disk.path)], capture_output=True)
        if done.returncode != 0:
            subprocess.run(["umount", "-l", str(disk.path)], capture_output=True)
        image = disk.path.with_name(disk.path.name + ".img")
        image.unlink(missing_ok=True)


@pytest.fixture
def large_graph():
    """Build a kg-shaped projection: ``large_graph(n, seed=0, isolated=0)``."""
    import networkx as nx

    from kg.vocab import ENTITY_TYPES, RELATION_TYPES

    def build(n: int, seed: int = 0, isolated: int = 0):
        """A kg-shaped projection with ``n`` linked entities and about two facts per entity, plus
        ``isolated`` entities that take part in no fact."""
        links = nx.barabasi_albert_graph(n, 2, seed=seed)
        links.add_nodes_from(range(n, n + isolated))
        graph = nx.MultiDiGraph()
        for node in links:
            type_ = ENTITY_TYPES[node % len(ENTITY_TYPES)]
            graph.add_node(f"urn:e{node}", type=type_, label=f"{type_} {node}", names=[f"{type_} {node}"], wikidata=None)
        for i, (u, v) in enumerate(links.edges()):
            graph.add_edge(f"urn:e{u}", f"urn:e{v}", key=f"urn:r{i}", iri=f"urn:r{i}", type=RELATION_TYPES[i % len(RELATION_TYPES)],
                           status=None, role=None, date=None, confidence=0.9, object=f"urn:e{v}", substance=None,
                           evidence=[(f"Sentence {i}.", "Article")])
        return graph

    return build
