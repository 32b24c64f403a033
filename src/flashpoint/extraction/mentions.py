"""Actor mentions: the stretches of text that name an actor, each linked to an actor identity.

A mention is found three ways, strongest first:
1. an entity the knowledge-base ruler marked (its `ent_id_` is the actor id);
2. an entity `ner` found, looked up by name; a demonym or country in front of an institution noun
   ("Israeli forces", "US troops", "Iranian authorities") becomes that country's institution;
3. a generic actor noun ("gunmen", "protesters", "villagers"), with its country when a demonym
   stands in front of it ("Kenyan protesters").
Names the knowledge base does not know become new actors with a stable id made from the name, so the
same unknown group read in two articles is one actor in the store.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.attrs import DEP, ENT_TYPE, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id
from spacy.symbols import PROPN, nsubj
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from flashpoint.extraction.clauses import in_label
from flashpoint.extraction.context import names_money
from flashpoint.extraction.words import sentence_of, words_of
from flashpoint.knowledge.actors import KbActor, KnowledgeBase
from flashpoint.knowledge.lexicon import Lexicon
from flashpoint.records import Span
from flashpoint.taxonomy import STATE_FORCES, STATE_INSTITUTIONS, ActorKind, PloverType

#: Nouns that, under a country word, name that country's institution rather than the country.
INSTITUTION_HEADS = frozenset(
    {
        "force",
        "forces",
        "army",
        "military",
        "troops",
        "troop",
        "soldier",
        "soldiers",
        "navy",
        "government",
        "authorities",
        "authority",
        "officials",
        "official",
        "ministry",
        "police",
        "policemen",
        "policeman",
        "regime",
        "administration",
        "security",
        "intelligence",
        "cabinet",
        "president",
        "leadership",
        "jets",
        "warplanes",
        "marines",
        "guards",
        "coast",
        "embassy",
        "consulate",
        "diplomats",
        "parliament",
    }
)

#: Words in an unknown organisation's name that mark it as an armed group.
_ARMED_NAME_WORDS = frozenset(
    {
        "army",
        "front",
        "brigade",
        "brigades",
        "militia",
        "liberation",
        "forces",
        "force",
        "battalion",
        "jihad",
        "resistance",
        "mujahideen",
        "rebels",
        "guard",
        "legion",
        "regiment",
        "commando",
    }
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """One stretch of text naming one actor; `token_start`/`token_end` index the Doc."""

    span: Span
    token_start: int
    token_end: int
    actor_id: str
    name: str
    kind: str
    country: str | None
    in_kb: bool
    label: str

    @classmethod
    def over(
        cls,
        tokens: SpacySpan,
        *,
        actor_id: str,
        name: str,
        kind: str,
        country: str | None,
        in_kb: bool,
        label: str,
    ) -> Mention:
        """A mention of an actor by the words of `tokens`."""
        return cls(
            span=span_of(tokens),
            token_start=tokens.start,
            token_end=tokens.end,
            actor_id=actor_id,
            name=name,
            kind=kind,
            country=country,
            in_kb=in_kb,
            label=label,
        )

    def naming(self, other: Mention) -> Mention:
        """This stretch of text as a mention of `other`'s actor ("its fighters" naming the group)."""
        return dataclasses.replace(
            self,
            actor_id=other.actor_id,
            name=other.name,
            kind=other.kind,
            country=other.country,
            in_kb=other.in_kb,
        )


def find_mentions(
    doc: Doc, kb: KnowledgeBase, lexicon: Lexicon, is_place: Callable[[str], bool] = lambda name: False
) -> list[Mention]:
    """Every actor mention in the Doc, in text order, none overlapping another.

    `is_place` tells names of places, which the model often labels ORG ("Matamoros"), from names of
    organisations the knowledge base does not know.
    """
    mentions: list[Mention] = []
    taken: set[int] = set()
    for ent in doc.ents:
        mention = _entity_mention(ent, kb, lexicon, is_place)
        if mention is not None and not taken.intersection(range(mention.token_start, mention.token_end)):
            mentions.append(mention)
            taken.update(range(mention.token_start, mention.token_end))
    for token in tagged(doc, _NOUNS):
        if token.i in taken or token.ent_type_ in _PLACE_LABELS:
            continue  # a place the entity pass turned down ("in Baghdad") is not a common noun either
        mention = _local_government(token, kb, is_place) or _generic_mention(token, kb, lexicon)
        if mention is None:
            continue
        named = _own_people(mention, token, _naming_modifier(token, mentions, mention.token_start))
        if named is not None:
            # "TTP militants", "Hamza Division fighters": the fighters are the named group's.
            mentions.remove(named)
            tokens = doc[named.token_start : token.i + 1]
            mention = dataclasses.replace(
                named,
                span=span_of(tokens),
                token_end=token.i + 1,
            )
        elif taken.intersection(range(mention.token_start, mention.token_end)):
            span = range(mention.token_start, mention.token_end)
            inside = [m for m in mentions if m.token_start in span or m.token_end - 1 in span]
            if not inside or not all(_demonym_of(m, mention.country) for m in inside):
                continue
            # "Sudanese civilians": the adjective tells whose civilians; the civilians are the actor.
            for demonym in inside:
                mentions.remove(demonym)
        elif (owner := _own_people(mention, token, _named_owner(token, mentions))) is not None:
            # "fighters from the Arakan Army": the generic noun is the named group's people.
            mention = dataclasses.replace(
                owner,
                span=mention.span,
                token_start=mention.token_start,
                token_end=mention.token_end,
                label="NOUN",
            )
        mentions.append(mention)
        taken.update(range(mention.token_start, mention.token_end))
    mentions.sort(key=lambda m: m.token_start)
    mentions = _outside_labels(doc, mentions)
    mentions = _clans(doc, _identified_in_brackets(doc, _join_fragments(doc, mentions)))
    mentions = _ships(doc, _alliances(doc, _coordinated_forces(doc, mentions, kb)))
    mentions = _bodies_named_for_places(doc, mentions)
    mentions += _unnamed_speakers(doc, mentions, lexicon, is_place)
    extra = [*_backed_groups(doc, mentions), *_bodies_of(doc, mentions)]
    return sorted([*mentions, *extra], key=lambda m: m.token_start)


_NOUNS = frozenset({"NOUN", "PROPN"})


