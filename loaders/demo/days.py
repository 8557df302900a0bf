"""Days as ordinals: arithmetic on ints, ISO text from a table (strftime per record is slow)."""

from __future__ import annotations

import datetime as dt
import random

EPOCH = dt.date(2005, 1, 1).toordinal()
_END = dt.date(2031, 12, 31).toordinal()
_ISO = [dt.date.fromordinal(o).isoformat() for o in range(EPOCH, _END + 1)]


def ordinal(text: str) -> int:
    """The first day a (partial) ISO date covers."""
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2]).toordinal()


def iso(day: int) -> str:
    return _ISO[day - EPOCH]


def year(day: int) -> int:
    return int(_ISO[day - EPOCH][:4])


def between(rng: random.Random, first: int, last: int) -> int:
    """A day in [first, last]; ``first`` when the window is empty."""
    return first + int(rng.random() * (last - first + 1)) if last > first else first
