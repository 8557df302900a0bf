"""Sichuan and Chongqing working together, each with its own token, over HTTP on both stores
(issue 13): under the agreement in force between Chengdu and Jiangbei, a Chongqing-scoped
and a Chengdu-scoped supervisor open a joint action together, record findings, recognise
each other's findings, hold the meeting and follow through; the unit rectifies with its own
agency token and the commission checks it. Neither side sees anything the agreement does
not share."""

from __future__ import annotations

from typing import Any

import httpx

from tests.api.api_client import attach_report, codes, data, gid, gql
from tests.api.api_harness import Server
from tests.worlds.border import (
    CD_ACTION,
    CD_CASE,
    CD_COMM,
    CD_COURT,
    CD_OFFICIAL,
    CD_POLICE,
    CQ_COMM,
    JB_ACTION,
    JB_CASE,
    JB_COMM,
    JB_COURT,
    MY_COMM,
    NOW,
    OLD,
    OLD_ACTION,
    YB_COURT,
    write_border,
)

CHENGDU, CHONGQING = "510100", "500000"
OPEN = """
mutation($conductors: [ID!]!, $targets: [ID!]!, $start: String!, $agreement: ID) {
  openAction(kind: INSPECTION, title: "川渝联合执法检查", conductorIds: $conductors,
             targetIds: $targets, startedOn: $start, agreementId: $agreement) {
    action { id regionCode agreements { id } } conductorIds joint
  }
}"""
FIND = """
mutation($action: ID!, $concerns: [ID!]!) {
  recordFinding(actionId: $action, title: "超期羁押", category: EXCESSIVE, severity: SERIOUS,
                concernsIds: $concerns, foundOn: "2025-03-10") { id regionCode }
}"""
RECOGNIZE = """
mutation($finding: ID!, $by: ID!) {
  recognizeFinding(findingId: $finding, byId: $by, scope: "执法监督结果互认",
                   recognizedOn: "2025-03-20") {
    finding { id } recognitions { byId }
  }
}"""
HOLD = """
mutation($region: String!, $attendees: [ID!]!, $decisions: [MeetingDecisionInput!]!,
         $agreement: ID) {
  holdMeeting(title: "成都—江北执法监督联席会议", kind: SUPERVISION, heldOn: "2025-04-01",
              regionCode: $region, attendeeIds: $attendees, decisions: $decisions,
              agreementId: $agreement) {
    meeting { id agreements { id } } decided { action { id regionCode agreements { id } } }
  }
}"""
FOLLOW = """
query($meeting: ID!) {
  meetingFollowThrough(meetingId: $meeting, today: "2025-06-01") {
    meeting { id } actions { action { id } late } done
  }
}"""
ORDER = """
mutation($finding: ID!, $unit: ID!) {
  orderRectification(findingId: $finding, responsibleAgencyId: $unit, deadline: "2099-06-30") {
    rectification { id version status }
  }
}"""
MOVE = """
mutation($id: ID!, $version: Int!, $move: RectificationMove!) {
  moveRectification(rectificationId: $id, version: $version, move: $move) {
    rectification { version status }
  }
}"""
NODE = "query($id: ID!) { node(id: $id) { id } }"
AROUND = """
query($id: ID!) { neighbourhood(id: $id, depth: 2) { nodes { id } truncated } }"""
SEARCH = "query($text: String!) { search(text: $text) { id } }"
COUNTS = "{ cases { totalCount } supervisionActions { totalCount } agencies { totalCount } }"


def sichuan(server: Server, agency: str | None = None) -> httpx.Client:
    subject = f"chengdu/{agency or 'supervisor'}"
    return server.client("supervisor", CHENGDU, subject=subject, agency=agency)


def chongqing(server: Server) -> httpx.Client:
    return server.client("supervisor", CHONGQING, subject="chongqing/supervisor")


def open_joint(c: httpx.Client, conductors: list[str], agreement: str) -> dict[str, Any]:
    return gql(
        c,
        OPEN,
        conductors=[gid(i) for i in conductors],
        targets=[gid(JB_COURT), gid(CD_COURT)],
        start="2025-03-01",
        agreement=gid(agreement),
    )


def visible(c: httpx.Client, ids: list[str]) -> set[str]:
    return {i for i in ids if data(c, NODE, id=gid(i))["node"] is not None}


def fields(body: dict[str, Any]) -> list[str]:
    return [f["field"] for e in body["errors"] for f in e["extensions"].get("fields", [])]