def _outside_labels(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Mentions outside the labels that open sentences: a label names the kind of story that
    follows ("Movement of forces: rebels brought reinforcements"), no one who takes part in it."""
    return [m for m in mentions if not in_label(doc[m.token_start])]


#: Nouns that, modified by "X-backed", name a class of armed actors analysts track ("Iran-backed militias").
_PROXY_NOUNS = frozenset(
    {
        "group",
        "groups",
        "militia",
        "militias",
        "faction",
        "factions",
        "fighters",
        "forces",
        "rebels",
        "proxies",
        "proxy",
        "gunmen",
        "paramilitaries",
        "movement",
        "movements",
    }
)
_DEFINITE = frozenset({"the", "this", "that"})
_BACKING_WORDS = frozenset({"backed", "supported", "sponsored", "funded", "aligned", "allied", "armed"})


def _backed_groups(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """'Iran-backed groups': an actor of its own, the groups an actor backs, when no name is given.
    'The Iran-backed group' is not: a definite singular description refers back to a group named before."""
    by_token = {i: m for m in mentions for i in range(m.token_start, m.token_end)}
    found: list[Mention] = []
    for token in tokens_spelled(doc, _PROXY_NOUNS):
        if token.i in by_token or token.pos_ != "NOUN":
            continue
        if token.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.lefts):
            continue  # "the Iran-backed group" refers back to a group already named
        backing = next(
            (
                c
                for c in token.lefts
                if c.lower_ in _BACKING_WORDS
                and c.i >= 2
                and doc[c.i - 1].text == "-"
                and c.i - 2 in by_token
            ),
            None,
        )
        if backing is None:
            continue
        backer = by_token[backing.i - 2]
        tokens = doc[backer.token_start : token.i + 1]
        plural = token.lemma_.lower() + ("s" if not token.lemma_.lower().endswith("s") else "")
        found.append(
            Mention.over(
                tokens,
                actor_id=f"{backer.actor_id.lower()}-{backing.lower_}-{plural}",
                name=f"{backer.name}-{backing.lower_} {plural}",
                kind=ActorKind.ARMED_GROUP,
                country=None,
                in_kb=False,
                label="NOUN",
            )
        )
    return found


_NAMED_GROUP_KINDS = frozenset({ActorKind.ARMED_GROUP, ActorKind.COALITION, ActorKind.POLITICAL_PARTY})
#: ... and a named force in front of such a noun: "Army officers" are the army's, not the police.
_NAMING_KINDS = _NAMED_GROUP_KINDS | STATE_FORCES


def _naming_modifier(token: Token, mentions: list[Mention], start: int) -> Mention | None:
    """A named group right in front of a generic noun phrase starting at `start` and modifying its
    noun ("TTP militants", "the NAF rebel forces")."""
    # the phrase's noun: the token itself, or the noun it compounds into ("rebel" in "rebel forces")
    nouns = {token.i, token.head.i} if token.dep_ == "compound" and token.head.i > token.i else {token.i}
    for mention in mentions:
        if (
            mention.token_end in {token.i, start}
            and mention.kind in _NAMING_KINDS
            and mention.label != "NOUN"  # a name, not another generic noun ("rebel" of "rebel forces")
        ):
            if _against(token.doc, mention.token_start):
                continue  # "anti-Houthi forces" are not the Houthis' own
            head = token.doc[mention.token_end - 1]
            if head.head.i in nouns and head.dep_ in {"compound", "nmod", "amod"}:
                return mention
    return None


def _own_people(mention: Mention, token: Token, group: Mention | None) -> Mention | None:
    """The group whose own people a generic noun names: a named group's fighters or supporters are
    that group ("M23 fighters", "supporters of the NDC"); supporters of a side the text does not name
    are people of their own ("supporters of the opposition forces")."""
    if group is not None and mention.kind == ActorKind.POPULATION and group.label == "NOUN":
        return None
    return group


def _against(doc: Doc, start: int) -> bool:
    """Whether the name at `start` is written "anti-X"."""
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ == "anti"


#: Nouns for people who back a side: they act for any named body, an unknown party's acronym too.
_SUPPORTERS = frozenset({"supporters", "supporter", "followers", "sympathisers", "sympathizers"})


def _named_owner(token: Token, mentions: list[Mention]) -> Mention | None:
    """A named group a generic noun belongs to: 'fighters from the Arakan Army', 'members of M23',
    'supporters of the NDC' (whatever kind of body the knowledge base would make the NDC)."""
    kinds = (
        _NAMED_GROUP_KINDS | {ActorKind.ORGANIZATION} if token.lower_ in _SUPPORTERS else _NAMED_GROUP_KINDS
    )
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"from", "of", "with", "loyal"}:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            found = next(
                (m for m in mentions if obj is not None and m.token_start <= obj.i < m.token_end), None
            )
            if found is not None and found.kind in kinds:
                return found
    return None


#: Hedges inside brackets that name who an unnamed actor is: "militants (likely Hamas)".
_HEDGES = frozenset(
    {
        "likely",
        "probably",
        "possibly",
        "reportedly",
        "allegedly",
        "presumably",
        "suspected",
        "believed",
        "thought",
        "to",
        "be",
        "from",
        "of",
        "the",
        "members",
        "fighters",
    }
)


def _identified_in_brackets(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """'Gunmen (suspected al-Shabaab)', 'militants (likely Hamas)': the generic noun is the one group
    the brackets right after it name; two names ('ISGS or JNIM') identify no one."""
    by_start = {m.token_start: m for m in mentions}
    result: list[Mention] = []
    for mention in mentions:
        end = mention.token_end
        if (
            mention.label == "NOUN"
            and mention.kind == ActorKind.ARMED_GROUP
            and end < len(doc)
            and doc[end].text == "("
        ):
            i = end + 1
            while i < len(doc) and doc[i].lower_ in _HEDGES:
                i += 1
            named = by_start.get(i)
            if (
                named is not None
                and named.kind in _NAMED_GROUP_KINDS
                and named.token_end < len(doc)
                and doc[named.token_end].text == ")"
            ):
                mention = mention.naming(named)
        result.append(mention)
    return result


def _join_fragments(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """One name the model cut in two ("Abu" + "Baqir al-Saadi") becomes one new actor."""
    joined: list[Mention] = []
    for mention in mentions:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and not previous.in_kb
            and not mention.in_kb
            and previous.token_end == mention.token_start
            and not doc[previous.token_end - 1].is_punct
        ):
            tokens = doc[previous.token_start : mention.token_end]
            person = ActorKind.PERSON in (previous.kind, mention.kind)
            joined[-1] = Mention.over(
                tokens,
                actor_id=("person:" if person else "org:") + slug(tokens.text),
                name=tokens.text,
                kind=ActorKind.PERSON if person else previous.kind,
                country=None,
                in_kb=False,
                label=previous.label,
            )
        else:
            joined.append(mention)
    return joined


def slug(name: str) -> str:
    """A stable id for a name the knowledge base lacks: accents folded, lower case, hyphens."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    folded = re.sub(r"['’`]", "", folded)
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def _make(tokens: SpacySpan, actor: KbActor, label: str) -> Mention:
    return Mention.over(
        tokens,
        actor_id=actor.id,
        name=actor.name,
        kind=actor.kind,
        country=actor.country,
        in_kb=True,
        label=label,
    )


#: Arabic name elements ("father of", "mother of") that begin a name and that the model often
#: leaves outside a PERSON entity.
_NAME_PREFIXES = frozenset({"Abu", "Abou", "Umm", "Um"})


def _trim(ent: SpacySpan) -> SpacySpan:
    """The entity without a leading article, a trailing possessive ("the IRI's" -> "IRI") or a
    parenthesis the model swallowed, keeping its label and knowledge-base id. A person's name takes
    back the "Abu" or "Umm" the model left out of it ("Abu Baqir al-Saadi")."""
    start, end = ent.start, ent.end
    doc = ent.doc
    if ent.label_ == "PERSON" and start > 0 and doc[start - 1].text in _NAME_PREFIXES:
        start -= 1
    while start < end and doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    while end > start and doc[end - 1].tag_ == "POS":
        end -= 1
    opening = next((i for i in range(start + 1, end) if doc[i].text == "("), None)
    if opening is not None:
        end = opening  # "Defence Front (NVDF": the acronym the text defines is not part of the name
    if (start, end) == (ent.start, ent.end):
        return ent
    return SpacySpan(doc, start, end, label=ent.label, span_id=ent.id)


def _entity_mention(
    ent: SpacySpan, kb: KnowledgeBase, lexicon: Lexicon, is_place: Callable[[str], bool]
) -> Mention | None:
    label = ent.label_  # (kept by `_trim`; read once, as is the text, which joins the words anew)
    if label not in {"ORG", "PERSON", "GPE", "NORP", "LOC", "FAC"}:
        return None
    ent = _trim(ent)
    text = ent.text
    if not text or text.lower() in lexicon.not_actors or text.lower().strip("-") in {"anti", "pro"}:
        return None
    actor = kb.get(ent.ent_id_) if ent.ent_id_ else None
    if actor is None:
        actor = kb.lookup(text)
    if label == "NORP" and _one_of_a_people(ent):
        return _person_of_a_people(ent, kb, lexicon)
    if actor is None and label == "NORP":
        actor = kb.demonym(text)
    if names_money(ent):
        return None  # "the US dollar", "the Turkish lira": money, not the state
    if actor is not None and actor.kind == ActorKind.GOVERNMENT and label == "GPE" and _in_place(ent):
        return None  # "a strike in Baghdad": the capital as a place, not as its government
    if actor is not None:
        return _institution_mention(ent, actor, kb) or _make(_with_full_title(ent, actor), actor, label)
    if label in {"GPE", "LOC", "FAC", "NORP"} or (label == "ORG" and is_place(text)):
        return None  # a place or a people the knowledge base does not know: not an actor
    return _numbered_unit(ent, kb) or _new_actor(ent)


def _one_of_a_people(ent: SpacySpan) -> bool:
    """Whether a people's name stands alone for one person: "a Palestinian", "an Afghan" (not
    "a Palestinian official", where it tells whose official, nor "the Afghans")."""
    root = ent.root
    return (
        len(ent) == 1
        and root.dep_ not in {"amod", "compound", "nmod", "poss"}
        and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in root.children)
    )


def _person_of_a_people(ent: SpacySpan, kb: KnowledgeBase, lexicon: Lexicon) -> Mention | None:
    """One person named by their people, never the state: as ACLED codes them, an attacker ("stabbed
    by a Palestinian") is an unidentified armed group of that country, anyone else ("a Palestinian
    was shot") one of its people, a civilian."""
    state = kb.demonym(ent.text)
    people = kb.get(f"{state.id}-people") if state is not None else None
    if state is None or people is None:
        return None
    if not _attacks(ent.root, lexicon):
        return _make(ent, people, ent.label_)
    unnamed = kb.get("unidentified-armed-group")
    if unnamed is None:
        return None
    return dataclasses.replace(
        _make(ent, unnamed, ent.label_), actor_id=f"{unnamed.id}-{people.country}", country=people.country
    )


#: Bodies whose name goes on with "of ...": "the Iranian Ministry of Foreign Affairs".
_TITLED_BODIES = frozenset({"ministry", "department", "office", "directorate", "secretariat"})


def _with_full_title(ent: SpacySpan, actor: KbActor) -> SpacySpan:
    """A state body matched by its short name ("Iranian Ministry") over the rest of its title
    ("of Foreign Affairs"): capitalised words after "of", joined by "and"."""
    doc = ent.doc
    if actor.kind != ActorKind.GOVERNMENT or ent[-1].lower_ not in _TITLED_BODIES:
        return ent
    if ent.end + 1 >= len(doc) or doc[ent.end].lower_ != "of" or not doc[ent.end + 1].is_title:
        return ent
    end = ent.end + 1
    while end < len(doc) and (
        doc[end].is_title or (doc[end].lower_ == "and" and end + 1 < len(doc) and doc[end + 1].is_title)
    ):
        end += 1
    if doc[end - 1].ent_type_ in {"GPE", "NORP"}:
        return ent  # "the Ministry of Ukraine": a country closing the title names whose body, not which
    return SpacySpan(doc, ent.start, end, label=ent.label, span_id=ent.id)


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "inside", "outside", "around", "across", "throughout"})


