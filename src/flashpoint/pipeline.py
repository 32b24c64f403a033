"""The path of one article: parse, find mentions and event candidates, read each event's status,
attribution, date, place and numbers, and assemble the `ArticleResult`.

The CLI, the spaCy component and (later) the API and batch runner all call this module, so an
article gives the same result whichever door it came in by.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from flashpoint.extraction.attribution import attribution_of, denial_of
from flashpoint.extraction.clauses import definite, in_cause_phrase, opened_by
from flashpoint.extraction.context import (
    Entities,
    contains,
    date_expressions,
    days_running,
    names_a_backer,
    names_a_place,
    names_a_region,
    names_an_origin,
    names_an_owner,
    place_expressions,
    possessive_stem,
    reported_dates,
    with_its_modifiers,
)
from flashpoint.extraction.events import (
    Candidate,
    clause_agent,
    denied_part,
    find_candidates,
    further_doers,
    holds_demonstrators,
)
from flashpoint.extraction.mentions import Mention, find_mentions, mentions_by_token, state_mentions_inside
from flashpoint.extraction.quantities import count_of, sentence_fatalities
from flashpoint.extraction.relations import find_relations
from flashpoint.extraction.status import read_status
from flashpoint.extraction.words import forget, sentence_of, sentence_start, words_of
from flashpoint.knowledge.actors import KbActor, KnowledgeBase, load_knowledge_base
from flashpoint.knowledge.lexicon import Lexicon, load_lexicon
from flashpoint.knowledge.places import Gazetteer, load_gazetteer
from flashpoint.records import AcledType, Article, ArticleResult, DateRef, Event, Place, Relation, Span
from flashpoint.resolve.actors import (
    build_actors,
    link_defined_acronyms,
    link_descriptions,
    link_name_heads,
    link_pronouns,
    link_short_names,
    link_titles,
    localise_generic,
    with_role_names,
)
from flashpoint.resolve.dates import resolve_date, writes_day_first
from flashpoint.resolve.events import merge_repeated, without_summaries
from flashpoint.resolve.relations import inferred_relations
from flashpoint.taxonomy import (
    ARMED_KINDS,
    DEEDS,
    HAPPENED,
    STATE_FORCES,
    STATE_INSTITUTIONS,
    UNREALISED,
    ActorKind,
    PlacePrecision,
    PloverType,
    Predicate,
    Status,
    acled_type,
)


@dataclass(frozen=True, slots=True)
class Knowledge:
    """What extraction reads besides the text: loaded once, shared by every article."""

    kb: KnowledgeBase
    gazetteer: Gazetteer
    lexicon: Lexicon


def load_knowledge() -> Knowledge:
    """The packaged knowledge base, gazetteer and lexicon (each cached per process)."""
    return Knowledge(kb=load_knowledge_base(), gazetteer=load_gazetteer(), lexicon=load_lexicon())


def extract(
    text: str,
    published: date | str | None = None,
    *,
    id: str = "text",
    title: str | None = None,
    nlp: Language | None = None,
) -> ArticleResult:
    """Read one text; `published` anchors relative dates ("on Monday"). `.to_json()` gives flashpoint/1."""
    from flashpoint.nlp.pipeline import shared_nlp

    if isinstance(published, str):
        published = date.fromisoformat(published)
    article = Article(id=id, text=text, title=title, published=published)
    return read_doc((nlp or shared_nlp())(text), article)


def extract_articles(
    articles: Iterable[Article], nlp: Language, *, batch_size: int = 16, n_process: int = 1
) -> Iterator[ArticleResult]:
    """Read many articles through one `nlp.pipe`, in input order."""
    knowledge = load_knowledge()
    stream = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(stream, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield read_doc(doc, article, knowledge)


def read_doc(doc: Doc, article: Article, knowledge: Knowledge | None = None) -> ArticleResult:
    """Everything Flashpoint reads from one parsed article."""
    knowledge = knowledge or load_knowledge()
    forget(doc)  # (what was read of this Doc's words before: it may have changed since)
    mentions = find_mentions(doc, knowledge.kb, knowledge.lexicon, knowledge.gazetteer.is_place)
    mentions = link_short_names(link_descriptions(doc, link_defined_acronyms(doc, mentions)))
    mentions = link_name_heads(doc, mentions)
    entities = Entities.of(doc, article.text)
    context_countries = _context_countries(mentions, entities, knowledge)
    story_day = _story_day(entities, article.published)
    mentions = localise_generic(mentions, context_countries[0] if context_countries else None, knowledge.kb)
    mentions = link_titles(doc, link_pronouns(doc, mentions))
    kinds = {m.actor_id: m.kind for m in mentions}
    events: list[Event] = []
    victims: set[str] = set()
    combats: set[str] = set()
    held_demonstrators: set[str] = set()  # arrests of people as they protested
    threat_cues: set[int] = set()
    by_token = mentions_by_token(mentions)
    pronouns = {i: m.name for i, m in by_token.items() if m.label == "PRON"}
    crowds: list[Mention] = []
    protests_at: dict[int, Event] = {}  # a protest's trigger word -> the protest
    aimed_at: dict[str, int] = {}  # an attack -> the word it was aimed at
    for candidate in find_candidates(doc, mentions, knowledge.lexicon):
        event, cue = _event(
            doc,
            article,
            candidate,
            by_token,
            pronouns,
            entities,
            context_countries,
            knowledge,
            len(events),
            story_day,
        )
        if cue is not None:
            threat_cues.add(cue)
        if event.type == PloverType.PROTEST and event.source is None:
            crowd = _crowd(doc, candidate, event, context_countries, knowledge.kb, kinds)
            if crowd is not None:
                crowds.append(crowd)
                kinds[crowd.actor_id] = crowd.kind
                event = dataclasses.replace(event, source=crowd.actor_id)
        events.append(event)
        for k, doer in enumerate(further_doers(doc[candidate.trigger], by_token)):
            events.append(dataclasses.replace(event, id=f"{event.id}-{k + 2}", source=doer))
        happened = _happened_despite_denial(event, doc[candidate.trigger], entities, article, story_day)
        if happened is not None:
            events.append(happened)
            if candidate.victims:
                victims.add(happened.id)
        if event.type == PloverType.PROTEST:
            protests_at[candidate.trigger] = event
        elif event.type == PloverType.ASSAULT and candidate.target_token is not None:
            aimed_at[event.id] = candidate.target_token
        if candidate.victims:
            victims.add(event.id)
        if candidate.combat:
            combats.add(event.id)
        if (candidate.type, candidate.mode) == (PloverType.COERCE, "arrest") and holds_demonstrators(
            doc[candidate.trigger], knowledge.lexicon
        ):
            held_demonstrators.add(event.id)
    # "Forces opened fire on the march": an attack on a protest is an attack on its crowd (civilians).
    for k, event in enumerate(events):
        protest = protests_at.get(aimed_at.get(event.id, -1))
        if protest is not None and protest.source is not None:
            events[k] = dataclasses.replace(event, target=protest.source)
            victims.add(event.id)
    # "X vowed to strike Y" is one threat, read from "strike": the vow is its cue, not a second event.
    events = [e for e in events if not (e.type == PloverType.THREATEN and e.trigger.start in threat_cues)]
    events = _claimed(events, doc, by_token)
    # A protest told twice ("a human chain ... police baton-charged the human chain") was broken up
    # if either telling says so.
    interventions = {
        e.id: found
        for e in events
        if (found := _intervention(e, doc, knowledge.lexicon, e.id in held_demonstrators))
    }
    folded: dict[str, str] = {}
    # Institutions act for their state: one side with it when tellings of a happening are matched.
    states = {m.actor_id: m.country for m in mentions if m.kind in STATE_INSTITUTIONS and m.country}
    # Actors named only by a common noun ("gunmen", "a gang") may stand for a group of their kind.
    unnamed = {m.actor_id for m in mentions if m.label == "NOUN"} - {
        m.actor_id for m in mentions if m.label != "NOUN"
    }
    repeated = merge_repeated(
        events,
        lambda event: _refers_back(event, doc),
        folded,
        states,
        _headline_end(article.text),
        lambda general, named: (
            (general in unnamed and kinds.get(general) == kinds.get(named))
            or _branch_of(named, general, knowledge.kb)
        ),
        lambda cause, deed: _answers(cause, deed, doc),
    )
    for later, first in folded.items():
        if later in interventions and _INTERVENTION_RANK[interventions[later]] > _INTERVENTION_RANK.get(
            interventions.get(first, ""), 0
        ):
            interventions[first] = interventions[later]
    repeated = _condemned_doers(repeated, events, folded, doc)
    protest_told = any(e.type == PloverType.PROTEST and e.status in HAPPENED for e in repeated)
    events = without_summaries(
        [e for e in repeated if not _background(e, doc, knowledge.lexicon, protest_told=protest_told)]
    )
    events = [
        dataclasses.replace(
            event,
            id=f"e{i + 1}",
            acled=_remnant_of_war(event)
            or _policed(
                interventions.get(event.id), _acled(event, kinds, event.id in victims, event.id in combats)
            ),
        )
        for i, event in enumerate(events)
    ]
    if not _names_armed_actor(mentions, knowledge.kb):
        for k, event in enumerate(events):
            attacker = _unnamed_attacker(doc, event, context_countries, knowledge.kb, kinds)
            if attacker is not None:
                crowds.append(attacker)
                events[k] = dataclasses.replace(event, source=attacker.actor_id)
    every_mention = sorted(
        [*mentions, *crowds, *state_mentions_inside(doc, mentions, knowledge.kb)], key=lambda m: m.token_start
    )
    relations = _unique(
        [
            *find_relations(doc, mentions),
            *inferred_relations(doc, every_mention, knowledge.kb, article.published),
        ]
    )
    return ArticleResult(
        article=article,
        actors=with_role_names(
            build_actors(every_mention, knowledge.kb), events, context_countries, knowledge.kb
        ),
        events=tuple(events),
        relations=tuple(relations),
    )


def _unique(relations: Sequence[Relation]) -> list[Relation]:
    """One relation per (subject, predicate, object): the first evidence found is kept."""
    seen: dict[tuple[str, str, str], Relation] = {}
    for relation in relations:
        seen.setdefault((relation.subject, relation.predicate, relation.object), relation)
    return list(seen.values())


def _trigger_token(event: Event, doc: Doc) -> Token | None:
    """The event's trigger word in the Doc."""
    trigger = doc.char_span(event.trigger.start, event.trigger.end)
    return trigger.root if trigger is not None else None


