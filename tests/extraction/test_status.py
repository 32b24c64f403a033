"""Status is its own pass: threats, plans, predictions, denials and conditions are not attacks."""

from __future__ import annotations

import pytest
from spacy.language import Language

from flashpoint.extraction.status import status_of
from flashpoint.knowledge.lexicon import load_lexicon
from flashpoint.taxonomy import PloverType, Status

pytestmark = pytest.mark.slow


def _status(nlp: Language, sentence: str, trigger: str, plover: PloverType = PloverType.ASSAULT) -> Status:
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == trigger)
    return status_of(token, plover, load_lexicon())


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        ("Rebel fighters attacked an army post outside the town on Sunday.", "attacked", Status.OCCURRED),
        (
            "The militia vowed to attack the garrison before the end of the month.",
            "attack",
            Status.THREATENED,
        ),
        (
            "The commander threatened to shell the port if the ships did not leave.",
            "shell",
            Status.THREATENED,
        ),
        ("The army is preparing to storm the rebel stronghold.", "storm", Status.PLANNED),
        ("The group is awaiting orders for a response to the bombing.", "response", Status.PLANNED),
        ("Officials said the rebels will attack the capital within days.", "attack", Status.PREDICTED),
        ("The rebels are likely to strike the northern towns next.", "strike", Status.PREDICTED),
        ("The government denied that its troops had shelled the market.", "shelled", Status.DENIED),
        ("The militias have no intention of attacking foreign troops.", "attacking", Status.DENIED),
        ("The soldiers did not fire on the crowd, the ministry said.", "fire", Status.DENIED),
        ("If the talks fail, the army could bomb the bridges.", "bomb", Status.PREDICTED),
        ("Government forces are fighting the insurgents in the hills.", "fighting", Status.ONGOING),
    ],
)
def test_status_reads_the_cue_that_governs_the_trigger(
    nlp: Language, sentence: str, trigger: str, expected: Status
) -> None:
    assert _status(nlp, sentence, trigger) == expected


def test_status_of_a_threat_itself_is_occurred(nlp: Language) -> None:
    assert (
        _status(nlp, "The rebel leader vowed revenge on Tuesday.", "vowed", PloverType.THREATEN)
        == Status.OCCURRED
    )


def test_status_a_measure_ordered_is_in_force(nlp: Language) -> None:
    sentence = "The interior ministry ordered a night curfew across the province on Tuesday."
    assert _status(nlp, sentence, "curfew", PloverType.COERCE) == Status.OCCURRED


def test_status_troops_ordered_to_advance_is_only_planned(nlp: Language) -> None:
    sentence = "The general ordered his troops to attack the ridge at dawn."
    assert _status(nlp, sentence, "attack") == Status.PLANNED


def test_status_what_a_warning_says_it_would_do_is_threatened(nlp: Language) -> None:
    sentence = "The rebels warned that they would shell the airport if talks failed."
    assert _status(nlp, sentence, "shell") in {Status.THREATENED, Status.HYPOTHETICAL}
    sentence = "The rebels warned that they would shell the airport."
    assert _status(nlp, sentence, "shell") == Status.THREATENED


def test_status_would_under_a_reporting_verb_is_planned_on_its_own_predicted(nlp: Language) -> None:
    sentence = "Officials said the army would launch an attack on the town."
    assert _status(nlp, sentence, "attack") == Status.PLANNED
    # "would" on the sentence's own reporting verb: no one reports that intention (the root is its
    # own head, so the reporting verb must not be read as governing itself)
    sentence = "Police would report that gunmen attacked the convoy."
    assert _status(nlp, sentence, "attacked") == Status.PREDICTED


def test_status_any_attack_is_supposed(nlp: Language) -> None:
    sentence = "The minister said any attack on the dam would be answered at once."
    assert _status(nlp, sentence, "attack") == Status.HYPOTHETICAL


def test_status_what_a_rejected_accusation_alleges_is_denied(nlp: Language) -> None:
    sentence = "The ministry rejected accusations of shelling a school near Kharkiv."
    assert _status(nlp, sentence, "shelling") == Status.DENIED


def test_status_rejecting_any_role_is_still_a_rejection(nlp: Language) -> None:
    sentence = "The militia rejects any role in Sunday's bombing of the market."
    assert _status(nlp, sentence, "rejects", PloverType.REJECT) == Status.OCCURRED


def test_status_a_coordinated_clause_under_a_warning_is_threatened(nlp: Language) -> None:
    sentence = (
        "The envoy warned the council that such shelling would not be tolerated and that Uganda could "
        "retaliate militarily."
    )
    assert _status(nlp, sentence, "retaliate") == Status.THREATENED
