"""The named queries the API and CLI ask, with user values bound as terms, never pasted as text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pyoxigraph import Literal, NamedNode

from graph.errors import NotFoundError
from graph.store import Store
from graph.terms import (
    ACTOR,
    ACTORS_GRAPH,
    NG,
    PREFIXES,
    WD,
    XSD_DATE,
    XSD_DECIMAL,
    actor_iri,
    article_iri,
)

PROLOGUE = "\n".join(f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items()) + "\n"
_QID = re.compile(r"^Q[1-9][0-9]*$")


def _value(term) -> str | None:
    return None if term is None else term.value


def actor_reference(value: str) -> tuple[str, str]:
    """How to look up the actor a client names: ``("qid", "Q7747")`` or ``("iri", IRI)`` (for a slug or an IRI).

    Args:
        value: a slug, an actor IRI or a Wikidata QID, as the client wrote it.

    Returns:
        ``(kind, key)``, whether or not the store knows the actor.

    Raises:
        NotFoundError: when ``value`` cannot name an actor (not even a valid IRI).

    >>> actor_reference("vladimir-putin")
    ('iri', 'https://w3id.org/newsgraph/actor/vladimir-putin')
    """
    if _QID.match(value):
        return ("qid", value)
    try:
        iri = NamedNode(value) if value.startswith(("http://", "https://")) else actor_iri(value)
    except ValueError:  # not even a valid IRI, so certainly no actor
        raise NotFoundError(f"no actor {value!r}") from None
    return ("iri", iri.value)


def resolve_actor(store: Store, value: str) -> NamedNode:
    """The actor IRI for a slug, an actor IRI, or a Wikidata QID (``Q7747``).

    Args:
        store: the store.
        value: what the client wrote.

    Returns:
        The IRI of an actor the actors graph describes.

    Raises:
        NotFoundError: when no actor matches.

    >>> from graph.store import open_store
    >>> resolve_actor(open_store("memory:"), "Q7747")
    Traceback (most recent call last):
    ...
    graph.errors.NotFoundError: no actor with Wikidata ID Q7747
    """
    kind, key = actor_reference(value)
    if kind == "qid":
        rows = list(
            store.select(  # a list: the result must not outlive this thread in a traceback
                PROLOGUE + f"SELECT ?a ?wd WHERE {{ GRAPH <{ACTORS_GRAPH.value}> {{ ?a owl:sameAs ?wd }} }} LIMIT 1",
                substitutions={"wd": NamedNode(WD + key)},
            )
        )
        for row in rows:
            return row["a"]
        raise NotFoundError(f"no actor with Wikidata ID {key}")
    iri = NamedNode(key)
    if not store.ask(f"ASK {{ GRAPH <{ACTORS_GRAPH.value}> {{ ?a a <{NG}Actor> }} }}", substitutions={"a": iri}):
        raise NotFoundError(f"no actor {value!r}")
    return iri


def actor_label(store: Store, actor: NamedNode) -> str | None:
    """An actor's label in the actors graph.

    Args:
        store: the store.
        actor: the actor's IRI.

    Returns:
        The label, or None for an actor without one.

    >>> from graph.store import open_store
    >>> actor_label(open_store("memory:"), actor_iri("nobody")) is None
    True
    """
    rows = store.select(
        PROLOGUE + f"SELECT ?a ?l WHERE {{ GRAPH <{ACTORS_GRAPH.value}> {{ ?a rdfs:label ?l }} }}",
        substitutions={"a": actor},
    )
    for r in rows:
        return r["l"].value
    return None


# --- Serving queries (REST API). Filters choose fixed query fragments; their values are bound
# --- as terms through substitutions (projected, as pyoxigraph requires), never pasted as text.

# "What happened": asserted, not negated (what graph.mapping states as a direct triple).
ASSERTED = "?relation ng:negated false ; ng:modality ng:Asserted ."


def values(**terms: NamedNode | Literal) -> str:
    r"""``VALUES`` clauses binding variables to RDF terms (SPARQL's own inline bindings).

    Only pyoxigraph terms are accepted, never strings: a term was validated when it was built and
    its N-Triples form escapes everything, so user input cannot change the query. pyoxigraph uses
    VALUES in its index lookups, while its ``substitutions`` bind afterwards (an actor's relations
    on a 1M-triple graph: seconds with substitutions, milliseconds with VALUES).

    >>> values(q=Literal('x" } DROP ALL {')) == 'VALUES ?q { "x\\" } DROP ALL {" }'
    True
    """
    clauses = []
    for name, term in terms.items():
        if not isinstance(term, (NamedNode, Literal)):
            raise TypeError(f"{name}: bind an RDF term, not {type(term).__name__}")
        clauses.append(f"VALUES ?{name} {{ {term} }}")
    return " ".join(clauses)


def _page(limit: int, offset: int) -> str:
    return f"LIMIT {int(limit)} OFFSET {int(offset)}"


def actor_detail(store: Store, actor: NamedNode) -> dict:
    """An actor's labels, types, roles, country, Wikidata ID and counts.

    Args:
        store: the store.
        actor: the actor's IRI (see :func:`resolve_actor`).

    Returns:
        A dict; ``counts`` has ``articles``, ``outgoing`` and ``incoming`` relations.

    Raises:
        NotFoundError: when the store does not describe ``actor``.

    >>> from graph.store import open_store
    >>> actor_detail(open_store("memory:"), actor_iri("nobody"))
    Traceback (most recent call last):
    ...
    graph.errors.NotFoundError: no actor https://w3id.org/newsgraph/actor/nobody
    """
    rows = list(
        store.select(
            PROLOGUE
            + f"""
        SELECT ?p ?o ?roleLabel ?countryLabel WHERE {{
          {values(a=actor)}
          GRAPH <{ACTORS_GRAPH.value}> {{ ?a ?p ?o }}
          OPTIONAL {{ FILTER(?p = ng:holdsRole) GRAPH ?rg {{ ?o rdfs:label ?roleLabel }} }}
          OPTIONAL {{ FILTER(?p = ng:country) GRAPH ?cg {{ ?o rdfs:label ?countryLabel }} }}
        }}"""
        )
    )
    if not rows:
        raise NotFoundError(f"no actor {actor.value}")
    detail: dict = {
        "id": actor.value.removeprefix(ACTOR),
        "iri": actor.value,
        "label": None,
        "alt_labels": [],
        "types": [],
        "roles": [],
        "country": None,
        "wikidata": None,
    }
    for r in rows:
        p, o = r["p"].value, r["o"]
        if p == PREFIXES["rdfs"] + "label":
            detail["label"] = o.value
        elif p == PREFIXES["skos"] + "altLabel":
            detail["alt_labels"].append(o.value)
        elif p == PREFIXES["rdf"] + "type" and o.value != NG + "Actor":
            detail["types"].append(o.value.removeprefix(NG))
        elif p == NG + "holdsRole":
            detail["roles"].append({"iri": o.value, "label": _value(r["roleLabel"])})
        elif p == NG + "country":
            detail["country"] = {"id": o.value.removeprefix(ACTOR), "iri": o.value, "label": _value(r["countryLabel"])}
        elif p == PREFIXES["owl"] + "sameAs" and o.value.startswith(WD):
            detail["wikidata"] = o.value.removeprefix(WD)
    roles = store.select(
        PROLOGUE
        + f"""SELECT DISTINCT ?role ?label WHERE {{ {values(a=actor)}
        GRAPH ?g {{ ?a ng:holdsRole ?role }} OPTIONAL {{ GRAPH ?rg {{ ?role rdfs:label ?label }} }} }}"""
    )
    known = {r["iri"] for r in detail["roles"]}
    detail["roles"] += [
        {"iri": r["role"].value, "label": _value(r["label"])}
        for r in roles  # held per article
        if r["role"].value not in known
    ]
    aliases = store.select(PROLOGUE + f"SELECT ?alt WHERE {{ {values(a=actor)} GRAPH ?g {{ ?a skos:altLabel ?alt }} }}")
    detail["alt_labels"] = sorted(set(detail["alt_labels"]) | {r["alt"].value for r in aliases})  # per article
    counts = next(
        iter(
            store.select(
                PROLOGUE
                + """
        SELECT ?a (COUNT(DISTINCT ?g) AS ?articles) (COUNT(DISTINCT ?out) AS ?outgoing)
               (COUNT(DISTINCT ?in) AS ?incoming) WHERE {
          { GRAPH ?g { ?a ng:mentionedIn ?g } } UNION { GRAPH ?x { ?out ng:subject ?a } }
          UNION { GRAPH ?y { ?in ng:object ?a } }
        } GROUP BY ?a""",
                substitutions={"a": actor},
            )
        ),
        None,
    )
    detail["counts"] = {k: int(counts[k].value) if counts else 0 for k in ("articles", "outgoing", "incoming")}
    return detail


def _relation_row(r) -> dict:
    event = _value(r["eventType"])
    return {
        "relation": r["relation"].value,
        "direction": _value(r["direction"]),
        "subject": {
            "id": r["subject"].value.removeprefix(ACTOR),
            "iri": r["subject"].value,
            "label": _value(r["subjectLabel"]),
        },
        "predicate": r["predicateLabel"].value,
        "predicate_iri": r["predicate"].value,
        "event_type": event.rsplit("/", 1)[-1] if event else None,
        "object": {
            "id": r["object"].value.removeprefix(ACTOR),
            "iri": r["object"].value,
            "label": _value(r["objectLabel"]),
        },
        "article": {
            "id": r["article"].value.removeprefix(ARTICLE_NS),
            "iri": r["article"].value,
            "title": _value(r["title"]),
            "date": _value(r["date"]),
        },
        "sentence": r["sentence"].value,
        "trigger": r["trigger"].value,
        "confidence": float(r["confidence"].value),
        "negated": r["negated"].value == "true",
        "modality": r["modality"].value.removeprefix(NG).lower(),
    }


ARTICLE_NS = PREFIXES["article"]
DIRECTIONS = ("both", "outgoing", "incoming")


def find_relations(
    store: Store,
    *,
    actor: NamedNode | None = None,
    direction: str = "both",
    event_type: str | None = None,
    predicate: str | None = None,
    since: str | None = None,
    until: str | None = None,
    article: NamedNode | None = None,
    asserted_only: bool = False,
    min_confidence: float | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict]:
    """Relations with their evidence sentence and article, newest article first, then most confident, filtered.

    Args:
        store: the store.
        actor: only relations this actor takes part in (then each row has a ``direction``).
        direction: ``both``, ``outgoing`` (actor is the subject) or ``incoming``.
        event_type: a PLOVER category (``CONSULT``).
        predicate: a surface predicate (``called``).
        since: earliest article date (``YYYY-MM-DD``), inclusive.
        until: latest article date, inclusive.
        article: only relations of this article graph.
        asserted_only: leave out negated, intended and hypothetical relations.
        min_confidence: leave out relations of lower confidence.
        limit: page size.
        offset: rows to skip.

    Returns:
        Dicts with subject, predicate, object, event type, article and evidence.

    Raises:
        ValueError: for an unknown direction.

    >>> from graph.store import open_store
    >>> find_relations(open_store("memory:"), predicate="called")
    []
    """
    filters = _Filters(actor, direction, event_type, predicate, since, until, article, asserted_only, min_confidence)
    return _relations(store, filters, limit, offset, counted=False)[0]


def relations_page(store: Store, *, limit: int = 100, offset: int = 0, **filters: Any) -> tuple[list[dict], int]:
    """One page of :func:`find_relations` and how many relations all pages hold.

    Without an actor the total comes with the page's own query (the relations are chosen before
    the page is cut); for an actor it is a :func:`count_relations` (about 1 ms on a 1M-quad graph).

    Args:
        store: the store.
        limit: page size.
        offset: rows to skip.
        filters: :func:`find_relations`' filters (``actor``, ``event_type``, ``since``...).

    Returns:
        ``(rows, total)``.

    Raises:
        ValueError: for an unknown direction.

    >>> from graph.store import open_store
    >>> relations_page(open_store("memory:"), asserted_only=True, limit=10)
    ([], 0)
    """
    rows, total = _relations(store, _Filters(**filters), limit, offset, counted=True)
    return rows, total or 0  # counted: never None


@dataclass(frozen=True, slots=True)
class _Filters:
    actor: NamedNode | None = None
    direction: str = "both"
    event_type: str | None = None
    predicate: str | None = None
    since: str | None = None
    until: str | None = None
    article: NamedNode | None = None
    asserted_only: bool = False
    min_confidence: float | None = None

    def __post_init__(self) -> None:
        if self.direction not in DIRECTIONS:
            raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}")


def _relations(store: Store, f: _Filters, limit: int, offset: int, counted: bool) -> tuple[list[dict], int | None]:
    """:func:`find_relations`' page, and (when ``counted``) the total of :func:`relations_page`."""
    actor, direction, event_type = f.actor, f.direction, f.event_type
    subs, filters = _relation_filters(event_type, f.predicate, f.article, f.since, f.until)
    asserted_only, min_confidence = f.asserted_only, f.min_confidence
    qualified, at_least = _qualified(asserted_only, min_confidence, subs)
    evidence = _evidence(event_type)
    optional = "" if event_type else "OPTIONAL { GRAPH ?article { ?relation ng:eventType ?eventType } }"
    optional += """ OPTIONAL { GRAPH ?article { ?article dcterms:title ?title } }
          OPTIONAL { GRAPH ?article { ?article dcterms:date ?date } }"""
    # Bindings go inside each branch, next to the patterns they restrict; required evidence sits in the
    # same GRAPH block, OPTIONALs outside it: pyoxigraph does not push bindings into a UNION, joins two
    # GRAPH blocks badly, and evaluates an OPTIONAL inside a GRAPH block over the whole store (seconds
    # or tens of ms instead of about one ms on a 1M-triple graph).
    total = None
    if actor is not None:
        core = _actor_branches(actor, direction, values(**subs), evidence, qualified, at_least)
        if counted:
            total = _count(store, f)
    else:
        page, total = _relation_page(store, subs, limit, offset, (qualified, at_least))
        if not page:
            return [], total
        # the page's relations only: the evidence joins and the sort then cost per row shown, not per row stored
        chosen = "VALUES ?relation { " + " ".join(str(r) for r in page) + " }"
        core = f"{chosen} GRAPH ?article {{ ?relation ng:subject ?subject ; ng:object ?object . {evidence} }}"
        filters, limit, offset = [], len(page), 0
    rows = store.select(
        PROLOGUE
        + f"""
        SELECT ?relation ?direction ?subject ?subjectLabel ?predicate ?predicateLabel ?eventType ?object ?objectLabel
               ?article ?title ?date ?sentence ?trigger ?confidence ?negated ?modality WHERE {{
          {core}
          {optional}
          {" ".join(filters)}
          OPTIONAL {{ GRAPH <{ACTORS_GRAPH.value}> {{ ?subject rdfs:label ?subjectLabel }} }}
          OPTIONAL {{ GRAPH <{ACTORS_GRAPH.value}> {{ ?object rdfs:label ?objectLabel }} }}
        }}
        ORDER BY DESC(?date) ?article DESC(?confidence) ?relation
        {_page(limit, offset)}"""
    )
    out = [_relation_row(r) for r in rows]
    for row in out:
        if row["direction"] is not None:  # the other party, seen from ``actor``
            row["actor"] = row["object"] if row["direction"] == "outgoing" else row["subject"]
    return out, total


