"""Days as the rules count them, and the one clock that says which day it is.

"Today" is the day in the deployment's time zone (Asia/Shanghai unless ``JIANDU_TIMEZONE``
names another): between 00:00 and 08:00 Beijing time the UTC day is still yesterday, and a
"not after today" check must not refuse an entry made this morning. Rules take the day as an
argument; only the edges (the API, the CLI) ask the clock for it.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from graph.errors import FieldError, ValidationError
from graph.model.dates import parse_partial_date

DEFAULT_ZONE = "Asia/Shanghai"


def zone(env: dict[str, str] | None = None) -> ZoneInfo:
    """The deployment's time zone: ``JIANDU_TIMEZONE``, else Asia/Shanghai."""
    name = (os.environ if env is None else env).get("JIANDU_TIMEZONE", "").strip() or DEFAULT_ZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            FieldError("JIANDU_TIMEZONE", f"'{name}' is not a time zone (e.g. Asia/Shanghai)")
        ) from None


def today(at: dt.datetime | None = None, tz: dt.tzinfo | None = None) -> str:
    """The ISO day it is now (or at ``at``) in the deployment's time zone."""
    moment = dt.datetime.now(dt.UTC) if at is None else at
    return moment.astimezone(tz or zone()).date().isoformat()


def day_of(instant: str) -> str:
    """The deployment's day of a recorded instant (an ISO timestamp, stored in UTC): a change
    made at 01:00 Beijing time happened on that Beijing day, not on the UTC day before."""
    moment = dt.datetime.fromisoformat(instant)
    return today(moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC))


def day(value: str, field: str) -> str:
    """``value`` as an ISO day (a date-time keeps its day), or ValidationError naming ``field``."""
    try:
        return dt.date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        raise ValidationError(FieldError(field, f"'{value}' is not a day (YYYY-MM-DD)")) from None


def _date(value: str) -> dt.date:
    # Recorded dates may be partial ("2021", "2021-03"): spans and limits count such a date
    # from the first day of its period, never from a day invented inside it.
    return dt.date.fromisoformat(first_day(value[:10]))


def shift(value: str, days: int) -> str:
    """The day ``days`` after ``value`` (a partial date counts as its first day); past the
    calendar's ends, its first or last day."""
    try:
        return (_date(value) + dt.timedelta(days=days)).isoformat()
    except OverflowError:
        return (dt.date.max if days > 0 else dt.date.min).isoformat()


def between(start: str, end: str) -> int:
    """Days from ``start`` to ``end`` (negative when ``end`` is earlier); a partial date
    counts as the first day of its period: between("2021", "2021-03-01") is 59."""
    return (_date(end) - _date(start)).days


def not_after(value: str, limit: str, field: str, what: str = "today") -> str:
    if value > limit:
        raise ValidationError(FieldError(field, f"{value} is after {what} ({limit})"))
    return value


def first_day(partial: str) -> str:
    """The first day a partial date ("2021", "2021-02") covers."""
    return (partial + "-01-01")[:10] if len(partial) == 4 else (partial + "-01")[:10]


def last_day(partial: str) -> str:
    """The last day a partial date covers: "2021" → 2021-12-31, "2024-02" → 2024-02-29."""
    value = partial.strip()[:10]
    if len(value) == 10:
        return value
    if len(value) == 4:
        return f"{value}-12-31"
    start = dt.date.fromisoformat(value + "-01")
    following = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return (following - dt.timedelta(days=1)).isoformat()


def longest(start: str, end: str) -> int:
    """The most days there can be from ``start`` to ``end``, each a date kept as written
    (a year or a month is any of its days): from the first day of one to the last day of the
    other. A window holds on such dates only when it holds for this (``longest <= window``)."""
    return between(first_day(start[:10]), last_day(end[:10]))


def shortest(start: str, end: str) -> int:
    """The fewest days there can be from ``start`` to ``end`` (dates kept as written): a
    duration passes a threshold only when this does (``shortest > limit``)."""
    return between(last_day(start[:10]), first_day(end[:10]))


def due_day(deadline: str) -> str:
    """The day a deadline falls due: a deadline kept as written for a month or a year
    ("2025-04") falls due at the end of it, never on its first day."""
    return last_day(deadline)


def overdue(deadline: str, today: str) -> bool:
    """Whether ``deadline`` (a day, or a month or year as written) has passed on ``today``."""
    return today > due_day(deadline)


class Alert(enum.Enum):
    """Where a deadline stands on a day: inside the warning period, or past it."""

    WARNING = "预警"
    OVERDUE = "逾期"


def alert(due: str, today: str, warn_days: int) -> Alert | None:
    """OVERDUE from the day after ``due``; WARNING from ``warn_days`` before it. A month or a
    year as written falls due at its end."""
    due = due_day(due)
    if today > due:
        return Alert.OVERDUE
    if between(today, due) <= warn_days:
        return Alert.WARNING
    return None


def partial(value: str, field: str) -> str:
    """A partial date ("2021", "2021-02", "2021-02-03") as written, or ValidationError."""
    try:
        return parse_partial_date(value)
    except ValueError as exc:
        raise ValidationError(FieldError(field, str(exc))) from None
