"""The actor knowledge base: states, their institutions, leaders, non-state actors and generic actors,
with the standing relations between them, read from the YAML files in `flashpoint/data/actors/`.

States come from pycountry (every ISO 3166-1 country, id = alpha-3) and take their demonyms, short
names and capital metonyms from `demonyms.yaml`. For every state with a demonym the loader builds
three institutions from the templates in `institutions.yaml` (`ISR-military`, `ISR-government`,
`ISR-police`), whose aliases are "<demonym> <head>" ("Israeli troops", "Iranian authorities"); the
explicit entries of the same file then add names to them (IDF is an alias of `ISR-military`) or add
bodies of their own (`IRN-irgc`, part of `IRN-military`). `leaders.yaml` holds persons with roles
bounded in time, each role also a `leader_of` (or `member_of`) relation; `nonstate.yaml` and
`generic.yaml` hold armed groups, parties, organisations, media and unnamed populations. Every file
may carry a `relations:` list, and every file opens with a `provenance:` header.

Names are matched after `normalise_name`: accents folded, a possessive "'s", apostrophes and dots
dropped, hyphens and other punctuation read as spaces, a leading "the" dropped, case folded. Short
acronyms are the exception: an alias flagged `ambiguous: true`, or written as at most three
capital letters ("IS", "US", "SAF"), only matches with its case as written, so "is" and "us" stay
ordinary words. An alias belongs to one actor only; a second claim on it is a data error (except
that an alias the templates generated gives way to an explicit one), so the data must give a word
shared by two actors ("Congolese") to the one news means most often, or to neither.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pycountry
import yaml

from flashpoint.errors import DataFileError
from flashpoint.taxonomy import STATE_INSTITUTIONS, ActorKind, Predicate

__all__ = [
    "KbActor",
    "KbRelation",
    "KnowledgeBase",
    "build_knowledge_base",
    "load_knowledge_base",
    "normalise_name",
    "reload_knowledge_base",
    "user_kb_files",
]

DEMONYMS_FILE = "demonyms.yaml"
INSTITUTIONS_FILE = "institutions.yaml"
LEADERS_FILE = "leaders.yaml"
NONSTATE_FILE = "nonstate.yaml"
GENERIC_FILE = "generic.yaml"
#: Read in this order: later files refer to ids that earlier ones define.
DATA_FILES = (DEMONYMS_FILE, INSTITUTIONS_FILE, LEADERS_FILE, NONSTATE_FILE, GENERIC_FILE)
PROVENANCE_KEYS = ("sources", "editor", "date", "licence", "known_gaps")
#: How the provenance of an actor from a user KB file (`flashpoint actors import-kb`) begins.
USER_PREFIX = "user/"

_NONSTATE_KINDS = frozenset({"armed_group", "coalition", "political_party", "organization", "media", "other"})
_GENERIC_KINDS = frozenset(k.value for k in ActorKind) - {"state", "person"}
#: Kinds whose names lookup also finds with an "s" added ("Huthis" for the alias "Huthi"). Not states
#: or persons, and never the other way round: "Hama" must not find "Hamas".
_PLURAL_KINDS = frozenset(
    {
        "armed_group",
        "coalition",
        "political_party",
        "organization",
        "population",
        "military",
        "police",
        "government",
    }
)

_APOSTROPHES = "'’‘`ʼʿʾ´"
_DASHES = "-‐‑‒–—―"
_FOLD_TABLE = str.maketrans(
    {**dict.fromkeys(_APOSTROPHES + ".", ""), **dict.fromkeys(_DASHES + '/,;:()[]{}"“”', " ")}
)
_POSSESSIVE = re.compile(rf"[{_APOSTROPHES}]s$")
_ACRONYM = re.compile(r"^(?:[A-Z]{1,3}|(?:[A-Z]\.){1,3})$")


# Memoised: extraction looks up every noun of every article ("forces", "police", "officials" over
# and over), and folding is most of a lookup's cost.
@functools.lru_cache(maxsize=8192)
def _fold(text: str) -> str:
    """`text` with accents folded, a possessive "'s" and then all apostrophes and dots dropped,
    punctuation read as space, a leading "the" dropped, and case kept (so acronyms can be compared)."""
    decomposed = unicodedata.normalize("NFKD", _POSSESSIVE.sub("", text.strip()))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = plain.translate(_FOLD_TABLE).split()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    return " ".join(words)


def normalise_name(text: str) -> str:
    """The key two names share when they are the same name: "Kata'ib Hizballah" and "kataib
    hizballah", "U.S." and "US", "the Houthis" and "Houthis", "Iran's" and "Iran" all normalise alike."""
    return _fold(text).casefold()