def count_relations(
    store: Store,
    *,
    actor: NamedNode | None = None,
    direction: str = "both",
    event_type: str | None = None,
    predicate: str | None = None,
    since: str | None = None,
    until: str | None = None,
    article: NamedNode | None = None,
    asserted_only: bool = False,
    min_confidence: float | None = None,
) -> int:
    """How many relations :func:`find_relations` lists across all pages, under the same filters.

    One ``COUNT`` over the patterns that choose the listed relations (for an actor, its relations
    with their evidence; otherwise the relations of :func:`_relation_page`), without the evidence's
    text, labels or sort.

    Args:
        store: the store.
        actor: only relations this actor takes part in.
        direction: ``both``, ``outgoing`` (actor is the subject) or ``incoming``.
        event_type: a PLOVER category (``CONSULT``).
        predicate: a surface predicate (``called``).
        since: earliest article date (``YYYY-MM-DD``), inclusive.
        until: latest article date, inclusive.
        article: only relations of this article graph.
        asserted_only: leave out negated, intended and hypothetical relations.
        min_confidence: leave out relations of lower confidence.

    Returns:
        The number of relations.

    Raises:
        ValueError: for an unknown direction.

    >>> from graph.store import open_store
    >>> count_relations(open_store("memory:"), predicate="called", asserted_only=True)
    0
    """
    filters = _Filters(actor, direction, event_type, predicate, since, until, article, asserted_only, min_confidence)
    return _count(store, filters)


