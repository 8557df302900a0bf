"""Arguments checked at the edge (issue 14): a day that is not one, a year out of range and a
span of days that would overflow the calendar each give VALIDATION naming the field, never an
internal error; dates at the calendar's ends do not overflow the rules' arithmetic."""

from __future__ import annotations

import pytest

from schema.generic.ids import to_global
from tests.api.api_client import codes, gql
from tests.api.api_harness import Server

CASE_X, ACTION_X = to_global("Case", "case:x"), to_global("SupervisionAction", "action:x")
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
    # Walks are bounded (0–4 hops): their work grows as the fan-out to that power.
    ("{ conflictedAssignments(hops: 5) { __typename } }", ["hops"]),
    ("{ conflictedAssignments(hops: -1) { __typename } }", ["hops"]),
    # (global ids of nodes that do not exist: the bound is checked before the lookup)
    (f'{{ findReviewers(reviewId: "{ACTION_X}", hops: 9) {{ __typename }} }}', ["hops"]),
    (f'{{ neighbourhood(id: "{CASE_X}", depth: 5) {{ truncated }} }}', ["depth"]),
    ("{ pattern(name: REVIEWER_LINKED_TO_CASE, maxHops: 5) { __typename } }", ["maxHops"]),
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
