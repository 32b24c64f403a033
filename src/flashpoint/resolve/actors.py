"""Actors of one article: mentions grouped by identity, acronyms the text defines, and the
knowledge-base relations that hold between actors named together.

An acronym defined in the text ("the Islamic Resistance in Iraq (IRI)") makes every later use of
that acronym a mention of the same actor, even when the knowledge base does not know it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from flashpoint.extraction.mentions import CLAN_PREFIX, TITLE_WORDS, Mention, span_of, tagged, tokens_spelled
from flashpoint.extraction.words import sentence_of, sentence_start
from flashpoint.knowledge.actors import KnowledgeBase
from flashpoint.records import Actor, Event
from flashpoint.taxonomy import ActorKind

_ACRONYM = re.compile(r"[A-Z][A-Z0-9'\-]{1,9}")


def link_defined_acronyms(doc: Doc, mentions: Sequence[Mention]) -> list[Mention]:
    """Mentions plus every use of an acronym the text defines after a name: 'Name (ACR)'."""
    defined: dict[str, Mention] = {}
    for mention in mentions:
        end = mention.token_end
        if (
            end + 2 < len(doc)
            and doc[end].text == "("
            and doc[end + 2].text == ")"
            and _ACRONYM.fullmatch(doc[end + 1].text)
        ):
            defined[doc[end + 1].text] = mention
    if not defined:
        return list(mentions)
    taken = {i for m in mentions for i in range(m.token_start, m.token_end)}
    result = [
        m
        for m in mentions
        if not (
            m.token_end - m.token_start == 1
            and doc[m.token_start].text in defined
            and defined[doc[m.token_start].text].actor_id != m.actor_id
        )
    ]
    taken = {i for m in result for i in range(m.token_start, m.token_end)}
    for token in doc:
        owner = defined.get(token.text)
        if owner is None or token.i in taken:
            continue
        result.append(
            Mention.over(
                doc[token.i : token.i + 1],
                actor_id=owner.actor_id,
                name=owner.name,
                kind=owner.kind,
                country=owner.country,
                in_kb=owner.in_kb,
                label=owner.label,
            )
        )
    result.sort(key=lambda m: m.token_start)
    return result


def link_short_names(mentions: Sequence[Mention]) -> list[Mention]:
    """'Nasser Kanaani, the ministry's spokesman, ... Kanaani said': a person the knowledge base does
    not know is named in full once and by surname (or without title or first name) after, and the
    shorter name is the same person. A short name that ends the full names of two people in the
    article ("Raul Castro", "Fidel Castro") is left alone: the text does not say which is meant."""
    people = {m.actor_id: _name_words(m.name) for m in mentions if m.kind == ActorKind.PERSON}
    linked: list[Mention] = []
    for mention in mentions:
        words = people.get(mention.actor_id) if not mention.in_kb else None
        if words:
            fuller = [
                actor_id
                for actor_id, full in people.items()
                if len(full) > len(words) and full[-len(words) :] == words
            ]
            if len(fuller) == 1:
                owner = next(m for m in mentions if m.actor_id == fuller[0])
                mention = mention.naming(owner)
        linked.append(mention)
    return linked


def _name_words(name: str) -> tuple[str, ...]:
    """A person's name as lower-case words without titles or a possessive: 'Lt. Col. Peter Lerner's'
    -> ('peter', 'lerner')."""
    words = [w.strip(".,").lower() for w in re.sub(r"['’]s\b", "", name).split()]
    return tuple(w for w in words if w and w not in TITLE_WORDS)


def build_actors(mentions: Sequence[Mention], kb: KnowledgeBase) -> tuple[Actor, ...]:
    """One Actor per identity, with every mention, in order of first mention. A knowledge-base actor
    also carries its ACLED-style name, as a field and an alias, so ACLED users find it by that name."""
    grouped: dict[str, list[Mention]] = {}
    for mention in mentions:
        grouped.setdefault(mention.actor_id, []).append(mention)
    actors: list[Actor] = []
    for actor_id, group in grouped.items():
        first = group[0]
        known = (kb.get(actor_id) or kb.get(_generic_base(actor_id))) if first.in_kb else None
        acled_name = _acled_name(known.acled_name if known else None, first.country, kb)
        seen_texts = [m.span.text for m in group if m.span.text != first.name]
        aliases = tuple(dict.fromkeys([*seen_texts, *([acled_name] if acled_name else [])]))
        actors.append(
            Actor(
                id=actor_id,
                name=first.name,
                kind=first.kind,
                country=first.country,
                aliases=aliases,
                mentions=tuple(m.span for m in group),
                in_kb=first.in_kb,
                acled_name=acled_name,
            )
        )
    return tuple(actors)


def _generic_base(actor_id: str) -> str:
    """The knowledge-base id of a generic actor placed in a country ("civilians-SDN" -> "civilians")."""
    base, _, country = actor_id.rpartition("-")
    return base if base and len(country) == 3 and country.isupper() else actor_id


#: Kinds of named institutions that a later bare noun ("the army", "police") refers back to.
_LOCALISING_KINDS = frozenset({ActorKind.MILITARY, ActorKind.POLICE, ActorKind.GOVERNMENT})

_HEAD_KINDS = {"army": ActorKind.MILITARY, "police": ActorKind.POLICE, "government": ActorKind.GOVERNMENT}

#: Generic actors that stand for a state's institution when the article is about one country:
#: "the army", "security forces", "police", "the authorities".
_STATE_INSTITUTIONS = {
    "security-forces": "army",
    "police": "police",
    "officials": "government",
    "border-guards": "army",
}


def localise_generic(mentions: Sequence[Mention], country: str | None, kb: KnowledgeBase) -> list[Mention]:
    """Bare institution nouns ("the army", "police") as the institutions of a country: the country
    of the same kind of institution named last before them ("the Congolese army ... the army"), else
    the article's own country.

    News names its own country's forces without the country ("troops fired on the crowd"); the
    country the article talks about most is the one meant, unless the text has just named another.
    """
    result: list[Mention] = []
    last_of_kind: dict[str, str] = {}  # institution kind -> country of the latest named one
    for mention in mentions:
        head = _STATE_INSTITUTIONS.get(mention.actor_id)
        if head is None:
            if (
                mention.in_kb
                and mention.country
                and mention.kind in _LOCALISING_KINDS
                and mention.label != "GPE"
            ):
                # a named force or government is what "the army", "the government" refer back to; a
                # capital standing for its state ("a charge Kigali denies") is its voice, not one
                last_of_kind[mention.kind] = mention.country
            result.append(mention)
            continue
        # "the Congolese army ... the army": a bare noun refers back to the force last named.
        where = last_of_kind.get(_HEAD_KINDS[head]) or country
        institution = kb.institution(where, head) if where else None
        if institution is None:
            result.append(mention)
            continue
        result.append(
            dataclasses.replace(
                mention,
                actor_id=institution.id,
                name=institution.name,
                kind=institution.kind,
                country=institution.country,
            )
        )
    return result


def _acled_name(name: str | None, country: str | None, kb: KnowledgeBase) -> str | None:
    """ACLED's name for an actor; generic ones ("Protesters") take the country, as ACLED writes them."""
    if name is None or country is None or "(" in name or " of " in name:
        return name
    state = kb.get(country)
    return f"{name} ({state.name})" if state is not None else name


