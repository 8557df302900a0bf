"""The Subscription root: deadline alerts (期限预警) as rectifications, supervision items and
petitions of the caller's jurisdiction enter their warning period or go overdue.

Each subscriber polls ``workflows.deadlines.poll_alerts`` every ``intervalSeconds`` with its
own cursor; nothing is kept on the server between polls, and a client that reconnects
passes the last cursor it received as ``after`` to hear only what changed since.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
from collections.abc import AsyncIterator
from types import GenericAlias
from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.errors import FieldError, ValidationError
from schema.generic.inputs import given
from schema.generic.nodes import annotate, list_of, maybe
from schema.usecases import Info, output, reading
from schema.workflows import DeadlineEntry, deadline_entry
from workflows import deadlines
from workflows.access import Permission
from workflows.days import day
from workflows.generic import now

DEFAULT_INTERVAL = 60
MAX_INTERVAL = 3600

DeadlineAlerts = output(
    "DeadlineAlerts",
    "期限预警推送: what entered warning or overdue (or left its alert: `alert` null) since the "
    "last message, as of `day`; the first message holds everything alerting. `cursor` "
    "resumes the feed (`after`) from here.",
    entries=list_of(DeadlineEntry),
    day=str,
    cursor=str,
)


def encode_cursor(cursor: deadlines.AlertCursor) -> str:
    return base64.urlsafe_b64encode(f"{cursor.day}/{cursor.audit_seq}".encode()).decode()


def decode_cursor(text: str, field: str = "after") -> deadlines.AlertCursor:
    try:
        day_, _, seq = base64.urlsafe_b64decode(text.encode()).decode().partition("/")
        return deadlines.AlertCursor(day(day_, field), int(seq))
    except (binascii.Error, UnicodeError, ValueError):
        raise ValidationError(FieldError(field, "not a cursor of deadlineAlerts")) from None


def _interval(seconds: int | None) -> int:
    if seconds is None:
        return DEFAULT_INTERVAL
    if not 1 <= seconds <= MAX_INTERVAL:
        reason = f"must be from 1 to {MAX_INTERVAL}"
        raise ValidationError(FieldError("interval_seconds", reason))
    return seconds


async def _feed(
    info: Info, today: str | None, interval: int, cursor: deadlines.AlertCursor | None
) -> AsyncIterator[Any]:
    poll = reading(deadlines.poll_alerts)
    first = True
    while True:
        found = await info.context.call(poll, today=today or now()[:10], cursor=cursor)
        cursor = found.cursor
        if first or found.entries:
            # Each message reads the graph afresh: no loader may answer from an earlier one.
            vars(info.context).pop("loaders", None)
            yield DeadlineAlerts(
                entries=[deadline_entry(info, e) for e in found.entries],
                day=cursor.day,
                cursor=encode_cursor(cursor),
            )
        first = False
        await asyncio.sleep(interval)


async def _deadline_alerts(
    root: Any,
    info: Info,
    today: str | None = UNSET,
    interval_seconds: int | None = UNSET,
    after: str | None = UNSET,
) -> AsyncIterator[Any]:
    # Arguments are checked before the stream starts, so a bad one is the subscription's
    # error message rather than a first event.
    info.context.access.require(Permission.READ)
    fixed = given(today)
    resume = given(after)
    return _feed(
        info,
        None if fixed is None else day(fixed, "today"),
        _interval(given(interval_seconds)),
        None if resume is None else decode_cursor(resume),
    )


Subscription: Any = strawberry.type(
    type(
        "Subscription",
        (),
        {
            "deadline_alerts": strawberry.subscription(
                resolver=annotate(
                    _deadline_alerts,
                    GenericAlias(AsyncIterator, (DeadlineAlerts,)),
                    root=Any,
                    info=strawberry.Info,
                    today=maybe(str),
                    interval_seconds=maybe(int),
                    after=maybe(str),
                ),
                description="期限预警: rectifications, supervision items and petitions of your "
                "jurisdiction entering warning or overdue, polled every `intervalSeconds` "
                f"(default {DEFAULT_INTERVAL}, at most {MAX_INTERVAL}); `today` fixes the day "
                "(default: the server's day at each poll); `after` resumes from a cursor.",
            )
        },
    ),
    description="Pushed over websocket (graphql-transport-ws) at /graphql.",
)
