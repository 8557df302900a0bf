"""Notifications (通报) of supervision to 人大, 政协 and the media, and their feedback
(意见吸收反馈)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.errors import FieldError, ValidationError
from graph.model import views
from graph.model.enums import AgencyKind, FeedbackAdoption, NodeKind, Recipient, RelType
from graph.model.records import Node
from graph.store import Condition, Direction, GraphStore, Op, Where
from workflows import rules
from workflows.access import Permission
from workflows.changes import Change, check_version
from workflows.days import day, not_after, shift
from workflows.reading import (
    every,
    in_period,
    in_region,
    linked,
    parse_enum,
    require,
    require_all,
)
from workflows.usecase import use_case

RECIPIENTS = {
    AgencyKind.CONGRESS.name: Recipient.CONGRESS,
    AgencyKind.CPPCC.name: Recipient.CPPCC,
    AgencyKind.MEDIA.name: Recipient.MEDIA,
}
REPORTED = (NodeKind.SupervisionAction, NodeKind.Finding, NodeKind.Case)


@dataclass(frozen=True)
class NotificationItem:
    notification: Node
    recipient_id: str | None
    reports_on_ids: list[str]


@use_case(Permission.WRITE, owns=["recipient_agency_id"], sees=["reports_on_ids"])
def notify(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    subject: str,
    recipient_agency_id: str,
    reports_on_ids: Sequence[str],
    sent_on: str | None = None,
) -> NotificationItem:
    """通报: tell 人大, 政协 or a media body about supervision work, actions or findings."""
    to = require(store, recipient_agency_id, NodeKind.Agency, "recipient_agency_id")
    recipient = RECIPIENTS.get(views.Agency(to).kind)
    if recipient is None:
        raise ValidationError(
            FieldError("recipient_agency_id", "notifications go to 人大, 政协 or the media")
        )
    if not reports_on_ids:
        raise ValidationError(FieldError("reports_on_ids", "required"))
    about = require_all(store, reports_on_ids, REPORTED, "reports_on_ids")
    on = not_after(day(sent_on or today, "sent_on"), today, "sent_on")
    change = Change(actor)
    node = change.create(
        NodeKind.Notification,
        {
            "subject": subject,
            "recipient": recipient.name,
            "sent_on": on,
            "region_code": views.Agency(to).region_code,
        },
    )
    change.link(RelType.SENT_TO, node.id, to.id)
    for a in about:
        change.link(RelType.REPORTS_ON, node.id, a.id)
    change.commit(store)
    return NotificationItem(node, to.id, [a.id for a in about])


@use_case(Permission.WRITE, owns=["notification_id"])
def record_feedback(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    notification_id: str,
    version: int,
    feedback: str,
    feedback_on: str | None = None,
) -> Node:
    """The recipient's feedback on a notification."""
    old = require(store, notification_id, NodeKind.Notification, "notification_id")
    check_version(old, version)
    if not feedback.strip():
        raise ValidationError(FieldError("feedback", "required"))
    on = not_after(day(feedback_on or today, "feedback_on"), today, "feedback_on")
    if on < views.Notification(old).sent_on[:10]:
        raise ValidationError(FieldError("feedback_on", "is before the notification was sent"))
    if views.Notification(old).adoption not in (None, FeedbackAdoption.PENDING.name):
        raise ValidationError(FieldError("notification_id", "its feedback was already decided on"))
    change = Change(actor)
    node = change.update(
        old,
        {
            "feedback": feedback.strip(),
            "feedback_on": on,
            "adoption": FeedbackAdoption.PENDING.name,
        },
        operation="feedback",
    )
    change.commit(store)
    return node