#: Descriptions that news uses to refer back to a named group: "the group", "the militia".
_DESCRIPTIONS = frozenset(
    {
        "group",
        "militia",
        "movement",
        "organisation",
        "organization",
        "faction",
        "rebels",
        "insurgents",
        "militants",
        "coalition",
        "alliance",
        "outfit",
        "paramilitaries",
        "force",  # "the paramilitary force"
    }
)
_GROUP_KINDS = frozenset({"armed_group", "coalition", "political_party", "organization"})
#: Descriptions that name a group by its arms: "the rebels" are never the aid agency or the party
#: named before them, only a group that fights.
_ARMED_DESCRIPTIONS = frozenset({"militia", "rebels", "insurgents", "militants", "paramilitaries"})
_FIGHTING_GROUP_KINDS = frozenset({"armed_group", "coalition"})


def _generic_reading(mention: Mention, start: int, token: Token) -> bool:
    """Whether `mention` is the generic reading of the description from `start` to `token` ("the
    rebels", "the rebel group" as rebels at large)."""
    return mention.label == "NOUN" and mention.token_start >= start and mention.token_end == token.i + 1


def link_descriptions(doc: Doc, mentions: Sequence[Mention]) -> list[Mention]:
    """'The group', 'the militia', 'the movement' as a group named in the three sentences before.

    A definite description refers back in news prose: to the last group that was the subject of a
    sentence, else to the last group named at all.
    """
    descriptions = tokens_spelled(doc, _DESCRIPTIONS)
    by_start = {m.token_start: m for m in mentions} if descriptions else {}
    covered = {i: m for m in mentions for i in range(m.token_start, m.token_end)} if descriptions else {}
    result = list(mentions)
    for token in descriptions:
        if token.pos_ != "NOUN":
            continue
        det = [c for c in token.lefts if c.dep_ == "det"]
        if not det or det[0].lower_ not in {"the", "this", "that"}:
            continue
        start = det[0].i
        generic = covered.get(token.i)
        if generic is not None and not _generic_reading(generic, start, token):
            continue
        window_start = _sentence_start_before(token, 3)
        own = _own_clause(token) if token.dep_ not in {"nsubj", "nsubjpass"} else None
        armed = token.lower_ in _ARMED_DESCRIPTIONS
        kinds = _FIGHTING_GROUP_KINDS if armed else _GROUP_KINDS
        before = [
            by_start[i]
            for i in range(start - 1, window_start - 1, -1)
            if i in by_start
            and by_start[i].kind in kinds
            # "the committee accused the paramilitary force": not the clause's own subject
            and not (own is not None and _subject_of_clause(doc[by_start[i].token_end - 1], own))
        ]
        # The subject of a recent sentence is what the text is about; prefer it to a passing name.
        subjects = [m for m in before if doc[m.token_start : m.token_end].root.dep_ in {"nsubj", "nsubjpass"}]
        named = _named_with(doc, mentions, token, kinds) if armed else None
        antecedent = named or next(iter(subjects or before), None)
        if antecedent is None:
            continue
        span = doc[start : token.i + 1]
        linked = dataclasses.replace(
            antecedent,
            span=span_of(span),
            token_start=start,
            token_end=token.i + 1,
            label="NOUN",
        )
        if generic is not None:
            result.remove(generic)  # "the rebels" are the rebels named before, not rebels in general
            by_start.pop(generic.token_start, None)
            by_start[start] = linked  # and what a later description refers back to
        result.append(linked)
        owned = by_start.get(token.head.i) if token.dep_ == "poss" else None
        if owned is not None and owned.label == "NOUN" and owned.kind != "population":
            # "the group's forces", like "its fighters": the generic noun is the antecedent's own people
            result.remove(owned)
            result.append(owned.naming(antecedent))
    result.sort(key=lambda m: m.token_start)
    return result


