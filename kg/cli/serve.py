"""``kg serve``."""

from __future__ import annotations

import click

from kg.cli import main
from kg.cli.options import store_option


@main.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on (0.0.0.0 opens the endpoint to other machines).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="The port to listen on (0: a free one, printed at start).")
@click.option("--timeout", type=click.FloatRange(min=0), default=60, show_default=True, metavar="SECONDS",
              help="Stop each query after SECONDS (0: no limit).")
@click.option("--threads", type=click.IntRange(min=1), default=4, show_default=True,
              help="Requests answered at once.")
def serve(store, host, port, timeout, threads):
    """Serve the graph read-only as a SPARQL 1.1 endpoint, with a query page.

    The endpoint is /sparql (GET or POST; answers as negotiated: SPARQL results JSON, XML, CSV,
    TSV; Turtle, N-Triples, JSON-LD, RDF/XML), the named queries are at /queries/NAME with their
    values as parameters, the query page at /. Updates, SERVICE, LOAD and FROM are refused.
    Articles a build commits meanwhile show in the next answers. Ctrl+C stops it.

    \b
    Example:
        kg serve --port 8000
        curl -H 'Accept: text/csv' 'http://127.0.0.1:8000/queries/sanctions'
    """
    from kg.serve import make_server
    from kg.store import open_store

    with open_store(store) as opened:
        server = make_server(opened, host=host, port=port, timeout=timeout or None, threads=threads)
        click.echo(f"kg serve: {server.url} (SPARQL endpoint {server.url}sparql; store {store}); Ctrl+C stops")
        try:
            server.run()
        except KeyboardInterrupt:
            pass
        finally:
            server.close()
