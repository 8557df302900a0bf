"""Mutual recognition of results (监督结果互认互用) and what follows a finding (整改, 问责):
fields over ``workflows.joint.recognition`` and ``workflows.joint.findings``."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import AccountabilityMeasure, FindingCategory, NodeKind, Severity
from schema.context import Info
from schema.fields import mutation, query
from schema.generic.enums import LABELED, MOVES, code
from schema.generic.ids import to_global
from schema.generic.inputs import at_least, expect_id, given, store_id, store_ids
from schema.generic.nodes import TYPES, wrap
from schema.joint.types import (
    DuplicateInspection,
    FindingRecord,
    RectificationItem,
    finding_records,
    rectification_item,
)
from schema.joint.types import (
    duplicate_inspections as duplicates,
)
from schema.objects import list_of, output
from schema.results import shown
from workflows import rules
from workflows.access import Access
from workflows.joint import findings, recognition, recurrence

FINDING, ACTION = NodeKind.Finding.name, NodeKind.SupervisionAction.name


@query(
    "监督结果: every finding about a case, unit, official or petition, oldest first, with the "
    "mode that found it and who recognised it (scope, date).",
    returns=list_of(FindingRecord),
)
async def findings_about(info: Info, target_id: strawberry.ID) -> Any:
    found = await info.context.call(
        recognition.findings_about, target_id=store_id(target_id, "target_id")
    )
    return await finding_records(info, found)


@query(
    "互认互用: findings on a planned action's targets made within `windowDays` before it starts, "
    "not its own nor already recognised by it: reuse them instead of inspecting again.",
    returns=list_of(FindingRecord),
)
async def reusable_findings(
    info: Info, action_id: strawberry.ID, window_days: int = rules.REUSE_WINDOW_DAYS
) -> Any:
    found = await info.context.call(
        recognition.reusable_findings,
        action_id=expect_id(action_id, ACTION, "action_id"),
        window_days=at_least(window_days, 0, "window_days"),
    )
    return await finding_records(info, found)


@query(
    "重复检查: targets in your jurisdiction inspected by several modes whose periods come within "
    "`windowDays` (0: overlapping), started in [since, until], with no recognition between "
    "them.",
    returns=list_of(DuplicateInspection),
)
async def duplicate_inspections(
    info: Info,
    since: str | None = UNSET,
    until: str | None = UNSET,
    window_days: int = rules.DUPLICATE_WINDOW_DAYS,
) -> Any:
    found = await info.context.call(
        recognition.duplicate_inspections,
        since=given(since),
        until=given(until),
        window_days=at_least(window_days, 0, "window_days"),
    )
    return await duplicates(info, found)


@mutation(
    "互认: a body (an agency, or another action) recognises a finding, in a scope, on a day "
    "(default today); not its own finding, not twice, not before it was made.",
    returns=FindingRecord,
)
async def recognize_finding(
    info: Info,
    finding_id: strawberry.ID,
    by_id: strawberry.ID,
    scope: str,
    recognized_on: str | None = UNSET,
) -> Any:
    record = await info.context.call(
        recognition.recognize_finding,
        finding_id=expect_id(finding_id, FINDING, "finding_id"),
        by_id=store_id(by_id, "by_id"),
        scope=scope,
        recognized_on=given(recognized_on),
    )
    return (await finding_records(info, [record]))[0]


@mutation(
    "发现问题: a finding of an action about the cases, units or officials it concerns, made on "
    "`foundOn` (default today, not before the action started).",
    returns=TYPES[NodeKind.Finding],
    category=LABELED[FindingCategory],
    severity=LABELED[Severity],
)
async def record_finding(
    info: Info,
    action_id: strawberry.ID,
    title: str,
    category: Any,
    severity: Any,
    concerns_ids: list[strawberry.ID],
    evidence: str | None = UNSET,
    found_on: str | None = UNSET,
) -> Any:
    node = await info.context.call(
        findings.record_finding,
        action_id=expect_id(action_id, ACTION, "action_id"),
        title=title,
        category=code(category),
        severity=code(severity),
        concerns_ids=store_ids(concerns_ids, "concerns_ids"),
        evidence=given(evidence),
        found_on=given(found_on),
    )
    return shown(info, node)


@mutation(
    "下达整改: order the responsible unit to rectify a finding by `deadline` (after today).",
    returns=RectificationItem,
)
async def order_rectification(
    info: Info,
    finding_id: strawberry.ID,
    responsible_agency_id: strawberry.ID,
    deadline: str,
    title: str | None = UNSET,
) -> Any:
    item = await info.context.call(
        findings.order_rectification,
        finding_id=expect_id(finding_id, FINDING, "finding_id"),
        responsible_agency_id=expect_id(
            responsible_agency_id, NodeKind.Agency.name, "responsible_agency_id"
        ),
        deadline=deadline,
        title=given(title),
    )
    return rectification_item(info, item)


@mutation(
    "整改事项分解: an item of a rectification, for its unit (or `responsibleAgencyId`), due by "
    "`deadline` (after today, not after the rectification's); the rectification is accepted "
    "only once every item is, and its progress rolls up from them.",
    returns=RectificationItem,
)
async def add_rectification_item(
    info: Info,
    rectification_id: strawberry.ID,
    title: str,
    deadline: str,
    responsible_agency_id: strawberry.ID | None = UNSET,
) -> Any:
    agency = given(responsible_agency_id)
    item = await info.context.call(
        findings.add_rectification_item,
        rectification_id=expect_id(
            rectification_id, NodeKind.Rectification.name, "rectification_id"
        ),
        title=title,
        deadline=deadline,
        responsible_agency_id=None
        if agency is None
        else expect_id(agency, NodeKind.Agency.name, "responsible_agency_id"),
    )
    return rectification_item(info, item)


@mutation(
    "One step of a rectification (下达 → 整改中 → 提交 → 验收通过/退回 → 销号), dated today; "
    "`version` must be the one read (else CONFLICT), a move the state does not allow is "
    "INVALID_TRANSITION.",
    returns=RectificationItem,
    move=MOVES[NodeKind.Rectification],
)
async def move_rectification(
    info: Info,
    rectification_id: strawberry.ID,
    version: int,
    move: Any,
    note: str | None = UNSET,
) -> Any:
    item = await info.context.call(
        findings.move_rectification,
        rectification_id=expect_id(
            rectification_id, NodeKind.Rectification.name, "rectification_id"
        ),
        version=version,
        move=code(move),
        note=given(note),
    )
    return rectification_item(info, item)


@mutation(
    "问责: a measure against an official or a unit for a finding (移送纪委监委线索 included), "
    "decided on `decidedOn` (default today, not before the finding).",
    returns=TYPES[NodeKind.Accountability],
    measure=LABELED[AccountabilityMeasure],
)
async def hold_accountable(
    info: Info,
    finding_id: strawberry.ID,
    against_id: strawberry.ID,
    measure: Any,
    description: str | None = UNSET,
    decided_on: str | None = UNSET,
) -> Any:
    node = await info.context.call(
        findings.hold_accountable,
        finding_id=expect_id(finding_id, FINDING, "finding_id"),
        against_id=store_id(against_id, "against_id"),
        measure=code(measure),
        description=given(description),
        decided_on=given(decided_on),
    )
    return shown(info, node)


Recurrence = output(
    "Recurrence",
    "同类问题复发: a finding that repeats, at a unit, a problem of its category rectified "
    "there before.",
    finding=TYPES[NodeKind.Finding],
    earlier=TYPES[NodeKind.Finding],
    unit_id=strawberry.ID,
    rectification_id=strawberry.ID,
)
# Each field is made when it is asked, from the use case's tuple (``_of``), as the caller may
# see it (``_access``): tens of thousands in one answer at a million cases. Set after
# strawberry has read the class: a field without a resolver is read with getattr.
Recurrence.finding = property(lambda self: wrap(self._access.present(self._of.finding)))
Recurrence.earlier = property(lambda self: wrap(self._access.present(self._of.earlier)))
Recurrence.unit_id = property(lambda self: to_global(NodeKind.Agency.name, self._of.unit_id))
Recurrence.rectification_id = property(
    lambda self: to_global(NodeKind.Rectification.name, self._of.rectification_id)
)


def _recurrence(access: Access, found: recurrence.Recurrence) -> Any:
    obj = Recurrence.__new__(Recurrence)
    obj._of, obj._access = found, access
    return obj


@query(
    "同类问题复发: findings in your jurisdiction made in [since, until] whose category was found "
    "at the same unit at most `windowDays` before and rectified (accepted or closed) before "
    "the new finding; each with the most recent such finding.",
    returns=list_of(Recurrence),
)
async def recurrences(
    info: Info,
    since: str | None = UNSET,
    until: str | None = UNSET,
    window_days: int = rules.RECURRENCE_DAYS,
) -> Any:
    found = await info.context.call(
        recurrence.recurrences,
        since=given(since),
        until=given(until),
        window_days=at_least(window_days, 0, "window_days"),
    )
    access = info.context.access
    return [_recurrence(access, r) for r in found]
