"""Status: whether the text says an event happened, is going on, is planned, threatened, predicted,
denied, or only imagined.

Machine coders code the event a verb names whatever wraps it, and so report threats and denials as
attacks. Here status is its own pass. From the trigger we walk up the parse towards the sentence
root, and at each word read, nearest first:
- negation on the word ("did not attack", "no intention of", "never struck") -> denied;
- a modal on the word ("will strike", "could attack") -> predicted;
- a condition ("if ... attacked", "unless") -> hypothetical;
- a cue word (vow, threaten -> threatened; plan, await, prepare -> planned; likely, expect ->
  predicted; deny -> denied; continue, since -> ongoing), itself negated -> denied;
- the progressive ("are fighting", "has been shelling") -> ongoing.
The walk stops at a reporting verb: "officials said the army will attack" is predicted because of
"will", not because of anything above "said". A trigger that is itself a threat ("vowed revenge")
is an act of threatening that occurred; only what it governs is threatened.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from flashpoint.extraction.clauses import EARLIER_WORDS, GOVERNING_DEPS, REBUTTAL_VERBS, definite, opened_by
from flashpoint.knowledge.lexicon import Lexicon
from flashpoint.taxonomy import PloverType, Status

_CLIMB_DEPS = GOVERNING_DEPS


@dataclass(frozen=True, slots=True)
class StatusReading:
    """The status and the word that set it (None for the default, occurred or ongoing)."""

    status: Status
    cue: Token | None = None


def status_of(trigger: Token, plover: PloverType, lexicon: Lexicon) -> Status:
    """The status of the event whose trigger is `trigger`."""
    return read_status(trigger, plover, lexicon).status


def _accuses(verb: Token, lexicon: Lexicon) -> bool:
    found = lexicon.verbs.get(verb.lemma_.lower())
    return found is not None and found[0] == PloverType.ACCUSE


def read_status(trigger: Token, plover: PloverType, lexicon: Lexicon) -> StatusReading:
    """The status of the event whose trigger is `trigger`, with the cue word that decided it."""
    anyone = _anyone_doing(trigger)
    if anyone is not None:
        return StatusReading(Status.HYPOTHETICAL, anyone)
    node = previous = trigger
    own = True
    ongoing: StatusReading | None = None
    for _ in range(8):
        if not own and _enacted(previous, node):
            # "ordered a curfew", "imposed a ban": the order is the measure, in force, and what governs
            # the order governs the measure ("threatened to impose sanctions" has imposed none)
            own = True
        if not own and _convened(previous, node):
            break  # "the party, which called the protests": who organised them, not a threat of them
        if not own and previous.dep_ == "dobj" and node.lemma_.lower() == "warn":
            break  # "warned the meeting": whom a warning is addressed to is not what it threatens
        if not own and _rejected_allegation(node):
            return StatusReading(Status.DENIED, node.head)  # "rejected accusations of bombing a mosque"
        if not own and node.pos_ == "VERB" and _accuses(node, lexicon):
            charge = read_status(node, PloverType.ACCUSE, lexicon)
            if charge.status == Status.DENIED and charge.cue is not None and charge.cue.i != node.i:
                return charge  # "accused of backing M23, a charge Kigali denies": what is charged is denied
        if not own and previous.dep_ == "conj":
            found = _coordinated_status(node, previous, lexicon, plover)
        else:
            found = _status_at(node, lexicon, own=own, plover=plover)
        warning = _warning(node, lexicon) if found in {Status.PLANNED, Status.PREDICTED} else None
        if warning is not None:
            # "warned that it would answer with fire": what a warning says it would do is a threat,
            # and the warning is its cue.
            return StatusReading(Status.THREATENED, warning)
        if found == Status.ONGOING and ongoing is None:
            ongoing = StatusReading(found, node)  # "vowed to keep attacking": a vow may still govern it
        elif found is not None and found != Status.ONGOING:
            return StatusReading(found, node)
        if not own and node.lemma_.lower() in lexicon.reporting_verbs and node.pos_ == "VERB":
            break
        if (
            not own
            and node.pos_ == "NOUN"
            and node.lemma_.lower() in lexicon.nouns
            and previous.lower_ != "with"
        ):
            break  # "a response to the airstrike": the airstrike's status is not the response's
        if node.dep_ not in _CLIMB_DEPS or node.head.i == node.i:
            break
        if node.dep_ == "relcl" and own:
            break  # "the attack, which officials say will ...": the clause says nothing of the trigger
        if node.dep_ == "acl" and node.tag_ == "VBN":
            # "vowed to retake the towns seized by the rebels", "to avenge the fighters killed in a
            # strike": a past participle on a noun tells a deed done, whatever is vowed of the noun
            break
        if (node.dep_ == "prep" and node.lower_ in EARLIER_WORDS) or (
            node.dep_ == "advcl" and opened_by(node, EARLIER_WORDS | {"because"})
        ):
            break  # "vowed revenge after the killing", "... after jets bombed a school": not vowed
        previous, node = node, node.head
        own = False
    if ongoing is not None:
        return ongoing
    return StatusReading(Status.ONGOING if _progressive(trigger) else Status.OCCURRED)


def _status_at(node: Token, lexicon: Lexicon, *, own: bool, plover: PloverType) -> Status | None:
    lemma = node.lemma_.lower()
    children = list(node.children)  # (read once: each pass over `node.children` makes new Tokens)
    negated = any(_is_negation(c, lexicon) for c in children)
    if negated:
        return Status.DENIED
    for child in children:
        if child.dep_ == "mark" and child.lower_ in {"if", "unless", "whether"}:
            return Status.HYPOTHETICAL
        if child.dep_ == "aux" and child.lower_ in lexicon.modals:
            if child.lower_ == "would" and _reported(node, lexicon):
                return Status.PLANNED if not own else Status.PREDICTED
            return Status.PREDICTED
        if child.dep_ == "aux" and child.lemma_.lower() == "go" and node.tag_ == "VB":
            return Status.PREDICTED  # "is going to strike"
        if child.dep_ == "prep" and child.lower_ == "since" and not own:
            return Status.ONGOING
    if own and node.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "any" for c in children):
        return Status.HYPOTHETICAL  # "any incursion would be met with force": supposed, not planned
    if own:
        if plover == PloverType.THREATEN:
            return None  # the threat itself was made
        if lemma in {"threat"}:
            return None
        return None
    cue = lexicon.status_cues.get(lemma)
    if cue is not None and any(c.dep_ == "prt" for c in children):
        cue = None  # a phrasal verb is another verb: "set off a blast" is no "set to strike"
    if cue is None:
        # "the retaliation is likely to ...": the cue sits beside the trigger, on the copula.
        cue = next(
            (
                lexicon.status_cues[c.lemma_.lower()]
                for c in children
                if c.dep_ == "acomp" and c.lemma_.lower() in lexicon.status_cues
            ),
            None,
        )
    if cue is None:
        return None
    if cue == Status.DENIED and node.pos_ not in {"VERB", "AUX"}:
        return None  # "a rejection" as a noun is an event of its own, not a denial of this one
    if cue == Status.ONGOING and node.pos_ not in {"VERB", "AUX", "ADV", "ADJ"}:
        return None
    return cue


#: Tags of a verb with a tense of its own ("attacked", "attacks"), which no auxiliary before it shares.
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


#: Words that open a condition: a deed joined to a conditional one shares its condition.
_CONDITIONS = frozenset({"if", "unless", "whether"})


def _coordinated_status(head: Token, conjunct: Token, lexicon: Lexicon, plover: PloverType) -> Status | None:
    """What a verb joined by "and" to `head` takes from it: a condition ("if they attack and seize"),
    and, with no tense or auxiliary of its own, the negation or modal it shares ("did not attack or
    kill", "will strike and seize"); never the head's own word of threatening, planning or denying
    ("threatened the villagers and attacked a base", "denied the charge and attacked": the attack
    happened)."""
    if opened_by(head, _CONDITIONS):
        return Status.HYPOTHETICAL
    if conjunct.tag_ in _FINITE_TAGS or any(c.dep_ in {"aux", "neg"} for c in conjunct.children):
        return None
    return _status_at(head, lexicon, own=True, plover=plover)


#: Verbs whose object noun is a measure they put in force: "ordered a curfew", "declared a state of
#: emergency". (A verb below them is only ordered: "ordered troops to advance" is planned.)
_ENACTING_VERBS = frozenset({"order", "impose", "declare", "issue", "enforce", "extend", "reimpose"})


def _enacted(child: Token, verb: Token) -> bool:
    """'ordered a curfew' (in force), but not 'will extend the curfew' or 'did not impose a ban'."""
    return (
        child.dep_ == "dobj"
        and child.pos_ == "NOUN"
        and verb.lemma_.lower() in _ENACTING_VERBS
        and not any(c.dep_ in {"aux", "neg"} and c.tag_ in {"MD", "RB"} for c in verb.children)
    )


def _convened(event: Token, verb: Token) -> bool:
    """'called the protests', 'called Monday's strike': a happening the text has told (a definite
    noun), named as what someone called, was organised by them ("called a strike for Friday", a
    new one, is still only called for)."""
    return event.dep_ == "dobj" and verb.lemma_.lower() == "call" and definite(event)


def _is_negation(token: Token, lexicon: Lexicon) -> bool:
    if token.dep_ == "neg":
        return True
    return token.dep_ == "det" and token.lower_ in {"no", "never"}


_ALLEGATIONS = frozenset({"accusation", "allegation", "claim", "charge", "suggestion"})


def _rejected_allegation(node: Token) -> bool:
    """An allegation that its object rejects: what it alleges is denied."""
    return (
        node.pos_ == "NOUN"
        and node.lemma_.lower() in _ALLEGATIONS
        and node.dep_ in {"dobj", "nsubjpass"}
        and node.head.lemma_.lower() in REBUTTAL_VERBS
    )


_ANYONE = frozenset({"anyone", "anybody", "whoever", "whomever"})


def _anyone_doing(trigger: Token) -> Token | None:
    """'anyone trying to harm Israel', 'whoever attacks us': a deed of no one in particular is a
    supposition, not a happening. The pronoun, when the trigger's doer is one."""
    node = trigger
    for _ in range(3):
        subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject if subject.lower_ in _ANYONE else None
        if node.dep_ == "acl" and node.head.lower_ in _ANYONE:
            return node.head
        if node.dep_ not in {"xcomp", "acl"} or node.head.i == node.i:
            return None
        node = node.head
    return None