def _in_place(ent: SpacySpan) -> bool:
    return ent.root.dep_ == "pobj" and ent.root.head.lower_ in _PLACE_PREPOSITIONS


def _institution_mention(ent: SpacySpan, actor: KbActor, kb: KnowledgeBase) -> Mention | None:
    """'Israeli forces', 'US troops', 'Nairobi police': a country word (or its capital) modifying an
    institution noun."""
    if actor.kind not in {ActorKind.STATE, ActorKind.GOVERNMENT} or actor.country is None:
        return None
    head = ent.root.head
    doc = ent.doc
    if head.i < ent.end or head.i - ent.end > 2 or ent.root.dep_ not in {"amod", "compound", "nmod", "poss"}:
        # "Nairobi police arrest two men": the parse may split the pair, but a country word right in
        # front of an institution noun still names that country's institution
        after = (
            ent.end + 1 if ent.end < len(doc) and doc[ent.end].tag_ == "POS" else ent.end
        )  # "Mexico's Navy"
        if (
            after >= len(doc)
            or doc[after].lower_ not in INSTITUTION_HEADS
            or doc[after].pos_ not in {"NOUN", "PROPN"}
        ):
            return None
        head = doc[after]
    if head.lower_ not in INSTITUTION_HEADS or _not_the_states(head):
        return None
    institution = kb.institution(actor.country, head.lower_)
    if institution is None:
        return None
    return _make(doc[ent.start : head.i + 1], institution, "ORG")


