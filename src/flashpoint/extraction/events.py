"""Event triggers and their arguments: who did what to whom, read from the dependency parse.

A trigger is a verb ("struck", "were killed") or an event noun ("the airstrike on", "dozens of
attacks") listed in the lexicon. Light verbs ("launched an attack", "carried out strikes", "opened
fire") hand their subject to the event noun they govern. Arguments come from the parse:
- verbs: the subject is the source and the object the target; in the passive, the "by" agent is the
  source and the subject the target; a verb with no subject of its own (xcomp, conj, advcl:
  "vowed to strike", "attacked the base, killing five") inherits the subject of its head;
- nouns: a possessive, a compound or an adjective that names an actor is the source ("Israel's
  strike", "a US drone strike", "the Israeli airstrike"), "by X" too; "on X", "against X",
  "targeting X" is the target, and so is the object of the verb the noun is the subject of
  ("a strike killed the commander").
Two ASSAULT triggers linked in the parse ("gunmen stormed the base, killing five") are one event.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from flashpoint.extraction.clauses import (
    ANSWER_NOUNS,
    EARLIER_WORDS,
    REBUTTAL_VERBS,
    acronym_read_as_is,
    in_label,
    label_end,
    lost_object,
    misread_active,
    subject_of,
)
from flashpoint.extraction.mentions import CLAN_PREFIX, Mention, mentions_by_token, tokens_spelled
from flashpoint.extraction.words import sentence_of, sentence_start, words_of
from flashpoint.knowledge.lexicon import Lexicon
from flashpoint.taxonomy import ARMED_KINDS, DEEDS, STATE_FORCES, ActorKind, PloverType

T = TypeVar("T")
#: A weapon word: its token index, the mode it names, and the event noun it modifies (-1 for none).
Weapon = tuple[int, str, int]

_SUBJECTS = frozenset({"nsubj", "csubj"})
_PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
_OBJECTS = frozenset({"dobj", "obj", "attr"})
#: Links by which a noun is what a verb or a preposition takes: a happening named, not a modifier.
_ARGUMENT_DEPS = frozenset({"dobj", "obj", "pobj", "nsubj", "nsubjpass"})
_TARGET_PREPS = frozenset({"on", "against", "at", "into", "upon", "targeting", "toward", "towards"})
# Links inside one clause along which two ASSAULT triggers describe one happening ("stormed the
# base, killing five", "a strike killed", "members killed in a raid"). A preposition links them only
# when it places one inside the other: "a response for the airstrike" names two happenings.
_SAME_HAPPENING_DEPS = frozenset(
    {"advcl", "relcl", "acl", "nsubj", "nsubjpass", "dobj", "agent", "xcomp", "pobj", "prep"}
)
# People a state or body sends abroad: withdrawing them is a sanction, not a retreat.
_ENVOYS = frozenset(
    {
        "ambassador",
        "envoy",
        "diplomat",
        "inspector",
        "observer",
        "monitor",
        "peacekeeper",
        "staff",
        "mission",
        "worker",
        "personnel",
        "embassy",
    }
)
#: The envoys of a state to another: recalling one is a sanction on the state it was sent to.
_DIPLOMATS = frozenset({"ambassador", "envoy", "diplomat", "emissary", "consul"})
# Verbs of fending off an attack: their subject is the attack's target.
_DEFENCE_VERBS = frozenset({"repel", "repulse", "fend", "rebuff", "withstand", "resist"})
# A mine is run into, not used, by whoever meets it: "a convoy ran over a landmine", "a patrol
# stepped on a mine", "their vehicle struck an IED" (each verb with the prepositions it takes).
_MET_BY_VERBS = {
    "run": frozenset({"over", "into", "onto"}),
    "drive": frozenset({"over", "into", "onto"}),
    "roll": frozenset({"over", "onto"}),
    "step": frozenset({"on", "onto"}),
    "tread": frozenset({"on"}),
    "hit": frozenset(),
    "strike": frozenset(),
    "trigger": frozenset(),
}
_MINE_NOUNS = frozenset({"mine", "landmine", "ied", "explosive", "device"})
_RETRIBUTION_NOUNS = frozenset({"revenge", "vengeance", "retribution", "punishment", "retaliation"})
_VOWING_VERBS = frozenset({"vow", "threaten", "promise", "pledge", "warn", "swear", "call"})
_NAME_LABELS = frozenset({"ORG", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT"})
# Fighting is "with" the other side: "youths clashed with police".
_OPPONENT_VERBS = frozenset({"clash", "fight", "battle", "skirmish", "scuffle", "brawl"})
# Words of fighting between two sides: whoever the other side is, it fought back.
_COMBAT_WORDS = _OPPONENT_VERBS | {"clashes", "fighting", "gunfight", "shootout", "firefight", "skirmishes"}
# Talks, deals and joint work are held "with" the other side: "a phone call with Erdogan".
_PARTNERED_TYPES = frozenset({PloverType.CONSULT, PloverType.AGREE, PloverType.COOPERATE})
# Support and aid go to someone: "US support for Israel", "aid to Gaza".
_GIVING_TYPES = frozenset({PloverType.SUPPORT, PloverType.AID})
_RECIPIENT_PREPS = frozenset({"for", "to"})
_AIMED_AT_PREPS = frozenset({"on", "at", "against", "upon"})
_SAME_HAPPENING_PREPS = frozenset({"in", "during", "by", "with", "through", "after"})
_AGENT = frozenset({"agent"})
_POBJ = frozenset({"pobj"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """An event as the parse gives it, before status, attribution, date and place are read."""

    trigger: int  # token index of the trigger word
    type: PloverType
    mode: str | None
    source: str | None
    target: str | None
    target_kind: str | None
    victims: bool  # the target is unarmed people or their property ("villagers", "a market")
    source_token: int | None = None
    target_token: int | None = None
    extra_triggers: tuple[int, ...] = ()
    combat: bool = False  # fighting between sides ("clashed", "a gunfight"), not one side's attack
    refusal: bool = False  # a REJECT read from a negated or failed agreement ("would not meet the demands")


def find_candidates(doc: Doc, mentions: Sequence[Mention], lexicon: Lexicon) -> list[Candidate]:
    """Every event candidate in the Doc, in text order, with ASSAULT triggers of one happening merged."""
    by_token = mentions_by_token(mentions)
    weapons = _weapon_words(doc, lexicon)
    found: list[Candidate] = []
    sentence_starts: list[int] = []
    tags = words_of(doc).pos_ids
    for sentence in doc.sents:
        sentence_starts.append(sentence.start)
        before = len(found)
        for i in range(sentence.start, sentence.end):
            if tags[i] not in _TRIGGER_POS_IDS:
                continue  # (most words: no Token is made for them)
            candidate = _candidate(doc[i], sentence, by_token, lexicon, weapons)
            if candidate is not None:
                found.append(candidate)
        labelled = _labelled(sentence, by_token, lexicon)
        if labelled is not None and not any(c.type == labelled.type for c in found[before:]):
            found.insert(before, labelled)  # (the event the dispatch is filed under comes first)
    joined = _merge_same_happening(doc, found, by_token, lexicon, sentence_starts)
    return _raids_as_means(doc, joined, lexicon)


def _labelled(sentence: SpacySpan, by_token: Mapping[int, Mention], lexicon: Lexicon) -> Candidate | None:
    """'Movement of forces: Security has been beefed up along the border', 'Property destruction:
    military bulldozers conducted dredging ...': a dispatch whose label names its kind of event
    reports that event, by the first actor it names, even where its words tell none of that type
    (the caller keeps a told one instead: the label then only named its kind)."""
    if not sentence.doc[sentence.start].is_title:
        return None  # (most sentences: no capitalised word opens a label)
    end = label_end(sentence)
    if end is None:
        return None
    found = lexicon.label_events.get(sentence.doc[sentence.start : end].text.lower())
    if found is None:
        return None
    plover, mode = found
    doer = next((i for i in range(end + 1, sentence.end) if i in by_token), None)
    return Candidate(
        trigger=end - 1,
        type=plover,
        mode=mode,
        source=by_token[doer].actor_id if doer is not None else None,
        target=None,
        target_kind=None,
        victims=False,
        source_token=doer,
    )


def _trigger_of(token: Token, lexicon: Lexicon) -> tuple[PloverType, str | None] | None:
    pos = token.pos_  # (read once: `pos_` is among the dearest of a Token's attributes)
    if pos not in _TRIGGER_POS:
        return None
    lemma = token.lemma_.lower()
    if pos in {"VERB", "AUX"} or (pos == "ADJ" and token.tag_ == "VBN"):
        if lemma == "fire":
            return _fire(token, lexicon)
        if lemma in lexicon.impact_verbs or (
            lemma == "come" and any(c.dep_ == "prt" and c.lower_ == "down" for c in token.children)
        ):
            return _impact(token, lexicon)  # "shells fell on the town", "shells came down on its soil"
        if lemma in lexicon.throwing_verbs:
            return _thrown(token, lexicon)
        if lemma in lexicon.building_verbs:
            return _built(token, lexicon)
        if lemma in lexicon.finding_verbs and (weapons := _found_weapons(token, lexicon)) is not None:
            return weapons  # (what else is found or destroyed is the verb's ordinary entry, if any)
        if lemma in lexicon.object_events:
            told = _told_by_object(token, lemma, lexicon)
            if told is not None:
                return told
        if (lemma == "intercept" or _brought_down(token)) and _projectile(token, lexicon):
            return PloverType.COERCE, "disrupt-weapons"  # a rocket or drone stopped in flight
        if lemma in _MET_BY_VERBS and any(c.dep_ in _OBJECTS and _is_mine(c) for c in token.children):
            return None  # "a convoy struck an IED": the mine is the attack, and the convoy its target
        # A phrasal verb is its own word: "called off" a strike is not "called".
        found = lexicon.verbs.get(_verb_key(token, lexicon))
        if found is None and token.tag_ in _INFLECTED_VERB_TAGS:
            # The small model's lemmatiser errs on some verbs ("raped" -> "rap"): try the word's stems.
            found = next((lexicon.verbs[s] for s in _stems(token.lower_) if s in lexicon.verbs), None)
        return found
    if pos in {"NOUN", "PROPN"}:
        if (
            token.dep_ in _OBJECTS
            and token.head.lemma_.lower() in lexicon.object_events
            and _told_by_object(token.head, token.head.lemma_.lower(), lexicon) is not None
        ):
            return None  # "lodged a protest", "halted talks": the verb and its object tell one event
        if _is_blamed_cause(token):
            return None  # "blamed the attack on fighting between ...": the accusation tells it
        if lemma == "fire" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ in _DISPERSING:
            return None  # a headline's "Police fire tear gas ...", parsed as a noun: a crowd dispersed
        word = token.lower_
        # (most nouns close no entry: their modifier is not read)
        if word in lexicon.noun_phrase_closers or lemma in lexicon.noun_phrase_closers:
            modifier = next(
                (c.lower_ for c in token.lefts if c.dep_ in {"compound", "amod"} and c.i == token.i - 1), None
            )
            if modifier:  # "hunger strike", "ethnic cleansing", "phone calls"
                found = lexicon.nouns.get(f"{modifier} {word}") or lexicon.nouns.get(f"{modifier} {lemma}")
                if found is not None:
                    return found
        found = lexicon.nouns.get(word) or lexicon.nouns.get(lemma)
        if found is None and word.endswith("strikes"):
            found = lexicon.nouns.get(word[:-1])
        return found
    return None


#: The parts of speech a trigger has: verbs, participles (ADJ) and nouns.
_TRIGGER_POS = frozenset({"VERB", "AUX", "ADJ", "NOUN", "PROPN"})
_TRIGGER_POS_IDS = frozenset(POS_IDS[pos] for pos in _TRIGGER_POS)
_CRAFT = frozenset(
    {"plane", "aircraft", "jet", "ship", "vessel", "boat", "convoy", "helicopter", "bomber", "warship"}
)
# Particles the parser often reads as adverbs ("took the base back", "pushed them out").
_ADVERB_PARTICLES = frozenset({"back", "out", "off", "over"})
_INFLECTED_VERB_TAGS = frozenset({"VBD", "VBN", "VBG", "VBZ"})
_SUFFIXES = (
    ("ied", "y"),
    ("ies", "y"),
    ("ed", "e"),
    ("ed", ""),
    ("ing", "e"),
    ("ing", ""),
    ("es", ""),
    ("s", ""),
)


def _brought_down(verb: Token) -> bool:
    """'downed', 'shot down', 'brought down': a craft or a projectile taken out of the sky ("gunned
    down" a man is a shooting)."""
    lemma = verb.lemma_.lower()
    return lemma == "down" or (
        lemma in {"shoot", "bring"}
        and any(c.dep_ in {"prt", "advmod"} and c.lower_ == "down" for c in verb.children)
    )


def _stems(word: str) -> list[str]:
    """The stems a regular English ending allows ("raped": rape, rap; "bases": bas, base)."""
    return [
        word[: -len(ending)] + stem
        for ending, stem in _SUFFIXES
        if word.endswith(ending) and len(word) - len(ending) >= 3
    ]


def _verb_key(token: Token, lexicon: Lexicon) -> str:
    """The verb as the lexicon lists it: its lemma, with its particle for a phrasal verb ("call off"),
    or with its preposition and that one's object for an idiom ("took to the streets": "take to street")."""
    lemma = token.lemma_.lower()
    if lemma not in lexicon.verb_phrase_openers:
        return lemma  # (most verbs: no entry of several words opens with them, so no child is read)
    children = list(token.children)  # (read once for both passes: each makes new Tokens)
    for thing in (c for c in children if c.dep_ in {"dobj", "obj"}):
        if f"{lemma} {thing.lemma_.lower()}" in lexicon.verbs:
            return f"{lemma} {thing.lemma_.lower()}"  # "took control of the town"
    for particle in (c for c in children if c.dep_ in {"prt", "prep"} or c.lower_ in _ADVERB_PARTICLES):
        if f"{lemma} {particle.lower_}" in lexicon.verbs:
            return f"{lemma} {particle.lower_}"
        for place in (c for c in particle.children if c.dep_ == "pobj"):
            idiom = f"{lemma} {particle.lower_} {place.lemma_.lower()}"
            if idiom in lexicon.verbs:
                return idiom
    return lemma


def _protest_act(token: Token, lexicon: Lexicon) -> tuple[PloverType, str | None] | None:
    """'Demonstrators blocked the road', 'rioters burned tyres': what protesters do is protest."""
    if token.pos_ != "VERB" or token.lemma_.lower() in lexicon.reporting_verbs:
        return None
    subject = _resolve_argument(_child(token, _SUBJECTS))  # "hundreds of demonstrators"
    if subject is not None and subject.lower_ in lexicon.protest_actor_nouns:
        return PloverType.PROTEST, "riot" if subject.lower_ in {"rioters", "rioter", "mob"} else "demonstrate"
    return None


def _misread_complement(audience: Token | None) -> Token | None:
    """'warned the meeting that Kigali could respond': the parser often hangs the that-clause on the
    audience as a relative clause; one that opens with the conjunction "that" is the warning's content."""
    if audience is None:
        return None
    return next(
        (c for c in audience.children if c.dep_ == "relcl" and any(m.dep_ == "mark" for m in c.children)),
        None,
    )


def _says_what_will_be(clause: Token, lexicon: Lexicon) -> bool:
    """A clause that says what someone will or would do ("that it would respond"), the stuff of a threat."""
    return any(t.dep_ == "aux" and t.lower_ in lexicon.modals for t in clause.subtree)


def _caused_by_nature(verb: Token, lexicon: Lexicon) -> bool:
    """The verb's own doer is a flood, a quake, a fire: 'Earthquakes hit areas', 'hit by a storm'."""
    doers = [c for c in verb.children if c.dep_ in _SUBJECTS]
    doers += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if verb.i > 0 and verb.doc[verb.i - 1].pos_ == "NOUN":
        doers.append(verb.doc[verb.i - 1])  # "in Earthquakes hit areas": the parse lost the subject
    return any(
        d.lemma_.lower() in lexicon.non_violent_causes or d.lower_ in lexicon.non_violent_causes
        for d in doers
    )


def _is_victim(noun: Token, lexicon: Lexicon) -> bool:
    return noun.lemma_.lower() in lexicon.victim_nouns or noun.lower_ in lexicon.victim_nouns


_HARM_VERBS = frozenset({"injure", "wound", "kill", "hurt", "maim"})


def _harmed_victims(trigger: Token, lexicon: Lexicon) -> bool:
    """'opened fire, injuring three people', 'shot at the house, wounding a child': the harm the
    trigger's own participle reports fell on unarmed people."""
    verb = trigger if trigger.pos_ in {"VERB", "AUX"} else trigger.head
    for child in verb.children:
        if child.dep_ in {"advcl", "xcomp", "conj"} and child.lemma_.lower() in _HARM_VERBS:
            harmed = _resolve_argument(_child(child, _OBJECTS))
            if harmed is not None and _is_victim(harmed, lexicon):
                return True
    return False


def _projectile(verb: Token, lexicon: Lexicon) -> bool:
    """Whether what was shot down is a weapon in flight ("shot down a drone", "rockets were
    intercepted"), not a crewed aircraft."""
    thing = _resolve_argument(_child(verb, _OBJECTS | _PASSIVE_SUBJECTS))
    if thing is not None and thing.pos_ == "PRON":
        # "shot down one of them": the weapons the last sentences told of
        sent = sentence_of(verb)
        start = sent.start
        for _ in range(2):
            if start == 0:
                break
            start = sentence_start(verb.doc[start - 1])
        return any(_flying(t, lexicon) for t in verb.doc[start : sent.start])
    return thing is not None and _flying(thing, lexicon)


def _flying(thing: Token, lexicon: Lexicon) -> bool:
    return lexicon.fired_objects.get(thing.lower_) in {
        "missile",
        "drone",
        "artillery",
    } or lexicon.fired_objects.get(thing.lemma_.lower()) in {"missile", "drone", "artillery"}


def _thrown(token: Token, lexicon: Lexicon) -> tuple[PloverType, str | None] | None:
    """'hurled two grenades at', 'threw a petrol bomb', 'a missile was launched': a weapon thrown or
    launched is an attack, with the weapon's mode."""
    for child in token.children:
        if child.dep_ in _OBJECTS | _PASSIVE_SUBJECTS:
            if lexicon.nouns.get(child.lemma_.lower()) is not None:
                return None  # "launched air strikes", "launched an attack": the noun tells the event
            if child.lower_ in _INCENDIARY or _set_alight(child):
                return PloverType.ASSAULT, "incendiary"  # "threw a petrol bomb": a fire attack, no explosive
            words = [child.lower_, *(c.lower_ for c in child.lefts if c.dep_ in {"compound", "amod"})]
            mode = next((lexicon.mode_words[w] for w in words if w in lexicon.mode_words), None)
            if mode is not None:
                return PloverType.ASSAULT, mode
    return None


def _built(token: Token, lexicon: Lexicon) -> tuple[PloverType, str | None] | None:
    """'established a military observation post', 'set up checkpoints': a base, ACLED's strategic
    development, only when what is built is a military site."""
    obj = _child(token, _OBJECTS | _PASSIVE_SUBJECTS)
    if obj is not None and {obj.lemma_.lower(), obj.lower_, *_stems(obj.lower_)} & lexicon.base_nouns:
        return PloverType.MOBILIZE, "base"
    return None


def _told_by_object(token: Token, lemma: str, lexicon: Lexicon) -> tuple[PloverType, str | None] | None:
    """'eased the curfew' (a retreat), 'suspended aid deliveries' (a sanction), 'blocked the roads'
    (a protest): the verb's object says which event it is; other objects fall back to the verb's entry."""
    thing = _child(token, _OBJECTS | _PASSIVE_SUBJECTS)
    if thing is None and token.dep_ == "relcl" and _child(token, _SUBJECTS) is not None:
        thing = token.head  # "the peace agreement it had struck": the noun the clause describes
    if thing is None and token.dep_ == "acomp":
        thing = _prep_object(token, frozenset({"to"}))  # "Israel is opposed to French mediation"
    if thing is None or lemma not in lexicon.object_events:
        return None
    words = [thing, *(c for c in thing.children if c.dep_ in {"compound", "amod"})]
    events = lexicon.object_events[lemma]
    for word in words:
        kinds = (
            lexicon.object_classes.get(word.lemma_.lower()) or lexicon.object_classes.get(word.lower_) or ()
        )
        for kind in kinds:
            if kind in events:
                return events[kind]
    return None


def _found_weapons(token: Token, lexicon: Lexicon) -> tuple[PloverType, str | None] | None:
    """'pistols were discovered in a bus', 'police defused a bomb': weapons taken out of use, ACLED's
    disrupted weapons use; what else is found is no event."""
    found = _child(token, _OBJECTS | _PASSIVE_SUBJECTS)
    if found is not None and _names_weapons(found, lexicon):
        return PloverType.COERCE, "disrupt-weapons"
    return None


def _names_weapons(thing: Token, lexicon: Lexicon) -> bool:
    words = {t.lower_ for t in thing.subtree if t.dep_ != "relcl"} | {thing.lemma_.lower()}
    return bool(words & lexicon.weapon_nouns)


def _impact(token: Token, lexicon: Lexicon) -> tuple[PloverType, str | None] | None:
    """'Rockets fell near the airport', 'a shell landed in the yard': the weapon is the subject."""
    subject = _child(token, _SUBJECTS)
    if subject is not None and subject.lower_ in lexicon.fired_objects:
        return PloverType.ASSAULT, lexicon.fired_objects[subject.lower_]
    return None


def _fire(token: Token, lexicon: Lexicon) -> tuple[PloverType, str | None] | None:
    """'fired rockets at', 'opened fire on', 'fired on': an attack whose mode is what was fired."""
    for child in token.children:
        if child.dep_ in _OBJECTS:
            modifier = token.doc[child.i - 1].lower_ if child.i > 0 else ""
            fired = f"{modifier} {child.lower_}"  # "tear gas": what police fire to disperse, no attack
            if fired in lexicon.fired_objects and lexicon.fired_objects[fired] is None and not _aimed(token):
                return None  # (fired at someone, it stays an attack on them)
            if child.lower_ in lexicon.fired_objects:
                return PloverType.ASSAULT, lexicon.fired_objects[child.lower_]
    return (PloverType.ASSAULT, "firearms") if _aimed(token) else None


def _aimed(verb: Token) -> bool:
    """Whether the verb has a preposition of aim ("fired at the crowd", "fired on students marching"),
    not one of time ("fired tear gas on Tuesday")."""
    return any(
        c.dep_ == "prep"
        and c.lower_ in _TARGET_PREPS
        and not any(g.ent_type_ in {"DATE", "TIME"} for g in c.children)
        for c in verb.children
    )


def _candidate(
    token: Token,
    sentence: SpacySpan,
    by_token: Mapping[int, Mention],
    lexicon: Lexicon,
    weapons: Sequence[Weapon],
) -> Candidate | None:
    """The event `token` (in `sentence`) is the trigger of, or None."""
    pos = token.pos_  # (read once: every word of the Doc comes here, and `pos_` is a dear read)
    if pos not in _TRIGGER_POS:
        return None
    # A demand and a protesters' deed are verbs.
    demand = _demanded(token, lexicon) if pos == "VERB" else None
    if demand is not None:
        return _demand_candidate(token, demand, by_token)
    found = _trigger_of(token, lexicon) or (_protest_act(token, lexicon) if pos == "VERB" else None)
    if found is None:
        return None
    plover, mode = found
    if in_label(token):
        return None  # "Looting: rebels looted crops": the label names the story's kind; the verb tells it
    is_noun = pos in {"NOUN", "PROPN"}
    if token.i > 0 and token.doc[token.i - 1].text == "-" and not (is_noun and token.dep_ in _ARGUMENT_DEPS):
        # "Iran-backed", "US-led": a modifier naming a relation, not an event ("a street-fight", a
        # noun that is a verb's or a preposition's argument, is one)
        return None
    if is_noun and token.lemma_.lower() == "punishment" and token.head.lemma_.lower() not in _VOWING_VERBS:
        return None  # a court's punishment is no attack; a vowed punishment is a threat of one
    if is_noun:
        if token.i in by_token or (pos == "PROPN" and token.ent_type_ in _NAME_LABELS):
            return None  # part of a name ("the Strike Force", "Economic Cooperation forum"), not an event
        if token.ent_type_ in {"DATE", "TIME"}:
            return None  # "In March, rebels ...": the month, not a protest march
        if token.dep_ == "compound" and _trigger_of(token.head, lexicon) is not None:
            return None  # "a protest march": one happening, named by its head noun
        if (
            token.dep_ in _OBJECTS | _PASSIVE_SUBJECTS
            and token.head.lemma_.lower() in lexicon.finding_verbs | {"seize", "capture", "intercept"}
        ):
            return None  # "defused 55 IEDs": weapons taken out of use, the verb's event, not an attack
        if (
            token.dep_ == "pobj"
            and token.head.lower_ == "in"
            and token.lemma_.lower() == "protest"
            and not any(c.dep_ in {"det", "poss"} for c in token.children)
        ):
            return None  # "in protest at the bombardment": the motive of another deed ("in a protest" is one)
        if _prevented(token):
            return None  # "to stop further demonstrations": what someone wants not to happen
        if _asked_for(token, lexicon):
            return None  # "pressed for a crackdown": the request is the event; the crackdown has not happened
        if _standing(token):
            return None  # "men involved in the riots", "suspected of the bombing": who they are
        source, target = _noun_arguments(token, by_token, lexicon, plover)
    else:
        if _requested(token, lexicon) or _prevented(token):
            return None
        if plover in DEEDS and _done_to_any(token):
            return None  # "did not say that any civilians had been killed": no killing is told
        if _thing_meets(token, lexicon):
            return None
        if token.dep_ == "acl" and token.lemma_.lower() == "target" and _trigger_of(token.head, lexicon):
            return None  # "an arson attack targeting a hotel": what the attack was aimed at
        if token.lemma_.lower() in _DEFENCE_VERBS:
            attack = _child(token, _OBJECTS)
            if attack is not None and _trigger_of(attack, lexicon) is not None:
                return None  # "repelled an assault": the assault is the event, its target the repeller
        source, target = _to_blame(token, lexicon) or _verb_arguments(token, by_token, lexicon)
        if source is None and target is None and token.tag_ == "VBG" and token.dep_ in _SUBJECTS:
            source, target = _between(token)  # "fighting between the army and Fano has raged": a noun
    if plover == PloverType.ACCUSE and not is_noun and _child(token, _PASSIVE_SUBJECTS) is not None:
        # "the attack has been blamed on Iran-backed groups by Cameron": whom it is blamed on is accused
        accused = _resolve_argument(_prep_object(token, frozenset({"on"})))
        if accused is not None and _names_actor(accused, by_token):
            target = accused
    if plover == PloverType.ASSAULT and not is_noun and token.lemma_.lower() in lexicon.throwing_verbs:
        # "hurled a petrol bomb at the house": what is thrown is the weapon, where it is thrown the target
        target = _resolve_argument(_prep_object(token, _TARGET_PREPS)) or target
    if plover == PloverType.ASSAULT and target is None:
        target = _attacked_property(token, lexicon) or _lost_object(token, by_token)
    if plover == PloverType.ASSAULT and mode == "explosives" and _killed_themselves(token):
        mode = "suicide-bomb"  # "detonated explosives, killing themselves"
    if plover == PloverType.ASSAULT and _arson_without_harm(token, sentence):
        plover, mode = PloverType.COERCE, "destroy-property"  # "an arson attack on a closed hotel"
    if mode == "seize-territory" and not is_noun and " " not in _verb_key(token, lexicon):
        # (not "drove the rebels out", "took the town back": their object is the ground or who lost it)
        plover, mode = _seizure(target, lexicon, plover, mode)
    elif mode == "disrupt-weapons" and not is_noun and not _projectile(token, lexicon):
        # What was intercepted tells the event: weapons, or aircraft and ships, are a disrupted
        # attack; people ("four smugglers") an arrest; a lorry of hashish, or what the parse cannot
        # tell, no event of ours.
        if target is None:
            return None
        if not (_names_weapons(target, lexicon) or target.lemma_.lower() in _CRAFT):
            if not _is_person(target, lexicon):
                return None
            mode = "arrest"
    if mode == "withdraw" and target is not None and target.lemma_.lower() in _ENVOYS:
        plover = PloverType.SANCTION  # "withdrew its ambassador", "will withdraw the inspectors"
    elif mode == "withdraw" and _left_talks(token, lexicon):
        plover, mode = PloverType.SANCTION, "discontinue"  # "pulled out of the talks": talks halted
    # "recalled its ambassador (from Berlin)": the envoy is the recaller's own, a sanction on the state
    # the envoy leaves, which the sentence need not name
    envoy_recalled = (
        plover == PloverType.SANCTION
        and mode in {"break-relations", "withdraw"}
        and target is not None
        and target.lemma_.lower() in _DIPLOMATS
    )
    if envoy_recalled and target is not None:
        left = _resolve_argument(
            _prep_object(token, frozenset({"from"})) or _prep_object(target, frozenset({"from", "to", "in"}))
        )
        if left is not None and _names_actor(left, by_token):
            target = left
    if (
        plover == PloverType.PROTEST
        and mode in {"demonstrate", "obstruct"}
        and (
            any(
                _riot_cue(t, lexicon)
                and t.pos_ != "PROPN"  # the town of Tyre burns no tyres
                and not _modifier(t)
                and not _describes_other(t, token)
                for t in sentence
            )
            or (source is not None and source.lower_ in {"rioters", "rioter", "mob"})
            or _turned_violent(token, lexicon)
        )
    ):
        mode = "riot"  # burning tyres, stones thrown, shops looted: a violent demonstration
    combat = token.lemma_.lower() in _COMBAT_WORDS or token.lower_ in _COMBAT_WORDS or _exchanged(token)
    if plover == PloverType.ASSAULT and not combat and not _brought_down(token):
        # (Sides that clash fight with whatever they carry, grenades and mortars included: ACLED's
        # armed clash, so a weapon named beside "clashed" does not make it remote violence. The craft
        # that was "downed" is the target, not the weapon.)
        mode = _assault_mode(token, mode, weapons)
        if (
            is_noun
            and token.lemma_.lower() in lexicon.needs_mode_word
            and mode is None
            and not (source or target)
        ):
            return None  # "a strike" with no weapon and no side: may well be a labour strike
    if plover == PloverType.THREATEN and not is_noun and token.lemma_.lower() == "warn":
        said = _child(token, frozenset({"ccomp"})) or _misread_complement(_child(token, _OBJECTS))
        if said is not None:
            if not _says_what_will_be(said, lexicon):
                return None  # "agencies warn that the population is at risk of famine": no threat
            target = None  # "warned the Council that it would respond": the Council is the audience
    if plover != PloverType.ASSAULT and not is_noun and not _names_actor_or_none(target, by_token):
        # "granted asylum to 18 rebels", "offered its troops to the president": who receives it
        recipient = _prep_object(token, _RECIPIENT_PREPS if plover in _GIVING_TYPES else frozenset({"to"}))
        if recipient is not None and _names_actor(recipient, by_token):
            target = recipient
    refusal = plover == PloverType.AGREE and (_failed(token) or (not is_noun and _negated(token, lexicon)))
    if refusal:
        plover, mode = PloverType.REJECT, None  # "failed to reach agreement", "would not meet the demands"
    source_actor, named_target = _actor_at(source, by_token), _target_at(target, by_token)
    target_actor = named_target
    if (plover, mode) == (PloverType.PROTEST, "obstruct") and _kind_at(source, by_token) in ARMED_KINDS:
        return None  # troops or fighters blocking a road are no protest
    if (
        plover == PloverType.PROTEST
        and token.lemma_.lower() == "march"
        and _kind_at(source, by_token) in ARMED_KINDS
        and not (source is not None and source.dep_ == "compound")  # "a Nepal protest march": where
    ):
        plover, mode = PloverType.ASSAULT, None  # rebels who "march on Kinshasa" advance on it
    if (plover, mode) == (PloverType.COERCE, "arrest") and _kind_at(
        source, by_token
    ) == ActorKind.ARMED_GROUP:
        plover, mode = PloverType.ASSAULT, "abduct"  # an armed group's "arrest" is an abduction (ACLED)
    if target_actor == source_actor:
        target_actor = None  # "they launched their largest barrage": the owner, not the target
    own_forces = bool(
        plover == PloverType.AID
        and source_actor
        and target_actor
        and (target_actor.startswith(f"{source_actor}-") or _unnamed_forces_sent(source, target, by_token))
    )
    if own_forces:
        # "Russia sent troops to the border": a state moving its own forces mobilises them
        plover, mode, target_actor = PloverType.MOBILIZE, "military", None
    if (
        not is_noun
        and token.dep_ == "acl"
        and _counting(token.head)
        and _prep_object(token, frozenset({"in", "during"})) is None
        and _child(token, _AGENT) is None
    ):
        # "puts the number of civilians killed at over 10,000": a statistic, not a deed (but "the
        # number of people killed in Sunday's attack", "killed by the attackers" count one deed's dead)
        return None
    if (
        plover == PloverType.ASSAULT
        and source_actor is None
        and mode in {None, "firearms"}
        and not lexicon.non_violent_causes.isdisjoint(_lemmas(sentence))
    ):
        return None  # "an area hit by floods", "killed when their bus plunged off a bridge"
    if mode == "displace" and not lexicon.non_violent_causes.isdisjoint(_lemmas(sentence)):
        return None  # "evacuation orders ahead of the storm": people moved out of nature's way
    if plover == PloverType.ASSAULT and not is_noun and _caused_by_nature(token, lexicon):
        return None  # "earthquakes hit the valley": whoever else the sentence names, no one attacked
    if (
        not is_noun
        and not (source_actor and target_actor)
        and not own_forces
        and not envoy_recalled
        and _verb_key(token, lexicon) in lexicon.needs_two_actors
        and not _told_by_object(token, token.lemma_.lower(), lexicon)
    ):
        return None  # "released footage", "helped to calm": an everyday verb, not an event between actors
    target_kind = by_token[target.i].kind if target is not None and target.i in by_token else None
    # "fought the Nasser family": a family named as a side is a clan that fights, not unarmed victims
    clan = (named_target or "").startswith(CLAN_PREFIX)
    victims = (target is not None and _is_victim(target, lexicon) and not clan) or _harmed_victims(
        token, lexicon
    )
    return Candidate(
        trigger=token.i,
        type=plover,
        mode=mode,
        source=source_actor,
        target=target_actor,
        target_kind=target_kind,
        victims=victims,
        source_token=source.i if source is not None else None,
        target_token=target.i if target is not None else None,
        combat=combat,
        refusal=refusal,
    )


def _lemmas(sentence: SpacySpan) -> list[str]:
    """Each word's `lemma_.lower()` in `sentence`, as read once per Doc."""
    return words_of(sentence.doc).lemmas[sentence.start : sentence.end]


_PREVENTING_VERBS = frozenset({"prevent", "avert", "deter", "forestall", "preempt"})
_STOPPING_VERBS = frozenset({"stop", "curb", "halt", "end", "ban", "cease"})
_NOT_YET = frozenset({"further", "new", "any", "future", "more"})


def _riot_cue(word: Token, lexicon: Lexicon) -> bool:
    """A word of a crowd's violence: "burned", "stones", and phrases whose verb alone says nothing,
    "set fire to", "set ablaze", "set on fire" (written in the lexicon as verb and word after it)."""
    lemma = word.lemma_.lower()
    if lemma in lexicon.riot_cues:
        return True
    if word.pos_ != "VERB":
        return False
    for child in word.children:
        if f"{lemma} {child.lower_}" in lexicon.riot_cues:
            return True  # "set fire", "set ablaze"
        if child.dep_ == "prep" and any(
            f"{lemma} {child.lower_} {g.lower_}" in lexicon.riot_cues for g in child.children
        ):
            return True  # "set on fire"
    return False


def _turned_violent(trigger: Token, lexicon: Lexicon) -> bool:
    """'Residents staged a demonstration to demand elections. They threw rocks at buses.': violence
    that the next sentence tells of the crowd ("they", "the protesters"), or of no one named ("tyres
    were set on fire"), makes the demonstration a violent one (ACLED's riot). Police firing tear gas
    is not the crowd's violence."""
    doc = trigger.doc
    following = sentence_of(trigger).end
    if following >= len(doc):
        return False
    crowd = lexicon.protest_actor_nouns | {"they", "youths", "crowd", "crowds"}
    for word in sentence_of(doc[following]):
        if not _riot_cue(word, lexicon) or word.pos_ not in {"VERB", "NOUN"} or _modifier(word):
            continue
        verb = word if word.pos_ == "VERB" else next((a for a in word.ancestors if a.pos_ == "VERB"), None)
        if verb is None:
            continue
        doer = subject_of(verb)
        if doer is None or doer.dep_ == "nsubjpass" or doer.lower_ in crowd:
            return True
    return False


def _prevented(noun: Token) -> bool:
    """An event noun (or gerund) that is the object of preventing ("to prevent attacks"), of stopping
    more of it ("to stop further demonstrations") or of a stop still to be made ("agreed to halt
    fighting", "urged them to end the clashes"): no happening is reported by it."""
    gerund = noun.tag_ == "VBG" and noun.dep_ == "xcomp"  # "to halt fighting", parsed as a verb
    if noun.dep_ not in {"dobj", "obj"} and not gerund:
        return False
    verb = noun.head.lemma_.lower()
    if verb in _PREVENTING_VERBS:
        return True
    return verb in _STOPPING_VERBS and (
        any(c.lower_ in _NOT_YET for c in noun.children if c.dep_ in {"amod", "det"})
        or any(c.dep_ == "aux" and c.lower_ == "to" for c in noun.head.children)
    )


def _requested(verb: Token, lexicon: Lexicon) -> bool:
    """The action a request asks for ("called on Rwanda to disarm", "urged the rebels to withdraw"):
    the request is the event; what it asks for has not happened."""
    node = verb
    for _ in range(3):
        if node.dep_ == "pcomp" and node.head.dep_ == "prep":
            node = node.head  # "urged Rwanda to assist in disarming the rebels"
        purpose = node.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        if node.dep_ not in {"xcomp", "ccomp", "prep"} and not purpose:
            return False
        head = node.head
        found = lexicon.verbs.get(_verb_key(head, lexicon))
        if found is not None and found[0] == PloverType.REQUEST:
            return True
        if head.lemma_.lower() not in _HELPING_VERBS:
            return False
        node = head  # "called on Rwanda to help disarm them": the help is asked for, so is what it does
    return False


def _asked_for(noun: Token, lexicon: Lexicon) -> bool:
    """Whether the noun is what a request asks for: "pressed for a crackdown", "urged an inquiry"."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "for":
        verb = verb.head
    elif noun.dep_ not in {"dobj", "obj"}:
        return False
    found = lexicon.verbs.get(_verb_key(verb, lexicon)) if verb.pos_ == "VERB" else None
    return found is not None and found[0] == PloverType.REQUEST


_HELPING_VERBS = frozenset({"help", "assist", "join", "work", "cooperate", "act", "move", "take"})


def _demanded(verb: Token, lexicon: Lexicon) -> Token | None:
    """'Chirac told Iraq that it must cooperate', 'the rebels said Kagame must agree to changes': a
    speaker saying what another must do makes a demand. The speaker's verb, or None."""
    if verb.pos_ != "VERB" or verb.dep_ not in {"ccomp", "acl"}:
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "must" for c in verb.children):
        return None
    if any(c.dep_ == "neg" for c in verb.children):
        return None  # "must not": a warning, not a demand
    speaker = verb.head if verb.dep_ == "ccomp" else verb.head.head  # "a reminder to Iraq that it must"
    if speaker.pos_ != "VERB" or speaker.lemma_.lower() not in lexicon.reporting_verbs | _DEMAND_FRAMES:
        return None
    return speaker