def _warning(node: Token, lexicon: Lexicon) -> Token | None:
    """The verb of threatening (rather than of saying) that governs a modal clause: "warned that it
    would answer", "warned that Rwanda could retaliate". None for any other clause."""
    if not any(c.dep_ == "aux" and c.lower_ in lexicon.modals for c in node.children):
        return None
    current = node
    for _ in range(4):
        if current.dep_ not in {"conj", "ccomp", "relcl", "dobj", "xcomp"} or current.head.i == current.i:
            return None
        through = current.dep_
        current = current.head
        if current.lemma_.lower() == "know" and current.dep_ == "ccomp":
            continue  # "warned that anyone who tries should know that Israel would harm them"
        if current.pos_ == "VERB" and through != "conj":
            # "warned ... that such shelling would not be tolerated and that Rwanda could retaliate":
            # coordinated clauses share the verb that governs the first
            threatening = lexicon.status_cues.get(current.lemma_.lower()) == Status.THREATENED
            return current if threatening else None
    return None


def _reported(node: Token, lexicon: Lexicon) -> bool:
    """Whether a reporting verb governs `node` ("said it would attack": an intention reported). The
    sentence's root is its own head: nothing reports it, however its own verb reads."""
    head = node.head
    return head.i != node.i and head.lemma_.lower() in lexicon.reporting_verbs