def _count(store: Store, f: _Filters) -> int:
    """:func:`count_relations` of filters already checked."""
    event_type, predicate = f.event_type, f.predicate
    subs, filters = _relation_filters(event_type, predicate, f.article, f.since, f.until)
    qualified, at_least = _qualified(f.asserted_only, f.min_confidence, subs)
    if f.actor is not None:
        core = _actor_branches(f.actor, f.direction, values(**subs), _evidence(event_type), qualified, at_least)
    else:
        core = f"""{values(**subs)}
          GRAPH ?article {{ ?relation ng:subject ?subject ; ng:object ?object ; ng:confidence ?confidence .
            {"?relation ng:eventType ?eventType ." if event_type else ""}
            {"?relation ng:predicateLabel ?predicateLabel ." if predicate else ""}
            {qualified} }} {at_least} GRAPH ?article {{ ?article a ng:Article }}"""
    dated = "OPTIONAL { GRAPH ?article { ?article dcterms:date ?date } }" if filters else ""
    rows = store.select(PROLOGUE + f"SELECT (COUNT(*) AS ?n) WHERE {{ {core} {dated} {' '.join(filters)} }}")
    return next((int(row["n"].value) for row in rows), 0)


def _evidence(event_type: str | None) -> str:
    """The patterns every listed relation's evidence must match, inside its article's GRAPH block."""
    return f"""
            ?relation ng:predicate ?predicate ; ng:predicateLabel ?predicateLabel ; ng:trigger ?trigger ;
                      ng:confidence ?confidence ; ng:negated ?negated ; ng:modality ?modality ;
                      prov:wasDerivedFrom ?s .
            ?s ng:text ?sentence . {"?relation ng:eventType ?eventType ." if event_type else ""}"""


