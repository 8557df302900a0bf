"""权力责任清单 and 统一执法司法标准和类案指引: the duties on each agency's list and the standards
and similar-case guidance in force, and the findings that cite them.

- ``define_duty``: an item of an agency's power and responsibility list (DUTY_OF);
- ``issue_guidance``: a standard or a similar-case guidance, issued by a commission or a
  political-legal unit (ISSUED_BY), from its day of issue until its ``valid_to``;
- ``cite_in_finding``: a finding tied to the duties it breached (BREACHES), each on the list
  of a unit the finding concerns, and to the standards or guidance the work departed from
  (CITES), each in force on the day the finding was made;
- ``duty_breaches``: the duties breached in the caller's jurisdiction, most breached first,
  with their findings (规范性监督: which duties fail, and where).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.errors import FieldError, ValidationError
from graph.model import views
from graph.model.dates import valid_at
from graph.model.enums import AgencyKind, CaseKind, GuidanceKind, NodeKind, RelType
from graph.model.records import Node
from graph.store import Direction, GraphStore
from workflows.access import Permission
from workflows.changes import Change
from workflows.days import day
from workflows.joint.recurrence import units_of
from workflows.reading import every, in_region, linked, parse_enum, require, require_all
from workflows.usecase import use_case

ISSUERS = frozenset(
    {
        AgencyKind.COMMISSION.name,
        AgencyKind.COURT.name,
        AgencyKind.PROCURATORATE.name,
        AgencyKind.POLICE.name,
        AgencyKind.JUSTICE.name,
    }
)


@use_case(Permission.WRITE, owns=["agency_id"])
def define_duty(
    *,
    store: GraphStore,
    actor: str,
    agency_id: str,
    title: str,
    category: str | None = None,
    basis: str | None = None,
) -> Node:
    """An item of an agency's power and responsibility list, with what sets it."""
    agency = require(store, agency_id, NodeKind.Agency, "agency_id")
    if not title.strip():
        raise ValidationError(FieldError("title", "required"))
    listed = linked(store, [agency.id], [RelType.DUTY_OF], Direction.IN, [NodeKind.Duty])
    if any(n.node.props.get("title") == title.strip() for n in listed.get(agency.id, [])):
        raise ValidationError(FieldError("title", "is already on the agency's list"))
    change = Change(actor)
    node = change.create(
        NodeKind.Duty,
        {
            "title": title.strip(),
            "category": category,
            "basis": basis,
            "region_code": views.Agency(agency).region_code,
        },
    )
    change.link(RelType.DUTY_OF, node.id, agency.id)
    change.commit(store)
    return node


@use_case(Permission.WRITE, owns=["issuer_id"])
def issue_guidance(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    issuer_id: str,
    kind: str,
    title: str,
    issued_on: str | None = None,
    summary: str | None = None,
    case_kinds: Sequence[str] = (),
) -> Node:
    """A unified standard or a similar-case guidance issued by a commission or a
    political-legal unit, from its day of issue (not after today)."""
    issuer = require(store, issuer_id, NodeKind.Agency, "issuer_id")
    if issuer.props.get("kind") not in ISSUERS:
        raise ValidationError(
            FieldError("issuer_id", f"'{issuer.id}' issues no law-enforcement standards")
        )
    if not title.strip():
        raise ValidationError(FieldError("title", "required"))
    on = day(issued_on or today, "issued_on")
    if on > today:
        raise ValidationError(FieldError("issued_on", f"{on} is after today ({today})"))
    kinds = [parse_enum(CaseKind, k, f"case_kinds.{i}") for i, k in enumerate(case_kinds)]
    change = Change(actor)
    node = change.create(
        NodeKind.Guidance,
        {
            "title": title.strip(),
            "kind": parse_enum(GuidanceKind, kind, "kind"),
            "issued_on": on,
            "region_code": views.Agency(issuer).region_code,
            "summary": summary,
            "case_kinds": kinds or None,
        },
    )
    change.link(RelType.ISSUED_BY, node.id, issuer.id)
    change.commit(store)
    return node


@use_case(Permission.WRITE, owns=["finding_id"], sees=["duty_ids", "guidance_ids"])
def cite_in_finding(
    *,
    store: GraphStore,
    actor: str,
    finding_id: str,
    duty_ids: Sequence[str] = (),
    guidance_ids: Sequence[str] = (),
) -> Node:
    """Tie a finding to the duties it breached and the standards or guidance it departed
    from; each duty must be on the list of a unit the finding concerns, each guidance in
    force on the day of the finding."""
    finding = require(store, finding_id, NodeKind.Finding, "finding_id")
    if not duty_ids and not guidance_ids:
        raise ValidationError(FieldError("duty_ids", "name a duty or a guidance to cite"))
    duties = require_all(store, duty_ids, [NodeKind.Duty], "duty_ids")
    guidance = require_all(store, guidance_ids, [NodeKind.Guidance], "guidance_ids")
    units = units_of(store, [finding])[finding.id]
    owners = linked(store, [d.id for d in duties], [RelType.DUTY_OF], Direction.OUT)
    errors = []
    for i, d in enumerate(duties):
        if not {n.node.id for n in owners.get(d.id, [])} & units:
            errors.append(
                FieldError(
                    f"duty_ids.{i}", f"'{d.id}' is on no list of a unit the finding concerns"
                )
            )
    found_on = str(views.Finding(finding).found_on)[:10]
    for i, g in enumerate(guidance):
        issued = str(views.Guidance(g).issued_on)[:10]
        if issued > found_on or not valid_at(g.get("valid_from"), g.get("valid_to"), found_on):
            errors.append(
                FieldError(f"guidance_ids.{i}", f"'{g.id}' was not in force on {found_on}")
            )
    if errors:
        raise ValidationError(errors)
    change = Change(actor)
    node = change.touch(finding, "cite")
    for d in duties:
        change.link(RelType.BREACHES, finding.id, d.id)
    for g in guidance:
        change.link(RelType.CITES, finding.id, g.id)
    change.commit(store)
    return node


@dataclass(frozen=True)
class DutyBreaches:
    duty: Node
    agency_id: str | None
    finding_ids: list[str]


@use_case(scoped=True)
def duty_breaches(*, store: GraphStore, region: str | None = None) -> list[DutyBreaches]:
    """The duties of the caller's jurisdiction breached by findings, most breached first."""
    duties = list(every(store, NodeKind.Duty, in_region(region)))
    ids = [d.id for d in duties]
    breached = linked(store, ids, [RelType.BREACHES], Direction.IN, [NodeKind.Finding])
    owners = linked(store, ids, [RelType.DUTY_OF], Direction.OUT, [NodeKind.Agency])
    out = [
        DutyBreaches(
            d,
            next((n.node.id for n in owners.get(d.id, [])), None),
            sorted(n.node.id for n in breached.get(d.id, [])),
        )
        for d in duties
        if breached.get(d.id)
    ]
    out.sort(key=lambda b: (-len(b.finding_ids), b.duty.id))
    return out
