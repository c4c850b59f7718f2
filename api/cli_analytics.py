"""``newsgraph analytics``: centrality, communities, ego networks, paths and change, as a table or JSON."""

from __future__ import annotations

import json
from typing import Annotated, Any, Optional

import typer

from extract.errors import NewsgraphError

app = typer.Typer(
    help="Network analytics over the actor interaction graph (facts only by default).", no_args_is_help=True
)

Store = Annotated[Optional[str], typer.Option("--store", help="store URL (default: $NEWSGRAPH_STORE)")]
Category = Annotated[Optional[list[str]], typer.Option("--category", help="PLOVER category (repeatable)")]
Since = Annotated[Optional[str], typer.Option("--since", help="earliest article date YYYY-MM-DD")]
Until = Annotated[Optional[str], typer.Option("--until", help="latest article date YYYY-MM-DD")]
Article = Annotated[Optional[list[str]], typer.Option("--article", help="article id or IRI (repeatable)")]
MinConfidence = Annotated[float, typer.Option("--min-confidence", min=0, max=1)]
Polarity = Annotated[str, typer.Option("--polarity", help="asserted (facts), all, or nonfacts")]
Format = Annotated[str, typer.Option("--format", help="table or json")]
Limit = Annotated[int, typer.Option("--limit", min=1)]


def _filters(store, category, since, until, article, min_confidence, polarity):
    from graph.analytics import Filters
    from graph.queries import resolve_article

    articles = frozenset(resolve_article(store, a).value for a in article or ())
    return Filters(frozenset(category or ()), since, until, articles, min_confidence, polarity)


def _run(store_url: str | None, compute) -> Any:
    from api.cli_settings import store_settings
    from graph.store import open_store

    try:
        with open_store(store_url or store_settings().store, read_only=True) as store:
            return compute(store)
    except NewsgraphError as error:
        typer.secho(f"error: {error}", fg=typer.colors.RED, err=True)
        raise typer.Exit(1) from None


def _print(rows: list[dict], columns: list[str], format: str) -> None:
    if format == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if format != "table":
        raise typer.BadParameter("--format is table or json")
    cells = [[_text(r.get(c)) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    for line in [columns, ["-" * w for w in widths], *cells]:
        typer.echo("  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)).rstrip())


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(v["label"] if isinstance(v, dict) else str(v) for v in value)
    return "" if value is None else str(value)


@app.command("centrality")
def centrality(
    by: Annotated[str, typer.Option("--by", help="pagerank|degree|weighted_degree|betweenness")] = "pagerank",
    limit: Limit = 20,
    category: Category = None,
    since: Since = None,
    until: Until = None,
    article: Article = None,
    min_confidence: MinConfidence = 0.0,
    polarity: Polarity = "asserted",
    format: Format = "table",
    store: Store = None,
) -> None:
    """Actors ranked by weighted PageRank (or another centrality), with every measure."""
    from graph.analytics import centrality_scores, interaction_graph

    rows = _run(
        store,
        lambda s: centrality_scores(
            interaction_graph(s, _filters(s, category, since, until, article, min_confidence, polarity)), limit, by
        ),
    )
    _print(rows, ["id", "label", "type", "degree", "weighted_degree", "pagerank", "betweenness"], format)


@app.command("communities")
def communities(
    limit: Limit = 20,
    members: Annotated[int, typer.Option("--members", min=1)] = 8,
    category: Category = None,
    since: Since = None,
    until: Until = None,
    article: Article = None,
    min_confidence: MinConfidence = 0.0,
    polarity: Polarity = "asserted",
    format: Format = "table",
    store: Store = None,
) -> None:
    """Communities of actors (Louvain, seeded), largest first."""
    from graph.analytics import communities as run
    from graph.analytics import interaction_graph

    rows = _run(
        store,
        lambda s: run(
            interaction_graph(s, _filters(s, category, since, until, article, min_confidence, polarity)), limit, members
        ),
    )
    _print(rows, ["id", "size", "members"], format)


@app.command("ego")
def ego(
    actor: Annotated[str, typer.Argument(help="actor slug, IRI or QID")],
    depth: Annotated[int, typer.Option("--depth", min=1, max=3)] = 1,
    category: Category = None,
    since: Since = None,
    until: Until = None,
    article: Article = None,
    min_confidence: MinConfidence = 0.0,
    polarity: Polarity = "asserted",
    format: Format = "table",
    store: Store = None,
) -> None:
    """An actor's ego network: its partners within DEPTH interactions, and the edges among them."""
    from graph.analytics import ego_network, interaction_graph
    from graph.queries import resolve_actor
    from graph.terms import ACTOR

    def compute(s):
        graph = interaction_graph(s, _filters(s, category, since, until, article, min_confidence, polarity))
        return ego_network(graph, resolve_actor(s, actor).value.removeprefix(ACTOR), depth)

    found = _run(store, compute)
    if format == "json":
        typer.echo(json.dumps(found, ensure_ascii=False, indent=1))
        return
    labels = {n["id"]: n["label"] for n in found["nodes"]}
    _print(
        [{**e, "source": labels[e["source"]], "target": labels[e["target"]]} for e in found["edges"]],
        ["source", "category", "target", "count", "first", "last"],
        format,
    )


@app.command("path")
def path(
    source: Annotated[str, typer.Argument(help="actor slug, IRI or QID")],
    target: Annotated[str, typer.Argument(help="actor slug, IRI or QID")],
    limit: Limit = 5,
    category: Category = None,
    since: Since = None,
    until: Until = None,
    article: Article = None,
    min_confidence: MinConfidence = 0.0,
    polarity: Polarity = "asserted",
    format: Format = "table",
    store: Store = None,
) -> None:
    """Shortest interaction paths between two actors (relations in either direction)."""
    from graph.analytics import interaction_graph, shortest_paths
    from graph.queries import resolve_actor
    from graph.terms import ACTOR

    def compute(s):
        graph = interaction_graph(s, _filters(s, category, since, until, article, min_confidence, polarity))
        a, b = (resolve_actor(s, x).value.removeprefix(ACTOR) for x in (source, target))
        return [
            {"length": len(p) - 1, "path": [{"id": n, "label": graph.nodes[n]["label"]} for n in p]}
            for p in shortest_paths(graph, a, b, limit)
        ]

    rows = _run(store, compute)
    if not rows:
        typer.secho("no interaction path", fg=typer.colors.YELLOW, err=True)
    _print(
        [{**r, "path": " → ".join(n["label"] for n in r["path"])} for r in rows] if format == "table" else rows,
        ["length", "path"],
        format,
    )


@app.command("change")
def partner_change(
    before: Annotated[str, typer.Option("--before", help="YYYY-MM-DD..YYYY-MM-DD, a year or a month")],
    after: Annotated[str, typer.Option("--after", help="the later window")],
    limit: Limit = 20,
    category: Category = None,
    article: Article = None,
    min_confidence: MinConfidence = 0.0,
    polarity: Polarity = "asserted",
    format: Format = "table",
    store: Store = None,
) -> None:
    """Who gained or lost interaction partners between two date windows."""
    from graph.analytics import change, interactions, parse_window

    def compute(s):
        chosen = _filters(s, category, None, None, article, min_confidence, polarity)
        return change(interactions(s), parse_window(before), parse_window(after), chosen, limit)

    _print(_run(store, compute), ["id", "label", "before", "after", "gained", "lost"], format)


__all__ = ["app"]
