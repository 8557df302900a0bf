"""Arguments checked at the edge (issue 14): a day that is not one, a year out of range and a
span of days that would overflow the calendar each give VALIDATION naming the field, never an
internal error; dates at the calendar's ends do not overflow the rules' arithmetic."""

from __future__ import annotations

import pytest

from tests.api.api_client import codes, gql
from tests.api.api_harness import Server

REFUSED = [
    ('{ attentionList(today: "") { __typename } }', ["today"]),
    ("{ awaitingFeedback(afterDays: 5359125) { __typename } }", ["afterDays"]),
    ("{ awaitingFeedback(afterDays: -1) { __typename } }", ["afterDays"]),
    (
        '{ privateEnterpriseCandidates(year: 612448, today: "~>") { __typename } }',
        ["year", "today"],
    ),
    ('{ privateEnterpriseCandidates(year: 2024, today: "0001-01-01") { __typename } }', ["today"]),
    ("{ quarterlyReports(year: -5, quarter: 1) { __typename } }", ["year"]),
    ("{ duplicateInspections(windowDays: 99999999) { __typename } }", ["windowDays"]),
]


@pytest.mark.parametrize(("query", "named"), REFUSED)
def test_a_bad_argument_is_a_validation_error_naming_it(
    server: Server, query: str, named: list[str]
) -> None:
    with server.client() as c:
        body = gql(c, query)
    assert codes(body) == ["VALIDATION"], body
    assert [f["field"] for f in body["errors"][0]["extensions"]["fields"]] == named


def test_dates_at_the_calendars_ends_are_answers(server: Server) -> None:
    with server.client() as c:
        far = gql(
            c, '{ duplicateInspections(since: "0001-01-01", until: "9999-12-31") { reason } }'
        )
        late = gql(c, '{ awaitingFeedback(today: "2100-12-31", afterDays: 36500) { __typename } }')
    assert codes(far) == codes(late) == []