def _branch_of(branch: str, group: str, kb: KnowledgeBase) -> bool:
    """Whether the knowledge base files one group as a branch or member of another: a headline's
    "Islamic State claims bombing" is the deed its body gives to Islamic State Khorasan Province."""
    return any(
        relation.subject == branch
        and relation.object == group
        and relation.predicate in {Predicate.PART_OF, Predicate.MEMBER_OF}
        for relation in kb.relations_of(branch)
    )


def _answers(cause: Event, deed: Event, doc: Doc) -> bool:
    """Whether one event of a sentence is what another answered or came after ("bombed the camps in
    response to a raid", "after the attack"): two happenings, whatever sides each names."""
    if cause.evidence.start != deed.evidence.start:
        return False
    cause_token, deed_token = _trigger_token(cause, doc), _trigger_token(deed, doc)
    return cause_token is not None and deed_token is not None and in_cause_phrase(cause_token, deed_token)


def _trigger_noun(event: Event, doc: Doc) -> Token | None:
    """The event's trigger word when it is a noun ("the attack"), else None (a verb)."""
    trigger = _trigger_token(event, doc)
    return trigger if trigger is not None and trigger.pos_ in {"NOUN", "PROPN"} else None


def _claimed(events: list[Event], doc: Doc, by_token: dict[int, Mention]) -> list[Event]:
    """'Two officers died in a bomb attack. Al Shabaab claimed responsibility.': a claim of
    responsibility for no named deed owns the latest attack before it, in its sentence or the two
    before, that has no source. So does a claim in the passive, "The attack was claimed by IS"."""
    attacks = {e.trigger.start for e in events if e.type == PloverType.ASSAULT}
    claims = [
        token
        for token in (doc[i] for i, lemma in enumerate(words_of(doc).lemmas) if lemma == "claim")
        if any(
            (c.dep_ in {"dobj", "obj"} and c.lemma_.lower() == "responsibility" and not list(c.children))
            or _claimed_in_passive(c, attacks)
            for c in token.children
        )
    ]
    if not claims:
        return events
    order = {sent.start: k for k, sent in enumerate(doc.sents)}
    result = list(events)
    for claim in claims:
        claimant = clause_agent(claim, by_token)
        if claimant is None:
            continue
        here = order[sentence_start(claim)]
        earlier = [
            k
            for k, event in enumerate(result)
            if event.type == PloverType.ASSAULT
            and event.source is None
            and event.trigger.start < claim.idx
            and (trigger := _trigger_token(event, doc)) is not None
            and here - order[sentence_start(trigger)] <= 2
        ]
        if earlier:
            result[earlier[-1]] = dataclasses.replace(result[earlier[-1]], source=claimant)
    return result


def _claimed_in_passive(subject: Token, attacks: set[int]) -> bool:
    """Whether a claim's passive subject is what is claimed: an attack told ("the bombing was claimed
    by ..."), responsibility, or "it"; a claim with no agent names no claimant."""
    return (
        subject.dep_ == "nsubjpass"
        and (subject.idx in attacks or subject.lower_ in {"responsibility", "it"})
        and any(c.dep_ == "agent" for c in subject.head.children)
    )


