"""``kg validate``."""

from __future__ import annotations

import json

import click

from kg.cli import main
from kg.cli.options import json_option, store_option


@main.command()
@click.argument("file", required=False, type=click.Path(dir_okay=False), metavar="[FILE]")
@store_option
@click.option("--fast", is_flag=True, help="Use the check kg build runs (the shapes compiled to SPARQL) "
                                          "instead of pySHACL: much faster on big stores.")
@json_option
@click.pass_context
def validate(ctx, file, store, fast, as_json):
    """Check a store, or an RDF file, against kg's SHACL shapes (ontology/shapes.ttl).

    With FILE (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML), check that file; otherwise
    check the store (the union of its article graphs). Exit code 0: conforms; 1: does not
    conform (the violations are printed); 2: the input could not be read.

    \b
    Example:
        kg validate
        kg validate out/graph.ttl
    """
    from kg.store import open_store
    from kg.validate import validate as run_validate

    if file:
        report = run_validate(file, fast=fast)
        what = file
    else:
        with open_store(store) as opened:
            report = run_validate(opened, fast=fast)
        what = f"store {opened.location}"  # a server's URL without its password
    if as_json:
        click.echo(json.dumps({"checked": what, **report.to_dict()}, indent=1, ensure_ascii=False))
    elif report.conforms:
        click.echo(f"{what}: conforms ({report.triples} triples checked in {report.seconds:.2f} s)")
    else:
        click.echo(f"{what}: does not conform: {len(report.violations)} violation(s)")
        for violation in report.violations:
            click.echo(f"  {violation}")
    if not report.conforms:
        ctx.exit(1)
