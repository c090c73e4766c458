"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over the store.

Analysts' other tools — YASGUI, SPARQLWrapper, rdflib's ``SPARQLStore``, Jena, notebooks,
dashboards — talk to a SPARQL endpoint, not to a folder. :func:`make_app` is the endpoint as a
WSGI application over the store contract (so it serves any store: the on-disk default, memory, a
remote one); :func:`make_server` puts it behind waitress, a production WSGI server (pure Python,
a pool of threads, HTTP/1.1 keep-alive) — kg answers each request on one of its threads, and on
the on-disk store each query runs in a worker process that is killed at the time limit.

    >>> from kg.store import open_store
    >>> server = make_server(open_store("memory"), port=0)
    >>> server.url.startswith("http://127.0.0.1:")
    True
    >>> server.close()

Readers keep working while a build writes: before each query the server looks whether the store
changed and, if it did, answers from the new snapshot (:meth:`~kg.store.base.BaseStore.refresh`).
"""

from __future__ import annotations

from kg.serve.app import GRAPH_TYPES, RESULTS_TYPES, make_app
from kg.store.base import BaseStore

__all__ = ["make_app", "make_server", "RESULTS_TYPES", "GRAPH_TYPES"]


def make_server(store: BaseStore, *, host: str = "127.0.0.1", port: int = 8000, timeout: float | None = 60,
                threads: int = 4):
    """A waitress server for :func:`make_app` on ``host:port`` (``port=0``: a free one), not yet
    running: ``server.url`` is its address, ``server.run()`` serves until interrupted,
    ``server.close()`` stops listening."""
    import waitress

    from kg.errors import KGError

    try:
        server = waitress.create_server(make_app(store, timeout=timeout), host=host, port=port, threads=threads,
                                        ident="kg", clear_untrusted_proxy_headers=True)
    except OSError as error:
        raise KGError(f"cannot listen on {host}:{port}: {error.strerror or error}",
                      hint="choose another --port (0 for a free one) or --host") from None
    server.url = f"http://{_host(server.effective_host)}:{server.effective_port}/"
    return server


def _host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