def _refers_back(event: Event, doc: Doc) -> bool:
    """A definite or possessed event noun ("the attack", "Sunday's strike") points back to a
    happening already told; a verb or an indefinite noun tells a new one."""
    noun = _trigger_noun(event, doc)
    return noun is not None and definite(noun)


#: Deeds a verb reports as done whoever did them ("a shop was looted", "pistols were found", "two
#: bases were set up"): events for ACLED, which codes them with an unknown actor. (Arrests and
#: seizures by no one named are police news: "four smugglers were intercepted with hashish".)
_UNSIGNED_DEEDS = frozenset(
    {
        (PloverType.COERCE, "destroy-property"),
        (PloverType.COERCE, "disrupt-weapons"),
        (PloverType.MOBILIZE, "base"),
    }
)


_ARREST = (PloverType.COERCE, "arrest")


def _background(event: Event, doc: Doc, lexicon: Lexicon, *, protest_told: bool = False) -> bool:
    """An event noun with no side, no toll and no count ("the fighting", "explosions could be heard")
    refers back to a happening or to the conflict at large: there is no event in it to report. Talk,
    pressure and aid between no one named (any type but violence, protest and the deeds above) is not
    an event either. In a text that tells of a protest (`protest_told`), arrests by no one named
    ("dozens were arrested") are the authorities' answer to it, news of their own."""
    noun = _trigger_noun(event, doc)
    unsigned = _UNSIGNED_DEEDS | ({_ARREST} if protest_told else set())
    if (
        event.source is None
        and event.target is None
        and event.type not in {PloverType.ASSAULT, PloverType.PROTEST}
        and not (noun is None and (event.type, event.mode) in unsigned)
    ):
        return True
    if noun is None:
        return False
    if any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children):
        return False  # "a protest took place": an indefinite noun brings in a new happening
    if _opening_headline(noun):
        return False  # "Border clashes in the north.": a text's first words cannot refer back
    if noun.dep_ in {"dobj", "obj"} and noun.head.lemma_.lower() in lexicon.light_verbs:
        return False  # "opened fire", "staged protests": a light verb makes the noun a happening
    return event.source is None and event.target is None and not event.fatalities and not event.count


def _condemned_doers(
    merged: list[Event], told: Sequence[Event], folded: Mapping[str, str], doc: Doc
) -> list[Event]:
    """'The government condemned the attack': an accusation whose object is a deed the text has told
    accuses that deed's doer. `told` are the events before merging, `folded` maps each folded
    telling to the event it was folded into."""
    at = {e.trigger.start: folded.get(e.id, e.id) for e in told}
    by_id = {e.id: e for e in merged}
    result = []
    for event in merged:
        verb = (
            _trigger_token(event, doc) if event.type == PloverType.ACCUSE and event.target is None else None
        )
        deed = (
            next((c for c in verb.children if c.dep_ in {"dobj", "obj"}), None) if verb is not None else None
        )
        found = by_id.get(at.get(deed.idx, "")) if deed is not None else None
        if found is not None and found.source is not None and found.source != event.source:
            event = dataclasses.replace(event, target=found.source)
        result.append(event)
    return result


#: The most words a headline has.
_HEADLINE_WORDS = 25


def _headline_end(text: str) -> int:
    """Where a text's headline ends (the offset of the line break after it), or 0 when the text opens
    with no headline: a first line of a few words, with no full stop, above the body."""
    first, newline, rest = text.partition("\n")
    if (
        not newline
        or not rest.strip()
        or first.rstrip().endswith(".")
        or len(first.split()) > _HEADLINE_WORDS
    ):
        return 0
    return len(first)


def _opening_headline(noun: Token) -> bool:
    """Whether `noun` heads a text's opening line that has no verb ("Border clashes and reprisals."):
    a headline, which names the happening the text reports."""
    sentence = sentence_of(noun)
    return (
        sentence.start == 0 and noun.dep_ == "ROOT" and not any(t.pos_ in {"VERB", "AUX"} for t in sentence)
    )


_INTERVENTION_RANK = {"Protest with intervention": 1, "Excessive force against protesters": 2}


def _intervention(event: Event, doc: Doc, lexicon: Lexicon, holds_demonstrators: bool = False) -> str | None:
    """ACLED's sub-event type for a protest that the authorities broke up, in the sentence that tells
    of it: protest with intervention; with deaths, wounds, beatings or live fire, excessive force
    against protesters. None for any other event, or a protest left alone. An arrest of people as they
    protested (`holds_demonstrators`) is itself the intervention."""
    if event.type != PloverType.PROTEST and not holds_demonstrators:
        return None
    sentence = doc.char_span(event.evidence.start, event.evidence.end, alignment_mode="expand")
    if sentence is None:
        return None
    words = {t.lemma_.lower() for t in sentence} | {
        f"{t.lemma_.lower()} {c.lower_}" for t in sentence for c in t.children if c.dep_ == "prt"
    }
    if not holds_demonstrators and not words & lexicon.intervention_cues:
        return None
    excessive = bool(words & lexicon.excessive_force_cues)
    return "Excessive force against protesters" if excessive else "Protest with intervention"


#: The ACLED sub-event types an intervention replaces: a peaceful protest broken up, and an arrest of
#: people as they protested (which `_intervention` only finds for such arrests).
_POLICED = frozenset({"Peaceful protest", "Arrests"})


def _policed(intervention: str | None, acled: AcledType | None) -> AcledType | None:
    """A peaceful protest the authorities broke up, or demonstrators they arrested, take the
    intervention's sub-event type."""
    if intervention is None or acled is None or acled.sub_event_type not in _POLICED:
        return acled
    return AcledType(event_type="Protests", sub_event_type=intervention)


def _acled(event: Event, kinds: dict[str, str], victims: bool, combat: bool = False) -> AcledType | None:
    """ACLED's type for the event, once its actors are settled: the target's kind decides battles
    from violence against civilians. Those who clash with a party, a union or a named organisation
    fight back: that is a battle with its armed members, not an attack on civilians."""
    target_kind = ActorKind.POPULATION if victims else (kinds.get(event.target or "") or None)
    if combat and target_kind in _ORGANISED_KINDS:
        target_kind = ActorKind.ARMED_GROUP
    # A clash is a battle whatever was fired in it, and the weapon a later sentence names with it
    # ("they exchanged fire and used rocket-propelled grenades") does not make it remote violence.
    mode = None if combat and event.type == PloverType.ASSAULT else event.mode
    return acled_type(event.type, mode, source_kind=kinds.get(event.source or ""), target_kind=target_kind)


#: Words that tell an explosion was a war's leftover going off, not anyone's attack.
_REMNANT_CUES = frozenset({"accidentally", "unexploded", "leftover", "remnant", "remnants"})


def _remnant_of_war(event: Event) -> AcledType | None:
    """'A villager accidentally stepped on a landmine in an area fought over in the 1980s': an old
    mine or shell going off with no one using it is, for ACLED, a strategic development, not remote
    violence. None for any other event."""
    if event.type != PloverType.ASSAULT or event.mode != "explosives" or event.source is not None:
        return None
    words = set(re.findall(r"[a-z]+", event.evidence.text.lower()))
    return (
        AcledType(event_type="Strategic developments", sub_event_type="Other")
        if words & _REMNANT_CUES
        else None
    )