_DEMAND_FRAMES = frozenset({"issue", "conclude", "insist", "demand", "warn", "remind", "tell", "write"})


def _demand_candidate(verb: Token, speaker: Token, by_token: Mapping[int, Mention]) -> Candidate | None:
    source, target = subject_of(speaker), _child(verb, _SUBJECTS)
    if target is not None and target.pos_ == "PRON":
        # "told Iraq that it must": the pronoun is whom the speaker addressed
        target = _prep_object(speaker, frozenset({"to"})) or _child(speaker, _OBJECTS) or target
    source_actor, target_actor = _actor_at(source, by_token), _actor_at(target, by_token)
    if source_actor is None or target_actor is None or source_actor == target_actor:
        return None  # "we must act": an exhortation, not a demand on another
    return Candidate(
        trigger=verb.i,
        type=PloverType.REQUEST,
        mode=None,
        source=source_actor,
        target=target_actor,
        target_kind=by_token[target.i].kind if target is not None and target.i in by_token else None,
        victims=False,
        source_token=source.i if source is not None else None,
        target_token=target.i if target is not None else None,
    )


#: Participles that tell where a person stands towards a deed ("people involved in riots", "a man
#: wanted for the bombing"): they describe the person, the deed is told elsewhere or not at all.
_STANDING_PARTICIPLES = frozenset({"involve", "suspect", "convict", "want", "implicate", "jail"})


