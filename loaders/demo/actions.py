"""Supervision actions as records: who conducts them, what they target, who reviews, which
campaign or agreement they belong to; and the provincial campaigns themselves (the two
"万案大评查" and the yearly 涉民营企业案件专项督办 batches)."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.model.enums import (
    ActionKind,
    ActionStatus,
    AgencyKind,
    NodeKind,
    RelType,
    ReviewType,
    Sampling,
)
from graph.model.records import Props
from loaders.demo.cases import Case
from loaders.demo.days import iso, ordinal, year
from loaders.demo.regions import SICHUAN
from loaders.demo.world import Agency, Campaign, World

A = ActionKind
SLIP_SHARE = 0.3  # a reviewer who served in the unit is chosen anyway


@dataclass
class Action:
    kind: ActionKind
    title: str
    conductors: list[Agency]
    targets: list[str]
    started: int
    ended: int | None = None
    reviewers: list[tuple[str, str]] = field(default_factory=list)
    extra: Props = field(default_factory=dict)
    campaign: str | None = None
    assigned: str | None = None
    under: str | None = None
    id: str = ""

    @property
    def lead(self) -> Agency:
        return self.conductors[0]

    def status(self, today: int) -> ActionStatus:
        if self.started > today:
            return ActionStatus.PLANNED
        if self.ended is None or self.ended > today:
            return ActionStatus.ONGOING
        return ActionStatus.COMPLETED


def emit_action(world: World, action: Action) -> str:
    sink = world.sink
    action.id = world.next_id("action")
    props: Props = {
        "title": action.title,
        "kind": action.kind.name,
        "status": action.status(world.today).name,
        "region_code": action.lead.code,
        "level": action.lead.level.name,
        "started_on": iso(action.started),
    }
    if action.ended is not None and action.ended <= world.today:
        props["ended_on"] = iso(action.ended)
    props.update(action.extra)
    sink.node(NodeKind.SupervisionAction, action.id, props)
    for agency in action.conductors:
        sink.rel(RelType.CONDUCTED_BY, action.id, agency.id)
    for target in action.targets:
        sink.rel(RelType.TARGETS, action.id, target)
    for official, role in action.reviewers:
        sink.rel(RelType.REVIEWED_BY, action.id, official, {"role": role})
    if action.campaign:
        sink.rel(RelType.PART_OF, action.id, action.campaign)
    if action.assigned:
        sink.rel(RelType.ASSIGNED_TO, action.id, action.assigned)
    if action.under:
        sink.rel(RelType.UNDER, action.id, action.under)
    return action.id


def pick_reviewers(world: World, pool_key: str, case: Case, count: int) -> list[str]:
    """Reviewers from the talent pool of an area, those with the case's kind among their
    expertise first. Someone who served in the case's unit is passed over, except now and
    then (``SLIP_SHARE``): the natural conflicts of interest the reviewer check must find."""
    rng = world.rng
    pool = world.pool.get(pool_key) or world.pool.get(SICHUAN, [])
    chosen: list[str] = []
    for attempt in range(count * 10):
        if not pool or len(chosen) == count:
            break
        official = pool[int(rng.random() * len(pool))]
        expert = case.kind.name in official.expertise or attempt >= count * 8
        clear = not official.served_in(case.agency) or rng.random() < SLIP_SHARE
        if expert and clear and official.id not in chosen:
            chosen.append(official.id)
    return chosen


def reviewer_roles(ids: list[str]) -> list[tuple[str, str]]:
    return [(id_, "评查组长" if i == 0 else "评查员") for i, id_ in enumerate(ids)]


def emit_campaigns(world: World) -> None:
    province = world.agency(SICHUAN, AgencyKind.COMMISSION)
    plans: list[tuple[str, ActionKind, str, str, Sampling | None, int | None]] = [
        ("第一次“万案大评查”", A.CASE_REVIEW, "2019-03-01", "2020-06-30", Sampling.DRAGNET, None),
        ("第二次“万案大评查”", A.CASE_REVIEW, "2021-03-01", "2022-12-31", Sampling.ROLLING, None),
    ]
    for y in range(2019, year(world.today) + 1):
        plans.append(
            (
                f"{y}年度涉民营企业案件专项督办",
                A.CASE_SUPERVISION,
                f"{y}-03-01",
                f"{y}-12-31",
                None,
                y,
            )
        )
    for title, kind, start, end, sampling, batch_year in plans:
        started, ended = ordinal(start), ordinal(end)
        if started > world.today:
            continue
        extra: Props = {"review_type": ReviewType.CAMPAIGN.name} if kind is A.CASE_REVIEW else {}
        if sampling:
            extra["sampling"] = sampling.name
        action = Action(kind, f"全省{title}", [province], [], started, ended, extra=extra)
        emit_action(world, action)
        world.campaigns.append(Campaign(action.id, kind, started, ended, batch_year))


def campaign_for(
    world: World, kind: ActionKind, day: int, batch_year: int | None = None
) -> str | None:
    for c in world.campaigns:
        if c.kind is kind and c.started <= day <= c.ended and c.year == batch_year:
            return c.id
    return None
