"""ACLED's coding conventions that hang on a few words of the text: who an attack was aimed at, what a
petrol bomb is, when a demonstration turned violent. Sentences are our own."""

from __future__ import annotations

import pytest
from spacy.language import Language

from flashpoint.pipeline import extract
from flashpoint.records import ArticleResult, Event

pytestmark = pytest.mark.slow


def _read(nlp: Language, text: str) -> ArticleResult:
    return extract(text, "2021-03-10", nlp=nlp)


def _subs(result: ArticleResult) -> list[tuple[str, str | None, str | None]]:
    return [(str(e.type), e.trigger.text, e.acled.sub_event_type if e.acled else None) for e in result.events]


def _first(result: ArticleResult, plover: str) -> Event:
    found = [e for e in result.events if e.type == plover]
    assert found, _subs(result)
    return found[0]


@pytest.mark.parametrize(
    "text",
    [
        # a participle with a "by" agent is passive even where the parser gave it a subject
        "On 3 March, in Rosario, a union leader had his house attacked by gunmen while his children slept.",
        # shots from outside a home are aimed at the people inside
        "On 2 March, three unknown men opened fire outside the house of a provincial lawmaker in Multan.",
    ],
)
def test_acled_shots_at_a_home_are_violence_against_civilians(nlp: Language, text: str) -> None:
    attack = _first(_read(nlp, text), "ASSAULT")
    assert attack.acled is not None and attack.acled.event_type == "Violence against civilians", attack.acled


def test_acled_an_attack_by_gunmen_on_a_convoy_is_still_a_battle(nlp: Language) -> None:
    attack = _first(_read(nlp, "An army convoy was attacked by gunmen near Gao on Monday."), "ASSAULT")
    assert attack.acled is not None and attack.acled.event_type == "Battles", attack.acled


@pytest.mark.parametrize(
    "text",
    [
        "A group of youths threw a petrol bomb at the car of a council candidate in Kisumu on Friday.",
        "Two men hurled fire bombs at a bar in Mombasa on Saturday night.",
    ],
)
def test_acled_a_petrol_bomb_is_no_explosive(nlp: Language, text: str) -> None:
    attack = _first(_read(nlp, text), "ASSAULT")
    assert attack.mode != "explosives"
    assert attack.acled is not None and attack.acled.event_type != "Explosions/Remote violence", attack.acled


def test_acled_a_roadside_bomb_is_still_an_explosive(nlp: Language) -> None:
    attack = _first(_read(nlp, "A roadside bomb hit a police truck outside Kismayo on Friday."), "ASSAULT")
    assert attack.acled is not None and attack.acled.event_type == "Explosions/Remote violence", attack.acled


@pytest.mark.parametrize(
    "text",
    [
        "On 4 March, a crowd staged a demonstration in Sucre to demand new elections. "
        "They threw rocks at passing buses and smashed shop windows.",
        "On 6 March, a demonstration took place in Homs against the arrest of a teacher. "
        "Tyres were set on fire and the main road was blocked.",
    ],
)
def test_acled_a_demonstration_whose_crowd_turns_violent_in_the_next_sentence_is_a_riot(
    nlp: Language, text: str
) -> None:
    protest = _first(_read(nlp, text), "PROTEST")
    assert protest.acled is not None and protest.acled.sub_event_type == "Violent demonstration", _subs(
        _read(nlp, text)
    )


def test_acled_police_violence_after_a_march_does_not_make_the_marchers_rioters(nlp: Language) -> None:
    text = "Hundreds marched through Lagos on Monday. Police fired tear gas and burned their banners."
    protest = _first(_read(nlp, text), "PROTEST")
    assert protest.acled is not None and protest.acled.event_type == "Protests", protest.acled


def test_acled_riots_that_describe_the_detained_are_not_this_protest(nlp: Language) -> None:
    result = _read(
        nlp,
        "On 5 March, protesters gathered in Sidon against the detention of four men involved in riots.",
    )
    protests = [e for e in result.events if e.type == "PROTEST"]
    assert [e.acled.sub_event_type for e in protests if e.acled] == ["Peaceful protest"], _subs(result)


