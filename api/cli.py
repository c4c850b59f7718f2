"""The ``newsgraph`` command line: thin commands that parse, call a plain function, and report."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from api.settings import get_settings
from extract.errors import NewsgraphError

app = typer.Typer(help="newsgraph: build a knowledge graph of who did what to whom in the news.",
                  no_args_is_help=True, pretty_exceptions_enable=False)

StoreOption = Annotated[Optional[str], typer.Option("--store", help="store URL (default: $NEWSGRAPH_STORE or oxigraph:data/newsgraph)")]
ModelOption = Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline (default: en_core_web_sm)")]


def _fail(error: NewsgraphError, code: int = 1) -> None:
    typer.secho(f"error: {error}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def _store(url: str | None, read_only: bool = False):
    from graph.store import open_store

    return open_store(url or get_settings().store, read_only=read_only)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help=".txt or .jsonl files, or folders of them")],
    store: StoreOption = None,
    model: ModelOption = None,
) -> None:
    """Extract articles and add them to the store (unchanged articles are skipped)."""
    from extract.articles import read_articles
    from extract.pipeline import load_pipeline
    from graph.ingest import ingest as run

    settings = get_settings()
    try:
        nlp = load_pipeline(model or settings.spacy_model)
        with _store(store) as target:
            def progress(item, error):
                if error is not None:
                    typer.secho(f"skipped {error}", fg=typer.colors.YELLOW, err=True)

            report = run(target, nlp, read_articles(paths, settings.max_article_bytes), progress)
            total = target.count()
    except NewsgraphError as error:
        _fail(error)
    typer.echo(
        f"articles {report.articles} (unchanged {report.unchanged}, replaced {report.replaced}, "
        f"failed {len(report.failures)}), sentences {report.sentences}, relations {report.relations}, "
        f"triples {report.triples}; store {total} quads"
    )
    if not report.ok:
        raise typer.Exit(2)


@app.command()
def extract(
    file: Annotated[Optional[Path], typer.Argument(help="a .txt article (or .jsonl articles)")] = None,
    records: Annotated[Optional[Path], typer.Option("--records", help="gold records (JSONL, ../shared/eval format)")] = None,
    format: Annotated[str, typer.Option("--format", help="turtle|trig|nquads|ntriples|jsonld, or jsonl for records")] = "turtle",
    output: Annotated[Optional[Path], typer.Option("-o", "--output")] = None,
    model: ModelOption = None,
) -> None:
    """Print what an article yields, as RDF (default Turtle) or JSON lines; stores nothing."""
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
        from graph.ingest import ingest_article, IngestReport
        from graph.store import open_store

        failed = False
        with open_store("memory:") as scratch:
            for item in read_articles([file], settings.max_article_bytes):
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


@app.command()
def query(
    sparql: Annotated[str, typer.Argument(help="a SPARQL query, or @FILE to read it from a file")],
    format: Annotated[str, typer.Option("--format", help="table|json|csv|tsv|xml (CONSTRUCT: turtle, ...)")] = "table",
    store: StoreOption = None,
) -> None:
    """Run a SPARQL query against the store."""
    from api.formatting import write_result

    text = Path(sparql[1:]).read_text(encoding="utf-8") if sparql.startswith("@") else sparql
    try:
        with _store(store, read_only=True) as source:
            result = source.query(text)
            write_result(result, format, sys.stdout)
    except NewsgraphError as error:
        _fail(error)


@app.command()
def export(
    format: Annotated[str, typer.Option("--format", help="turtle|trig|nquads|ntriples|jsonld|rdfxml")] = "turtle",
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="file (default: standard output)")] = None,
    reference: Annotated[bool, typer.Option("--reference", help="export only the reference data")] = False,
    store: StoreOption = None,
) -> None:
    """Export the graph as RDF."""
    from graph.export import export as run

    try:
        with _store(store, read_only=True) as source:
            if output is None:
                run(source, sys.stdout.buffer, format, reference_only=reference)
            else:
                with output.open("wb") as f:
                    run(source, f, format, reference_only=reference)
    except NewsgraphError as error:
        _fail(error)


@app.command()
def remove(
    article: Annotated[str, typer.Argument(help="article id or IRI")],
    store: StoreOption = None,
) -> None:
    """Retract an article and everything only it supported."""
    from graph.ingest import remove_article

    try:
        with _store(store) as target:
            if not remove_article(target, article):
                typer.secho(f"no article {article!r} in the store", fg=typer.colors.YELLOW, err=True)
                raise typer.Exit(1)
    except NewsgraphError as error:
        _fail(error)
    typer.echo(f"removed {article}")


@app.command()
def serve(
    host: Annotated[Optional[str], typer.Option(help="interface to listen on")] = None,
    port: Annotated[Optional[int], typer.Option(help="port")] = None,
    store: StoreOption = None,
    query_timeout: Annotated[Optional[float], typer.Option("--query-timeout", help="seconds per SPARQL query")] = None,
) -> None:
    """Serve the REST API, the SPARQL endpoint and the UI."""
    import uvicorn

    from api.app import create_app

    settings = get_settings().model_copy(update={k: v for k, v in {
        "store": store, "host": host, "port": port, "query_timeout": query_timeout}.items() if v is not None})
    try:
        application = create_app(settings)
    except NewsgraphError as error:
        _fail(error)
    base = f"http://{settings.host}:{settings.port}"
    typer.echo(f"newsgraph serving {settings.store}")
    typer.echo(f"  UI and API docs:  {base}/  and  {base}/docs")
    typer.echo(f"  SPARQL endpoint:  {base}/sparql")
    typer.echo(f"  an actor's relations: {base}/actors/vladimir-putin/relations")
    # On SIGTERM, in-flight requests get a few seconds; then the lifespan kills busy query workers.
    uvicorn.run(application, host=settings.host, port=settings.port, log_level="info", timeout_graceful_shutdown=3)


def main() -> None:  # pragma: no cover - console script
    app()


__all__ = ["app"]
