"""Where an event happened, read from sentences we wrote: the town the writing names, read in the
country the writing puts it in, rather than a namesake abroad or the country alone. Issue #4."""

from __future__ import annotations

import pytest
from spacy.language import Language

from flashpoint.pipeline import extract

pytestmark = pytest.mark.slow


def _places(nlp: Language, text: str) -> list[tuple[str | None, str | None]]:
    result = extract(text, "2024-05-06", nlp=nlp)
    return [(e.location.name, e.location.country) if e.location else (None, None) for e in result.events]


def test_a_town_the_model_calls_a_person_is_the_place_after_in(nlp: Language) -> None:
    places = _places(
        nlp, "Police fired tear gas at a crowd in Damasak on Monday during protests across Nigeria."
    )
    assert places and places[0] == ("Damasak", "NGA")


def test_a_town_the_model_calls_a_people_is_the_place_after_in(nlp: Language) -> None:
    assert _places(nlp, "Protesters in Taodeni blocked a road on Monday.") == [("Taoudenni", "MLI")]


def test_a_small_town_is_found_by_another_spelling_of_its_name(nlp: Language) -> None:
    assert _places(nlp, "Armed men raided the village of Surayfa on Monday, burning several houses.") == [
        ("Srîfa", "LBN")
    ]


def test_a_town_is_more_specific_than_its_country(nlp: Language) -> None:
    text = "Farmers in Kassala staged a demonstration against fuel prices in Sudan on Monday."
    assert _places(nlp, text) == [("Kassala", "SDN")]


def test_a_village_named_inside_a_district_and_province_is_read_in_their_country(nlp: Language) -> None:
    """Kobe of Japan is far larger than Bokoro, but two names around the village agree on Chad."""
    places = _places(nlp, "Gunmen killed two herders in Kobe village (Bokoro, Hadjer-Lamis) on Sunday.")
    assert [country for _, country in places] == ["TCD"]


def test_a_small_namesake_abroad_gives_way_to_the_country_of_the_sentence(nlp: Language) -> None:
    text = "Gunmen attacked a market on the outskirts of Maria, in southern Chad, on Friday."
    assert [country for _, country in _places(nlp, text)] == ["TCD"]


def test_a_large_city_abroad_is_meant_as_itself(nlp: Language) -> None:
    assert _places(nlp, "Hundreds rallied in London on Saturday against the war in Ukraine.") == [
        ("London", "GBR")
    ]


def test_a_sea_that_names_a_port_gives_way_to_the_port(nlp: Language) -> None:
    assert _places(nlp, "Russian drones struck the Black Sea port of Izmail on Monday.") == [
        ("Izmayil", "UKR")
    ]


def test_a_news_agency_does_not_put_the_story_in_its_country(nlp: Language) -> None:
    from flashpoint.extraction.context import Entities
    from flashpoint.extraction.mentions import find_mentions
    from flashpoint.pipeline import _context_countries, load_knowledge

    knowledge = load_knowledge()
    doc = nlp("Gunmen killed five villagers in northern Mali, a local official told AFP.")
    mentions = find_mentions(doc, knowledge.kb, knowledge.lexicon, knowledge.gazetteer.is_place)
    assert any(m.country == "FRA" for m in mentions)  # the agency is known, and French
    assert _context_countries(mentions, Entities.of(doc), knowledge) == ["MLI"]


def test_a_currency_does_not_put_the_story_in_its_country(nlp: Language) -> None:
    from flashpoint.extraction.context import Entities
    from flashpoint.extraction.mentions import find_mentions
    from flashpoint.pipeline import _context_countries, load_knowledge

    knowledge = load_knowledge()
    doc = nlp(
        "Traders in Beirut shut their shops on Monday as the US dollar rose against the Lebanese pound."
    )
    mentions = find_mentions(doc, knowledge.kb, knowledge.lexicon, knowledge.gazetteer.is_place)
    assert "USA" not in _context_countries(mentions, Entities.of(doc), knowledge)


def test_a_country_asked_for_help_in_another_clause_is_not_where_the_fighting_was(nlp: Language) -> None:
    text = "Malian soldiers clashed with rebels on Monday, and the army urged Algeria to seal the border."
    assert _places(nlp, text)[0][1] == "MLI"


def test_where_fighters_came_from_is_not_where_they_were_fought(nlp: Language) -> None:
    text = (
        "Beninese soldiers fought jihadists on Tuesday in villages that the fighters had entered from Niger."
    )
    assert [country for _, country in _places(nlp, text)] == ["BEN"]


