"""Triggers and arguments, read from the parse on sentences we wrote."""

from __future__ import annotations

import pytest
from spacy.language import Language

from flashpoint.pipeline import extract
from flashpoint.records import ArticleResult

pytestmark = pytest.mark.slow


def _read(nlp: Language, text: str, published: str = "2024-05-08") -> ArticleResult:
    return extract(text, published, nlp=nlp)


def _dyads(result: ArticleResult) -> set[tuple[str, str | None, str | None, str]]:
    return {(str(e.type), e.source, e.target, str(e.status)) for e in result.events}


def test_events_passive_voice_takes_the_agent_as_source(nlp: Language) -> None:
    result = _read(nlp, "Two police officers were shot dead by Boko Haram fighters in Maiduguri.")
    assert any(
        e.type == "ASSAULT" and e.source == "boko-haram" and e.fatalities == 2 for e in result.events
    ), _dyads(result)


def test_events_natural_disaster_is_not_an_attack(nlp: Language) -> None:
    result = _read(nlp, "Heavy floods hit three districts on Monday and at least nine people were killed.")
    assert not [e for e in result.events if e.type == "ASSAULT"]


def test_events_everyday_verb_between_no_actors_is_not_an_event(nlp: Language) -> None:
    result = _read(nlp, "The ministry released footage of the damaged bridge on Tuesday.")
    assert not [e for e in result.events if e.type == "RETREAT"]


def test_events_release_between_two_actors_is_an_event(nlp: Language) -> None:
    result = _read(nlp, "Hamas released three Israeli hostages to the Red Cross on Saturday.")
    assert any(e.type == "RETREAT" and e.source == "hamas" for e in result.events)


def test_events_vowed_attack_is_one_threat_on_the_watch_list(nlp: Language) -> None:
    result = _read(nlp, "Hezbollah vowed to strike Israel after the assassination of its commander.")
    threats = [e for e in result.events if e.type == "THREATEN"]
    assert len(threats) == 1
    assert (threats[0].source, threats[0].target, threats[0].status) == ("hezbollah", "ISR", "threatened")


def test_events_named_group_before_generic_noun_is_the_actor(nlp: Language) -> None:
    result = _read(nlp, "Al-Shabaab militants stormed a hotel in Mogadishu on Friday night.")
    assert any(e.type == "ASSAULT" and e.source == "al-shabaab" for e in result.events)


def test_events_pronoun_in_a_statement_is_the_speaker(nlp: Language) -> None:
    result = _read(nlp, "The Israeli military said it had struck a weapons depot in southern Lebanon.")
    assert any(e.type == "ASSAULT" and e.source == "ISR-military" for e in result.events)


def test_events_weapon_as_subject_is_an_attack(nlp: Language) -> None:
    result = _read(nlp, "Three mortar shells landed near the market in Gao on Thursday.")
    assert any(e.type == "ASSAULT" and e.mode == "artillery" for e in result.events)


def test_events_protest_with_burning_tyres_is_a_riot(nlp: Language) -> None:
    result = _read(
        nlp, "Hundreds of protesters demonstrated in the city centre, burning tyres and blocking roads."
    )
    protests = [e for e in result.events if e.type == "PROTEST"]
    assert protests and protests[0].acled is not None
    assert protests[0].acled.event_type == "Riots"


def test_events_crowd_violence_is_mob_violence(nlp: Language) -> None:
    result = _read(nlp, "Angry villagers attacked two suspected thieves in the market on Sunday.")
    attacks = [e for e in result.events if e.type == "ASSAULT"]
    assert attacks and attacks[0].acled is not None
    assert attacks[0].acled.sub_event_type == "Mob violence"


def test_events_what_demonstrators_do_is_a_protest(nlp: Language) -> None:
    result = _read(nlp, "Hundreds of demonstrators blocked the main road into the capital on Saturday.")
    assert any(e.type == "PROTEST" and e.source == "protesters" for e in result.events)


def test_events_light_verb_makes_an_unattributed_noun_an_event(nlp: Language) -> None:
    result = _read(nlp, "Two unidentified men opened fire outside a polling station in the town on Sunday.")
    assert any(e.type == "ASSAULT" and e.mode == "firearms" for e in result.events)


def test_events_clashes_erupted_between_two_sides(nlp: Language) -> None:
    result = _read(nlp, "Clashes erupted between Houthi fighters and Saudi forces near the border on Monday.")
    clash = next(e for e in result.events if e.type == "ASSAULT")
    assert {clash.source, clash.target} == {"houthis", "SAU-military"}


def test_events_places_named_together_pick_each_other_s_country(nlp: Language) -> None:
    # Tripoli alone is the Libyan capital; next to Lebanon it is the Lebanese port city.
    text = "Hundreds of students protested in Tripoli, Lebanon, on Monday against rising bread prices."
    protest = next(e for e in _read(nlp, text).events if e.type == "PROTEST")
    assert protest.location is not None and protest.location.country == "LBN"
    assert protest.status == "occurred"


def test_events_no_reported_injuries_is_zero_fatalities(nlp: Language) -> None:
    result = _read(
        nlp,
        "Two rockets hit an empty field near the border town on Thursday. There were no reports of injuries.",
    )
    attack = next(e for e in result.events if e.type == "ASSAULT")
    assert attack.fatalities == 0


def test_events_to_blame_accuses_the_subject_for_the_speaker(nlp: Language) -> None:
    result = _read(nlp, "The interior minister said Boko Haram was to blame for the bombing of the market.")
    accusation = next(e for e in result.events if e.type == "ACCUSE")
    assert (accusation.target, accusation.status) == ("boko-haram", "occurred")
    assert accusation.attributed_to == ("The interior minister",)


def test_events_thrown_weapon_is_an_attack_with_its_mode(nlp: Language) -> None:
    result = _read(nlp, "Unknown men hurled a grenade at a police patrol in the market on Friday.")
    attack = next(e for e in result.events if e.type == "ASSAULT")
    assert attack.mode == "grenade"
    assert attack.acled is not None and attack.acled.sub_event_type == "Grenade"


def test_events_building_a_military_post_is_a_base(nlp: Language) -> None:
    result = _read(nlp, "Turkish troops set up a new military post on the hill above the village on Tuesday.")
    base = next(e for e in result.events if e.type == "MOBILIZE")
    assert base.acled is not None and base.acled.sub_event_type == "Headquarters or base established"


def test_events_building_a_school_is_not_an_event(nlp: Language) -> None:
    result = _read(nlp, "Volunteers built a new school in the village last year.")
    assert not [e for e in result.events if e.type == "MOBILIZE"]


def test_events_an_actor_is_not_the_target_of_its_own_attack(nlp: Language) -> None:
    result = _read(
        nlp, "On Tuesday the Houthis launched their largest barrage yet, over 20 drones and missiles."
    )
    attack = next(e for e in result.events if e.type == "ASSAULT")
    assert attack.source == "houthis" and attack.target is None