def _named_with(
    doc: Doc, mentions: Sequence[Mention], description: Token, kinds: frozenset[str]
) -> Mention | None:
    """The last group named before `description` by a name that ends in the same word: a writer who
    wrote "the M23 rebels" means them by "the rebels" paragraphs later, whatever was named between."""
    named = [
        m
        for m in mentions
        if m.token_end <= description.i
        and m.label != "NOUN"
        and m.kind in kinds
        and m.token_end - m.token_start >= 2
        and doc[m.token_end - 1].lower_ == description.lower_
    ]
    return named[-1] if named else None


_NOUN_POS = frozenset({"NOUN"})


def link_name_heads(doc: Doc, mentions: Sequence[Mention]) -> list[Mention]:
    """'Iran's mission to the United Nations said ... The mission blamed ...': a definite noun that
    is the head word of a body's name given in the three sentences before is that body ("the
    ministry", "the commission", "the mission"). The nearest such name wins."""
    covered = {i for m in mentions for i in range(m.token_start, m.token_end)}
    named = [m for m in mentions if m.kind != ActorKind.PERSON and m.token_end - m.token_start >= 2]
    linked: list[Mention] = []
    for token in tagged(doc, _NOUN_POS):
        if token.i in covered or token.dep_ == "compound":
            continue
        det = next((c for c in token.lefts if c.dep_ == "det"), None)
        if det is None or det.lower_ not in {"the", "this", "that"} or det.i != token.i - 1:
            continue
        window_start = _sentence_start_before(token, 3)
        antecedent = next(
            (
                m
                for m in reversed(named)
                if window_start <= m.token_start
                and m.token_end <= det.i
                and token.lower_
                in {doc[m.token_start : m.token_end].root.lower_, doc[m.token_end - 1].lower_}
            ),
            None,
        )
        if antecedent is not None:
            span = doc[det.i : token.i + 1]
            linked.append(
                dataclasses.replace(
                    antecedent, span=span_of(span), token_start=det.i, token_end=token.i + 1, label="NOUN"
                )
            )
    if not linked:
        return list(mentions)
    return sorted([*mentions, *linked], key=lambda m: m.token_start)