_ORGANISED_KINDS = frozenset(
    {
        ActorKind.ORGANIZATION,
        ActorKind.POLITICAL_PARTY,
        ActorKind.COALITION,
        ActorKind.PERSON,
        ActorKind.OTHER,
    }
)


def _event(
    doc: Doc,
    article: Article,
    candidate: Candidate,
    by_token: dict[int, Mention],
    pronouns: Mapping[int, str],
    entities: Entities,
    context_countries: Sequence[str],
    knowledge: Knowledge,
    index: int,
    story_day: date | None = None,
) -> tuple[Event, int | None]:
    """The event a candidate describes, and (for a threatened attack) the character offset of the
    threatening word, whose own THREATEN event this one replaces. `pronouns` gives the name of the
    actor each pronoun stands for, by token index."""
    trigger = doc[candidate.trigger]
    lexicon = knowledge.lexicon
    reading = read_status(trigger, candidate.type, lexicon)
    status = reading.status
    if candidate.type == PloverType.ACCUSE and status == Status.DENIED and not _is(reading.cue, trigger):
        status = Status.OCCURRED  # "accused of backing M23, a charge Kigali denies": the charge was made
    if candidate.refusal and status == Status.DENIED:
        status = Status.OCCURRED  # "would not meet the demands": the negation made the rejection
    attribution = attribution_of(trigger, lexicon, pronouns, sentence=entities.sentence_of(trigger))
    if (
        status == Status.DENIED
        and not attribution.chain
        and reading.cue is not None
        and reading.cue.i != trigger.i
    ):
        attribution = denial_of(reading.cue) or attribution
    source = candidate.source
    plover = candidate.type
    threat_cue: int | None = None
    if status == Status.THREATENED and plover == PloverType.ASSAULT and reading.cue is not None:
        # A vow or call to attack is, in PLOVER, a THREATEN event; its status keeps it on the watch list.
        plover = PloverType.THREATEN
        threat_cue = reading.cue.idx
        if source is None:
            source = clause_agent(reading.cue, by_token)
    elif status in UNREALISED and source is not None and plover in _INTENT_TYPES:
        # PLOVER codes a side's stated intent as its own event: to cooperate, meet, aid or yield is
        # AGREE (the statement was made); to sanction, restrict or boycott is THREATEN.
        plover, status = _INTENT_TYPES[plover]
    elif status == Status.HYPOTHETICAL and source is not None and _INTENT_TYPES.get(plover) == _THREAT:
        # "will boycott the elections unless the president resigns", "may halt mediation if ...": a
        # sanction or refusal made conditional is a threat
        plover, status = _INTENT_TYPES[plover]
    if source is None and attribution.claimant is not None and candidate.source_token is None:
        # "claimed the attack" names no doer but the claimant; "said falling fragments killed
        # people" names one that is no actor, and the speaker did not do it
        source = clause_agent(attribution.claimant.head, by_token)
    if source is None and candidate.source_token is None and (plover, candidate.mode) == _ARREST:
        # "police said 40 people were detained": the state body that tells of arrests by no one
        # named is who made them (only the state arrests; rights groups or witnesses only saw them)
        source = _arresting_speaker(attribution.speaker, by_token)
    if threat_cue is not None and reading.cue is not None:
        # A threat is dated by when it was made: the vow or warning happened, the attack has not.
        when = _date(reading.cue, entities, article.published, Status.OCCURRED, story_day)
    else:
        when = _date(trigger, entities, article.published, status, story_day, lexicon)
    # Where the victims belong places a deed; a statement, a sanction or a visit happens on the side
    # of whoever made it ("Moscow expelled two British diplomats" is news from Russia).
    deed = plover in DEEDS
    sides = (candidate.source_token, candidate.target_token) if deed else (candidate.source_token,)
    countries = [by_token[m].country if m is not None and m in by_token else None for m in sides]
    forces = _forces_country(candidate.target_token, candidate.target, by_token)
    place = _place(trigger, entities, context_countries, knowledge, countries, forces, deed=deed)
    fatalities = (
        _fatalities(trigger, candidate, entities, lexicon) if candidate.type == PloverType.ASSAULT else None
    )
    sentence = entities.sentence_of(trigger)
    text = entities.text_of(sentence).rstrip()
    evidence = Span(start=sentence.start_char, end=sentence.start_char + len(text), text=text)
    return Event(
        id=f"e{index + 1}",
        type=plover,
        mode=candidate.mode if plover == candidate.type else None,
        status=status,
        evidence=evidence,
        trigger=Span(start=trigger.idx, end=trigger.idx + len(trigger.text), text=trigger.text),
        source=source,
        target=candidate.target,
        date=when,
        location=place,
        count=count_of(trigger, lexicon),
        fatalities=fatalities,
        attributed_to=attribution.chain,
        confidence=_confidence(candidate, status),
    ), threat_cue


def _arresting_speaker(speaker: Token | None, by_token: Mapping[int, Mention]) -> str | None:
    """The actor a reporting verb's subject names when it is a state institution (police, army,
    a ministry), else None."""
    mention = by_token.get(speaker.i) if speaker is not None else None
    return mention.actor_id if mention is not None and mention.kind in STATE_INSTITUTIONS else None


def _happened_despite_denial(
    event: Event, trigger: Token, entities: Entities, article: Article, story_day: date | None
) -> Event | None:
    """'Iran denied any role in the drone strike that killed three US soldiers': the denial is of a
    part in the strike, which itself happened. That deed, by no one the denial names, is an event of
    its own (None where the event is not a denied part in a deed)."""
    if event.status != Status.DENIED or event.type not in DEEDS or denied_part(trigger) is None:
        return None
    return dataclasses.replace(
        event,
        id=f"{event.id}-deed",
        status=Status.OCCURRED,
        source=None,
        attributed_to=(),
        date=_date(trigger, entities, article.published, Status.OCCURRED, story_day),
    )


def _crowd(
    doc: Doc,
    candidate: Candidate,
    event: Event,
    countries: Sequence[str],
    kb: KnowledgeBase,
    known: Mapping[str, str],
) -> Mention | None:
    """Who protested when the text names no group: the crowd ("a group of citizens", "dozens",
    "people"), or, with no one named ("a demonstration took place"), the protest word itself. ACLED
    codes them as Protesters, or Rioters for a violent demonstration, of the country it happened in.
    The protest is evidence enough that someone protested; who they were stays unnamed."""
    generic = kb.get("rioters" if event.mode == "riot" else "protesters")
    if generic is None:
        return None
    token = doc[candidate.source_token] if candidate.source_token is not None else None
    if token is None or token.pos_ not in {"NOUN", "PROPN", "PRON", "NUM"}:
        token = doc[candidate.trigger]
    return _unnamed_at(token, generic, event, countries, known)