def test_events_verbs_sharing_one_object_are_one_attack_on_civilians(nlp: Language) -> None:
    result = _read(
        nlp, "On Sunday, masked gunmen shot and wounded a village elder outside his home in Kidal."
    )
    attacks = [e for e in result.events if e.type == "ASSAULT"]
    assert len(attacks) == 1, _dyads(result)
    assert attacks[0].acled is not None
    assert attacks[0].acled.event_type == "Violence against civilians"


def test_events_people_of_a_country_are_a_population_not_the_state(nlp: Language) -> None:
    result = _read(nlp, "Dozens of Afghans clashed with border police near Islam Qala on Friday.")
    clash = next(e for e in result.events if e.type == "ASSAULT")
    crowd = next(a for a in result.actors if a.id == clash.source)
    assert (crowd.kind, crowd.country) == ("population", "AFG")
    assert clash.acled is not None and clash.acled.event_type == "Riots"


def test_events_a_protest_by_no_one_named_is_by_protesters_of_its_country(nlp: Language) -> None:
    result = _read(nlp, "On Tuesday, hundreds of people marched through Kisumu to demand cheaper flour.")
    protest = next(e for e in result.events if e.type == "PROTEST")
    assert protest.location is not None and protest.location.country == "KEN"
    crowd = next(a for a in result.actors if a.id == protest.source)
    assert crowd.name == "Protesters" and "Protesters (Kenya)" in crowd.aliases
    assert [m.text for m in crowd.mentions] in (["hundreds"], ["people"])


def test_events_a_violent_demonstration_is_by_rioters(nlp: Language) -> None:
    result = _read(
        nlp, "A demonstration took place in Tyre, where youths burned tyres and threw stones at banks."
    )
    protest = next(e for e in result.events if e.type == "PROTEST")
    assert protest.source is not None and protest.source.startswith("rioters")


def _protest_subtypes(result: ArticleResult) -> list[str]:
    return [e.acled.sub_event_type for e in result.events if e.type == "PROTEST" and e.acled is not None]


def test_events_a_protest_the_police_break_up_is_a_protest_with_intervention(nlp: Language) -> None:
    text = "Riot police fired tear gas to disperse hundreds of nurses who marched on the ministry in Accra."
    assert _protest_subtypes(_read(nlp, text)) == ["Protest with intervention"]


def test_events_a_protest_met_with_live_fire_is_excessive_force(nlp: Language) -> None:
    text = "Soldiers opened fire on a peaceful march in Mandalay on Sunday, killing three protesters."
    assert _protest_subtypes(_read(nlp, text)) == ["Excessive force against protesters"]


def test_events_a_protest_that_recalls_past_deaths_stays_peaceful(nlp: Language) -> None:
    text = "Thousands of students marched through Dhaka on Friday to mourn the classmates killed in July."
    assert _protest_subtypes(_read(nlp, text)) == ["Peaceful protest"]


def test_events_support_for_a_state_has_that_state_as_target(nlp: Language) -> None:
    result = _read(nlp, "Washington reaffirmed its support for Kyiv on Monday.")
    support = next(e for e in result.events if e.type == "SUPPORT")
    assert support.target is not None and support.target.startswith("UKR")


def test_events_a_charge_the_accused_denies_was_still_made(nlp: Language) -> None:
    result = _read(
        nlp, "Burundi has been accused by UN experts of arming the militia, a charge Gitega denies."
    )
    accusation = next(e for e in result.events if e.type == "ACCUSE")
    assert (accusation.target, accusation.status) == ("BDI", "occurred")


def test_events_a_relative_pronoun_stands_for_the_noun_it_follows(nlp: Language) -> None:
    result = _read(nlp, "Soldiers who were ambushed near Beni on Friday returned fire.")
    ambush = next(e for e in result.events if e.trigger.text == "ambushed")
    assert ambush.target is not None and ambush.target != "who", _dyads(result)


def test_events_the_date_after_on_is_not_a_target(nlp: Language) -> None:
    result = _read(nlp, "On 2 May 2024, Somali youths clashed with police in Baidoa.")
    clash = next(e for e in result.events if e.type == "ASSAULT")
    assert clash.target is not None and clash.target.startswith("SOM-police"), _dyads(result)
    assert clash.acled is not None and clash.acled.event_type == "Riots"


def test_events_a_warning_of_hardship_is_not_a_threat(nlp: Language) -> None:
    result = _read(nlp, "Aid agencies warn that millions in the region face a severe drought this summer.")
    assert not [e for e in result.events if e.type == "THREATEN"], _dyads(result)


def test_events_whom_a_warning_is_addressed_to_is_not_its_target(nlp: Language) -> None:
    result = _read(nlp, "Ethiopia's envoy warned the council that Addis Ababa would respond with force.")
    warning = next(e for e in result.events if e.type == "THREATEN")
    assert warning.target is None, _dyads(result)


def test_events_a_rocket_shot_down_is_a_disrupted_attack(nlp: Language) -> None:
    result = _read(nlp, "Houthi forces shot down a US drone over Hodeidah on Tuesday.")
    downed = next(e for e in result.events if e.trigger.text == "shot")
    assert (downed.type, downed.mode) == ("COERCE", "disrupt-weapons")
    assert downed.acled is not None and downed.acled.sub_event_type == "Disrupted weapons use"


def test_events_people_reported_killed_are_the_dead_not_the_speakers(nlp: Language) -> None:
    text = "The health ministry said more than 40 patients were reported killed at the hospital in Khartoum."
    attack = next(e for e in _read(nlp, text).events if e.type == "ASSAULT")
    # the ministry only speaks: the doer stays unnamed, ACLED's unidentified armed group
    assert attack.source is None or attack.source.startswith("unidentified-armed-group")
    assert attack.fatalities == 40
    assert attack.attributed_to == ("The health ministry",)


def test_events_a_stated_intent_to_cooperate_is_agree(nlp: Language) -> None:
    result = _read(nlp, "The Kenyan government said it will meet Somali officials in Nairobi next week.")
    agree = next(e for e in result.events if e.type == "AGREE")
    assert (agree.source, agree.target) == ("KEN-government", "SOM-government")


def test_events_a_stated_intent_to_sanction_is_a_threat(nlp: Language) -> None:
    result = _read(nlp, "Hamas said it would boycott the next round of talks in Cairo.")
    threat = next(e for e in result.events if e.type == "THREATEN")
    assert threat.status == "threatened" and threat.source is not None, _dyads(result)


def test_events_a_person_speaking_of_himself_is_the_source(nlp: Language) -> None:
    result = _read(
        nlp, "Secretary-General Antonio Guterres said on Monday that he will withdraw the UN monitors."
    )
    event = next(e for e in result.events if e.trigger.text == "withdraw")
    assert event.source == "antonio-guterres", _dyads(result)
    assert event.type == "THREATEN"  # withdrawing monitors is a sanction; announced, it is threatened


