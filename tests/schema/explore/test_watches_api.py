"""Watches and inquiries, sentence-change verification and hearings over HTTP, on both
stores: each runs as the use cases do, for the caller, and refuses what they refuse."""

from __future__ import annotations

from schema.generic.ids import to_global
from tests.api.api_client import codes, data, gql
from tests.api.api_harness import Server
from tests.workflows.explore.test_watches import _late
from tests.workflows.petitioning.test_verification import _file
from tests.worlds.county_court import build

WATCH = """
mutation { watchPattern(name: AGENCY_REPEATED_OVERDUE) { id pattern assignee regionCode } }"""
RUN = """
mutation { runWatches(today: "2024-06-30") {
  inquiry { id version status assignee anchorId } investigation { id name } } }"""
MOVE = """
mutation($id: ID!, $version: Int!, $move: InquiryMove!, $decision: String) {
  moveInquiry(id: $id, version: $version, move: $move, decision: $decision) {
    status decision decidedOn } }"""
CONCLUDE = """
mutation($id: ID!, $version: Int!) {
  concludeVerification(actionId: $id, version: $version, conclusion: COMPLIANT,
                       summary: "减刑条件、幅度、程序均符合规定") {
    status verificationConclusion verificationConclusionLabel } }"""
HEARING = """
mutation($case: ID!, $by: [ID!]!, $who: [ID!]!) {
  attendHearing(caseId: $case, conductorIds: $by, observerIds: $who, attendedOn: "2024-06-28",
                observations: "庭审程序规范，释法说理不够充分。") {
    action { kind status observations } } }"""


def test_watches_verification_and_hearings_over_http(server: Server) -> None:
    build(server.store)
    _late(server.store, "police:510104", 3)
    action = _file(server.store)
    with server.client("investigator", "510000", subject="inv") as c:
        watch = data(c, WATCH)["watchPattern"]
        opened = data(c, RUN)["runWatches"]
        inquiry = opened[0]["inquiry"]
        started = data(c, MOVE, id=inquiry["id"], version=1, move="START")["moveInquiry"]
        closed = data(
            c,
            MOVE,
            id=inquiry["id"],
            version=2,
            move="CLEAR",
            decision="经核实，逾期系不可抗力所致，已延期。",
        )["moveInquiry"]
        cannot_write = gql(c, CONCLUDE, id=to_global("SupervisionAction", action), version=1)
    with server.client("investigator", "510000", subject="other") as c:
        not_theirs = gql(c, MOVE, id=inquiry["id"], version=3, move="START")
    with server.client("supervisor", "510100") as c:
        concluded = data(c, CONCLUDE, id=to_global("SupervisionAction", action), version=1)
        hearing = data(
            c,
            HEARING,
            case=to_global("Case", "case:civil"),
            by=[to_global("Agency", "commission:510100")],
            who=[to_global("Official", "judge:a")],
        )["attendHearing"]
    assert (watch["pattern"], watch["assignee"], watch["regionCode"]) == (
        "AGENCY_REPEATED_OVERDUE",
        "inv",
        "510000",
    )
    assert [(o["inquiry"]["anchorId"], o["inquiry"]["status"]) for o in opened] == [
        ("police:510104", "OPEN")
    ]
    assert started["status"] == "IN_PROGRESS"
    assert (closed["status"], closed["decidedOn"]) == ("NO_ISSUE", closed["decidedOn"])
    assert codes(cannot_write) == ["FORBIDDEN"]
    assert codes(not_theirs) in (["FORBIDDEN"], ["CONFLICT"])
    assert concluded["concludeVerification"] == {
        "status": "COMPLETED",
        "verificationConclusion": "COMPLIANT",
        "verificationConclusionLabel": "核查无问题",
    }
    assert hearing["action"] == {
        "kind": "HEARING_ATTENDANCE",
        "status": "COMPLETED",
        "observations": "庭审程序规范，释法说理不够充分。",
    }