def test_acled_a_town_named_tyre_burns_no_tyres(nlp: Language) -> None:
    protest = _first(
        _read(nlp, "Hundreds of protesters gathered in Tyre on Sunday to demand unpaid wages."), "PROTEST"
    )
    assert protest.acled is not None and protest.acled.sub_event_type == "Peaceful protest", protest.acled


def test_acled_a_deed_a_suspect_is_wanted_for_is_no_new_event(nlp: Language) -> None:
    result = _read(nlp, "Police in Kano arrested two men suspected of the bombing of a bus station.")
    assert [str(e.type) for e in result.events] == ["COERCE"], _subs(result)


@pytest.mark.parametrize(
    "text",
    [
        "On 2 March, a fight broke out between two clans in Baalbek. "
        "The two sides exchanged fire and used rocket-propelled grenades.",
        "On 4 March, a shelling exchange took place between army units and rebel fighters near Idlib.",
    ],
)
def test_acled_an_exchange_of_fire_is_a_battle_whatever_was_fired(nlp: Language, text: str) -> None:
    attack = _first(_read(nlp, text), "ASSAULT")
    assert attack.acled is not None and attack.acled.sub_event_type == "Armed clash", attack.acled


def test_acled_participles_joined_to_a_passive_share_its_subject(nlp: Language) -> None:
    result = _read(
        nlp, "On 6 March, four PKK militants were killed, wounded or captured during an operation near Kars."
    )
    assert not [e for e in result.events if e.mode == "seize-territory"], _subs(result)
    assert [e for e in result.events if e.type == "ASSAULT" and e.target == "pkk"], _subs(result)


def test_acled_shot_and_wounded_is_one_attack(nlp: Language) -> None:
    result = _read(nlp, "Three police officers were shot and wounded in Kano on Friday.")
    assert len([e for e in result.events if e.type == "ASSAULT"]) == 1, _subs(result)


def test_acled_an_arson_attack_that_hurt_no_one_destroyed_property(nlp: Language) -> None:
    result = _read(nlp, "On 1 March, militants carried out an arson attack targeting an empty hotel in Van.")
    assert _subs(result) == [("COERCE", "attack", "Looting/property destruction")]
    deadly = _read(nlp, "An arson attack on a house in Bauchi killed three children.")
    assert _first(deadly, "ASSAULT").acled.event_type == "Violence against civilians"


@pytest.mark.parametrize(
    ("text", "sub_event"),
    [
        ("Two gunmen opened fire on a crowded cafe in Karachi on Sunday night.", "Attack"),
        (
            "Army artillery units pounded rebel positions near Kidal on Tuesday.",
            "Shelling/artillery/missile attack",
        ),
        (
            "Police said two pistols were discovered during a search of a minibus near Gondar.",
            "Disrupted weapons use",
        ),
        ("Chlorine munitions were dropped on a town in Idlib province in March.", "Chemical weapon"),
        (
            "Armed men stole cattle and farm equipment from a village near Jos on Monday.",
            "Looting/property destruction",
        ),
        (
            "Two men detonated explosives, killing themselves, near a checkpoint outside Maiduguri.",
            "Suicide bomb",
        ),
        ("A man blew himself up outside a police station in Quetta on Friday.", "Suicide bomb"),
        (
            "Thousands of demonstrators marched through Lyon on Saturday. There were scuffles with police "
            "near the town hall.",
            "Violent demonstration",
        ),
    ],
)
def test_acled_sub_event_types_from_the_words_of_the_deed(nlp: Language, text: str, sub_event: str) -> None:
    result = _read(nlp, text)
    assert sub_event in [e.acled.sub_event_type for e in result.events if e.acled], _subs(result)


def test_acled_a_grenade_thrown_by_gunmen_is_a_grenade_attack(nlp: Language) -> None:
    attack = _first(
        _read(nlp, "Gunmen hurled two grenades at a police patrol in Garissa on Monday."), "ASSAULT"
    )
    assert attack.acled is not None and attack.acled.sub_event_type == "Grenade", attack.acled


