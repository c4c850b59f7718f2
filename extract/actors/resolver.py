"""The actor resolver: the families of rules composed, registered in spaCy's registry under a versioned name."""

from __future__ import annotations

from spacy.util import registry

from extract.actors.coreference import CoreferenceMixin
from extract.actors.groups import GroupsMixin
from extract.actors.linking import LinkingMixin
from extract.actors.names import NamesMixin
from extract.actors.offices import OfficesMixin
from extract.actors.repairs import RepairsMixin
from extract.actors.sides import SidesMixin
from extract.actors.speakers import SpeakersMixin

RESOLVER_NAME = "newsgraph.ActorResolver.v18"


class ActorResolver(
    NamesMixin, LinkingMixin, GroupsMixin, CoreferenceMixin, SpeakersMixin, SidesMixin, RepairsMixin, OfficesMixin
):
    """Stateful resolution of one document's mentions, in reading order."""


@registry.misc(RESOLVER_NAME)
def actor_resolver() -> type[ActorResolver]:
    """The resolver class the ``newsgraph_actors`` component instantiates once per document."""
    return ActorResolver


__all__ = ["RESOLVER_NAME", "ActorResolver", "actor_resolver"]