def test_events_a_word_inside_an_organisations_name_is_not_an_event(nlp: Language) -> None:
    text = "The West African Economic Cooperation Forum (WAECF) has agreed to open a regional office."
    result = _read(nlp, text)
    assert [e.type for e in result.events] == ["AGREE"], _dyads(result)
    assert result.events[0].source is not None


def test_events_a_currency_is_neither_an_actor_nor_a_place(nlp: Language) -> None:
    text = "On Tuesday, hundreds of people protested in Sidon against the soaring US dollar exchange rate."
    result = _read(nlp, text)
    protest = next(e for e in result.events if e.type == "PROTEST")
    assert protest.location is not None and protest.location.country == "LBN"
    assert "USA" not in {a.id for a in result.actors}


def test_events_an_earthquake_that_hits_is_no_attack_whoever_else_is_named(nlp: Language) -> None:
    result = _read(
        nlp, "Army troops helped villagers in Astore, where earthquakes hit several hamlets on Monday."
    )
    assert not [e for e in result.events if e.type == "ASSAULT"], _dyads(result)


def test_events_who_rejects_an_accusation_is_not_its_author(nlp: Language) -> None:
    result = _read(nlp, "Kenyan officials rejected accusations of bombing a market in Gedo.")
    assert not [e for e in result.events if e.type == "ACCUSE" and e.source == "KEN-government"], _dyads(
        result
    )


def test_events_an_undated_event_is_dated_to_the_day_before_publication_or_that_day(nlp: Language) -> None:
    attack = next(e for e in _read(nlp, "Gunmen attacked a bus near Kano.", "2024-05-08").events)
    assert attack.date is not None
    assert (attack.date.start.isoformat(), attack.date.end.isoformat()) == ("2024-05-07", "2024-05-08")


def test_events_a_year_in_another_clause_dates_the_background_not_the_event(nlp: Language) -> None:
    text = "Mali, which has fought an insurgency that began in 2012, said troops killed 15 militants."
    killed = next(e for e in _read(nlp, text, "2024-05-08").events if e.trigger.text == "killed")
    assert killed.date is not None and killed.date.start.year == 2024


def test_events_a_month_name_is_not_a_march(nlp: Language) -> None:
    result = _read(nlp, "In March, rebels seized the town of Goma.", "2024-05-08")
    assert "PROTEST" not in {e.type for e in result.events}, _dyads(result)


def test_events_an_event_without_a_place_is_placed_in_its_targets_country(nlp: Language) -> None:
    text = "Nairobi, 12 May. Al Shabaab killed nine Somali soldiers in an ambush, the group said."
    attack = next(e for e in _read(nlp, text).events if e.type == "ASSAULT")
    assert attack.location is not None and attack.location.country == "SOM"


def test_events_shooting_that_injures_civilians_is_violence_against_civilians(nlp: Language) -> None:
    result = _read(
        nlp, "On Sunday, gunmen on motorbikes opened fire near a market in Zamfara, injuring four people."
    )
    attack = next(e for e in result.events if e.type == "ASSAULT")
    assert attack.acled is not None and attack.acled.event_type == "Violence against civilians", _dyads(
        result
    )


def test_events_what_a_protest_is_against_is_its_target_not_its_source(nlp: Language) -> None:
    result = _read(nlp, "On Friday, an anti-Hamas protest took place in Khan Younis.")
    protest = next(e for e in result.events if e.type == "PROTEST")
    assert protest.target == "hamas" and protest.source != "hamas", _dyads(result)


def test_events_forces_against_a_group_are_not_that_group(nlp: Language) -> None:
    result = _read(nlp, "Anti-Houthi fighters shelled positions east of Taiz on Monday.")
    assert "houthis" not in {e.source for e in result.events}, _dyads(result)


def test_events_a_states_snipers_and_drones_are_its_military(nlp: Language) -> None:
    result = _read(nlp, "Russian drones struck a power station in Sumy on Tuesday.")
    assert next(e for e in result.events if e.type == "ASSAULT").source == "RUS-military", _dyads(result)


def test_events_razing_farmland_is_property_destruction(nlp: Language) -> None:
    result = _read(nlp, "Israeli military bulldozers razed farmland east of Khan Younis on Sunday.")
    razed = next(e for e in result.events if e.trigger.text == "razed")
    assert (razed.type, razed.source) == ("COERCE", "ISR-military")
    assert razed.acled is not None and razed.acled.sub_event_type == "Looting/property destruction"


def test_events_a_court_punishment_is_no_attack_but_a_vowed_one_is_a_threat(nlp: Language) -> None:
    assert not _read(nlp, "The court handed down a harsh punishment for the two officers.").events
    result = _read(nlp, "Hezbollah's leader vowed harsh punishment for Israel.")
    threat = next(e for e in result.events if e.type == "THREATEN")
    assert (threat.target, threat.status) == ("ISR", "threatened"), _dyads(result)


def test_events_what_a_vow_answers_is_not_vowed(nlp: Language) -> None:
    result = _read(nlp, "Hamas vowed revenge after Israeli jets bombed a school in Gaza City.")
    bombing = next(e for e in result.events if e.trigger.text == "bombed")
    assert bombing.status == "occurred" and bombing.source == "ISR-military", _dyads(result)


def test_events_who_repels_an_assault_is_its_target(nlp: Language) -> None:
    result = _read(nlp, "Kurdish fighters repelled an assault by Islamic State militants near Hasakah.")
    assault = next(e for e in result.events if e.type == "ASSAULT")
    assert assault.trigger.text == "assault" and assault.target is not None, _dyads(result)
    assert len([e for e in result.events if e.type == "ASSAULT"]) == 1


def test_events_a_foiled_attack_did_not_happen(nlp: Language) -> None:
    result = _read(nlp, "Police foiled an attack on a church in Kaduna on Sunday.")
    attack = next(e for e in result.events if e.type == "ASSAULT")
    assert attack.status == "planned"


@pytest.mark.parametrize(
    "text",
    [
        "On Wednesday hundreds of teachers took to the streets of Harare to demand higher pay.",
        "Nurses at the two main hospitals went on strike on Monday over unpaid wages.",
    ],
)
def test_events_protest_idioms_are_protests(nlp: Language, text: str) -> None:
    result = _read(nlp, text)
    assert [e for e in result.events if e.type == "PROTEST" and e.status == "occurred"], _dyads(result)


def test_events_a_verb_with_an_idiom_s_preposition_but_another_object_is_not_the_idiom(nlp: Language) -> None:
    result = _read(nlp, "The opposition leader took to social media on Monday to praise the court.")
    assert not [e for e in result.events if e.type == "PROTEST"]


def test_events_a_fight_that_broke_out_is_an_assault(nlp: Language) -> None:
    result = _read(
        nlp, "A fight broke out between two clans over grazing land near Beledweyne, leaving three dead."
    )
    assert [e for e in result.events if e.type == "ASSAULT" and e.fatalities == 3], _dyads(result)


