"""Relations between actors that a sentence states, each with the sentence as its evidence.

Patterns, all general facts of English news writing:
- "X-backed Y", "X-funded Y", "Y, backed by X" -> X sponsors Y ("X-allied Y" -> allied_with,
  "X-led Y" -> X leader_of Y);
- a person named with a role and an organisation in front or in apposition: "senior X commander N",
  "X's supreme leader N", "N, the leader of X" -> N leader_of X; "X spokesman N" -> N member_of X;
- a group described as a faction, member, wing or unit of another: "Y, a faction within X",
  "Y remains the most influential faction within X" -> Y member_of X (wing, unit, branch -> part_of);
- "X, an ally of Y", "X and its ally Y" -> allied_with; "X's rival Y", "X, which opposes Y" -> opposes;
  "X, together with Y, ..." and "X, alongside Y, ..." -> Y allied_with X;
- a standing hostility: "the war (conflict, clashes, fighting) between X and Y", "X is at war with Y",
  "X took up arms against Y", "X waged war on Y" -> X opposes Y (the first named is the subject: the
  phrase gives neither side the lead, so the order of the text is kept);
- "N, who heads (leads, commands) X" -> N leader_of X. A ministerial title leads only as prime
  minister ("Foreign Secretary N" is a member), and a chief of a district or a station leads a unit
  of the body, not the body ("the district police chief" is a member of the police).
A pronoun subject ("It remains the most influential faction ...") stands for the last group the
previous sentences named.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from flashpoint.extraction.mentions import Mention, mentions_by_token
from flashpoint.extraction.words import sentence_start, words_of
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
        "officer",
        "secretary",
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
    people = {i for i, mention in by_token.items() if mention.kind == ActorKind.PERSON}
    found: dict[tuple[str, str, str, int], Relation] = {}
    read = words_of(doc)
    for sent in doc.sents:
        # Each reading below looks for words of its own, and most sentences have none of them: the
        # sentence's words are read once, and a reading runs only where its words are.
        words = {*read.lowers[sent.start : sent.end], *read.lemmas[sent.start : sent.end]}
        named_person = not people.isdisjoint(range(sent.start, sent.end))
        for subject, predicate, obj in (
            *(_backed(sent, by_token) if not words.isdisjoint(_BACKING) else ()),
            *(_roles(sent, by_token) if named_person else ()),
            *(_memberships(sent, by_token, mentions) if not words.isdisjoint(_GROUP_MEMBER_NOUNS) else ()),
            *(_hostilities(sent, by_token) if not words.isdisjoint(_HOSTILITY_WORDS) else ()),
            *(_companions(sent, by_token) if not words.isdisjoint(_COMPANION_WORDS) else ()),
            *(_allied_partners(sent, by_token) if "allied" in words else ()),
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
            found.append((person.actor_id, _role_predicate(role), organisation.actor_id))
        for organisation in _headed(head, by_token):
            found.append((person.actor_id, Predicate.LEADER_OF, organisation.actor_id))
    return found


#: Words that put a chief over a part of a body ("the district police chief"), not over the body.
_LOCAL_LEVELS = frozenset(
    {
        "district",
        "provincial",
        "province",
        "regional",
        "local",
        "city",
        "county",
        "municipal",
        "station",
        "deputy",
    }
)
#: Titles that lead only with the word before them: a prime minister leads, a foreign minister serves.
_LEADING_ONLY_AS = {"minister": frozenset({"prime", "first", "chief"}), "secretary": frozenset({"general"})}


def _role_predicate(role: Token) -> str:
    """Leader for a leading title, member for any other; a local chief is a member of the whole body."""
    word = role.lemma_.lower()
    if word in _LEADING_ONLY_AS:
        before = role.doc[role.i - 1].lower_ if role.i > 0 else ""
        after = (
            role.doc[role.i + 2].lower_
            if role.i + 2 < len(role.doc) and role.doc[role.i + 1].text == "-"
            else ""
        )
        return Predicate.LEADER_OF if {before, after} & _LEADING_ONLY_AS[word] else Predicate.MEMBER_OF
    if word not in _LEADER_ROLES:
        return Predicate.MEMBER_OF
    window = role.doc[max(role.i - 3, sentence_start(role)) : role.i]
    if any(t.lower_ in _LOCAL_LEVELS for t in window) or any(t.lower_ in _LOCAL_LEVELS for t in role.lefts):
        return Predicate.MEMBER_OF
    return Predicate.LEADER_OF


_HEADING_VERBS = frozenset({"head", "lead", "command", "chair", "run"})


def _headed(head: Token, by_token: Mapping[int, Mention]) -> list[Mention]:
    """'N, who heads X' and 'N, who leads X': the organisation the relative clause puts N at the head of."""
    found: list[Mention] = []
    for clause in head.children:
        if clause.dep_ != "relcl" or clause.lemma_.lower() not in _HEADING_VERBS:
            continue
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lower_ not in {"who", "that"}:
            continue
        obj = next((c for c in clause.children if c.dep_ == "dobj"), None)
        organisation = _actor_of_phrase(obj, by_token) if obj is not None else None
        if organisation is not None and organisation.kind != ActorKind.PERSON:
            found.append(organisation)
    return found


def _role_words(head: Token, person: Mention, by_token: Mapping[int, Mention]) -> list[tuple[Token, Mention]]:
    roles = _LEADER_ROLES | _MEMBER_ROLES
    found: list[tuple[Token, Mention]] = []
    # Titles in front of the name: "senior X commander N", "X's supreme leader N".
    window = [t for t in head.doc[max(person.token_start - 6, sentence_start(head)) : person.token_start]]
    role = next((t for t in reversed(window) if t.lemma_.lower() in roles), None)
    if role is not None:
        named = [
            by_token[t.i]
            for t in reversed(window)
            if t.i < role.i
            and t.i in by_token
            and by_token[t.i].kind != ActorKind.PERSON
            and by_token[t.i].actor_id != person.actor_id
        ]
        # "Hamas military commander N": a name before the title is the organisation; the bare noun
        # between ("military") only says what kind of commander
        organisation = next((m for m in named if m.label != "NOUN"), named[0] if named else None)
        between = head.doc[role.i + 1 : person.token_start]
        if organisation is None:
            organisation = _force_named_by(role, by_token)
        if organisation is not None and not any(t.is_punct or t.pos_ == "VERB" for t in between):
            found.append((role, organisation))
    # Apposition after the name: "N, the leader of X".
    for child in head.children:
        if child.dep_ == "appos" and child.lemma_.lower() in roles:
            organisation = _organisation_of(child, by_token)
            if organisation is not None:
                found.append((child, organisation))
    return found


_FORCE_WORDS = {"military": ActorKind.MILITARY, "army": ActorKind.MILITARY, "police": ActorKind.POLICE}


def _force_named_by(role: Token, by_token: Mapping[int, Mention]) -> Mention | None:
    """'military officer N', 'police officer N' with no country: the article's own force of that kind,
    the one it names nearest to the title (news names its own country's forces without the country)."""
    word = next((c.lower_ for c in role.lefts if c.lower_ in _FORCE_WORDS), None)
    if word is None or role.i in by_token:
        return None
    kind = _FORCE_WORDS[word]
    forces = {m.actor_id: m for m in by_token.values() if m.kind == kind and m.country}
    if len(forces) != 1:
        return None  # no force of that kind named, or several states': the text does not say whose
    return next(iter(forces.values()))


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


#: Nouns of a standing armed hostility: "the war between X and Y".
_HOSTILITY_NOUNS = frozenset(
    {
        "war",
        "conflict",
        "fighting",
        "clashes",
        "clash",
        "battle",
        "battles",
        "hostilities",
        "confrontation",
        "feud",
    }
)
#: The words `_hostilities` starts from.
_HOSTILITY_WORDS = _HOSTILITY_NOUNS | {"arms"}
#: Who is hit or caught up in fighting is not a side of a standing hostility ("clashes between
#: protesters and police" is an event, not a feud between two actors).
_NOT_SIDES = frozenset({ActorKind.POPULATION, ActorKind.PERSON})
_RELATIVE_PRONOUNS = frozenset({"that", "which", "who"})


def _hostilities(sent: SpacySpan, by_token: Mapping[int, Mention]) -> list[tuple[str, str, str]]:
    """'The war between X and Y', 'X is at war with Y', 'X took up arms against Y': X opposes Y."""
    found: list[tuple[str, str, str]] = []
    for token in sent:
        word = token.lower_
        sides: tuple[Mention | None, Mention | None] = (None, None)
        if word in _HOSTILITY_NOUNS:
            between = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "between"), None)
            if between is not None:
                sides = _pair(between, by_token)
            elif word == "war" and token.dep_ == "pobj" and token.head.lower_ == "at":
                # "X has been at war with Y"
                sides = (_clause_subject(token.head.head, by_token), _object_of(token, "with", by_token))
            elif word == "war" and token.dep_ == "dobj" and token.head.lemma_.lower() in {"wage", "declare"}:
                verb = token.head
                sides = (
                    _clause_subject(verb, by_token),
                    _object_of(token, ("on", "against"), by_token)
                    or _object_of(verb, ("on", "against"), by_token),
                )
        elif word == "arms" and token.dep_ == "dobj" and token.head.lemma_.lower() in {"take", "bear"}:
            verb = token.head  # "X took up arms against Y"
            sides = (
                _clause_subject(verb, by_token),
                _object_of(verb, "against", by_token) or _object_of(token, "against", by_token),
            )
        first, second = sides
        if (
            first is not None
            and second is not None
            and first.actor_id != second.actor_id
            and not {first.kind, second.kind} & _NOT_SIDES
        ):
            found.append((first.actor_id, Predicate.OPPOSES, second.actor_id))
    return found


