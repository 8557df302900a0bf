"""Deadlines and alerts (期限预警): items warned or overdue, units with many overdue
rectifications, and the ``deadlineAlerts`` subscription, over
``workflows.supervision.deadlines``.

Each subscriber polls ``poll_alerts`` every ``intervalSeconds`` with its own cursor; nothing
is kept on the server between polls, and a client that reconnects passes the last cursor it
received as ``after`` to hear only what changed since.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
from collections.abc import AsyncIterator
from types import GenericAlias
from typing import Any

from strawberry.types.unset import UNSET

from graph.errors import FieldError, ValidationError
from graph.model.enums import NodeKind
from schema.context import Info
from schema.fields import query, subscription
from schema.generic.inputs import given
from schema.generic.nodes import TYPES, Node
from schema.objects import IDS, list_of, maybe, output
from schema.results import alert_name, ids, shown
from workflows.days import day
from workflows.supervision import deadlines

DEFAULT_INTERVAL = 60
MAX_INTERVAL = 3600

DeadlineEntry = output(
    "DeadlineEntry",
    "期限预警: an open item in its warning period or overdue, and who answers for it.",
    node=Node,
    due=maybe(str),
    alert=maybe(str),
    days_left=maybe(int),
    responsible_ids=IDS,
)
OverdueUnit = output(
    "OverdueUnit",
    "A unit with several overdue rectifications, and what they came from.",
    agency=TYPES[NodeKind.Agency],
    rectification_ids=IDS,
    finding_ids=IDS,
    action_ids=IDS,
    accountability_ids=IDS,
)
DeadlineAlerts = output(
    "DeadlineAlerts",
    "期限预警推送: what entered warning or overdue (or left its alert: `alert` null) since the "
    "last message, as of `day`; the first message holds everything alerting. `cursor` "
    "resumes the feed (`after`) from here.",
    entries=list_of(DeadlineEntry),
    day=str,
    cursor=str,
)


def deadline_entry(info: Info, entry: deadlines.DeadlineEntry) -> Any:
    return DeadlineEntry(
        node=shown(info, entry.node),
        due=entry.due,
        alert=alert_name(entry.alert),
        days_left=entry.days_left,
        responsible_ids=ids(NodeKind.Agency, entry.responsible_ids),
    )


@query(
    "期限预警: open items warned or overdue on `today`, soonest due first.",
    returns=list_of(DeadlineEntry),
)
async def deadline_entries(info: Info, today: str) -> Any:
    found = await info.context.call(deadlines.deadline_entries, today=today)
    return [deadline_entry(info, e) for e in found]


@query(
    "我的待办: what is assigned to the caller's agency (the token's `agency`) and still open — "
    "rectifications, case supervision items, petitions — with deadlines and alerts on `today` "
    "(default: the server's day), soonest due first. VALIDATION when the token names no agency.",
    returns=list_of(DeadlineEntry),
)
async def my_work(info: Info, today: str | None = UNSET) -> Any:
    found = await info.context.call(deadlines.my_work, today=given(today))
    return [deadline_entry(info, e) for e in found]


@query("Units with several rectifications overdue on `today`.", returns=list_of(OverdueUnit))
async def overdue_units(info: Info, today: str) -> Any:
    found = await info.context.call(deadlines.overdue_units, today=today)
    return [
        OverdueUnit(
            agency=shown(info, u.agency),
            rectification_ids=ids(NodeKind.Rectification, u.rectification_ids),
            finding_ids=ids(NodeKind.Finding, u.finding_ids),
            action_ids=ids(NodeKind.SupervisionAction, u.action_ids),
            accountability_ids=ids(NodeKind.Accountability, u.accountability_ids),
        )
        for u in found
    ]


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


async def _poll(info: Info, today: str | None, cursor: deadlines.AlertCursor | None) -> Any:
    # None: the runner supplies the deployment's day, at each poll.
    return await info.context.call(deadlines.poll_alerts, today=today, cursor=cursor)


async def _feed(
    info: Info, today: str | None, interval: int, first: deadlines.AlertPoll
) -> AsyncIterator[Any]:
    found, heard = first, True
    while True:
        if heard:
            # Each message reads the graph afresh: no loader may answer from an earlier one.
            vars(info.context).pop("loaders", None)
            yield DeadlineAlerts(
                entries=[deadline_entry(info, e) for e in found.entries],
                day=found.cursor.day,
                cursor=encode_cursor(found.cursor),
            )
        await asyncio.sleep(interval)
        found = await _poll(info, today, found.cursor)
        heard = bool(found.entries)


@subscription(
    "期限预警: rectifications, supervision items and petitions of your jurisdiction entering "
    f"warning or overdue, polled every `intervalSeconds` (default {DEFAULT_INTERVAL}, at most "
    f"{MAX_INTERVAL}); `today` fixes the day (default: the server's day at each poll); "
    "`after` resumes from a cursor.",
    returns=GenericAlias(AsyncIterator, (DeadlineAlerts,)),
)
async def deadline_alerts(
    info: Info,
    today: str | None = UNSET,
    interval_seconds: int | None = UNSET,
    after: str | None = UNSET,
) -> AsyncIterator[Any]:
    # The first poll runs before the stream starts, so that a refused caller or a bad argument
    # is the subscription's error message rather than a first event.
    interval = _interval(given(interval_seconds))
    resume = given(after)
    cursor = None if resume is None else decode_cursor(resume)
    fixed = given(today)
    return _feed(info, fixed, interval, await _poll(info, fixed, cursor))
