"""Custom scalars: partial dates and date-times travel as the strings the model keeps."""

from __future__ import annotations

import datetime as dt
from typing import Any, NewType

import strawberry
from strawberry.types.scalar import ScalarDefinition

from graph.model.dates import parse_partial_date

PartialDate = NewType("PartialDate", str)
DateTime = NewType("DateTime", str)


def _partial_date(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("a partial date is a string: YYYY, YYYY-MM or YYYY-MM-DD")
    return parse_partial_date(value)


def _date_time(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("a date-time is an ISO 8601 string")
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{value}' is not an ISO 8601 date-time") from None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(dt.UTC)
    return parsed.isoformat()


SCALARS: dict[object, ScalarDefinition] = {
    PartialDate: strawberry.scalar(
        name="PartialDate",
        description="A date as precise as it was recorded: YYYY, YYYY-MM or YYYY-MM-DD.",
        serialize=str,
        parse_value=_partial_date,
    ),
    DateTime: strawberry.scalar(
        name="DateTime",
        description="An ISO 8601 date-time; with an offset it is compared in UTC.",
        serialize=str,
        parse_value=_date_time,
    ),
}
