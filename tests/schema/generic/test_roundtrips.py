"""No N+1: store round trips per request grow with the depth of the query, not with the
number of results."""

from __future__ import annotations

import pytest

from tests.api.api_client import data
from tests.api.api_harness import Server
from tests.worlds.sample import write_wide

NESTED = """query($n: Int!) { cases(first: $n, orderBy: {field: CASE_NUMBER}) { nodes {
    caseNumber complaints(first: 5) { number againstOfficials(first: 5) { name } } } } }"""


def round_trips(server: Server, role: str, region: str | None, cases: int) -> tuple[int, int]:
    with server.client(role, region) as c:
        # Warm the per-jurisdiction cache of shared items; it is not per request.
        data(c, NESTED, n=1)
        before = server.store.total()
        got = data(c, NESTED, n=cases)
    nodes = got["cases"]["nodes"]
    results = sum(1 + sum(1 + len(k["againstOfficials"]) for k in n["complaints"]) for n in nodes)
    return server.store.total() - before, results


@pytest.mark.parametrize(("role", "region"), [("admin", None), ("viewer", "510100")])
def test_three_levels_over_100_results_take_a_round_trip_per_level(
    server: Server, role: str, region: str | None
) -> None:
    write_wide(server.store, cases=100, complaints=3, targets=4)
    few, few_results = round_trips(server, role, region, 10)
    many, many_results = round_trips(server, role, region, 100)
    assert many_results == 100 * (1 + 3 * (1 + 4)) and few_results == 10 * 16
    assert many == few
    # One page of cases, then one neighbours query per nested level.
    assert many == 3
