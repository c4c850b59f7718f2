"""An actor's relations read straight from Oxigraph's indexes, for the relations route.

Its IRIs are :mod:`graph.terms`'s; it imports nothing heavier, so that a query worker
(``graph/query_worker.py``) starts in a fraction of a second.

Why not SPARQL: on a 1M-quad store the evaluator took about 2 ms for an actor with one relation
(fifteen triple patterns joined per relation). Here each wanted property is one index lookup
(asking for a node's every property costs more: each returned term is decoded), an article's date
and title and an actor's label are looked up once per request, and evidence is read only for the
requested page.

The answer is the one :func:`graph.queries.find_relations` gives for an actor (same rows, same
order, same filters): ``tests/graph/test_relation_reader.py`` compares both on a real store.
"""

from __future__ import annotations

import json

import pyoxigraph as ox

from graph.terms import ACTOR, ACTORS_GRAPH, ARTICLE, DERIVED_FROM, NG, RDF_TYPE, SAME_AS, WD, XSD_DATE, ng
from graph.terms import DC_DATE as DATE
from graph.terms import DC_TITLE as TITLE
from graph.terms import RDFS_LABEL as LABEL

ACTOR_CLASS = ng("Actor")
SUBJECT, OBJECT, TEXT = ng("subject"), ng("object"), ng("text")
EVENT_TYPE, PREDICATE_LABEL = ng("eventType"), ng("predicateLabel")
#: properties a relation must have to be listed (as the SPARQL query requires them), by name
REQUIRED = {name: ng(name) for name in ("predicate", "predicateLabel", "trigger", "confidence", "negated", "modality")}
REQUIRED["source"] = DERIVED_FROM


class NotFound(LookupError):
    """No such actor or article (the worker answers it as a not-found error)."""


class TooMany(Exception):
    """The actor has more relations than the caller's ``max_relations`` (the request is too big to
    answer outside a worker process)."""


def find_actor(store: ox.Store, kind: str, value: str, asked: str | None = None) -> ox.NamedNode:
    """The actor an ``("iri", IRI)`` or ``("qid", "Q7747")`` reference names (``asked``: as the client wrote it).

    Args:
        store: a pyoxigraph store.
        kind: ``iri`` or ``qid``.
        value: the actor's IRI or Wikidata QID.
        asked: what the client asked for, for the error message.

    Returns:
        The actor's IRI.

    Raises:
        NotFound: when the actors graph has no such actor.

    >>> putin = ox.NamedNode(ACTOR + "vladimir-putin")
    >>> store = ox.Store()
    >>> store.extend([ox.Quad(putin, RDF_TYPE, ACTOR_CLASS, ACTORS_GRAPH),
    ...               ox.Quad(putin, SAME_AS, ox.NamedNode(WD + "Q7747"), ACTORS_GRAPH)])
    >>> find_actor(store, "qid", "Q7747") == find_actor(store, "iri", putin.value) == putin
    True
    >>> find_actor(store, "iri", ACTOR + "nobody", "nobody")
    Traceback (most recent call last):
    ...
    graph.relation_reader.NotFound: no actor 'nobody'
    """
    if kind == "qid":
        for quad in store.quads_for_pattern(None, SAME_AS, ox.NamedNode(WD + value), ACTORS_GRAPH):
            if isinstance(quad.subject, ox.NamedNode):
                return quad.subject
        raise NotFound(f"no actor with Wikidata ID {value}")
    actor = ox.NamedNode(value)
    if not any(True for _ in store.quads_for_pattern(actor, RDF_TYPE, ACTOR_CLASS, ACTORS_GRAPH)):
        raise NotFound(f"no actor {asked or value!r}")
    return actor


def actor_relations(
    store: ox.Store,
    actor: tuple[str, ...],
    direction: str = "both",
    event_type: str | None = None,
    predicate: str | None = None,
    since: str | None = None,
    until: str | None = None,
    article: tuple[str, str] | None = None,
    asserted_only: bool = False,
    min_confidence: float | None = None,
    limit: int = 100,
    offset: int = 0,
    max_relations: int | None = None,
) -> dict:
    """The actor (id, IRI, label) and one page of its relations, newest article first, then most confident.

    Args:
        store: a pyoxigraph store.
        actor: ``("iri", IRI)`` or ``("qid", QID)``, optionally followed by what the client asked for.
        direction: ``both``, ``outgoing`` (the actor is the subject) or ``incoming``.
        event_type: a PLOVER category IRI.
        predicate: a surface predicate (``called``).
        since: earliest article date (``YYYY-MM-DD``), inclusive.
        until: latest article date, inclusive.
        article: ``(graph IRI, what the client asked for)``: only that article's relations.
        asserted_only: leave out negated, intended and hypothetical relations.
        min_confidence: leave out relations of lower confidence.
        limit: page size.
        offset: relations to skip.
        max_relations: give up (:class:`TooMany`) on an actor with more relations than this.

    Returns:
        ``{"actor": {...}, "items": [...], "total": N}``: rows shaped like :func:`graph.queries.find_relations`'s,
        and how many relations all pages hold.

    Raises:
        NotFound: for an unknown actor or article.
        TooMany: beyond ``max_relations``.

    >>> actor_relations(ox.Store(), ("qid", "Q1"))
    Traceback (most recent call last):
    ...
    graph.relation_reader.NotFound: no actor with Wikidata ID Q1
    """
    node = find_actor(store, *actor)
    graph = None
    if article is not None:
        graph = ox.NamedNode(article[0])
        if not store.contains_named_graph(graph):
            raise NotFound(f"no article {article[1]!r}")
    reader = _Reader(store)
    candidates = _candidates(reader, node, direction, graph, since, until, max_relations)
    rows: list[dict] = []
    total = 0
    for _, article_iri, relation, name in candidates:
        relation_node, graph_node = ox.NamedNode(relation), ox.NamedNode(article_iri)
        if offset <= total < offset + limit:
            row = reader.relation(relation_node, graph_node, node, name, event_type, predicate)
            if row is not None and _qualifies(row, asserted_only, min_confidence):
                rows.append(row)
                total += 1
        elif reader.listed(relation_node, graph_node, name, event_type, predicate, asserted_only, min_confidence):
            total += 1  # outside the page: counted, without building its row
    return {
        "actor": {"id": node.value.removeprefix(ACTOR), "iri": node.value, "label": reader.label(node)},
        "items": rows,
        "total": total,
    }