def test_events_fire_opened_on_someone_targets_them(nlp: Language) -> None:
    result = _read(
        nlp, "Soldiers opened fire on a crowd of protesters outside the governor's office on Tuesday."
    )
    fired = [e for e in result.events if e.type == "ASSAULT"]
    assert [e.target for e in fired] == ["protesters"], _dyads(result)


def test_events_fire_opened_and_the_harm_it_did_are_one_attack(nlp: Language) -> None:
    result = _read(
        nlp, "Masked men opened fire on a farmer near his field on Sunday, wounding him in the leg."
    )
    attacks = [e for e in result.events if e.type == "ASSAULT"]
    assert len(attacks) == 1 and attacks[0].acled is not None, _dyads(result)
    assert attacks[0].acled.event_type == "Violence against civilians"


def test_events_clashes_with_a_party_s_supporters_are_a_battle(nlp: Language) -> None:
    result = _read(
        nlp,
        "Clashes broke out between members of the Liberty Party and the Unity Party in the market on Friday.",
    )
    clashes = [e for e in result.events if e.type == "ASSAULT"]
    assert clashes and all(e.acled is not None and e.acled.event_type == "Battles" for e in clashes), [
        (e.source, e.target, e.acled) for e in clashes
    ]


def test_events_a_clash_fought_with_grenades_is_still_a_clash(nlp: Language) -> None:
    result = _read(nlp, "Two clans clashed with rifles and rocket-propelled grenades in the hills on Monday.")
    clashes = [e for e in result.events if e.type == "ASSAULT"]
    assert clashes and clashes[0].acled is not None, _dyads(result)
    assert clashes[0].acled.sub_event_type == "Armed clash"


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # the lemmatiser reads "raped" as "rap"; the verb is found by its stem
        ("Three soldiers raped two women at a checkpoint outside the town last week.", "Sexual violence"),
        # deeds reported with no doer named are still events
        (
            "Several shops were looted in the market district during the night.",
            "Looting/property destruction",
        ),
        (
            "Police said two grenades and a pistol were discovered under a bridge on the ring road.",
            "Disrupted weapons use",
        ),
        (
            "Government troops set up three new bases along the river on Monday.",
            "Headquarters or base established",
        ),
        # idioms of taking ground
        (
            "Rebel fighters took control of the border town of Kalemba on Sunday.",
            "Non-state actor overtakes territory",
        ),
        (
            "Militiamen have taken over the villages of Kiri and Moba, the governor said.",
            "Non-state actor overtakes territory",
        ),
        # people are arrested by the state and abducted by an armed group
        ("The army captured a senior rebel commander in the forest on Monday.", "Arrests"),
        (
            "Al Shabaab fighters captured three aid workers on the road to Baidoa on Monday.",
            "Abduction/forced disappearance",
        ),
        ("Border police intercepted four suspected smugglers near the crossing on Monday.", "Arrests"),
        (
            "The navy intercepted a fishing boat carrying rifles and ammunition off the coast on Monday.",
            "Disrupted weapons use",
        ),
        # the most specific weapon in the clause decides
        (
            "A suicide bomber set off a blast outside the embassy on Friday, killing two guards.",
            "Suicide bomb",
        ),
        ("Insurgents shelled a police post with mortar rounds filled with chlorine gas.", "Chemical weapon"),
        # a human chain is a protest; police baton charges are an intervention
        (
            "Police baton charged a human chain of teachers outside parliament on Sunday.",
            "Protest with intervention",
        ),
    ],
)
def test_events_acled_sub_event_types(nlp: Language, text: str, sub_event_type: str) -> None:
    result = _read(nlp, text)
    found = [(e.acled.sub_event_type, str(e.status)) for e in result.events if e.acled is not None]
    assert (sub_event_type, "occurred") in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Customs officers intercepted a lorry loaded with hashish at the border on Monday.",
        "Investigators found the report troubling, a spokesman said.",
    ],
)
def test_events_stopping_goods_or_finding_a_report_is_no_event(nlp: Language, text: str) -> None:
    result = _read(nlp, text)
    assert not [e for e in result.events if e.acled is not None], _dyads(result)


@pytest.mark.parametrize(
    ("text", "plover", "mode"),
    [
        # what is eased, halted or blocked tells the event (PLOVER's retreat, sanction, protest)
        ("The army shortened the nightly curfew by two hours on Thursday.", "RETREAT", "ease"),
        ("Washington eased sanctions on Caracas on Tuesday.", "RETREAT", "ease"),
        ("The European Union suspended budget aid to Niger on Friday.", "SANCTION", "discontinue"),
        ("About 300 farmers blocked the main highway into the capital on Monday.", "PROTEST", "obstruct"),
        # surrender is a military retreat; a ceasefire one side declares is a retreat too
        (
            "More than 150 fighters surrendered to government forces in the north on Friday.",
            "RETREAT",
            "surrender",
        ),
        ("The rebels declared a unilateral ceasefire on Wednesday.", "RETREAT", "ceasefire"),
    ],
)
def test_events_told_by_what_the_verb_acts_on(nlp: Language, text: str, plover: str, mode: str) -> None:
    result = _read(nlp, text)
    assert (plover, mode) in {(str(e.type), e.mode) for e in result.events}, _dyads(result)


def test_events_soldiers_blocking_a_road_are_no_protest(nlp: Language) -> None:
    result = _read(nlp, "Soldiers blocked the road to the airport on Sunday.")
    assert not [e for e in result.events if e.type == "PROTEST"], _dyads(result)


def test_events_rioters_blocking_roads_riot(nlp: Language) -> None:
    result = _read(nlp, "Rioters blocked roads with burning tyres across the city on Sunday.")
    assert [
        e for e in result.events if e.acled is not None and e.acled.sub_event_type == "Violent demonstration"
    ]


def test_events_a_protest_march_is_one_protest(nlp: Language) -> None:
    result = _read(nlp, "Thousands joined a protest march through the old city on Saturday.")
    assert len([e for e in result.events if e.type == "PROTEST"]) == 1, _dyads(result)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Fishermen blocked the harbour road on Monday in protest at the new fuel tax.", 1),
        ("Dozens of lawyers gathered outside the court on Monday in a protest against the ruling.", 1),
    ],
)
def test_events_in_protest_names_a_motive_in_a_protest_an_event(nlp: Language, text: str, kept: int) -> None:
    result = _read(nlp, text)
    assert len([e for e in result.events if e.type == "PROTEST"]) == kept, _dyads(result)


def test_events_what_someone_acts_to_stop_has_not_happened(nlp: Language) -> None:
    result = _read(nlp, "The governor imposed a curfew on Tuesday to prevent attacks on the market.")
    assert not [e for e in result.events if e.type == "ASSAULT"], _dyads(result)