def _pair(between: Token, by_token: Mapping[int, Mention]) -> tuple[Mention | None, Mention | None]:
    """The two sides of 'between X and Y'."""
    first = next((c for c in between.children if c.dep_ == "pobj"), None)
    if first is None:
        return None, None
    second = next((c for c in first.children if c.dep_ == "conj"), None)
    if second is None:
        # "between the army and M23 rebels", parsed as one noun phrase whose modifier is coordinated
        inner = next((c for c in first.lefts if any(g.dep_ == "conj" for g in c.children)), None)
        if inner is None:
            return None, None
        first, second = inner, next(g for g in inner.children if g.dep_ == "conj")
    return _actor_of_phrase(first, by_token), _actor_of_phrase(second, by_token)


def _object_of(
    head: Token, prepositions: str | tuple[str, ...], by_token: Mapping[int, Mention]
) -> Mention | None:
    """The actor after one of `prepositions` attached to `head`."""
    wanted = (prepositions,) if isinstance(prepositions, str) else prepositions
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in wanted:
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _actor_of_phrase(obj, by_token)
    return None


def _clause_subject(verb: Token, by_token: Mapping[int, Mention]) -> Mention | None:
    """The actor a clause is about: its subject, or for 'a group that took up arms' the noun the
    relative clause describes (and what that noun stands in apposition to)."""
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return None
    if subject.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        described = verb.head
        found = _actor_of_phrase(described, by_token)
        if found is None and described.dep_ == "appos":
            found = _actor_of_phrase(described.head, by_token)
        if found is None:
            found = _set_off_after(described, by_token)
        return found
    return _actor_of_phrase(subject, by_token)


