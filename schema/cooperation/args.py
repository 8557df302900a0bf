"""Arguments of the cooperation fields: days, periods and enumeration choices."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from schema.generic.enums import code
from schema.generic.inputs import given

From = Annotated[str, strawberry.argument(name="from", description="first day, YYYY-MM-DD")]
To = Annotated[str, strawberry.argument(name="to", description="last day, YYYY-MM-DD")]
AsOf = Annotated[str, strawberry.argument(description="the day, YYYY-MM-DD")]


@strawberry.input(description="统计期间: the first and the last day (YYYY-MM-DD), both included.")
class ReportPeriodInput:
    start: str = strawberry.field(name="from")
    end: str = strawberry.field(name="to")


def member(enum: type[Any], value: Any) -> Any:
    """The model enum member of a GraphQL enum argument (None when not given)."""
    given_value = given(value)
    return None if given_value is None else enum[code(given_value)]