def _sentence_start_before(token: Token, sentences: int) -> int:
    start = sentence_start(token)
    for _ in range(sentences):
        if start == 0:
            break
        start = sentence_start(token.doc[start - 1])
    return start


#: Titles that, after "the", refer back to the person last named with them: "King Harald ... the king".
_TITLES = frozenset(
    {"king", "queen", "president", "emir", "sultan", "prince", "premier", "chancellor", "general", "colonel"}
)


def link_titles(doc: Doc, mentions: Sequence[Mention]) -> list[Mention]:
    """'King Harald ... an offer from the king': a title after "the" is the person last named with that
    title in front of the name, in the text before it."""
    titles = tokens_spelled(doc, _TITLES)
    if not titles:
        return list(mentions)
    titled: dict[str, Mention] = {}  # title -> the person last named with it
    covered = {i for m in mentions for i in range(m.token_start, m.token_end)}
    by_start = {m.token_start: m for m in mentions if m.kind == ActorKind.PERSON}
    result = list(mentions)
    for token in titles:
        person = by_start.get(token.i + 1) or by_start.get(token.i)
        if person is not None:
            titled[token.lower_] = person  # "King Harald", with the title outside the name or in it
            continue
        if token.i in covered or token.lower_ not in titled or token.pos_ != "NOUN":
            continue
        if token.i == 0 or doc[token.i - 1].lower_ != "the":
            continue
        span = doc[token.i - 1 : token.i + 1]
        result.append(
            dataclasses.replace(
                titled[token.lower_],
                span=span_of(span),
                token_start=span.start,
                token_end=span.end,
                label="NOUN",
            )
        )
    result.sort(key=lambda m: m.token_start)
    return result


_PRONOUNS = frozenset({"it", "its", "they", "their", "them"})
_PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "his", "her"})
_PERSON_KINDS = frozenset({"person"})
_SPEAKER_KINDS = frozenset(
    {
        "state",
        "government",
        "military",
        "police",
        "armed_group",
        "coalition",
        "political_party",
        "organization",
    }
)


def link_pronouns(doc: Doc, mentions: Sequence[Mention]) -> list[Mention]:
    """'It', 'its', 'they' as the actor they stand for; 'its fighters' as that actor's fighters.

    Two rules of news prose: a pronoun in a clause reported by an organisation or state is that
    speaker ("the army said it had struck", "Tehran insists it had no connection"); otherwise it is
    the last organisation or state that was the subject of a sentence, within the two before.
    """
    covered = {i: m for m in mentions for i in range(m.token_start, m.token_end)}
    result = list(mentions)
    for token in tagged(doc, _PRONOUN_TAGS):
        if token.i in covered:
            continue
        if token.lower_ in _PERSONAL_PRONOUNS:
            # "Annan announced that he will withdraw": a person's pronoun only for the person speaking,
            # or for the person who spoke last ("X told Reuters ... He put the toll at 15")
            antecedent = _speaker(token, covered, kinds=_PERSON_KINDS) or _last_speaker(token, mentions)
        elif token.lower_ in _PRONOUNS:
            antecedent = _speaker(token, covered)
            if antecedent is None and not _refers_to_things(token, covered):
                antecedent = _last_subject(token, mentions)
        else:
            continue
        if antecedent is None:
            continue
        owned = covered.get(token.head.i) if token.dep_ == "poss" else None
        if owned is not None and owned.label == "NOUN" and owned.kind != "population":
            # "its fighters": the generic noun is the antecedent's own people.
            result.remove(owned)
            result.append(owned.naming(antecedent))
        result.append(
            dataclasses.replace(
                antecedent,
                span=span_of(doc[token.i : token.i + 1]),
                token_start=token.i,
                token_end=token.i + 1,
                label="PRON",
            )
        )
    result.sort(key=lambda m: m.token_start)
    return result