def _actor_branches(actor: NamedNode, direction: str, bound: str, evidence: str, qualified: str, at_least: str) -> str:
    """The UNION of an actor's outgoing and incoming relations (or one of them), each branch with its
    bindings next to the patterns they restrict."""
    branches = []
    if direction in ("both", "outgoing"):
        branches.append(f"""{{ {values(actor=actor)} {bound}
            GRAPH ?article {{ ?relation ng:subject ?actor ; ng:object ?object . {evidence} {qualified} }}
            {at_least} BIND(?actor AS ?subject) BIND("outgoing" AS ?direction) }}""")
    if direction in ("both", "incoming"):
        branches.append(f"""{{ {values(actor=actor)} {bound}
            GRAPH ?article {{ ?relation ng:object ?actor ; ng:subject ?subject . {evidence} {qualified} }}
            {at_least} BIND(?actor AS ?object) BIND("incoming" AS ?direction) }}""")
    return " UNION ".join(branches)


def _qualified(asserted_only: bool, min_confidence: float | None, subs: dict) -> tuple[str, str]:
    """The polarity and confidence filters: patterns for inside the relation's GRAPH block, and a FILTER
    for outside it, where ``?minConfidence`` (added to ``subs``, the caller's VALUES) is in scope."""
    patterns = [ASSERTED] if asserted_only else []
    if min_confidence is None:
        return " ".join(patterns), ""
    subs["minConfidence"] = Literal(f"{min_confidence:.6f}", datatype=XSD_DECIMAL)
    patterns.append("?relation ng:confidence ?confidence .")
    return " ".join(patterns), "FILTER(?confidence >= ?minConfidence)"


