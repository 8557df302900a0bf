"""Joint supervision over HTTP: meetings whose decisions become actions and are followed
through, actions drafted, opened and finished, units' own supervision beside the
commission's, notifications and their feedback."""

from __future__ import annotations

from typing import Any

from schema.generic.ids import to_global
from tests.api.api_client import codes, data, gid, gql
from tests.api.api_harness import Server
from tests.worlds.joint import COURT, RECOGNIZE, open_action, record_finding, write_scene

JUDGE = to_global("Official", "official:judge")
HOLD = """
mutation($region: String!, $decisions: [MeetingDecisionInput!]!, $attendees: [ID!]!) {
  holdMeeting(title: "2024年成都市执法监督联席会议", kind: SUPERVISION, heldOn: "2024-02-20",
              regionCode: $region, attendeeIds: $attendees, decisions: $decisions,
              agenda: "部署本年度执法监督重点工作") {
    meeting { id decisions kindLabel }
    attendees { id }
    decided { action { id version status kind } conductorIds targets { id } joint }
  }
}"""
FOLLOW = """
query($meeting: ID!, $today: String) {
  meetingFollowThrough(meetingId: $meeting, today: $today) {
    meeting { id } actions { action { id } late } done
  }
}"""
FINISH = """
mutation($id: ID!, $version: Int!) {
  finishAction(actionId: $id, version: $version) { version status endedOn }
}"""
ATTENDEES = ["agency:cd-commission", COURT, "agency:jj-police"]
COUNTS = "{ jointMeetings { totalCount } supervisionActions { totalCount } }"


def decision(
    text: str, kind: str, conductors: list[str], targets: list[str], start: str
) -> dict[str, Any]:
    return {
        "text": text,
        "action": {
            "kind": kind,
            "title": text,
            "conductorIds": [gid(i) for i in conductors],
            "targetIds": [gid(i) for i in targets],
            "startedOn": start,
        },
    }


def hold(c: Any, decisions: list[dict[str, Any]], region: str = "510100") -> dict[str, Any]:
    return gql(
        c,
        HOLD,
        region=region,
        decisions=decisions,
        attendees=[gid(i) for i in ATTENDEES] + [JUDGE],
    )


def test_a_meeting_decision_becomes_an_action_that_is_followed_through(server: Server) -> None:
    write_scene(server.store)
    patrol = decision(
        "开展联合执法巡查",
        "PATROL",
        ["agency:cd-commission", "agency:cd-discipline"],
        [COURT],
        "2024-03-01",
    )
    visit = decision(
        "开展明查暗访", "VISIT", ["agency:cd-commission"], ["agency:jj-police"], "2099-01-01"
    )
    with server.client("supervisor", "510100") as c:
        held = hold(c, [patrol, visit, {"text": "建立类案指引"}])
        record = held["data"]["holdMeeting"]
        first, second = (d["action"]["id"] for d in record["decided"])
        finished = data(c, FINISH, id=first, version=1)["finishAction"]
        again = gql(c, FINISH, id=first, version=2)
        stale = gql(c, FINISH, id=second, version=0)
        meeting = record["meeting"]["id"]
        late = data(c, FOLLOW, meeting=meeting, today="2099-02-01")["meetingFollowThrough"]
        early = data(c, FOLLOW, meeting=meeting, today="2098-12-31")["meetingFollowThrough"]
        bad_day = gql(c, FOLLOW, meeting=meeting, today="someday")
    with server.client("viewer", "510400") as c:
        hidden = gql(c, FOLLOW, meeting=meeting, today="2099-02-01")
    assert "errors" not in held
    assert record["meeting"]["decisions"] == ["开展联合执法巡查", "开展明查暗访", "建立类案指引"]
    assert record["meeting"]["kindLabel"] == "执法监督联席会议"
    assert sorted(a["id"] for a in record["attendees"]) == sorted(
        [gid(i) for i in ATTENDEES] + [JUDGE]
    )
    assert [
        (d["action"]["kind"], d["action"]["status"], d["joint"], d["conductorIds"], d["targets"])
        for d in record["decided"]
    ] == [
        (
            "PATROL",
            "ONGOING",
            True,
            [gid("agency:cd-commission"), gid("agency:cd-discipline")],
            [{"id": gid(COURT)}],
        ),
        (
            "VISIT",
            "PLANNED",
            False,
            [gid("agency:cd-commission")],
            [{"id": gid("agency:jj-police")}],
        ),
    ]
    assert finished["status"] == "COMPLETED" and finished["version"] == 2
    assert codes(again) == ["INVALID_TRANSITION"]
    assert codes(stale) == ["CONFLICT"]
    assert late == {
        "meeting": {"id": meeting},
        "actions": [
            {"action": {"id": first}, "late": False},
            {"action": {"id": second}, "late": True},
        ],
        "done": 1,
    }
    assert [a["late"] for a in early["actions"]] == [False, False]
    assert codes(bad_day) == ["VALIDATION"]
    assert bad_day["errors"][0]["extensions"]["fields"][0]["field"] == "today"
    assert codes(hidden) == ["NOT_FOUND"]