def _candidates(
    reader: _Reader,
    node: ox.NamedNode,
    direction: str,
    graph: ox.NamedNode | None,
    since: str | None,
    until: str | None,
    max_relations: int | None,
) -> list[tuple[ox.Literal | None, str, str, str]]:
    """``(date, article, relation, direction)`` of the actor's relations in the date range, in the
    SPARQL query's order: ``ORDER BY DESC(?date) ?article DESC(?confidence) ?relation``, undated
    articles last.

    Raises:
        TooMany: beyond ``max_relations``.
    """
    candidates: list[tuple[ox.Literal | None, str, str, str]] = []
    for role, name in ((SUBJECT, "outgoing"), (OBJECT, "incoming")):
        if direction not in ("both", name):
            continue
        for quad in reader.store.quads_for_pattern(None, role, node, graph):
            if max_relations is not None and len(candidates) >= max_relations:
                raise TooMany(f"more than {max_relations} relations")
            if isinstance(quad.graph_name, ox.NamedNode) and isinstance(quad.subject, ox.NamedNode):
                date = reader.date(quad.graph_name)
                if _in_range(date, since, until):
                    candidates.append((date, quad.graph_name.value, quad.subject.value, name))
    confidence = {c[2]: reader.confidence(ox.NamedNode(c[2]), ox.NamedNode(c[1])) for c in candidates}
    candidates.sort(key=lambda c: c[2])  # sorts are stable: each orders the ties of the next
    candidates.sort(key=lambda c: confidence[c[2]], reverse=True)
    candidates.sort(key=lambda c: c[1])
    candidates.sort(key=lambda c: "" if c[0] is None else c[0].value, reverse=True)
    return candidates


