"""Fields over ``workflows.joint.standards``: power and responsibility lists, standards and
similar-case guidance, and the findings that cite them."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import GuidanceKind, NodeKind
from schema.context import Info
from schema.fields import mutation, query
from schema.generic.enums import LABELED, code
from schema.generic.inputs import expect_id, given, store_ids
from schema.generic.nodes import TYPES
from schema.objects import IDS, list_of, maybe, output
from schema.results import ids, one_id, shown
from workflows.joint import standards

AGENCY = NodeKind.Agency.name


@mutation(
    "权力责任清单: add an item to an agency's power and responsibility list.",
    returns=TYPES[NodeKind.Duty],
)
async def define_duty(
    info: Info,
    agency_id: strawberry.ID,
    title: str,
    category: str | None = UNSET,
    basis: str | None = UNSET,
) -> Any:
    node = await info.context.call(
        standards.define_duty,
        agency_id=expect_id(agency_id, AGENCY, "agency_id"),
        title=title,
        category=given(category),
        basis=given(basis),
    )
    return shown(info, node)


@mutation(
    "统一执法司法标准和类案指引: issue a standard or a similar-case guidance, by a commission or "
    "a political-legal unit, on `issuedOn` (default today).",
    returns=TYPES[NodeKind.Guidance],
    kind=LABELED[GuidanceKind],
)
async def issue_guidance(
    info: Info,
    issuer_id: strawberry.ID,
    kind: Any,
    title: str,
    issued_on: str | None = UNSET,
    summary: str | None = UNSET,
    case_kinds: list[str] | None = UNSET,
) -> Any:
    node = await info.context.call(
        standards.issue_guidance,
        issuer_id=expect_id(issuer_id, AGENCY, "issuer_id"),
        kind=code(kind),
        title=title,
        issued_on=given(issued_on),
        summary=given(summary),
        case_kinds=given(case_kinds) or (),
    )
    return shown(info, node)


@mutation(
    "Tie a finding to the duties it breached (each on the list of a unit it concerns) and the "
    "standards or guidance it departed from (each in force on the day of the finding).",
    returns=TYPES[NodeKind.Finding],
)
async def cite_in_finding(
    info: Info,
    finding_id: strawberry.ID,
    duty_ids: list[strawberry.ID] | None = UNSET,
    guidance_ids: list[strawberry.ID] | None = UNSET,
) -> Any:
    node = await info.context.call(
        standards.cite_in_finding,
        finding_id=expect_id(finding_id, NodeKind.Finding.name, "finding_id"),
        duty_ids=store_ids(given(duty_ids) or [], "duty_ids"),
        guidance_ids=store_ids(given(guidance_ids) or [], "guidance_ids"),
    )
    return shown(info, node)


DutyBreaches = output(
    "DutyBreaches",
    "规范性监督: a duty of a power and responsibility list and the findings that breached it.",
    duty=TYPES[NodeKind.Duty],
    agency_id=maybe(strawberry.ID),
    finding_ids=IDS,
)


@query(
    "The duties of your jurisdiction breached by findings, most breached first.",
    returns=list_of(DutyBreaches),
)
async def duty_breaches(info: Info) -> Any:
    found = await info.context.call(standards.duty_breaches)
    return [
        DutyBreaches(
            duty=shown(info, b.duty),
            agency_id=one_id(NodeKind.Agency, b.agency_id),
            finding_ids=ids(NodeKind.Finding, b.finding_ids),
        )
        for b in found
    ]
