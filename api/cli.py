"""The ``newsgraph`` command line: thin commands that parse, call a plain function, and report."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Optional

import typer

from api.cli_analytics import app as analytics_app
from api.cli_settings import store_settings
from api.lazy_typer import LazyTyper
from extract.errors import NewsgraphError

app = LazyTyper(
    help="newsgraph: build a knowledge graph of who did what to whom in the news.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(analytics_app, name="analytics")

StoreOption = Annotated[
    Optional[str], typer.Option("--store", help="store URL (default: $NEWSGRAPH_STORE or oxigraph:data/newsgraph)")
]
UpdateUrlOption = Annotated[
    Optional[str],
    typer.Option(
        "--update-url", help="SPARQL Update endpoint of a sparql+http: store (default: $NEWSGRAPH_UPDATE_URL, its URL)"
    ),
]
GspUrlOption = Annotated[
    Optional[str],
    typer.Option(
        "--gsp-url", help="Graph Store Protocol endpoint of a sparql+http: store, for whole graphs ($NEWSGRAPH_GSP_URL)"
    ),
]
ModelOption = Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline (default: en_core_web_sm)")]


def _fail(error: NewsgraphError, code: int = 1) -> None:
    typer.secho(f"error: {error}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def _store(
    url: str | None, read_only: bool = False, settings=None, update_url: str | None = None, gsp_url: str | None = None
):
    """The store ``url`` names (default: the settings'), with the remote endpoints' options."""
    from graph.store import open_store

    settings = settings or store_settings()
    return open_store(
        url or settings.store,
        read_only=read_only,
        wait=settings.lock_wait,
        update_url=update_url or settings.update_url,
        gsp_url=gsp_url or settings.gsp_url,
    )


@app.callback()
def _settings_are_valid() -> None:
    # Every command reads the settings: an invalid one is a message, not a traceback (validated
    # by pydantic-settings when the environment sets one that could be invalid: api/cli_settings.py).
    try:
        store_settings()
    except NewsgraphError as error:
        _fail(error)


@app.command()
def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="files (.txt .md .html .jsonl .jsonl.gz .warc[.gz], RSS/Atom feeds), folders of them, or - for stdin"
        ),
    ],
    store: StoreOption = None,
    model: ModelOption = None,
    max_article_bytes: Annotated[
        Optional[int],
        typer.Option(
            "--max-article-bytes", min=1, help="refuse larger articles (default: $NEWSGRAPH_MAX_ARTICLE_BYTES, 5 MB)"
        ),
    ] = None,
    max_sentence_tokens: Annotated[
        Optional[int],
        typer.Option("--max-sentence-tokens", min=1, help="skip longer sentences for relations (default: 400)"),
    ] = None,
    language: Annotated[
        Optional[str],
        typer.Option("--language", help="refuse articles detected as another language; '' accepts any (default: en)"),
    ] = None,
    wait: Annotated[
        Optional[float],
        typer.Option(
            "--wait", min=0, help="seconds to wait for another writer to release the store (default: 0, refuse)"
        ),
    ] = None,
    workers: Annotated[
        int,
        typer.Option("--workers", min=1, help="processes parsing articles on this machine (default: 1, this process)"),
    ] = 1,
    scheduler: Annotated[
        Optional[str],
        typer.Option("--scheduler", help="parse on a Dask cluster: its scheduler address, e.g. tcp://HOST:8786"),
    ] = None,
    batch_size: Annotated[
        Optional[int],
        typer.Option(
            "--batch-size", min=1, help="articles parsed together (default: 32; 8 a task with --workers or --scheduler)"
        ),
    ] = None,
    update_url: UpdateUrlOption = None,
    gsp_url: GspUrlOption = None,
    progress_lines: Annotated[
        bool, typer.Option("--progress", help="print a line on standard error as each article is done")
    ] = False,
) -> None:
    """Extract articles and add them to the store (articles already stored are skipped before parsing).

    Each article is written in one transaction: an interrupted run leaves whole articles only, and
    running it again completes the batch. Exit code 2 when some inputs failed, 1 when none could run.
    """
    from api.progress import IngestProgress
    from api.settings import get_settings
    from extract.articles import count_articles, read_articles
    from graph.errors import StoreFullError
    from graph.ingest import ingest as run

    settings = get_settings().model_copy(
        update={
            k: v
            for k, v in {
                "max_article_bytes": max_article_bytes,
                "max_sentence_tokens": max_sentence_tokens,
                "language": language,
                "lock_wait": wait,
                "update_url": update_url,
                "gsp_url": gsp_url,
            }.items()
            if v is not None
        }
    )
    # Read lazily; the language detector's model starts loading now, beside the pipeline's.
    inputs = read_articles(paths, settings.max_article_bytes, language=settings.language or None)
    try:
        # Open the store first: a refused second writer should not wait for the model to load.
        with (
            _store(store, settings=settings) as target,
            _extractor(settings, model, workers, scheduler, batch_size) as extractor,
        ):
            with IngestProgress(count_articles(paths), every_article=progress_lines) as progress:
                report = run(target, None, inputs, progress, extractor=extractor, batch_size=batch_size)
            total = target.count()
    except StoreFullError as error:
        _fail(error, 2)
    except NewsgraphError as error:
        _fail(error)
    words_per_second = report.words / report.seconds if report.seconds else 0.0
    typer.echo(f"{report.summary()}; store {total} quads; {report.seconds:.1f} s, {words_per_second:,.0f} words/s")
    if not report.ok:
        reasons = Counter(_reason(f) for f in report.failures)
        typer.echo("failed: " + "; ".join(f"{n} {reason}" for reason, n in reasons.most_common()))
        raise typer.Exit(2)


def _reason(error: NewsgraphError) -> str:
    return getattr(error, "reason", None) or type(error).__name__


def _extractor(settings, model: str | None, workers: int, scheduler: str | None, batch_size: int | None):
    """Where articles are parsed: this process, ``workers`` local processes, or a Dask cluster."""
    from extract.parallel import DaskPool, InProcess, PipelineSpec, ProcessPool

    batch_size = batch_size or PipelineSpec().batch_size
    spec = PipelineSpec(
        model or settings.spacy_model,
        {"newsgraph_relations": {"max_sentence_tokens": settings.max_sentence_tokens}},
        batch_size,
    )
    if scheduler:
        return DaskPool(spec, scheduler)
    if workers > 1:
        return ProcessPool(spec, workers)
    from extract.pipeline import load_pipeline

    return InProcess(load_pipeline(spec.model, **spec.config), batch_size)


@app.command()
def extract(
    file: Annotated[Optional[Path], typer.Argument(help="a .txt article (or .jsonl articles)")] = None,
    records: Annotated[
        Optional[Path], typer.Option("--records", help="gold records (JSONL, ../shared/eval format)")
    ] = None,
    format: Annotated[
        str, typer.Option("--format", help="turtle|trig|nquads|ntriples|jsonld, or jsonl for records")
    ] = "turtle",
    output: Annotated[Optional[Path], typer.Option("-o", "--output")] = None,
    model: ModelOption = None,
) -> None:
    """Print what an article yields, as RDF (default Turtle) or JSON lines; stores nothing."""
    from api.settings import get_settings
    from extract.pipeline import load_pipeline

    if (file is None) == (records is None):
        raise typer.BadParameter("give either FILE or --records GOLD.jsonl")
    settings = get_settings()
    out = output.open("wb") if output else sys.stdout.buffer
    try:
        nlp = load_pipeline(model or settings.spacy_model)
        if records is not None:
            from extract.evaluation import predict_records

            for line in predict_records(nlp, records):
                out.write((json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8"))
            return
        from extract.articles import read_articles
        from extract.pipeline import extract as run
        from graph.export import export
        from graph.ingest import IngestReport, ingest_article
        from graph.store import open_store

        assert file is not None  # checked above: FILE or --records
        failed = False
        with open_store("memory:") as scratch:
            for item in read_articles([file], settings.max_article_bytes, language=settings.language or None):
                if isinstance(item, NewsgraphError):
                    typer.secho(f"skipped {item}", fg=typer.colors.YELLOW, err=True)
                    failed = True
                    continue
                if format == "jsonl":
                    from extract.records import relation_to_json

                    extraction = run(nlp, item)
                    line = {"id": item.id, "relations": [relation_to_json(r) for r in extraction.relations]}
                    out.write((json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8"))
                else:
                    ingest_article(scratch, nlp, item, IngestReport())
            if format != "jsonl":
                export(scratch, out, format)
        if failed:
            raise typer.Exit(2)
    except NewsgraphError as error:
        _fail(error)
    finally:
        if output:
            out.close()


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="gold records (JSONL, ../shared/eval format)")],
    predictions: Annotated[
        Optional[Path], typer.Option("--predictions", help="score these output lines instead of extracting")
    ] = None,
    model: ModelOption = None,
) -> None:
    """Extract the gold records and print labeled and unlabeled P/R/F1, the polarity line and a per-category table."""
    from api.settings import get_settings
    from extract.evaluation import load_records, predict_records
    from extract.scoring import evaluate as run
    from extract.scoring import evaluate_polarity, report

    try:
        records = load_records(gold)
        if predictions is not None:
            lines = load_records(predictions)
        else:
            from extract.pipeline import load_pipeline

            lines = list(predict_records(load_pipeline(model or get_settings().spacy_model), gold))
    except NewsgraphError as error:
        _fail(error)
    typer.echo(report(*run(records, lines), evaluate_polarity(records, lines)))


@app.command()
def query(
    sparql: Annotated[str, typer.Argument(help="a SPARQL query, or @FILE to read it from a file")],
    format: Annotated[str, typer.Option("--format", help="table|json|csv|tsv|xml (CONSTRUCT: turtle, ...)")] = "table",
    store: StoreOption = None,
) -> None:
    """Run a SPARQL query against the store."""
    from api.formatting import write_result
    from api.policy import policy
    from graph.terms import QUERY_PREFIXES

    text = Path(sparql[1:]).read_text(encoding="utf-8") if sparql.startswith("@") else sparql
    try:
        policy(store_settings()).check(text, "query", prefixes=QUERY_PREFIXES)  # no SERVICE, bounded nesting
        with _store(store, read_only=True) as source:
            result = source.query(text)
            write_result(result, format, sys.stdout)
    except NewsgraphError as error:
        _fail(error)


@app.command()
def export(
    format: Annotated[
        str,
        typer.Option("--format", help="turtle|trig|nquads|ntriples|jsonld|rdfxml, or graphml|gexf (the actor network)"),
    ] = "turtle",
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="file (default: standard output)")] = None,
    reference: Annotated[bool, typer.Option("--reference", help="export only the reference data")] = False,
    graphs: Annotated[
        str, typer.Option("--graphs", help="all, news (without the reference data and ontology) or reference")
    ] = "all",
    store: StoreOption = None,
) -> None:
    """Export the graph as RDF, or the actor interaction network as GraphML or GEXF."""
    from graph.export import export as run

    try:
        with _store(store, read_only=True) as source:
            if output is None:
                run(source, sys.stdout.buffer, format, reference_only=reference, graphs=graphs)
            else:
                with output.open("wb") as f:
                    run(source, f, format, reference_only=reference, graphs=graphs)
    except NewsgraphError as error:
        _fail(error)


@app.command()
def remove(
    article: Annotated[str, typer.Argument(help="article id or IRI")],
    store: StoreOption = None,
    update_url: UpdateUrlOption = None,
) -> None:
    """Retract an article and everything only it supported."""
    from graph.ingest import remove_article

    try:
        with _store(store, update_url=update_url) as target:
            if not remove_article(target, article):
                typer.secho(f"no article {article!r} in the store", fg=typer.colors.YELLOW, err=True)
                raise typer.Exit(1)
    except NewsgraphError as error:
        _fail(error)
    typer.echo(f"removed {article}")


@app.command()
def check(
    store: StoreOption = None,
    collect: Annotated[
        bool, typer.Option("--collect", help="also delete actor descriptions no article mentions")
    ] = False,
    update_url: UpdateUrlOption = None,
) -> None:
    """Verify that every article in the store is whole (exit code 1 and the problems if not)."""
    from graph.integrity import article_count, check_store, unreferenced_actors

    try:
        with _store(store, read_only=not collect, update_url=update_url) as source:
            if collect:
                from graph.ingest import collect_garbage

                collect_garbage(source)
            problems = check_store(source)
            articles = article_count(source)
            unreferenced = unreferenced_actors(source)
    except NewsgraphError as error:
        _fail(error)
    for problem in problems:
        typer.secho(f"problem: {problem}", fg=typer.colors.RED, err=True)
    typer.echo(f"articles {articles}, problems {len(problems)}, unreferenced actors {unreferenced}")
    if problems:
        raise typer.Exit(1)


@app.command()
def backup(
    target: Annotated[Path, typer.Argument(help="a new folder for the copy")],
    store: StoreOption = None,
) -> None:
    """Copy the on-disk store to a new folder, consistently (needs the store: stop the server first)."""
    try:
        with _store(store) as source:
            if not hasattr(source, "backup"):
                raise typer.BadParameter(f"{source.url} has no on-disk backup; use `newsgraph export --format nquads`")
            source.backup(target)
            quads = source.count()
    except NewsgraphError as error:
        _fail(error)
    typer.echo(f"backed up {quads} quads to {target}")


@app.command()
def restore(
    backup_dir: Annotated[Path, typer.Argument(metavar="BACKUP", help="a folder made by `newsgraph backup`")],
    store: StoreOption = None,
) -> None:
    """Restore a backup as the store; the store's folder must not exist (move the old one away)."""
    from graph.store import restore as run

    url = store or store_settings().store
    scheme, _, path = url.partition(":")
    if scheme != "oxigraph" or not path:
        raise typer.BadParameter(f"restore needs an oxigraph:PATH store, not {url}")
    try:
        run(backup_dir, path.removeprefix("//"))
    except NewsgraphError as error:
        _fail(error)
    typer.echo(f"restored {backup_dir} to {url}")


@app.command()
def serve(
    host: Annotated[Optional[str], typer.Option(help="interface to listen on")] = None,
    port: Annotated[Optional[int], typer.Option(help="port")] = None,
    store: StoreOption = None,
    query_timeout: Annotated[Optional[float], typer.Option("--query-timeout", help="seconds per SPARQL query")] = None,
    access_log: Annotated[
        bool, typer.Option("--access-log", help="log every request (costs about a tenth of a small request's CPU)")
    ] = False,
    update_url: UpdateUrlOption = None,
    processes: Annotated[
        Optional[int],
        typer.Option(
            "--processes",
            min=0,
            help="processes accepting connections: 0 one per CPU (default), 1 the server process alone; "
            "more share the port and answer bounded SPARQL queries themselves (on-disk stores only)",
        ),
    ] = None,
) -> None:
    """Serve the REST API, the SPARQL endpoint and the UI (errors are logged; requests with --access-log)."""
    import uvicorn

    from api.app import create_app
    from api.settings import get_settings

    settings = get_settings().model_copy(
        update={
            k: v
            for k, v in {
                "store": store,
                "host": host,
                "port": port,
                "query_timeout": query_timeout,
                "update_url": update_url,
                "processes": processes,
            }.items()
            if v is not None
        }
    )
    try:
        application = create_app(settings)
    except NewsgraphError as error:
        _fail(error)
    from api.read_processes import launch, processes_for, server_options

    count = processes_for(settings.processes, application.state.executor)
    # read processes start first: they come up while the server process does the rest of its start
    front = launch(application, settings, count, access_log) if count > 1 else None
    base = f"http://{settings.host}:{settings.port}"
    typer.echo(f"newsgraph serving {settings.store}")
    typer.echo(f"  UI and API docs:  {base}/  and  {base}/docs")
    typer.echo(f"  SPARQL endpoint:  {base}/sparql")
    from graph.analytics import centrality, interaction_graph

    interactions = interaction_graph(application.state.store)
    for actor, _ in centrality(interactions, limit=1):  # the actor with the most partners
        label = interactions.nodes[actor]["label"]
        typer.echo(f"  an actor's relations ({label}): {base}/actors/{actor}/relations")
    if front is not None:
        front.run()
        return
    uvicorn.run(application, **server_options(settings, access_log))


__all__ = ["app"]