#: Deeds that last or recur, so that "has VERBed ... since" means they still go on.
_LASTING_VERBS = frozenset(
    {
        "besiege",
        "occupy",
        "blockade",
        "hold",
        "control",
        "fight",
        "battle",
        "shell",
        "bomb",
        "fire",
        "attack",
        "strike",
        "target",
        "pound",
        "raid",
        "protest",
        "detain",
        "block",
        "clash",
    }
)


def _progressive(trigger: Token) -> bool:
    """'are fighting', 'have been shelling', and 'has besieged the city since May': a present deed,
    or one that lasts or recurs, begun at a past time and still going on (but "has captured the
    capital since then" is done)."""
    if (
        trigger.tag_ == "VBN"
        and trigger.lemma_.lower() in _LASTING_VERBS
        and any(c.dep_ == "prep" and c.lower_ == "since" for c in trigger.children)
    ):
        return any(c.dep_ == "aux" and c.lower_ in {"has", "have"} for c in trigger.children)
    if trigger.tag_ != "VBG":
        return False
    auxes = [c for c in trigger.children if c.dep_ == "aux"]
    return any(a.lemma_.lower() == "be" and a.tag_ in {"VBP", "VBZ"} for a in auxes) or any(
        a.lower_ == "been" for a in auxes
    )