#: ACLED event types whose doer, when no one is named, ACLED codes as "Unidentified Armed Group
#: (Country)": a bomb that went off, shots fired at a house, a clash whose sides are not given.
_ARMED_VIOLENCE = frozenset({"Explosions/Remote violence", "Violence against civilians", "Battles"})
_UNNAMED_ARMED = "Unidentified Armed Group"
#: Who bears arms as a body (a state named as such is not one: "Iran denied ...").
_BEARING_ARMS = ARMED_KINDS - {ActorKind.STATE}


def _names_armed_actor(mentions: Sequence[Mention], kb: KnowledgeBase) -> bool:
    """Whether the text names someone armed that ACLED would name ("Hezbollah", "the army"), not
    only people it leaves unnamed ("gunmen", "a suicide bomber")."""
    for mention in mentions:
        if mention.kind not in _BEARING_ARMS:
            continue
        known = kb.get(mention.actor_id) or kb.get(mention.actor_id.rpartition("-")[0])
        if known is None or known.acled_name != _UNNAMED_ARMED:
            return True
    return False


def _unnamed_attacker(
    doc: Doc, event: Event, countries: Sequence[str], kb: KnowledgeBase, known: Mapping[str, str]
) -> Mention | None:
    """Who did an attack the text names no doer for ("a bomb exploded on a bus", "his house was
    shot at"), in a text that names no armed actor it could be (news that knows the attackers names
    them once and then tells of "the attack"): ACLED's unidentified armed group of the country it
    happened in, read from the attack word itself. The attack is evidence that someone armed did
    it; who stays unnamed."""
    if event.source is not None or event.acled is None:
        return None
    if event.acled.event_type not in _ARMED_VIOLENCE and _remnant_of_war(event) is None:
        return None  # (an old mine that went off: ACLED still names an unidentified armed group)
    generic = kb.get("unidentified-armed-group")
    token = _trigger_token(event, doc)
    if generic is None or token is None:
        return None
    return _unnamed_at(token, generic, event, countries, known)


def _unnamed_at(
    token: Token, generic: KbActor, event: Event, countries: Sequence[str], known: Mapping[str, str]
) -> Mention:
    """A mention at `token` of the generic actor ACLED names by role (protesters, rioters, an
    unidentified armed group) of the country the event happened in, or the article's country. An
    article that already named that role without a country keeps its one actor ("demonstrators
    marched ...", "armed men opened fire ...")."""
    country = (event.location.country if event.location else None) or (countries[0] if countries else None)
    actor_id = f"{generic.id}-{country}" if country else generic.id
    if generic.id in known and actor_id not in known:
        actor_id = generic.id
    return Mention.over(
        token.doc[token.i : token.i + 1],
        actor_id=actor_id,
        name=generic.name,
        kind=generic.kind,
        country=country,
        in_kb=True,
        label="NOUN",
    )


_THREAT = (PloverType.THREATEN, Status.THREATENED)
_INTENT_TYPES = {
    **dict.fromkeys(
        (
            PloverType.CONSULT,
            PloverType.COOPERATE,
            PloverType.AID,
            PloverType.CONCEDE,
            PloverType.RETREAT,
            PloverType.SUPPORT,
        ),
        (PloverType.AGREE, Status.OCCURRED),
    ),
    **dict.fromkeys(
        (PloverType.SANCTION, PloverType.COERCE, PloverType.REJECT), (PloverType.THREATEN, Status.THREATENED)
    ),
}


def _is(word: Token | None, other: Token) -> bool:
    """Whether two tokens are one word of the Doc: spaCy makes a new Token object on every access, so
    `is` between tokens holds only by chance."""
    return word is not None and word.i == other.i


def _confidence(candidate: Candidate, status: str) -> float:
    # A heuristic until a calibrated model exists: complete dyads from verbs are the most reliable.
    score = 0.4 + 0.2 * (candidate.source is not None) + 0.2 * (candidate.target is not None)
    score += 0.1 * (candidate.mode is not None)
    return min(score + (0.1 if status in HAPPENED else 0.0), 1.0)


def _date(
    trigger: Token,
    entities: Entities,
    published: date | None,
    status: str,
    story_day: date | None = None,
    lexicon: Lexicon | None = None,
) -> DateRef | None:
    """The first date expression near the trigger that resolves; occurred events are never in the future.

    A bare year or month elsewhere in the sentence ("the insurgency that began in 2015") dates the
    background, not the event: only one in the trigger's own phrase or clause counts. An event that
    occurred with no date of its own near it happened on the story's day (see `_story_day`). With
    `lexicon`, the date of a verb that is an event of its own and has the trigger noun as its object
    dates that verb's act: "condemned the attack on Monday" condemned it on Monday."""
    # A denied deed is one said not to have been done ("denied that it had shelled the village on
    # Sunday": last Sunday), unless it is told in the base form of a deed to come ("would attack").
    looks_back = status in HAPPENED or (status == Status.DENIED and trigger.tag_ != "VB")
    teller = _telling_verb(trigger, lexicon) if lexicon is not None else None
    # (the parser hangs "on Monday" on either word: "condemned [the attack on Monday]")
    told_by = {teller.i, trigger.i} if teller is not None else set()
    for expression in date_expressions(trigger, entities):
        anchor = expression.root.head
        if anchor.dep_ == "prep":
            anchor = anchor.head  # "on Monday": the word the preposition hangs on
        if anchor.i in told_by:
            continue
        if _clock_time(expression):
            continue
        resolved = resolve_date(
            expression.text,
            published,
            allow_future=not looks_back,
            day_first=writes_day_first(entities.text),
        )
        if resolved is None:
            continue
        if looks_back and published is not None and resolved.start > published:
            continue
        if resolved.precision in {"month", "year"} and not _in_clause(expression, trigger):
            continue
        days = days_running(trigger)
        if days and resolved.precision == "day":
            # "on a second day of fighting on Saturday": the fighting began on Friday
            return dataclasses.replace(resolved, start=resolved.start - timedelta(days=days - 1))
        return resolved
    if story_day is not None and status == Status.OCCURRED:
        return DateRef(start=story_day, end=story_day, precision="day", text="")
    if published is not None and status in HAPPENED:
        # News reports what has just happened, most often the day before it appears: without a date
        # of its own, the event is dated to the day before publication or the day itself.
        return DateRef(start=published - timedelta(days=1), end=published, precision="day", text="")
    return None


#: How far back a report's own day can lie: a weekday alone names a day of the week before publication.
_STORY_WINDOW = timedelta(days=7)


def _telling_verb(noun: Token, lexicon: Lexicon) -> Token | None:
    """The verb whose object an event noun that refers back is, when that verb is an event of its own
    and no light verb ("condemned the attack", not "launched the attack" nor "condemned an attack")."""
    if noun.pos_ != "NOUN" or noun.dep_ not in {"dobj", "obj"} or not definite(noun):
        return None
    verb = noun.head
    lemma = verb.lemma_.lower()
    return verb if lemma in lexicon.verbs and lemma not in lexicon.light_verbs else None