def _relation_filters(
    event_type: str | None, predicate: str | None, article: NamedNode | None, since: str | None, until: str | None
) -> tuple[dict[str, NamedNode | Literal], list[str]]:
    """The terms :func:`find_relations` binds for its filters, and the FILTER clauses on dates."""
    subs: dict[str, NamedNode | Literal] = {}
    filters = []
    if event_type:
        subs["eventType"] = NamedNode(PREFIXES["plover"] + event_type.upper())
    if predicate:
        subs["predicateLabel"] = Literal(predicate)
    if article is not None:
        subs["article"] = article
    if since:
        subs["since"] = Literal(since, datatype=XSD_DATE)
        filters.append("FILTER(BOUND(?date) && ?date >= ?since)")
    if until:
        subs["until"] = Literal(until, datatype=XSD_DATE)
        filters.append("FILTER(BOUND(?date) && ?date <= ?until)")
    return subs, filters


def _relation_page(
    store: Store, subs: dict, limit: int, offset: int, qualified: tuple[str, str] = ("", "")
) -> tuple[list[NamedNode], int]:
    """One page of relation IRIs in :func:`find_relations`' order (article date, newest first; article;
    confidence, highest first; relation), under the filters bound in ``subs``, and the relations of
    all pages.

    Sorting every relation with its evidence took seconds on a 1M-triple graph; sorting the articles
    and listing the relations' IRIs takes a fraction of that.
    """
    dates = {name: subs[name] for name in ("since", "until", "article") if name in subs}
    articles = [
        row["article"]
        for row in store.select(
            PROLOGUE
            + f"""
        SELECT ?article WHERE {{ {values(**dates)}
          GRAPH ?article {{ ?article a ng:Article OPTIONAL {{ ?article dcterms:date ?date }} }}
          {"FILTER(BOUND(?date) && ?date >= ?since)" if "since" in subs else ""}
          {"FILTER(BOUND(?date) && ?date <= ?until)" if "until" in subs else ""}
        }} ORDER BY DESC(?date) ?article"""
        )
    ]
    terms = {name: subs[name] for name in ("eventType", "predicateLabel", "article", "minConfidence") if name in subs}
    by_article: dict[NamedNode, list[tuple[float, NamedNode]]] = {}
    for row in store.select(
        PROLOGUE
        + f"""
        SELECT ?relation ?article ?confidence WHERE {{ {values(**terms)}
          GRAPH ?article {{ ?relation ng:subject ?subject ; ng:object ?object ; ng:confidence ?confidence .
            {"?relation ng:eventType ?eventType ." if "eventType" in subs else ""}
            {"?relation ng:predicateLabel ?predicateLabel ." if "predicateLabel" in subs else ""}
            {qualified[0]} }} {qualified[1]} }}"""
    ):
        by_article.setdefault(row["article"], []).append((float(row["confidence"].value), row["relation"]))
    page: list[NamedNode] = []
    for article in articles:
        relations = [r for _, r in sorted(by_article.get(article, ()), key=lambda cr: (-cr[0], cr[1].value))]
        if offset >= len(relations):
            offset -= len(relations)
            continue
        page += relations[offset : offset + limit - len(page)]
        offset = 0
        if len(page) == limit:
            break
    return page, sum(len(by_article.get(article, ())) for article in articles)


