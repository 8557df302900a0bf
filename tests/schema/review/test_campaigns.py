"""Review campaigns and single reviews over HTTP: scope and sampling (dragnet, random,
stratified), launching rounds, a stale version, invalid input named by field, escalated and
special reviews, and the caller's jurisdiction."""

from __future__ import annotations

from collections import Counter
from typing import Any

import httpx

from tests.api.api_client import codes, data, gid, gql
from tests.api.api_harness import Server
from tests.worlds.review_pool import AGENCIES, CASES, TARGET, region_of, write_review_world

OPEN_CAMPAIGN = """
mutation($lead: ID!, $scope: CampaignScopeInput!, $sampling: Sampling!, $size: Int) {
  openReviewCampaign(
    title: "万案大评查", leadAgencyId: $lead, scope: $scope, sampling: $sampling,
    sampleSize: $size, startedOn: "2024-03-01"
  ) { id version reviewType sampling scopeRegions scopeAgencyKinds periodTo }
}"""
SAMPLE = """
query($id: ID!, $seed: Int!) {
  drawSample(campaignId: $id, seed: $seed) {
    campaignId round caseIds inScope alreadyReviewed strata { region count }
  }
}"""
LAUNCH = """
mutation($id: ID!, $version: Int!, $cases: [ID!]!) {
  launchReviews(campaignId: $id, version: $version, caseIds: $cases) {
    id sampleRound reviewType targetCases { id } campaign { id }
  }
}"""
OPEN_REVIEW = """
mutation($case: ID!, $type: ReviewType!, $lead: ID, $complaints: [ID!]) {
  openReview(caseId: $case, reviewType: $type, leadAgencyId: $lead, complaintIds: $complaints) {
    id reviewType conductedBy { id } targetCases { id } targetComplaints { id }
  }
}"""
SCOPE = {
    "regions": ["510100", "510700"],
    "levels": ["COUNTY"],
    "agencyKinds": ["COURT"],
    "caseKinds": ["CIVIL"],
    "periodFrom": "2023-01-01",
    "periodTo": "2023-12",
}


def in_scope() -> set[str]:
    """The global ids of the cases SCOPE covers, from the world's own table."""
    return {
        gid(case_id)
        for case_id, row in CASES.items()
        if region_of(case_id)[:4] in ("5101", "5107")
        and AGENCIES[row.unit][1:3] == ("COURT", "COUNTY")
        and row.kind == "CIVIL"
        and "2023-01-01" <= row.filed_on <= "2023-12-31"
    }


def prefecture(case_gid: str) -> str:
    store_id = next(c for c in CASES if gid(c) == case_gid)
    return region_of(store_id)[:4] + "00"


def open_campaign(
    c: httpx.Client, sampling: str, size: int | None, scope: dict[str, Any] | None = None
) -> dict[str, Any]:
    body = gql(
        c,
        OPEN_CAMPAIGN,
        lead=gid("agency:sc-commission"),
        scope=SCOPE if scope is None else scope,
        sampling=sampling,
        size=size,
    )
    assert "errors" not in body, body["errors"]
    opened: dict[str, Any] = body["data"]["openReviewCampaign"]
    return opened


def sample(c: httpx.Client, campaign: str, seed: int = 0) -> dict[str, Any]:
    drawn: dict[str, Any] = data(c, SAMPLE, id=campaign, seed=seed)["drawSample"]
    return drawn