_PRONOUN_TAGS = frozenset({"PRON"})
# Links from a pronoun up to the clause that reports it ("the army said [it had struck]").
_REPORTED_DEPS = frozenset(
    {"ccomp", "xcomp", "advcl", "conj", "relcl", "poss", "dobj", "pobj", "prep", "nsubj", "nsubjpass"}
)


def _speaker(
    pronoun: Token, covered: dict[int, Mention], kinds: frozenset[str] | None = None
) -> Mention | None:
    """The organisation or state whose statement the pronoun's clause is, if any. The clause's own
    subject is not its speaker: in "troops fired on them" the troops are not "them"."""
    clause = _own_clause(pronoun)
    for _ in range(3):
        if clause.dep_ not in _REPORTED_DEPS or clause.head.i == clause.i:
            return None
        clause = clause.head
        subject = next(
            (c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i != pronoun.i), None
        )
        speaker = _named_by(subject, covered) if subject is not None and subject.i < pronoun.i else None
        if speaker is not None:
            return speaker if speaker.kind in (kinds or _SPEAKER_KINDS) else None
    return None


def _subject_of_clause(word: Token, clause: Token) -> bool:
    return word.dep_ in {"nsubj", "nsubjpass"} and word.head.i == clause.i


def _own_clause(pronoun: Token) -> Token:
    """The verb of the clause a pronoun is part of ("fired" for "fired on them"), else its head."""
    node = pronoun.head
    for _ in range(4):
        if node.pos_ in {"VERB", "AUX"} or node.head.i == node.i:
            return node
        node = node.head
    return pronoun.head


def _named_by(head: Token, covered: dict[int, Mention]) -> Mention | None:
    """The actor a subject names: itself, or the one its modifier names ("Palestinian leaders",
    "Hamas officials" speak for Palestine, Hamas)."""
    if head.i in covered:
        return covered[head.i]
    return next(
        (covered[c.i] for c in head.children if c.dep_ in {"amod", "compound", "poss"} and c.i in covered),
        None,
    )


_PLURAL_PRONOUNS = frozenset({"they", "them", "their"})


def _refers_to_things(pronoun: Token, covered: dict[int, Mention]) -> bool:
    """'The four rockets came from the south, where Hezbollah has its bases. Air defences shot down
    one of them.': a plural pronoun takes up the subject of the sentence before, and when that is a
    plural noun naming no actor, the pronoun names none either."""
    if pronoun.lower_ not in _PLURAL_PRONOUNS:
        return False
    sentence = sentence_of(pronoun)
    doc = pronoun.doc
    if any(t.dep_ in {"nsubj", "nsubjpass"} and t.i in covered for t in doc[sentence.start : pronoun.i]):
        return False
    subject = _subject_before(sentence, frozenset({"nsubj", "nsubjpass"}))
    return (
        subject is not None
        and subject.tag_ == "NNS"
        and subject.i not in covered
        and not any(c.i in covered for c in subject.subtree)
    )


def _last_speaker(pronoun: Token, mentions: Sequence[Mention]) -> Mention | None:
    """The person who was the subject of a sentence before, when a sentence opens with "He"/"She"
    as its subject: news goes on quoting the person it just quoted ("X told Reuters that ... He said
    ..."). Only the sentence just before is looked at, and only a person named as its subject."""
    if pronoun.dep_ != "nsubj" or pronoun.head.dep_ != "ROOT" or pronoun.i != sentence_start(pronoun):
        return None
    subject = _subject_before(sentence_of(pronoun), frozenset({"nsubj"}))
    if subject is None:
        return None
    return next(
        (
            m
            for m in mentions
            if m.kind in _PERSON_KINDS and m.token_start <= subject.i < m.token_end and m.label != "PRON"
        ),
        None,
    )


def _subject_before(sentence: SpacySpan, deps: frozenset[str]) -> Token | None:
    """The subject (one of `deps`) of the main clause of the sentence before `sentence`, if any."""
    if sentence.start == 0:
        return None
    before = sentence_of(sentence.doc[sentence.start - 1])
    return next((c for c in before.root.children if c.dep_ in deps), None)