def find_articles(store: Store, limit: int = 50, offset: int = 0, article: NamedNode | None = None) -> list[dict]:
    """Articles with their metadata and relation count, newest first (or just ``article``).

    Args:
        store: the store.
        limit: page size.
        offset: articles to skip.
        article: only this article graph.

    Returns:
        Dicts with ``id``, ``iri``, ``title``, ``date``, ``url``, ``source`` and ``relations`` (a count).

    >>> from graph.store import open_store
    >>> find_articles(open_store("memory:"))
    []
    """
    subs = {"g": article} if article is not None else {}
    rows = store.select(
        PROLOGUE
        + f"""
        SELECT ?g ?id ?title ?date ?url ?source (COUNT(DISTINCT ?r) AS ?relations) WHERE {{
          GRAPH ?g {{
            ?g a ng:Article ; dcterms:identifier ?id .
            OPTIONAL {{ ?g dcterms:title ?title }} OPTIONAL {{ ?g dcterms:date ?date }}
            OPTIONAL {{ ?g schema:url ?url }} OPTIONAL {{ ?g ng:source ?source }}
            OPTIONAL {{ ?r a ng:Relation }}
          }}
        }} GROUP BY ?g ?id ?title ?date ?url ?source
        ORDER BY DESC(?date) ?g
        {_page(limit, offset)}""",
        substitutions=subs,
    )
    return [
        {
            "id": r["id"].value,
            "iri": r["g"].value,
            "title": _value(r["title"]),
            "date": _value(r["date"]),
            "url": _value(r["url"]),
            "source": _value(r["source"]),
            "relations": int(r["relations"].value),
        }
        for r in rows
    ]


def article_sentences(store: Store, article: NamedNode) -> list[dict]:
    """Every stored sentence of an article, in order, with its character offsets into the text.

    Args:
        store: the store.
        article: the article's graph IRI.

    Returns:
        ``{"index", "start", "end", "text"}`` per sentence (an article stored before every
        sentence was kept has only its evidence sentences).

    >>> from extract.records import Article, Extraction, Sentence
    >>> from graph.mapping import article_quads
    >>> from graph.store import open_store
    >>> text = "Putin spoke. Nobody listened."
    >>> sentences = [Sentence(0, 0, 12, text[:12]), Sentence(1, 13, 29, text[13:])]
    >>> quads = article_quads(Extraction(Article("a1", text), sentences))
    >>> store = open_store("memory:")
    >>> store.replace_graph(quads.graph, quads.article, quads.shared)
    >>> article_sentences(store, quads.graph)[1]
    {'index': 1, 'start': 13, 'end': 29, 'text': 'Nobody listened.'}
    """
    rows = store.select(
        PROLOGUE
        + f"""SELECT ?index ?start ?end ?text WHERE {{ {values(article=article)}
          GRAPH ?article {{ ?s a ng:Sentence ; dcterms:isPartOf ?article ; ng:index ?index ;
                            ng:startOffset ?start ; ng:endOffset ?end ; ng:text ?text }} }}"""
    )
    out = [
        {
            "index": int(r["index"].value),
            "start": int(r["start"].value),
            "end": int(r["end"].value),
            "text": r["text"].value,
        }
        for r in rows
    ]
    return sorted(out, key=lambda s: s["index"])


