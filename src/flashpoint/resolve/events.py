"""Events of one article that are one happening told more than once.

News prose names its main event again and again: "the drone attack on the base", then "the attack",
then "Sunday's attack". A later mention of the same type and status whose actors do not contradict
the earlier one, and which either sits in the same sentence or does not name both sides itself,
is the same happening: it is folded into the first mention, lending it whatever slots it lacked
(a date, a place, a death toll, a weapon). Within one sentence only a mention that names no one is
folded: the parse has already joined the triggers of one happening there.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence

from flashpoint.records import Event, Place
from flashpoint.taxonomy import DEED_MODES, DEEDS, UNREALISED, PlacePrecision, PloverType, Status


def merge_repeated(
    events: Sequence[Event],
    refers_back: Callable[[Event], bool],
    folded: dict[str, str] | None = None,
    states: Mapping[str, str] | None = None,
    headline_end: int = 0,
    stands_for: Callable[[str, str], bool] = lambda unnamed, named: False,
    answers: Callable[[Event, Event], bool] = lambda later, earlier: False,
) -> list[Event]:
    """The events with later mentions of one happening folded into its first mention.

    `refers_back` tells a mention that points back ("the attack", "Sunday's strike") from one that
    brings in a happening of its own; only the former is folded across sentences. `folded`, when
    given, receives the id of each folded mention -> the id of the event it was folded into.
    `states` maps a state institution's actor id to its state's: "the strike on Iran's consulate" and
    "the strike killed seven IRGC officers" name one target. `headline_end` is the character offset
    where the text's headline ends (0 for none): the first telling after it of a happening the
    headline names, with the same sides, is the headline's happening told in full ("ELN rebels kidnap
    two soldiers" over "Fighters of the ELN kidnapped two Colombian soldiers ..."). There the
    headline's doer may be a common noun that `stands_for` the group the body names ("Gang attack
    ..." over "Gunmen from the Gran Grif gang killed ..."). `answers` tells a telling that names
    what another answered or came after, which is no telling of it: "bombed camps in response to a
    raid on Sunday" (either way round).
    """
    kept: list[Event] = []
    side = _side_of(states or {})
    retold: set[str] = set()  # headline events already matched with their telling in the body
    for event in events:
        for i, earlier in enumerate(kept):
            if answers(event, earlier) or answers(earlier, event):
                continue
            if _same_happening(earlier, event, refers_back, side, stands_for) or (
                earlier.evidence.start < headline_end <= event.evidence.start
                and earlier.id not in retold
                and _retells(earlier, event, side, stands_for)
            ):
                if earlier.evidence.start < headline_end <= event.evidence.start:
                    retold.add(earlier.id)
                kept[i] = _fold(earlier, event)
                if earlier.source and event.source and stands_for(earlier.source, event.source):
                    kept[i] = dataclasses.replace(kept[i], source=event.source)  # the name, not "a gang"
                if folded is not None:
                    folded[event.id] = earlier.id
                break
        else:
            kept.append(event)
    return kept


def without_summaries(events: Sequence[Event]) -> list[Event]:
    """The events without those that only total others up.

    A report often opens with a tally ("Three dead as militants target police") and then tells each
    incident in turn (one policeman killed in one town, two brothers in another). The tally is no
    happening of its own: kept, it would count every death twice. It is known by its toll being the
    sum of two or more other deeds of the same type whose sides do not contradict its own."""
    return [event for event in events if not _totals_others(event, events)]


def _totals_others(summary: Event, events: Sequence[Event]) -> bool:
    if not summary.fatalities or summary.status != Status.OCCURRED:
        return False
    parts = [
        event.fatalities
        for event in events
        if event is not summary
        and event.fatalities
        and event.type == summary.type
        and event.status == summary.status
        and _compatible(summary.source, event.source)
        and _compatible(summary.target, event.target)
    ]
    return len(parts) >= 2 and sum(parts) == summary.fatalities


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _side_of(states: Mapping[str, str]) -> Callable[[str | None], str | None]:
    return lambda actor: states.get(actor, actor) if actor is not None else None


# What one side says to another (appeals, accusations, rejections, threats) is one statement however
# often an article repeats it, unless its dates differ.
_SAID = frozenset({PloverType.REQUEST, PloverType.ACCUSE, PloverType.REJECT, PloverType.THREATEN})


def _same_status(a: str, b: str) -> bool:
    # A deed someone plans and a deed the writer expects are both still to come: "awaits a decision on
    # a response" and "the retaliation is likely to come" are one future happening told with two
    # degrees of certainty.
    return a == b or (a in UNREALISED and b in UNREALISED)


def _same_happening(
    earlier: Event,
    later: Event,
    refers_back: Callable[[Event], bool],
    side: Callable[[str | None], str | None],
    stands_for: Callable[[str, str], bool] = lambda unnamed, named: False,
) -> bool:
    if earlier.type != later.type or not _same_status(earlier.status, later.status):
        return False
    # Only whom it was done to may be named once as the state and once as its forces: a state and
    # its forces as the doers tell of many deeds ("Russia's missile hit Odesa", "its forces struck
    # airfields"). A mention that refers back may name the group that the first telling called by a
    # common noun: "Militants stormed a checkpoint ... The attack was claimed by the TTP".
    named_later = (
        refers_back(later)
        and earlier.source is not None
        and later.source is not None
        and stands_for(earlier.source, later.source)
    )
    if not (
        (_compatible(earlier.source, later.source) or named_later)
        and _compatible(side(earlier.target), side(later.target))
    ):
        return False
    if not _same_kind(earlier, later):
        return False
    if (
        earlier.date
        and later.date
        and later.date.text
        and earlier.date.text
        and (later.date.start > earlier.date.end or earlier.date.start > later.date.end)
    ):
        return False
    if _of_another_year(later, earlier) or _of_a_period(later, earlier):
        return False
    if earlier.evidence.start == later.evidence.start:
        # Triggers of one happening in one sentence were joined through the parse already; two that
        # were not are separate happenings ("struck ..., retaliating for the attack that killed ..."),
        # unless one of them names no one at all.
        return not (earlier.source or earlier.target) or not (later.source or later.target)
    if (
        earlier.type not in DEEDS  # talks, aid and the like are defined by their sides
        and not (earlier.source or earlier.target)
        and (later.source or later.target)
        and not refers_back(later)
    ):
        # "the collapse of peace talks ... a closed-door Security Council meeting": an earlier mention
        # with no sides cannot tell whether a later one with sides is the same happening
        return False
    if earlier.type in _SAID and earlier.source and earlier.target:
        return True  # "the army urged Rwanda to ..." and later "Hamuli called on Rwanda to ...": one appeal
    return refers_back(later) or later.source is None or later.target is None


def _finer(first: Place | None, later: Place | None) -> Place | None:
    """The first telling's place, unless it names only the country and the later one a place in it:
    a headline says "in Colombia", the lede "in the department of Arauca"."""
    if first is None:
        return later
    if (
        later is not None
        and first.precision == PlacePrecision.COUNTRY
        and later.precision != PlacePrecision.COUNTRY
        and later.country == first.country
    ):
        return later
    return first


def _retells(
    headline: Event,
    later: Event,
    side: Callable[[str | None], str | None],
    stands_for: Callable[[str, str], bool],
) -> bool:
    """Whether a telling in the body can be the headline's happening: the same type, status and kind
    of deed, between the same sides where both name them, with no other toll, on days that do not
    differ."""
    return (
        headline.type == later.type
        and _same_status(headline.status, later.status)
        and (
            _compatible(headline.source, later.source)
            or (
                headline.source is not None
                and later.source is not None
                and stands_for(headline.source, later.source)
            )
        )
        and _compatible(side(headline.target), side(later.target))
        and _same_kind(headline, later)
        # "Three killed as gunmen attack police" over a killing of one: a tally, not this telling
        and (
            headline.fatalities is None or later.fatalities is None or headline.fatalities == later.fatalities
        )
        and not (
            headline.date
            and later.date
            and (later.date.start > headline.date.end or headline.date.start > later.date.end)
        )
        and not _of_a_period(later, headline)
    )


def _of_another_year(later: Event, earlier: Event) -> bool:
    """'captured two villages near the town that was the scene of a 2017 chemical attack': a later
    mention dated by a year of its own tells of that year, which the earlier one is not known to be in
    (a mention dated first, "in 2017 militants attacked ...", may well be told again undated)."""
    if later.date is None or not later.date.text or later.date.precision != "year":
        return False
    return earlier.date is None or not earlier.date.start <= later.date.start <= earlier.date.end


#: Longer than a month: a date of this span tells of a period, not of the day of a happening.
_PERIOD_DAYS = 31
#: Up to a week: a date of this span places a happening in time.
_MOMENT_DAYS = 7


def _of_a_period(later: Event, earlier: Event) -> bool:
    """'The district has been hit repeatedly in recent years': a later mention dated by a span of
    months or years tells of deeds over that period, not again of a happening dated to a day or a
    week (by the text or by the publication day)."""
    if later.date is None or not later.date.text or earlier.date is None:
        return False
    return (later.date.end - later.date.start).days > _PERIOD_DAYS and (
        earlier.date.end - earlier.date.start
    ).days <= _MOMENT_DAYS


def _same_kind(earlier: Event, later: Event) -> bool:
    """Whether two mentions' modes allow one happening. A curfew and a phone blackout are two
    measures; an attack's weapon varies with the telling ("the bombing", "the attack") and only a
    mode naming the deed itself ("the clash came amid kidnappings") tells attacks apart."""
    if _compatible(earlier.mode, later.mode):
        return True
    return earlier.type == PloverType.ASSAULT and not {earlier.mode, later.mode} & DEED_MODES


def _fold(first: Event, later: Event) -> Event:
    date = first.date
    if later.date is not None and (date is None or (not date.text and later.date.text)):
        date = later.date  # a date read from the text beats the publication-date default
    return dataclasses.replace(
        first,
        mode=first.mode or later.mode,
        acled=first.acled if first.mode or not later.mode else later.acled,
        source=first.source or later.source,
        target=first.target or later.target,
        date=date,
        location=_finer(first.location, later.location),
        count=first.count if first.count is not None else later.count,
        fatalities=first.fatalities if first.fatalities is not None else later.fatalities,
        attributed_to=first.attributed_to or later.attributed_to,
    )