def _last_subject(pronoun: Token, mentions: Sequence[Mention]) -> Mention | None:
    window = _sentence_start_before(pronoun, 2)
    doc = pronoun.doc
    own = _own_clause(pronoun)
    for mention in sorted(mentions, key=lambda m: -m.token_start):
        if mention.token_start >= pronoun.i or mention.token_start < window:
            continue
        if _subject_of_clause(doc[mention.token_end - 1], own) and pronoun.dep_ not in {
            "nsubj",
            "nsubjpass",
            "poss",
        }:
            continue  # "troops fired on them": an object pronoun is not its own clause's subject
        if mention.kind in _SPEAKER_KINDS and doc[mention.token_end - 1].dep_ in {"nsubj", "nsubjpass"}:
            return mention
    return None


#: ACLED names people by what they do in the event: those protesting are Protesters, a crowd that
#: turns violent Rioters, whoever they are ("teachers", "residents", "youths"). Civilians are never
#: the ones who attack: people who bomb, shoot or abduct outside a crowd are an unidentified armed
#: group ("youths threw a petrol bomb at the car").
_ROLE_NAMES = {
    ("PROTEST", "Protests"): "Protesters",
    ("PROTEST", "Riots"): "Rioters",
    ("ASSAULT", "Riots"): "Rioters",
    ("ASSAULT", "Explosions/Remote violence"): "Unidentified Armed Group",
    ("ASSAULT", "Violence against civilians"): "Unidentified Armed Group",
    ("ASSAULT", "Battles"): "Unidentified Armed Group",
}


_MARCHING_KINDS = frozenset({ActorKind.POLITICAL_PARTY, ActorKind.ORGANIZATION})


def with_role_names(
    actors: Sequence[Actor], events: Sequence[Event], countries: Sequence[str], kb: KnowledgeBase
) -> tuple[Actor, ...]:
    """Actors with the ACLED role name they take in this article's events as an alias ("Protesters
    (Iran)" for workers who protested; "Police Forces of Brazil" for police left without a country,
    from where they acted), so ACLED users find them under the name ACLED would give."""
    roles: dict[str, list[str]] = {}
    clan_names = {a.id: a.name.removesuffix(" clan") for a in actors if a.id.startswith(CLAN_PREFIX)}
    clans: dict[str, list[str]] = {}
    marches: dict[str, list[str]] = {}  # the names of those who took to the street in this article
    for event in events:
        # "Police seized ..." in Brazil: police we could not place in a country are that state's
        # police where the event is, and ACLED names them so ("Police Forces of Brazil").
        where = event.location.country if event.location else None
        for actor_id in (event.source, event.target):
            head = _STATE_INSTITUTIONS.get(actor_id or "")
            institution = kb.institution(where, head) if where and head else None
            if actor_id and institution is not None and institution.acled_name:
                roles.setdefault(actor_id, []).append(institution.acled_name)
        if event.acled is not None and event.type == "ASSAULT":
            # ACLED names a family or clan that fights after it: "Haddad Clan Militia (Lebanon)"
            for actor_id in (event.source, event.target):
                if actor_id in clan_names:
                    militia = f"{clan_names[actor_id]} Clan Militia"
                    clans.setdefault(actor_id, []).append(_acled_name(militia, where, kb) or militia)
        if event.source is None or event.acled is None:
            continue
        role = _ROLE_NAMES.get((str(event.type), event.acled.event_type))
        if role is None:
            continue
        country = (event.location.country if event.location else None) or (
            countries[0] if countries else None
        )
        name = _acled_name(role, country, kb) or role
        roles.setdefault(event.source, []).append(name)
        if event.type == "PROTEST":
            marches.setdefault(event.source, []).append(name)
    result = []
    for actor in actors:
        # A party or a union that marches is, for ACLED, the protesters it brought out (with the
        # party as their associate): "HDP members rallied" is coded "Protesters (Turkey)".
        if actor.kind == "population" or actor.id in _STATE_INSTITUTIONS:
            taken = roles.get(actor.id, [])
        else:
            taken = marches.get(actor.id, []) if actor.kind in _MARCHING_KINDS else []
        names = [n for n in taken if n not in actor.aliases]
        names += [n for n in clans.get(actor.id, []) if n not in actor.aliases]
        result.append(
            dataclasses.replace(actor, aliases=(*actor.aliases, *dict.fromkeys(names))) if names else actor
        )
    return tuple(result)
