"""Notifications (通报) of supervision to 人大, 政协 and the media, and their feedback: fields
over ``workflows.joint.notifications``."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import FeedbackAdoption, NodeKind
from schema.context import Info
from schema.fields import mutation, query
from schema.generic.enums import LABELED, code
from schema.generic.inputs import at_least, expect_id, given, store_ids
from schema.generic.nodes import TYPES
from schema.joint.types import NotificationItem, notification_items
from schema.objects import list_of, output
from schema.results import shown
from workflows import rules
from workflows.joint import notifications


@query(
    "意见反馈: notifications sent at least `afterDays` (default 30) days before `today` (default: "
    "the server's day) with no feedback yet, oldest first.",
    returns=list_of(NotificationItem),
)
async def awaiting_feedback(
    info: Info, today: str | None = UNSET, after_days: int | None = UNSET
) -> Any:
    after = given(after_days)
    # The use case's own default when not given.
    waited: dict[str, Any] = (
        {} if after is None else {"after_days": at_least(after, 0, "after_days")}
    )
    found = await info.context.call(
        notifications.awaiting_feedback,
        today=given(today),
        **waited,
    )
    return await notification_items(info, found)


@mutation(
    "通报: tell 人大, 政协 or a media body about actions, findings or cases, sent on `sentOn` "
    "(default today).",
    returns=NotificationItem,
)
async def notify(
    info: Info,
    subject: str,
    recipient_agency_id: strawberry.ID,
    reports_on_ids: list[strawberry.ID],
    sent_on: str | None = UNSET,
) -> Any:
    item = await info.context.call(
        notifications.notify,
        subject=subject,
        recipient_agency_id=expect_id(
            recipient_agency_id, NodeKind.Agency.name, "recipient_agency_id"
        ),
        reports_on_ids=store_ids(reports_on_ids, "reports_on_ids"),
        sent_on=given(sent_on),
    )
    return (await notification_items(info, [item]))[0]


@mutation(
    "反馈: the recipient's feedback on a notification, on `feedbackOn` (default today, not before "
    "it was sent); `version` must be the one read (else CONFLICT).",
    returns=TYPES[NodeKind.Notification],
)
async def record_feedback(
    info: Info,
    notification_id: strawberry.ID,
    version: int,
    feedback: str,
    feedback_on: str | None = UNSET,
) -> Any:
    node = await info.context.call(
        notifications.record_feedback,
        notification_id=expect_id(notification_id, NodeKind.Notification.name, "notification_id"),
        version=version,
        feedback=feedback,
        feedback_on=given(feedback_on),
    )
    return shown(info, node)


@mutation(
    "意见吸收反馈: decide on the feedback of a notification: adopted, partly adopted or not "
    "adopted, with how it was handled (or why not); once, after the feedback came.",
    returns=TYPES[NodeKind.Notification],
    adoption=LABELED[FeedbackAdoption],
)
async def decide_feedback(
    info: Info,
    notification_id: strawberry.ID,
    version: int,
    adoption: Any,
    handling: str,
    decided_on: str | None = UNSET,
) -> Any:
    node = await info.context.call(
        notifications.decide_feedback,
        notification_id=expect_id(notification_id, NodeKind.Notification.name, "notification_id"),
        version=version,
        adoption=code(adoption),
        handling=handling,
        decided_on=given(decided_on),
    )
    return shown(info, node)


AdoptionCount = output(
    "AdoptionCount",
    "Notifications to one kind of recipient with one state of their feedback (NO_FEEDBACK, "
    "PENDING, ADOPTED, PARTLY_ADOPTED, NOT_ADOPTED).",
    recipient=str,
    adoption=str,
    notifications=int,
)
FeedbackAdoptionReport = output(
    "FeedbackAdoptionReport",
    "How feedback was taken up, and the feedback still undecided past the limit.",
    counts=list_of(AdoptionCount),
    undecided=list_of(TYPES[NodeKind.Notification]),
)


@query(
    "意见采纳情况: the notifications sent in [since, until] by recipient and state of their "
    "feedback, and the feedback undecided `decideDays` after it came, oldest first.",
    returns=FeedbackAdoptionReport,
)
async def feedback_adoption(
    info: Info,
    today: str | None = UNSET,
    since: str | None = UNSET,
    until: str | None = UNSET,
    decide_days: int = rules.FEEDBACK_DECISION_DAYS,
) -> Any:
    found = await info.context.call(
        notifications.feedback_adoption,
        today=given(today),
        since=given(since),
        until=given(until),
        decide_days=at_least(decide_days, 0, "decide_days"),
    )
    return FeedbackAdoptionReport(
        counts=[
            AdoptionCount(recipient=c.recipient, adoption=c.adoption, notifications=c.notifications)
            for c in found.counts
        ],
        undecided=[shown(info, n) for n in found.undecided],
    )
