"""The graphs no article supplies: the ontology, and the reference data as RDF.

The reference graph describes the Wikidata entities of ``ontologies/reference/`` (countries,
heads of state and government with their terms of office, international organisations) under
their Wikidata IRIs, so it can be exported alone and joined to the news actors through their
``owl:sameAs``. Both graphs are loaded into a store when missing or when their source files
changed (each graph records the hash of what it was built from). They ship prebuilt as N-Quads
(``ontologies/built/``, written by ``tools/build_static_graphs.py``), which a new store loads
without building 40,000 Python quads; a prebuilt file of other sources than the current ones is
not used (the graph is built instead).
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import logging
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from importlib.resources import files
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse, serialize

from extract.reference import reference_dir
from graph import terms as t
from graph.store import Store
from graph.terms import ALT_LABEL, RDF_TYPE, RDFS_LABEL
from graph.terms import DC_SOURCE as SOURCE

CONTENT_HASH = t.ng("contentHash")
REFERENCE_FILES = ("countries.csv", "leaders.csv", "organisations.csv")
RIGHTS = NamedNode(t.DCTERMS + "rights")
LICENSE = NamedNode(t.DCTERMS + "license")
# The reference graph is a derived database of its sources (ontologies/reference/PROVENANCE.md).
LICENCES = (
    "https://opendatacommons.org/licenses/odbl/1-0/",
    "https://creativecommons.org/licenses/by-sa/4.0/",
    "https://creativecommons.org/publicdomain/zero/1.0/",
    "https://opensource.org/licenses/MIT",
)
RIGHTS_TEXT = (
    "Countries: derived from mledoze/countries (ODbL 1.0, share-alike) and opensanctions/rigour (MIT); "
    "leaders: Wikidata (CC0) via every-politician-scrapers, aliases also from openeventdata/petrarch2 "
    "(MIT); "
    "organisations: confirmordeny/supraverden (CC BY-SA 4.0, share-alike)."
)
log = logging.getLogger(__name__)
_DATE_TYPES = {10: "date", 7: "gYearMonth", 4: "gYear"}
_CLASSES = {"country": t.SCHEMA + "Country", "person": t.SCHEMA + "Person", "organisation": t.SCHEMA + "Organization"}


def _rows(name: str) -> list[dict[str, str]]:
    with (reference_dir() / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _date(value: str) -> Literal:
    kind = _DATE_TYPES.get(len(value), "string")
    return Literal(value, datatype=NamedNode(t.XSD + kind))


def _split(value: str, sep: str = "|") -> list[str]:
    return [v.strip() for v in value.split(sep) if v.strip()]


def _hash(data: bytes) -> Literal:
    return Literal(hashlib.sha256(data).hexdigest())


@cache
def reference_hash() -> str:
    """SHA-256 over the reference CSV files: the reference graph is rebuilt when it changes.

    Returns:
        The hex digest, as the reference graph stores it (``ng:contentHash``).

    >>> digest = reference_hash()
    >>> len(digest), any(q.object.value == digest for q in reference_quads() if q.predicate == CONTENT_HASH)
    (64, True)
    """
    digest = hashlib.sha256()
    for name in REFERENCE_FILES:
        digest.update((reference_dir() / name).read_bytes())
    return digest.hexdigest()


@cache
def reference_quads() -> tuple[Quad, ...]:
    """The reference data as quads of the reference graph.

    Returns:
        Quads describing each country, leader (with one ``ng:Term`` per term of office) and
        organisation under its Wikidata IRI, plus the graph's own description.

    >>> quads = reference_quads()
    >>> putin = t.wikidata("Q7747")
    >>> sorted(q.object.value for q in quads if q.subject == putin and q.predicate == RDFS_LABEL)
    ['Vladimir Putin']
    """
    g = t.REFERENCE_GRAPH
    quads = [Quad(q.subject, q.predicate, q.object, g) for q in _triples()]
    quads += [
        Quad(g, RDFS_LABEL, Literal("newsgraph reference data", language="en"), g),
        Quad(g, CONTENT_HASH, Literal(reference_hash()), g),
        Quad(g, SOURCE, Literal("ontologies/reference/ (see PROVENANCE.md there for sources and licences)"), g),
        Quad(g, RIGHTS, Literal(RIGHTS_TEXT, language="en"), g),
        *(Quad(g, LICENSE, NamedNode(url), g) for url in LICENCES),
    ]
    return tuple(quads)


def _triples() -> Iterator[Quad]:
    described: set[str] = set()  # QIDs already described: the first row wins
    yield from _countries(described)
    yield from _leaders(described)
    yield from _organisations(described)


def _entity(qid: str, kind: str, label: str, aliases: list[str], sources: str) -> Iterator[Quad]:
    g, e = t.REFERENCE_GRAPH, t.wikidata(qid)
    yield Quad(e, RDF_TYPE, t.ng("ReferenceEntity"), g)
    yield Quad(e, RDF_TYPE, NamedNode(_CLASSES[kind]), g)
    yield Quad(e, RDFS_LABEL, Literal(label), g)
    for alias in sorted(set(aliases) - {label}):
        yield Quad(e, ALT_LABEL, Literal(alias), g)
    for source in _split(sources, ";"):
        yield Quad(e, SOURCE, Literal(source), g)


def _countries(described: set[str]) -> Iterator[Quad]:
    g = t.REFERENCE_GRAPH
    for row in _rows("countries.csv"):
        if not row["wikidata_qid"] or row["wikidata_qid"] in described:
            continue
        described.add(row["wikidata_qid"])
        yield from _entity(row["wikidata_qid"], "country", row["name"], _split(row["alt_names"]), row["sources"])
        c = t.wikidata(row["wikidata_qid"])
        yield Quad(c, t.ng("isoCode"), Literal(row["iso3"]), g)
        if row["capital"]:
            yield Quad(c, t.ng("capital"), Literal(row["capital"]), g)
        for demonym in _split(row["demonyms"].replace(",", "|")):
            yield Quad(c, t.ng("demonym"), Literal(demonym), g)


def _leaders(described: set[str]) -> Iterator[Quad]:
    g = t.REFERENCE_GRAPH
    for row in _rows("leaders.csv"):
        qid = row["wikidata_qid"]
        if qid not in described:  # a leader with several terms has one row per term
            described.add(qid)
            yield from _entity(qid, "person", row["label"], _split(row["aliases"]), row["sources"])
        term = t.term_iri(qid, row["position_qid"], row["start"])
        yield Quad(t.wikidata(qid), t.ng("heldOffice"), term, g)
        yield Quad(term, RDF_TYPE, t.ng("Term"), g)
        yield Quad(term, t.ng("position"), Literal(row["position"]), g)
        yield Quad(term, t.ng("positionEntity"), t.wikidata(row["position_qid"]), g)
        yield Quad(term, t.ng("officeType"), Literal(row["role"]), g)
        yield Quad(term, t.ng("country"), t.wikidata(row["country_qid"]), g)
        if row["start"]:
            yield Quad(term, NamedNode(t.SCHEMA + "startDate"), _date(row["start"]), g)
        if row["end"]:
            yield Quad(term, NamedNode(t.SCHEMA + "endDate"), _date(row["end"]), g)


def _organisations(described: set[str]) -> Iterator[Quad]:
    for row in _rows("organisations.csv"):
        qid = row["wikidata_qid"]
        if qid in described:  # one QID on two rows is an error in the source list: the first row wins
            continue
        described.add(qid)
        yield from _entity(qid, "organisation", row["label"], _split(row["aliases"]), row["sources"])
        if row["acronym"]:
            yield Quad(t.wikidata(qid), t.ng("acronym"), Literal(row["acronym"]), t.REFERENCE_GRAPH)


@cache
def ontology_bytes() -> bytes:
    return t.ontology_path().read_bytes()


def ontology_quads() -> list[Quad]:
    """``ontologies/newsgraph.ttl`` as quads of the ontology graph, with the graph's hash.

    Returns:
        The ontology's triples in the ontology graph, and its ``ng:contentHash``.

    >>> quads = ontology_quads()
    >>> {q.graph_name for q in quads} == {t.ONTOLOGY_GRAPH}, any(q.subject.value.endswith("#consult") for q in quads)
    (True, True)
    """
    g = t.ONTOLOGY_GRAPH
    quads = [Quad(q.subject, q.predicate, q.object, g) for q in parse(ontology_bytes(), RdfFormat.TURTLE)]
    quads.append(Quad(g, CONTENT_HASH, _hash(ontology_bytes()), g))
    return quads


def _stored_hash(store: Store, graph: NamedNode) -> str | None:
    rows = store.select(f"SELECT ?h WHERE {{ GRAPH {graph} {{ {graph} <{t.NG}contentHash> ?h }} }}")
    for row in rows:
        return row["h"].value
    return None


def _serialized(quads: Iterable[Quad]) -> bytes:
    out = io.BytesIO()
    serialize(quads, out, RdfFormat.N_QUADS)
    return out.getvalue()


def ensure_static_graphs(store: Store) -> list[NamedNode]:
    """Load the ontology and reference graphs into ``store`` when missing or out of date.

    Args:
        store: a writable store.

    Returns:
        The graphs that were (re)loaded.

    >>> from graph.store import open_store
    >>> with open_store("memory:") as s:
    ...     [g.value for g in ensure_static_graphs(s)], ensure_static_graphs(s)
    (['https://w3id.org/newsgraph/graph/ontology', 'https://w3id.org/newsgraph/graph/reference'], [])
    """
    loaded = []
    for graph, digest, build in static_graphs():
        if _stored_hash(store, graph) != digest:
            # Dropped, bulk-loaded (N-Quads, no transaction: several times faster than an INSERT DATA
            # of 40,000 quads), then marked with its hash in a write of its own: a stop before the mark
            # leaves a graph without its hash, so dropped and loaded again next time.
            data = prebuilt(graph, digest) or static_nquads(graph, build)
            store.drop_graph(graph)
            store.bulk_load(data, RdfFormat.N_QUADS)
            store.load(_serialized([Quad(graph, CONTENT_HASH, Literal(digest), graph)]), RdfFormat.N_QUADS)
            loaded.append(graph)
    return loaded


def static_graphs() -> list[tuple[NamedNode, str, Callable[[], Iterable[Quad]]]]:
    """Each static graph, the hash of its current sources, and how to build its quads.

    Returns:
        ``(graph IRI, SHA-256 hex digest of its sources, function building its quads)`` for the
        ontology and the reference graph.

    >>> [graph.value.rsplit("/", 1)[-1] for graph, _, _ in static_graphs()]
    ['ontology', 'reference']
    """
    return [
        (t.ONTOLOGY_GRAPH, _hash(ontology_bytes()).value, ontology_quads),
        (t.REFERENCE_GRAPH, reference_hash(), reference_quads),
    ]


def static_nquads(graph: NamedNode, build: Callable[[], Iterable[Quad]]) -> bytes:
    """A static graph as N-Quads, built from its sources, without its hash mark (written last).

    Args:
        graph: the graph's IRI.
        build: returns its quads (:func:`ontology_quads`, :func:`reference_quads`).

    Returns:
        The N-Quads bytes, in the order ``build`` gives the quads.

    >>> ontology, _, build = static_graphs()[0]
    >>> len(static_nquads(ontology, build).splitlines()) == len(ontology_quads()) - 1  # all but the mark
    True
    """
    return _serialized(q for q in build() if not _is_mark(q, graph))


def built_path(graph: NamedNode) -> Path:
    """Where a static graph ships prebuilt.

    Args:
        graph: the graph's IRI.

    Returns:
        ``ontologies/built/NAME.nq.gz``, NAME being the IRI's last segment.

    >>> built_path(t.REFERENCE_GRAPH).name
    'reference.nq.gz'
    """
    return Path(str(files("ontologies") / "built" / f"{graph.value.rsplit('/', 1)[-1]}.nq.gz"))


def built_header(digest: str) -> bytes:
    """The first line of a prebuilt file: an N-Quads comment naming the hash of the sources it was built from.

    Args:
        digest: the SHA-256 hex digest of the sources.

    Returns:
        The line, newline included.

    >>> built_header("ab").startswith(b"# built from sources with sha256 ab ")
    True
    """
    return f"# built from sources with sha256 {digest} (tools/build_static_graphs.py)\n".encode()


def prebuilt(graph: NamedNode, digest: str) -> bytes | None:
    """The prebuilt N-Quads of ``graph`` (header comment included), if built from the sources of ``digest``.

    Args:
        graph: the graph's IRI.
        digest: the hash of its current sources.

    Returns:
        The N-Quads bytes; None when the file is missing, unreadable or of other sources.

    >>> ontology, digest, _ = static_graphs()[0]
    >>> prebuilt(ontology, digest).startswith(built_header(digest)), prebuilt(ontology, "0" * 64)
    (True, None)
    """
    try:
        data = gzip.decompress(built_path(graph).read_bytes())
    except (OSError, EOFError):
        data = b""
    if data.startswith(built_header(digest)):
        return data
    log.info("%s: no prebuilt file of the current sources; building it (tools/build_static_graphs.py)", graph.value)
    return None


def _is_mark(quad: Quad, graph: NamedNode) -> bool:
    """Whether ``quad`` is the hash a static graph records of its sources."""
    return quad.subject == graph and quad.predicate == CONTENT_HASH


__all__ = [
    "built_header",
    "built_path",
    "ensure_static_graphs",
    "ontology_quads",
    "prebuilt",
    "reference_hash",
    "reference_quads",
    "static_graphs",
    "static_nquads",
]
