"""Real SPARQL servers on loopback for the tests and the bench: Oxigraph server and Virtuoso.

Each is started in its own temporary data directory on a free port of 127.0.0.1, waited for
until it answers a query, and stopped at the end. A server that is not installed raises
:class:`Unavailable` with the reason (the tests skip with it, or fail under
``KG_REQUIRE_SERVERS=1``).

    with start("oxigraph", tmp) as server:
        kg build seeds --store {server.url}
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

__all__ = ["Unavailable", "Server", "start", "clear", "SERVERS"]

SERVERS = ("oxigraph", "virtuoso")
#: Virtuoso's administrator in a fresh database.
VIRTUOSO_ACCOUNT = ("dba", "dba")


class Unavailable(Exception):
    """A server cannot be started here (not installed, or it did not come up)."""


@dataclass
class Server:
    name: str
    #: The ``--store`` value for kg (with credentials where the server needs them).
    url: str
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        stop(self.process, 30)


def stop(process: subprocess.Popen, patience: float) -> None:
    """End a server the tests started: politely, then for good after ``patience`` seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=patience)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _oxigraph(root: Path) -> Server:
    exe = Path(sys.executable).with_name("oxigraph")
    if not exe.exists():
        found = shutil.which("oxigraph")
        if not found:
            raise Unavailable("the oxigraph server is not installed (pip install oxigraph, in the test extras)")
        exe = Path(found)
    port = free_port()
    log = root / "oxigraph.log"
    process = subprocess.Popen([str(exe), "serve", "--location", str(root / "data"), "--bind", f"127.0.0.1:{port}"],
                               stdout=log.open("wb"), stderr=subprocess.STDOUT)
    return Server("oxigraph", f"http://127.0.0.1:{port}", process, log)


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {root}/virtuoso.db
ErrorLogFile = {root}/virtuoso.log
LockFile = {root}/virtuoso.lck
TransactionFile = {root}/virtuoso.trx
xa_persistent_file = {root}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {root}/virtuoso-temp.db
TransactionFile = {root}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {root}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {root}
MaxClientConnections = 10
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 0
MaxQueryCostEstimationTime = 0
"""


def _virtuoso(root: Path, max_rows: int = 100_000_000) -> Server:
    exe = shutil.which("virtuoso-t")
    if not exe:
        raise Unavailable("Virtuoso is not installed (apt-get install virtuoso-opensource, as .ci/run does)")
    sql_port, http_port = free_port(), free_port()
    ini = root / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(root=root, sql_port=sql_port, http_port=http_port, max_rows=max_rows))
    log = root / "virtuoso.out"
    process = subprocess.Popen([exe, "+foreground", "+configfile", str(ini)], cwd=root,
                               stdout=log.open("wb"), stderr=subprocess.STDOUT)
    user, password = VIRTUOSO_ACCOUNT
    return Server("virtuoso", f"http://{user}:{password}@127.0.0.1:{http_port}/sparql", process, log)


def _wait(server: Server, timeout: float) -> None:
    from kg.store.sparql import endpoints

    query = endpoints(server.url, {}).query
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise Unavailable(f"{server.name} exited at start: {server.log.read_text(errors='replace')[-500:]}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.post(query, data={"query": "ASK {}"}, timeout=2).status_code == 200:
                return
        time.sleep(0.2)
    server.stop()
    raise Unavailable(f"{server.name} did not answer within {timeout:.0f} s: {server.log.read_text(errors='replace')[-500:]}")


@contextlib.contextmanager
def start(name: str, root: Path, timeout: float = 120, **options):
    """Run server ``name`` (``oxigraph`` or ``virtuoso``) with its data in ``root`` until the block ends.

    Virtuoso takes ``max_rows``: the most rows it answers a query with (ResultSetMaxRows)."""
    root.mkdir(parents=True, exist_ok=True)
    server = {"oxigraph": _oxigraph, "virtuoso": _virtuoso}[name](root, **options)
    try:
        _wait(server, timeout)
        yield server
    finally:
        server.stop()


def clear(server: Server) -> None:
    """Take kg's graphs (the article graphs and the union) off the server, and nothing else."""
    from kg.store.sparql import ARTICLE_PREFIX, UNION_GRAPH, SparqlStore

    store = SparqlStore(server.url, write=True)
    try:
        graphs = [r["g"].value for r in store._solutions(
            f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{ARTICLE_PREFIX}")) }}')]
        drops = [f"DROP SILENT GRAPH <{g}>" for g in graphs]
        drops.append(f"DROP SILENT GRAPH <{UNION_GRAPH}>" if store._endpoints.union else "DROP SILENT DEFAULT")
        store._update(" ;\n".join(drops))
    finally:
        store.close()