def test_events_what_a_request_asks_for_is_no_event_of_its_own(nlp: Language) -> None:
    result = _read(nlp, "Kenya urged Somalia on Monday to withdraw its troops from the border town.")
    assert "REQUEST" in {str(e.type) for e in result.events}, _dyads(result)
    assert not [e for e in result.events if e.type == "RETREAT"], _dyads(result)


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Reinforcements arrived at dawn and the army took the airfield back on Tuesday.", "seize-territory"),
        (
            "The militia had been driven out of the market town of Rubaya, the governor said.",
            "seize-territory",
        ),
        ("Government troops pushed the insurgents back into the hills on Sunday.", None),
    ],
)
def test_events_phrasal_verbs_of_ground_won_and_lost(nlp: Language, text: str, mode: str | None) -> None:
    result = _read(nlp, text)
    assert ("ASSAULT", mode) in {(str(e.type), e.mode) for e in result.events}, _dyads(result)


def test_events_cutting_phone_service_is_coercion(nlp: Language) -> None:
    result = _read(nlp, "Authorities cut mobile phone service in the capital on Friday as protests spread.")
    assert ("COERCE", "restrict") in {(str(e.type), e.mode) for e in result.events}, _dyads(result)


def test_events_one_of_the_rockets_shot_down_is_no_attack(nlp: Language) -> None:
    result = _read(
        nlp,
        "Four rockets were fired at the port town on Thursday. "
        "The army said air defences shot down one of them.",
    )
    shot = [e for e in result.events if e.trigger.text == "shot"]
    assert all(e.type != "ASSAULT" for e in shot), _dyads(result)


@pytest.mark.parametrize(
    ("text", "plover", "status"),
    [
        # an agreement refused or failed is a rejection, made (PLOVER)
        ("The government said it would not meet the kidnappers' demands.", "REJECT", "occurred"),
        # what is given goes to whom it is given
        ("Kenya has granted political asylum to 12 Ugandan rebels, a UN official said.", "AID", "occurred"),
        # joint military exercises are cooperation
        (
            "Turkish and Azerbaijani warships began a week of joint exercises in the Caspian on Monday.",
            "COOPERATE",
            "occurred",
        ),
    ],
)
def test_events_plover_readings(nlp: Language, text: str, plover: str, status: str) -> None:
    result = _read(nlp, text)
    assert (plover, status) in {(str(e.type), str(e.status)) for e in result.events}, _dyads(result)


def test_events_asylum_granted_targets_who_receives_it(nlp: Language) -> None:
    result = _read(nlp, "Kenya has granted political asylum to 12 Ugandan rebels, a UN official said.")
    aid = [e for e in result.events if e.type == "AID"]
    assert aid and aid[0].target is not None and "rebels" in aid[0].target, _dyads(result)


def test_events_a_device_planted_by_a_group_is_that_group_s_attack(nlp: Language) -> None:
    result = _read(
        nlp, "A roadside bomb planted by Boko Haram fighters exploded near a police patrol on Monday."
    )
    assert [e for e in result.events if e.type == "ASSAULT" and e.source == "boko-haram"], _dyads(result)


def test_events_a_firefight_engaged_in_has_both_sides(nlp: Language) -> None:
    result = _read(nlp, "Soldiers engaged in a firefight with gunmen near the border post on Sunday.")
    fights = [e for e in result.events if e.type == "ASSAULT"]
    assert fights and fights[0].source is not None and fights[0].target == "gunmen", _dyads(result)


def test_events_an_armed_coalition_struck_is_a_battle_side(nlp: Language) -> None:
    result = _read(
        nlp, "Turkish drones struck positions of the Syrian Democratic Forces near Kobani on Sunday."
    )
    struck = [e for e in result.events if e.type == "ASSAULT" and e.acled is not None]
    assert struck and struck[0].acled.event_type != "Violence against civilians", _dyads(result)


def test_events_nature_that_hits_a_place_is_no_attack_even_where_the_parse_loses_it(nlp: Language) -> None:
    result = _read(
        nlp,
        "Troops helped villagers with relief work in Floods hit areas of the valley, the statement said.",
    )
    assert not [e for e in result.events if e.type == "ASSAULT"], _dyads(result)


def test_events_part_of_a_stronghold_taken_is_ground_taken(nlp: Language) -> None:
    result = _read(
        nlp, "Government troops captured part of a rebel stronghold near the border after days of fighting."
    )
    assert ("ASSAULT", "seize-territory") in {(str(e.type), e.mode) for e in result.events}, _dyads(result)


@pytest.mark.parametrize(
    "text",
    [
        "Officials said the Red Hand Brigade was responsible for the bombing of the station.",
        "Police named the Red Hand Brigade, a group responsible for several bombings in the capital.",
    ],
)
def test_events_who_is_responsible_for_an_event_did_it(nlp: Language, text: str) -> None:
    result = _read(nlp, text)
    bombings = [e for e in result.events if e.type == "ASSAULT"]
    assert bombings and all(e.source is not None for e in bombings), _dyads(result)


def test_events_what_a_demand_asks_for_is_no_event_of_its_own(nlp: Language) -> None:
    result = _read(nlp, "The envoy demanded that the rebels withdraw from the town by Friday.")
    assert not [e for e in result.events if e.type == "RETREAT"], _dyads(result)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parser marks "to" as a dative: the receiver is still the target
        ("Iran sent drones to Russia last year, Western officials said.", ("AID", "IRN", "RUS")),
        # a state moving its own forces mobilises them; it gives them to no one
        ("Russia sent troops to the border on Monday.", ("MOBILIZE", "RUS", None)),
    ],
)
def test_events_what_is_sent_and_to_whom(
    nlp: Language, text: str, expected: tuple[str, str, str | None]
) -> None:
    result = _read(nlp, text)
    assert expected in {(str(e.type), e.source, e.target) for e in result.events}, _dyads(result)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        (
            "The Kenyan president told Somalia on Friday that it must withdraw its troops from the border.",
            "KEN",
            "SOM",
        ),
        ("Rebel leaders announced that President Tshisekedi must resign before any talks.", "rebels", None),
    ],
)
def test_events_what_a_speaker_says_another_must_do_is_a_demand(
    nlp: Language, text: str, source: str, target: str | None
) -> None:
    result = _read(nlp, text)
    demands = [e for e in result.events if e.type == "REQUEST"]
    assert demands and demands[0].source is not None and source in demands[0].source, _dyads(result)
    if target is not None:
        assert demands[0].target == target


def test_events_what_we_must_do_is_no_demand(nlp: Language) -> None:
    result = _read(nlp, "The president said we must act now to protect the country.")
    assert not [e for e in result.events if e.type == "REQUEST"], _dyads(result)


@pytest.mark.parametrize(
    "text",
    [
        "The Liberty Party said it will boycott the elections unless the president steps down.",
        "The African Union said on Tuesday it would tighten the blockade of the port.",
    ],
)
def test_events_a_sanction_or_refusal_stated_ahead_or_on_a_condition_is_a_threat(
    nlp: Language, text: str
) -> None:
    result = _read(nlp, text)
    assert ("THREATEN", "threatened") in {(str(e.type), str(e.status)) for e in result.events}, _dyads(result)