def _story_day(entities: Entities, published: date | None) -> date | None:
    """The day a report is about: the day of the past week its dates name most often by the day ("on
    Monday", "yesterday"), the first named on a tie. A report dates its news once or twice ("on Monday
    afternoon") and tells the rest of it undated ("the air force said it brought down a missile");
    those undated deeds happened that day, not on an arbitrary one of the days before publication."""
    if published is None:
        return None
    days: Counter[date] = Counter()
    for expression in reported_dates(entities):
        if any(word.like_num for word in expression):
            # a report dates its news by the day ("on Monday"); "April 4, 2024" dates another
            # happening, and "0600 GMT" is a time (`_clock_time`)
            continue
        resolved = resolve_date(expression.text, published)
        if (
            resolved is not None
            and resolved.precision == "day"
            and resolved.start == resolved.end
            and published - _STORY_WINDOW <= resolved.start <= published
        ):
            days[resolved.start] += 1
    return days.most_common(1)[0][0] if days else None  # Counter keeps first-seen order on ties


_TIME_ZONES = frozenset({"gmt", "utc", "local", "hours", "hrs", "h", "zulu"})


def _clock_time(expression: SpacySpan) -> bool:
    """'at 8:00 pm (2000 GMT)', '0600 hours': four digits before a time zone are a time of day, not a year."""
    doc = expression.doc
    return (
        len(expression) == 1
        and expression.root.like_num
        and expression.end < len(doc)
        and doc[expression.end].lower_ in _TIME_ZONES
    )


#: Conjunctions of a clause that happens at the time of the clause it hangs on.
_MEANWHILE = frozenset({"as", "when", "while"})


def _in_clause(expression: SpacySpan, trigger: Token) -> bool:
    """Whether a date expression hangs on the trigger or on the verb of its clause, with no other
    verb between ("attacked in 2015", "the 2015 attack"; not "the insurgency that began in 2015").
    A gerund that is a subject is a noun to its verb: "fighting has raged since May" is dated by "raged"."""
    verb = trigger.pos_ in {"VERB", "AUX"} and trigger.dep_ not in {"nsubj", "nsubjpass"}
    clause = trigger if verb else trigger.head
    own = {trigger.i, clause.i}
    if clause.dep_ == "advcl" and opened_by(clause, _MEANWHILE):
        own.add(clause.head.i)  # "returned to power in August 2021 as US-led forces withdrew": then too
    node = expression.root
    for _ in range(6):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.i in own:
            return True
        if node.pos_ in {"VERB", "AUX"}:
            return False  # another clause's verb: its date, not the event's
    return False


def _forces_country(token: int | None, actor: str | None, by_token: Mapping[int, Mention]) -> str | None:
    """The country of a target read from a word of its phrase ("a KDF convoy" is the KDF's) when
    that target is a state's army or police, which mostly act at home ("Burkinabe houses" may
    stand abroad); None when the target's own word is a mention (its country is read directly)."""
    if actor is None or (token is not None and token in by_token):
        return None
    return next(
        (m.country for m in by_token.values() if m.actor_id == actor and m.kind in STATE_FORCES),
        None,
    )


def _place(
    trigger: Token,
    entities: Entities,
    context_countries: Sequence[str],
    knowledge: Knowledge,
    actor_countries: Sequence[str | None],
    forces_country: str | None = None,
    *,
    deed: bool = True,
) -> Place | None:
    """Where the event happened: a place attached to it, else in its sentence, else the country of its
    target, else the article's first place, else the country of the state forces it targets
    (`forces_country`: "a KDF convoy ran over a mine"), else the country of its source (at country
    precision).

    The places a sentence names together lie together ("in El Alto, La Paz"), so the countries of
    the sentence's places rank same-named candidates before the article's countries do, and a place
    the writing puts inside another is read in the other's country (`_inside`). Like ACLED, the most
    specific place wins: when the first place read is a country, a town or province of the same
    sentence in that country is the event's place: "farmers in Kassala joined the strike against fuel
    prices across Sudan" happened in Kassala.
    """
    gazetteer = knowledge.gazetteer
    expressions = place_expressions(trigger, entities)
    alone = [_read_place(gazetteer, e, context_countries) for e in expressions]
    resolved: dict[int, Place | None] = {}

    def where(i: int) -> Place | None:
        if i not in resolved:
            expression = expressions[i]
            others = [
                p.country
                for j, p in enumerate(alone)
                if j != i and p is not None and p.country and _vouches(p, expressions[j])
            ]
            countries = [*dict.fromkeys(others), *context_countries]
            beside = any(
                p is not None and p.country and p.precision in _BROAD for j, p in enumerate(alone) if j != i
            )
            place = _read_place(gazetteer, expression, countries, beside_a_country=beside)
            j = container_of(i)
            container = where(j) if j is not None else None
            if place is not None and j is not None and container is not None and container.country:
                # Two names around it that agree on a country outweigh any reading of the inner name.
                k = container_of(j)
                around = where(k) if k is not None else None
                agreed = around is not None and around.country == container.country
                place = _inside(
                    gazetteer, expression, place, expressions[j], container, context_countries, agreed
                )
            resolved[i] = place
        return resolved[i]

    def container_of(i: int) -> int | None:
        """The nearest expression the writing puts expression `i` inside."""
        outer = [j for j in range(len(expressions)) if j != i and contains(expressions[j], expressions[i])]
        return min(outer, key=lambda j: expressions[j].start) if outer else None

    owners: list[str] = []  # the countries of places named as owners ("Byblos Bank"): a last resort
    for i in range(len(expressions)):
        if names_an_owner(expressions[i]):
            # "smashed the windows of Byblos Bank": whose bank, not where (its country may still vouch)
            owned = where(i)
            if owned is not None and owned.country:
                owners.append(owned.country)
            continue
        place = where(i)
        if place is None:
            continue
        if place.precision == PlacePrecision.COUNTRY and _country_owns_site(
            expressions[i], knowledge.lexicon
        ):
            owners.append(place.country or "")  # "a US base in Syria": whose base, not where
            continue
        if (
            deed
            and place.precision == PlacePrecision.COUNTRY
            and actor_countries
            and place.country == actor_countries[0]
            and _names_the_doer(expressions[i], trigger)
        ):
            continue  # "a US drone strike killed two commanders in Somalia": who struck, not where
        if place.precision == PlacePrecision.COUNTRY and _names_another_party(expressions[i], trigger):
            continue  # "..., and asked Algeria to help", "entered from Niger": a party or an origin
        if place.precision == PlacePrecision.CITY and _capital_as_doer(expressions[i], trigger, knowledge.kb):
            continue  # "Kyiv has struck Russian refineries": the government, not where it struck
        # A sea named as a modifier ("the Black Sea port of Odesa") describes the town that follows.
        describes = place.country is None and expressions[i].root.dep_ == "compound"
        if place.precision == PlacePrecision.COUNTRY or describes:
            for k in range(i + 1, len(expressions)):
                if not _names_a_spot(expressions[k]):
                    continue
                town = where(k)
                if (
                    town is not None
                    and town.precision != PlacePrecision.COUNTRY
                    and (town.country == place.country or describes)
                ):
                    return town
            if describes:
                continue  # "above the Black Sea port": the port, which the sentence does not name
        return place
    # Where the victims or the attacked forces belong tells the place better than a dateline:
    # "Al Shabaab kills 12 Somali soldiers" happened in Somalia.
    target_country = actor_countries[1] if len(actor_countries) > 1 else None
    if target_country:
        place = gazetteer.country(target_country)
        if place is not None:
            return place
    for ent in entities.all:
        if (
            ent.label_ in _PLACE_LABELS
            and names_a_place(ent)
            and not names_an_origin(ent)
            and not names_an_owner(ent)
        ):
            place = gazetteer.resolve(ent.text, context_countries)
            if place is None or (place.country is None and ent.root.dep_ == "compound"):
                continue
            if place.precision == PlacePrecision.CITY and _capital_as_doer(ent, trigger, knowledge.kb):
                continue
            if place.precision != PlacePrecision.COUNTRY or not _names_another_party(ent, trigger):
                return place
    for country in (forces_country, *actor_countries, *owners[:1], *context_countries[:1]):
        if country:
            place = gazetteer.country(country)
            if place is not None:
                return place
    return None


