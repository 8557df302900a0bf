"""为担当者担当: officers protected, beyond petitions.

- Reports to a discipline body (检举控告, 纪委监委): ``register_report`` puts a report against
  officers on record with its verification time limit (``rules.REPORT_VERIFY_DAYS``);
  ``conclude_report`` concludes it: TRUE (属实), FALSE (失实) or FALSE_ACCUSATION (诬告陷害); a
  report found false or a false accusation clears each officer it accused (Clearance CLEARS
  the officer, FOLLOWS the report) in the same write; ``overdue_reports`` lists the reports
  past their limit and not concluded (the time limit made visible).
- 暴力抗法、袭警辱警: ``record_incident`` puts an incident against officers on record (and the
  case it arose in); ``handle_incident`` records how it was dealt with (依法追究刑事责任,
  治安管理处罚, 批评教育) and, where the incident smeared the officers (辱警 with false claims),
  clears their names with it; ``incidents_pending`` lists the incidents still unhandled
  ``rules.INCIDENT_HANDLING_DAYS`` after they occurred.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.errors import FieldError, ValidationError
from graph.model import views
from graph.model.enums import (
    AgencyKind,
    IncidentHandling,
    IncidentKind,
    NodeKind,
    RelType,
    ReportStatus,
)
from graph.model.records import Node
from graph.store import Direction, GraphStore, Op, Where
from workflows import rules
from workflows.access import Permission
from workflows.changes import Change, check_version
from workflows.days import day, not_after, shift
from workflows.reading import every, in_region, linked, parse_enum, require, require_all
from workflows.usecase import use_case

CLEARED_BY_REPORT = "经纪检监察机关核查,检举控告反映的问题失实,依法予以澄清正名"
CLEARED_BY_INCIDENT = "经依法处理,相关不实言论已予澄清,为受到侵害的干警澄清正名"


@dataclass(frozen=True)
class Protected:
    node: Node  # the report or the incident
    officer_ids: list[str]
    clearance_ids: list[str]


def _officers(store: GraphStore, node_id: str) -> list[str]:
    found = linked(store, [node_id], [RelType.AGAINST], Direction.OUT, [NodeKind.Official])
    return sorted(n.node.id for n in found.get(node_id, []))


def _clear(change: Change, source: Node, officer_ids: list[str], on: str, text: str) -> list[str]:
    out = []
    for officer in officer_ids:
        clearance = change.create(
            NodeKind.Clearance,
            {"decided_on": on, "region_code": source.props["region_code"], "description": text},
        )
        change.link(RelType.CLEARS, clearance.id, officer)
        change.link(RelType.FOLLOWS, clearance.id, source.id)
        out.append(clearance.id)
    return out


@use_case(Permission.WRITE, owns=["discipline_id"], sees=["official_ids"])
def register_report(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    number: str,
    discipline_id: str,
    official_ids: Sequence[str],
    received_on: str | None = None,
    summary: str | None = None,
) -> Protected:
    """A report against officers received by a discipline body, due for its conclusion
    ``REPORT_VERIFY_DAYS`` after it was received."""
    body = require(store, discipline_id, NodeKind.Agency, "discipline_id")
    if body.props.get("kind") != AgencyKind.DISCIPLINE.name:
        raise ValidationError(
            FieldError("discipline_id", f"'{body.id}' is not a discipline body (纪委监委)")
        )
    if not number.strip():
        raise ValidationError(FieldError("number", "required"))
    if not official_ids:
        raise ValidationError(FieldError("official_ids", "required: the officers reported"))
    officers = require_all(store, official_ids, [NodeKind.Official], "official_ids")
    on = not_after(day(received_on or today, "received_on"), today, "received_on")
    change = Change(actor)
    node = change.create(
        NodeKind.Report,
        {
            "number": number.strip(),
            "received_on": on,
            "due_on": shift(on, rules.REPORT_VERIFY_DAYS),
            "status": ReportStatus.RECEIVED.name,
            "region_code": views.Agency(body).region_code,
            "summary": summary,
        },
    )
    change.link(RelType.ASSIGNED_TO, node.id, body.id)
    for o in officers:
        change.link(RelType.AGAINST, node.id, o.id)
    change.commit(store)
    return Protected(node, [o.id for o in officers], [])


@use_case(Permission.TRANSITION, owns=["report_id"])
def conclude_report(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    report_id: str,
    version: int,
    outcome: str,
    concluded_on: str | None = None,
    description: str | None = None,
) -> Protected:
    """The conclusion of a report, once; a false report or a false accusation clears each
    officer it accused, in the same write."""
    old = require(store, report_id, NodeKind.Report, "report_id")
    check_version(old, version)
    if old.props.get("status") != ReportStatus.RECEIVED.name:
        raise ValidationError(FieldError("report_id", "is already concluded"))
    code = parse_enum(ReportStatus, outcome, "outcome")
    if code == ReportStatus.RECEIVED.name:
        raise ValidationError(
            FieldError("outcome", "a conclusion is TRUE, FALSE or FALSE_ACCUSATION")
        )
    on = not_after(day(concluded_on or today, "concluded_on"), today, "concluded_on")
    if on < str(old.props["received_on"]):
        raise ValidationError(FieldError("concluded_on", "is before the report was received"))
    officers = _officers(store, old.id)
    change = Change(actor)
    node = change.update(old, {"status": code, "concluded_on": on}, operation="conclude")
    cleared: list[str] = []
    if code != ReportStatus.TRUE.name:
        cleared = _clear(change, old, officers, on, description or CLEARED_BY_REPORT)
    change.commit(store)
    return Protected(node, officers, cleared)


@use_case(scoped=True)
def overdue_reports(*, store: GraphStore, today: str, region: str | None = None) -> list[Node]:
    """Reports past their verification limit and not concluded, longest overdue first."""
    where = [
        Where("status", Op.EQ, ReportStatus.RECEIVED.name),
        Where("due_on", Op.LTE, today),
        *in_region(region),
    ]
    found = [r for r in every(store, NodeKind.Report, where) if str(r.props["due_on"]) < today]
    return sorted(found, key=lambda r: (str(r.props["due_on"]), r.id))


@use_case(
    Permission.WRITE,
    sees=["official_ids", "case_id"],
    places=[(NodeKind.Incident, "region_code")],
)
def record_incident(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    kind: str,
    official_ids: Sequence[str],
    occurred_on: str,
    region_code: str,
    case_id: str | None = None,
    description: str | None = None,
) -> Protected:
    """暴力抗法、袭警辱警: an incident against officers, in the case it arose in (if any)."""
    code = parse_enum(IncidentKind, kind, "kind")
    if not official_ids:
        raise ValidationError(FieldError("official_ids", "required: the officers it was against"))
    officers = require_all(store, official_ids, [NodeKind.Official], "official_ids")
    on = not_after(day(occurred_on, "occurred_on"), today, "occurred_on")
    change = Change(actor)
    node = change.create(
        NodeKind.Incident,
        {
            "kind": code,
            "occurred_on": on,
            "handling": IncidentHandling.PENDING.name,
            "region_code": region_code,
            "description": description,
        },
    )
    for o in officers:
        change.link(RelType.AGAINST, node.id, o.id)
    if case_id is not None:
        (case,) = require_all(store, [case_id], [NodeKind.Case], "case_id")
        change.link(RelType.CONCERNS, node.id, case.id)
    change.commit(store)
    return Protected(node, [o.id for o in officers], [])


@use_case(Permission.TRANSITION, owns=["incident_id"])
def handle_incident(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    incident_id: str,
    version: int,
    handling: str,
    clear_names: bool = False,
    handled_on: str | None = None,
    description: str | None = None,
) -> Protected:
    """How an incident was dealt with, once; ``clear_names`` clears the officers' names with it
    (an insult that spread false claims about them)."""
    old = require(store, incident_id, NodeKind.Incident, "incident_id")
    check_version(old, version)
    if old.props.get("handling") != IncidentHandling.PENDING.name:
        raise ValidationError(FieldError("incident_id", "is already handled"))
    code = parse_enum(IncidentHandling, handling, "handling")
    if code == IncidentHandling.PENDING.name:
        raise ValidationError(FieldError("handling", "say how it was dealt with"))
    on = not_after(day(handled_on or today, "handled_on"), today, "handled_on")
    if on < str(old.props["occurred_on"]):
        raise ValidationError(FieldError("handled_on", "is before the incident"))
    officers = _officers(store, old.id)
    change = Change(actor)
    node = change.update(old, {"handling": code, "handled_on": on}, operation="handle")
    cleared = (
        _clear(change, old, officers, on, description or CLEARED_BY_INCIDENT) if clear_names else []
    )
    change.commit(store)
    return Protected(node, officers, cleared)


@use_case(scoped=True)
def incidents_pending(
    *,
    store: GraphStore,
    today: str,
    region: str | None = None,
    after_days: int = rules.INCIDENT_HANDLING_DAYS,
) -> list[Node]:
    """Incidents against officers still unhandled ``after_days`` after they occurred, oldest
    first."""
    where = [
        Where("handling", Op.EQ, IncidentHandling.PENDING.name),
        Where("occurred_on", Op.LTE, shift(day(today, "today"), -after_days)),
        *in_region(region),
    ]
    return sorted(
        every(store, NodeKind.Incident, where), key=lambda n: (str(n.props["occurred_on"]), n.id)
    )
