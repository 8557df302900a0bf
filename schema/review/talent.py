"""Fields over ``workflows.review.talent``: 以省带市促县 trainings and the dated membership of the
three-level talent pool (三级执法监督人才库)."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import NodeKind
from schema.context import Info
from schema.fields import mutation, query
from schema.generic.enums import code
from schema.generic.inputs import expect_id, given
from schema.generic.nodes import TYPES
from schema.objects import input_object, list_of, maybe, optional, output
from schema.results import ids, shown
from schema.review.types import RegionLevelEnum
from workflows.review import talent

OFFICIAL, AGENCY = NodeKind.Official.name, NodeKind.Agency.name

TraineeInput = input_object(
    "TraineeInput",
    "A person who took a training: the hours completed (all the training's when left out) "
    "and whether they passed (default true).",
    official_id=strawberry.ID,
    hours=optional(float),
    passed=optional(bool),
)
TrainingRecord = output(
    "TrainingRecord",
    "A training and who took it.",
    training=TYPES[NodeKind.Training],
    trainee_ids=list_of(strawberry.ID),
)
PoolMembership = output(
    "PoolMembership",
    "三级执法监督人才库: a person in the pool a commission holds at its level, from `validFrom` "
    "to `validTo` (open: still a member), and the hours of training passed in the window "
    "before the day asked.",
    official=TYPES[NodeKind.Official],
    pool=TYPES[NodeKind.Agency],
    level=RegionLevelEnum,
    valid_from=maybe(str),
    valid_to=maybe(str),
    training_hours=float,
)


def _membership(info: Info, m: talent.Membership) -> Any:
    return PoolMembership(
        official=shown(info, m.official),
        pool=shown(info, m.pool),
        level=RegionLevelEnum[m.level],
        valid_from=m.rel.props.get("valid_from"),
        valid_to=m.rel.props.get("valid_to"),
        training_hours=m.hours,
    )


@mutation(
    "以省带市促县: a training organized by a commission at its level, with its hours.",
    returns=TYPES[NodeKind.Training],
)
async def hold_training(
    info: Info,
    organizer_id: strawberry.ID,
    title: str,
    held_on: str,
    hours: float,
    ended_on: str | None = UNSET,
    topic: str | None = UNSET,
) -> Any:
    node = await info.context.call(
        talent.hold_training,
        organizer_id=expect_id(organizer_id, AGENCY, "organizer_id"),
        title=title,
        held_on=held_on,
        hours=hours,
        ended_on=given(ended_on),
        topic=given(topic),
    )
    return shown(info, node)


@mutation(
    "Who took a training that has ended: staff of the organizer's region or below, each once.",
    returns=TrainingRecord,
    trainees=list_of(TraineeInput),
)
async def record_trainees(info: Info, training_id: strawberry.ID, trainees: Any) -> Any:
    given_trainees = [
        talent.Trainee(
            expect_id(t.official_id, OFFICIAL, f"trainees.{i}.official_id"),
            given(t.hours),
            True if given(t.passed) is None else bool(t.passed),
        )
        for i, t in enumerate(trainees)
    ]
    training_id_ = expect_id(training_id, NodeKind.Training.name, "training_id")
    done = await info.context.call(
        talent.record_trainees, training_id=training_id_, trainees=given_trainees
    )
    return TrainingRecord(
        training=shown(info, done.training), trainee_ids=ids(NodeKind.Official, done.trainee_ids)
    )


@mutation(
    "Admit a person to the talent pool a commission holds at its level, from `validFrom` "
    "(default today): staff of its region, with enough training passed at that level or above; "
    "a current membership elsewhere ends the day before.",
    returns=PoolMembership,
)
async def admit_to_talent_pool(
    info: Info, official_id: strawberry.ID, pool_id: strawberry.ID, valid_from: str | None = UNSET
) -> Any:
    found = await info.context.call(
        talent.admit_to_talent_pool,
        official_id=expect_id(official_id, OFFICIAL, "official_id"),
        pool_id=expect_id(pool_id, AGENCY, "pool_id"),
        valid_from=given(valid_from),
    )
    return _membership(info, found)


@mutation(
    "A person's current talent-pool membership ends on `validTo` (default today), for `reason`.",
    returns=TYPES[NodeKind.Official],
)
async def leave_talent_pool(
    info: Info, official_id: strawberry.ID, reason: str, valid_to: str | None = UNSET
) -> Any:
    node = await info.context.call(
        talent.leave_talent_pool,
        official_id=expect_id(official_id, OFFICIAL, "official_id"),
        reason=reason,
        valid_to=given(valid_to),
    )
    return shown(info, node)


@query(
    "三级执法监督人才库: who was in the pools of your jurisdiction on `on` (default today), by "
    "level, with their training hours.",
    returns=list_of(PoolMembership),
    level=maybe(RegionLevelEnum),
)
async def talent_pool(info: Info, on: str | None = UNSET, level: Any = UNSET) -> Any:
    wanted = given(level)
    found = await info.context.call(
        talent.talent_pool, on=given(on), level=None if wanted is None else code(wanted)
    )
    return [_membership(info, m) for m in found]
