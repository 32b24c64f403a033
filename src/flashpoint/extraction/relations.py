"""Relations between actors that a sentence states, each with the sentence as its evidence.

Patterns, all general facts of English news writing:
- "X-backed Y", "X-funded Y", "Y, backed by X" -> X sponsors Y ("X-allied Y" -> allied_with,
  "X-led Y" -> X leader_of Y);
- a person named with a role and an organisation in front or in apposition: "senior X commander N",
  "X's supreme leader N", "N, the leader of X" -> N leader_of X; "X spokesman N" -> N member_of X;
- a group described as a faction, member, wing or unit of another: "Y, a faction within X",
  "Y remains the most influential faction within X" -> Y member_of X (wing, unit, branch -> part_of);
- "X, an ally of Y", "X and its ally Y" -> allied_with; "X's rival Y", "X, which opposes Y" -> opposes.
A pronoun subject ("It remains the most influential faction ...") stands for the last group the
previous sentences named.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from flashpoint.extraction.mentions import Mention, mentions_by_token
from flashpoint.records import Relation, Span
from flashpoint.taxonomy import ActorKind, Predicate

_BACKING = {
    "backed": Predicate.SPONSORS,
    "funded": Predicate.SPONSORS,
    "sponsored": Predicate.SPONSORS,
    "supported": Predicate.SPONSORS,
    "armed": Predicate.SPONSORS,
    "financed": Predicate.SPONSORS,
    "allied": Predicate.ALLIED_WITH,
    "aligned": Predicate.ALLIED_WITH,
    "led": Predicate.LEADER_OF,
}
_LEADER_ROLES = frozenset(
    {
        "leader",
        "commander",
        "chief",
        "head",
        "founder",
        "emir",
        "president",
        "chairman",
        "general",
        "premier",
        "minister",
        "king",
        "ruler",
        "boss",
        "secretary-general",
        "ayatollah",
        "supremo",
    }
)
_MEMBER_ROLES = frozenset(
    {
        "spokesman",
        "spokesperson",
        "spokeswoman",
        "member",
        "official",
        "fighter",
        "militant",
        "operative",
        "negotiator",
        "envoy",
        "ambassador",
        "adviser",
        "advisor",
        "deputy",
        "representative",
    }
)
_GROUP_MEMBER_NOUNS = {
    "faction": Predicate.MEMBER_OF,
    "member": Predicate.MEMBER_OF,
    "affiliate": Predicate.MEMBER_OF,
    "group": Predicate.MEMBER_OF,
    "component": Predicate.MEMBER_OF,
    "constituent": Predicate.MEMBER_OF,
    "wing": Predicate.PART_OF,
    "unit": Predicate.PART_OF,
    "branch": Predicate.PART_OF,
    "division": Predicate.PART_OF,
    "part": Predicate.PART_OF,
    "arm": Predicate.PART_OF,
    "brigade": Predicate.PART_OF,
    "ally": Predicate.ALLIED_WITH,
    "rival": Predicate.OPPOSES,
    "enemy": Predicate.OPPOSES,
    "foe": Predicate.OPPOSES,
    "proxy": Predicate.SPONSORS,
}
_MEMBER_PREPS = frozenset({"within", "of", "in", "inside", "under"})
_GROUP_KINDS = frozenset(
    {
        ActorKind.ARMED_GROUP,
        ActorKind.COALITION,
        ActorKind.POLITICAL_PARTY,
        ActorKind.ORGANIZATION,
        ActorKind.MILITARY,
        ActorKind.GOVERNMENT,
        ActorKind.POLICE,
    }
)


def find_relations(doc: Doc, mentions: Sequence[Mention]) -> list[Relation]:
    """Every relation the text states between two actors, once per (subject, predicate, object, sentence)."""
    by_token = mentions_by_token(mentions)
    found: dict[tuple[str, str, str, int], Relation] = {}
    for sent in doc.sents:
        for subject, predicate, obj in (
            *_backed(sent, by_token),
            *_roles(sent, by_token),
            *_memberships(sent, by_token, mentions),
        ):
            if subject == obj:
                continue
            key = (subject, predicate, obj, sent.start)
            found.setdefault(
                key, Relation(subject=subject, predicate=predicate, object=obj, evidence=_evidence(sent))
            )
    return list(found.values())


def _evidence(sent: SpacySpan) -> Span:
    text = sent.text.rstrip()
    return Span(start=sent.start_char, end=sent.start_char + len(text), text=text)


def _actor_of_phrase(head: Token, by_token: Mapping[int, Mention]) -> Mention | None:
    if head.i in by_token:
        return by_token[head.i]
    for child in sorted(head.children, key=lambda c: c.i):
        if child.dep_ in {"compound", "amod", "poss", "nmod", "appos"} and child.i in by_token:
            return by_token[child.i]
    return None


def _backed(sent: SpacySpan, by_token: Mapping[int, Mention]) -> list[tuple[str, str, str]]:
    """'X-backed Y' and 'Y, backed by X'."""
    found: list[tuple[str, str, str]] = []
    doc = sent.doc
    for token in sent:
        predicate = _BACKING.get(token.lower_)
        if predicate is None:
            continue
        backer: Mention | None = None
        if token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].i in by_token:
            backer = by_token[doc[token.i - 2].i]
        else:
            agent = next((c for c in token.children if c.dep_ == "agent"), None)
            obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if obj is not None:
                backer = _actor_of_phrase(obj, by_token)
        if backer is None:
            continue
        backed = _backed_phrase(token, by_token)
        if backed is not None and backed.actor_id != backer.actor_id:
            found.append((backer.actor_id, predicate, backed.actor_id))
    return found


def _backed_phrase(token: Token, by_token: Mapping[int, Mention]) -> Mention | None:
    """The actor that 'X-backed' modifies: its head noun's phrase, or the words right after it."""
    head = token.head
    if head.i > token.i and head.i in by_token:
        return by_token[head.i]
    for i in range(token.i + 1, min(token.i + 5, len(token.doc))):
        if i in by_token:
            return by_token[i]
        if token.doc[i].pos_ in {"VERB", "PUNCT", "ADP"}:
            break
    if token.dep_ in {"acl", "amod"} and head.i < token.i:
        return _actor_of_phrase(head, by_token)  # "Hamas, backed by Iran"
    return None


