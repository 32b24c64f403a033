"""The word lists extraction reads: event triggers, status cues, reporting verbs, number words.

They live in `data/lexicon/*.yaml` so that a linguist can change them without touching code; this
module is their only reader and checks them against the taxonomy when it loads them.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from flashpoint.errors import DataFileError
from flashpoint.taxonomy import MODES, PloverType, Status

Trigger = tuple[PloverType, str | None]


@dataclass(frozen=True, slots=True, kw_only=True)
class Lexicon:
    """Every word list extraction needs, validated."""

    verbs: Mapping[str, Trigger]
    #: The words that open a verb entry of several words ("take" for "take to street", "call" for
    #: "call off"): only a verb spelled so needs its particles and objects read to find its entry.
    verb_phrase_openers: frozenset[str]
    nouns: Mapping[str, Trigger]
    #: The words that close a noun entry of several words ("strike" for "hunger strike"): only a noun
    #: spelled so needs the word before it read to find its entry.
    noun_phrase_closers: frozenset[str]
    needs_mode_word: frozenset[str]
    needs_two_actors: frozenset[str]
    non_violent_causes: frozenset[str]
    impact_verbs: frozenset[str]
    riot_cues: frozenset[str]
    intervention_cues: frozenset[str]
    excessive_force_cues: frozenset[str]
    protest_actor_nouns: frozenset[str]  # the demonstrators and the rioters
    demonstrator_nouns: frozenset[str]
    gathering_verbs: frozenset[str]
    raid_words: frozenset[str]
    throwing_verbs: frozenset[str]
    building_verbs: frozenset[str]
    base_nouns: frozenset[str]
    #: Sites and craft a state keeps abroad, named by their owner's country ("a US base in Syria").
    owned_sites: frozenset[str]
    finding_verbs: frozenset[str]
    object_events: Mapping[str, Mapping[str, Trigger]]  # verb lemma -> object class -> trigger
    label_events: Mapping[str, Trigger]  # a label opening a dispatch ("movement of forces") -> its event
    object_classes: Mapping[str, tuple[str, ...]]  # object lemma -> its classes ("talks": relation, proposal)
    person_nouns: frozenset[str]
    light_verbs: frozenset[str]
    agent_verbs: frozenset[str]
    mode_words: Mapping[str, str]
    fired_objects: Mapping[str, str | None]
    victim_nouns: frozenset[str]
    territory_nouns: frozenset[str]
    weapon_nouns: frozenset[str]
    status_cues: Mapping[str, Status]
    modals: frozenset[str]
    negations: frozenset[str]
    reporting_verbs: frozenset[str]
    responsibility_verbs: frozenset[str]
    not_actors: frozenset[str]
    vague_numbers: Mapping[str, int]
    death_verbs: frozenset[str]
    death_nouns: frozenset[str]
    month_names: frozenset[str]
    no_casualties: tuple[str, ...]


def _read_yaml(name: str) -> dict[str, Any]:
    path = resources.files("flashpoint") / "data" / "lexicon" / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise DataFileError(f"lexicon/{name}", f"malformed YAML ({error.__class__.__name__})") from error
    if not isinstance(data, dict):
        raise DataFileError(f"lexicon/{name}", "expected a mapping at the top level")
    return data


def _triggers(table: Mapping[str, list[Any]], where: str) -> dict[str, Trigger]:
    triggers: dict[str, Trigger] = {}
    for lemma, (type_name, mode) in table.items():
        try:
            plover = PloverType(type_name)
        except ValueError:
            raise DataFileError(where, f"{lemma!r}: unknown PLOVER type {type_name!r}") from None
        if mode is not None and mode not in MODES.get(plover, frozenset()):
            raise DataFileError(where, f"{lemma!r}: mode {mode!r} is not a mode of {plover}")
        triggers[lemma] = (plover, mode)
    return triggers


def _status_cues(table: Mapping[str, list[str]]) -> dict[str, Status]:
    # A word listed under two statuses keeps the first: the file lists the stronger readings first.
    cues: dict[str, Status] = {}
    for status_name, words in table.items():
        status = Status(status_name)
        for word in words:
            cues.setdefault(word, status)
    return cues


@functools.cache
def load_lexicon() -> Lexicon:
    """The packaged lexicon, read once per process."""
    triggers = _read_yaml("triggers.yaml")
    cues = _read_yaml("cues.yaml")
    mode_words = {str(k): str(v) for k, v in triggers["mode_words"].items()}
    verbs = _triggers(triggers["verbs"], "lexicon/triggers.yaml")
    nouns = _triggers(triggers["nouns"], "lexicon/triggers.yaml")
    return Lexicon(
        verbs=verbs,
        verb_phrase_openers=_phrase_openers(verbs),
        nouns=nouns,
        noun_phrase_closers=_phrase_closers(nouns),
        needs_mode_word=frozenset(triggers["needs_mode_word"]),
        needs_two_actors=frozenset(triggers["needs_two_actors"]),
        non_violent_causes=frozenset(triggers["non_violent_causes"]),
        impact_verbs=frozenset(triggers["impact_verbs"]),
        riot_cues=frozenset(triggers["riot_cues"]),
        intervention_cues=frozenset(triggers["intervention_cues"]),
        excessive_force_cues=frozenset(triggers["excessive_force_cues"]),
        protest_actor_nouns=frozenset(triggers["demonstrator_nouns"]) | frozenset(triggers["rioter_nouns"]),
        demonstrator_nouns=frozenset(triggers["demonstrator_nouns"]),
        gathering_verbs=frozenset(triggers["gathering_verbs"]),
        raid_words=frozenset(triggers["raid_words"]),
        throwing_verbs=frozenset(triggers["throwing_verbs"]),
        building_verbs=frozenset(triggers["building_verbs"]),
        base_nouns=frozenset(triggers["base_nouns"]),
        owned_sites=frozenset(triggers["owned_sites"]),
        finding_verbs=frozenset(triggers["finding_verbs"]),
        object_events={
            verb: _triggers(classes, "lexicon/triggers.yaml")
            for verb, classes in triggers["object_events"].items()
        },
        object_classes=_classes_of(triggers["object_classes"]),
        label_events=_triggers(triggers["label_events"], "lexicon/triggers.yaml"),
        person_nouns=frozenset(triggers["person_nouns"]),
        light_verbs=frozenset(triggers["light_verbs"]),
        agent_verbs=frozenset(triggers["agent_verbs"]),
        mode_words=mode_words,
        fired_objects=dict(triggers["fired_objects"]),
        victim_nouns=frozenset(triggers["victim_nouns"]),
        territory_nouns=frozenset(triggers["territory_nouns"]),
        weapon_nouns=frozenset(triggers["weapon_nouns"]),
        status_cues=_status_cues(cues["status"]),
        modals=frozenset(cues["modals"]),
        negations=frozenset(cues["negations"]),
        reporting_verbs=frozenset(cues["reporting_verbs"]),
        responsibility_verbs=frozenset(cues["responsibility_verbs"]),
        not_actors=frozenset(cues["not_actors"]),
        vague_numbers={str(k): int(v) for k, v in cues["vague_numbers"].items()},
        death_verbs=frozenset(cues["death_verbs"]),
        death_nouns=frozenset(cues["death_nouns"]),
        month_names=frozenset(cues["month_names"]),
        no_casualties=tuple(cues["no_casualties"]),
    )


@dataclass(frozen=True, slots=True)
class NumberWords:
    """English cardinal words ("seven"), scale words ("hundred") and ordinals ("third"), with their values."""

    cardinals: Mapping[str, int]
    scales: Mapping[str, int]
    ordinals: Mapping[str, int]


@functools.cache
def number_words() -> NumberWords:
    """The packaged number words, read once per process."""
    data = _read_yaml("numbers.yaml")
    return NumberWords(
        cardinals={str(k): int(v) for k, v in data["cardinals"].items()},
        scales={str(k): int(v) for k, v in data["scales"].items()},
        ordinals={str(k): int(v) for k, v in data["ordinals"].items()},
    )


def _phrase_openers(entries: Mapping[str, Trigger]) -> frozenset[str]:
    """Every run of whole words that begins an entry of several words and stops short of its end
    ("take" and "take to" for "take to street")."""
    return frozenset(entry[:i] for entry in entries for i, char in enumerate(entry) if char == " ")


def _phrase_closers(entries: Mapping[str, Trigger]) -> frozenset[str]:
    """Every run of whole words that ends an entry of several words and starts after its beginning
    ("strike" for "hunger strike")."""
    return frozenset(entry[i + 1 :] for entry in entries for i, char in enumerate(entry) if char == " ")


def _classes_of(classes: Mapping[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """Each object word with every class it is listed in, in the file's order: one may halt talks (a
    relation) or reject them (a proposal)."""
    found: dict[str, list[str]] = {}
    for name, words in classes.items():
        for word in words:
            found.setdefault(str(word), []).append(name)
    return {word: tuple(names) for word, names in found.items()}