def _is_cased(alias: str, flagged: bool) -> bool:
    """Whether `alias` matches only with its case as written: flagged by hand, or a short acronym."""
    return flagged or bool(_ACRONYM.match(alias))


@dataclass(frozen=True, slots=True, kw_only=True)
class KbActor:
    """One actor the knowledge base knows; `id` is stable across releases and is what events cite.

    `aliases` holds every name the actor goes by (its canonical name first); `role` and `organization`
    are set for persons only and give their latest role and the actor id it belongs to.
    """

    id: str
    name: str
    kind: str
    country: str | None
    aliases: tuple[str, ...]
    acled_name: str | None
    role: str | None = None
    organization: str | None = None
    provenance: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class KbRelation:
    """A standing relation between two knowledge-base actors, bounded in time (ISO dates or None)."""

    subject: str
    predicate: str
    object: str
    valid_from: str | None
    valid_to: str | None
    note: str


@dataclass(frozen=True, slots=True)
class _Alias:
    text: str
    actor_id: str
    label: str  # spaCy entity label: ORG, PERSON, GPE or NORP
    cased: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class KnowledgeBase:
    """The loaded knowledge base: actors by id, relations, and the indexes the lookups read."""

    actors: Mapping[str, KbActor]
    relations: tuple[KbRelation, ...]
    _aliases: tuple[_Alias, ...] = field(repr=False)
    _folded: Mapping[str, str] = field(repr=False)
    _cased: Mapping[str, str] = field(repr=False)
    _demonyms_folded: Mapping[str, str] = field(repr=False)
    _demonyms_cased: Mapping[str, str] = field(repr=False)
    _heads: Mapping[str, str] = field(repr=False)
    _acled: Mapping[str, str] = field(repr=False)
    _relations_by_actor: Mapping[str, tuple[KbRelation, ...]] = field(repr=False)

    def get(self, actor_id: str) -> KbActor | None:
        """The actor with this id, or None."""
        return self.actors.get(actor_id)

    def lookup(self, surface: str) -> KbActor | None:
        """The actor one of whose aliases (or, failing that, whose ACLED name) `surface` is, after
        normalisation, or None.

        Short and flagged acronyms match only in their own case ("IS", never "is"). Group names are
        also found in the plural ("Houthis" finds the alias "Houthi").
        """
        folded = _fold(surface)
        key = folded.casefold()
        actor_id = self._cased.get(folded) or self._folded.get(key)
        if actor_id is None and len(key) > 3 and key.endswith("s"):
            singular = self._folded.get(key[:-1])
            if singular is not None and self.actors[singular].kind in _PLURAL_KINDS:
                actor_id = singular
        if actor_id is None:
            actor_id = self._acled.get(key)
        return self.actors[actor_id] if actor_id is not None else None

    def demonym(self, word: str) -> KbActor | None:
        """The state whose people or adjective `word` names ("Israeli", "Palestinians"), or None."""
        folded = _fold(word)
        actor_id = self._demonyms_cased.get(folded) or self._demonyms_folded.get(folded.casefold())
        return self.actors[actor_id] if actor_id is not None else None

    def institution(self, country: str, head: str) -> KbActor | None:
        """The institution of state `country` (ISO alpha-3) that `head` names: "troops" or "navy" the
        military, "authorities" or "ministry" the government, "police" the police; else None."""
        key = normalise_name(head)
        template_id = self._heads.get(key)
        if template_id is None and key.endswith("s"):
            template_id = self._heads.get(key[:-1])
        if template_id is None:
            template_id = self._heads.get(key + "s")
        if template_id is None:
            return None
        return self.actors.get(template_id.format(iso3=country.upper()))

    def ruler_patterns(
        self,
        tokenize: Callable[[str], list[str]] | None = None,
        *,
        include_generic: bool = False,
    ) -> list[dict[str, object]]:
        """spaCy entity_ruler patterns for every alias, with the actor id as pattern id; the ruler must
        be configured with `phrase_matcher_attr: "LOWER"`.

        Case-sensitive aliases (acronyms, flagged names) are token patterns matching by ORTH; all
        others are phrase (string) patterns, matched case-insensitively by the ruler's PhraseMatcher.
        Phrases rather than LOWER token patterns because the Matcher tries every token pattern at
        every token: 18,000 token patterns made the ruler 60 times slower than the phrase patterns.
        Each alias also comes with hyphens read as spaces ("al Shabaab") and without apostrophes and
        accents. `tokenize` splits the ORTH patterns and should be the pipeline's own tokenizer
        (`lambda s: [t.text for t in nlp.make_doc(s)]`); the default mimics spaCy's English rules for
        the characters our names use. Generic actors ("civilians", "gunmen") are common nouns, left
        to the extractor unless `include_generic` is set.
        """
        split = tokenize or _tokenize
        generic = {a.id for a in self.actors.values() if a.provenance == GENERIC_FILE}
        patterns: list[dict[str, object]] = []
        seen: set[tuple[str, str]] = set()
        for alias in self._aliases:
            if alias.actor_id in generic and not include_generic:
                continue
            for variant in _variants(alias.text):
                pattern: str | list[dict[str, str]]
                if alias.cased:
                    pattern = [_token_pattern(token) for token in split(variant)]
                    key = (alias.actor_id, repr(pattern))
                else:
                    pattern = variant
                    key = (alias.actor_id, variant.lower())
                if not pattern or key in seen:
                    continue
                seen.add(key)
                patterns.append({"label": alias.label, "pattern": pattern, "id": alias.actor_id})
        return patterns

    def relations_of(self, actor_id: str) -> tuple[KbRelation, ...]:
        """Every relation in which `actor_id` is the subject or the object."""
        return self._relations_by_actor.get(actor_id, ())