def test_acled_a_petrol_bomb_at_a_home_is_an_attack_but_at_police_a_riot(nlp: Language) -> None:
    home = _first(
        _read(nlp, "Youths hurled a petrol bomb at the house of a councillor in Kisumu."), "ASSAULT"
    )
    assert home.acled is not None and home.acled.sub_event_type == "Attack", home.acled
    police = _first(
        _read(nlp, "Protesters hurled petrol bombs at riot police in Athens on Sunday."), "ASSAULT"
    )
    assert police.acled is not None and police.acled.event_type == "Riots", police.acled


def test_acled_a_downed_aircraft_is_the_target_of_the_attack_not_its_weapon(nlp: Language) -> None:
    result = _read(nlp, "The Houthis said they had downed a US drone aircraft over Marib on Sunday.")
    attack = _first(result, "ASSAULT")
    assert attack.source == "houthis" and attack.target == "USA", _subs(result)
    helicopter = _first(_read(nlp, "Rebels downed an army helicopter near Kidal on Monday."), "ASSAULT")
    assert helicopter.acled is not None and helicopter.acled.sub_event_type == "Armed clash", helicopter.acled


def test_acled_warplanes_that_bombed_a_town_made_an_air_strike(nlp: Language) -> None:
    result = extract("Syrian warplanes bombed a market in Idlib on Sunday.", "2024-05-08", nlp=nlp)
    assert [(e.mode, e.acled.sub_event_type if e.acled else None) for e in result.events] == [
        ("aerial", "Air/drone strike")
    ]


def _source_names(result: ArticleResult, event: Event) -> list[str]:
    source = next((a for a in result.actors if a.id == event.source), None)
    return [source.name, *source.aliases] if source is not None else []


@pytest.mark.parametrize(
    "text",
    [
        "On 4 March, a bomb exploded in a market in Garissa, wounding six traders.",
        "On 5 March, the house of a union organiser in Cordoba was hit by several shots overnight.",
        "On 6 March, two mortar shells fell near the airport in Kirkuk, causing no damage.",
    ],
)
def test_acled_an_attack_with_no_doer_named_is_an_unidentified_armed_group_s(
    nlp: Language, text: str
) -> None:
    result = _read(nlp, text)
    attack = _first(result, "ASSAULT")
    assert any(n.startswith("Unidentified Armed Group (") for n in _source_names(result, attack)), (
        attack.source,
        [(a.id, a.aliases) for a in result.actors],
    )


def test_acled_an_attack_in_a_text_that_names_an_armed_group_stays_without_a_guessed_doer(
    nlp: Language,
) -> None:
    text = "On 4 March, a bomb exploded in a market in Garissa. Residents blamed al Shabaab for the blast."
    attack = _first(_read(nlp, text), "ASSAULT")
    assert attack.source is None or not attack.source.startswith("unidentified-armed-group")


def test_acled_a_label_before_a_colon_names_no_one_in_the_story(nlp: Language) -> None:
    text = "Movement of forces: On 4 March, al Shabaab brought reinforcements to Jilib in Middle Juba."
    result = _read(nlp, text)
    move = _first(result, "MOBILIZE")
    assert move.source == "al-shabaab", move.source
    assert not any(m.text == "forces" for a in result.actors for m in a.mentions)


def test_acled_a_verbless_opening_line_names_the_happening_it_reports(nlp: Language) -> None:
    result = _read(nlp, "Communal clashes and revenge attacks. Four wounded, several shops burned.")
    clash = _first(result, "ASSAULT")
    assert clash.acled is not None and clash.acled.event_type == "Battles", clash.acled


def test_acled_a_later_verbless_line_still_refers_back(nlp: Language) -> None:
    result = _read(nlp, "Police reopened the market in Garissa on Monday. The clashes of last year.")
    assert not any(e.type == "ASSAULT" for e in result.events), _subs(result)


def test_acled_residents_in_a_hyphenated_street_fight_with_police_are_rioters(nlp: Language) -> None:
    result = _read(
        nlp, "On 9 March, residents engaged in a street-fight with police officers in Eldoret, Kenya."
    )
    fight = _first(result, "ASSAULT")
    assert fight.trigger.text == "fight" and fight.acled is not None and fight.acled.event_type == "Riots"
    assert "Rioters (Kenya)" in _source_names(result, fight), _source_names(result, fight)