def relation_offsets(store: Store, article: NamedNode) -> dict[str, dict]:
    """Where each relation of an article sits in its text: its sentence, trigger and arguments.

    Args:
        store: the store.
        article: the article's graph IRI.

    Returns:
        Relation IRI → ``{"sentence": index, "trigger": {"start", "end"}, "subject": {...},
        "object": {...} or None}`` (character offsets into the article text).

    >>> from graph.store import open_store
    >>> relation_offsets(open_store("memory:"), article_iri("a1"))
    {}
    """
    rows = store.select(
        PROLOGUE
        + f"""SELECT ?relation ?index ?start ?end ?subjectStart ?subjectEnd ?objectStart ?objectEnd WHERE {{
          {values(article=article)}
          GRAPH ?article {{ ?relation a ng:Relation ; ng:startOffset ?start ; ng:endOffset ?end ;
                ng:subjectStart ?subjectStart ; ng:subjectEnd ?subjectEnd ; prov:wasDerivedFrom ?s .
            ?s ng:index ?index
            OPTIONAL {{ ?relation ng:objectStart ?objectStart ; ng:objectEnd ?objectEnd }} }} }}"""
    )

    def span(row, start: str, end: str) -> dict | None:
        if row[start] is None or row[end] is None:
            return None
        return {"start": int(row[start].value), "end": int(row[end].value)}

    return {
        r["relation"].value: {
            "sentence": int(r["index"].value),
            "trigger": span(r, "start", "end"),
            "subject": span(r, "subjectStart", "subjectEnd"),
            "object": span(r, "objectStart", "objectEnd"),
        }
        for r in rows
    }


def article_reference(value: str) -> NamedNode:
    """The article graph an article id or IRI names (whether or not the store holds it).

    Only IRIs in the article namespace name articles; any other value is an article's id (which
    may be a URL), so a shared graph (``graph/actors``...) is never taken for an article.

    Args:
        value: an article id or IRI, as a client wrote it.

    Returns:
        The IRI of the article's graph.

    Raises:
        NotFoundError: for an article-namespace IRI that is not a valid IRI.

    >>> article_reference("000_8ba8fdaa8bbfb1fc.txt").value
    'https://w3id.org/newsgraph/article/000_8ba8fdaa8bbfb1fc.txt'
    >>> article_reference("https://w3id.org/newsgraph/graph/actors").value  # an id, not the actors graph
    'https://w3id.org/newsgraph/article/https%3A%2F%2Fw3id.org%2Fnewsgraph%2Fgraph%2Factors'
    """
    if not value.startswith(ARTICLE_NS):
        return article_iri(value)
    try:
        return NamedNode(value)
    except ValueError:
        raise NotFoundError(f"no article {value!r}") from None


def resolve_article(store: Store, value: str) -> NamedNode:
    """The article graph for an article id or IRI (see :func:`article_reference`).

    Args:
        store: the store.
        value: what the client wrote.

    Returns:
        The IRI of an article graph the store holds.

    Raises:
        NotFoundError: when the store holds no such article.

    >>> from graph.store import open_store
    >>> resolve_article(open_store("memory:"), "a1")
    Traceback (most recent call last):
    ...
    graph.errors.NotFoundError: no article 'a1'
    """
    iri = article_reference(value)
    if not store.has_graph(iri):
        raise NotFoundError(f"no article {value!r}")
    return iri