def test_events_rebels_marching_on_a_city_advance_students_marching_protest(nlp: Language) -> None:
    rebels = _read(nlp, "The rebels have threatened to march on the capital, Bangui, within days.")
    assert not [e for e in rebels.events if e.type == "PROTEST"], _dyads(rebels)
    students = _read(nlp, "Thousands of students marched on parliament on Tuesday to demand lower fees.")
    assert [e for e in students.events if e.type == "PROTEST"], _dyads(students)


def test_events_an_acronym_the_parser_read_as_is_is_still_the_attacker(nlp: Language) -> None:
    result = _read(nlp, "On Tuesday IS attacked an army convoy near Palmyra, killing six soldiers.")
    assert [e for e in result.events if e.type == "ASSAULT" and e.source == "islamic-state"], _dyads(result)


def test_events_a_claim_of_responsibility_names_the_attacker_of_the_sentence_before(nlp: Language) -> None:
    result = _read(
        nlp, "Two police officers died in a bomb attack near the market. Al Shabaab claimed responsibility."
    )
    assert [e for e in result.events if e.type == "ASSAULT" and e.source == "al-shabaab"], _dyads(result)


def test_events_weapons_destroyed_or_defused_are_no_attack(nlp: Language) -> None:
    result = _read(nlp, "The army destroyed an arms cache and defused 40 IEDs near the village on Monday.")
    assert not [e for e in result.events if e.type == "ASSAULT"], _dyads(result)
    assert [e for e in result.events if e.mode == "disrupt-weapons"], _dyads(result)


def test_events_a_group_named_with_is_after_a_slash_is_the_claimant(nlp: Language) -> None:
    result = _read(
        nlp, "Boko Haram/IS claimed to have killed five soldiers in an ambush near Damboa on Sunday."
    )
    assert [e for e in result.events if e.type == "ASSAULT" and e.source == "boko-haram"], _dyads(result)


@pytest.mark.parametrize(
    "text",
    [
        "The army did not say whether any villagers had been killed in the raid.",
        "The militia's statement did not acknowledge that any civilians had been killed or hurt.",
    ],
)
def test_events_a_past_deed_done_to_any_one_is_no_event(nlp: Language, text: str) -> None:
    result = _read(nlp, text)
    assert not [e for e in result.events if e.type == "ASSAULT" and e.target is not None], _dyads(result)


def test_events_a_coalition_of_groups_responsible_for_attacks_is_their_source(nlp: Language) -> None:
    result = _read(
        nlp,
        "The Islamic Resistance in Iraq, a coalition of Shiite militias responsible for dozens of attacks "
        "on US bases, issued a statement on Sunday.",
    )
    attacks = [e for e in result.events if e.type == "ASSAULT"]
    assert attacks and attacks[0].source == "islamic-resistance-in-iraq", _dyads(result)


def test_events_the_subject_of_a_copula_is_responsible_for_the_attacks(nlp: Language) -> None:
    result = _read(
        nlp, "Kataib Hezbollah is a hardline militia responsible for over 40 attacks on US bases in Syria."
    )
    attacks = [e for e in result.events if e.type == "ASSAULT"]
    assert attacks and attacks[0].source == "kataib-hezbollah", _dyads(result)


def test_events_fire_on_a_protest_march_targets_its_crowd_not_the_country(nlp: Language) -> None:
    result = _read(nlp, "Troops open fire on Guinea protest march, leaving dozens injured")
    attacks = [e for e in result.events if e.type == "ASSAULT"]
    protests = [e for e in result.events if e.type == "PROTEST"]
    assert len(attacks) == 1 and protests, _dyads(result)
    assert protests[0].source is not None and protests[0].source.startswith("protesters"), _dyads(result)
    assert attacks[0].target == protests[0].source, _dyads(result)
    assert attacks[0].acled is not None and attacks[0].acled.event_type == "Violence against civilians"


def test_events_an_unnamed_crowd_is_the_crowd_the_article_named(nlp: Language) -> None:
    result = _read(
        nlp,
        "Thousands of demonstrators marched on the presidential palace in Conakry on Saturday. "
        "By the evening the protests had died down.",
    )
    protests = [e for e in result.events if e.type == "PROTEST"]
    assert len(protests) == 1, _dyads(result)


def test_events_a_protest_broken_up_in_its_second_telling_is_a_protest_with_intervention(
    nlp: Language,
) -> None:
    result = _read(
        nlp,
        "Hundreds of teachers formed a human chain in Khulna on Sunday. "
        "Police baton-charged the human chain and detained 12 of them.",
    )
    protests = [e for e in result.events if e.type == "PROTEST"]
    assert protests and protests[0].acled is not None, _dyads(result)
    assert protests[0].acled.sub_event_type in {
        "Protest with intervention",
        "Excessive force against protesters",
    }


@pytest.mark.parametrize(
    "text",
    [
        "The army urged neighbouring Uganda to assist in disarming the rebels.",
        "The governor called on the federal government to help disarm the militias.",
    ],
)
def test_events_what_a_request_asks_help_with_has_not_happened(nlp: Language, text: str) -> None:
    result = _read(nlp, text)
    assert not [e for e in result.events if e.type == "RETREAT"], _dyads(result)


def test_events_an_agreement_a_government_struck_is_no_attack(nlp: Language) -> None:
    result = _read(
        nlp,
        "The rebels say the government broke a 2015 peace accord it had struck with an older rebel group.",
    )
    assert not [e for e in result.events if e.type == "ASSAULT"], _dyads(result)


def test_events_a_threat_is_dated_by_when_it_was_made(nlp: Language) -> None:
    result = _read(nlp, "On Monday the militia warned that it could strike US bases in Syria.")
    threats = [e for e in result.events if e.type == "THREATEN"]
    assert len(threats) == 1 and threats[0].status == "threatened", _dyads(result)
    assert threats[0].date is not None and threats[0].date.start.isoformat() == "2024-05-06"


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        # "talks" and "mediation" are both a relation one may halt and a proposal one may reject
        (
            "The African Union may halt mediation efforts between the two sides if the fighting goes on.",
            "THREATEN",
        ),
        ("Kenya ended mediation efforts between Sudan's rival generals on Monday.", "SANCTION"),
        (
            "Egypt is opposed to Turkish mediation in the talks with Libya, an aide to the president said.",
            "REJECT",
        ),
        ("Ethiopia announced a suspension of flights to Eritrea on Friday.", "SANCTION"),
        ("The Ethiopian government said it was prepared to lift the ban on the opposition party.", "AGREE"),
    ],
)
def test_events_what_is_done_to_relations_and_proposals(nlp: Language, text: str, plover: str) -> None:
    result = _read(nlp, text)
    assert plover in {str(e.type) for e in result.events}, _dyads(result)