def test_two_sides_run_a_joint_action_under_their_agreement(server: Server) -> None:
    write_border(server.store)
    with chongqing(server) as cq:
        opened = open_joint(cq, [JB_COMM, CD_COMM], NOW)
        action = opened["data"]["openAction"]["action"]
        cq_joint = data(cq, FIND, action=action["id"], concerns=[gid(JB_COURT)])["recordFinding"]
        cq_own = open_joint(cq, [JB_COMM], NOW)["data"]["openAction"]["action"]
        cq_finding = data(cq, FIND, action=cq_own["id"], concerns=[gid(JB_COURT)])
    with sichuan(server) as sc:
        seen_by_sichuan = data(sc, NODE, id=action["id"])["node"]
        sc_joint = data(sc, FIND, action=action["id"], concerns=[gid(CD_COURT)])["recordFinding"]
        about_theirs = gql(sc, FIND, action=action["id"], concerns=[gid(JB_COURT)])
        sc_own = open_joint(sc, [CD_COMM], NOW)["data"]["openAction"]["action"]
        sc_finding = data(sc, FIND, action=sc_own["id"], concerns=[gid(CD_COURT)])
        sc_recognises = data(
            sc, RECOGNIZE, finding=cq_finding["recordFinding"]["id"], by=gid(CD_COMM)
        )
        on_their_behalf = gql(
            sc, RECOGNIZE, finding=cq_finding["recordFinding"]["id"], by=gid(JB_COMM)
        )
        joint_own = gql(sc, RECOGNIZE, finding=cq_joint["id"], by=gid(CD_COMM))
    with chongqing(server) as cq:
        cq_recognises = data(
            cq, RECOGNIZE, finding=sc_finding["recordFinding"]["id"], by=gid(JB_COMM)
        )
    assert opened["data"]["openAction"]["joint"] is True
    assert action["regionCode"] == "500105"  # the lead's, Jiangbei's
    assert action["agreements"] == [{"id": gid(NOW)}]
    assert seen_by_sichuan == {"id": action["id"]}
    assert (cq_joint["regionCode"], sc_joint["regionCode"]) == ("500105", "510100")
    assert codes(about_theirs) == ["FORBIDDEN"]  # findings about the other side's units: never
    assert sc_recognises["recognizeFinding"]["recognitions"] == [{"byId": gid(CD_COMM)}]
    assert cq_recognises["recognizeFinding"]["recognitions"] == [{"byId": gid(JB_COMM)}]
    assert codes(on_their_behalf) == ["FORBIDDEN"]  # on behalf of the other side's body
    # A joint action's findings are both sides' own: nothing to recognise.
    assert codes(joint_own) == ["VALIDATION"] and fields(joint_own) == ["byId"]
    sc_finding = sc_finding["recordFinding"]

    # The meeting, held in Chengdu under the agreement, decides a joint follow-up visit.
    visit = {
        "text": "联合回访整改情况",
        "action": {
            "kind": "VISIT",
            "title": "联合回访",
            "conductorIds": [gid(CD_COMM), gid(JB_COMM)],
            "targetIds": [gid(CD_COURT)],
            "startedOn": "2025-05-01",
        },
    }
    with sichuan(server) as sc:
        held = data(
            sc, HOLD, region=CHENGDU, attendees=[gid(CD_COMM), gid(JB_COMM)], decisions=[visit],
            agreement=gid(NOW),
        )["holdMeeting"]  # fmt: skip
    meeting, decided = held["meeting"], held["decided"][0]["action"]
    with chongqing(server) as cq:
        followed = data(cq, FOLLOW, meeting=meeting["id"])["meetingFollowThrough"]
    assert meeting["agreements"] == [{"id": gid(NOW)}]
    assert (decided["regionCode"], decided["agreements"]) == ("510100", [{"id": gid(NOW)}])
    assert followed["meeting"]["id"] == meeting["id"]
    assert followed["actions"] == [{"action": {"id": decided["id"]}, "late": False}]

    # Following through: the Chengdu court rectifies with its own token; only its supervising
    # commission accepts; Chongqing sees the rectification and cannot move it.
    with sichuan(server, CD_COMM) as commission:
        ordered = data(commission, ORDER, finding=sc_finding["id"], unit=gid(CD_COURT))
    rid = ordered["orderRectification"]["rectification"]["id"]
    with sichuan(server, CD_COURT) as court:
        attach_report(court, rid)
        submitted = data(court, MOVE, id=rid, version=1, move="SUBMIT")["moveRectification"]
        self_accepted = gql(court, MOVE, id=rid, version=2, move="ACCEPT")
    with chongqing(server) as cq:
        cq_sees = data(cq, NODE, id=rid)["node"]
        cq_accepts = gql(cq, MOVE, id=rid, version=2, move="ACCEPT")
    with sichuan(server, CD_COMM) as commission:
        accepted = data(commission, MOVE, id=rid, version=2, move="ACCEPT")["moveRectification"]
    assert submitted["rectification"]["status"] == "SUBMITTED"
    assert codes(self_accepted) == ["FORBIDDEN"]
    assert cq_sees == {"id": rid}
    assert codes(cq_accepts) == ["FORBIDDEN"]
    assert accepted["rectification"]["status"] == "ACCEPTED"