def _standing(noun: Token) -> bool:
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep":
        return False
    participle = prep.head
    return participle.dep_ in {"acl", "amod"} and participle.lemma_.lower() in _STANDING_PARTICIPLES


def _thing_meets(verb: Token, lexicon: Lexicon) -> bool:
    """'where the borders meet', 'the plan did not meet their demands': places touch and proposals
    satisfy; nobody meets anybody."""
    if verb.lemma_.lower() != "meet":
        return False
    subject = _child(verb, frozenset({"nsubj"}))
    if subject is None:
        return False
    word = subject.lemma_.lower()
    return word in lexicon.territory_nouns or "proposal" in lexicon.object_classes.get(word, ())


def _done_to_any(verb: Token) -> bool:
    """'It did not acknowledge that any civilians had been killed', 'whether any villagers were
    hurt': a past deed done to 'any' one is asked about or denied, never told. ('vowed to strike any
    warship' is a threat, read from the vow; its verb is not in the past.)"""
    return verb.tag_ in {"VBD", "VBN"} and any(
        c.dep_ in {"nsubjpass", "dobj"} and any(d.dep_ == "det" and d.lower_ == "any" for d in c.children)
        for c in verb.children
    )


_REFLEXIVES = frozenset({"themselves", "himself", "herself"})


