"""Actor mentions: which stretches of text name which actor (issue #5)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from flashpoint.pipeline import extract
from flashpoint.records import ArticleResult

pytestmark = pytest.mark.slow


def _mentions(result: ArticleResult) -> dict[str, list[str]]:
    return {a.id: [m.text for m in a.mentions] for a in result.actors}


def test_mentions_an_unidentified_armed_group_is_acled_s_unidentified_armed_group(nlp: Language) -> None:
    result = extract(
        "An unidentified armed group ambushed a bus near Kidal on Tuesday.", "2024-05-08", nlp=nlp
    )
    assert _mentions(result).get("unidentified-armed-group") == ["unidentified armed group"]
    assert result.events[0].source == "unidentified-armed-group"


def test_mentions_the_armed_group_is_left_to_refer_back(nlp: Language) -> None:
    text = "JNIM fighters raided a market near Djibo. The armed group later withdrew north."
    result = extract(text, "2024-05-08", nlp=nlp)
    assert "unidentified-armed-group" not in _mentions(result)


def test_mentions_a_capital_right_before_police_is_that_state_s_police_whatever_the_parse(
    nlp: Language,
) -> None:
    result = extract("Kampala police arrest three suspects over the bus bombing.", "2024-05-08", nlp=nlp)
    assert "UGA-police" in _mentions(result)
    assert "UGA-government" not in _mentions(result)


def test_mentions_opposition_forces_are_not_the_state_s_military(nlp: Language) -> None:
    text = "Chad's opposition forces advanced towards the capital on Saturday, residents said."
    result = extract(text, "2024-05-08", nlp=nlp)
    assert "TCD-military" not in _mentions(result)


def test_mentions_the_x_backed_group_refers_back_to_the_group_named_before(nlp: Language) -> None:
    text = (
        "Houthi fighters launched a drone at a container ship off Hodeidah on Monday. "
        "The Iran-backed group said more strikes would follow."
    )
    result = extract(text, "2024-05-08", nlp=nlp)
    assert "The Iran-backed group" in _mentions(result)["houthis"]
    assert ("IRN", "sponsors", "houthis") in {(r.subject, r.predicate, r.object) for r in result.relations}


def test_mentions_iran_backed_groups_without_a_name_are_an_actor_of_their_own(nlp: Language) -> None:
    text = "Iran-backed groups fired rockets at a base in eastern Syria on Friday."
    result = extract(text, "2024-05-08", nlp=nlp)
    assert any(actor_id.startswith("irn-backed") for actor_id in _mentions(result))


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("QSD fighters detained six men in Raqqa on Sunday.", "sdf"),
        ("NAF units shelled positions near Avdiivka overnight.", "novorossiya-forces"),
        ("Southern resistance forces pushed Houthi fighters back near Dhale.", "southern-resistance"),
    ],
)
def test_mentions_names_and_acronyms_of_regional_armed_groups(
    nlp: Language, text: str, actor_id: str
) -> None:
    assert actor_id in _mentions(extract(text, "2019-05-08", nlp=nlp))


def test_mentions_a_ministry_s_mention_runs_over_its_full_title(nlp: Language) -> None:
    text = "A spokesman for the Turkish Ministry of Foreign Affairs said the talks would resume."
    result = extract(text, "2024-05-08", nlp=nlp)
    assert "Turkish Ministry of Foreign Affairs" in _mentions(result)["TUR-government"]


def test_mentions_brackets_naming_one_group_identify_the_unnamed_fighters(nlp: Language) -> None:
    text = "Gunmen (suspected al-Shabaab) stormed a hotel in Mogadishu on Friday."
    result = extract(text, "2024-05-08", nlp=nlp)
    assert "Gunmen" in _mentions(result)["al-shabaab"]


def test_mentions_brackets_naming_two_groups_identify_no_one(nlp: Language) -> None:
    text = "Militants (ISWAP or Boko Haram) torched a clinic in Borno on Friday."
    result = extract(text, "2024-05-08", nlp=nlp)
    assert "Militants" not in _mentions(result).get("iswap", []) + _mentions(result).get("boko-haram", [])


def test_mentions_the_state_alone_is_the_government_of_the_article_s_country(nlp: Language) -> None:
    text = "Colombian troops clashed with ELN guerrillas, who have fought the state since 1964."
    result = extract(text, "2024-05-08", nlp=nlp)
    assert "state" in _mentions(result).get("COL-government", [])


def test_mentions_the_state_of_a_region_or_state_media_is_no_actor(nlp: Language) -> None:
    text = "Troops were sent to the state of Borno, state media in Nigeria said."
    result = extract(text, "2024-05-08", nlp=nlp)
    assert not any("state" in texts for texts in _mentions(result).values())


def test_mentions_in_the_state_is_a_place(nlp: Language) -> None:
    text = "Police in the state said 60 armed opposition fighters had surrendered."
    result = extract(text, "2024-05-08", nlp=nlp)
    assert not any("state" in texts for texts in _mentions(result).values())


def test_mentions_armed_opposition_forces_are_rebels(nlp: Language) -> None:
    text = "Police said more than 60 armed opposition forces surrendered in Yambio, South Sudan."
    result = extract(text, "2024-05-08", nlp=nlp)
    rebels = [actor_id for actor_id, texts in _mentions(result).items() if "opposition forces" in texts]
    assert rebels and rebels[0].startswith("rebels")


def test_mentions_a_named_group_before_a_generic_phrase_owns_the_whole_phrase(nlp: Language) -> None:
    text = "The KNLA guerrilla fighters overran an army outpost near Myawaddy on Friday."
    result = extract(text, "2024-05-08", nlp=nlp)
    assert result.events[0].source == "knla"


def test_mentions_a_numbered_brigade_is_the_state_s_military(nlp: Language) -> None:
    text = "Troops of the 41st Mechanized Brigade repelled an assault near Pokrovsk, Ukraine, on Monday."
    result = extract(text, "2024-05-08", nlp=nlp)
    assert "41st Mechanized Brigade" in _mentions(result).get("UKR-military", [])


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("American and Iraqi troops raided a farmhouse near Tikrit at dawn.", "USA-military", "IRQ-military"),
        ("French and Malian soldiers patrolled the road to Gao on Sunday.", "FRA-military", "MLI-military"),
    ],
)
def test_mentions_two_states_forces_under_one_noun_are_two_institutions(
    nlp: Language, text: str, first: str, second: str
) -> None:
    result = extract(text, "2024-05-08", nlp=nlp)
    mentions = _mentions(result)
    assert first in mentions and second in mentions, mentions
    assert result.events and result.events[0].source == first, [(e.type, e.source) for e in result.events]


def test_mentions_a_body_named_for_a_place_is_one_organisation(nlp: Language) -> None:
    result = extract(
        "The Kassala Resistance Committee said militiamen had looted the market.", "2024-05-08", nlp=nlp
    )
    assert "org:kassala-resistance-committee" in _mentions(result), _mentions(result)
