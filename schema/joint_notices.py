"""Notifications (通报) of supervision to 人大, 政协 and the media, and their feedback, as Query
and Mutation fields over ``workflows.notifications``."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import NodeKind
from schema.generic.inputs import expect_id, given
from schema.generic.nodes import TYPES, list_of, maybe
from schema.joint_access import acting, asked_day, at_least, refs, store_ids
from schema.joint_types import NotificationItem, field, notification_items
from schema.usecases import IDS, Info, reading, shown
from workflows import notifications
from workflows.access import Permission


async def _notify(
    root: Any,
    info: Info,
    subject: str,
    recipient_agency_id: strawberry.ID,
    reports_on_ids: list[strawberry.ID],
    sent_on: str | None = UNSET,
) -> Any:
    recipient = expect_id(recipient_agency_id, NodeKind.Agency.name, "recipientAgencyId")
    reported = store_ids(reports_on_ids, "reportsOnIds")
    item = await info.context.call(
        acting(
            notifications.notify,
            Permission.WRITE,
            own=[("recipientAgencyId", recipient)],
            seen=refs("reportsOnIds", reported),
        ),
        subject=subject,
        recipient_agency_id=recipient,
        reports_on_ids=reported,
        sent_on=given(sent_on),
    )
    return (await notification_items(info, [item]))[0]


async def _record_feedback(
    root: Any,
    info: Info,
    notification_id: strawberry.ID,
    version: int,
    feedback: str,
    feedback_on: str | None = UNSET,
) -> Any:
    notification = expect_id(notification_id, NodeKind.Notification.name, "notificationId")
    node = await info.context.call(
        acting(
            notifications.record_feedback,
            Permission.WRITE,
            own=[("notificationId", notification)],
        ),
        notification_id=notification,
        version=version,
        feedback=feedback,
        feedback_on=given(feedback_on),
    )
    return shown(info, node)


async def _awaiting_feedback(
    root: Any, info: Info, today: str | None = UNSET, after_days: int | None = UNSET
) -> list[Any]:
    after = given(after_days)
    found = await info.context.call(
        reading(notifications.awaiting_feedback),
        today=asked_day(today),
        **({} if after is None else {"after_days": at_least(after, 0, "afterDays")}),
    )
    return await notification_items(info, found)


def query_fields() -> dict[str, Any]:
    return {
        "awaiting_feedback": field(
            _awaiting_feedback,
            list_of(NotificationItem),
            "意见反馈: notifications sent at least `afterDays` (default 30) days before `today` "
            "(default: the server's day) with no feedback yet, oldest first.",
            today=maybe(str),
            after_days=maybe(int),
        ),
    }


def mutation_fields() -> dict[str, Any]:
    return {
        "notify": field(
            _notify,
            NotificationItem,
            "通报: tell 人大, 政协 or a media body about actions, findings or cases, sent on "
            "`sentOn` (default today).",
            subject=str,
            recipient_agency_id=strawberry.ID,
            reports_on_ids=IDS,
            sent_on=maybe(str),
        ),
        "record_feedback": field(
            _record_feedback,
            TYPES[NodeKind.Notification],
            "反馈: the recipient's feedback on a notification, on `feedbackOn` (default today, "
            "not before it was sent); `version` must be the one read (else CONFLICT).",
            notification_id=strawberry.ID,
            version=int,
            feedback=str,
            feedback_on=maybe(str),
        ),
    }