def _killed_themselves(trigger: Token) -> bool:
    """'detonated explosives, killing themselves', 'blew himself up': the bomber died by the bomb."""
    verb = trigger if trigger.pos_ in {"VERB", "AUX"} else trigger.head
    for clause in (verb, *(c for c in verb.children if c.dep_ in {"advcl", "xcomp", "conj"})):
        if any(c.dep_ in {"dobj", "obj"} and c.lower_ in _REFLEXIVES for c in clause.children):
            return clause.lemma_.lower() in _HARM_VERBS | {"blow"}
    return False


def _arson_without_harm(trigger: Token, sentence: SpacySpan) -> bool:
    """An 'arson attack' that hurt no one in its sentence destroyed property (ACLED's property
    destruction); one that killed or wounded is an attack on people."""
    if not any(c.lower_ == "arson" and c.dep_ in {"compound", "amod"} for c in trigger.children):
        return False
    return not any(t.lemma_.lower() in _HARM_VERBS | {"die", "dead"} for t in sentence)


def _exchanged(trigger: Token) -> bool:
    """'exchanged fire', 'a shelling exchange', 'an exchange of fire': both sides fired, a battle."""
    head = trigger.head
    if head.lower_ == "of" and head.dep_ == "prep":
        head = head.head
    if head.i != trigger.i and head.lemma_.lower() == "exchange":
        return True
    # the parser may read "shelling exchange" as a verb and its object
    return any(c.dep_ in {"dobj", "compound"} and c.lemma_.lower() == "exchange" for c in trigger.children)


def _describes_other(word: Token, trigger: Token) -> bool:
    """A word inside a participle's clause that describes some other noun ("the release of men
    involved in riots"): it tells of them, not of this event. (A relative clause may tell the event
    itself: "Portland, where thousands marched and some smashed windows".)"""
    for clause in word.ancestors:
        if clause.dep_ == "acl":
            return not (clause.left_edge.i <= trigger.i <= clause.right_edge.i)
    return False


def _modifier(token: Token) -> bool:
    """A word that only describes a noun ("riot police", "stone walls"): not a deed of its own."""
    return (
        token.pos_ in {"NOUN", "PROPN"}
        and token.dep_ in {"compound", "amod"}
        and token.head.pos_ in {"NOUN", "PROPN"}
    )


def _lost_object(verb: Token, by_token: Mapping[int, Mention]) -> Token | None:
    """A lost object (see `lost_object`) that names an actor."""
    thing = lost_object(verb)
    return thing if thing is not None and thing.i in by_token else None


def _attacked_property(token: Token, lexicon: Lexicon) -> Token | None:
    """'opened fire outside the house of a lawmaker', 'shot outside a shop': shots at a home or a
    shop from outside it are aimed at the people in it."""
    verb = (
        token.head if token.dep_ in _OBJECTS and token.head.lemma_.lower() in lexicon.light_verbs else token
    )
    place = _resolve_argument(_prep_object(verb, frozenset({"outside"})))
    return place if place is not None and _is_victim(place, lexicon) else None


def _seizure(
    thing: Token | None, lexicon: Lexicon, plover: PloverType, mode: str | None
) -> tuple[PloverType, str | None]:
    """'seized the town' is ground taken in battle; 'seized 20 rifles' a disrupted attack; 'seized
    cigarettes' a seizure of property."""
    if (
        thing is None
        or thing.ent_type_ in {"GPE", "LOC", "FAC"}
        or thing.lemma_.lower() in lexicon.territory_nouns
        or thing.lower_ in lexicon.territory_nouns
    ):
        return plover, mode
    words = {t.lower_ for t in thing.subtree} | {thing.lemma_.lower()}
    if words & lexicon.weapon_nouns:
        return PloverType.COERCE, "disrupt-weapons"
    if _is_person(thing, lexicon):
        return PloverType.COERCE, "arrest"  # "captured a senior commander": people are taken, not goods
    return PloverType.COERCE, "seize"


def _left_talks(verb: Token, lexicon: Lexicon) -> bool:
    """'withdrew from the talks', 'pulled out of the deal': a side that leaves talks or a deal halts
    its dealings, as a sanction does; it pulls back no forces."""
    preps = frozenset({"from", "of"})
    left = _prep_object(verb, preps) or next(
        (o for c in verb.children if c.lower_ == "out" and (o := _prep_object(c, preps)) is not None), None
    )
    if left is None:
        return False
    classes = lexicon.object_classes.get(left.lower_) or lexicon.object_classes.get(left.lemma_.lower(), ())
    return bool({"relation", "proposal"} & set(classes))


def _unnamed_forces_sent(sender: Token | None, sent: Token | None, by_token: Mapping[int, Mention]) -> bool:
    """'Rwanda denied sending troops into Congo': forces named by a common noun that a state sends are
    its own, whichever country the article is about (the noun alone was given the article's)."""
    if sender is None or sent is None or sender.i not in by_token or sent.i not in by_token:
        return False
    forces = by_token[sent.i]
    return (
        by_token[sender.i].kind == ActorKind.STATE and forces.label == "NOUN" and forces.kind in STATE_FORCES
    )


def _is_person(thing: Token, lexicon: Lexicon) -> bool:
    return thing.ent_type_ == "PERSON" or thing.lemma_.lower() in lexicon.person_nouns


