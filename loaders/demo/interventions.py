"""Records under the three regulations (三个规定): someone asks about a case, the handler
records it (RECORDS, BY, RECORDED_BY), and the shortcut INTERVENED_IN links the person to
the case with the same date.

Asking in the line of duty (履职过问) comes from the head of the handling unit or of the
unit above it; improper asking (违规过问) from relatives, intermediaries, lawyers and leaders
of other bodies. Now and then the last improper asker of a prefecture asks about another case
there (at most three in all), so that natural data reaches the threshold of repeated improper
asking (two) beside the planted intervener, who asks a dozen times.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.model.enums import (
    AgencyKind,
    InterventionClass,
    InterventionManner,
    InterventionRelation,
    NodeKind,
    OfficialRole,
    RelType,
)
from graph.model.records import Props
from loaders.demo.cases import Case
from loaders.demo.days import between, iso
from loaders.demo.pick import Weighted, one_of
from loaders.demo.staff import HEAD_TITLES, emit_person
from loaders.demo.vocab import DUTY_REQUESTS, IMPROPER_POSTS, IMPROPER_REQUESTS
from loaders.demo.world import Agency, World

Rel, Man, Role = InterventionRelation, InterventionManner, OfficialRole
SHARE, IMPROPER_SHARE = 0.03, 0.3
AGAIN_SHARE, MOST_ASKED = 0.25, 3  # the prefecture's last improper asker asks again
DUTY_RELATIONS = Weighted([(Rel.SELF, 85), (Rel.ORGANIZATION, 15)])
IMPROPER_RELATIONS = Weighted(
    [(Rel.SELF, 40), (Rel.STAFF, 25), (Rel.RELATIVE, 25), (Rel.ORGANIZATION, 10)]
)
MANNERS = Weighted(
    [
        (Man.IN_PERSON, 30),
        (Man.PHONE, 35),
        (Man.WRITTEN, 10),
        (Man.MESSAGE, 20),
        (Man.THROUGH_OTHERS, 5),
    ]
)
IMPROPER_ROLES = Weighted(
    [(Role.RELATED, 40), (Role.INTERMEDIARY, 20), (Role.LAWYER, 20), (Role.LEADER, 20)]
)
OTHER_BODIES = (AgencyKind.CONGRESS, AgencyKind.CPPCC, AgencyKind.JUSTICE, AgencyKind.POLICE)


@dataclass
class Intervention:
    case: Case
    intervener: str
    occurred: int
    classification: InterventionClass
    relation: InterventionRelation
    manner: InterventionManner
    post: str
    request: str
    recorder: str


def emit_intervention(world: World, i: Intervention) -> str:
    sink = world.sink
    id_ = world.next_id("intervention")
    props: Props = {
        "occurred_on": iso(i.occurred),
        "relation": i.relation.name,
        "manner": i.manner.name,
        "classification": i.classification.name,
        "stage": i.case.stage.name,
        "region_code": i.case.region,
        "intervener_post": i.post,
        "request": i.request,
    }
    sink.node(NodeKind.InterventionRecord, id_, props)
    sink.rel(RelType.RECORDS, id_, i.case.id)
    sink.rel(RelType.BY, id_, i.intervener)
    sink.rel(RelType.RECORDED_BY, id_, i.recorder)
    sink.rel(RelType.INTERVENED_IN, i.intervener, i.case.id, {"valid_from": iso(i.occurred)}, id_)
    world.interventions[i.intervener] += 1
    return id_


def _leader(agency: Agency, day: int) -> tuple[str, str]:
    return agency.head_at(day), agency.name + HEAD_TITLES[agency.kind]


def _improper(world: World, case: Case, day: int) -> tuple[str, str]:
    rng, prefecture = world.rng, case.region[:4]
    earlier = world.askers.get(prefecture)
    if earlier and world.interventions[earlier[0]] < MOST_ASKED and rng.random() < AGAIN_SHARE:
        return earlier
    asker = _new_asker(world, case, day)
    world.askers[prefecture] = asker
    return asker


def _new_asker(world: World, case: Case, day: int) -> tuple[str, str]:
    rng = world.rng
    role = IMPROPER_ROLES.pick(rng)
    if role is Role.LEADER:
        kind = OTHER_BODIES[int(rng.random() * len(OTHER_BODIES))]
        body = world.agencies.get((case.region, kind))
        if body is not None and body is not case.agency:
            leader, post = _leader(body, day)
            if leader not in world.interventions:
                return leader, post
        role = Role.RELATED
    person = emit_person(world, role, case.region, born=(1955, 1995))
    return person, one_of(rng, IMPROPER_POSTS[role.name])


def natural_intervention(world: World, case: Case) -> None:
    rng = world.rng
    if rng.random() >= SHARE:
        return
    occurred = between(rng, case.filed, case.closed or world.today)
    if rng.random() < IMPROPER_SHARE:
        classification, relation = InterventionClass.IMPROPER, IMPROPER_RELATIONS.pick(rng)
        intervener, post = _improper(world, case, occurred)
        request = one_of(rng, IMPROPER_REQUESTS)
    else:
        classification, relation = InterventionClass.DUTY, DUTY_RELATIONS.pick(rng)
        unit = case.agency
        region = world.geo.by_code[unit.code]
        upper = world.agencies.get((region.parent or "", unit.kind))
        intervener, post = _leader(upper if upper and rng.random() < 0.3 else unit, occurred)
        request = one_of(rng, DUTY_REQUESTS)
    officer = case.handlers[0][0]
    recorder = officer if rng.random() < 0.8 else case.agency.id
    emit_intervention(
        world,
        Intervention(
            case,
            intervener,
            occurred,
            classification,
            relation,
            MANNERS.pick(rng),
            post,
            request,
            recorder,
        ),
    )
