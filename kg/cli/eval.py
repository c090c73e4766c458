"""``kg eval``: score a graph against gold annotations."""

from __future__ import annotations

import json

import click

from kg.cli import main
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.eval.score import Item, Report, Score


@main.command("eval")
@click.argument("gold", type=click.Path(dir_okay=False))
@click.option(
    "--graph",
    "graph",
    type=click.Path(),
    default=None,
    help="The graph to score: a kg store directory, a SPARQL server's URL, or an RDF file (.ttl, .nt, .nq, .trig). "
    "Default: build the gold's articles into a temporary store first.",
)
@click.option(
    "--articles",
    "articles_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Where the gold's article files are (default: beside the gold file, then ../seeds/).",
)
@click.option("--explain", is_flag=True, help="List every wrong and every missed item, and why.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON (always with every item).")
def eval_command(gold: str, graph: str | None, articles_dir: str | None, explain: bool, as_json: bool) -> None:
    """Score a graph against a gold file (kg-gold/1): precision, recall and F1 for entities,
    core relations (SupplyFlow, Sanction, Pledge) and all relations, and per type.

    The scores are information: the exit code is 0 whatever they are (2 for a bad gold file).
    The gold format and the scoring rules are in docs/gold-format.md.

    \b
    Example:
        kg eval seeds/gold.json --graph out/graph.ttl --explain
        kg eval seeds/gold.json                # builds seeds/ in memory, then scores
    """
    from kg.eval import evaluate

    report = evaluate(gold, graph=graph, articles_dir=articles_dir)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        return
    click.echo(format_report(report, explain=explain))


def _ratio(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def _line(label: str, s: Score) -> str:
    return (
        f"{label:<20}{_ratio(s.precision):>9}{_ratio(s.recall):>9}{_ratio(s.f1):>9}"
        f"{f'{s.right}/{s.graph}':>14}{f'{s.found}/{s.required}':>16}"
    )


def _item(i: Item) -> str:
    text = f"  {i.kind:<9} {i.text} — {i.reason}"
    if i.evidence:
        evidence = i.evidence if len(i.evidence) <= 120 else i.evidence[:119] + "…"
        text += f" (evidence: {evidence})"
    return text


def format_report(report: Report, *, explain: bool = False) -> str:
    """The report as a table; with ``explain``, every wrong and missed item below it."""
    c = report.counts
    out = [
        f"gold:  {report.gold} — {c['gold articles']} articles, {c['gold entities']} entities "
        f"({c['gold required entities']} required), {c['gold relations']} relations ({c['gold required relations']} required)",
        f"graph: {report.graph} — {c['graph triples read']} triples read, {c['graph entities']} entities, "
        f"{c['graph relation keys']} relation keys",
        "",
        f"{'':<20}{'precision':>9}{'recall':>9}{'F1':>9}{'right/graph':>14}{'found/required':>16}",
    ]
    group = "total"
    for s in report.scores:
        if s.group != group:
            group = s.group
            out.append(f"by {group}")
        out.append(_line(s.name if s.group == "total" else f"  {s.name}", s))
    if report.without_subject:
        out.append(f"\n{len(report.without_subject)} relation node(s) without a subject were left out: "
                   + ", ".join(report.without_subject[:5]) + (" …" if len(report.without_subject) > 5 else ""))
    if explain:
        for title, items in (("wrong", report.wrong), ("missed", report.missed)):
            out.append(f"\n{title} ({len(items)}):")
            out.extend(_item(i) for i in items)
    return "\n".join(out)