def _names_actor_or_none(token: Token | None, by_token: Mapping[int, Mention]) -> bool:
    return token is None or _names_actor(token, by_token)


def _failed(token: Token) -> bool:
    """'failed to reach agreement': the trigger sits under "fail" within a few steps up the parse."""
    node = token
    for _ in range(3):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() == "fail":
            return True
    return False


def _negated(verb: Token, lexicon: Lexicon) -> bool:
    return any(
        c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in lexicon.negations) for c in verb.children
    )


def _kind_at(token: Token | None, by_token: Mapping[int, Mention]) -> str | None:
    """The kind of the actor an argument names, as `_actor_at` finds it."""
    actor = _actor_at(token, by_token)
    return next((m.kind for m in by_token.values() if m.actor_id == actor), None) if actor else None


def _actor_at(token: Token | None, by_token: Mapping[int, Mention]) -> str | None:
    """The actor an argument names: the mention on its head word, else the first in its phrase. A
    town named by its country's adjective ("the Haitian town of Pont-Sonde") is a place, not the
    state: no actor."""
    if token is None:
        return None
    if token.i in by_token:
        return by_token[token.i].actor_id
    if token.lemma_.lower() in _SETTLEMENTS:
        return None
    # The phrase lies inside the word's subtree: where no mention does, there is nothing to walk.
    if all(i not in by_token for i in range(token.left_edge.i, token.right_edge.i + 1)):
        return None
    for child in _phrase(token):
        if child.i in by_token:
            return by_token[child.i].actor_id
    return None


def _target_at(token: Token | None, by_token: Mapping[int, Mention]) -> str | None:
    """The actor a target names, as `_actor_at` finds it, but none for a capital that only says where
    the target stands: "a Kabul hotel", "a Kyiv apartment block" (as a doer, "a Moscow court", the
    capital is its state's)."""
    actor = _actor_at(token, by_token)
    if actor is None or token is None or token.i in by_token:
        return actor
    capital = any(
        c.dep_ in {"compound", "amod"}
        and c.i in by_token
        and by_token[c.i].actor_id == actor
        and by_token[c.i].label == "GPE"
        and by_token[c.i].kind == ActorKind.GOVERNMENT
        for c in token.children
    )
    return None if capital else actor


#: Nouns of inhabited places, which an attack may be "on" without any actor being its target.
_SETTLEMENTS = frozenset({"town", "village", "city", "district", "neighbourhood", "neighborhood", "suburb"})


def _phrase(token: Token) -> Iterable[Token]:
    """The words of a noun phrase that can name its owner: possessives and modifiers first."""
    ordered = sorted(token.children, key=lambda c: (c.dep_ not in {"poss", "compound", "amod", "nmod"}, c.i))
    for child in ordered:
        if child.dep_ == "appos" and child.i > 0 and child.doc[child.i - 1].text == "(":
            yield child  # "the Asia-Pacific Economic Cooperation (APEC) forum": the acronym is the owner
            continue
        if child.dep_ in {"relcl", "acl", "advcl", "punct", "cc", "conj", "appos"}:
            continue
        if child.i > 0 and child.doc[child.i - 1].text == "-" and child.tag_ == "VBN":
            continue  # "the Iran-backed group": the backer is not the group
        if child.dep_ == "prep" and child.lower_ not in {"of", "from"}:
            continue
        yield child
        yield from _phrase(child)


def stance_prefix(token: Token) -> str | None:
    """'anti' or 'pro' for the name in "anti-Hamas", "pro-government" (tokenised anti, -, Hamas)."""
    doc = token.doc
    i = token.left_edge.i if token.dep_ == "compound" else token.i
    i = min(i, token.i)
    if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in {"anti", "pro"}:
        return doc[i - 2].lower_
    return None


def _resolve_argument(token: Token | None) -> Token | None:
    """Look through placeholders: 'one of the soldiers' -> 'soldiers', 'troops who were fired upon'
    -> 'troops'."""
    if token is None:
        return None
    if token.tag_ in {"WDT", "WP"} and token.head.dep_ == "relcl":
        return token.head.head
    if (
        token.lower_
        in {"one", "some", "many", "most", "all", "dozens", "hundreds", "scores", "part", "parts"}
        or token.like_num
    ):
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        return grandchild
    if token.lemma_.lower() in _SHELTERS:
        # "shelled the camp for displaced people": done to the people it shelters
        sheltered = _prep_object(token, frozenset({"for"}))
        if sheltered is not None:
            return sheltered
    return token


#: Places named by whom they shelter: "a camp for displaced people", "a shelter for refugees".
_SHELTERS = frozenset({"camp", "shelter", "settlement", "home"})


def _child(token: Token, deps: frozenset[str]) -> Token | None:
    for child in token.children:  # (a loop, not next() over a generator: asked some 60 times an article)
        if child.dep_ in deps:
            return child
    return None


def _prep_object(token: Token, preps: frozenset[str]) -> Token | None:
    for child in token.children:
        if child.dep_ in {"prep", "dative"} and child.lower_ in preps:  # "sent drones to Russia": dative
            obj = _child(child, _POBJ)
            if obj is not None and obj.ent_type_ not in {"DATE", "TIME"}:  # not "on Monday"
                return obj
        if child.dep_ in {"acl", "advcl"} and child.lower_ in preps:  # "an attack targeting X"
            obj = _child(child, _OBJECTS)
            if obj is not None:
                return obj
    return None


def _verb_arguments(
    token: Token, by_token: Mapping[int, Mention], lexicon: Lexicon
) -> tuple[Token | None, Token | None]:
    head = token.head
    tag, dep = token.tag_, token.dep_
    # The verb's children and their links, read once: the tests below ask for one link after another.
    children = list(token.children)
    links = [c.dep_ for c in children]

    def child(deps: frozenset[str]) -> Token | None:
        return next((c for c, link in zip(children, links, strict=True) if link in deps), None)

    if (
        tag == "VBN"
        and dep in {"xcomp", "oprd"}
        and _child(head, _PASSIVE_SUBJECTS) is not None
        and child(_OBJECTS) is None
    ):
        # "460 patients were reported killed": the reporting verb's subject is who was killed
        return None, _resolve_argument(_child(head, _PASSIVE_SUBJECTS))
    named_aux = acronym_read_as_is(token)
    if named_aux is not None and named_aux.i in by_token and child(_PASSIVE_SUBJECTS) is None:
        # "IS attacked military vehicles": the parser read the group's acronym as "is"
        return named_aux, _resolve_argument(child(_OBJECTS))
    shared = _shared_passive(token)
    if shared is not None:
        # "were killed, wounded or captured": the participles share the first one's passive subject
        source, target = _verb_arguments(shared, by_token, lexicon)
        own_agent = child(_AGENT)
        if own_agent is not None:
            source = _resolve_argument(_child(own_agent, _POBJ))
        return source, target
    agent = child(_AGENT)
    passive_subject = child(_PASSIVE_SUBJECTS)
    passive = passive_subject is not None or "auxpass" in links or (tag == "VBN" and agent is not None)
    if passive and agent is None and token.lemma_.lower() in _STATIVE_PASSIVES:
        # "Israel is opposed to French mediation": a state, not a passive; Israel opposes it
        return _resolve_argument(passive_subject), _resolve_argument(_prep_object(token, frozenset({"to"})))
    if agent is None and misread_active(token):
        # "falling fragments killed and wounded people": a verb with an object, hung on its subject
        return _resolve_argument(_maker(head, token, by_token)), _resolve_argument(
            child(_OBJECTS) or _shared_object(token)
        )
    if passive or (tag == "VBN" and dep in {"acl", "amod"}):
        source = _child(agent, _POBJ) if agent is not None else None
        if source is None:
            source = _operation_by(token, by_token)
        target = passive_subject
        if target is None and agent is not None and dep not in {"acl", "amod"}:
            # "had his house attacked by gunmen": a participle with a "by" agent is passive, and
            # the parser's subject is what was done to
            target = child(frozenset({"nsubj"}))
        if target is None and dep in {"acl", "amod"}:
            target = head  # "seven soldiers killed in the raid"
            if source is None and not _names_actor(target, by_token):
                maker = _maker(target, token, by_token)  # "a mine laid by X exploded": X did it
                source = maker if maker is not target else None
        return _resolve_argument(_maker(source, token, by_token)), _resolve_argument(target)
    source = _deed_told_of(token, by_token, lexicon) or _maker(subject_of(token), token, by_token)
    obj = _resolve_argument(child(_OBJECTS))
    preps = _TARGET_PREPS | {"with"} if token.lemma_.lower() in _OPPONENT_VERBS else _TARGET_PREPS
    prep_obj = _resolve_argument(_prep_object(token, preps))
    cause = _blamed_on(token) if token.lemma_.lower() == "blame" else None
    if cause is not None:
        # "blamed the attack on the rebels" (the parser often hangs "on" on the attack), "blamed it on
        # fighting between US forces and militias": whom it is blamed on, or the sides of the cause
        named = cause if _names_actor(cause, by_token) else _prep_object(cause, _CAUSE_SIDE_PREPS)
        prep_obj = _resolve_argument(named) or prep_obj
    # "blamed the attack on X", "fired rockets at X": the target is the actor, not the thing.
    if (
        obj is not None
        and prep_obj is not None
        and not _names_actor(obj, by_token)
        and _names_actor(prep_obj, by_token)
    ):
        return _resolve_argument(source), prep_obj
    if obj is None and prep_obj is None:
        obj = _shared_object(token)
    if (
        obj is not None
        and prep_obj is None
        and "proposal" in lexicon.object_classes.get(obj.lemma_.lower(), ())
    ):
        # "turned down an offer from the king": who made the proposal is whom the answer is to
        offerer = _prep_object(obj, frozenset({"from", "by"}))
        if offerer is not None and _names_actor(offerer, by_token):
            return _resolve_argument(source), offerer
    if obj is not None and prep_obj is None and _held_with_another(obj, lexicon):
        # "lodged a protest with Albania", "halted talks with the rebels", "cut aid to Niger": the
        # other side is named on the object
        other = _prep_object(obj, _OTHER_SIDE_PREPS) or _prep_object(token, _OTHER_SIDE_PREPS)
        if other is not None and _names_actor(other, by_token):
            return _resolve_argument(source), other
    return _resolve_argument(source), obj or prep_obj


_OTHER_SIDE_PREPS = frozenset({"with", "against", "to"})


def _held_with_another(noun: Token, lexicon: Lexicon) -> bool:
    """A complaint or a relation (talks, aid, ties) is held with, or lodged against, another side."""
    return bool({"complaint", "relation"} & set(lexicon.object_classes.get(noun.lemma_.lower(), ())))


_STATIVE_PASSIVES = frozenset({"oppose"})


def _shared_passive(verb: Token) -> Token | None:
    """The passive verb whose subject a bare participle joined to it shares ("were killed, injured or
    captured"), else None."""
    if verb.dep_ != "conj" or verb.tag_ != "VBN" or _child(verb, _SUBJECTS | _OBJECTS | _PASSIVE_SUBJECTS):
        return None
    head = verb.head
    for _ in range(3):
        if _child(head, _PASSIVE_SUBJECTS) is not None:
            return head
        if head.dep_ not in {"conj", "advcl"} or head.tag_ != "VBN":
            return None
        head = head.head
    return None


def _deed_told_of(verb: Token, by_token: Mapping[int, Mention], lexicon: Lexicon) -> Token | None:
    """The event noun a relative harm tells the toll of, when the parser hung the clause on a thing in
    the noun's phrase: in "an attack on a base in Iraq that killed two soldiers" the base did not
    kill; the attack did. None for any other verb, or where the clause's noun may itself have done it."""
    if verb.dep_ != "relcl" or verb.lemma_.lower() not in _HARM_VERBS:
        return None
    if not any(c.dep_ == "nsubj" and c.tag_ in {"WDT", "WP"} for c in verb.children):
        return None
    thing = verb.head
    if thing.i in by_token or _is_person(thing, lexicon) or _trigger_of(thing, lexicon) is not None:
        return None  # "militants who killed", "the attack that killed": the clause's own noun
    node = thing
    for _ in range(3):  # "an attack on a base in northern Iraq that killed": up to two phrases deep
        if node.dep_ != "pobj" or node.head.dep_ != "prep":
            return None
        node = node.head.head
        if node.pos_ == "NOUN" and _trigger_of(node, lexicon) is not None:
            return node
    return None