def _roles(sent: SpacySpan, by_token: Mapping[int, Mention]) -> list[tuple[str, str, str]]:
    """A person with a role and an organisation: 'senior X commander N', 'N, the leader of X'."""
    found: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for token in sent:
        person = by_token.get(token.i)
        if person is None or person.kind != ActorKind.PERSON or person.actor_id in seen:
            continue
        if token.i != person.token_end - 1 and token.doc[person.token_end - 1].head.i != token.i:
            continue
        seen.add(person.actor_id)
        head = token.doc[person.token_end - 1]
        for role, organisation in _role_words(head, person, by_token):
            predicate = Predicate.LEADER_OF if role in _LEADER_ROLES else Predicate.MEMBER_OF
            found.append((person.actor_id, predicate, organisation.actor_id))
    return found


def _role_words(head: Token, person: Mention, by_token: Mapping[int, Mention]) -> list[tuple[str, Mention]]:
    roles = _LEADER_ROLES | _MEMBER_ROLES
    found: list[tuple[str, Mention]] = []
    # Titles in front of the name: "senior X commander N", "X's supreme leader N".
    window = [t for t in head.doc[max(person.token_start - 6, head.sent.start) : person.token_start]]
    role = next((t for t in reversed(window) if t.lemma_.lower() in roles), None)
    if role is not None:
        organisation = next(
            (
                by_token[t.i]
                for t in reversed(window)
                if t.i < role.i
                and t.i in by_token
                and by_token[t.i].kind != ActorKind.PERSON
                and by_token[t.i].actor_id != person.actor_id
            ),
            None,
        )
        between = head.doc[role.i + 1 : person.token_start]
        if organisation is not None and not any(t.is_punct or t.pos_ == "VERB" for t in between):
            found.append((role.lemma_.lower(), organisation))
    # Apposition after the name: "N, the leader of X".
    for child in head.children:
        if child.dep_ == "appos" and child.lemma_.lower() in roles:
            organisation = _organisation_of(child, by_token)
            if organisation is not None:
                found.append((child.lemma_.lower(), organisation))
    return found


def _organisation_of(role: Token, by_token: Mapping[int, Mention]) -> Mention | None:
    for child in role.children:
        if child.dep_ == "poss" and child.i in by_token:
            return by_token[child.i]
        if child.dep_ == "prep" and child.lower_ in {"of", "in", "within", "for"}:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _actor_of_phrase(obj, by_token)
        if child.dep_ in {"compound", "amod"} and child.i in by_token:
            return by_token[child.i]
    return None


def _memberships(
    sent: SpacySpan, by_token: Mapping[int, Mention], mentions: Sequence[Mention]
) -> list[tuple[str, str, str]]:
    """'Y, a faction within X' and 'Y is the main faction within X' (and wings, units, allies, rivals)."""
    found: list[tuple[str, str, str]] = []
    for token in sent:
        predicate = _GROUP_MEMBER_NOUNS.get(token.lemma_.lower())
        if predicate is None or token.dep_ not in {"appos", "attr", "conj"}:
            continue
        whole = _organisation_of(token, by_token)
        member = _member_of_description(token, by_token, mentions)
        if whole is None or member is None:
            continue
        if predicate == Predicate.SPONSORS:  # "Y, a proxy of X": X sponsors Y
            found.append((whole.actor_id, predicate, member.actor_id))
        else:
            found.append((member.actor_id, predicate, whole.actor_id))
    return found


def _member_of_description(
    token: Token, by_token: Mapping[int, Mention], mentions: Sequence[Mention]
) -> Mention | None:
    """The actor a description describes: the noun it stands in apposition to, or the copula's subject."""
    if token.dep_ == "appos":
        return _actor_of_phrase(token.head, by_token)
    if token.dep_ == "conj":
        return None
    subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    if subject.pos_ == "PRON":
        return _antecedent(subject, mentions)
    return _actor_of_phrase(subject, by_token)


def _antecedent(pronoun: Token, mentions: Sequence[Mention]) -> Mention | None:
    """The last group named before the pronoun's sentence: news prose rarely looks further back."""
    before = [m for m in mentions if m.token_end <= pronoun.sent.start and m.kind in _GROUP_KINDS]
    subjects = [m for m in before if pronoun.doc[m.token_end - 1].dep_ in {"nsubj", "nsubjpass"}]
    if subjects and subjects[-1].token_start >= _previous_sentence_start(pronoun):
        return subjects[-1]
    return before[-1] if before and before[-1].token_start >= _previous_sentence_start(pronoun) else None


def _previous_sentence_start(token: Token) -> int:
    start = token.sent.start
    if start == 0:
        return 0
    return token.doc[start - 1].sent.start