def test_a_dragnet_samples_everything_in_scope_round_after_round(server: Server) -> None:
    write_review_world(server.store)
    scope = in_scope()
    with server.client("supervisor") as c:
        campaign = open_campaign(c, "DRAGNET", None)
        first = sample(c, campaign["id"])
        half = sorted(scope)[: len(scope) // 2]
        launched = data(c, LAUNCH, id=campaign["id"], version=1, cases=half)["launchReviews"]
        second = sample(c, campaign["id"])
    assert campaign["reviewType"] == "CAMPAIGN" and campaign["scopeAgencyKinds"] == ["COURT"]
    assert set(first["caseIds"]) == scope
    assert (first["round"], first["inScope"], first["alreadyReviewed"]) == (1, len(scope), 0)
    assert sum(s["count"] for s in first["strata"]) == len(scope)
    assert sorted(r["targetCases"][0]["id"] for r in launched) == half
    assert {(r["sampleRound"], r["reviewType"], r["campaign"]["id"]) for r in launched} == {
        (1, "CAMPAIGN", campaign["id"])
    }
    assert set(second["caseIds"]) == scope - set(half)
    assert (second["round"], second["alreadyReviewed"]) == (2, len(half))


def test_random_and_stratified_samples_are_the_same_for_a_seed(server: Server) -> None:
    write_review_world(server.store)
    scope = in_scope()
    with server.client("viewer") as viewer, server.client("supervisor") as c:
        random = open_campaign(c, "RANDOM", 4)["id"]
        stratified = open_campaign(c, "STRATIFIED", 5)["id"]
        drawn = [sample(viewer, random, seed)["caseIds"] for seed in (7, 7, 8, 9, 10)]
        layered = sample(viewer, stratified, 3)
        again = sample(viewer, stratified, 3)
    assert drawn[0] == drawn[1]
    assert all(len(ids) == 4 and set(ids) <= scope for ids in drawn)
    assert len({tuple(ids) for ids in drawn}) > 1, "the seed changes nothing"
    assert layered == again
    per_prefecture = Counter(prefecture(case) for case in scope)
    expected = {p: 5 * n / len(scope) for p, n in per_prefecture.items()}
    assert {s["region"]: s["count"] for s in layered["strata"]} == expected
    assert Counter(prefecture(case) for case in layered["caseIds"]) == expected


def test_launching_refuses_cases_outside_the_scope_and_a_stale_version(server: Server) -> None:
    write_review_world(server.store)
    with server.client("supervisor") as c:
        campaign = open_campaign(c, "DRAGNET", None)["id"]
        writes = server.store.calls["write"]
        outside = gql(
            c,
            LAUNCH,
            id=campaign,
            version=1,
            cases=[gid("case:jj-1"), gid("case:crim"), gid("case:old")],
        )
        refused_writes = server.store.calls["write"] - writes
        data(c, LAUNCH, id=campaign, version=1, cases=[gid("case:jj-1")])
        stale = gql(c, LAUNCH, id=campaign, version=1, cases=[gid("case:jj-2")])
        again = gql(c, LAUNCH, id=campaign, version=2, cases=[gid("case:jj-1")])
        left = sample(c, campaign)
    assert codes(outside) == ["VALIDATION"]
    assert [f["field"] for f in outside["errors"][0]["extensions"]["fields"]] == [
        "caseIds.case:crim",
        "caseIds.case:old",
    ]
    assert refused_writes == 0
    assert codes(stale) == ["CONFLICT"]
    assert codes(again) == ["VALIDATION"]
    assert "already reviewed" in again["errors"][0]["extensions"]["fields"][0]["reason"]
    assert left["alreadyReviewed"] == 1 and gid("case:jj-2") in left["caseIds"]


def fields_of(body: dict[str, Any]) -> list[str]:
    return [f["field"] for e in body["errors"] for f in e["extensions"].get("fields", [])]


def test_a_bad_campaign_is_refused_naming_the_field(server: Server) -> None:
    write_review_world(server.store)
    lead = gid("agency:sc-commission")
    with server.client("supervisor") as c:
        writes = server.store.calls["write"]
        unsized = gql(c, OPEN_CAMPAIGN, lead=lead, scope=SCOPE, sampling="RANDOM")
        sized = gql(c, OPEN_CAMPAIGN, lead=lead, scope=SCOPE, sampling="DRAGNET", size=3)
        region = gql(c, OPEN_CAMPAIGN, lead=lead, scope={"regions": ["5101"]}, sampling="DRAGNET")
        period = gql(
            c, OPEN_CAMPAIGN, lead=lead, scope={"periodFrom": "2023-13"}, sampling="DRAGNET"
        )
        court = gql(c, OPEN_CAMPAIGN, lead=gid("agency:jj-court"), scope=SCOPE, sampling="DRAGNET")
        enum = gql(c, OPEN_CAMPAIGN, lead=lead, scope={"levels": ["TOWN"]}, sampling="DRAGNET")
    assert [fields_of(b) for b in (unsized, sized, region, period, court)] == [
        ["sampleSize"],
        ["sampleSize"],
        ["scope.regions"],
        ["scope.periodFrom"],
        ["leadAgencyId"],
    ]
    assert codes(enum) == ["BAD_USER_INPUT"]
    assert server.store.calls["write"] == writes


def test_campaigns_stay_inside_the_callers_jurisdiction(server: Server) -> None:
    write_review_world(server.store)
    lead = gid("agency:cd-commission")
    with server.client("supervisor") as c:
        provincial = open_campaign(c, "DRAGNET", None)["id"]
    writes = server.store.calls["write"]
    with server.client("supervisor", "510100") as c:
        elsewhere = gql(
            c, OPEN_CAMPAIGN, lead=lead, scope={"regions": ["510700"]}, sampling="DRAGNET"
        )
        everywhere = gql(c, OPEN_CAMPAIGN, lead=lead, scope={}, sampling="DRAGNET")
        hidden = gql(c, SAMPLE, id=provincial, seed=1)
        refused_writes = server.store.calls["write"] - writes
        own = data(
            c,
            OPEN_CAMPAIGN,
            lead=lead,
            scope={**SCOPE, "regions": ["510104"]},
            sampling="DRAGNET",
        )["openReviewCampaign"]
        mine = sample(c, own["id"])
        other_city = gql(c, LAUNCH, id=own["id"], version=1, cases=[gid("case:fc-1")])
    with server.client("viewer") as c:
        viewer = gql(c, OPEN_CAMPAIGN, lead=lead, scope=SCOPE, sampling="DRAGNET")
    assert codes(elsewhere) == ["FORBIDDEN"] and "510700" in elsewhere["errors"][0]["message"]
    assert codes(everywhere) == ["FORBIDDEN"]
    assert codes(hidden) == ["NOT_FOUND"]
    assert codes(viewer) == ["FORBIDDEN"]
    assert refused_writes == 0
    assert set(mine["caseIds"]) == {c for c in in_scope() if prefecture(c) == "510100"}
    assert codes(other_city) == ["NOT_FOUND"]


def test_an_escalated_review_is_led_by_the_level_above(server: Server) -> None:
    write_review_world(server.store)
    case, complaint = gid(TARGET), gid("complaint:near")
    with server.client("supervisor") as c:
        escalated = data(c, OPEN_REVIEW, case=case, type="ESCALATED", complaints=[complaint])
        wrong_lead = gql(
            c, OPEN_REVIEW, case=case, type="ESCALATED", lead=gid("agency:jj-commission")
        )
        special = gql(c, OPEN_REVIEW, case=case, type="SPECIAL")
        campaign = gql(c, OPEN_REVIEW, case=case, type="CAMPAIGN", lead=gid("agency:cd-commission"))
        cross = data(c, OPEN_REVIEW, case=case, type="CROSS", lead=gid("agency:sc-commission"))
    review = escalated["openReview"]
    assert review["reviewType"] == "ESCALATED"
    assert review["conductedBy"] == [{"id": gid("agency:cd-commission")}]
    assert review["targetCases"] == [{"id": case}]
    assert review["targetComplaints"] == [{"id": complaint}]
    assert fields_of(wrong_lead) == ["leadAgencyId"]
    assert fields_of(special) == ["leadAgencyId"]
    assert fields_of(campaign) == ["reviewType"]
    assert cross["openReview"]["conductedBy"] == [{"id": gid("agency:sc-commission")}]


def test_reviews_are_opened_only_inside_the_callers_jurisdiction(server: Server) -> None:
    write_review_world(server.store)
    case = gid(TARGET)
    writes = server.store.calls["write"]
    with server.client("supervisor", "510104") as c:
        # the level above (成都市) would lead it: outside a county's jurisdiction
        escalated = gql(c, OPEN_REVIEW, case=case, type="ESCALATED")
    with server.client("supervisor", "510700") as c:
        hidden_case = gql(c, OPEN_REVIEW, case=case, type="CROSS", lead=gid("agency:my-commission"))
    with server.client("supervisor", "510100") as c:
        hidden_lead = gql(c, OPEN_REVIEW, case=case, type="CROSS", lead=gid("agency:my-commission"))
        outer_lead = gql(c, OPEN_REVIEW, case=case, type="CROSS", lead=gid("agency:sc-commission"))
    with server.client("viewer") as c:
        viewer = gql(c, OPEN_REVIEW, case=case, type="CROSS", lead=gid("agency:cd-commission"))
    assert codes(escalated) == ["FORBIDDEN"]
    assert codes(hidden_case) == ["NOT_FOUND"]
    assert codes(hidden_lead) == ["NOT_FOUND"]
    assert codes(outer_lead) == ["NOT_FOUND"]
    assert codes(viewer) == ["FORBIDDEN"]
    assert server.store.calls["write"] == writes
    with server.client("supervisor", "510100") as c:
        own = data(c, OPEN_REVIEW, case=case, type="ESCALATED")["openReview"]
    assert own["conductedBy"] == [{"id": gid("agency:cd-commission")}]