def test_a_refused_meeting_writes_nothing(server: Server) -> None:
    write_scene(server.store)
    head = server.store.audit_head()
    before_meeting = decision(
        "开展执法巡查", "PATROL", ["agency:cd-commission"], [COURT], "2024-01-01"
    )
    later = decision("开展执法巡查", "PATROL", ["agency:cd-commission"], [COURT], "2024-03-01")
    with server.client("supervisor", "510100") as c:
        before = data(c, COUNTS)
        early = hold(c, [{"text": "建立类案指引"}, before_meeting])
        elsewhere = hold(c, [later], region="510400")
        counts = data(c, COUNTS)
    with server.client("viewer") as c:
        viewer = hold(c, [later])
    assert codes(early) == ["VALIDATION"]
    assert early["errors"][0]["extensions"]["fields"][0]["field"] == "decisions.1.action.startedOn"
    assert codes(elsewhere) == ["FORBIDDEN"]
    assert codes(viewer) == ["FORBIDDEN"]
    assert before["jointMeetings"] == {"totalCount": 0}
    assert counts == before
    assert server.store.audit_head() == head


DRAFT = """
mutation($kind: ActionKind!, $conductors: [ID!]!, $targets: [ID!]!) {
  draftAction(kind: $kind, title: "联合执法检查", conductorIds: $conductors,
              targetIds: $targets, startedOn: "2099-01-01") {
    action { status kind regionCode } conductorIds joint
  }
}"""


def test_a_drafted_action_is_checked_and_written_nowhere(server: Server) -> None:
    write_scene(server.store)
    head = server.store.audit_head()
    court = [gid(COURT)]
    joint = [gid("agency:cd-commission"), gid("agency:cd-discipline")]
    with server.client("supervisor", "510100") as c:
        before = data(c, COUNTS)
        drafted = data(c, DRAFT, kind="INSPECTION", conductors=joint, targets=court)
        own_use_case = gql(c, DRAFT, kind="CASE_REVIEW", conductors=joint, targets=court)
        hidden_lead = gql(
            c, DRAFT, kind="INSPECTION", conductors=[gid("agency:sc-commission")], targets=court
        )
        counts = data(c, COUNTS)
    assert drafted["draftAction"] == {
        "action": {"status": "PLANNED", "kind": "INSPECTION", "regionCode": "510100"},
        "conductorIds": joint,
        "joint": True,
    }
    assert codes(own_use_case) == ["VALIDATION"]
    assert own_use_case["errors"][0]["extensions"]["fields"][0]["field"] == "kind"
    assert codes(hidden_lead) == ["NOT_FOUND"]
    assert counts == before
    assert server.store.audit_head() == head


LINKAGE = """
query($since: String, $until: String) {
  unitLinkage(since: $since, until: $until) {
    agency { id } ownActionIds ownFindingIds recognisedFindingIds externalActionIds
  }
}"""


def test_a_units_own_inspection_stands_beside_the_commissions(server: Server) -> None:
    write_scene(server.store)
    with server.client("supervisor") as c:
        own = open_action(c, "SELF_INSPECTION", [COURT], [COURT], "2024-03-01", "2024-03-15")[
            "action"
        ]["id"]
        outside = open_action(c, "INSPECTION", ["agency:cd-commission"], [COURT], "2024-05-01")[
            "action"
        ]["id"]
        finding = record_finding(c, own, [COURT], "2024-03-15")["id"]
        linked = data(c, LINKAGE)["unitLinkage"]
        data(c, RECOGNIZE, finding=finding, by=gid("agency:cd-commission"))
        spring = data(c, LINKAGE, since="2024-03-01", until="2024-04")["unitLinkage"]
    with server.client("viewer", "510400") as c:
        elsewhere = data(c, LINKAGE)["unitLinkage"]
    assert linked == [
        {
            "agency": {"id": gid(COURT)},
            "ownActionIds": [own],
            "ownFindingIds": [finding],
            "recognisedFindingIds": [],
            "externalActionIds": [outside],
        }
    ]
    assert spring == [
        {
            "agency": {"id": gid(COURT)},
            "ownActionIds": [own],
            "ownFindingIds": [finding],
            "recognisedFindingIds": [finding],
            "externalActionIds": [],
        }
    ]
    assert elsewhere == []