#: Words that make an armed body someone else's than the state's: "opposition forces", "rebel army".
_NON_STATE_MARKS = frozenset(
    {"opposition", "rebel", "rebels", "insurgent", "guerrilla", "separatist", "militia", "resistance"}
)


def _not_the_states(head: Token) -> bool:
    """An institution noun marked as the state's opponents' ("Malawi's opposition forces")."""
    return any(c.lower_ in _NON_STATE_MARKS for c in head.lefts)


def state_mentions_inside(doc: Doc, mentions: list[Mention], kb: KnowledgeBase) -> list[Mention]:
    """The country word inside an institution mention ("Pakistani" in "Pakistani army") also names
    the state: an extra, overlapping mention of the state actor."""
    extra: list[Mention] = []
    for mention in mentions:
        if (
            mention.kind not in {ActorKind.MILITARY, ActorKind.GOVERNMENT, ActorKind.POLICE}
            or not mention.country
        ):
            continue
        state = kb.get(mention.country)
        first = doc[mention.token_start]
        if (
            state is None
            or first.ent_type_ not in {"NORP", "GPE"}
            or mention.token_end - mention.token_start < 2
        ):
            continue
        extra.append(_make(doc[first.i : first.i + 1], state, first.ent_type_))
    return extra


#: The last word of a numbered military unit's name: "the 22nd Mechanized Brigade".
_UNIT_WORDS = frozenset(
    {"brigade", "division", "battalion", "regiment", "corps", "squadron", "fleet", "army"}
)
_ORDINAL = re.compile(r"\d+(st|nd|rd|th)", re.IGNORECASE)


def _numbered_unit(ent: SpacySpan, kb: KnowledgeBase) -> Mention | None:
    """'The 22nd Mechanized Brigade', 'the 4th Armoured Division': a unit numbered the way armies
    number theirs is a state's military unit (of the article's country, placed later like "troops")."""
    if ent.label_ != "ORG" or ent[-1].lower_ not in _UNIT_WORDS:
        return None
    doc = ent.doc
    first = ent[0] if _ORDINAL.fullmatch(ent[0].text) else doc[ent.start - 1] if ent.start > 0 else None
    if first is None or not (_ORDINAL.fullmatch(first.text) or first.ent_type_ == "ORDINAL"):
        return None
    forces = kb.get("security-forces")
    if forces is None:
        return None
    tokens = doc[first.i : ent.end]
    return dataclasses.replace(_make(tokens, forces, "NOUN"), label="NOUN")


#: Capitalised words that open a title ("Supreme Leader", "President"), never a name on their own.
TITLE_WORDS = frozenset(
    {
        "supreme",
        "president",
        "prime",
        "minister",
        "leader",
        "general",
        "colonel",
        "commander",
        "chief",
        "king",
        "queen",
        "prince",
        "sheikh",
        "ayatollah",
        "senator",
        "governor",
        "mayor",
        "spokesman",
        "secretary",
        "pro",
        "lt",
        "col",
        "gen",
        "maj",
        "capt",
        "sgt",
        "dr",
        "mr",
        "mrs",
        "ms",
        "shiite",
        "sunni",
        "islamist",
        "jihadist",
    }
)


def _new_actor(ent: SpacySpan) -> Mention | None:
    words = [t for t in ent if not t.is_punct]
    if not words or all(t.is_stop or t.like_num or t.lower_ in TITLE_WORDS for t in words):
        return None
    if ent.label_ == "PERSON":
        kind = ActorKind.PERSON
        actor_id = "person:" + slug(ent.text)
    else:
        lowered = {t.lower_ for t in words}
        kind = ActorKind.ARMED_GROUP if lowered & _ARMED_NAME_WORDS else ActorKind.ORGANIZATION
        actor_id = "org:" + slug(ent.text)
    if actor_id.endswith(":"):
        return None
    return Mention.over(
        ent,
        actor_id=actor_id,
        name=ent.text,
        kind=kind,
        country=None,
        in_kb=False,
        label=ent.label_,
    )


#: Nouns for a body of people that an adjective makes an armed actor: "militant groups", "rebel factions".
_GROUP_NOUNS = frozenset(
    {"group", "groups", "faction", "factions", "organisations", "organizations", "outfits", "elements"}
)


#: Craft whose crew are soldiers: "a tank crew" is no civilian ship's crew.
_ARMED_CRAFT = frozenset(
    {"tank", "helicopter", "warship", "gunboat", "bomber", "fighter", "jet", "warplane", "artillery", "gun"}
)


def _described_group(token: Token, kb: KnowledgeBase) -> tuple[KbActor, int] | None:
    """'Militant groups', 'jihadist factions': a group noun whose adjective is itself a generic armed
    actor is that actor, from the adjective on. 'The militant group' is not: a definite singular
    description refers back to a group named before."""
    if token.lower_ not in _GROUP_NOUNS:
        return None
    if token.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.lefts):
        return None
    for child in token.lefts:
        if child.dep_ in {"amod", "compound"} and child.i == token.i - 1:
            actor = kb.lookup(child.text)
            if actor is not None and actor.kind == ActorKind.ARMED_GROUP and actor.country is None:
                return actor, child.i
    return None


