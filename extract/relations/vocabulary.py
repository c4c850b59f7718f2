"""The closed word lists and category groups the rules read, and how predicates are named."""

from __future__ import annotations

from functools import cache

from lemminflect import getInflection, getLemma
from spacy.tokens import Token

from extract.lexicon import lexicon_dir, word_class

SUBJECTS = ("nsubj", "csubj")
# Prepositions that introduce the other party of an interaction.
PARTY_PREPOSITIONS = (
    "with",
    "to",
    "against",
    "between",
    "toward",
    "towards",
    "on",
    "upon",
    "at",
    "for",
    "from",
    "over",
    "by",
)
NOMINAL_PREPOSITIONS = ("with", "to", "against", "between", "toward", "towards", "on")
# "leaders from Cuba", "nations like Egypt", "the government of Iraq": the actor is inside.
INNER_PREPOSITIONS = ("of", "from", "like", "including")
PARTICLES = ("out", "off", "down", "up", "away", "back", "over")
# "the town of X", "the province of X": a place named by its "of" phrase.
PLACES = word_class("place")
# Verbs of aspect, which carry the act their object names: "sped up the withdrawal", "began the pullout".
ASPECTUAL = word_class("aspectual")
# "a team of inspectors", "a mission of observers": a group of people is what it is made of.
GROUPS = word_class("group")
# "a number of ministers", "a range of organisations": a quantity stands for what it counts.
QUANTITIES = word_class("quantity")
SPEECH = word_class("declaring")
# "a message of greetings", "a letter of condolences": a message is what it carries.
MESSAGES = word_class("message")
# "X and Y held talks", "had a conversation": verbs whose event is their object noun.
LIGHT = word_class("light")
# "ended talks with X", "suspended aid to X": verbs that end the event their object names.
ENDING = word_class("ending")
# "joined X for talks": verbs whose object takes part in the event their "for" phrase names.
ACCOMPANYING = word_class("accompanying")
# "demonstrated the unity of X" shows it: verbs whose event is intransitive.
INTRANSITIVE = word_class("intransitive")
# "received X in the Kremlin": verbs whose actor object is a visitor received.
RECEIVING = word_class("receiving")
# "engaged in talks with X": verbs whose event is the event noun of their "in"/"into" phrase.
PARTICIPATING = word_class("participating")
# "X and Y upgraded their ties": verbs that further the event their object noun names.
FURTHERING = word_class("furthering")
# "sent troops to X": verbs of transfer, whose direct object is what they move.
TRANSFER = word_class("transfer")
# "X met Y": Y met X too.
SYMMETRIC = word_class("symmetric")

# Categories a governing verb imposes on the event it embeds ("threatened to ban").
GOVERNING = {"THREATEN", "REJECT", "DEMAND", "AGREE"}
COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "AGREE"}
HOSTILE = {"FIGHT", "ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"}
# Categories whose event nouns name their target with "for" or "of" ("support for X", "annexation of X").
TARGET_OF = {"SUPPORT", "AID", "COOPERATE", "FIGHT", "ASSAULT", "COERCE", "SANCTION"}
# Categories whose event nouns name their target with "of" as judged ("its condemnation of X's policies").
JUDGED_OF = {"DISAPPROVE"}
# Categories whose event nouns name their giver with "from" ("support from X", "aid from X").
GIVEN_FROM = {"SUPPORT", "AID"}
# Categories of events that restrict an activity, whose party is their target ("a ban on flights to X").
RESTRICTING = {"SANCTION", "COERCE"}
# Categories of violent events, whose nouns take the place they strike as target ("attacks in X").
VIOLENT = {"FIGHT", "ASSAULT"}
# Categories of events that help a party in its own aim ("stood by Iraq to defeat X").
HELPING = {"SUPPORT", "AID", "COOPERATE"}
# A noun naming a practice or quality ('terrorism', 'atrocity', 'violence', 'brutality').
PRACTICE_SUFFIXES = ("ism", "ity", "ence", "ness")
SINCE = ("since", "until", "till", "before")  # an event named as the time another is measured from or to
# Prepositions of a phrase naming what the clause's subject itself does ("in a call with X, Y said");
# not "defended X against criticism", "amid protests": the criticism and the protests are others'.
FRAMING = ("in", "during", "at", "with", "through", "after", "by", "via", "throughout")
# Categories of verbs that withhold or refuse what their object noun names.
DENIALS = {"REJECT", "COERCE", "SANCTION", "PROTEST", "THREATEN"}
# Categories whose target may be a place ("imposed a curfew in X").
PLACE_TARGETED = {"COERCE", "CONCEDE", "SANCTION", "RETREAT", "MOBILIZE", "AID"}
# Categories of what a statement does ("issued a declaration demanding/condemning/rejecting...").
SPEECH_ACTS = {"DEMAND", "DISAPPROVE", "REJECT", "THREATEN"}
# Categories of verbs that judge the event their object names ("condemned X's attacks": X is the target).
JUDGEMENTS = {"DISAPPROVE", "SUPPORT", "REJECT"}
# Categories of verbs whose object carries out their infinitive: "urged X to withdraw", "forced X to leave".
OBJECT_CONTROL = {"DEMAND", "COERCE"}


def _word_list(name: str) -> frozenset[str]:
    lines = (lexicon_dir() / name).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


@cache
def load_reciprocal() -> frozenset[str]:
    """Verbs and nouns of mutual events, from ``ontologies/lexicon/reciprocal.txt``."""
    return _word_list("reciprocal.txt")


@cache
def load_experiencers() -> frozenset[str]:
    """Object-experiencer verbs ('appal', 'shock'), from ``ontologies/lexicon/experiencers.txt``."""
    return _word_list("experiencers.txt")


def past(lemma: str) -> str:
    """The past tense a predicate is named by: ``call`` → ``called``, ``crack down`` → ``cracked down``.

    >>> past("crack down")
    'cracked down'
    """
    verb, _, particle = lemma.partition(" ")
    forms = getInflection(verb, "VBD")
    return " ".join(filter(None, (forms[0] if forms else verb, particle)))


def infinitive(predicate: str) -> str:
    """The base form of a predicate embedded under a governing verb: 'agreed with' → 'agree with'."""
    first, _, rest = predicate.partition(" ")
    forms = getLemma(first, upos="VERB")
    return " ".join(filter(None, (forms[0] if forms else first, rest)))


def governed(governor: Token) -> str:
    """How a governing word names its predicate: 'threatened', but an adjective as is: 'ready'."""
    return governor.lower_ if governor.pos_ == "ADJ" else past(governor.lemma_.lower())