_AND_WORDS = frozenset({"and", "of", "with", "its", "their"})


def _allied_partners(sent: SpacySpan, by_token: Mapping[int, Mention]) -> list[tuple[str, str, str]]:
    """'The army and allied militias', 'bases of the army and of allied militias': the allies named
    right after "and" are allied with the actor named right before it."""
    found: list[tuple[str, str, str]] = []
    doc = sent.doc
    for token in sent:
        if token.lower_ != "allied" or token.i == sent.start or doc[token.i - 1].text == "-":
            continue
        ally = by_token.get(token.head.i) if token.head.i > token.i else None
        if ally is None:
            continue
        i = token.i - 1
        while i > sent.start and doc[i].lower_ in _AND_WORDS and token.i - i <= 3:
            i -= 1
        between = {t.lower_ for t in doc[i + 1 : token.i]}
        partner = by_token.get(i)
        if "and" in between and partner is not None and partner.actor_id != ally.actor_id:
            found.append((ally.actor_id, Predicate.ALLIED_WITH, partner.actor_id))
    return found


def _set_off_after(noun: Token, by_token: Mapping[int, Mention]) -> Mention | None:
    """'..., the Pakistani Taliban (TTP), a group that ...': a description set off by a comma right
    after a name describes that name, however the parse attached it."""
    doc = noun.doc
    i = noun.left_edge.i - 1
    if i < 1 or doc[i].text != ",":
        return None
    i -= 1
    if doc[i].text == ")":  # skip a bracketed acronym or alias after the name
        while i > 0 and doc[i].text != "(":
            i -= 1
        i -= 1
    return by_token.get(i)


#: The words `_companions` starts from.
_COMPANION_WORDS = frozenset({"with", "alongside"})


def _companions(sent: SpacySpan, by_token: Mapping[int, Mention]) -> list[tuple[str, str, str]]:
    """'X, together with Y, drove ...' and 'X, alongside Y, ...': Y fights on X's side."""
    found: list[tuple[str, str, str]] = []
    for token in sent:
        together = (
            token.lower_ == "with" and token.i > 0 and token.doc[token.i - 1].lower_ in {"together", "along"}
        )
        if token.dep_ != "prep" or not (together or token.lower_ == "alongside"):
            continue
        obj = next((c for c in token.children if c.dep_ == "pobj"), None)
        companion = _actor_of_phrase(obj, by_token) if obj is not None else None
        if companion is None or companion.kind not in _GROUP_KINDS:
            continue
        attached = token.head if token.head.lower_ not in {"together", "along"} else token.head.head
        side = (
            _clause_subject(attached, by_token)
            if attached.pos_ in {"VERB", "AUX"}
            else _actor_of_phrase(attached, by_token)
        )
        if side is not None and side.kind in _GROUP_KINDS:
            found.append((companion.actor_id, Predicate.ALLIED_WITH, side.actor_id))
    return found


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
    before = [m for m in mentions if m.token_end <= sentence_start(pronoun) and m.kind in _GROUP_KINDS]
    subjects = [m for m in before if pronoun.doc[m.token_end - 1].dep_ in {"nsubj", "nsubjpass"}]
    if subjects and subjects[-1].token_start >= _previous_sentence_start(pronoun):
        return subjects[-1]
    return before[-1] if before and before[-1].token_start >= _previous_sentence_start(pronoun) else None


def _previous_sentence_start(token: Token) -> int:
    start = sentence_start(token)
    if start == 0:
        return 0
    return sentence_start(token.doc[start - 1])