def _two_word_alias(token: Token, kb: KnowledgeBase) -> tuple[KbActor, int] | None:
    """'Displaced families', 'striking workers': a noun whose modifier makes with it a generic actor's
    name, though the noun alone names none ("officers" does, the police, but in "military officers"
    the force in front decides whose men they are). The actor, and where its name starts."""
    if token.i == 0:
        return None
    before = token.doc[token.i - 1]
    if before.dep_ not in {"amod", "compound"} or before.head.i != token.i:
        return None
    actor = kb.lookup(f"{before.text} {token.text}")
    if actor is None or actor.country is not None:
        return None
    alone = kb.lookup(token.text)
    if alone is not None and (actor.kind not in STATE_FORCES or alone.id == actor.id):
        return None
    return actor, before.i


def _generic_mention(token: Token, kb: KnowledgeBase, lexicon: Lexicon) -> Mention | None:
    """A generic actor noun, with the country of a demonym in front of it."""
    described = _described_group(token, kb) or _two_word_alias(token, kb)
    actor = (
        (described[0] if described else None)
        or _unidentified(token, kb, lexicon)
        or _the_state(token, kb)
        or kb.lookup(token.text)
    )
    if actor is None or actor.kind not in {
        ActorKind.POPULATION,
        ActorKind.ARMED_GROUP,
        ActorKind.POLICE,
        ActorKind.MILITARY,
        ActorKind.GOVERNMENT,  # "the authorities", "officials": the article's country localises them
        ActorKind.OTHER,
    }:
        return None
    if actor.id == "crew" and any(c.lemma_.lower() in _ARMED_CRAFT for c in token.lefts):
        return None  # "a tank crew", "the helicopter's crew": soldiers, not civilians at sea
    if actor.kind == ActorKind.GOVERNMENT and any(_belongs_elsewhere(c) for c in token.children):
        return None  # "an official of the movement" is not the government's
    if actor.kind == ActorKind.MILITARY and _not_the_states(token):
        actor = kb.get("rebels")  # "armed opposition forces" fight the state: no state's own forces
        if actor is None:
            return None
    doc = token.doc
    start = min([token.i, *(c.i for c in token.lefts if c.dep_ == "compound" and c.pos_ == "NOUN")])
    if actor.id == "unidentified-armed-group":  # "an unidentified armed group": the marks name it too
        start = min([start, *(c.i for c in token.lefts if c.dep_ == "amod" and c.lower_ in _UNNAMED_MARKS)])
    if described is not None:
        start = min(start, described[1])
    if any(c.lower_ == "allied" and c.i == token.i - 1 for c in token.lefts):
        start = min(start, token.i - 1)  # "allied militias" are the militias of someone's side
    country: str | None = None
    for child in token.lefts:
        if child.dep_ in {"amod", "compound", "nmod"} and child.ent_type_ in {"NORP", "GPE"}:
            state = kb.demonym(child.text) or kb.lookup(child.text)
            if state is not None and state.country:
                country = state.country
                start = min(start, child.i)
    led = _led_by_state(token, kb) if country is None else None
    if led is not None:
        country, start = led
    if country is not None:
        institution = kb.institution(country, "jets" if _fighter_aircraft(token) else token.lower_)
        if institution is not None:
            return _make(doc[start : token.i + 1], institution, "ORG")
    tokens = doc[start : token.i + 1]
    actor_id = f"{actor.id}-{country}" if country else actor.id
    return Mention(
        span=span_of(tokens),
        token_start=start,
        token_end=token.i + 1,
        actor_id=actor_id,
        name=actor.name,
        kind=actor.kind,
        country=country or actor.country,
        in_kb=True,
        label="NOUN",
    )


def _led_by_state(token: Token, kb: KnowledgeBase) -> tuple[str, int] | None:
    """The country, and where its name starts, of a state that leads the forces a generic noun names:
    "US-led forces", "French-led troops" are that state's (with its allies'), not the forces of the
    country the story is in."""
    doc = token.doc
    for child in token.lefts:
        if child.lower_ == "led" and child.i >= 2 and doc[child.i - 1].text == "-":
            state = kb.demonym(doc[child.i - 2].text) or kb.lookup(doc[child.i - 2].text)
            if state is not None and state.kind == ActorKind.STATE and state.country:
                return state.country, child.i - 2
    return None


def _belongs_elsewhere(child: Token) -> bool:
    """Whether a preposition puts an official in another body: "of the movement", "from the party",
    "in the ministry", but not "in Yangon" (authorities in a place are its government)."""
    if child.dep_ != "prep" or child.lower_ not in {"of", "from", "for", "in"}:
        return False
    place = next((c for c in child.children if c.dep_ == "pobj"), None)
    return not (child.lower_ == "in" and place is not None and place.ent_type_ in _PLACE_LABELS)


#: Words of air operations that make "fighters" fighter aircraft: "intercepted by Russian fighters".
_AIR_WORDS = frozenset(
    {
        "plane",
        "aircraft",
        "airspace",
        "jet",
        "warplane",
        "bomber",
        "intercept",
        "scramble",
        "sortie",
        "pilot",
        "airliner",
        "helicopter",
    }
)


def _fighter_aircraft(token: Token) -> bool:
    """'Fighters' in a sentence about aircraft are a state's fighter jets, its air force, not
    fighters on the ground."""
    return token.lower_ in {"fighter", "fighters"} and any(
        t.lemma_.lower() in _AIR_WORDS for t in sentence_of(token)
    )


def _demonym_of(mention: Mention, country: str | None) -> bool:
    """A bare country word ("Sudanese", "U.S.") naming `country`'s state in front of a noun."""
    return mention.label in {"NORP", "GPE"} and mention.kind == ActorKind.STATE and mention.country == country


#: People that news leaves unnamed on purpose: "unidentified individuals", "unknown men", "armed men".
_UNNAMED_PEOPLE = frozenset(
    {"individuals", "individual", "persons", "person", "men", "man", "people", "assailant"}
)
_UNNAMED_GROUPS = frozenset({"group", "groups"})
_UNNAMED_MARKS = frozenset({"unidentified", "unknown", "armed", "masked"})


def _unidentified(token: Token, kb: KnowledgeBase, lexicon: Lexicon) -> KbActor | None:
    """ACLED's unidentified armed group, for people the text marks as unnamed and armed, for people
    it names only by what they did with a weapon ("two men opened fire", "a man stabbed a guard"),
    and for "an unidentified armed group" itself (not "the armed group", which refers back)."""
    if token.lower_ in _UNNAMED_GROUPS:
        if any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.lefts):
            return None
    elif token.lower_ not in _UNNAMED_PEOPLE:
        return None
    marked = any(c.dep_ == "amod" and c.lower_ in _UNNAMED_MARKS for c in token.children)
    if not marked and not (token.lower_ in _UNNAMED_PEOPLE and _attacks(token, lexicon)):
        return None
    return kb.get("unidentified-armed-group")