def actor_relations_document(store: Store, request: dict) -> bytes:
    """The relations route's JSON document through SPARQL, for any store: what the query workers
    answer from Oxigraph's indexes (``graph/relation_reader.py``) for a ``RelationsJob`` request.

    Args:
        store: the store.
        request: the job's fields (``graph.executor.RelationsJob.request()``).

    Returns:
        The JSON document, as bytes: ``actor``, then the list envelope's ``items``, ``total`` and
        ``next``, last and null (the route fills it in: ``api.models.with_next``).

    Raises:
        NotFoundError: for an unknown actor or article.

    >>> from graph.store import open_store
    >>> actor_relations_document(open_store("memory:"), {"actor": ("qid", "Q1", "Q1")})
    Traceback (most recent call last):
    ...
    graph.errors.NotFoundError: no actor with Wikidata ID Q1
    """
    import json

    actor = resolve_actor(store, request["actor"][-1])
    article = None
    if request.get("article") is not None:
        iri, asked = request["article"]
        article = NamedNode(iri)
        if not store.has_graph(article):
            raise NotFoundError(f"no article {asked!r}")
    event_type = request.get("event_type")
    filters = {
        "actor": actor,
        "direction": request.get("direction", "both"),
        "event_type": event_type.rsplit("/", 1)[-1] if event_type else None,
        "predicate": request.get("predicate"),
        "since": request.get("since"),
        "until": request.get("until"),
        "article": article,
        "asserted_only": request.get("asserted_only", False),
        "min_confidence": request.get("min_confidence"),
    }
    rows = find_relations(store, **filters, limit=request.get("limit", 100), offset=request.get("offset", 0))
    party = {"id": actor.value.removeprefix(ACTOR), "iri": actor.value, "label": actor_label(store, actor)}
    document = {"actor": party, "items": rows, "total": count_relations(store, **filters), "next": None}
    return json.dumps(document, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


def statistics(store: Store) -> dict:
    """Counts of quads, articles, actors, relations, and relations per event type.

    Args:
        store: the store.

    Returns:
        ``quads``, ``articles``, ``actors``, ``relations`` and ``event_types`` (relations per PLOVER
        category, ``none`` for untyped ones).

    >>> from graph.store import open_store
    >>> statistics(open_store("memory:"))["articles"]
    0
    """
    row = next(
        iter(
            store.select(
                PROLOGUE
                + """
        SELECT (COUNT(DISTINCT ?g) AS ?articles) WHERE { GRAPH ?g { ?g a ng:Article } }"""
            )
        )
    )
    actors = next(
        iter(
            store.select(
                PROLOGUE
                + f"""
        SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ GRAPH <{ACTORS_GRAPH.value}> {{ ?a a ng:Actor }} }}"""
            )
        )
    )
    by_type = store.select(
        PROLOGUE
        + """
        SELECT ?event (COUNT(?r) AS ?n) WHERE { GRAPH ?g { ?r a ng:Relation OPTIONAL { ?r ng:eventType ?e } } }
        GROUP BY (COALESCE(STR(?e), "") AS ?event) ORDER BY DESC(?n)"""
    )
    types = {(r["event"].value.rsplit("/", 1)[-1] or "none"): int(r["n"].value) for r in by_type}
    return {
        "quads": store.count(),
        "articles": int(row["articles"].value),
        "actors": int(actors["n"].value),
        "relations": sum(types.values()),
        "event_types": types,
    }


def relations_graph(store: Store, relations: list[str]) -> list:
    """The RDF describing the given relation nodes (for RDF answers of the REST API), as quads.

    Args:
        store: the store.
        relations: relation IRIs.

    Returns:
        Quads in the default graph: each relation's properties and its sentence's text.

    >>> from graph.store import open_store
    >>> relations_graph(open_store("memory:"), ["https://w3id.org/newsgraph/relation/x"])
    []
    """
    from pyoxigraph import Quad

    quads = []
    for iri in relations:
        for t in store.construct(
            PROLOGUE
            + """CONSTRUCT { ?r ?p ?o . ?s ng:text ?text } WHERE {
                GRAPH ?g { ?r ?p ?o OPTIONAL { ?r prov:wasDerivedFrom ?s . ?s ng:text ?text } } }""",
            substitutions={"r": NamedNode(iri)},
        ):
            quads.append(Quad(t.subject, t.predicate, t.object))
    return quads


def actor_graph(store: Store, actor: NamedNode) -> list:
    """The actor's description from the actors graph, as triples.

    Args:
        store: the store.
        actor: the actor's IRI.

    Returns:
        Its triples.

    >>> from graph.store import open_store
    >>> actor_graph(open_store("memory:"), actor_iri("nobody"))
    []
    """
    return list(
        store.construct(
            f"CONSTRUCT {{ ?a ?p ?o }} WHERE {{ GRAPH <{ACTORS_GRAPH.value}> {{ ?a ?p ?o }} }}",
            substitutions={"a": actor},
        )
    )


__all__ = [
    "DIRECTIONS",
    "PROLOGUE",
    "actor_detail",
    "actor_reference",
    "actor_relations_document",
    "article_reference",
    "article_sentences",
    "count_relations",
    "actor_graph",
    "actor_label",
    "find_articles",
    "find_relations",
    "relations_page",
    "relation_offsets",
    "relations_graph",
    "resolve_actor",
    "resolve_article",
    "statistics",
]