def test_acled_a_label_before_a_colon_is_no_trigger(nlp: Language) -> None:
    result = _read(nlp, "Looting: On 4 March, armed bandits looted three shops in Garissa.")
    looting = _first(result, "COERCE")
    assert looting.trigger.text == "looted" and looting.source == "bandits", (looting.trigger, looting.source)


def test_acled_an_army_s_evacuation_order_is_a_strategic_development(nlp: Language) -> None:
    text = "On 4 March, the army issued an evacuation order for three villages near Kidal, Mali."
    order = _first(_read(nlp, text), "COERCE")
    assert order.mode == "displace" and order.source == "MLI-military", (order.mode, order.source)
    assert order.acled is not None and order.acled.sub_event_type == "Other", order.acled


def test_acled_an_evacuation_order_before_a_storm_is_no_event(nlp: Language) -> None:
    text = "The provincial government issued evacuation orders for coastal villages ahead of the cyclone."
    assert not any(e.mode == "displace" for e in _read(nlp, text).events)


def test_acled_one_attacker_named_by_a_people_is_an_unidentified_armed_group_of_that_country(
    nlp: Language,
) -> None:
    result = _read(nlp, "On 4 March, a shopkeeper was stabbed by a Moroccan in the centre of Tunis, Tunisia.")
    attack = _first(result, "ASSAULT")
    assert "Unidentified Armed Group (Morocco)" in _source_names(result, attack), attack.source


def test_acled_one_victim_named_by_a_people_is_a_civilian_not_the_state(nlp: Language) -> None:
    result = _read(nlp, "On 4 March, police in Tunis shot a Moroccan during a raid.")
    attack = _first(result, "ASSAULT")
    assert attack.target == "MAR-people", attack.target


def test_acled_a_people_s_name_before_a_noun_still_tells_whose(nlp: Language) -> None:
    result = _read(nlp, "A Moroccan official said the talks in Rabat would resume.")
    assert any(a.id.startswith("MAR") for a in result.actors), [a.id for a in result.actors]


def test_acled_protesters_who_pelt_the_forces_riot(nlp: Language) -> None:
    result = extract("Protesters marched on the border fence and pelted the soldiers.", "2024-05-08", nlp=nlp)
    protest = next(e for e in result.events if e.type == "PROTEST")
    assert protest.acled is not None and protest.acled.sub_event_type == "Violent demonstration"


def test_acled_an_observation_point_set_up_is_a_base_established(nlp: Language) -> None:
    result = extract(
        "Turkish troops set up a new observation point near Saraqib on Monday.", "2024-05-08", nlp=nlp
    )
    assert [e.acled.sub_event_type for e in result.events if e.acled] == ["Headquarters or base established"]


def test_acled_a_shelling_exchange_between_two_forces_is_a_battle(nlp: Language) -> None:
    text = (
        "On 3 May 2020, shelling exchange with heavy machine guns between regime forces and rebels"
        " took place near Saraqib."
    )
    result = extract(text, None, nlp=nlp)
    assert [e.acled.sub_event_type for e in result.events if e.acled] == ["Armed clash"]


def test_acled_cattle_rustlers_are_an_armed_group(nlp: Language) -> None:
    result = extract("Cattle rustlers shot dead two herders near Baragoi.", "2024-05-08", nlp=nlp)
    attack = next(e for e in result.events if e.type == "ASSAULT")
    assert attack.source == "bandits"
    assert attack.acled is not None and attack.acled.sub_event_type == "Attack"


_ABDUCTION = "Abduction/forced disappearance"