def _names_the_doer(expression: SpacySpan, trigger: Token) -> bool:
    """Whether a place name modifies the event noun itself ("a US drone strike", "Israel's raid"):
    with the doer's country, it names who did it ("a Jordan drone strike", by someone else, is where)."""
    root = expression.root
    return root.dep_ in {"compound", "amod", "poss"} and root.head.i == trigger.i


def _country_owns_site(expression: SpacySpan, lexicon: Lexicon) -> bool:
    """Whether a country's name modifies a site or craft a state keeps abroad, saying whose it is
    ("a US base", "the UK embassy in Kabul"): it may stand anywhere, and a place the sentence names
    says where."""
    root = expression.root
    return root.dep_ in {"compound", "amod"} and root.head.lemma_.lower() in lexicon.owned_sites


#: Places larger than a town.
_BROAD = frozenset({PlacePrecision.COUNTRY.value, PlacePrecision.REGION.value})


def _vouches(place: Place | None, expression: SpacySpan) -> bool:
    """Whether a place read in the sentence may rank the readings of the other names there: a name
    the model took for a place, or one that reads as a province or country. A town's name the
    model did not label is itself in doubt, and two such names must not strike each other out:
    in "gunmen struck Kafr Dan (Idlib)" with both unlabelled, a namesake of the town abroad does
    not drop the province."""
    if place is None or not place.country:
        return False
    return expression.label_ in _PLACE_LABELS or place.precision in _BROAD


def _names_another_party(expression: SpacySpan, trigger: Token) -> bool:
    """Whether a country's name is where something came from ("fighters who had entered from Niger")
    or, as the subject or object of another verb than the event's, a party to something else: in
    "soldiers clashed with rebels, and the army asked Algeria to seal the border", Algeria is asked,
    and the clash is not in Algeria. The event's own subject stays its place ("Uganda granted
    asylum"). So is where another word's motion or transfer goes: herders who "protested a plan to
    export cattle to Egypt" protested at home, and gunmen who "crossed back into Chad" after an attack
    attacked before they crossed; "shells fell into Chad" and "clashes spread to Chad" stay there."""
    root = expression.root
    if names_an_origin(expression):
        return True
    if root.left_edge.i <= trigger.i <= root.right_edge.i:
        return False  # "aid to Chad, which is preparing an offensive": a clause on the name tells the event
    if root.dep_ == "pobj" and root.head.lower_ in _DESTINATION_PREPS:
        root = root.head
    elif root.dep_ not in {"nsubj", "nsubjpass", "dobj", "iobj"}:
        return False
    return root.head.i not in {trigger.i, trigger.head.i}


def _capital_as_doer(expression: SpacySpan, trigger: Token, kb: KnowledgeBase) -> bool:
    """Whether a city's name is the event's doer standing for a government ("Kyiv has struck",
    "Moscow expelled"): the subject of the trigger that the knowledge base knows as a state's."""
    root = expression.root
    if root.dep_ not in {"nsubj", "nsubjpass"} or root.head.i != trigger.i:
        return False
    following = expression.doc[expression.end] if expression.end < len(expression.doc) else None
    if following is not None and following.pos_ in {"NOUN", "PROPN"}:
        return False  # "Nairobi police arrest ...": the city names whose police, and where
    actor = kb.lookup(expression.text)
    return actor is not None and actor.kind in {ActorKind.STATE, ActorKind.GOVERNMENT}


#: Prepositions of a destination ("sent to Egypt", "crossed back into Chad").
_DESTINATION_PREPS = frozenset({"to", "into", "toward", "towards"})


def _names_a_spot(expression: SpacySpan) -> bool:
    """Whether a place name stands for the place itself, not where something came from ("rocket fire
    from Lebanon") nor, as a subject, object or owner, for its government ("a claim Kampala rejects")."""
    return not names_an_origin(expression) and expression.root.dep_ not in {
        "nsubj",
        "nsubjpass",
        "dobj",
        "poss",
    }


def _read_place(
    gazetteer: Gazetteer, expression: SpacySpan, countries: Sequence[str], *, beside_a_country: bool = False
) -> Place | None:
    """The place a span names, `countries` (the sentence's other places', then the article's) ranking
    same-named places; None for a reading that is a namesake.

    A name the model did not label as a place (a village it calls PERSON) is read by its own and its
    close alternate names only, and dropped when it lies in none of `countries` while there are some:
    in a story about Chad, a "Maria" after "in" that the model calls PERSON is not a village called
    Maria in Portugal. A town under 20,000 people that lies in none of `countries` is dropped too
    when the same sentence names a country or region (`beside_a_country`): "raiders killed five
    people in Dorsa, in the north of Chad" did not happen in a Dorsa abroad, while "a rally in London
    over the war in Ukraine" keeps London.
    """
    whole = with_its_modifiers(expression)
    if whole is not None and gazetteer.resolve(whole.text, countries, strong_only=True) is not None:
        expression = whole  # "(Greater Accra)": the region the whole name names, not the city
    labelled = expression.label_ in _PLACE_LABELS
    if not labelled and possessive_stem(expression) is not None:
        return _possessive_place(gazetteer, expression, countries)  # "Thomas house" is not a Thomas
    place = gazetteer.resolve(expression.text, countries, strong_only=not labelled)
    if place is None:
        return _possessive_place(gazetteer, expression, countries)
    if place.precision == PlacePrecision.COUNTRY or place.country in countries:
        return place
    if not labelled and countries:
        return None
    small = place.precision == PlacePrecision.CITY and gazetteer.confidence(expression.text) < _LARGE_TOWN
    return None if beside_a_country and small else place