@use_case(Permission.WRITE, owns=["notification_id"])
def decide_feedback(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    notification_id: str,
    version: int,
    adoption: str,
    handling: str,
    decided_on: str | None = None,
) -> Node:
    """意见吸收反馈: whether the feedback on a notification is adopted (in full or in part) or
    not, and how it was handled or why not; once, after the feedback, by the body that sent
    the notification."""
    old = require(store, notification_id, NodeKind.Notification, "notification_id")
    check_version(old, version)
    n = views.Notification(old)
    if n.feedback is None or n.feedback_on is None:
        raise ValidationError(FieldError("notification_id", "has no feedback to decide on"))
    if n.adoption not in (None, FeedbackAdoption.PENDING.name):
        raise ValidationError(FieldError("notification_id", "its feedback was already decided on"))
    code = parse_enum(FeedbackAdoption, adoption, "adoption")
    if code == FeedbackAdoption.PENDING.name:
        raise ValidationError(
            FieldError("adoption", "a decision is ADOPTED, PARTLY_ADOPTED or NOT_ADOPTED")
        )
    if len(handling.strip()) < rules.MIN_HANDLING_CHARS:
        raise ValidationError(
            FieldError(
                "handling",
                f"say how the feedback was handled, or why it is not adopted "
                f"(at least {rules.MIN_HANDLING_CHARS} characters)",
            )
        )
    on = not_after(day(decided_on or today, "decided_on"), today, "decided_on")
    if on < n.feedback_on[:10]:
        raise ValidationError(FieldError("decided_on", "is before the feedback came"))
    change = Change(actor)
    node = change.update(
        old,
        {"adoption": code, "handling": handling.strip(), "decided_on": on},
        operation="decide_feedback",
    )
    change.commit(store)
    return node


@dataclass(frozen=True)
class AdoptionCount:
    recipient: str
    adoption: str
    notifications: int


@dataclass(frozen=True)
class FeedbackAdoptionReport:
    counts: list[AdoptionCount]
    undecided: list[Node]  # feedback awaiting a decision longer than the limit, oldest first


@use_case(scoped=True)
def feedback_adoption(
    *,
    store: GraphStore,
    today: str,
    region: str | None = None,
    since: str | None = None,
    until: str | None = None,
    decide_days: int = rules.FEEDBACK_DECISION_DAYS,
) -> FeedbackAdoptionReport:
    """How the feedback of 人大, 政协 and the media on the notifications sent in [since, until]
    was taken up: counts by recipient and decision, and the feedback still undecided
    ``decide_days`` after it came."""
    found = list(
        every(
            store,
            NodeKind.Notification,
            [*in_region(region), *in_period("sent_on", since, until)],
            order_by="sent_on",
        )
    )
    counts: dict[tuple[str, str], int] = {}
    undecided = []
    limit = shift(day(today, "today"), -decide_days)
    for node in found:
        n = views.Notification(node)
        if n.feedback is None:
            state = "NO_FEEDBACK"
        else:
            state = n.adoption or FeedbackAdoption.PENDING.name
            if state == FeedbackAdoption.PENDING.name and (n.feedback_on or "")[:10] <= limit:
                undecided.append(node)
        key = (n.recipient, state)
        counts[key] = counts.get(key, 0) + 1
    rows = [AdoptionCount(r, a, c) for (r, a), c in sorted(counts.items())]
    undecided.sort(key=lambda x: (str(x.props.get("feedback_on")), x.id))
    return FeedbackAdoptionReport(rows, undecided)


@use_case(scoped=True)
def awaiting_feedback(
    *, store: GraphStore, today: str, region: str | None = None, after_days: int = 30
) -> list[NotificationItem]:
    """Notifications sent at least ``after_days`` ago with no feedback yet, oldest first."""
    where: list[Condition] = [
        Where("feedback", Op.EQ, None),
        Where("sent_on", Op.LTE, shift(day(today, "today"), -after_days) + "~"),
        *in_region(region),
    ]
    found = list(every(store, NodeKind.Notification, where, order_by="sent_on"))
    near = linked(
        store, [n.id for n in found], [RelType.SENT_TO, RelType.REPORTS_ON], Direction.OUT
    )
    return [
        NotificationItem(
            n,
            next((x.node.id for x in near.get(n.id, []) if x.rel.type is RelType.SENT_TO), None),
            [x.node.id for x in near.get(n.id, []) if x.rel.type is RelType.REPORTS_ON],
        )
        for n in found
    ]