NOTIFY = """
mutation($to: ID!, $about: [ID!]!) {
  notify(subject: "2024年上半年执法监督情况通报", recipientAgencyId: $to,
         reportsOnIds: $about, sentOn: "2024-05-01") {
    notification { id version recipient sentOn } recipientId reportsOn { id }
  }
}"""
AWAITING = """
query($today: String!, $after: Int) {
  awaitingFeedback(today: $today, afterDays: $after) { notification { id } }
}"""
FEEDBACK = """
mutation($id: ID!, $version: Int!, $on: String) {
  recordFeedback(notificationId: $id, version: $version, feedback: "建议加强类案指引",
                 feedbackOn: $on) {
    version feedback feedbackOn
  }
}"""


def test_a_notification_awaits_feedback_until_it_is_recorded(server: Server) -> None:
    write_scene(server.store)
    case = gid("case:cd-2")
    with server.client("supervisor", "510100") as c:
        to_court = gql(c, NOTIFY, to=gid(COURT), about=[case])
        sent = data(c, NOTIFY, to=gid("agency:cd-congress"), about=[case])["notify"]
        nid = sent["notification"]["id"]
        waiting = data(c, AWAITING, today="2024-06-30")["awaitingFeedback"]
        too_soon = data(c, AWAITING, today="2024-05-20")["awaitingFeedback"]
        shorter = data(c, AWAITING, today="2024-05-20", after=19)["awaitingFeedback"]
        before_sent = gql(c, FEEDBACK, id=nid, version=1, on="2024-04-01")
        answered = data(c, FEEDBACK, id=nid, version=1, on="2024-06-01")["recordFeedback"]
        stale = gql(c, FEEDBACK, id=nid, version=1, on="2024-06-02")
        after = data(c, AWAITING, today="2024-06-30")["awaitingFeedback"]
    with server.client("viewer", "510400") as c:
        elsewhere = data(c, AWAITING, today="2024-06-30")["awaitingFeedback"]
    assert codes(to_court) == ["VALIDATION"]
    assert to_court["errors"][0]["extensions"]["fields"][0]["field"] == "recipientAgencyId"
    assert {k: v for k, v in sent["notification"].items() if k != "id"} == {
        "version": 1,
        "recipient": "CONGRESS",
        "sentOn": "2024-05-01",
    }
    assert sent["recipientId"] == gid("agency:cd-congress")
    assert sent["reportsOn"] == [{"id": case}]
    assert waiting == shorter == [{"notification": {"id": nid}}]
    assert too_soon == []
    assert codes(before_sent) == ["VALIDATION"]
    assert before_sent["errors"][0]["extensions"]["fields"][0]["field"] == "feedbackOn"
    assert answered == {"version": 2, "feedback": "建议加强类案指引", "feedbackOn": "2024-06-01"}
    assert codes(stale) == ["CONFLICT"]
    assert after == []
    assert elsewhere == []


DECIDE = """
mutation($id: ID!, $version: Int!, $adoption: FeedbackAdoption!, $handling: String!) {
  decideFeedback(notificationId: $id, version: $version, adoption: $adoption,
                 handling: $handling, decidedOn: "2024-06-10") {
    version adoption adoptionLabel handling decidedOn
  }
}"""
ADOPTION = """
query { feedbackAdoption(today: "2024-06-30") {
  counts { recipient adoption notifications } undecided { id } } }"""


def test_feedback_is_decided_on_with_its_handling(server: Server) -> None:
    write_scene(server.store)
    with server.client("supervisor", "510100") as c:
        sent = data(c, NOTIFY, to=gid("agency:cd-congress"), about=[gid("case:cd-2")])["notify"]
        nid = sent["notification"]["id"]
        data(c, FEEDBACK, id=nid, version=1, on="2024-06-01")
        pending = data(c, ADOPTION)["feedbackAdoption"]
        short = gql(c, DECIDE, id=nid, version=2, adoption="ADOPTED", handling="好")
        decided = data(
            c,
            DECIDE,
            id=nid,
            version=2,
            adoption="NOT_ADOPTED",
            handling="与现行规定不符，已书面说明理由。",
        )["decideFeedback"]
        twice = gql(
            c, DECIDE, id=nid, version=3, adoption="ADOPTED", handling="再次决定不被接受的说明"
        )
        after = data(c, ADOPTION)["feedbackAdoption"]
    assert pending["counts"] == [
        {"recipient": "CONGRESS", "adoption": "PENDING", "notifications": 1}
    ]
    assert pending["undecided"] == []  # 29 days: within the limit
    assert short["errors"][0]["extensions"]["fields"][0]["field"] == "handling"
    assert decided == {
        "version": 3,
        "adoption": "NOT_ADOPTED",
        "adoptionLabel": "不予采纳",
        "handling": "与现行规定不符，已书面说明理由。",
        "decidedOn": "2024-06-10",
    }
    assert codes(twice) == ["VALIDATION"]
    assert after["counts"][0]["adoption"] == "NOT_ADOPTED"