def test_events_both_sides_of_a_clash_the_parser_bracketed_wrongly(nlp: Language) -> None:
    # parsed as "between (the army and ADF) rebels"
    result = _read(
        nlp,
        "Saturday's clashes between the army and ADF rebels were the first in a month and followed the "
        "collapse of talks in Nairobi.",
    )
    clashes = [e for e in result.events if e.type == "ASSAULT"]
    assert clashes and clashes[0].target == "adf" and clashes[0].source not in {None, "adf"}, _dyads(result)


def test_events_what_a_request_asks_help_for_is_not_done_even_as_a_purpose_clause(nlp: Language) -> None:
    result = _read(
        nlp,
        "The spokesman said the army had pushed the rebels back into the hills, and called on Uganda to "
        "help disarm their fighters.",
    )
    assert not [e for e in result.events if e.type == "RETREAT"], _dyads(result)


def test_events_a_time_in_gmt_is_no_year(nlp: Language) -> None:
    result = _read(
        nlp, "A witness said the gunmen struck at 9:00 pm (2100 GMT), shooting at a group of farmers."
    )
    attacks = [e for e in result.events if e.type == "ASSAULT"]
    assert attacks and attacks[0].date is not None and attacks[0].date.start.year == 2024, _dyads(result)


@pytest.mark.parametrize(
    "text",
    [
        "Damascus rejects any role in Lebanon drone strike that killed two Hezbollah members",
        "The militia denied any involvement in the Kano market bombing on Sunday.",
    ],
)
def test_events_a_denied_part_in_an_attack_names_the_denier_not_the_place(nlp: Language, text: str) -> None:
    result = _read(nlp, text)
    denied = [e for e in result.events if e.type == "ASSAULT" and e.status == "denied"]
    assert denied, _dyads(result)
    assert denied[0].source not in {"LBN", "NGA"} and denied[0].source is not None, _dyads(result)
    assert denied[0].attributed_to, "who denies it is who says so"


def test_events_shells_fired_by_an_army_that_came_down_across_a_border(nlp: Language) -> None:
    result = _read(
        nlp, "Burundi said on Friday that shells fired by the Congolese army had come down on its soil."
    )
    attacks = [e for e in result.events if e.type == "ASSAULT"]
    assert attacks and attacks[0].mode == "artillery", _dyads(result)
    assert attacks[0].source is not None and attacks[0].target == "BDI", _dyads(result)


def test_events_whom_an_attack_is_blamed_on_is_accused(nlp: Language) -> None:
    result = _read(nlp, "The market bombing was blamed on Al Shabaab by the Kenyan police on Monday.")
    accusations = [e for e in result.events if e.type == "ACCUSE"]
    assert accusations and accusations[0].target == "al-shabaab", _dyads(result)


@pytest.mark.parametrize(
    "text",
    [
        "Kigali says it had nothing to do with the raid on an army outpost close to where the borders"
        " of Chad, Niger and Nigeria meet.",
        "King Mswati announced a new constitution on Monday. Union leaders said the king's proposal"
        " did not meet their central demand.",
    ],
)
def test_events_borders_and_offers_that_meet_are_no_meeting(nlp: Language, text: str) -> None:
    result = _read(nlp, text)
    assert not [e for e in result.events if e.type in {"CONSULT", "REJECT", "AGREE"}], _dyads(result)


def test_events_ministers_who_meet_still_consult(nlp: Language) -> None:
    result = _read(nlp, "The foreign ministers of Egypt and Qatar met in Cairo on Sunday.")
    assert any(e.type == "CONSULT" for e in result.events), _dyads(result)


def test_events_an_expected_retaliation_and_the_awaited_response_are_one_plan(nlp: Language) -> None:
    result = _read(
        nlp,
        "Analysts said Hezbollah was likely to retaliate against Israel within days. "
        "While Israel awaits Hezbollah's response, the group's leaders are meeting in Beirut.",
    )
    future = [e for e in result.events if e.type == "ASSAULT" and e.status in {"planned", "predicted"}]
    assert len(future) == 1, _dyads(result)


def test_events_the_rebels_are_the_rebels_named_before(nlp: Language) -> None:
    result = _read(
        nlp,
        "The army fought ADF rebels near Beni on Tuesday. "
        "A military spokesman said the rebels had been driven out of two villages.",
    )
    assert not [e for e in result.events if e.target == "rebels" or e.source == "rebels"], _dyads(result)
    assert [e for e in result.events if e.type == "ASSAULT" and "adf" in {e.source, e.target}], _dyads(result)


def test_events_a_reported_list_of_deeds_keeps_the_doer_not_the_spokesman(nlp: Language) -> None:
    result = _read(
        nlp,
        "Ali Dhere, al Shabaab's spokesman for military operations, told reporters that the group had"
        " overrun the camp, seized three trucks and burnt two armoured cars.",
    )
    seized = [e for e in result.events if e.trigger.text == "seized"]
    assert seized and seized[0].source == "al-shabaab", _dyads(result)


def test_events_later_descriptions_of_a_named_group_stay_that_group(nlp: Language) -> None:
    result = _read(
        nlp,
        "The army fought CODECO militiamen near Djugu on Friday. The insurgents withdrew into the forest. "
        "The rebel group said it would attack again.",
    )
    sides = {e.source for e in result.events} | {e.target for e in result.events}
    assert "codeco" in sides and not sides & {"rebels", "militants"}, _dyads(result)


def test_events_an_object_pronoun_is_not_its_own_clause_s_subject(nlp: Language) -> None:
    result = _read(nlp, "Hezbollah fighters crossed the border at dawn. Israeli troops fired on them.")
    fired = [e for e in result.events if e.trigger.text == "fired"]
    assert fired and (fired[0].source, fired[0].target) == ("ISR-military", "hezbollah"), _dyads(result)


def test_events_a_pronoun_for_the_rockets_names_no_actor(nlp: Language) -> None:
    result = _read(
        nlp,
        "Three rockets were launched from southern Lebanon, where Hezbollah has its bases. "
        "Six rockets came down near Safed, where Hezbollah has no presence. "
        "According to army officials, the Iron Dome system intercepted two of them.",
    )
    assert "them" not in [m.text for a in result.actors if a.id != "ISR-military" for m in a.mentions]
    intercepted = [e for e in result.events if e.trigger.text == "intercepted"]
    assert intercepted and intercepted[0].source == "ISR-military", _dyads(result)
    assert intercepted[0].target != "hezbollah", _dyads(result)


def test_events_a_curfew_and_a_phone_blackout_are_two_measures(nlp: Language) -> None:
    result = _read(
        nlp,
        "Authorities in Yangon imposed a curfew for a third straight day. "
        "An engineer at the state telecoms firm said authorities later cut mobile phone service in Yangon.",
    )
    measures = [e for e in result.events if e.type == "COERCE"]
    assert len(measures) == 2, _dyads(result)


