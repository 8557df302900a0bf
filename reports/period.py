"""A reporting period, and which (partial) dates fall in it.

A partial date ("2021", "2021-06") covers a whole year or month; it falls in a period that
its span overlaps, since nothing recorded places it outside. It is in force on a day from
the first day it covers (``graph.model.dates.valid_at``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph.errors import FieldError, ValidationError
from graph.model.dates import parse_day, upper_bound


@dataclass(frozen=True)
class Period:
    date_from: str
    date_to: str

    @classmethod
    def parse(cls, date_from: str, date_to: str) -> Period:
        """The period of two ISO days, or ValidationError naming what is wrong."""
        errors, days = [], []
        for name, text in (("from", date_from), ("to", date_to)):
            try:
                days.append(parse_day(text))
            except ValueError:
                errors.append(FieldError(name, f"'{text}' is not a day (YYYY-MM-DD)"))
        if not errors and days[0] > days[1]:
            errors.append(FieldError("to", f"{days[1]} is before {days[0]}"))
        if errors:
            raise ValidationError(errors, where="period")
        return cls(days[0], days[1])

    def contains(self, partial: object) -> bool:
        """Whether a (partial) date's span overlaps the period; False for no date."""
        if not isinstance(partial, str) or not partial:
            return False
        return partial <= self.date_to and upper_bound(partial) >= self.date_from

    def overlaps(self, start: object, end: object) -> bool:
        """Whether a span from ``start`` to ``end`` (or to ``start``) overlaps the period."""
        if not isinstance(start, str) or not start:
            return False
        last = end if isinstance(end, str) and end else start
        return start <= self.date_to and upper_bound(last) >= self.date_from

    def reached(self, partial: object) -> bool:
        """Whether a (partial) date is on or before the period's last day."""
        return isinstance(partial, str) and bool(partial) and partial <= self.date_to

    @property
    def label(self) -> str:
        return f"{self.date_from} 至 {self.date_to}"

    def quarters(self) -> list[Period]:
        """Calendar quarters cut to the period, in order."""
        out: list[Period] = []
        start = dt.date.fromisoformat(self.date_from)
        last = dt.date.fromisoformat(self.date_to)
        while start <= last:
            q_end_month = (start.month - 1) // 3 * 3 + 3
            next_start = dt.date(start.year + (q_end_month == 12), q_end_month % 12 + 1, 1)
            end = min(next_start - dt.timedelta(days=1), last)
            out.append(Period(start.isoformat(), end.isoformat()))
            start = next_start
        return out

    @property
    def quarter_label(self) -> str:
        """'2024Q1' for a period inside one calendar quarter, else the full label."""
        start = dt.date.fromisoformat(self.date_from)
        quarter = (start.month - 1) // 3 + 1
        same = self.quarters() == [self]
        return f"{start.year}Q{quarter}" if same else self.label


def first_day(partial: str) -> dt.date:
    """The first day a (partial) ISO date covers."""
    parts = [int(p) for p in partial.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def days_between(first: str, second: str) -> int:
    """Days from the first day one (partial) date covers to the first day of another."""
    return (first_day(second) - first_day(first)).days