def test_a_sea_that_names_an_unnamed_port_is_not_the_place(nlp: Language) -> None:
    text = "Ukrainian gunners shot down a drone above the Black Sea port on Monday."
    assert [country for _, country in _places(nlp, text)] == ["UKR"]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Supporters of the NDC and the NPP fought with machetes after the count on Tuesday.", "GHA"),
        ("Hundreds marched against bread prices and blamed the ruling New Patriotic Party.", "GHA"),
        ("ODM supporters clashed with police at a market after the results were announced.", "KEN"),
        ("Suspected Mungiki members hacked two traders to death at a bus stage.", "KEN"),
    ],
)
def test_a_story_that_names_no_place_is_in_the_country_of_its_party_or_gang(
    nlp: Language, text: str, country: str
) -> None:
    places = _places(nlp, text)
    assert places and places[0][1] == country


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen stormed a Chinese-owned gold mine in the hills, killing three guards.",
        "Militiamen shot down a Turkish-made drone over the hills on Sunday.",
        "Iran-backed fighters ambushed a convoy on Sunday, killing three guards.",
    ],
)
def test_an_owner_maker_or_backer_does_not_put_the_story_in_its_country(nlp: Language, text: str) -> None:
    from flashpoint.extraction.context import Entities
    from flashpoint.extraction.mentions import find_mentions
    from flashpoint.pipeline import _context_countries, load_knowledge

    knowledge = load_knowledge()
    doc = nlp(text)
    mentions = find_mentions(doc, knowledge.kb, knowledge.lexicon, knowledge.gazetteer.is_place)
    assert _context_countries(mentions, Entities.of(doc), knowledge) == []


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Kenyan herders protested on Monday against a plan to export cattle to Egypt.", "KEN"),
        ("Gunmen killed two Malian soldiers at a checkpoint and then crossed back into Niger.", "MLI"),
    ],
)
def test_where_another_word_sends_something_is_not_where_the_event_was(
    nlp: Language, text: str, country: str
) -> None:
    assert _places(nlp, text)[0][1] == country


def test_the_event_s_own_destination_is_its_place(nlp: Language) -> None:
    assert _places(nlp, "Artillery shells fell into Chad on Monday, killing two herders.")[0][1] == "TCD"


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed four farmers in Gwoza LGA, Borno State, on Sunday.",
        "A roadside bomb hit an army truck near Ngarbuwa (Gwoza LGA, Borno) on Sunday.",
    ],
)
def test_a_nigerian_local_government_area_is_read_as_its_seat(nlp: Language, text: str) -> None:
    assert _places(nlp, text)[0] == ("Gwoza", "NGA")


def test_a_recipient_that_the_event_s_clause_describes_is_its_place(nlp: Language) -> None:
    text = "France is providing drones to Niger, which is preparing an offensive against Malian rebels."
    assert ("Niger", "NER") in _places(nlp, text)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Russian drones struck Kupiansk (Kharkiv) overnight, damaging a school.", ("Kupyansk", "UKR")),
        ("Artillery shelled Kostiantynivka (Donetsk) on Tuesday.", ("Kostyantynivka", "UKR")),
    ],
)
def test_a_name_before_a_bracket_of_its_province_is_the_place(
    nlp: Language, text: str, place: tuple[str, str]
) -> None:
    assert _places(nlp, text)[0] == place


def test_an_unlabelled_town_s_namesake_abroad_does_not_drop_its_province(nlp: Language) -> None:
    places = _places(nlp, "Militants attacked Tarfa (Bakool) on Tuesday.")
    assert places and places[0][1] == "SOM"


@pytest.mark.parametrize(
    "text",
    [
        "Russian shelling hit Zolochiv (Kharkiv) on Tuesday, wounding two civilians.",
        "A guided bomb struck a school in Zolochiv, Kharkiv region, on Tuesday.",
    ],
)
def test_of_two_same_named_towns_the_one_near_its_province_is_meant(nlp: Language, text: str) -> None:
    """Ukraine has a larger Zolochiv near Lviv, far from Kharkiv."""
    name, country = _places(nlp, text)[0]
    assert (name, country) == ("Zolochiv", "UKR")
    result = extract(text, "2024-05-06", nlp=nlp)
    location = result.events[0].location
    assert location is not None and location.lon is not None and location.lon > 35.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A bomb exploded outside Nairobis central police station on Tuesday, wounding four.",
            ("Nairobi", "KEN"),
        ),
        ("Gunmen opened fire inside Kismayos main market on Sunday.", ("Kismayo", "SOM")),
    ],
)
def test_a_possessive_without_its_apostrophe_names_its_city(
    nlp: Language, text: str, expected: tuple[str, str]
) -> None:
    assert _places(nlp, text)[:1] == [expected]


def test_a_surname_in_a_possessive_is_not_a_town(nlp: Language) -> None:
    assert _places(nlp, "Protesters gathered outside Thomas house on Friday evening.") == [(None, None)]


def test_the_first_word_of_a_valley_s_name_is_not_a_town_abroad(nlp: Language) -> None:
    """The ruler used to label "Wadi" apart, read as a town in India."""
    text = "Troops raided homes east of Wadi Jenin on Monday."
    assert [country for _, country in _places(nlp, text)] == ["PSE"]
