"""Days as the rules count them: partial dates ("2021", "2021-03") count from the first day
of their period in spans and limits; a date-time counts as its day."""

from __future__ import annotations

import datetime as dt

import pytest

from workflows.days import Alert, alert, between, day_of, due_day, overdue, shift

D = dt.date


@pytest.mark.parametrize(
    ("start", "end", "first", "last"),
    [
        ("2021", "2021-03-01", D(2021, 1, 1), D(2021, 3, 1)),
        ("2021-02", "2021-03", D(2021, 2, 1), D(2021, 3, 1)),
        ("2020-02", "2021", D(2020, 2, 1), D(2021, 1, 1)),
        ("2021-03-05T10:00:00+08:00", "2021-03-04", D(2021, 3, 5), D(2021, 3, 4)),
        ("2024-02-28", "2024-03-01", D(2024, 2, 28), D(2024, 3, 1)),
    ],
)
def test_between_counts_a_partial_date_from_its_first_day(
    start: str, end: str, first: dt.date, last: dt.date
) -> None:
    assert between(start, end) == (last - first).days
    assert between(end, start) == -(last - first).days


@pytest.mark.parametrize(("value", "first"), [("2021", D(2021, 1, 1)), ("2021-03", D(2021, 3, 1))])
def test_shift_counts_a_partial_date_from_its_first_day(value: str, first: dt.date) -> None:
    assert shift(value, 15) == (first + dt.timedelta(days=15)).isoformat()


def test_a_date_that_is_not_one_is_still_refused() -> None:
    with pytest.raises(ValueError):
        between("2021-13", "2021-12-01")


@pytest.mark.parametrize(
    ("instant", "zone", "expected"),
    [
        ("2026-12-03T17:30:00+00:00", "Asia/Shanghai", "2026-12-04"),
        ("2026-12-03T15:59:59+00:00", "Asia/Shanghai", "2026-12-03"),
        ("2026-12-03T17:30:00", "Asia/Shanghai", "2026-12-04"),
        ("2026-12-03T17:30:00+00:00", "UTC", "2026-12-03"),
    ],
)
def test_a_recorded_instant_falls_on_the_deployments_day(
    instant: str, zone: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JIANDU_TIMEZONE", zone)
    assert day_of(instant) == expected


@pytest.mark.parametrize(
    ("deadline", "due"),
    [
        ("2025-04", "2025-04-30"),
        ("2024-02", "2024-02-29"),
        ("2025", "2025-12-31"),
        ("2025-12", "2025-12-31"),
        ("2025-04-15", "2025-04-15"),
        ("2025-04-15T18:00:00+08:00", "2025-04-15"),
    ],
)
def test_a_deadline_kept_as_a_month_or_a_year_falls_due_at_its_end(deadline: str, due: str) -> None:
    assert due_day(deadline) == due
    assert not overdue(deadline, due) and overdue(deadline, shift(due, 1))
    assert alert(deadline, due, 7) is Alert.WARNING
    assert alert(deadline, shift(due, 1), 7) is Alert.OVERDUE
    assert alert(deadline, shift(due, -8), 7) is None