def _toll_told_of(
    harm: Token, deed: Candidate, toll: Candidate, by_token: Mapping[int, Mention], lexicon: Lexicon
) -> bool:
    """Whether candidate `toll`, told by `harm`, is the toll of candidate `deed` (`_deed_told_of`)."""
    if toll.source is not None and deed.source is not None and toll.source != deed.source:
        return False
    told_of = _deed_told_of(harm, by_token, lexicon)
    return told_of is not None and told_of.i == deed.trigger


def _maker(thing: Token | None, trigger: Token, by_token: Mapping[int, Mention]) -> Token | None:
    """'A roadside bomb planted by rebels exploded', 'wounded by a shell fired by the army': who
    planted, fired or drove the thing that did the harm did the deed."""
    if thing is None or _names_actor(thing, by_token):
        return thing
    for child in thing.children:
        if child.dep_ == "acl" and child.tag_ == "VBN" and child.i != trigger.i:
            agent = _child(child, frozenset({"agent"}))
            doer = _child(agent, _POBJ) if agent is not None else None
            if doer is not None and _names_actor(doer, by_token):
                return doer
    return thing


def _operation_by(verb: Token, by_token: Mapping[int, Mention]) -> Token | None:
    """'Five men were killed during an operation carried out by the gendarmerie', 'killed in a raid
    by the army': a passive deed with no agent of its own was done by whoever ran the operation it
    happened in. The operation may hang on a verb coordinated with this one ("were killed, wounded
    or captured during ...")."""
    verbs = [verb, *(c for c in verb.children if c.dep_ in {"conj", "advcl"} and c.tag_ == "VBN")]
    verbs += [c for v in verbs[1:] for c in v.children if c.dep_ == "conj" and c.tag_ == "VBN"]
    for prep in (c for v in verbs for c in v.children):
        if prep.dep_ != "prep" or prep.lower_ not in {"during", "in", "amid"}:
            continue
        operation = _child(prep, _POBJ)
        if operation is None or operation.pos_ != "NOUN":
            continue
        doer = _maker(operation, verb, by_token)
        if doer is operation:
            doer = _prep_object(operation, frozenset({"by"}))
        if doer is not None and doer is not operation and _names_actor(doer, by_token):
            return doer
    return None


def _shared_object(verb: Token) -> Token | None:
    """The object of the next verb in "shot and wounded a sheikh": coordinated verbs with one object
    at the end all act on it."""
    for conj in verb.children:
        if conj.dep_ == "conj" and conj.pos_ == "VERB" and _child(conj, _PASSIVE_SUBJECTS) is None:
            return _resolve_argument(_child(conj, _OBJECTS))
    return None


#: Prepositions that name the sides of a happening blamed as a cause: "fighting between X and Y",
#: "shelling by X".
_CAUSE_SIDE_PREPS = frozenset({"between", "by"})


#: First words of what police fire to disperse a crowd: tear gas, water cannon, rubber bullets.
_DISPERSING = frozenset({"tear", "teargas", "water", "rubber", "warning"})


def _is_blamed_cause(noun: Token) -> bool:
    """Whether `noun` is what something is blamed on ("blamed the attack on fighting between ..."):
    the accuser's explanation, told by the accusation, not a happening the text reports."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "on":
        return False
    verb = noun.head.head
    if verb.dep_ in _OBJECTS:
        verb = verb.head  # the parser often hangs "on" on the object: "blamed [the attack on ...]"
    return verb.pos_ == "VERB" and verb.lemma_.lower() == "blame"


def _blamed_on(verb: Token) -> Token | None:
    """What `verb` ("blame") blames a thing on: "on" after the verb or after its object."""
    thing = _child(verb, _OBJECTS)
    return _prep_object(verb, frozenset({"on"})) or (
        _prep_object(thing, frozenset({"on"})) if thing is not None else None
    )


def _to_blame(token: Token, lexicon: Lexicon) -> tuple[Token | None, Token | None] | None:
    """'X were to blame for the attack': X is accused, by whoever says so ('..., the army said')."""
    head = token.head
    if token.lemma_.lower() != "blame" or head.lemma_.lower() != "be" or token.dep_ not in {"xcomp", "acomp"}:
        return None
    accused = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    speaker = head.head if head.dep_ in {"ccomp", "parataxis"} else None
    if speaker is not None and speaker.lemma_.lower() in lexicon.reporting_verbs:
        return subject_of(speaker), accused
    return None, accused


def _names_actor(token: Token, by_token: Mapping[int, Mention]) -> bool:
    return _actor_at(token, by_token) is not None


def _noun_arguments(
    token: Token, by_token: Mapping[int, Mention], lexicon: Lexicon, plover: PloverType
) -> tuple[Token | None, Token | None]:
    source: Token | None = None
    opposed: Token | None = None
    denier = denied_part(token)
    if denier is not None:
        # "Tehran rejects any role in the Jordan drone strike": whose part is denied is the side named;
        # "Jordan" there is where it happened
        return _resolve_argument(denier), _resolve_argument(
            _prep_object(token, _TARGET_PREPS) or _told_in_relative_clause(token)
        )
    for child in token.children:
        if child.dep_ in {"poss", "compound", "amod", "nmod"} and child.i in by_token:
            if (
                child.dep_ == "compound"
                and by_token[child.i].kind == ActorKind.STATE
                and (plover == PloverType.PROTEST or _happened_in(token))
            ):
                # "a Nepal protest march": where the crowd marched, not who marched; "killed in a Mali
                # ambush": where the ambush was
                continue
            stance = stance_prefix(child)
            if stance == "anti":
                opposed = child  # "an anti-Hamas protest": Hamas is what it is against
                continue
            source = child  # "pro-Houthi reinforcements" are counted on the Houthis' side, as ACLED does
            break
        if child.dep_ == "prep" and child.lower_ == "by" and source is None:
            source = _child(child, _POBJ)  # (the first of "by X and by Y")
        if source is None and child.dep_ == "acl" and child.tag_ == "VBN":
            agent = _child(child, frozenset({"agent"}))  # "a bomb planted by PKK militants"
            source = _child(agent, _POBJ) if agent is not None else None
    if plover in _GIVING_TYPES:
        preps = _RECIPIENT_PREPS
    elif token.lower_ in _COMBAT_WORDS or token.lemma_.lower() in _COMBAT_WORDS or plover in _PARTNERED_TYPES:
        preps = _TARGET_PREPS | {"with"}  # "a firefight with gunmen", "talks with Iran": the other side
    else:
        preps = _TARGET_PREPS
    if token.dep_ in _OBJECTS and token.head.lemma_.lower() == "blame":
        preps = preps - {"on"}  # "blamed the attack on the rebels": whom it is blamed on, not its target
    target = _prep_object(token, preps) or opposed
    if target is None and token.dep_ in {"dobj", "obj"} and token.head.lemma_.lower() in lexicon.light_verbs:
        target = _prep_object(
            token.head, _TARGET_PREPS
        )  # "opened fire on protesters": "on" hangs on the verb
    if target is None and token.dep_ in {"dobj", "obj"} and token.head.lemma_.lower() in _DEFENCE_VERBS:
        target = subject_of(token.head)  # "the SDF repelled an assault by ...": the SDF was attacked
    if target is None:
        target = _met_by(token)
    if target is None and token.lemma_.lower() in _RETRIBUTION_NOUNS:
        # "vowed punishment for Israel": the parser hangs "for" on the noun or on the vow
        aimed = _prep_object(token, frozenset({"for"})) or _prep_object(token.head, frozenset({"for"}))
        if aimed is not None and _names_actor(aimed, by_token):
            target = aimed  # "punishment for Israel" (but "revenge for the killing" names a cause)
    if plover == PloverType.ACCUSE and target is not None and not _names_actor(target, by_token):
        # "an investigation into kidnappings the cartel is said to have carried out": whoever did
        # the deeds looked into is the one accused
        deeds = _prep_object(target, frozenset({"of"})) if target.lemma_.lower() in _RUNS else None
        target = _carried_out_by(deeds or target, lexicon) or target
    if source is None:
        source = _held_responsible(token, lexicon)
    if source is None and plover != PloverType.PROTEST:  # ACLED names a crowd, not its organisers
        source = _carried_out_by(token, lexicon)
    if source is None and target is None:
        source, target = _between(token)  # "clashes between the army and M23"
    if (
        target is None
        and token.dep_ in _SUBJECTS
        and token.head.pos_ == "VERB"
        and token.head.lemma_.lower() not in _LINKING_VERBS
    ):
        # "a strike killed the commander" (not "the strikes were the start of ...", "the raids form
        # part of an investigation": a copula's complement describes the event, it is not its target)
        target = _child(token.head, frozenset({"dobj", "obj"}))
    if target is None or not _names_actor(target, by_token):
        target = _told_in_relative_clause(token) or _harmed_in(token) or target
    if source is None:
        verb = _governing_verb(token, lexicon)
        if verb is not None and not (plover == PloverType.ACCUSE and verb.lemma_.lower() in REBUTTAL_VERBS):
            # "the group launched an attack", "X is awaiting a response" (but who rejects an
            # accusation is its target, not its author)
            source = subject_of(verb)
    return _resolve_argument(source), _resolve_argument(target)


#: Verbs that, like "be", say what their subject is rather than what it did to their object.
_LINKING_VERBS = frozenset({"form", "become", "remain", "constitute", "represent", "mark", "comprise"})


#: Nouns that count the victims of many deeds: "the number of people killed", "the toll of dead".
_COUNT_NOUNS = frozenset({"number", "total", "tally", "toll", "count"})


def _counting(noun: Token) -> bool:
    """Whether `noun` is a count or what a count is of ("the number of civilians ... killed")."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        noun = noun.head.head
    return noun.lemma_.lower() in _COUNT_NOUNS


def _happened_in(noun: Token) -> bool:
    """Whether the event noun says where or during what another deed happened: "killed in a Mali
    ambush", "wounded during a Gaza raid"."""
    return noun.dep_ == "pobj" and noun.head.lower_ in {"in", "during"}


def _told_in_relative_clause(noun: Token) -> Token | None:
    """'a drone strike that left three US troops dead', 'the raid that hit the convoy', 'a strike in
    which three soldiers died': what the event did, told in a clause on its noun, is done to that
    clause's object, or to who died or was hurt in it."""
    for clause in noun.children:
        if clause.dep_ != "relcl":
            continue
        if any(c.dep_ == "nsubj" and c.tag_ in {"WDT", "WP"} for c in clause.children):
            return _child(clause, _OBJECTS)
        within = _prep_object(clause, frozenset({"in"}))
        if within is not None and within.tag_ in {"WDT", "WP"}:
            return _harmed_subject(clause)
    return None


