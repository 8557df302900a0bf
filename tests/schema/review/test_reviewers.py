"""Reviewers over HTTP: every conflict of interest excluded with its reason, a conflicted
reviewer refused with nothing written, load balanced across the pool, conflicted assignments,
the pool by level, and what a scoped caller may see of a pool."""

from __future__ import annotations

from collections import Counter
from typing import Any

import httpx

from graph.store import Batch
from tests.api.api_client import codes, data, gid, gql
from tests.api.api_harness import Server
from tests.worlds.review_pool import AGENCIES, CLEAN_CROSS, OFFICIALS, TARGET, write_review_world
from tests.worlds.sample import link

OPEN_REVIEW = """
mutation($case: ID!, $type: ReviewType!, $lead: ID) {
  openReview(caseId: $case, reviewType: $type, leadAgencyId: $lead) { id version }
}"""
FIND = """
query($id: ID!, $hops: Int!) {
  findReviewers(reviewId: $id, hops: $hops) {
    reviewId caseId assignedIds hidden
    candidates { official { id name } openReviews }
    excluded { official { id name } reasons }
  }
}"""
ASSIGN = """
mutation($id: ID!, $version: Int!, $count: Int, $named: [ID!]) {
  assignReviewers(reviewId: $id, version: $version, count: $count, reviewerIds: $named) {
    review { id version } reviewerIds
  }
}"""
STATE = """
query($id: ID!) {
  node(id: $id) { ... on SupervisionAction { version reviewers { id } } }
  stats { nodes { kind count } rels { type count } }
}"""
CONFLICTED = """
query($hops: Int!) { conflictedAssignments(hops: $hops) { reviewId caseId officialId reasons } }"""


def open_review(c: httpx.Client, review_type: str, lead: str, case: str = TARGET) -> str:
    opened: str = data(c, OPEN_REVIEW, case=gid(case), type=review_type, lead=gid(lead))[
        "openReview"
    ]["id"]
    return opened


def find(c: httpx.Client, review: str, hops: int = 2) -> dict[str, Any]:
    found: dict[str, Any] = data(c, FIND, id=review, hops=hops)["findReviewers"]
    return found


def reasons_by_official(found: dict[str, Any]) -> dict[str, list[str]]:
    return {e["official"]["id"]: e["reasons"] for e in found["excluded"]}


def test_each_conflict_of_interest_is_excluded_with_its_reason(server: Server) -> None:
    write_review_world(server.store)
    with server.client("supervisor") as c:
        cross = open_review(c, "CROSS", "agency:sc-commission")
        found = find(c, cross)
        near = find(c, cross, hops=1)
        negative = gql(c, FIND, id=cross, hops=-1)
    handler = OFFICIALS["official:handler"].name
    court, other_court = AGENCIES["agency:jj-court"][0], AGENCIES["agency:fc-court"][0]
    reasons = reasons_by_official(found)
    assert found["caseId"] == gid(TARGET) and found["hidden"] == 0
    assert {c["official"]["id"] for c in found["candidates"]} == {gid(o) for o in CLEAN_CROSS}
    assert any(court in r and "任职" in r for r in reasons[gid("official:former")])
    assert reasons[gid("official:colleague")] == [f"承办人{handler}的同事(同期在{other_court}任职)"]
    assert "曾过问本案" in reasons[gid("official:intervener")]
    assert reasons[gid("official:nearby")] == ["在关系图中距本案2步"]
    # the cross pool is another prefecture's: the handling city's own reviewer is not in it
    assert gid("official:cd-reviewer") not in reasons
    near_candidates = {c["official"]["id"] for c in near["candidates"]}
    assert near_candidates == {gid(o) for o in (*CLEAN_CROSS, "official:nearby")}
    assert "曾过问本案" in reasons_by_official(near)[gid("official:intervener")]
    assert codes(negative) == ["VALIDATION"]
    assert negative["errors"][0]["extensions"]["fields"][0]["field"] == "hops"


