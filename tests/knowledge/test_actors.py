"""The actor knowledge base: every data file loads and is consistent; names resolve as news writes them."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry
import pytest
import spacy
import yaml

from flashpoint.errors import DataFileError
from flashpoint.knowledge.actors import (
    DATA_FILES,
    PROVENANCE_KEYS,
    KnowledgeBase,
    _tokenize,
    _variants,
    load_knowledge_base,
    normalise_name,
)
from flashpoint.taxonomy import ActorKind, Predicate

DATA = resources.files("flashpoint") / "data" / "actors"
ISO3 = {c.alpha_3 for c in pycountry.countries}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


def _raw(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    return data


def _copy_data(tmp_path: Path) -> Path:
    """A writable copy of the packaged data files, for tests that break one of them."""
    for name in DATA_FILES:
        shutil.copyfile(str(DATA / name), tmp_path / name)
    return tmp_path


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- the data files -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", DATA_FILES)
def test_data_file_opens_with_provenance_header(name: str) -> None:
    provenance = _raw(name)["provenance"]
    assert all(provenance.get(key) for key in PROVENANCE_KEYS)
    assert provenance["editor"] == "Flashpoint team"
    assert str(provenance["date"]) == "2026-11-25"


def test_knowledge_base_loads_every_data_file(kb: KnowledgeBase) -> None:
    assert {actor.provenance for actor in kb.actors.values()} == set(DATA_FILES)


def test_knowledge_base_is_loaded_once(kb: KnowledgeBase) -> None:
    assert load_knowledge_base() is kb


def test_data_ids_are_unique_across_files() -> None:
    ids: list[str] = [entry["id"] for entry in _raw("institutions.yaml")["institutions"]]
    ids += [entry["id"] for entry in _raw("leaders.yaml")["persons"]]
    ids += [entry["id"] for name in ("nonstate.yaml", "generic.yaml") for entry in _raw(name)["actors"]]
    explicit_new = [i for i in ids if not i.endswith(("-military", "-government", "-police"))]
    assert len(explicit_new) == len(set(explicit_new))
    assert not set(explicit_new) & ISO3


def test_actor_kinds_are_taxonomy_kinds(kb: KnowledgeBase) -> None:
    kinds = {kind.value for kind in ActorKind}
    assert {actor.kind for actor in kb.actors.values()} <= kinds


def test_every_country_code_is_iso3(kb: KnowledgeBase) -> None:
    assert all(actor.country in ISO3 for actor in kb.actors.values() if actor.country is not None)
    assert set(_raw("demonyms.yaml")["countries"]) <= ISO3


def test_every_relation_references_existing_actors(kb: KnowledgeBase) -> None:
    predicates = {p.value for p in Predicate}
    for relation in kb.relations:
        assert relation.subject in kb.actors, relation
        assert relation.object in kb.actors, relation
        assert relation.predicate in predicates, relation
        if relation.valid_from and relation.valid_to:
            assert relation.valid_from <= relation.valid_to, relation


def test_every_person_belongs_to_an_existing_actor(kb: KnowledgeBase) -> None:
    persons = [actor for actor in kb.actors.values() if actor.kind == "person"]
    assert len(persons) >= 80
    for person in persons:
        assert person.organization in kb.actors, person.id
        assert person.role


def test_states_cover_every_iso_country(kb: KnowledgeBase) -> None:
    states = {actor.id for actor in kb.actors.values() if actor.kind == "state"}
    assert states == ISO3


def test_sovereign_states_have_demonyms_but_for_shared_ones() -> None:
    countries = _raw("demonyms.yaml")["countries"]
    missing = {
        code
        for code, entry in countries.items()
        if not entry.get("dependent") and not entry.get("adjectives")
    }
    # "Dominican" and "Congolese" name DOM and COD in the news; the data gives them to those.
    assert missing == {"DMA", "COG"}


def test_nonstate_has_at_least_300_actors(kb: KnowledgeBase) -> None:
    nonstate = [actor for actor in kb.actors.values() if actor.provenance == "nonstate.yaml"]
    assert len(nonstate) >= 300


def test_every_state_with_a_demonym_has_government_and_police(kb: KnowledgeBase) -> None:
    countries = _raw("demonyms.yaml")["countries"]
    for code, entry in countries.items():
        if entry.get("adjectives"):
            assert f"{code}-government" in kb.actors
            assert f"{code}-police" in kb.actors
            assert (f"{code}-military" in kb.actors) is not bool(entry.get("dependent"))


# --- normalisation and lookup ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kata'ib Hizballah", "Kataib Hizballah"),
        ("U.S.", "US"),
        ("al-Shabaab", "Al Shabaab"),
        ("the Houthis", "Houthis"),
        ("Côte d'Ivoire", "cote divoire"),
        ("Iran's", "Iran"),
        ("Hay’at Tahrir al-Sham", "Hayat Tahrir al Sham"),
    ],
)
def test_normalise_name_makes_spelling_variants_equal(a: str, b: str) -> None:
    assert normalise_name(a) == normalise_name(b)


def test_normalise_name_keeps_a_lone_the() -> None:
    assert normalise_name("The") == "the"


@pytest.mark.parametrize(
    ("surface", "actor_id"),
    [
        ("Kataib Hezbollah", "kataib-hezbollah"),
        ("Kata'ib Hizballah", "kataib-hezbollah"),
        ("Kataeb Hezbollah", "kataib-hezbollah"),
        ("Hizballah", "hezbollah"),
        ("Hizbullah", "hezbollah"),
        ("Ansar Allah", "houthis"),
        ("the Houthis", "houthis"),
        ("Houthi rebels", "houthis"),
        ("Harakat al-Shabaab al-Mujahideen", "al-shabaab"),
        ("al Shabaab", "al-shabaab"),
        ("Daesh", "islamic-state"),
        ("ISIL", "islamic-state"),
        ("ISIS-K", "iskp"),
        ("March 23 Movement", "m23"),
        ("AFC/M23", "afc"),
        ("Pakistani Taliban", "ttp"),
        ("Wagner Group", "wagner-group"),
        ("RSF", "rsf"),
        ("Rapid Support Forces", "rsf"),
        ("JNIM", "jnim"),
        ("ISWAP", "iswap"),
        ("Jama'atu Ahlis Sunna Lidda'awati wal-Jihad", "boko-haram"),
        ("IDF", "ISR-military"),
        ("Israel Defense Forces", "ISR-military"),
        ("Revolutionary Guards", "IRN-irgc"),
        ("Pentagon", "USA-military"),
        ("the Kremlin", "RUS-government"),
        ("Tatmadaw", "MMR-military"),
        ("Armed Forces of Ukraine", "UKR-military"),
        ("Sudanese Armed Forces", "SDN-military"),
        ("Tehran", "IRN-government"),
        ("Iranian authorities", "IRN-government"),
        ("United States", "USA"),
        ("America", "USA"),
        ("DR Congo", "COD"),
        ("Russia", "RUS"),
        ("Iran", "IRN"),
        ("Hemedti", "mohamed-hamdan-dagalo"),
        ("Zelenskyy", "volodymyr-zelensky"),
        ("Abu Mohammed al-Jolani", "ahmed-al-sharaa"),
        ("Military Forces of Israel", "ISR-military"),
        ("Hezbollah's", "hezbollah"),
        ("civilians", "civilians"),
        ("unknown gunmen", "gunmen"),
    ],
)
def test_lookup_finds_actor_by_variant(kb: KnowledgeBase, surface: str, actor_id: str) -> None:
    actor = kb.lookup(surface)
    assert actor is not None, surface
    assert actor.id == actor_id


@pytest.mark.parametrize(
    ("surface", "actor_id"),
    [
        ("IS", "islamic-state"),
        ("KH", "kataib-hezbollah"),
        ("SAF", "SDN-military"),
        ("US", "USA"),
        ("UN", "united-nations"),
    ],
)
def test_lookup_matches_short_acronym_in_its_case(kb: KnowledgeBase, surface: str, actor_id: str) -> None:
    actor = kb.lookup(surface)
    assert actor is not None and actor.id == actor_id
    assert kb.lookup(surface.lower()) is None


@pytest.mark.parametrize("surface", ["Gaza", "Hama", "the", "fighting", "Sinwar", ""])
def test_lookup_returns_none_for_non_actor(kb: KnowledgeBase, surface: str) -> None:
    assert kb.lookup(surface) is None


def test_lookup_plural_is_only_for_groups(kb: KnowledgeBase) -> None:
    # "Houthis" is found through the plural rule because "Houthi" is a group alias; a state or
    # person name with an "s" added is not a name.
    houthis = kb.lookup("Huthis")
    assert houthis is not None and houthis.id == "houthis"
    assert kb.lookup("Irans") is None
    assert kb.lookup("Netanyahus") is None


@pytest.mark.parametrize(
    ("word", "state"),
    [
        ("Israeli", "ISR"),
        ("Israelis", "ISR"),
        ("Iranian", "IRN"),
        ("Palestinians", "PSE"),
        ("Palestinian", "PSE"),
        ("British", "GBR"),
        ("Briton", "GBR"),
        ("American", "USA"),
        ("U.S.", "USA"),
        ("Congolese", "COD"),
        ("Burkinabè", "BFA"),
        ("Burkinabe", "BFA"),
        ("South Sudanese", "SSD"),
        ("Sudanese", "SDN"),
        ("Emirati", "ARE"),
    ],
)
def test_demonym_names_the_state(kb: KnowledgeBase, word: str, state: str) -> None:
    actor = kb.demonym(word)
    assert actor is not None and actor.id == state and actor.kind == "state"


@pytest.mark.parametrize("word", ["us", "Korean", "Kurdish", "Houthi"])
def test_demonym_is_none_for_non_demonym(kb: KnowledgeBase, word: str) -> None:
    assert kb.demonym(word) is None


@pytest.mark.parametrize(
    ("country", "head", "actor_id"),
    [
        ("ISR", "forces", "ISR-military"),
        ("ISR", "troops", "ISR-military"),
        ("ISR", "soldier", "ISR-military"),
        ("ISR", "air force", "ISR-military"),
        ("ISR", "Navy", "ISR-military"),
        ("IRN", "government", "IRN-government"),
        ("IRN", "officials", "IRN-government"),
        ("IRN", "ministry", "IRN-government"),
        ("KEN", "police", "KEN-police"),
        ("KEN", "policemen", "KEN-police"),
        ("sdn", "army", "SDN-military"),
    ],
)
def test_institution_by_country_and_head(kb: KnowledgeBase, country: str, head: str, actor_id: str) -> None:
    actor = kb.institution(country, head)
    assert actor is not None and actor.id == actor_id


def test_institution_is_none_for_unknown_head_or_country(kb: KnowledgeBase) -> None:
    assert kb.institution("ISR", "settlers") is None
    assert kb.institution("XXX", "army") is None
    assert kb.institution("PRI", "army") is None  # a territory has no armed forces of its own


def test_generated_institution_has_acled_name_and_aliases(kb: KnowledgeBase) -> None:
    police = kb.get("KEN-police")
    assert police is not None
    assert police.acled_name == "Police Forces of Kenya"
    assert "Kenyan police" in police.aliases
    military = kb.get("ISR-military")
    assert military is not None
    assert military.name == "Israel Defense Forces"
    assert {"IDF", "Israeli troops", "Israeli army"} <= set(military.aliases)


def test_explicit_institution_takes_over_a_generated_alias(kb: KnowledgeBase) -> None:
    turkish_intelligence = kb.lookup("Turkish intelligence")
    assert turkish_intelligence is not None and turkish_intelligence.id == "TUR-mit"
    government = kb.get("TUR-government")
    assert government is not None and "Turkish intelligence" not in government.aliases


# --- persons and relations ------------------------------------------------------------------------


def test_person_keeps_latest_role_and_time_bounded_relations(kb: KnowledgeBase) -> None:
    biden = kb.get("joe-biden")
    assert biden is not None
    assert (biden.role, biden.organization, biden.country) == ("President of the United States", "USA", "USA")
    presidency = [r for r in kb.relations_of("joe-biden") if r.object == "USA"]
    assert [(r.predicate, r.valid_from, r.valid_to) for r in presidency] == [
        ("leader_of", "2021-01-20", "2025-01-20")
    ]


def test_person_with_two_terms_has_two_relations(kb: KnowledgeBase) -> None:
    terms = [r for r in kb.relations_of("donald-trump") if r.object == "USA" and r.predicate == "leader_of"]
    assert [(r.valid_from, r.valid_to) for r in terms] == [("2017-01-20", "2021-01-20"), ("2025-01-20", None)]


def test_dead_leader_role_is_closed(kb: KnowledgeBase) -> None:
    (role,) = [r for r in kb.relations_of("hassan-nasrallah") if r.object == "hezbollah"]
    assert role.valid_to == "2024-09-27"


def test_person_without_country_takes_it_from_organization(tmp_path: Path) -> None:
    directory = _copy_data(tmp_path)
    _replace(
        directory / "leaders.yaml",
        "{id: joe-biden, name: Joe Biden, country: USA,",
        "{id: joe-biden, name: Joe Biden,",
    )
    biden = load_knowledge_base(directory).get("joe-biden")
    assert biden is not None and biden.country == "USA"


@pytest.mark.parametrize(
    ("subject", "predicate", "obj"),
    [
        ("IRN", "sponsors", "hezbollah"),
        ("IRN", "sponsors", "houthis"),
        ("kataib-hezbollah", "member_of", "islamic-resistance-in-iraq"),
        ("RUS", "sponsors", "wagner-group"),
        ("IRN-irgc", "part_of", "IRN-military"),
        ("qassam-brigades", "part_of", "hamas"),
        ("m23", "member_of", "afc"),
    ],
)
def test_relations_of_lists_known_relation(kb: KnowledgeBase, subject: str, predicate: str, obj: str) -> None:
    for actor_id in (subject, obj):
        assert any(
            (r.subject, r.predicate, r.object) == (subject, predicate, obj) for r in kb.relations_of(actor_id)
        )


def test_relations_of_unknown_actor_is_empty(kb: KnowledgeBase) -> None:
    assert kb.relations_of("no-such-actor") == ()


# --- entity ruler patterns ------------------------------------------------------------------------


def _patterns_for(kb: KnowledgeBase, *ids: str) -> Iterator[dict[str, object]]:
    return (p for p in kb.ruler_patterns() if p["id"] in ids)


def test_ruler_patterns_match_acronyms_by_orth_and_names_as_phrases(kb: KnowledgeBase) -> None:
    patterns = {
        (p["id"], repr(p["pattern"])): p["label"]
        for p in _patterns_for(kb, "islamic-state", "kataib-hezbollah", "USA")
    }
    assert patterns[("islamic-state", repr([{"ORTH": "IS"}]))] == "ORG"
    assert patterns[("USA", repr([{"ORTH": "U.S."}]))] == "GPE"
    assert ("kataib-hezbollah", repr("Kata'ib Hizballah")) in patterns
    assert ("kataib-hezbollah", repr("Kataib Hizballah")) in patterns  # apostrophe-free variant
    assert not any(key[1] == repr("is") for key in patterns)


def test_ruler_patterns_labels_follow_kind(kb: KnowledgeBase) -> None:
    labels = {
        (p["id"], repr(p["pattern"])): p["label"]
        for p in _patterns_for(kb, "benjamin-netanyahu", "IRN", "hamas")
    }
    assert labels[("benjamin-netanyahu", repr("Netanyahu"))] == "PERSON"
    assert labels[("IRN", repr("Iran"))] == "GPE"
    assert labels[("IRN", repr("Iranian"))] == "NORP"
    assert labels[("hamas", repr("Hamas"))] == "ORG"


def test_ruler_patterns_leave_out_generic_actors_unless_asked(kb: KnowledgeBase) -> None:
    assert not any(p["id"] == "civilians" for p in kb.ruler_patterns())
    assert any(p["id"] == "civilians" for p in kb.ruler_patterns(include_generic=True))


def test_ruler_tokenizer_agrees_with_spacy_on_every_alias(kb: KnowledgeBase) -> None:
    tokenizer = spacy.blank("en").tokenizer
    aliases = {text for actor in kb.actors.values() for alias in actor.aliases for text in _variants(alias)}
    disagree = [a for a in sorted(aliases) if _tokenize(a) != [t.text for t in tokenizer(a)]]
    assert disagree == []


def test_ruler_patterns_find_actors_in_text(kb: KnowledgeBase) -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ids = (
        "islamic-state",
        "kataib-hezbollah",
        "al-shabaab",
        "ISR-military",
        "USA",
        "houthis",
        "abdul-malik-al-houthi",
    )
    ruler.add_patterns(list(_patterns_for(kb, *ids)))  # type: ignore[attr-defined]
    doc = nlp(
        "Kata'ib Hizballah and IS claimed the attacks, while al Shabaab is quiet. "
        "US officials said Israeli troops and the Houthis traded fire, as Abdul Malik al Houthi vowed."
    )
    found = [(ent.text, ent.ent_id_) for ent in doc.ents]
    assert found == [
        ("Kata'ib Hizballah", "kataib-hezbollah"),
        ("IS", "islamic-state"),
        ("al Shabaab", "al-shabaab"),
        ("US", "USA"),
        ("Israeli troops", "ISR-military"),
        ("Houthis", "houthis"),
        ("Abdul Malik al Houthi", "abdul-malik-al-houthi"),
    ]


# --- malformed data -------------------------------------------------------------------------------


def test_load_from_directory_reads_that_directory(tmp_path: Path) -> None:
    directory = _copy_data(tmp_path)
    _replace(directory / "generic.yaml", "name: Gunmen,", "name: Armed men,")
    gunmen = load_knowledge_base(directory).get("gunmen")
    assert gunmen is not None and gunmen.name == "Armed men"


def test_load_malformed_yaml_raises_one_line_error(tmp_path: Path) -> None:
    directory = _copy_data(tmp_path)
    (directory / "nonstate.yaml").write_text("provenance: {sources: [x]\nactors: []\n", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_knowledge_base(directory)
    assert str(caught.value) == f"{directory / 'nonstate.yaml'}: line 2: did not find expected ',' or '}}'"


def test_load_unknown_kind_raises_exact_error(tmp_path: Path) -> None:
    directory = _copy_data(tmp_path)
    _replace(
        directory / "nonstate.yaml",
        "{id: hamas, name: Hamas, kind: armed_group,",
        "{id: hamas, name: Hamas, kind: armed,",
    )
    with pytest.raises(DataFileError) as caught:
        load_knowledge_base(directory)
    assert str(caught.value) == (
        f"{directory / 'nonstate.yaml'}: hamas: unknown kind 'armed' "
        "(expected one of armed_group, coalition, media, organization, other, political_party)"
    )


def test_load_unquoted_name_with_a_comma_raises_exact_error(tmp_path: Path) -> None:
    directory = _copy_data(tmp_path)
    _replace(
        directory / "nonstate.yaml",
        "{id: hamas, name: Hamas, kind: armed_group,",
        "{id: hamas, name: Hamas, the Islamic Resistance Movement, kind: armed_group,",
    )
    with pytest.raises(DataFileError) as caught:
        load_knowledge_base(directory)
    assert str(caught.value) == (
        f"{directory / 'nonstate.yaml'}: hamas: unknown field 'the Islamic Resistance Movement' "
        "(quote a name that holds a comma)"
    )


def test_acled_names_de_facto_authorities_as_state_forces_with_their_faction(kb: KnowledgeBase) -> None:
    """ACLED codes the Houthi-run forces and Haftar's LNA as a state's forces plus a faction name."""
    houthis, lna = kb.get("houthis"), kb.get("lna")
    assert houthis is not None and houthis.acled_name == "Military Forces of Yemen Supreme Political Council"
    assert lna is not None and lna.acled_name == "Military Forces of Libya Haftar Faction"


def test_packaged_actor_names_are_whole(kb: KnowledgeBase) -> None:
    """A name cut at its comma ("Return" for the 3R group) would match a common word everywhere."""
    three_r = kb.get("three-r")
    assert three_r is not None and three_r.name == "Return, Reclamation, Rehabilitation"
    assert kb.lookup("return") is None


def test_load_without_provenance_raises_exact_error(tmp_path: Path) -> None:
    directory = _copy_data(tmp_path)
    (directory / "generic.yaml").write_text("actors: []\n", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_knowledge_base(directory)
    assert str(caught.value) == f"{directory / 'generic.yaml'}: missing the 'provenance' header"


def test_load_relation_to_unknown_id_raises_exact_error(tmp_path: Path) -> None:
    directory = _copy_data(tmp_path)
    _replace(
        directory / "nonstate.yaml",
        "{subject: IRN, predicate: sponsors, object: hezbollah,",
        "{subject: IRN, predicate: sponsors, object: hizbollah-typo,",
    )
    with pytest.raises(DataFileError) as caught:
        load_knowledge_base(directory)
    assert str(caught.value) == (
        f"{directory / 'nonstate.yaml'}: relation IRN sponsors hizbollah-typo: unknown id 'hizbollah-typo'"
    )


def test_load_alias_claimed_twice_raises_exact_error(tmp_path: Path) -> None:
    directory = _copy_data(tmp_path)
    _replace(directory / "generic.yaml", "aliases: [gunman,", "aliases: [Hezbollah, gunman,")
    with pytest.raises(DataFileError) as caught:
        load_knowledge_base(directory)
    assert str(caught.value) == (
        f"{directory / 'generic.yaml'}: alias 'Hezbollah' of 'gunmen' is already an alias of 'hezbollah'"
    )


def test_load_bad_date_raises_exact_error(tmp_path: Path) -> None:
    directory = _copy_data(tmp_path)
    _replace(
        directory / "leaders.yaml",
        "valid_from: 2021-01-20, valid_to: 2025-01-20}",
        "valid_from: 2021-01-20, valid_to: soon}",
    )
    with pytest.raises(DataFileError) as caught:
        load_knowledge_base(directory)
    assert str(caught.value) == (
        f"{directory / 'leaders.yaml'}: joe-biden as President of the United States: "
        "'valid_to' must be an ISO date (YYYY-MM-DD) or null, not 'soon'"
    )


def test_congo_alone_is_the_democratic_republic_as_congolese_is(kb: KnowledgeBase) -> None:
    congo, brazzaville = kb.lookup("Congo"), kb.lookup("Republic of Congo")
    assert congo is not None and congo.id == "COD"
    assert brazzaville is not None and brazzaville.id == "COG"