@pytest.mark.parametrize(
    "text",
    [
        "For years Washington has pressed for a crackdown on armed groups in the border districts.",
    ],
)
def test_events_what_a_request_asks_for_has_not_happened(nlp: Language, text: str) -> None:
    result = _read(nlp, text)
    assert not [e for e in result.events if e.type in {"COERCE", "ACCUSE"} and e.status == "occurred"], (
        _dyads(result)
    )


def test_events_the_accused_force_is_the_force_named_before_not_the_accuser(nlp: Language) -> None:
    result = _read(
        nlp,
        "The paramilitary Rapid Support Forces stormed two villages near Sennar on Tuesday. "
        "The Sennar Resistance Committee accused the paramilitary force of shelling civilians.",
    )
    accusations = [e for e in result.events if e.type == "ACCUSE"]
    assert accusations and accusations[0].target == "rsf", _dyads(result)
    assert accusations[0].source == "org:sennar-resistance-committee", _dyads(result)


def test_events_a_clash_amid_kidnappings_by_a_gang_keeps_both_deeds(nlp: Language) -> None:
    result = _read(
        nlp,
        "Police exchanged fire with gunmen in Reynosa on Monday. "
        "The shootout comes amid a wave of abductions in the state carried out by Gulf Cartel gunmen.",
    )
    abductions = [e for e in result.events if e.mode == "abduct"]
    assert abductions and abductions[0].source == "gulf-cartel", _dyads(result)


def test_events_falling_debris_that_killed_people_is_not_the_air_defence_s_attack(nlp: Language) -> None:
    result = _read(
        nlp,
        "Ukraine's air force said it brought down a Russian missile over the port at around noon,"
        " but falling fragments killed and wounded people below.",
    )
    attackers = {e.source for e in result.events if e.type == "ASSAULT"}
    assert "UKR-military" not in attackers, _dyads(result)


@pytest.mark.parametrize(
    "text",
    [
        "UN experts accused Uganda of backing the ADF rebels, a charge Kampala denies.",
        "Uganda has been accused by UN experts of backing the ADF rebels, a charge Kampala denies.",
    ],
)
def test_events_what_a_side_is_accused_of_is_its_deed_and_denied_with_the_charge(
    nlp: Language, text: str
) -> None:
    result = _read(nlp, text)
    support = [e for e in result.events if e.type == "SUPPORT"]
    assert support and (support[0].source, support[0].target) == ("UGA", "adf"), _dyads(result)
    assert support[0].status == "denied", _dyads(result)
    assert [e for e in result.events if e.type == "ACCUSE" and e.status == "occurred"], _dyads(result)


def test_events_the_government_after_a_foreign_capital_s_denial_is_the_story_s_own(nlp: Language) -> None:
    result = _read(
        nlp,
        "Congolese troops drove M23 rebels from Kibumba on Saturday. Kinshasa says Rwanda arms the rebels,"
        " a charge Kigali denies. The rebels say the government broke a peace deal it signed in 2009.",
    )
    deals = [e for e in result.events if e.type in {"AGREE", "REJECT"}]
    assert not [e for e in deals if e.source == "RWA-government"], _dyads(result)


def test_events_a_strike_that_killed_a_state_s_officers_is_the_strike_on_that_state(nlp: Language) -> None:
    result = _read(
        nlp,
        "A strike on the consular building in Damascus killed seven IRGC officers on Monday. "
        "The Israeli airstrike on Iran's consulate drew condemnation across the region.",
    )
    attacks = [e for e in result.events if e.type == "ASSAULT"]
    assert len(attacks) == 1 and attacks[0].source == "ISR", _dyads(result)


def test_events_a_missile_brought_down_is_a_disrupted_weapon(nlp: Language) -> None:
    result = _read(nlp, "Ukraine's air force said it brought down a Russian missile over Odesa on Monday.")
    assert [(e.type, e.mode) for e in result.events] == [("COERCE", "disrupt-weapons")], _dyads(result)


def test_events_phone_calls_with_a_leader_are_talks_with_that_leader(nlp: Language) -> None:
    text = "Zelensky criticised recent phone calls with Vladimir Putin by Donald Trump and by Olaf Scholz."
    assert ("CONSULT", "donald-trump", "vladimir-putin", "occurred") in _dyads(_read(nlp, text))


def test_events_signing_an_agreement_with_a_state_is_one_agreement_between_both(nlp: Language) -> None:
    result = _read(nlp, "Iran signed a defence agreement with Russia on Friday.")
    assert [(e.type, e.source, e.target) for e in result.events] == [("AGREE", "IRN", "RUS")]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("A Nigerian army truck drove over a landmine on the road to the camp.", "NGA-military"),
        ("A Malian army convoy struck an IED on Tuesday, wounding four soldiers.", "MLI-military"),
    ],
)
def test_events_who_runs_into_a_mine_is_its_target(nlp: Language, text: str, target: str) -> None:
    """The convoy or truck that meets a mine is what the mine struck, not who laid it. Issue #4."""
    result = _read(nlp, text)
    mine = next(e for e in result.events if e.type == "ASSAULT" and e.mode == "explosives")
    assert (mine.source, mine.target) == (None, target), _dyads(result)


def test_events_a_mine_met_by_a_force_named_by_an_acronym_is_in_that_force_s_country(nlp: Language) -> None:
    """The side is read from a word of its phrase ("a KDF patrol"): its country places the event."""
    text = "A KDF patrol ran over a landmine planted by militants on Sunday, wounding three."
    mine = next(e for e in _read(nlp, text).events if e.mode == "explosives")
    assert mine.target == "KEN-military"
    assert mine.location is not None and mine.location.country == "KEN"


def test_events_a_weapon_of_another_attack_in_the_clause_is_not_the_deeds(nlp: Language) -> None:
    text = "Troops captured two villages near a town that was the scene of a deadly chemical weapons attack."
    capture = next(e for e in _read(nlp, text).events if e.trigger.text == "captured")
    assert capture.mode != "cbrn"


def test_events_a_protest_lodged_with_a_state_accuses_it_and_is_no_march(nlp: Language) -> None:
    result = _read(nlp, "Serbia lodged a formal protest with Albania over the border incident.")
    assert [(e.type, e.source, e.target) for e in result.events] == [("ACCUSE", "SRB", "ALB")]


def test_events_aid_suspended_to_a_state_is_a_sanction_on_it(nlp: Language) -> None:
    result = _read(nlp, "France suspended military aid to Niger after the coup.")
    assert ("SANCTION", "FRA", "NER", "occurred") in _dyads(result)


@pytest.mark.parametrize(
    "text",
    [
        "Government jets launched air strikes on militant hideouts in the hills overnight.",
        "The rebels launched an attack on the airport before dawn.",
    ],
)
def test_events_launching_an_event_noun_is_one_event(nlp: Language, text: str) -> None:
    """'Launched air strikes': "launch" is the light verb of the noun, not a weapon launched as well."""
    attacks = [e for e in _read(nlp, text).events if e.type == "ASSAULT"]
    assert [e.trigger.text for e in attacks] in (["strikes"], ["attack"]), _dyads(_read(nlp, text))