def actor_relations_json(store: ox.Store, request: dict, max_relations: int | None = None) -> bytes:
    """:func:`actor_relations` for a request dict, as the route's JSON document: the list envelope
    (``items``, ``total``, ``next``) with the ``actor``.

    ``next`` comes last and null: the URL of the next page is the route's to give
    (``api.models.with_next``), and the body is sent as it is written here.

    Args:
        store: a pyoxigraph store.
        request: :func:`actor_relations`'s keyword arguments (``graph.executor.RelationsJob.request()``).
        max_relations: give up (:class:`TooMany`) on an actor with more relations than this.

    Returns:
        The JSON document, UTF-8.

    Raises:
        NotFound: for an unknown actor or article.
        TooMany: beyond ``max_relations``.

    >>> actor_relations_json(ox.Store(), {"actor": ("qid", "Q7747")})
    Traceback (most recent call last):
    ...
    graph.relation_reader.NotFound: no actor with Wikidata ID Q7747
    """
    document = actor_relations(store, **request, max_relations=max_relations)
    document["next"] = None
    return json.dumps(document, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


def _qualifies(row: dict, asserted_only: bool, min_confidence: float | None) -> bool:
    """The SPARQL query's polarity and confidence filters, on a row (confidences are 3-place decimals)."""
    if asserted_only and (row["negated"] or row["modality"] != "asserted"):
        return False
    return min_confidence is None or row["confidence"] >= round(min_confidence, 6)


def _in_range(date: ox.Literal | None, since: str | None, until: str | None) -> bool:
    """SPARQL's ``FILTER(BOUND(?date) && ?date >= ?since)``: an undated or non-xsd:date article fails."""
    if since is None and until is None:
        return True
    if date is None or date.datatype != XSD_DATE:
        return False
    return (since is None or date.value >= since) and (until is None or date.value <= until)


class _Reader:
    """Lookups for one request, each node's properties fetched once."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self._dates: dict[ox.NamedNode, object] = {}
        self._titles: dict[ox.NamedNode, object] = {}
        self._labels: dict[ox.NamedNode, str | None] = {}
        self._confidences: dict[tuple[ox.NamedNode, ox.NamedNode], object] = {}  # read to sort, then for the row

    def _values(self, node, predicate: ox.NamedNode, graph) -> list:
        return [quad.object for quad in self.store.quads_for_pattern(node, predicate, None, graph)]

    def _first(self, node, predicate: ox.NamedNode, graph):
        return next((quad.object for quad in self.store.quads_for_pattern(node, predicate, None, graph)), None)

    def _confidence(self, relation: ox.NamedNode, graph: ox.NamedNode):
        key = (relation, graph)
        if key not in self._confidences:
            self._confidences[key] = self._first(relation, REQUIRED["confidence"], graph)
        return self._confidences[key]

    def confidence(self, relation: ox.NamedNode, graph: ox.NamedNode) -> float:
        value = self._confidence(relation, graph)
        return float(value.value) if value is not None else 0.0

    def date(self, graph: ox.NamedNode):
        if graph not in self._dates:
            self._dates[graph] = self._first(graph, DATE, graph)
        return self._dates[graph]

    def title(self, graph: ox.NamedNode):
        if graph not in self._titles:
            self._titles[graph] = self._first(graph, TITLE, graph)
        return self._titles[graph]

    def label(self, actor) -> str | None:
        if actor not in self._labels:
            label = self._first(actor, LABEL, ACTORS_GRAPH)
            self._labels[actor] = None if label is None else label.value
        return self._labels[actor]

    def _evidence(
        self, relation: ox.NamedNode, graph: ox.NamedNode, direction: str, event_type: str | None, predicate: str | None
    ) -> tuple[ox.NamedNode, dict, ox.NamedNode | None] | None:
        """The other party, the REQUIRED values and the event type of a relation, or None when it
        fails the filters (checked first: a relation that fails them costs one lookup) or lacks one."""
        event: ox.NamedNode | None = None
        if event_type is not None:
            if ox.NamedNode(event_type) not in self._values(relation, EVENT_TYPE, graph):
                return None
            event = ox.NamedNode(event_type)
        if predicate is not None and ox.Literal(predicate) not in self._values(relation, PREDICATE_LABEL, graph):
            return None
        other = self._first(relation, OBJECT if direction == "outgoing" else SUBJECT, graph)
        values = {"predicateLabel": ox.Literal(predicate)} if predicate is not None else {}
        for name, iri in REQUIRED.items():
            if name == "confidence":
                values[name] = self._confidence(relation, graph)
            elif name not in values:
                values[name] = self._first(relation, iri, graph)
        if other is None or any(v is None for v in values.values()):
            return None
        if event_type is None:
            event = self._first(relation, EVENT_TYPE, graph)
        return other, values, event

    def listed(
        self,
        relation: ox.NamedNode,
        graph: ox.NamedNode,
        direction: str,
        event_type: str | None,
        predicate: str | None,
        asserted_only: bool,
        min_confidence: float | None,
    ) -> bool:
        """Whether :meth:`relation` would give a row that qualifies, without building it."""
        found = self._evidence(relation, graph, direction, event_type, predicate)
        if found is None:
            return False
        values = found[1]
        polarity = {"negated": values["negated"].value == "true", "confidence": float(values["confidence"].value)}
        polarity["modality"] = values["modality"].value.removeprefix(NG).lower()
        if not _qualifies(polarity, asserted_only, min_confidence):
            return False
        return any(True for _ in self.store.quads_for_pattern(values["source"], TEXT, None, graph))

    def relation(
        self,
        relation: ox.NamedNode,
        graph: ox.NamedNode,
        actor: ox.NamedNode,
        direction: str,
        event_type: str | None,
        predicate: str | None,
    ) -> dict | None:
        """The row for one relation of ``actor``, or None when it lacks evidence or fails a filter."""
        found = self._evidence(relation, graph, direction, event_type, predicate)
        if found is None:
            return None
        other, values, event = found
        sentence = self._first(values["source"], TEXT, graph)
        if sentence is None:
            return None
        subject, object_ = (actor, other) if direction == "outgoing" else (other, actor)
        title, date = self.title(graph), self.date(graph)
        row = {
            "relation": relation.value,
            "direction": direction,
            "subject": self._party(subject),
            "predicate": values["predicateLabel"].value,
            "predicate_iri": values["predicate"].value,
            "event_type": event.value.rsplit("/", 1)[-1] if event is not None else None,
            "object": self._party(object_),
            "article": {
                "id": graph.value.removeprefix(ARTICLE),
                "iri": graph.value,
                "title": None if title is None else title.value,
                "date": None if date is None else date.value,
            },
            "sentence": sentence.value,
            "trigger": values["trigger"].value,
            "confidence": float(values["confidence"].value),
            "negated": values["negated"].value == "true",
            "modality": values["modality"].value.removeprefix(NG).lower(),
        }
        row["actor"] = row["object"] if direction == "outgoing" else row["subject"]
        return row

    def _party(self, node) -> dict:
        return {"id": node.value.removeprefix(ACTOR), "iri": node.value, "label": self.label(node)}


__all__ = ["NotFound", "TooMany", "actor_relations", "actor_relations_json", "find_actor"]
