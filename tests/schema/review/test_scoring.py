"""Scoring over HTTP: rubrics and grade scales per agency kind, deductions into a score and a
grade, invalid items and points named by field with nothing written, a stale version, a
second scoring, and who may score."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from tests.api.api_client import codes, data, gid, gql
from tests.api.api_harness import Server
from tests.worlds.review_pool import TARGET, write_review_world

RUBRIC = """
query($kind: AgencyKind) {
  rubric(agencyKind: $kind) {
    agencyKind items { code label weight } grades { grade minScore flawed }
  }
}"""
OPEN_REVIEW = """
mutation($case: ID!, $type: ReviewType!, $lead: ID!) {
  openReview(caseId: $case, reviewType: $type, leadAgencyId: $lead) { id }
}"""
ASSIGN = """
mutation($id: ID!, $named: [ID!]) {
  assignReviewers(reviewId: $id, version: 1, reviewerIds: $named) { review { version } }
}"""
SCORE = """
mutation($id: ID!, $version: Int!, $deductions: [DeductionInput!]!) {
  scoreReview(reviewId: $id, version: $version, deductions: $deductions, note: "评查完毕") {
    review { version status score grade deductions endedOn } score grade flawed
  }
}"""
STATE = "query($id: ID!) { node(id: $id) { version ... on SupervisionAction { status score } } }"


def rubric(c: httpx.Client, kind: str | None) -> dict[str, Any]:
    found: dict[str, Any] = data(c, RUBRIC, kind=kind)["rubric"]
    return found


def grade_of(scale: dict[str, Any], score: float) -> tuple[str, bool]:
    """The first band, best first, whose lowest score the score reaches."""
    band = next(b for b in scale["grades"] if score >= b["minScore"])
    return band["grade"], band["flawed"]


def reviewed(c: httpx.Client, case: str, review_type: str, lead: str, reviewer: str) -> str:
    review: str = data(c, OPEN_REVIEW, case=gid(case), type=review_type, lead=gid(lead))[
        "openReview"
    ]["id"]
    data(c, ASSIGN, id=review, named=[gid(reviewer)])
    return review


def points(deductions: Mapping[str, float]) -> list[dict[str, Any]]:
    return [{"item": item, "points": p} for item, p in deductions.items()]


def test_rubrics_and_grade_scales_differ_by_agency_kind(server: Server) -> None:
    with server.client("viewer") as c:
        court, procuratorate, default = (rubric(c, k) for k in ("COURT", "PROCURATORATE", None))
    with server.anonymous() as c:
        anonymous = gql(c, RUBRIC, kind="COURT")
    for scale in (court, procuratorate, default):
        assert sum(i["weight"] for i in scale["items"]) == 100
        scores = [b["minScore"] for b in scale["grades"]]
        assert scores == sorted(scores, reverse=True) and scores[-1] == 0
        assert [b["flawed"] for b in scale["grades"]] == [False, False, True, True]
    assert [b["grade"] for b in court["grades"]] == ["优秀", "合格", "瑕疵", "不合格"]
    assert [b["grade"] for b in procuratorate["grades"]] == ["优质", "合格", "基本合格", "不合格"]
    assert (court["agencyKind"], default["agencyKind"]) == ("COURT", None)
    assert court["items"] != procuratorate["items"]
    assert codes(anonymous) == ["UNAUTHENTICATED"]


def test_deductions_give_the_grade_of_the_handling_agency_kinds_scale(server: Server) -> None:
    write_review_world(server.store)
    court_case = {"PROCEDURE": 10, "EVIDENCE": 8, "LAW": 0}
    procuratorate_case = {"EVIDENCE": 20, "LAW": 12.5}
    with server.client("supervisor") as c:
        cross = reviewed(c, TARGET, "CROSS", "agency:sc-commission", "official:r1")
        routine = reviewed(c, "case:pro", "ROUTINE", "agency:cd-commission", "official:cd-reviewer")
        court = data(c, SCORE, id=cross, version=2, deductions=points(court_case))["scoreReview"]
        pro = data(c, SCORE, id=routine, version=2, deductions=points(procuratorate_case))[
            "scoreReview"
        ]
        scales = rubric(c, "COURT"), rubric(c, "PROCURATORATE")
    for scored, deductions, scale in (
        (court, court_case, scales[0]),
        (pro, procuratorate_case, scales[1]),
    ):
        expected = 100 - sum(deductions.values())
        assert scored["score"] == expected == scored["review"]["score"]
        assert (scored["grade"], scored["flawed"]) == grade_of(scale, expected)
        assert scored["review"]["grade"] == scored["grade"]
        assert scored["review"]["status"] == "COMPLETED" and scored["review"]["version"] == 3
        assert scored["review"]["deductions"] == [
            f"{item}:{p:g}" for item, p in deductions.items() if p
        ]
    assert court["grade"] != pro["grade"], "the two scales should grade these differently"


def fields(body: dict[str, Any]) -> list[str]:
    return [f["field"] for f in body["errors"][0]["extensions"]["fields"]]


def test_invalid_deductions_are_named_and_nothing_is_written(server: Server) -> None:
    write_review_world(server.store)
    with server.client("supervisor") as c:
        weights = {i["code"]: i["weight"] for i in rubric(c, "COURT")["items"]}
        unassigned = data(
            c, OPEN_REVIEW, case=gid(TARGET), type="CROSS", lead=gid("agency:sc-commission")
        )["openReview"]["id"]
        cross = reviewed(c, TARGET, "CROSS", "agency:sc-commission", "official:r2")
        before = data(c, STATE, id=cross)
        writes = server.store.calls["write"]
        unknown = gql(
            c,
            SCORE,
            id=cross,
            version=2,
            deductions=points({"FOO": 1, "TIME_LIMIT": weights["TIME_LIMIT"] + 1}),
        )
        negative = gql(c, SCORE, id=cross, version=2, deductions=points({"LAW": -1}))
        twice = gql(
            c,
            SCORE,
            id=cross,
            version=2,
            deductions=[{"item": "LAW", "points": 1}, {"item": "LAW", "points": 2}],
        )
        nobody = gql(c, SCORE, id=unassigned, version=1, deductions=[])
        stale = gql(c, SCORE, id=cross, version=1, deductions=[])
        refused_writes = server.store.calls["write"] - writes
        after = data(c, STATE, id=cross)
        data(c, SCORE, id=cross, version=2, deductions=[])
        again = gql(c, SCORE, id=cross, version=3, deductions=[])
    assert fields(unknown) == ["deductions.FOO", "deductions.TIME_LIMIT"]
    over = unknown["errors"][0]["extensions"]["fields"][1]["reason"]
    assert f"{weights['TIME_LIMIT']:g}" in over
    assert fields(negative) == ["deductions.LAW"]
    assert fields(twice) == ["deductions.LAW"]
    assert fields(nobody) == ["reviewId"]
    assert codes(stale) == ["CONFLICT"]
    assert refused_writes == 0 and after == before
    assert codes(again) == ["INVALID_TRANSITION"]


def test_only_a_supervisor_of_the_jurisdiction_scores(server: Server) -> None:
    write_review_world(server.store)
    with server.client("supervisor") as c:
        cross = reviewed(c, TARGET, "CROSS", "agency:sc-commission", "official:r3")
    writes = server.store.calls["write"]
    with server.client("supervisor", "510700") as c:
        elsewhere = gql(c, SCORE, id=cross, version=2, deductions=[])
    with server.client("investigator") as c:
        investigator = gql(c, SCORE, id=cross, version=2, deductions=[])
    assert codes(elsewhere) == ["NOT_FOUND"]
    assert codes(investigator) == ["FORBIDDEN"]
    assert server.store.calls["write"] == writes
    with server.client("supervisor", "510000") as c:
        scored = data(c, SCORE, id=cross, version=2, deductions=[])["scoreReview"]
    assert (scored["score"], scored["flawed"]) == (100, False)


GUIDANCE = """
mutation($kinds: [String!]) {
  issueGuidance(issuerId: "%s", kind: CASE_GUIDANCE, title: "民事案件类案指引",
                issuedOn: "2024-01-10", caseKinds: $kinds) { id }
}"""
CITED = """
query($id: ID!) {
  node(id: $id) { ... on SupervisionAction { citedGuidance { id } } }
}"""


def test_a_deduction_cites_the_guidance_it_rests_on(server: Server) -> None:
    write_review_world(server.store)
    issue = GUIDANCE % gid("agency:sc-commission")
    with server.client("supervisor") as c:
        civil = data(c, issue, kinds=["CIVIL"])["issueGuidance"]["id"]
        criminal = data(c, issue, kinds=["CRIMINAL"])["issueGuidance"]["id"]
        cross = reviewed(c, TARGET, "CROSS", "agency:sc-commission", "official:r1")
        wrong = gql(
            c,
            SCORE,
            id=cross,
            version=2,
            deductions=[
                {"item": "PROCEDURE", "points": 5, "guidanceIds": [criminal]},
                {"item": "LAW", "points": 0, "guidanceIds": [civil]},
            ],
        )
        scored = data(
            c,
            SCORE,
            id=cross,
            version=2,
            deductions=[{"item": "PROCEDURE", "points": 5, "guidanceIds": [civil]}],
        )["scoreReview"]
        cited = data(c, CITED, id=cross)["node"]["citedGuidance"]
    assert fields(wrong) == [
        "deductions.PROCEDURE.guidanceIds.0",
        "deductions.LAW.guidanceIds",
    ]
    assert scored["score"] == 95
    assert cited == [{"id": civil}]
