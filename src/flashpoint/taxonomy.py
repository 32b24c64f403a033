"""The one module that knows Flashpoint's vocabularies: PLOVER types and modes, statuses, relation
predicates, actor kinds, ACLED's types, and the single mapping from PLOVER to ACLED.

PLOVER (Open Event Data Alliance) names what happened between two actors; ACLED names the same
happening in the terms analysts of political violence use. The mapping needs more than the PLOVER
type: an ASSAULT by aircraft is an ACLED air strike, the same ASSAULT on unarmed people is violence
against civilians, and an exchange between two armed sides is a battle. So the table is keyed by
type, mode and the kind of target, and read top to bottom: the first row that fits wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from flashpoint.records import AcledType


class PloverType(StrEnum):
    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


#: Deeds, as against words: violence, coercion and protest. A deed done to "any" one is never told as
#: done ("did not say that any civilians were killed"), and a deed told first with no sides often
#: gets them in the next sentence ("A bomb went off. It killed six soldiers.").
DEEDS = frozenset({PloverType.ASSAULT, PloverType.COERCE, PloverType.PROTEST})

#: ASSAULT modes that name the deed itself rather than the weapon it was done with: an abduction is
#: another happening than the shooting beside it, where "the bombing" and "the attack" may be one.
DEED_MODES = frozenset({"sexual", "abduct", "execute"})

#: The modes Flashpoint assigns, per PLOVER type. A subset of PLOVER's, plus the ACLED distinctions
#: (missile vs. artillery, grenade, suicide bomb) that decide the ACLED sub-event type.
MODES: dict[PloverType, frozenset[str]] = {
    PloverType.ASSAULT: frozenset(
        {
            "aerial",
            "drone",
            "missile",
            "artillery",
            "explosives",
            "suicide-bomb",
            "grenade",
            "cbrn",
            "firearms",
            "primitive",
            "incendiary",
            "physical",
            "sexual",
            "abduct",
            "execute",
            "seize-territory",
        }
    ),
    PloverType.PROTEST: frozenset(
        {"demonstrate", "riot", "mob", "strike", "hunger-strike", "boycott", "obstruct"}
    ),
    PloverType.COERCE: frozenset(
        {
            "arrest",
            "seize",
            "destroy-property",
            "deport",
            "ban",
            "curfew",
            "disrupt-weapons",
            "repress",
            "restrict",
            "displace",
            "coup",
        }
    ),
    PloverType.MOBILIZE: frozenset({"military", "police", "militia", "base"}),
    PloverType.AID: frozenset({"economic", "military", "humanitarian"}),
    PloverType.SANCTION: frozenset({"embargo", "break-relations", "expel", "discontinue"}),
    PloverType.RETREAT: frozenset(
        {"withdraw", "transfer-territory", "release", "surrender", "ease", "ceasefire"}
    ),
    PloverType.AGREE: frozenset({"ceasefire", "peace", "agreement"}),
    PloverType.CONSULT: frozenset({"meet", "visit", "call", "mediate"}),
}


class Status(StrEnum):
    """Whether the event happened, as the text presents it."""

    OCCURRED = "occurred"
    ONGOING = "ongoing"
    PLANNED = "planned"
    THREATENED = "threatened"
    PREDICTED = "predicted"
    DENIED = "denied"
    HYPOTHETICAL = "hypothetical"


#: Statuses of events that did happen; the others are open (planned, threatened, predicted) or never were.
HAPPENED = frozenset({Status.OCCURRED, Status.ONGOING})
OPEN_STATUSES = frozenset({Status.PLANNED, Status.THREATENED, Status.PREDICTED})
#: Deeds still to come that no one has threatened: one side's plan, or what the writer expects.
UNREALISED = frozenset({Status.PLANNED, Status.PREDICTED})


class Predicate(StrEnum):
    SPONSORS = "sponsors"
    MEMBER_OF = "member_of"
    LEADER_OF = "leader_of"
    PART_OF = "part_of"
    ALLIED_WITH = "allied_with"
    OPPOSES = "opposes"


class ActorKind(StrEnum):
    STATE = "state"
    GOVERNMENT = "government"
    MILITARY = "military"
    POLICE = "police"
    ARMED_GROUP = "armed_group"
    COALITION = "coalition"
    POLITICAL_PARTY = "political_party"
    PERSON = "person"
    ORGANIZATION = "organization"
    MEDIA = "media"
    POPULATION = "population"
    OTHER = "other"


#: Kinds that carry arms; an ASSAULT between two of them is a battle, on anyone else an attack. The
#: coalitions conflicts are reported with are armed ones (the SDF, JNIM, the Saudi-led coalition).
ARMED_KINDS = frozenset(
    {ActorKind.MILITARY, ActorKind.POLICE, ActorKind.ARMED_GROUP, ActorKind.STATE, ActorKind.COALITION}
)
#: A state's armed forces: its army and its police.
STATE_FORCES = frozenset({ActorKind.MILITARY, ActorKind.POLICE})
#: The institutions that act for a state: its forces and its government.
STATE_INSTITUTIONS = STATE_FORCES | {ActorKind.GOVERNMENT}


class Precision(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class PlacePrecision(StrEnum):
    POINT = "point"
    CITY = "city"
    REGION = "region"
    COUNTRY = "country"


ACLED_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

_ANY = "*"


@dataclass(frozen=True, slots=True)
class _AcledRow:
    type: PloverType
    mode: str  # a mode, or _ANY
    target: str  # "armed", "unarmed", or _ANY
    source: str  # "state" (government/military/police), "crowd" (unorganised people), "armed" (a non-state
    # armed group), "nonstate" (anyone else or no one named), or _ANY
    event_type: str
    sub_event_type: str


# Read top to bottom; the first row whose type, mode, target class and source class fit wins.
_ACLED_TABLE: tuple[_AcledRow, ...] = (
    _AcledRow(PloverType.ASSAULT, "aerial", _ANY, _ANY, "Explosions/Remote violence", "Air/drone strike"),
    _AcledRow(PloverType.ASSAULT, "drone", _ANY, _ANY, "Explosions/Remote violence", "Air/drone strike"),
    _AcledRow(
        PloverType.ASSAULT,
        "missile",
        _ANY,
        _ANY,
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    ),
    _AcledRow(
        PloverType.ASSAULT,
        "artillery",
        _ANY,
        _ANY,
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    ),
    _AcledRow(PloverType.ASSAULT, "suicide-bomb", _ANY, _ANY, "Explosions/Remote violence", "Suicide bomb"),
    _AcledRow(PloverType.ASSAULT, "grenade", _ANY, _ANY, "Explosions/Remote violence", "Grenade"),
    _AcledRow(PloverType.ASSAULT, "cbrn", _ANY, _ANY, "Explosions/Remote violence", "Chemical weapon"),
    _AcledRow(
        PloverType.ASSAULT,
        "explosives",
        _ANY,
        _ANY,
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    ),
    _AcledRow(PloverType.ASSAULT, "sexual", _ANY, _ANY, "Violence against civilians", "Sexual violence"),
    _AcledRow(
        PloverType.ASSAULT,
        "abduct",
        _ANY,
        _ANY,
        "Violence against civilians",
        "Abduction/forced disappearance",
    ),
    _AcledRow(
        PloverType.ASSAULT, "seize-territory", _ANY, "state", "Battles", "Government regains territory"
    ),
    _AcledRow(
        PloverType.ASSAULT, "seize-territory", _ANY, _ANY, "Battles", "Non-state actor overtakes territory"
    ),
    _AcledRow(PloverType.ASSAULT, _ANY, _ANY, "crowd", "Riots", "Mob violence"),
    _AcledRow(PloverType.ASSAULT, _ANY, "unarmed", _ANY, "Violence against civilians", "Attack"),
    _AcledRow(PloverType.ASSAULT, _ANY, _ANY, _ANY, "Battles", "Armed clash"),
    _AcledRow(PloverType.PROTEST, "riot", _ANY, _ANY, "Riots", "Violent demonstration"),
    _AcledRow(PloverType.PROTEST, "mob", _ANY, _ANY, "Riots", "Mob violence"),
    _AcledRow(PloverType.PROTEST, "demonstrate", _ANY, _ANY, "Protests", "Peaceful protest"),
    _AcledRow(PloverType.PROTEST, "obstruct", _ANY, _ANY, "Protests", "Peaceful protest"),
    _AcledRow(PloverType.PROTEST, "strike", _ANY, _ANY, "Protests", "Peaceful protest"),
    _AcledRow(PloverType.PROTEST, "hunger-strike", _ANY, _ANY, "Protests", "Peaceful protest"),
    _AcledRow(PloverType.COERCE, "repress", _ANY, _ANY, "Protests", "Excessive force against protesters"),
    # ACLED codes an "arrest" by a non-state armed group as an abduction: it has no lawful power to arrest.
    _AcledRow(
        PloverType.COERCE,
        "arrest",
        _ANY,
        "armed",
        "Violence against civilians",
        "Abduction/forced disappearance",
    ),
    _AcledRow(PloverType.COERCE, "arrest", _ANY, _ANY, "Strategic developments", "Arrests"),
    _AcledRow(
        PloverType.COERCE, "seize", _ANY, _ANY, "Strategic developments", "Looting/property destruction"
    ),
    _AcledRow(
        PloverType.COERCE,
        "destroy-property",
        _ANY,
        _ANY,
        "Strategic developments",
        "Looting/property destruction",
    ),
    _AcledRow(
        PloverType.COERCE, "disrupt-weapons", _ANY, _ANY, "Strategic developments", "Disrupted weapons use"
    ),
    _AcledRow(
        PloverType.MOBILIZE, "base", _ANY, _ANY, "Strategic developments", "Headquarters or base established"
    ),
    # An order that makes people leave their homes ("issued an evacuation order for the district"):
    # ACLED's displacement, a strategic development of no sub-type of its own.
    _AcledRow(PloverType.COERCE, "displace", _ANY, _ANY, "Strategic developments", "Other"),
    # A change of government by force that is no battle: ACLED's strategic development of no sub-type.
    _AcledRow(PloverType.COERCE, "coup", _ANY, _ANY, "Strategic developments", "Other"),
    # Forces moved or reinforced: ACLED's change to a group's activity.
    _AcledRow(
        PloverType.MOBILIZE, "military", _ANY, _ANY, "Strategic developments", "Change to group/activity"
    ),
    _AcledRow(
        PloverType.RETREAT,
        "transfer-territory",
        _ANY,
        _ANY,
        "Strategic developments",
        "Non-violent transfer of territory",
    ),
    _AcledRow(PloverType.AGREE, "ceasefire", _ANY, _ANY, "Strategic developments", "Agreement"),
    # ACLED's agreements include a ceasefire one side declares and fighters' surrender.
    _AcledRow(PloverType.RETREAT, "ceasefire", _ANY, _ANY, "Strategic developments", "Agreement"),
    _AcledRow(PloverType.RETREAT, "surrender", _ANY, _ANY, "Strategic developments", "Agreement"),
    _AcledRow(PloverType.AGREE, "peace", _ANY, _ANY, "Strategic developments", "Agreement"),
    _AcledRow(PloverType.AGREE, "agreement", _ANY, _ANY, "Strategic developments", "Agreement"),
)

_STATE_KINDS = STATE_INSTITUTIONS | {ActorKind.STATE}
_NONSTATE_ARMED_KINDS = ARMED_KINDS - _STATE_KINDS


def acled_type(
    plover: PloverType | str,
    mode: str | None,
    *,
    source_kind: str | None = None,
    target_kind: str | None = None,
) -> AcledType | None:
    """ACLED's event type and sub-event type for a PLOVER event, or None where ACLED has no such event.

    An unknown target counts as armed: ACLED codes an unattributed exchange of fire as a battle, and
    violence against civilians needs civilians named as its target. Violence by an unorganised crowd
    (rioters, villagers) is mob violence, whoever its target.
    """
    target_class = "unarmed" if target_kind and target_kind not in ARMED_KINDS else "armed"
    if source_kind in _STATE_KINDS:
        source_class = "state"
    elif source_kind == ActorKind.POPULATION:
        source_class = "crowd"  # villagers, youths, rioters attacking: ACLED's mob violence
        if mode == "incendiary" and target_class == "unarmed":
            # "youths threw a petrol bomb at the car of a candidate": a planned attack on a person,
            # not a crowd's violence (ACLED's attack by an unidentified armed group)
            source_class = "nonstate"
    elif source_kind in _NONSTATE_ARMED_KINDS:
        source_class = "armed"
    else:
        source_class = "nonstate"
    for row in _ACLED_TABLE:
        if row.type != plover:
            continue
        if row.mode not in (_ANY, mode):
            continue
        if row.target not in (_ANY, target_class) or row.source not in (_ANY, source_class):
            continue
        return AcledType(event_type=row.event_type, sub_event_type=row.sub_event_type)
    return None
