"""Partial dates ("2021", "2021-02", "2021-02-03") and validity windows.

A partial date is kept as written; it is never padded into a day nobody recorded. As
strings they sort as the earliest day they cover, and ``upper_bound`` turns one into a
string that sorts after every day it covers, so "valid at D" is two string comparisons
that both backends evaluate the same way.
"""

from __future__ import annotations

import datetime as dt
import re

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_partial_date(text: str) -> str:
    """The partial date ``text`` in canonical form, or ValueError."""
    m = _PARTIAL.match(text.strip())
    if not m:
        raise ValueError(f"'{text}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = m.groups()
    if month is not None and not 1 <= int(month) <= 12:
        raise ValueError(f"'{text}' has no month {month}")
    if day is not None:
        dt.date(int(year), int(month), int(day))
    return m.group(0)


def parse_day(text: str) -> str:
    """A full ISO day ``YYYY-MM-DD``, or ValueError."""
    return dt.date.fromisoformat(text).isoformat()


def upper_bound(partial: str) -> str:
    """A string that sorts after every day that ``partial`` covers, before any later day."""
    return partial + "~"


def valid_at(valid_from: object, valid_to: object, day: str) -> bool:
    """Whether a window with (partial, inclusive) bounds covers ``day``."""
    if isinstance(valid_from, str) and valid_from > day:
        return False
    return not (isinstance(valid_to, str) and upper_bound(valid_to) < day)