def _harmed_in(noun: Token) -> Token | None:
    """'Three soldiers died in a drone strike', 'two guards were wounded in the attack': who died or
    was hurt in the event is whom it was done to."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "in":
        return None
    return _harmed_subject(prep.head)


def _harmed_subject(verb: Token) -> Token | None:
    """Who died ("three soldiers died") or was hurt ("two guards were wounded") by `verb`; None for
    no one in particular ("whether any villagers were killed", "no civilians died")."""
    lemma = verb.lemma_.lower()
    if lemma in {"die", "perish"}:
        harmed = _child(verb, frozenset({"nsubj"}))
    elif lemma in _HARM_VERBS:
        harmed = _child(verb, _PASSIVE_SUBJECTS)
    else:
        return None
    if harmed is None or any(c.dep_ == "det" and c.lower_ in {"any", "no"} for c in harmed.children):
        return None
    return harmed


def _is_mine(noun: Token) -> bool:
    return noun.lemma_.lower() in _MINE_NOUNS or noun.lower_ in _MINE_NOUNS


def _met_by(noun: Token) -> Token | None:
    """Who ran into a mine is its target: the subject of "ran over", "stepped on", "struck" when
    a mine or other planted device is what was run over, stepped on or struck ("an army truck ran
    over a landmine"). Who planted it is read elsewhere ("an IED planted by rebels")."""
    if not _is_mine(noun):
        return None
    verb, dep = noun.head, noun.dep_
    if dep == "pobj" and verb.dep_ == "prep":
        preposition, verb = verb.lower_, verb.head
    elif dep in {"dobj", "obj"}:
        preposition = ""
    else:
        return None
    prepositions = _MET_BY_VERBS.get(verb.lemma_.lower())
    if verb.pos_ != "VERB" or prepositions is None or (preposition and preposition not in prepositions):
        return None
    if not preposition and prepositions:
        return None  # "they ran a mine-clearing course": the verb needs its preposition
    return subject_of(verb)


def _carried_out_by(noun: Token, lexicon: Lexicon) -> Token | None:
    """'kidnappings in the region carried out by cartel gunmen': the parser hangs the participle of a
    light verb on the noun just before it; its agent is the doer of the event noun the place follows."""
    for prep in noun.children:
        obj = _child(prep, _POBJ) if prep.dep_ == "prep" else None
        for clause in obj.children if obj is not None else ():
            if clause.dep_ == "acl" and clause.tag_ == "VBN" and clause.lemma_.lower() in lexicon.light_verbs:
                agent = _child(clause, _AGENT)
                return _child(agent, _POBJ) if agent is not None else None
    # "kidnappings that the cartel's faction is reported to have carried out": the doer is the
    # subject of the light verb whose object is the relative pronoun right after the noun (the parser
    # may hang the clause on the noun before: "a string of bombings that al-Shabaab carried out")
    owners = [noun, noun.head.head] if noun.dep_ == "pobj" else [noun]
    for clause in (c for owner in owners for c in owner.children if c.dep_ == "relcl"):
        verb: Token | None = clause
        while verb is not None and verb.lemma_.lower() not in lexicon.light_verbs:
            verb = _child(verb, frozenset({"xcomp"}))
        if verb is not None and any(
            c.dep_ in _OBJECTS and c.tag_ in {"WDT", "WP"} and c.i == noun.i + 1 for c in verb.children
        ):
            # (up to the clause's own verb: "is reported to have carried out" has a passive subject)
            while verb.i != clause.i and _child(verb, _SUBJECTS) is None and verb.dep_ == "xcomp":
                verb = verb.head
            return _child(verb, _SUBJECTS | _PASSIVE_SUBJECTS)
    return None


#: Nouns that count a run of events: "a series of attacks", "a wave of bombings".
_RUNS = frozenset({"series", "string", "wave", "spate"})


_PARTS = frozenset({"role", "part", "involvement", "hand", "connection", "link"})


#: Verbs that hold a part in a deed: "playing a part in", "having a role in".
_PART_VERBS = frozenset({"play", "have"})


def denied_part(noun: Token) -> Token | None:
    """Who denies a part in the event: the subject of "rejects any role in", "denied any involvement
    in", "denied playing any part in" the noun; None where the noun is not such a part's object."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in {"in", "with", "to"}:
        return None
    part = prep.head
    if part.pos_ == "VERB" and any(c.dep_ in _OBJECTS and c.lemma_.lower() in _PARTS for c in part.children):
        verb = part  # "denied any role in", "playing any part in": the parser hangs "in" on the verb
    elif part.lemma_.lower() in _PARTS and part.dep_ in {"dobj", "obj", "pobj"}:
        verb = part.head if part.dep_ != "pobj" else part.head.head
    else:
        return None
    if verb.lemma_.lower() in _PART_VERBS and verb.dep_ in {"xcomp", "ccomp"}:
        verb = verb.head  # "denied playing any part in", "denies having any role in"
    if verb.lemma_.lower() not in REBUTTAL_VERBS | {"deny", "reject", "insist"}:
        return None
    return subject_of(verb)


def _held_responsible(noun: Token, lexicon: Lexicon) -> Token | None:
    """Who is 'responsible for' the event: 'groups responsible for over 150 attacks', 'the militia
    was responsible for the bombing'."""
    counted = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    if counted is not None and (counted.lower_ in lexicon.vague_numbers or counted.lemma_.lower() in _RUNS):
        noun = counted  # "responsible for dozens of attacks", "for a series of bombings"
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.head.lemma_.lower() != "responsible":
        return None
    responsible = prep.head
    if responsible.dep_ == "amod":
        holder = responsible.head
        if holder.dep_ == "pobj" and holder.head.lower_ == "of" and holder.head.head.pos_ == "NOUN":
            holder = holder.head.head  # "a coalition of groups responsible for ...": the coalition
        if holder.dep_ == "attr":
            return subject_of(holder.head)  # "It is a militia responsible for ...": its subject
        return holder.head if holder.dep_ == "appos" else holder  # "X, a group responsible for ..."
    if responsible.dep_ == "acomp":
        return next((c for c in responsible.head.children if c.dep_ in _SUBJECTS), None)
    return None


def _between(token: Token) -> tuple[Token | None, Token | None]:
    """The two sides of 'fighting between A and B' (or 'clashes erupted between A and B')."""
    holders = [token, token.head] if token.dep_ in _SUBJECTS else [token]
    holders += [c for c in token.children if c.dep_ == "acl"]  # "a fight ensued between A and B"
    for child in (c for holder in holders for c in holder.children):
        if child.dep_ == "prep" and child.lower_ == "between":
            first = _child(child, _POBJ)
            if first is not None:
                second = next((c for c in first.children if c.dep_ == "conj"), None)
                if second is None:
                    # "between the army and M23 rebels", "between the Haddad and Nasser families": the
                    # parser joins the two names before the shared noun ("(army and M23) rebels")
                    named = next((m for m in first.lefts if any(c.dep_ == "conj" for c in m.children)), None)
                    if named is not None:
                        return named, next(c for c in named.children if c.dep_ == "conj")
                return first, second
    return None, None


def _governing_verb(token: Token, lexicon: Lexicon) -> Token | None:
    """The verb that makes its subject the agent of an event noun below it: a light verb ("launched
    an attack", "carried out dozens of attacks") or a verb of planning, threatening or denying ("is
    awaiting a response", "denied playing any part in the strike"). Verbs of speech and blame are
    not: "Biden denounced the attack" does not make Biden the attacker."""
    node = token
    for _ in range(5):
        if (
            node.dep_ not in {"dobj", "pobj", "prep", "pcomp", "acl", "xcomp", "nsubjpass", "attr"}
            or node.head.i == node.i
        ):
            return None
        if node.dep_ == "pobj" and node.head.lower_ in _AIMED_AT_PREPS:
            return None  # "opened fire on a march", "a crackdown on protests": the event is the target
        if node.dep_ == "pobj" and (
            node.head.lower_ in EARLIER_WORDS | {"before"}
            or (node.head.lower_ in {"for", "to"} and node.head.head.lemma_.lower() in ANSWER_NOUNS)
        ):
            return (
                None  # "vowed revenge after the killing", "revenge for the killing", "in response to the
                # attacks": the cause, not the deed
            )
        within = node.dep_ == "pobj" and node.head.lower_ == "in"
        node = node.head
        if within and node.head.lemma_.lower() == "be" and node.head.pos_ in {"AUX", "VERB"}:
            return node.head  # "the ELN has been in talks with the government": its subject is in them
        if node.pos_ == "VERB":
            lemma = node.lemma_.lower()
            if lemma in lexicon.light_verbs or lemma in lexicon.agent_verbs:
                return node
            if lemma in lexicon.reporting_verbs or lexicon.verbs.get(lemma) is not None:
                return None
    return None


_INCENDIARY = frozenset({"petrol", "gasoline", "fire", "molotov", "incendiary"})


def _set_alight(weapon: Token) -> bool:
    """'a petrol bomb', 'fire bombs', 'Molotov cocktails': a weapon thrown by hand to set fire, not an
    explosive, whatever its noun says."""
    return any(c.dep_ in {"compound", "amod"} and c.lower_ in _INCENDIARY for c in weapon.lefts)


def _weapon_words(doc: Doc, lexicon: Lexicon) -> list[Weapon]:
    """Every weapon word as (index, mode, owner): the owner is the event noun it modifies, -1 for
    none. The "drone" of "the drone attack" describes that attack, not the strike the sentence is
    about."""
    found = []
    for token in tokens_spelled(doc, frozenset(lexicon.mode_words)):
        if _set_alight(token):
            continue  # a fire weapon: it names no explosive
        head = token.head
        if token.dep_ in {"compound", "amod"}:
            for _ in range(2):  # "a chemical weapons attack": through the noun the word qualifies
                if head.lemma_.lower() in lexicon.nouns or head.dep_ != "compound":
                    break
                head = head.head
        bound = (
            token.dep_ in {"compound", "amod"}
            and head.pos_ == "NOUN"
            and head.lemma_.lower() in lexicon.nouns
        )
        found.append((token.i, lexicon.mode_words[token.lower_], head.i if bound else -1))
    return found


def _assault_mode(token: Token, mode: str | None, all_weapons: Sequence[Weapon]) -> str | None:
    """The weapon: from the trigger's own modifiers first, then its phrase, then its clause.

    Only weapon words free or bound to this trigger count. A subtree is a contiguous stretch of
    tokens, so "in the phrase" is a range test rather than a walk of the tree.
    """
    weapons = [(i, weapon) for i, weapon, owner in all_weapons if owner in (-1, token.i)]
    if not weapons:
        return mode  # (no weapon word for it: nothing below can find one)
    lefts = (token.left_edge.i, token.i - 1)
    clause = token.head if token.dep_ != "ROOT" else token
    in_clause = {w for i, w in weapons if clause.left_edge.i <= i <= clause.right_edge.i}
    # Chlorine in the shells, a suicide bomber setting off the blast: ACLED's own types, whatever else
    if "cbrn" in in_clause:
        return "cbrn"
    if "suicide-bomb" in in_clause and mode in {None, "explosives"}:
        return "suicide-bomb"
    whole = _mode_in(weapons, clause.left_edge.i, clause.right_edge.i)
    if mode in {
        "aerial",
        "drone",
        "missile",
        "artillery",
        "explosives",
        "suicide-bomb",
        "grenade",  # "gunmen hurled two grenades": the thrown weapon, not the doer's name
        "incendiary",
        "abduct",
        "sexual",
    }:
        own = _mode_in(weapons, *lefts)
        if own == "aerial" and mode == "explosives" and token.lemma_.lower() in {"bomb", "bombard"}:
            return own  # "warplanes bombed the town": bombs from the air are an airstrike
        return own if own in {"drone", "suicide-bomb"} and mode in {"aerial", "explosives"} else mode
    near = _mode_in(weapons, *lefts) or _mode_in(weapons, token.left_edge.i, token.right_edge.i)
    return near or whole or mode


# The most specific weapon wins: a "drone" beats "air", a "suicide" bomb beats a bomb.
_MODE_RANK = (
    "suicide-bomb",
    "drone",
    "aerial",
    "missile",
    "artillery",
    "cbrn",
    "grenade",
    "explosives",
    "firearms",
    "primitive",
)


def _mode_in(weapons: Sequence[tuple[int, str]], first: int, last: int) -> str | None:
    found = {mode for i, mode in weapons if first <= i <= last}
    return next((mode for mode in _MODE_RANK if mode in found), None)


#: Types whose triggers in one clause tell one happening.
_JOINED_TYPES = _PARTNERED_TYPES | {PloverType.ASSAULT}


def _merge_same_happening(
    doc: Doc,
    candidates: list[Candidate],
    by_token: Mapping[int, Mention],
    lexicon: Lexicon,
    sentence_starts: Sequence[int],
) -> list[Candidate]:
    """Join candidates of one type and sentence whose triggers are linked through one clause: attacks
    ("stormed the post and killed two officers"), and talks or deals ("signed an agreement with").
    A relative harm hung on a thing in an event noun's phrase is that event's toll, and whom it harmed
    the event's target ("an attack on a base that killed two soldiers": `_deed_told_of`).
    `sentence_starts`: the first token of each of the Doc's sentences."""
    merged: list[Candidate] = []
    absorbed: set[int] = set()
    # Each pair is compared, so each one's deed is read once, not once per pair. Heads never cross a
    # sentence boundary, so only the candidates of one type and sentence are compared.
    deeds = {c.trigger: _deed(doc[c.trigger], lexicon) for c in candidates if c.type in _JOINED_TYPES}
    alike_in: dict[tuple[int, str], list[Candidate]] = {}
    for candidate in candidates:
        if candidate.type in _JOINED_TYPES:
            key = (bisect_right(sentence_starts, candidate.trigger), candidate.type)
            alike_in.setdefault(key, []).append(candidate)
    for candidate in candidates:
        if candidate.trigger in absorbed:
            continue
        if candidate.type not in _JOINED_TYPES:
            merged.append(candidate)
            continue
        group = [candidate]
        for other in alike_in[(bisect_right(sentence_starts, candidate.trigger), candidate.type)]:
            if other is candidate or other.trigger in absorbed:
                continue
            # (the cheap test on the candidates first: the parse is walked only for a possible pair)
            if _compatible(candidate, other) and _linked(deeds[candidate.trigger], deeds[other.trigger]):
                group.append(other)
                absorbed.add(other.trigger)
            elif _toll_told_of(doc[other.trigger], candidate, other, by_token, lexicon):
                group[0] = replace(group[0], target=other.target or group[0].target)
                group.append(other)
                absorbed.add(other.trigger)
        merged.append(_combine(group))
    return merged


#: What a raid may be the means of: an arrest, or an armed group's taking of people (its "arrest").
_CAPTURES = frozenset({(PloverType.COERCE, "arrest"), (PloverType.ASSAULT, "abduct")})
#: Words that tell a raid hurt someone or fired on them: then it is an attack, whatever else it did.
_RAID_HARM = _HARM_VERBS | {"die", "dead", "shoot", "beat", "fire"}
#: "arrested three men in a raid", "detained during a raid": the raid is the arrest's circumstance.
_MEANS_PREPS = frozenset({"in", "during"})


def _raids_as_means(doc: Doc, candidates: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """'Police raided a house and arrested three men', 'were detained in a raid': a raid that hurt no
    one and ends in an arrest or an abduction in its own sentence is how the people were taken, one
    happening, which ACLED codes as the arrest (or the abduction). The arrest keeps its own reading and
    the raid's trigger joins its evidence; a raid in which anyone was killed or hurt stays an attack."""
    raids = [
        c
        for c in candidates
        if c.type == PloverType.ASSAULT
        and c.mode in {None, "firearms"}  # (a raid by "gunmen" takes its mode from their name)
        and not c.extra_triggers
        and doc[c.trigger].lemma_.lower() in lexicon.raid_words
    ]
    if not raids:
        return candidates
    means: dict[int, Candidate] = {}  # arrest trigger -> the raid it absorbs
    for raid in raids:
        token = doc[raid.trigger]
        if any(t.lemma_.lower() in _RAID_HARM or t.lower_ in _RAID_HARM for t in sentence_of(token)):
            continue
        for capture in candidates:
            if (
                (capture.type, capture.mode) in _CAPTURES
                and capture.trigger not in means
                and _compatible(raid, capture)
                and _raid_leads_to(token, doc[capture.trigger])
            ):
                means[capture.trigger] = raid
                break
    if not means:
        return candidates
    absorbed = {raid.trigger for raid in means.values()}
    result: list[Candidate] = []
    for candidate in candidates:
        if candidate.trigger in absorbed:
            continue
        means_of = means.get(candidate.trigger)
        result.append(
            candidate
            if means_of is None
            else replace(
                candidate,
                source=candidate.source or means_of.source,
                source_token=candidate.source_token if candidate.source else means_of.source_token,
                extra_triggers=(*candidate.extra_triggers, means_of.trigger),
            )
        )
    return result


def _raid_leads_to(raid: Token, capture: Token) -> bool:
    """The raid and the capture are one deed: joined by "and" ("raided a house and arrested three"),
    or the raid is the capture's circumstance ("arrested three men in a raid")."""
    if capture.dep_ == "conj" and capture.head.i == raid.i:
        return True
    if raid.dep_ == "conj" and raid.head.i == capture.i:
        return True
    return (
        raid.dep_ == "pobj"
        and raid.head.lower_ in _MEANS_PREPS
        and raid.head.dep_ == "prep"
        and raid.head.head.i == capture.i
    )


def _deed(trigger: Token, lexicon: Lexicon) -> Token:
    """Where a trigger's clause hangs: an event noun stands at its light verb ("opened fire on the
    crowd, injuring two": the injuring hangs on "opened", not on "fire")."""
    if trigger.dep_ in _OBJECTS and trigger.head.lemma_.lower() in lexicon.light_verbs:
        return trigger.head
    return trigger


def _linked(a: Token, b: Token) -> bool:
    # Heads never cross a sentence boundary, so a short head path also means one sentence.
    return (
        _reaches(a, b)
        or _reaches(b, a)
        or _one_object(a, b)
        or _one_object(b, a)
        or _joined_passive(a, b)  # "were shot and wounded": one subject, one happening
        or _joined_passive(b, a)
        or _deed_and_its_toll(a, b)
        or _deed_and_its_toll(b, a)
    )


def _deed_and_its_toll(first: Token, then: Token) -> bool:
    """'stormed a police post and killed two officers': a killing or wounding joined by "and" to the
    deed, with no subject of its own, is what the deed did."""
    return (
        then.dep_ == "conj"
        and then.head.i == first.i
        and first.pos_ == "VERB"
        and then.lemma_.lower() in _HARM_VERBS
        and _child(then, _SUBJECTS) is None
    )


def _joined_passive(first: Token, then: Token) -> bool:
    shared = _shared_passive(then)
    return shared is not None and shared.i == first.i


def _one_object(first: Token, then: Token) -> bool:
    """'shot and killed a sheikh': verbs joined by "and" that share one object tell one happening."""
    return (
        then.dep_ == "conj"
        and then.head.i == first.i
        and first.pos_ == "VERB"
        and _child(first, _OBJECTS) is None
        and _child(then, _OBJECTS) is not None
    )


def _reaches(child: Token, ancestor: Token) -> bool:
    current = child
    for _ in range(4):
        if current.head.i == current.i:
            return False
        if current.dep_ not in _SAME_HAPPENING_DEPS and not _toll_joined(current):
            return False
        if current.dep_ == "acl" and current.tag_ == "VBN" and current.head.dep_ in _OBJECTS:
            return False  # "retook the towns seized by the rebels": what was done to the object before
        if current.dep_ == "prep" and current.lower_ not in _SAME_HAPPENING_PREPS:
            return False
        current = current.head
        if current.i == ancestor.i:
            return True
    return False


def _toll_joined(harm: Token) -> bool:
    """'killing four passengers and wounding six others': a harm joined to another harm is one toll
    of one deed."""
    return (
        harm.dep_ == "conj" and harm.lemma_.lower() in _HARM_VERBS and harm.head.lemma_.lower() in _HARM_VERBS
    )


def _compatible(a: Candidate, b: Candidate) -> bool:
    source, target = a.source or b.source, a.target or b.target
    if source is not None and source == target:
        return False  # joined, they would have a side attack itself: two happenings, or a misparse
    return (a.source is None or b.source is None or a.source == b.source) and (
        a.target is None or b.target is None or a.target == b.target or a.victims or b.victims
    )


def _combine(group: list[Candidate]) -> Candidate:
    """One candidate from several triggers of one happening: the first trigger, each slot's first value."""
    if len(group) == 1:
        return group[0]
    group.sort(key=lambda c: c.trigger)
    return Candidate(
        trigger=group[0].trigger,
        type=group[0].type,
        mode=_first(c.mode for c in group),
        source=_first(c.source for c in group),
        target=_first(c.target for c in group),
        target_kind=_first(c.target_kind for c in group),
        victims=any(c.victims for c in group),
        source_token=_first(c.source_token for c in group),
        target_token=_first(c.target_token for c in group),
        extra_triggers=tuple(c.trigger for c in group[1:]),
        combat=any(c.combat for c in group),
    )


def _first(values: Iterable[T | None]) -> T | None:
    return next((v for v in values if v is not None), None)


def further_doers(trigger: Token, by_token: Mapping[int, Mention]) -> list[str]:
    """'phone calls with Putin by Trump and by the chancellor of Germany, Olaf Scholz': a plural event
    noun with a "by" for each doer tells one happening per doer. The actors of the doers after the
    first, each named by its appositive where it has one; [] for any other trigger."""
    if trigger.tag_ != "NNS":
        return []
    preps = [c for c in trigger.children if c.dep_ == "prep" and c.lower_ == "by"]
    # (the parser may hang the second "by" on the first: "by X and by Y")
    preps += [c for p in preps for c in p.children if c.dep_ == "conj" and c.lower_ == "by"]
    agents = [_child(p, _POBJ) for p in sorted(preps, key=lambda p: p.i)]
    doers: list[str] = []
    for agent in agents[1:]:
        if agent is None:
            continue
        named = next((c for c in agent.children if c.dep_ == "appos" and c.i in by_token), agent)
        actor = _actor_at(named, by_token)
        if actor is not None and actor != _actor_at(agents[0], by_token) and actor not in doers:
            doers.append(actor)
    return doers


def holds_demonstrators(trigger: Token, lexicon: Lexicon) -> bool:
    """Whether an arrest took people as they protested: "arrested dozens of protesters", "a number of
    demonstrators were detained", "detained five people who gathered to mark May Day". ACLED codes such
    an arrest as a protest the authorities broke up. People taken for a protest already over ("arrested
    youths who had taken part in a protest", "accused of protesting") were arrested, not dispersed."""
    held = [c for c in trigger.children if c.dep_ in _OBJECTS or c.dep_ in _PASSIVE_SUBJECTS]
    if trigger.pos_ == "NOUN":  # "the arrest of 20 marchers"
        held += [p for p in trigger.children if p.dep_ == "prep" and p.lower_ == "of"]
        held = [_child(h, _POBJ) or h for h in held]
    for noun in filter(None, map(_resolve_argument, held)):
        # (a quantity noun: "a number of demonstrators", "a group of marchers")
        named = [
            noun,
            *(o for p in noun.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"),
        ]
        if any(
            n.lower_ in lexicon.demonstrator_nouns or n.lemma_.lower() in lexicon.demonstrator_nouns
            for n in named
        ):
            return True
        if any(c.dep_ in {"relcl", "acl"} and _protesting(c, lexicon) for c in noun.children):
            return True
    return False


def _protesting(verb: Token, lexicon: Lexicon) -> bool:
    """'who gathered', 'protesting against the tax', 'who marched on the ministry': people doing it
    then, not people who had done it ("who had protested")."""
    lemma = verb.lemma_.lower()
    protest_verb = lexicon.verbs.get(lemma, (None, None))
    if lemma not in lexicon.gathering_verbs and protest_verb[0] != PloverType.PROTEST:
        return False
    if protest_verb[1] == "riot":
        return False  # rioters taken are a riot's end, which the riot's own event tells
    return not any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)


def clause_agent(token: Token, by_token: Mapping[int, Mention]) -> str | None:
    """The actor who is the subject of the clause a word belongs to ("the leader has led calls ..."
    -> the leader's actor): who makes a threat, or claims an attack. In the passive that is the
    agent: "the attack was claimed by the Pakistani Taliban"."""
    node = token
    for _ in range(4):
        if node.pos_ in {"VERB", "AUX"}:
            agent = _child(node, _AGENT) if _child(node, _PASSIVE_SUBJECTS) is not None else None
            doer = _child(agent, _POBJ) if agent is not None else subject_of(node)
            return _actor_at(_resolve_argument(doer), by_token)
        if node.head.i == node.i:
            return None
        node = node.head
    return None