#: The score (`Gazetteer.confidence`) of a town of 20,000 people: a place that large is meant as itself.
_LARGE_TOWN = 4.3
#: ... and of a city of 100,000 people.
_CITY = 5.0


def _possessive_place(gazetteer: Gazetteer, expression: SpacySpan, countries: Sequence[str]) -> Place | None:
    """The place a possessive without its apostrophe names ("Mombasas port" is Mombasa's): a
    country, a city of 100,000 people or a town in `countries`. A smaller town abroad is more
    likely a surname or a word that happens to end in "s". None for a span of another shape, and
    for a name on the stop list ("Hamas")."""
    stem = possessive_stem(expression)
    if stem is None or gazetteer.is_stopname(expression.text):
        return None  # "Hamas", "Jones": a name of its own, not a possessive
    place = gazetteer.resolve(stem, countries, strong_only=True)
    if place is None or place.precision == PlacePrecision.COUNTRY or place.country in countries:
        return place
    return place if gazetteer.confidence(stem, strong_only=True) >= _CITY else None


def _inside(
    gazetteer: Gazetteer,
    expression: SpacySpan,
    place: Place,
    outer: SpacySpan,
    container: Place,
    context_countries: Sequence[str],
    agreed: bool,
) -> Place:
    """A place the writing puts inside `container` ("Tuban district (Lahij)"): a reading in another
    country than the container's is a namesake, so the same-named place of the container's country
    is taken if the gazetteer has one; else the container stands, unless its own name is the weaker
    reading ("Lome city (Golfe prefecture)": the capital of Togo, not a district of Luanda) and no
    name around the container (`agreed`) puts it in its country: "Kobe village (Bokoro,
    Hadjer-Lamis)" is in Chad, whatever the size of Kobe in Japan. A container the text calls a state
    or province that the gazetteer reads only as a small town abroad is a province it lacks, and the
    inner place stands.

    Of several same-named towns in the container's country, one near the container is taken when
    the container is a town or province with a point: "Zolochiv (Kharkiv)" is the town near
    Kharkiv, not the larger Zolochiv near Lviv."""
    if container.country is None:
        return place
    strong_only = expression.label_ not in _PLACE_LABELS
    point = (
        (container.lat, container.lon)
        if container.precision != PlacePrecision.COUNTRY
        and container.lat is not None
        and container.lon is not None
        else None
    )
    if place.country == container.country:
        if point is None or place.precision != PlacePrecision.CITY:
            return place
        nearest = gazetteer.resolve_within(
            expression.text, container.country, strong_only=strong_only, near=point
        )
        return nearest or place
    near = gazetteer.resolve_within(expression.text, container.country, strong_only=strong_only, near=point)
    if near is not None:
        return near
    if agreed:
        return container
    small = container.precision == PlacePrecision.CITY and gazetteer.confidence(outer.text) < _LARGE_TOWN
    if small and names_a_region(outer):
        return place  # "Tarfa, Bakool state" read as a village abroad: a state the gazetteer lacks
    if gazetteer.confidence(outer.text, context_countries) > gazetteer.confidence(
        expression.text, context_countries, strong_only=strong_only
    ):
        return container
    return place


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _fatalities(trigger: Token, candidate: Candidate, entities: Entities, lexicon: Lexicon) -> int | None:
    """Deaths reported in the event's sentence by its own triggers, else by any death report there;
    0 where the sentence or the next one says no one was hurt."""
    sent = entities.sentence_of(trigger)
    reports = sentence_fatalities(sent, lexicon)
    if not reports:
        doc = trigger.doc
        following = entities.text_of(entities.sentence_of(doc[sent.end])) if sent.end < len(doc) else ""
        nearby = (entities.text_of(sent) + " " + following).lower()
        return 0 if any(phrase in nearby for phrase in lexicon.no_casualties) else None
    own = {candidate.trigger, *candidate.extra_triggers}
    linked = [n for i, n in reports if i in own]
    if linked:
        return linked[0]
    # "bombed rebel camps in response to a raid that left six guards dead": the raid's toll
    doc = trigger.doc
    others = [
        n
        for i, n in reports
        if not in_cause_phrase(doc[i], trigger) and not _another_deeds_toll(doc[i], own, lexicon)
    ]
    return min(others) if others else None


def _another_deeds_toll(death: Token, own: set[int], lexicon: Lexicon) -> bool:
    """Whether a death report gives the toll of another deed its sentence names: in "fired rockets
    hours after a drone strike killed three people" (or "a strike that killed three", "three were
    killed in a strike") the strike killed them, not the rockets. "The attack killed three" names
    the event told already, and its toll stays."""
    doer = next((c for c in death.children if c.dep_ == "nsubj"), None)
    if death.dep_ == "relcl" and (doer is None or doer.lower_ in {"that", "which"}):
        doer = death.head
    if doer is None:
        doer = next(
            (
                g
                for c in death.children
                if (c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "in"))
                for g in c.children
                if g.dep_ == "pobj"
            ),
            None,
        )
    return (
        doer is not None
        and doer.i not in own
        and doer.pos_ == "NOUN"
        and doer.lemma_.lower() in lexicon.nouns
        and not definite(doer)
    )


def _context_countries(mentions: Sequence[Mention], entities: Entities, knowledge: Knowledge) -> list[str]:
    """Countries the article is about, most mentioned first: they decide between same-named places.

    A headline and lede name the country the story is about, so the first country named counts
    double: "Congo army says it is driving rebels back" is about Congo, however often Rwanda recurs.
    A news agency's country says where the report was sent from, not where the story is: "told AFP"
    does not put a story about Mali in France; nor does a currency ("the US dollar"), a backer
    ("Iran-backed"), an owner or a maker ("a Chinese-owned mine", "a Turkish-made drone") put the
    story in its country.
    """
    counts: Counter[str] = Counter()
    first: list[tuple[int, str]] = []
    backers = {ent.start for ent in entities.all if names_a_backer(ent)}
    for mention in mentions:
        if mention.country and mention.kind != ActorKind.MEDIA and mention.token_start not in backers:
            counts[mention.country] += 1
            first.append((mention.token_start, mention.country))
    for ent in entities.all:
        if ent.label_ in {"GPE", "LOC"} and names_a_place(ent):
            place = knowledge.gazetteer.resolve(ent.text, ())
            if place is not None and place.country and place.precision == PlacePrecision.COUNTRY:
                counts[place.country] += 1
                first.append((ent.start, place.country))
    if first:
        counts[min(first)[1]] *= 2
    return [country for country, _ in counts.most_common()]


__all__ = ["Knowledge", "Status", "extract", "extract_articles", "load_knowledge", "read_doc"]
