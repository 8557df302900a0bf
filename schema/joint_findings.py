"""Mutual recognition of results (监督结果互认互用) and what follows a finding (整改, 问责), as
Query and Mutation fields over ``workflows.recognition`` and ``workflows.findings``."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import AccountabilityMeasure, FindingCategory, NodeKind, Severity
from schema.generic.enums import LABELED, MOVES, code
from schema.generic.inputs import expect_id, given
from schema.generic.nodes import TYPES, list_of, maybe
from schema.joint_access import about, acting, at_least, refs, store_ids
from schema.joint_types import (
    DuplicateInspection,
    FindingRecord,
    RectificationItem,
    duplicate_inspections,
    field,
    finding_records,
    rectification_item,
)
from schema.usecases import Info, reading, shown
from workflows import findings, recognition, rules
from workflows.access import Permission

FINDING, ACTION = NodeKind.Finding.name, NodeKind.SupervisionAction.name


async def _findings_about(root: Any, info: Info, target_id: strawberry.ID) -> list[Any]:
    target = store_ids([target_id], "targetId")[0]
    found = await info.context.call(
        about(recognition.findings_about, ("targetId", target)), target_id=target
    )
    return await finding_records(info, found)


async def _reusable_findings(
    root: Any,
    info: Info,
    action_id: strawberry.ID,
    window_days: int = rules.REUSE_WINDOW_DAYS,
) -> list[Any]:
    action = expect_id(action_id, ACTION, "actionId")
    found = await info.context.call(
        about(recognition.reusable_findings, ("actionId", action)),
        action_id=action,
        window_days=at_least(window_days, 0, "windowDays"),
    )
    return await finding_records(info, found)


async def _duplicate_inspections(
    root: Any,
    info: Info,
    since: str | None = UNSET,
    until: str | None = UNSET,
    window_days: int = rules.DUPLICATE_WINDOW_DAYS,
) -> list[Any]:
    found = await info.context.call(
        reading(recognition.duplicate_inspections),
        since=given(since),
        until=given(until),
        window_days=at_least(window_days, 0, "windowDays"),
    )
    return await duplicate_inspections(info, found)


async def _recognize_finding(
    root: Any,
    info: Info,
    finding_id: strawberry.ID,
    by_id: strawberry.ID,
    scope: str,
    recognized_on: str | None = UNSET,
) -> Any:
    finding = expect_id(finding_id, FINDING, "findingId")
    by = store_ids([by_id], "byId")[0]
    record = await info.context.call(
        acting(
            recognition.recognize_finding,
            Permission.WRITE,
            own=[("findingId", finding)],
            seen=[("byId", by)],
        ),
        finding_id=finding,
        by_id=by,
        scope=scope,
        recognized_on=given(recognized_on),
    )
    return (await finding_records(info, [record]))[0]


async def _record_finding(
    root: Any,
    info: Info,
    action_id: strawberry.ID,
    title: str,
    category: Any,
    severity: Any,
    concerns_ids: list[strawberry.ID],
    evidence: str | None = UNSET,
    found_on: str | None = UNSET,
) -> Any:
    action = expect_id(action_id, ACTION, "actionId")
    concerned = store_ids(concerns_ids, "concernsIds")
    node = await info.context.call(
        acting(
            findings.record_finding,
            Permission.WRITE,
            own=[("actionId", action), *refs("concernsIds", concerned)],
        ),
        action_id=action,
        title=title,
        category=code(category),
        severity=code(severity),
        concerns_ids=concerned,
        evidence=given(evidence),
        found_on=given(found_on),
    )
    return shown(info, node)


async def _order_rectification(
    root: Any,
    info: Info,
    finding_id: strawberry.ID,
    responsible_agency_id: strawberry.ID,
    deadline: str,
    title: str | None = UNSET,
) -> Any:
    finding = expect_id(finding_id, FINDING, "findingId")
    unit = expect_id(responsible_agency_id, NodeKind.Agency.name, "responsibleAgencyId")
    item = await info.context.call(
        acting(
            findings.order_rectification,
            Permission.WRITE,
            own=[("findingId", finding), ("responsibleAgencyId", unit)],
        ),
        finding_id=finding,
        responsible_agency_id=unit,
        deadline=deadline,
        title=given(title),
    )
    return rectification_item(info, item)


async def _move_rectification(
    root: Any,
    info: Info,
    rectification_id: strawberry.ID,
    version: int,
    move: Any,
    note: str | None = UNSET,
) -> Any:
    rectification = expect_id(rectification_id, NodeKind.Rectification.name, "rectificationId")
    item = await info.context.call(
        acting(
            findings.move_rectification,
            Permission.TRANSITION,
            own=[("rectificationId", rectification)],
        ),
        rectification_id=rectification,
        version=version,
        move=code(move),
        note=given(note),
    )
    return rectification_item(info, item)


async def _hold_accountable(
    root: Any,
    info: Info,
    finding_id: strawberry.ID,
    against_id: strawberry.ID,
    measure: Any,
    description: str | None = UNSET,
    decided_on: str | None = UNSET,
) -> Any:
    finding = expect_id(finding_id, FINDING, "findingId")
    against = store_ids([against_id], "againstId")[0]
    node = await info.context.call(
        acting(
            findings.hold_accountable,
            Permission.WRITE,
            own=[("findingId", finding)],
            seen=[("againstId", against)],
        ),
        finding_id=finding,
        against_id=against,
        measure=code(measure),
        description=given(description),
        decided_on=given(decided_on),
    )
    return shown(info, node)


def query_fields() -> dict[str, Any]:
    return {
        "findings_about": field(
            _findings_about,
            list_of(FindingRecord),
            "监督结果: every finding about a case, unit, official or petition, oldest first, "
            "with the mode that found it and who recognised it (scope, date).",
            target_id=strawberry.ID,
        ),
        "reusable_findings": field(
            _reusable_findings,
            list_of(FindingRecord),
            "互认互用: findings on a planned action's targets made within `windowDays` before it "
            "starts, not its own nor already recognised by it: reuse them instead of inspecting "
            "again.",
            action_id=strawberry.ID,
            window_days=int,
        ),
        "duplicate_inspections": field(
            _duplicate_inspections,
            list_of(DuplicateInspection),
            "重复检查: targets in your jurisdiction inspected by several modes whose periods come "
            "within `windowDays` (0: overlapping), started in [since, until], with no "
            "recognition between them.",
            since=maybe(str),
            until=maybe(str),
            window_days=int,
        ),
    }


def mutation_fields() -> dict[str, Any]:
    return {
        "recognize_finding": field(
            _recognize_finding,
            FindingRecord,
            "互认: a body (an agency, or another action) recognises a finding, in a scope, on a "
            "day (default today); not its own finding, not twice, not before it was made.",
            finding_id=strawberry.ID,
            by_id=strawberry.ID,
            scope=str,
            recognized_on=maybe(str),
        ),
        "record_finding": field(
            _record_finding,
            TYPES[NodeKind.Finding],
            "发现问题: a finding of an action about the cases, units or officials it concerns, "
            "made on `foundOn` (default today, not before the action started).",
            action_id=strawberry.ID,
            title=str,
            category=LABELED[FindingCategory],
            severity=LABELED[Severity],
            concerns_ids=list_of(strawberry.ID),
            evidence=maybe(str),
            found_on=maybe(str),
        ),
        "order_rectification": field(
            _order_rectification,
            RectificationItem,
            "下达整改: order the responsible unit to rectify a finding by `deadline` (after "
            "today).",
            finding_id=strawberry.ID,
            responsible_agency_id=strawberry.ID,
            deadline=str,
            title=maybe(str),
        ),
        "move_rectification": field(
            _move_rectification,
            RectificationItem,
            "One step of a rectification (下达 → 整改中 → 提交 → 验收通过/退回 → 销号), dated "
            "today; `version` must be the one read (else CONFLICT), a move the state does not "
            "allow is INVALID_TRANSITION.",
            rectification_id=strawberry.ID,
            version=int,
            move=MOVES[NodeKind.Rectification],
            note=maybe(str),
        ),
        "hold_accountable": field(
            _hold_accountable,
            TYPES[NodeKind.Accountability],
            "问责: a measure against an official or a unit for a finding (移送纪委监委线索 "
            "included), decided on `decidedOn` (default today, not before the finding).",
            finding_id=strawberry.ID,
            against_id=strawberry.ID,
            measure=LABELED[AccountabilityMeasure],
            description=maybe(str),
            decided_on=maybe(str),
        ),
    }