def _attacks(subject: Token, lexicon: Lexicon) -> bool:
    """Whether `subject` is who does violence in its clause: the subject of an attack verb ("stabbed")
    or of a light verb with an attack noun ("opened fire", "carried out an attack")."""
    if subject.dep_ == "pobj" and subject.head.dep_ == "agent":
        subject = subject.head  # "stabbed by a man": the passive verb's agent
    elif subject.dep_ != "nsubj":
        return False
    if subject.head.pos_ != "VERB":
        return False
    verb = subject.head
    trigger = lexicon.verbs.get(verb.lemma_.lower())
    if trigger is not None and trigger[0] == PloverType.ASSAULT:
        return True
    if verb.lemma_.lower() not in lexicon.light_verbs:
        return False
    deeds = (lexicon.nouns.get(c.lemma_.lower()) for c in verb.children if c.dep_ in {"dobj", "obj"})
    return any(deed is not None and deed[0] == PloverType.ASSAULT for deed in deeds)


def _the_state(token: Token, kb: KnowledgeBase) -> KbActor | None:
    """'Took up arms against the state': "the state" alone is the government of the country the
    article is about (localised like "the government"); "the state of Bihar", "state media", "Rakhine
    state", "head of state" and "in the state" are not."""
    if token.lower_ != "state" or token.dep_ not in {"pobj", "dobj", "nsubj", "nsubjpass", "conj"}:
        return None
    children = list(token.children)
    if len(children) != 1 or children[0].dep_ != "det" or children[0].lower_ != "the":
        return None
    if token.dep_ == "pobj" and (
        token.head.head.lower_ in {"head", "heads"}
        or token.head.lower_ in _PLACE_PREPOSITIONS | {"into", "within"}
    ):
        return None  # "head of state"; "in the state", "across the state": a place
    return kb.get("officials")


#: Nouns for kin groups that a family name in front of them makes an actor: "the Haddad clan".
_KIN_NOUNS = frozenset({"family", "families", "clan", "clans"})
#: The id prefix of a family or clan read from the text ("clan:haddad").
CLAN_PREFIX = "clan:"