def test_a_conflicted_reviewer_is_refused_and_nothing_is_written(server: Server) -> None:
    write_review_world(server.store)
    with server.client("supervisor") as c:
        cross = open_review(c, "CROSS", "agency:sc-commission")
        before = data(c, STATE, id=cross)
        writes = server.store.calls["write"]
        refused = gql(
            c, ASSIGN, id=cross, version=1, named=[gid("official:intervener"), gid("official:r1")]
        )
        refused_writes = server.store.calls["write"] - writes
        after = data(c, STATE, id=cross)
        assigned = data(c, ASSIGN, id=cross, version=1, named=[gid("official:r1")])
        stale = gql(c, ASSIGN, id=cross, version=1, named=[gid("official:r2")])
        clean = data(c, CONFLICTED, hops=2)["conflictedAssignments"]
    assert codes(refused) == ["VALIDATION"]
    [error] = refused["errors"][0]["extensions"]["fields"]
    assert error["field"] == "reviewerIds.official:intervener"
    assert "曾过问本案" in error["reason"]
    assert refused_writes == 0 and after == before
    assert assigned["assignReviewers"] == {
        "review": {"id": cross, "version": 2},
        "reviewerIds": [gid("official:r1")],
    }
    assert codes(stale) == ["CONFLICT"]
    assert clean == []


def test_a_conflict_arising_after_assignment_is_reported(server: Server) -> None:
    write_review_world(server.store)
    with server.client("supervisor") as c:
        cross = open_review(c, "CROSS", "agency:sc-commission")
        data(c, ASSIGN, id=cross, version=1, named=[gid("official:r1")])
    server.store.write(Batch(rels=[link("INTERVENED_IN", "official:r1", TARGET)]))
    with server.client("viewer") as c:
        found = data(c, CONFLICTED, hops=0)["conflictedAssignments"]
    with server.client("viewer", "510700") as c:
        elsewhere = data(c, CONFLICTED, hops=0)["conflictedAssignments"]
    assert found == [
        {
            "reviewId": cross,
            "caseId": gid(TARGET),
            "officialId": gid("official:r1"),
            "reasons": ["曾过问本案"],
        }
    ]
    assert elsewhere == []


def test_count_assigns_the_least_loaded_reviewers(server: Server) -> None:
    write_review_world(server.store)
    load: Counter[str] = Counter()
    with server.client("supervisor") as c:
        for _ in range(4):
            review = open_review(c, "CROSS", "agency:sc-commission")
            reported = {
                x["official"]["id"]: x["openReviews"] for x in find(c, review)["candidates"]
            }
            assert reported == {gid(o): load[gid(o)] for o in CLEAN_CROSS}
            chosen = data(c, ASSIGN, id=review, version=1, count=1)["assignReviewers"]
            least = min(reported.values())
            assert [reported[o] for o in chosen["reviewerIds"]] == [least]
            load.update(chosen["reviewerIds"])
        pair = open_review(c, "CROSS", "agency:sc-commission")
        two = data(c, ASSIGN, id=pair, version=1, count=2)["assignReviewers"]["reviewerIds"]
        too_many = gql(
            c, ASSIGN, id=open_review(c, "CROSS", "agency:sc-commission"), version=1, count=4
        )
    assert sorted(load.values()) == [1, 1, 2]
    expected = sorted((gid(o) for o in CLEAN_CROSS), key=lambda o: (load[o], o))[:2]
    assert sorted(two) == sorted(expected)
    assert codes(too_many) == ["VALIDATION"]
    assert too_many["errors"][0]["extensions"]["fields"][0]["field"] == "count"


