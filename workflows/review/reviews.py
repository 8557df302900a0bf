"""Single case reviews: routine, special (专项), cross (交叉) led by another commission, or
escalated (提级) to the commission one level above the handling unit; and what every review
use case reads of a review (its case, its handling unit)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from graph.errors import FieldError, ValidationError
from graph.model import views
from graph.model.enums import ActionKind, AgencyKind, NodeKind, RelType, ReviewType
from graph.model.records import Node
from graph.store import Direction, GraphStore
from workflows.access import Access, Permission
from workflows.actions import status_on
from workflows.bodies import JOINT, LEAD, require_commission, upper
from workflows.changes import Change
from workflows.days import day
from workflows.reading import linked, parse_enum, require, require_all, require_view
from workflows.usecase import use_case

REVIEW = ActionKind.CASE_REVIEW.name


def draft_review(
    change: Change,
    case: Node,
    leads: Sequence[Node],
    review_type: ReviewType,
    start: str,
    today: str,
    extra: Mapping[str, object] | None = None,
    title: str | None = None,
) -> Node:
    """A review of ``case`` in ``change``, conducted by ``leads`` (the first leads)."""
    lead = views.Agency(leads[0])
    review = change.create(
        NodeKind.SupervisionAction,
        {
            "title": title or f"{views.Case(case).case_number}{review_type.label}",
            "kind": REVIEW,
            "review_type": review_type.name,
            "status": status_on(start, None, today).name,
            "region_code": lead.region_code,
            "level": lead.level,
            "started_on": start,
            **(extra or {}),
        },
    )
    change.link(RelType.TARGETS, review.id, case.id)
    for i, body in enumerate(leads):
        change.link(RelType.CONDUCTED_BY, review.id, body.id, {"role": JOINT if i else LEAD})
    return review


def handling_unit(store: GraphStore, case_id: str) -> Node | None:
    units = linked(store, [case_id], [RelType.HANDLED_BY], Direction.OUT).get(case_id, [])
    return units[0].node if units else None


@use_case(Permission.WRITE, owns=["case_id", "lead_agency_id"], sees=["complaint_ids"])
def open_review(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    access: Access | None = None,
    case_id: str,
    review_type: str,
    lead_agency_id: str | None = None,
    complaint_ids: Sequence[str] = (),
    started_on: str | None = None,
    title: str | None = None,
) -> Node:
    """A single review of a case and its petitions: routine, special, cross or escalated.

    An escalated review belongs to the commission above the handling unit, so ``access``
    (the caller's, when called for one) must have that commission in its jurisdiction."""
    case = require(store, case_id, NodeKind.Case, "case_id")
    kind = ReviewType[parse_enum(ReviewType, review_type, "review_type")]
    if kind is ReviewType.CAMPAIGN:
        raise ValidationError(FieldError("review_type", "campaign reviews come from a campaign"))
    complaints = require_all(store, complaint_ids, (NodeKind.Complaint,), "complaint_ids")
    if kind is ReviewType.ESCALATED:
        unit = handling_unit(store, case.id)
        lead = None if unit is None else upper(store, unit, AgencyKind.COMMISSION, today)
        if lead is None:
            raise ValidationError(FieldError("case_id", "the handling unit has no level above"))
        if lead_agency_id is not None and lead_agency_id != lead.id:
            raise ValidationError(
                FieldError("lead_agency_id", f"an escalated review is led by '{lead.id}'")
            )
        if access is not None:
            access.require_jurisdiction(lead)
    elif lead_agency_id is None:
        raise ValidationError(FieldError("lead_agency_id", "required"))
    else:
        lead = require(store, lead_agency_id, NodeKind.Agency, "lead_agency_id")
        require_commission(lead, "lead_agency_id")
    start = day(started_on or today, "started_on")
    change = Change(actor)
    review = draft_review(change, case, [lead], kind, start, today, title=title)
    for complaint in complaints:
        change.link(RelType.TARGETS, review.id, complaint.id)
    change.commit(store)
    return review


def require_review(store: GraphStore, review_id: str) -> Node:
    review = require_view(store, review_id, views.SupervisionAction, "review_id")
    if review.kind != REVIEW:
        raise ValidationError(FieldError("review_id", f"'{review_id}' is not a case review"))
    return review.node


def reviewed_case(store: GraphStore, review: Node) -> Node:
    found = linked(store, [review.id], [RelType.TARGETS], Direction.OUT, [NodeKind.Case])
    cases = found.get(review.id, [])
    if not cases:
        raise ValidationError(FieldError("review_id", "the review has no case"))
    return cases[0].node