def _clans(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """'The Haddad clan', 'a feud between the Haddad and Nasser families': a family name before a
    kin noun names a family or clan, an actor of its own (the model reads the name as a person). Both
    names of a coordinated pair take the plural noun."""
    found: list[Mention] = []
    for token in tokens_spelled(doc, _KIN_NOUNS):
        if token.pos_ != "NOUN":
            continue
        heads = [c for c in token.lefts if c.pos_ == "PROPN" and c.dep_ in {"compound", "nmod", "amod"}]
        heads += [c for h in heads for c in h.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
        if token.dep_ == "conj" and token.head.pos_ == "PROPN" and token.head.i < token.i:
            heads.append(token.head)  # "the Haddad and Nasser families", read either way
        names = [_name_ending_at(head) for head in heads]
        for name in names:
            if name is None:
                continue
            found.append(
                Mention.over(
                    name,
                    actor_id=CLAN_PREFIX + slug(name.text),
                    name=f"{name.text} clan",
                    kind=ActorKind.OTHER,
                    country=None,
                    in_kb=False,
                    label="NOUN",
                )
            )
    if not found:
        return mentions
    known = {i for m in mentions if m.in_kb for i in range(m.token_start, m.token_end)}
    found = [m for m in found if not known.intersection(range(m.token_start, m.token_end))]
    if not found:
        return mentions  # "the Assad family": a family the knowledge base knows by its head
    return _replacing(mentions, found)


def _name_ending_at(last: Token) -> SpacySpan | None:
    """The run of capitalised words ending at `last` ("Al Omar"), or None if `last` is not one."""
    doc = last.doc
    start = last.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
        start -= 1
    if not last.is_title or last.ent_type_ in {"GPE", "LOC", "NORP"}:
        return None  # "the Syrian families", "Gaza families": a place's or a people's families
    return doc[start : last.i + 1]


#: Nouns for a ship, which news names in apposition: "the tanker Ocean Pearl", "the vessel, the 'X'".
_SHIP_NOUNS = frozenset({"ship", "vessel", "tanker", "freighter", "carrier", "boat", "ferry", "trawler"})


def _ships(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A ship named in apposition to a ship noun ("the tanker Ocean Pearl", "the vessel, the 'SEA
    LARK'") is an actor, the target of attacks at sea; the noun and the name both mention it."""
    found: list[Mention] = []
    known = {i for m in mentions if m.in_kb for i in range(m.token_start, m.token_end)}
    for noun in tokens_spelled(doc, _SHIP_NOUNS):
        name = next((c for c in noun.rights if c.dep_ == "appos" and _ship_word(c)), None)
        if noun.pos_ != "NOUN" or name is None:
            continue
        words = [t for t in name.subtree if _ship_word(t) and t.i <= name.i]
        if not words or words[-1].i - words[0].i + 1 != len(words) or known.intersection(t.i for t in words):
            continue  # not one run of capitalised words, or a name the knowledge base gives an actor
        tokens = doc[words[0].i : name.i + 1]
        ship_id = "ship:" + slug(tokens.text)
        for part in (tokens, doc[noun.i : noun.i + 1]):
            found.append(
                Mention.over(
                    part,
                    actor_id=ship_id,
                    name=tokens.text,
                    kind=ActorKind.OTHER,
                    country=None,
                    in_kb=False,
                    label="NOUN",
                )
            )
    return _replacing(mentions, found)


def _ship_word(token: Token) -> bool:
    """A word of a ship's name: a proper noun, or a word in capitals the model took for a common
    noun ("the 'SEA LARK'")."""
    return token.pos_ == "PROPN" or (token.is_upper and token.is_alpha and len(token) > 2)


#: Nouns for a union of parties or groups that news names by what it unites.
_ALLIANCE_NOUNS = frozenset({"alliance", "coalition", "bloc", "front"})
_ALLIED_MEMBERS = frozenset({"parties", "groups", "factions", "movements", "organisations", "organizations"})


def _coordinated_forces(doc: Doc, mentions: list[Mention], kb: KnowledgeBase) -> list[Mention]:
    """'US and British forces', 'Russian and Syrian jets': two states' institutions under one noun,
    each state word naming its own state's."""
    found: list[Mention] = []
    for mention in mentions:
        first, noun = doc[mention.token_start], doc[mention.token_end - 1]
        if first.i == noun.i or mention.kind not in STATE_INSTITUTIONS:
            continue
        other = next((c for c in first.children if c.dep_ == "conj" and c.i < noun.i), None)
        if other is None:
            continue
        state = kb.demonym(other.text) or kb.lookup(other.text)
        if (
            state is None
            or state.kind != ActorKind.STATE
            or not state.country
            or state.country == mention.country
        ):
            continue
        institution = kb.institution(state.country, "jets" if _fighter_aircraft(noun) else noun.lower_)
        if institution is None:
            continue
        # Each state word alone: the noun is left to the parse, which makes the first one named the
        # head's owner ("US and British forces retaliated": the US forces first).
        found.append(
            dataclasses.replace(mention, span=span_of(doc[first.i : first.i + 1]), token_end=first.i + 1)
        )
        found.append(_make(doc[other.i : other.i + 1], institution, "ORG"))
    return _replacing(mentions, found)


#: Head words of the names of bodies that take a place's name: "the Wad Madani Resistance Committee".
_BODY_HEADS = frozenset(
    {
        "committee",
        "committees",
        "council",
        "front",
        "movement",
        "union",
        "association",
        "party",
        "alliance",
        "coalition",
        "assembly",
        "commission",
        "brigade",
        "brigades",
        "forces",
        "army",
        "militia",
        "federation",
        "league",
    }
)


def _bodies_named_for_places(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """'The Wad Madani Resistance Committee': a place followed by capitalised words that end in a
    body's head word is the name of that body, which the model cut short at the place."""
    found: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in _PLACE_LABELS:
            continue
        end = ent.end
        while (
            end < len(doc)
            and doc[end].is_title
            and doc[end].pos_ in {"PROPN", "NOUN"}
            and not doc[end].ent_type_
        ):
            end += 1
        if end == ent.end or doc[end - 1].lower_ not in _BODY_HEADS:
            continue
        body = _new_actor(SpacySpan(doc, ent.start, end, label="ORG"))
        if body is not None:
            found.append(body)
    return _replacing(mentions, found)


def span_of(tokens: SpacySpan) -> Span:
    """The record of where `tokens` stand in the text: their character offsets and words."""
    return Span(start=tokens.start_char, end=tokens.end_char, text=tokens.text)


def _alliances(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """'An alliance of seven opposition parties', 'a coalition of armed groups': a union that the
    text names only by its members is an actor of its own, over the whole phrase, unless the phrase
    is said of a union just named ("the IRI, a coalition of Shiite groups"): then it mentions that."""
    found: list[Mention] = []
    by_token = {i: m for m in mentions for i in range(m.token_start, m.token_end)}
    for noun in tokens_spelled(doc, _ALLIANCE_NOUNS):
        of = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        members = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if noun.pos_ != "NOUN" or members is None or members.lower_ not in _ALLIED_MEMBERS:
            continue
        tokens = doc[noun.i : members.i + 1]
        mention = Mention.over(
            tokens,
            actor_id="org:" + slug(tokens.text),
            name=tokens.text,
            kind=ActorKind.COALITION,
            country=None,
            in_kb=False,
            label="NOUN",
        )
        named = by_token.get(noun.head.i) if noun.dep_ == "appos" else None
        found.append(mention.naming(named) if named is not None else mention)
    return _replacing(mentions, found)


def _replacing(mentions: list[Mention], found: list[Mention]) -> list[Mention]:
    """`mentions` with `found` added, dropping the mentions `found` overlaps."""
    if not found:
        return mentions
    taken = {i for m in found for i in range(m.token_start, m.token_end)}
    kept = [m for m in mentions if not taken.intersection(range(m.token_start, m.token_end))]
    return sorted([*kept, *found], key=lambda m: m.token_start)


#: Nouns for the government of a place below the state: "the Sonora state government".
_LOCAL_GOVERNMENT_HEADS = frozenset({"government", "governments", "administration", "authorities", "council"})
#: Words that stand between such a place and the noun: "the Kherson regional military administration".
_LOCAL_LEVELS = frozenset(
    {
        "regional",
        "provincial",
        "state",
        "city",
        "municipal",
        "district",
        "county",
        "local",
        "military",
        "civil",
        "civilian",
        "oblast",
        "autonomous",
    }
)


def _local_government(token: Token, kb: KnowledgeBase, is_place: Callable[[str], bool]) -> Mention | None:
    """'The Sonora state government', 'the Kherson regional military administration': a place that is
    not a state, in front of a government noun, names that place's own government, an actor apart
    from the state's (a governor's office can dispute what the capital says)."""
    if token.lower_ not in _LOCAL_GOVERNMENT_HEADS or token.pos_ != "NOUN":
        return None
    doc = token.doc
    i = token.i - 1
    while i >= 0 and doc[i].lower_ in _LOCAL_LEVELS:
        i -= 1
    if i < 0 or doc[i].ent_type_ not in {"GPE", "LOC", "ORG"} or doc[i].head.i <= i:
        return None
    place = next((e for e in doc.ents if e.start <= i < e.end), None)
    if place is None or place.end != i + 1 or kb.lookup(place.text) is not None:
        return None
    if place.label_ == "ORG" and not is_place(place.text):
        return None  # "the Hamas government": an organisation's, not a place's
    tokens = doc[place.start : token.i + 1]
    name = tokens.text if token.lower_ != "governments" else f"{doc[place.start : token.i].text} government"
    return Mention.over(
        tokens,
        actor_id="gov:" + slug(name),
        name=name,
        kind=ActorKind.GOVERNMENT,
        country=None,
        in_kb=False,
        label="ORG",
    )


#: Words that make a capitalised subject an organisation's name, not a person's.
_ORGANISATION_WORDS = frozenset(
    {
        "agency",
        "association",
        "authority",
        "bank",
        "bureau",
        "centre",
        "center",
        "committee",
        "council",
        "court",
        "department",
        "group",
        "institute",
        "international",
        "ministry",
        "network",
        "news",
        "office",
        "organisation",
        "organization",
        "party",
        "press",
        "service",
        "society",
        "times",
        "union",
        "watch",
    }
)


def _unnamed_speakers(
    doc: Doc, mentions: list[Mention], lexicon: Lexicon, is_place: Callable[[str], bool]
) -> list[Mention]:
    """'Ramesh Karki, who was hurt in the crush, said ...': a first and last name that the model left
    unlabelled, as the subject of a reporting verb, is a person who speaks, and so an actor."""
    covered = {i for m in mentions for i in range(m.token_start, m.token_end)}
    found: list[Mention] = []
    # unlabelled proper nouns that are subjects, picked out of the whole Doc at once
    tags = doc.to_array([POS, DEP, ENT_TYPE])
    subjects = ((tags[:, 0] == PROPN) & (tags[:, 1] == nsubj) & (tags[:, 2] == 0)).nonzero()[0]
    for token in (doc[int(i)] for i in subjects):
        if token.head.lemma_.lower() not in lexicon.reporting_verbs:
            continue
        start = token.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == token.i:
            start -= 1
        words = doc[start : token.i + 1]
        if not 2 <= len(words) <= 3 or any(
            not t.is_title
            or not t.is_alpha
            or t.pos_ != "PROPN"
            or t.ent_type_
            or t.i in covered
            or t.lower_ in _ORGANISATION_WORDS
            or t.lower_ in TITLE_WORDS
            or t.lower_ in _ARMED_NAME_WORDS
            for t in words
        ):
            continue
        if is_place(words.text) or (start > 0 and doc[start - 1].lower_ == "the"):
            continue  # "the Kabul Times said": a title, not a name
        found.append(
            Mention.over(
                words,
                actor_id="person:" + slug(words.text),
                name=words.text,
                kind=ActorKind.PERSON,
                country=None,
                in_kb=False,
                label="PERSON",
            )
        )
    return found


#: People an organisation sends to look into something: "U.N. investigators", "AU observers".
_ORGANISATION_BODIES = frozenset({"investigators", "experts", "inspectors", "monitors", "observers"})
_DIPLOMATIC_MISSIONS = frozenset({"mission", "delegation"})


def _bodies_of(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Bodies that act apart from the actor that sends them, each an actor of its own over the text
    that names its sender: an organisation's investigators ("U.N. investigators", "experts from the
    IAEA") and a state's diplomatic mission to another body ("Iran's mission to the United Nations")."""
    found: list[Mention] = []
    nouns = tokens_spelled(doc, _ORGANISATION_BODIES | _DIPLOMATIC_MISSIONS)
    by_token = {i: m for m in mentions for i in range(m.token_start, m.token_end)} if nouns else {}
    for token in nouns:
        if token.pos_ != "NOUN" or token.i in by_token:
            continue
        if token.lower_ in _ORGANISATION_BODIES:
            owner = _sender(token, by_token, {ActorKind.ORGANIZATION, ActorKind.COALITION})
            if owner is None:
                continue
            start, end = min(owner.token_start, token.i), max(owner.token_end, token.i + 1)
            name, actor_id = f"{owner.name} {token.lower_}", f"{owner.actor_id}-{token.lower_}"
            kind, country = ActorKind.ORGANIZATION, owner.country
        elif token.lower_ in _DIPLOMATIC_MISSIONS:
            state = next(
                (
                    by_token[c.i]
                    for c in token.lefts
                    if c.dep_ in {"poss", "amod", "compound", "nmod"}
                    and c.i in by_token
                    and by_token[c.i].kind == ActorKind.STATE
                ),
                None,
            )
            to = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "to"), None)
            host = next((by_token[c.i] for c in to.children if c.i in by_token), None) if to else None
            if state is None or host is None or state.country is None:
                continue
            start, end = state.token_start, host.token_end
            name = f"{state.name}'s mission to the {host.name}"
            actor_id = f"{state.country}-mission-{slug(host.name)}"
            kind, country = ActorKind.GOVERNMENT, state.country
        else:
            continue
        tokens = doc[start:end]
        found.append(
            Mention(
                span=span_of(tokens),
                token_start=start,
                token_end=end,
                actor_id=actor_id,
                name=name,
                kind=kind,
                country=country,
                in_kb=False,
                label="NOUN",
            )
        )
    return found


def _sender(token: Token, by_token: dict[int, Mention], kinds: set[str]) -> Mention | None:
    """The organisation a body noun belongs to: its modifier ("U.N. investigators") or the object
    of "from"/"of" after it ("investigators from the U.N.")."""
    for child in token.children:
        if child.dep_ in {"compound", "nmod", "amod", "poss"} and child.i < token.i:
            candidate = by_token.get(child.i)
        elif child.dep_ == "prep" and child.lower_ in {"from", "of"}:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            candidate = by_token.get(obj.i) if obj is not None else None
        else:
            continue
        if candidate is not None and candidate.kind in kinds:
            return candidate
    return None


def tokens_spelled(doc: Doc, words: frozenset[str]) -> list[Token]:
    """The tokens whose lower-case form is one of `words` (lower-case), in order, read off the Doc's
    lower-case forms (`words_of`, read once per Doc) rather than by visiting every token: most
    articles name no clan, no inspectors and no weapon, and then no Token is made at all."""
    keys = _string_ids(words)
    read = words_of(doc)
    if keys.isdisjoint(read.lower_id_set):
        return []
    return [doc[i] for i, key in enumerate(read.lower_ids) if key in keys]


def tagged(doc: Doc, pos: frozenset[str]) -> list[Token]:
    """The tokens whose part of speech (`Token.pos_`) is one of `pos`, in order, read off the Doc's
    tags (`words_of`): a pass that wants only nouns or pronouns makes no Token for the other words."""
    ids = _pos_ids(pos)
    return [doc[i] for i, tag in enumerate(words_of(doc).pos_ids) if tag in ids]


@functools.lru_cache(maxsize=16)
def _pos_ids(pos: frozenset[str]) -> frozenset[int]:
    return frozenset(POS_IDS[name] for name in pos)


@functools.lru_cache(maxsize=64)
def _string_ids(words: frozenset[str]) -> frozenset[int]:
    """The ids spaCy gives `words` (a fixed function of the string): the same few word lists are
    asked for in every article."""
    return frozenset(get_string_id(word) for word in words)


def mentions_by_token(mentions: Sequence[Mention]) -> dict[int, Mention]:
    """Each token index to the mention covering it; where mentions nest ("Iran" inside "Iran-backed
    groups"), the shortest one names the token."""
    by_token: dict[int, Mention] = {}
    for mention in sorted(mentions, key=lambda m: m.token_start - m.token_end):
        for i in range(mention.token_start, mention.token_end):
            by_token[i] = mention
    return by_token
