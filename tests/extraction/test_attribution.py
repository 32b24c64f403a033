"""Attribution keeps the chain of reporting frames as written; the article's own voice is empty."""

from __future__ import annotations

import pytest
from spacy.language import Language

from flashpoint.extraction.attribution import attribution_of
from flashpoint.knowledge.lexicon import load_lexicon
from flashpoint.pipeline import extract

pytestmark = pytest.mark.slow


def _chain(nlp: Language, sentence: str, trigger: str) -> tuple[str, ...]:
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == trigger)
    return attribution_of(token, load_lexicon()).chain


def test_attribution_said_after_the_clause(nlp: Language) -> None:
    assert _chain(
        nlp, "Gunmen attacked a bus near the border, the regional police chief said.", "attacked"
    ) == ("the regional police chief",)


def test_attribution_according_to(nlp: Language) -> None:
    chain = _chain(nlp, "According to the health ministry, the strike hit a crowded market.", "strike")
    assert chain == ("the health ministry",)


def test_attribution_citing_keeps_both_links(nlp: Language) -> None:
    sentence = "A Reuters report, citing two diplomats in the region, said the navy shelled the island."
    chain = _chain(nlp, sentence, "shelled")
    assert chain[0] == "A Reuters report"
    assert "two diplomats in the region" in chain[1]


def test_attribution_own_voice_is_empty(nlp: Language) -> None:
    assert _chain(nlp, "Soldiers raided the camp before dawn.", "raided") == ()


def test_attribution_claim_of_responsibility_names_the_claimant(nlp: Language) -> None:
    doc = nlp("The Southern Front claimed responsibility for the bombing of the railway.")
    token = next(t for t in doc if t.text == "bombing")
    found = attribution_of(token, load_lexicon())
    assert found.claimant is not None and found.claimant.text == "Front"


def test_attribution_participle_takes_the_subject_of_its_clause(nlp: Language) -> None:
    sentence = "The army issued a statement on Monday, saying its jets had struck a rebel depot."
    assert _chain(nlp, sentence, "struck") == ("The army",)


def test_attribution_pronoun_speaker_is_the_actor_it_stands_for(nlp: Language) -> None:
    from flashpoint.pipeline import extract

    text = "Russia denied the reports on Tuesday. It claimed that its missiles had hit only military targets."
    result = extract(text, "2024-05-08", nlp=nlp)
    hit = next(e for e in result.events if e.trigger.text == "hit")
    assert hit.attributed_to == ("Russia",)


def test_attribution_a_dateline_before_a_colon_is_not_the_speaker(nlp: Language) -> None:
    chain = _chain(
        nlp,
        "KHARTOUM: In a statement issued on Sunday, the paramilitary group said it had shelled the airport.",
        "shelled",
    )
    assert chain == ("the paramilitary group",)


def test_attribution_the_speaker_is_the_subject_nearest_the_verb(nlp: Language) -> None:
    chain = _chain(
        nlp,
        "Around twenty herders were killed and several others wounded in northern Mali in a raid by armed "
        "men, security and local sources said on Sunday, speaking to Reuters.",
        "raid",
    )
    assert chain and "sources" in chain[0] and "gunmen" not in chain[0], chain


def test_attribution_whoever_puts_the_toll_at_a_figure_reports_it(nlp: Language) -> None:
    chain = _chain(nlp, "Local officials put the number of people killed in the raid at 40.", "killed")
    assert chain == ("Local officials",)


def test_attribution_according_to_reports_the_speaker_it_names(nlp: Language) -> None:
    chain = _chain(
        nlp,
        "According to diplomats, the Ugandan envoy warned the council that Uganda could retaliate.",
        "retaliate",
    )
    assert chain == ("diplomats", "the Ugandan envoy"), chain


def test_attribution_he_opening_the_next_sentence_is_the_person_just_quoted(nlp: Language) -> None:
    result = extract(
        "Hassan Omar, a spokesman for the militia, told reporters that the fighters had overrun the camp."
        " He put the number of soldiers killed by the attackers at 12.",
        "2024-05-08",
        nlp=nlp,
    )
    killed = [e for e in result.events if e.trigger.text == "killed"]
    assert killed and killed[0].attributed_to == ("Hassan Omar",), [
        (e.trigger.text, e.attributed_to) for e in result.events
    ]
