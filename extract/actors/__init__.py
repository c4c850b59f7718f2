"""The ``newsgraph_actors`` component: find actor mentions and resolve each to a canonical actor.

Named entities give the mentions, with an exact-match pass over the aliases the small model
misses (``ontologies/lexicon/aliases.tsv``: "Daesh", "U.N."); the reference data
(:mod:`extract.reference`) canonicalises them (``Miguel Diaz-Canel`` → ``Miguel Díaz-Canel``,
Q1932603); titles and demonyms around a name give role and country (``Cuban President``).
Demonyms stand for their country ("British officials", "an Indian proposal") or give a group its
country ("Afghan rebels"); agent nouns name groups ("Security forces in Guinea", "coalition
operations"), and a people without a state is a group ("Iraqi Kurds"). A body possessed by a
named actor is that actor ("Putin's administration", "the Assad regime", "the Government of
Iraq"). Surnames, definite descriptions (``the Russian leader``, ``the Coalition`` after ``the
Global Coalition``) and pronouns are resolved to earlier mentions of the same article ("we" to
the speaker's side, "I" to the statement's author); an office named with no holder in sight
becomes an unnamed office holder ("The Foreign Secretary"). The tagger's usual slips are
mended: an office taken for an organisation ("Secretary of State"), a list of names taken for
one, a demonym or a plural agent noun taken for a name or a place. The result is
``doc._.mentions``: spans, in order, each with ``span._.actor``.

The package holds one family of rules a module: :mod:`~extract.actors.names` (named entities),
:mod:`~extract.actors.linking` (links to the reference data), :mod:`~extract.actors.groups`
(demonyms, agent nouns, bodies), :mod:`~extract.actors.coreference` (descriptions and pronouns),
:mod:`~extract.actors.speakers` (who speaks, to whom: quotations, bylines, transcript turns),
:mod:`~extract.actors.sides` (whom a speaker's "we" stands for), :mod:`~extract.actors.repairs`
(the tagger's slips); :mod:`~extract.actors.component` registers
the spaCy factory ``newsgraph_actors``.
"""

from __future__ import annotations

from extract.actors.component import ActorsComponent, make_actors
from extract.actors.repairs import place_before_conjunction
from extract.actors.resolver import RESOLVER_NAME, ActorResolver

__all__ = ["RESOLVER_NAME", "ActorResolver", "ActorsComponent", "make_actors", "place_before_conjunction"]