@pytest.mark.parametrize(
    ("text", "sub_event"),
    [
        ("Police raided a flat in Eldoret on Monday and arrested two brothers.", "Arrests"),
        ("Customs officers arrested four smugglers in a raid on a warehouse in Mersin.", "Arrests"),
        ("Troops stormed a hotel in Bamako and detained a former minister.", "Arrests"),
        # an armed group's "arrest" is an abduction (ACLED), and its raid the means of it
        ("Al-Shabaab militants raided a farm near Jowhar and arrested the owner's sons.", _ABDUCTION),
        ("Gunmen raided a boarding school in Katsina and abducted 30 pupils.", _ABDUCTION),
    ],
)
def test_acled_a_raid_that_ends_in_an_arrest_is_the_arrest(nlp: Language, text: str, sub_event: str) -> None:
    """A raid that hurt no one is how the people were taken: one event, coded as what was done to them."""
    result = _read(nlp, text)
    assert [s for _, _, s in _subs(result)] == [sub_event], _subs(result)


def test_acled_a_raid_in_which_someone_was_shot_stays_an_attack(nlp: Language) -> None:
    result = _read(
        nlp,
        "Soldiers raided a village near Mopti and detained six men. "
        "In the next village they raided a house, shot a herder and detained his son.",
    )
    subs = _subs(result)
    assert subs[0] == ("COERCE", "detained", "Arrests"), subs  # (the first raid hurt no one)
    assert any(t == "raided" and s == "Attack" for _, t, s in subs[1:]), subs


@pytest.mark.parametrize(
    ("text", "sub_event"),
    [
        (
            "Police arrested dozens of protesters outside the parliament in Nairobi.",
            "Protest with intervention",
        ),
        ("A number of demonstrators were detained in Tunis on Saturday.", "Protest with intervention"),
        (
            "Gendarmes detained eight people who gathered in a square in Lyon to mark Labour Day.",
            "Protest with intervention",
        ),
        (
            "Police shot dead a student and arrested 40 protesters in Omdurman.",
            "Excessive force against protesters",
        ),
    ],
)
def test_acled_demonstrators_arrested_as_they_protest_are_a_protest_broken_up(
    nlp: Language, text: str, sub_event: str
) -> None:
    """ACLED codes the arrest of people as they demonstrate as a protest with intervention."""
    arrest = _first(_read(nlp, text), "COERCE")
    assert arrest.acled is not None and arrest.acled.sub_event_type == sub_event, arrest.acled


def test_acled_people_taken_for_a_protest_already_over_are_arrested(nlp: Language) -> None:
    result = _read(
        nlp,
        "Police arrested thirty students who marched on the ministry in Dhaka. "
        "Two days later police arrested twelve more students who had marched with them.",
    )
    arrests = [e.acled.sub_event_type if e.acled else None for e in result.events if e.type == "COERCE"]
    assert arrests == ["Protest with intervention", "Arrests"], _subs(result)


def test_acled_an_old_mine_going_off_is_a_strategic_development(nlp: Language) -> None:
    # A remnant of a past war going off with no one using it; a mine a group planted stays an attack.
    old = _first(
        _read(
            nlp,
            "On 1 March, a farmer was badly injured after he accidentally stepped on a landmine in a rice "
            "field in Battambang province, Cambodia, an area fought over in the 1980s.",
        ),
        "ASSAULT",
    )
    assert old.acled is not None and (old.acled.event_type, old.acled.sub_event_type) == (
        "Strategic developments",
        "Other",
    ), old.acled
    planted = _first(
        _read(
            nlp, "On 1 March, two soldiers were killed when their truck struck a landmine planted by rebels."
        ),
        "ASSAULT",
    )
    assert planted.acled is not None and planted.acled.event_type == "Explosions/Remote violence", (
        planted.acled
    )


@pytest.mark.parametrize(
    "text",
    [
        "Army officers seized power in Guinea on Sunday and dissolved the government.",
        "Soldiers who grabbed power in Niamey said they had suspended the constitution.",
        "A military junta overthrew the elected government of Burkina Faso in a putsch on Friday.",
    ],
)
def test_acled_a_coup_is_a_strategic_development_not_looting(nlp: Language, text: str) -> None:
    coup = _first(_read(nlp, text), "COERCE")
    assert coup.acled is not None and (coup.acled.event_type, coup.acled.sub_event_type) == (
        "Strategic developments",
        "Other",
    ), _subs(_read(nlp, text))