def _variants(alias: str) -> list[str]:
    """`alias` as written, then with hyphens as spaces, without apostrophes, and without accents: the
    ways news also spells it ("al Shabaab", "Kataib Hizballah", "Cote d'Ivoire")."""
    out = [alias]
    spaced = re.sub(rf"(?<=\w)[{_DASHES}](?=[^\W\d])", " ", alias)
    for variant in (spaced, *(_without_apostrophes(v) for v in (alias, spaced))):
        for form in (variant, _without_accents(variant)):
            if form not in out:
                out.append(form)
    return out


def _without_apostrophes(text: str) -> str:
    return re.sub(rf"(?<=\w)[{_APOSTROPHES}](?=\w)", "", text)


def _without_accents(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def _token_pattern(token: str) -> dict[str, str]:
    """An ORTH token pattern; a hyphen is optional, as "Abdul-Malik" is also written "Abdul Malik"."""
    if token in _DASHES:
        return {"ORTH": token, "OP": "?"}
    return {"ORTH": token}


_PREFIX = re.compile(r"^[(\[\"“]")
_SUFFIX = re.compile(r"(?:['’]s|['’)\]\",;:”])$", re.IGNORECASE)
_INFIX = re.compile(rf"(?<=[^\W_])([{_DASHES}/])(?=[^\W\d_])")


def _tokenize(text: str) -> list[str]:
    """Split `text` as spaCy's English tokenizer splits the names in our data: on spaces, before a
    final "'s", "'" or closing bracket, after an opening one, and around a hyphen or slash between
    letters ("al-Shabaab" -> al, -, Shabaab; "MS-13" stays whole)."""
    tokens: list[str] = []
    for chunk in text.split():
        prefixes: list[str] = []
        suffixes: list[str] = []
        while chunk and (m := _PREFIX.match(chunk)) and len(chunk) > 1:
            prefixes.append(m.group())
            chunk = chunk[m.end() :]
        while chunk and (m := _SUFFIX.search(chunk)) and m.start() > 0:
            suffixes.insert(0, m.group())
            chunk = chunk[: m.start()]
        tokens.extend(prefixes)
        tokens.extend(part for part in _INFIX.split(chunk) if part)
        tokens.extend(suffixes)
    return tokens


# ---------------------------------------------------------------------------------------------------
# Loading


class _Reader:
    """Typed access to one parsed YAML file, raising DataFileError naming the file."""

    def __init__(self, name: str, where: str, data: Mapping[str, Any]) -> None:
        self.name = name  # the file's name, e.g. "nonstate.yaml"
        self.where = where  # how errors name it: its path, or data/actors/<name> when packaged
        self.data = data

    def fail(self, reason: str) -> DataFileError:
        return DataFileError(self.where, reason)

    def entries(self, key: str) -> list[Mapping[str, Any]]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
            raise self.fail(f"'{key}' must be a list of mappings")
        return value

    def text(self, entry: Mapping[str, Any], key: str, owner: str, *, required: bool = True) -> str | None:
        value = entry.get(key)
        if value is None:
            if required:
                raise self.fail(f"{owner}: missing '{key}'")
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{owner}: '{key}' must be a non-empty string")
        return value.strip()

    def date(self, entry: Mapping[str, Any], key: str, owner: str) -> str | None:
        value = entry.get(key)
        if value is None:
            return None
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value).isoformat()
            except ValueError:
                pass
        raise self.fail(f"{owner}: '{key}' must be an ISO date (YYYY-MM-DD) or null, not {value!r}")

    def names(self, entry: Mapping[str, Any], key: str, owner: str) -> list[tuple[str, bool]]:
        """A list of aliases, each a string or a mapping {alias: ..., ambiguous: true}."""
        value = entry.get(key, [])
        if not isinstance(value, list):
            raise self.fail(f"{owner}: '{key}' must be a list")
        out: list[tuple[str, bool]] = []
        for item in value:
            if isinstance(item, str) and item.strip():
                out.append((item.strip(), False))
            elif isinstance(item, dict) and isinstance(item.get("alias"), str):
                out.append((item["alias"].strip(), bool(item.get("ambiguous", False))))
            else:
                raise self.fail(
                    f"{owner}: '{key}' entries must be names or {{alias, ambiguous}}, not {item!r}"
                )
        return out

    def id(self, entry: Mapping[str, Any], owner: str) -> str:
        value = self.text(entry, "id", owner)
        assert value is not None
        if not re.fullmatch(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*", value):
            raise self.fail(f"{owner}: id {value!r} must be letters, digits and single hyphens")
        return value


def _read_yaml(name: str, where: str, source: Traversable) -> _Reader:
    """The parsed file, with its provenance header checked."""
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(where, "file not found") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(where, f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "not valid YAML"
        line = f"line {mark.line + 1}: " if mark is not None else ""
        raise DataFileError(where, f"{line}{problem}") from None
    if not isinstance(data, dict):
        raise DataFileError(where, "must be a YAML mapping with a 'provenance' header")
    reader = _Reader(name, where, data)
    provenance = data.get("provenance")
    if not isinstance(provenance, dict):
        raise reader.fail("missing the 'provenance' header")
    missing = [k for k in PROVENANCE_KEYS if not provenance.get(k)]
    if missing:
        raise reader.fail(f"provenance header lacks {', '.join(missing)}")
    return reader


class _Builder:
    """Accumulates actors, aliases and relations while the files are read, checking as it goes."""

    def __init__(self) -> None:
        self.actors: dict[str, dict[str, Any]] = {}
        self.aliases: list[_Alias] = []
        self.folded: dict[str, str] = {}
        self.cased: dict[str, str] = {}
        self.demonyms_folded: dict[str, str] = {}
        self.demonyms_cased: dict[str, str] = {}
        self.heads: dict[str, str] = {}
        self.weak: set[tuple[bool, str]] = set()
        self.relations: list[tuple[KbRelation, _Reader]] = []

    def add_actor(self, reader: _Reader, actor_id: str, **fields: Any) -> None:
        if actor_id in self.actors:
            raise reader.fail(
                f"id '{actor_id}' is defined twice (first in {self.actors[actor_id]['provenance']})"
            )
        fields.setdefault("aliases", [])
        fields.setdefault("acled_name", None)
        fields["provenance"] = reader.name
        self.actors[actor_id] = fields
        self.add_alias(reader, actor_id, fields["name"], _label(fields["kind"]), cased=False)

    def add_alias(
        self, reader: _Reader, actor_id: str, text: str, label: str, *, cased: bool, weak: bool = False
    ) -> None:
        """File `text` as an alias of `actor_id`. A `weak` (generated) alias gives way to a later
        explicit one ("Turkish intelligence" is generated for TUR-government, then claimed by TUR-mit);
        any other second claim is a data error."""
        cased = _is_cased(text, cased)
        folded = _fold(text)
        if not folded:
            raise reader.fail(f"{actor_id}: alias {text!r} is empty once normalised")
        index, key = (self.cased, folded) if cased else (self.folded, folded.casefold())
        owner = index.get(key)
        if owner == actor_id:  # another spelling of a name it has ("U.S." for "US"): the ruler needs it
            if text not in self.actors[actor_id]["aliases"]:
                self.actors[actor_id]["aliases"].append(text)
                self.aliases.append(_Alias(text, actor_id, label, cased))
            return
        if owner is not None:
            if weak:  # a generated alias never displaces another claim
                return
            if (cased, key) not in self.weak:
                raise reader.fail(f"alias {text!r} of '{actor_id}' is already an alias of '{owner}'")
            self._drop(owner, cased, key)
        index[key] = actor_id
        if weak:
            self.weak.add((cased, key))
        self.actors[actor_id]["aliases"].append(text)
        self.aliases.append(_Alias(text, actor_id, label, cased))

    def _drop(self, owner: str, cased: bool, key: str) -> None:
        """Take the weak alias `key` away from `owner`."""
        self.weak.discard((cased, key))

        def same(text: str) -> bool:
            folded = _fold(text)
            return (folded if cased else folded.casefold()) == key and _is_cased(text, False) == cased

        self.actors[owner]["aliases"] = [t for t in self.actors[owner]["aliases"] if not same(t)]
        self.aliases = [
            a for a in self.aliases if not (a.actor_id == owner and a.cased == cased and same(a.text))
        ]

    def add_demonym(
        self, reader: _Reader, iso3: str, word: str, *, cased: bool, actor_id: str | None = None
    ) -> None:
        """`word` tells country `iso3`, and names `actor_id` (the state itself unless given)."""
        cased = _is_cased(word, cased)
        folded = _fold(word)
        index, key = (self.demonyms_cased, folded) if cased else (self.demonyms_folded, folded.casefold())
        owner = index.get(key)
        if owner is not None and owner != iso3:
            raise reader.fail(f"demonym {word!r} of {iso3} is already a demonym of {owner}")
        index[key] = iso3
        self.add_alias(reader, actor_id or iso3, word, "NORP", cased=cased)

    def add_relation(self, reader: _Reader, relation: KbRelation) -> None:
        self.relations.append((relation, reader))

    def build(self) -> KnowledgeBase:
        for relation, reader in self.relations:
            for end in (relation.subject, relation.object):
                if end not in self.actors:
                    triple = f"{relation.subject} {relation.predicate} {relation.object}"
                    raise reader.fail(f"relation {triple}: unknown id '{end}'")
        actors = {
            actor_id: KbActor(
                id=actor_id,
                name=f["name"],
                kind=f["kind"],
                country=f["country"],
                aliases=tuple(f["aliases"]),
                acled_name=f["acled_name"],
                role=f.get("role"),
                organization=f.get("organization"),
                provenance=f["provenance"],
            )
            for actor_id, f in self.actors.items()
        }
        relations = tuple(r for r, _ in self.relations)
        acled: dict[str, str] = {}
        for actor in actors.values():
            if actor.acled_name:
                acled.setdefault(normalise_name(actor.acled_name), actor.id)
        by_actor: dict[str, list[KbRelation]] = {}
        for relation in relations:
            by_actor.setdefault(relation.subject, []).append(relation)
            if relation.object != relation.subject:
                by_actor.setdefault(relation.object, []).append(relation)
        return KnowledgeBase(
            actors=MappingProxyType(actors),
            relations=relations,
            _aliases=tuple(self.aliases),
            _folded=MappingProxyType(self.folded),
            _cased=MappingProxyType(self.cased),
            _demonyms_folded=MappingProxyType(self.demonyms_folded),
            _demonyms_cased=MappingProxyType(self.demonyms_cased),
            _heads=MappingProxyType(self.heads),
            _acled=MappingProxyType(acled),
            _relations_by_actor=MappingProxyType({k: tuple(v) for k, v in by_actor.items()}),
        )


def _label(kind: str) -> str:
    """The spaCy entity label names of an actor of `kind` get."""
    if kind == "person":
        return "PERSON"
    if kind == "state":
        return "GPE"
    return "ORG"


def _country(
    reader: _Reader, entry: Mapping[str, Any], owner: str, countries: Mapping[str, Any]
) -> str | None:
    code = reader.text(entry, "country", owner, required=False)
    if code is not None and code not in countries:
        raise reader.fail(f"{owner}: country {code!r} is not an ISO 3166-1 alpha-3 code")
    return code


def _relations(builder: _Builder, reader: _Reader) -> None:
    predicates = {p.value for p in Predicate}
    for number, entry in enumerate(reader.entries("relations"), start=1):
        owner = f"relation {number}"
        subject = reader.text(entry, "subject", owner)
        predicate = reader.text(entry, "predicate", owner)
        obj = reader.text(entry, "object", owner)
        assert subject is not None and predicate is not None and obj is not None
        owner = f"relation {subject} {predicate} {obj}"
        if predicate not in predicates:
            raise reader.fail(f"{owner}: unknown predicate '{predicate}'")
        valid_from = reader.date(entry, "valid_from", owner)
        valid_to = reader.date(entry, "valid_to", owner)
        if valid_from and valid_to and valid_from > valid_to:
            raise reader.fail(f"{owner}: valid_from {valid_from} is after valid_to {valid_to}")
        note = reader.text(entry, "note", owner, required=False) or ""
        builder.add_relation(
            reader,
            KbRelation(
                subject=subject,
                predicate=predicate,
                object=obj,
                valid_from=valid_from,
                valid_to=valid_to,
                note=note,
            ),
        )


def _load_states(builder: _Builder, reader: _Reader) -> dict[str, dict[str, Any]]:
    """One state per pycountry country, with the names and demonyms `demonyms.yaml` gives it."""
    countries = reader.data.get("countries")
    if not isinstance(countries, dict):
        raise reader.fail("'countries' must be a mapping from ISO alpha-3 code to names")
    known = {c.alpha_3: c for c in pycountry.countries}
    for code, entry in countries.items():
        if code not in known:
            raise reader.fail(f"{code!r} is not an ISO 3166-1 alpha-3 code")
        if not isinstance(entry, dict):
            raise reader.fail(f"{code}: must be a mapping")
    info: dict[str, dict[str, Any]] = {}
    for code, country in known.items():
        entry = countries.get(code, {})
        common = getattr(country, "common_name", None)
        name = reader.text(entry, "name", code, required=False) or common or country.name
        builder.add_actor(reader, code, name=name, kind="state", country=code)
        official = getattr(country, "official_name", None)
        for alias in (country.name, official, common):
            if alias and "," not in alias:
                # weak: a name the file gives another state wins ("Congo" is ISO's name for COG)
                builder.add_alias(reader, code, alias, "GPE", cased=False, weak=True)
        for alias, flagged in reader.names(entry, "names", code):
            builder.add_alias(reader, code, alias, "GPE", cased=flagged)
        adjectives = reader.names(entry, "adjectives", code)
        for word, flagged in adjectives:
            builder.add_demonym(reader, code, word, cased=flagged)
        acled = reader.text(entry, "acled", code, required=False) or name
        people = reader.names(entry, "people", code)
        if people:
            # "Palestinians clashed with police", "six Afghans were killed": the people, not the state.
            # The word still tells the country, as an adjective does.
            people_id = f"{code}-people"
            builder.add_actor(
                reader,
                people_id,
                name=people[0][0],
                kind="population",
                country=code,
                acled_name=f"Civilians ({acled})",
            )
            for word, flagged in people:
                builder.add_demonym(reader, code, word, cased=flagged, actor_id=people_id)
        info[code] = {
            "name": name,
            "acled": acled,
            "adjectives": adjectives,
            "metonyms": reader.names(entry, "metonyms", code),
            "dependent": bool(entry.get("dependent", False)),
        }
    return info


def _load_institutions(builder: _Builder, reader: _Reader, states: Mapping[str, dict[str, Any]]) -> None:
    """Generated institutions for every state with an adjective, then the explicit entries."""
    templates = reader.data.get("templates")
    if not isinstance(templates, dict) or not templates:
        raise reader.fail("'templates' must be a mapping from kind to template")
    for kind, template in templates.items():
        owner = f"template {kind}"
        if kind not in STATE_INSTITUTIONS or not isinstance(template, dict):
            raise reader.fail(f"{owner}: kind must be one of {', '.join(sorted(STATE_INSTITUTIONS))}")
        pattern = reader.text(template, "id", owner)
        name = reader.text(template, "name", owner)
        acled = reader.text(template, "acled_name", owner)
        assert pattern is not None and name is not None and acled is not None
        heads = [h for h, _ in reader.names(template, "heads", owner)]
        if not heads or "{iso3}" not in pattern:
            raise reader.fail(f"{owner}: needs heads and an id containing {{iso3}}")
        for head in heads:
            builder.heads[normalise_name(head)] = pattern
        for code, state in states.items():
            if not state["adjectives"] or (state["dependent"] and kind == "military"):
                continue
            actor_id = pattern.format(iso3=code)
            first = state["adjectives"][0][0]
            builder.add_actor(
                reader,
                actor_id,
                kind=kind,
                country=code,
                name=name.format(adjective=first, country=state["name"]),
                acled_name=acled.format(adjective=first, country=state["acled"]),
            )
            for adjective, _flagged in state["adjectives"]:
                for head in heads:
                    builder.add_alias(reader, actor_id, f"{adjective} {head}", "ORG", cased=False, weak=True)
            if kind == "government":
                for metonym, flagged in state["metonyms"]:
                    builder.add_alias(reader, actor_id, metonym, "GPE", cased=flagged)
    for entry in reader.entries("institutions"):
        actor_id = reader.id(entry, "institution")
        existing = builder.actors.get(actor_id)
        if existing is None:
            kind = reader.text(entry, "kind", actor_id)
            name = reader.text(entry, "name", actor_id)
            if kind not in STATE_INSTITUTIONS:
                raise reader.fail(f"{actor_id}: kind must be one of {', '.join(sorted(STATE_INSTITUTIONS))}")
            country = _country(reader, entry, actor_id, states)
            if country is None:
                raise reader.fail(f"{actor_id}: missing 'country'")
            builder.add_actor(
                reader,
                actor_id,
                name=name,
                kind=kind,
                country=country,
                acled_name=reader.text(entry, "acled_name", actor_id, required=False),
            )
        else:
            name = reader.text(entry, "name", actor_id, required=False)
            if name is not None:
                existing["name"] = name
                builder.add_alias(reader, actor_id, name, "ORG", cased=False)
            acled_name = reader.text(entry, "acled_name", actor_id, required=False)
            if acled_name is not None:
                existing["acled_name"] = acled_name
        for alias, flagged in reader.names(entry, "aliases", actor_id):
            builder.add_alias(reader, actor_id, alias, "ORG", cased=flagged)
        parent = reader.text(entry, "part_of", actor_id, required=False)
        if parent is not None:
            builder.add_relation(
                reader,
                KbRelation(
                    subject=actor_id,
                    predicate="part_of",
                    object=parent,
                    valid_from=None,
                    valid_to=None,
                    note=f"part_of declared in {INSTITUTIONS_FILE}",
                ),
            )
    _relations(builder, reader)


_ACTOR_FIELDS = frozenset({"id", "name", "kind", "country", "acled_name", "aliases"})


def _load_actors(
    builder: _Builder, reader: _Reader, kinds: frozenset[str], countries: Mapping[str, Any]
) -> None:
    """Non-state or generic actors: id, name, kind, country, acled_name, aliases."""
    for entry in reader.entries("actors"):
        actor_id = reader.id(entry, "actor")
        unknown = sorted(str(key) for key in set(entry) - _ACTOR_FIELDS)
        if unknown:
            # In a YAML flow mapping an unquoted "name: A, B" ends the name at the comma and makes
            # "B" a key of its own: the actor would be called "A" and match that word everywhere.
            raise reader.fail(f"{actor_id}: unknown field '{unknown[0]}' (quote a name that holds a comma)")
        kind = reader.text(entry, "kind", actor_id)
        name = reader.text(entry, "name", actor_id)
        if kind not in kinds:
            raise reader.fail(
                f"{actor_id}: unknown kind '{kind}' (expected one of {', '.join(sorted(kinds))})"
            )
        builder.add_actor(
            reader,
            actor_id,
            name=name,
            kind=kind,
            country=_country(reader, entry, actor_id, countries),
            acled_name=reader.text(entry, "acled_name", actor_id, required=False),
        )
        for alias, flagged in reader.names(entry, "aliases", actor_id):
            builder.add_alias(reader, actor_id, alias, "ORG", cased=flagged)
    _relations(builder, reader)


def _load_persons(builder: _Builder, reader: _Reader, countries: Mapping[str, Any]) -> None:
    """Persons, each role a relation to the actor it concerns; the actor keeps the latest role."""
    for entry in reader.entries("persons"):
        person_id = reader.id(entry, "person")
        name = reader.text(entry, "name", person_id)
        roles = entry.get("roles")
        if not isinstance(roles, list) or not roles or not all(isinstance(r, dict) for r in roles):
            raise reader.fail(f"{person_id}: 'roles' must be a non-empty list of mappings")
        latest: KbRelation | None = None
        for role_entry in roles:
            role = reader.text(role_entry, "role", person_id)
            organization = reader.text(role_entry, "organization", person_id)
            predicate = reader.text(role_entry, "predicate", person_id, required=False) or "leader_of"
            assert role is not None and organization is not None
            if predicate not in {"leader_of", "member_of"}:
                raise reader.fail(f"{person_id}: role predicate must be leader_of or member_of")
            owner = f"{person_id} as {role}"
            valid_from = reader.date(role_entry, "valid_from", owner)
            valid_to = reader.date(role_entry, "valid_to", owner)
            if valid_from and valid_to and valid_from > valid_to:
                raise reader.fail(f"{owner}: valid_from {valid_from} is after valid_to {valid_to}")
            relation = KbRelation(
                subject=person_id,
                predicate=predicate,
                object=organization,
                valid_from=valid_from,
                valid_to=valid_to,
                note=role,
            )
            builder.add_relation(reader, relation)
            if latest is None or _later(relation, latest):
                latest = relation
        assert latest is not None
        country = _country(reader, entry, person_id, countries)
        builder.add_actor(
            reader,
            person_id,
            name=name,
            kind="person",
            country=country,
            role=latest.note,
            organization=latest.object,
        )
        for alias, flagged in reader.names(entry, "aliases", person_id):
            builder.add_alias(reader, person_id, alias, "PERSON", cased=flagged)
    _relations(builder, reader)


def _later(a: KbRelation, b: KbRelation) -> bool:
    """Whether role `a` is more recent than `b`: an open role beats a closed one, then the later start."""
    if (a.valid_to is None) != (b.valid_to is None):
        return a.valid_to is None
    return (a.valid_from or "") >= (b.valid_from or "")


def _sources(directory: Path | None) -> Iterator[tuple[str, str, Traversable]]:
    """(name, where, source) of each data file, in the packaged data or in `directory`."""
    if directory is None:
        root = resources.files("flashpoint") / "data" / "actors"
        for name in DATA_FILES:
            yield name, f"data/actors/{name}", root / name
    else:
        for name in DATA_FILES:
            yield name, str(Path(directory) / name), Path(directory) / name


@functools.cache
def load_knowledge_base(directory: Path | None = None) -> KnowledgeBase:
    """The knowledge base read from `directory` (default: the packaged `data/actors/`), once per process.

    With the default directory, the user files `flashpoint actors import-kb` installed in the user KB
    directory (`$FLASHPOINT_KB_DIR`, see `config.user_kb_dir`) are read too, after the packaged ones and
    in the same pass, so they cost extraction nothing after the first call. `reload_knowledge_base`
    forgets the loaded KB (after an import, or in tests that change the directory).

    Raises DataFileError naming the file and the first problem: malformed YAML, a missing provenance
    header or field, an unknown kind, predicate or country code, a duplicate id, an alias claimed by
    two actors, or a relation or role that names an unknown id.
    """
    user = () if directory is not None else tuple((str(p), p) for p in user_kb_files())
    return build_knowledge_base(directory, user)


def reload_knowledge_base() -> None:
    """Forget the loaded knowledge base: the next `load_knowledge_base` reads the files again. A spaCy
    pipeline built earlier keeps its entity-ruler names; names its model finds are still looked up
    in the reloaded KB."""
    load_knowledge_base.cache_clear()


def user_kb_files(directory: Path | None = None) -> list[Path]:
    """The user KB files (`*.yaml`) installed in `directory` (default `config.user_kb_dir()`), by name."""
    from flashpoint.config import user_kb_dir

    root = directory if directory is not None else user_kb_dir()
    try:
        return sorted(p for p in root.iterdir() if p.suffix == ".yaml" and p.is_file())
    except (FileNotFoundError, NotADirectoryError):
        return []


def build_knowledge_base(
    directory: Path | None = None, user_files: Sequence[tuple[str, Path]] = ()
) -> KnowledgeBase:
    """The knowledge base read from `directory` (default: the packaged data), uncached, plus the
    `user_files` given as (how errors name it, path), each in the shape of `nonstate.yaml` (provenance,
    actors, relations) and checked as it is; their actors' provenance is "user/<file name>"."""
    readers = {name: _read_yaml(name, where, source) for name, where, source in _sources(directory)}
    builder = _Builder()
    states = _load_states(builder, readers[DEMONYMS_FILE])
    _relations(builder, readers[DEMONYMS_FILE])
    _load_institutions(builder, readers[INSTITUTIONS_FILE], states)
    _load_persons(builder, readers[LEADERS_FILE], states)
    _load_actors(builder, readers[NONSTATE_FILE], _NONSTATE_KINDS, states)
    _load_actors(builder, readers[GENERIC_FILE], _GENERIC_KINDS, states)
    for where, path in user_files:
        reader = _read_yaml(f"{USER_PREFIX}{path.name}", where, path)
        unknown = sorted(set(reader.data) - {"provenance", "actors", "relations"})
        if unknown:
            raise reader.fail(f"unknown key '{unknown[0]}' (a user file holds provenance, actors, relations)")
        _load_actors(builder, reader, _NONSTATE_KINDS, states)
    for fields in builder.actors.values():
        if fields["kind"] == "person" and fields["country"] is None:
            organization = builder.actors.get(fields["organization"])
            fields["country"] = organization["country"] if organization else None
    return builder.build()