def test_a_scoped_caller_sees_and_assigns_only_its_own_pool(server: Server) -> None:
    write_review_world(server.store)
    with server.client("supervisor", "510100") as c:
        routine = open_review(c, "ROUTINE", "agency:cd-commission")
        cross = open_review(c, "CROSS", "agency:cd-commission")
        own = find(c, routine)
        outside = find(c, cross)
        writes = server.store.calls["write"]
        none_visible = gql(c, ASSIGN, id=cross, version=1, count=1)
        hidden_named = gql(c, ASSIGN, id=cross, version=1, named=[gid("official:r1")])
        refused_writes = server.store.calls["write"] - writes
        assigned = data(c, ASSIGN, id=routine, version=1, count=1)["assignReviewers"]
    with server.client("supervisor", "510000") as c:
        province = find(c, cross)
    with server.client("viewer", "510700") as c:
        hidden_review = gql(c, FIND, id=routine, hops=2)
    with server.client("viewer") as c:
        viewer = gql(c, ASSIGN, id=cross, version=1, count=1)
    cross_pool = [o for o, p in OFFICIALS.items() if p.pool and not p.region.startswith("5101")]
    assert [x["official"]["id"] for x in own["candidates"]] == [gid("official:cd-reviewer")]
    assert outside["candidates"] == [] and outside["excluded"] == []
    assert outside["hidden"] == len(cross_pool)
    assert province["hidden"] == 0
    assert len(province["candidates"]) + len(province["excluded"]) == len(cross_pool)
    assert codes(none_visible) == ["VALIDATION"]
    assert "0 eligible" in none_visible["errors"][0]["extensions"]["fields"][0]["reason"]
    assert codes(hidden_named) == ["NOT_FOUND"]
    assert refused_writes == 0
    assert assigned["reviewerIds"] == [gid("official:cd-reviewer")]
    assert codes(hidden_review) == ["NOT_FOUND"]
    assert codes(viewer) == ["FORBIDDEN"]


POOL = """
query($region: String, $level: RegionLevel) {
  reviewerPool(region: $region, level: $level) { level levelLabel officials { id phone } }
}"""


def pool_ids(found: list[dict[str, Any]]) -> dict[str, set[str]]:
    return {lv["level"]: {o["id"] for o in lv["officials"]} for lv in found}


def expected_pool(prefix: str = "", level: str | None = None) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for official, p in OFFICIALS.items():
        if p.pool and p.region.startswith(prefix) and level in (None, p.pool):
            out.setdefault(p.pool, set()).add(gid(official))
    return out


def test_the_pool_by_level_within_the_callers_jurisdiction(server: Server) -> None:
    write_review_world(server.store)
    with server.client("viewer") as c:
        everyone = data(c, POOL)["reviewerPool"]
        cities = data(c, POOL, level="CITY")["reviewerPool"]
    with server.client("investigator") as c:
        unmasked = data(c, POOL, level="CITY")["reviewerPool"]
    with server.client("viewer", "510700") as c:
        mine = data(c, POOL)["reviewerPool"]
        county = data(c, POOL, region="510703")["reviewerPool"]
        wider = data(c, POOL, region="510000")["reviewerPool"]
        other = data(c, POOL, region="510400")["reviewerPool"]
        bad = gql(c, POOL, region="5107")
    assert [lv["level"] for lv in everyone] == ["PROVINCE", "CITY", "COUNTY"]
    assert [lv["levelLabel"] for lv in everyone] == ["省", "市(州)", "县(区)"]
    assert pool_ids(everyone) == expected_pool()
    assert pool_ids(cities) == expected_pool(level="CITY")
    phone = OFFICIALS["official:r1"].phone
    assert phone is not None
    phones = {o["id"]: o["phone"] for lv in cities for o in lv["officials"]}
    plain = {o["id"]: o["phone"] for lv in unmasked for o in lv["officials"]}
    assert plain[gid("official:r1")] == phone
    assert phones[gid("official:r1")] == phone[:3] + "****" + phone[-4:]
    assert pool_ids(mine) == expected_pool("5107") == pool_ids(wider)
    assert pool_ids(county) == expected_pool("510703")
    assert other == []
    assert codes(bad) == ["VALIDATION"]