def test_working_under_an_agreement_needs_it_in_force_and_covering_every_body(
    server: Server,
) -> None:
    write_border(server.store)
    with chongqing(server) as cq:
        ended = open_joint(cq, [JB_COMM, CD_COMM], OLD)
        outside = open_joint(cq, [YB_COURT, CD_COMM], NOW)
        meeting = gql(
            cq, HOLD, region="500105", attendees=[gid(JB_COMM), gid(CD_COMM), gid(YB_COURT)],
            decisions=[{"text": "通报情况"}], agreement=gid(NOW),
        )  # fmt: skip
        counts = data(cq, COUNTS)
    assert codes(ended) == ["VALIDATION"] and fields(ended) == ["agreementId"]
    assert "not in force on 2025-03-01" in ended["errors"][0]["message"]
    assert codes(outside) == ["VALIDATION"] and fields(outside) == ["conductorIds.0"]
    assert codes(meeting) == ["VALIDATION"] and fields(meeting) == ["attendeeIds.2"]
    assert counts["supervisionActions"]["totalCount"] == 2  # nothing was written


def test_neither_side_sees_what_the_agreement_does_not_share(server: Server) -> None:
    write_border(server.store)
    everything = [
        CD_COMM, CD_COURT, CD_POLICE, MY_COMM, CQ_COMM, JB_COMM, JB_COURT, YB_COURT, CD_CASE,
        JB_CASE, CD_ACTION, JB_ACTION, OLD_ACTION, CD_OFFICIAL, NOW, OLD,
    ]  # fmt: skip
    with server.client("admin") as admin:
        all_ids = visible(admin, everything)
        admin_search = data(admin, SEARCH, text="成都市执法检查")["search"]
        admin_around = data(admin, AROUND, id=gid(CD_POLICE))["neighbourhood"]["nodes"]
    with chongqing(server) as cq:
        cq_ids = visible(cq, everything)
        cq_counts = data(cq, COUNTS)
        cq_search = data(cq, SEARCH, text="成都市执法检查")["search"]
        cq_around = data(cq, AROUND, id=gid(CD_POLICE))["neighbourhood"]["nodes"]
        cq_about_case = gql(cq, FIND, action=gid(CD_ACTION), concerns=[gid(CD_CASE)])
    with sichuan(server) as sc:
        sc_ids = visible(sc, everything)
        sc_counts = data(sc, COUNTS)
    assert all_ids == set(everything)
    assert {n["id"] for n in admin_search} == {gid(CD_ACTION)}
    assert gid(CD_CASE) in {n["id"] for n in admin_around}
    # Chongqing: its own, the Chengdu party and the bodies of its area (the agreement covers
    # them), both agreements; not Chengdu's case, action, official, nor Mianyang's body.
    assert cq_ids == {
        CQ_COMM, JB_COMM, JB_COURT, YB_COURT, JB_CASE, JB_ACTION, OLD_ACTION, NOW, OLD,
        CD_COMM, CD_COURT, CD_POLICE,
    }  # fmt: skip
    assert (cq_counts["cases"]["totalCount"], cq_counts["supervisionActions"]["totalCount"]) == (
        1,
        2,
    )
    assert cq_counts["agencies"]["totalCount"] == 7
    assert cq_search == []
    assert gid(CD_CASE) not in {n["id"] for n in cq_around}
    assert codes(cq_about_case) == ["NOT_FOUND"]
    # Chengdu: Jiangbei's party and court, not Jiangbei's own case or action, not the joint
    # action of the agreement that ended, not Chongqing's commission (a province-level party
    # speaks only for itself, and this one signed nothing) nor Yubei's court.
    assert sc_ids == {
        CD_COMM, CD_COURT, CD_POLICE, CD_CASE, CD_ACTION, CD_OFFICIAL, NOW, OLD, JB_COMM,
        JB_COURT,
    }  # fmt: skip
    assert (sc_counts["cases"]["totalCount"], sc_counts["supervisionActions"]["totalCount"]) == (
        1,
        1,
    )
    assert sc_counts["agencies"]["totalCount"] == 5
