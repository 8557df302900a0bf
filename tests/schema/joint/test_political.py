"""政治督察 over HTTP, on both stores: a round's checklist answered, its feedback ordering the
rectifications, and the 回头看 that finds what was not rectified; and the rules each step
refuses to bend."""

from __future__ import annotations

from typing import Any

import httpx

from tests.api.api_client import attach_report, codes, data, gid, gql
from tests.api.api_harness import Server
from tests.schema.joint.test_recognition_and_findings import MOVE
from tests.worlds.joint import COURT, open_action, write_scene

COMMISSION, POLICE = "agency:cd-commission", "agency:jj-police"
ADD = """
mutation($round: ID!, $questions: [String!]!) {
  addChecklistItems(roundId: $round, questions: $questions, basis: "政法工作条例") {
    id question regionCode
  }
}"""
ANSWER = """
mutation($item: ID!, $result: ChecklistResult!, $title: String, $category: FindingCategory,
         $severity: Severity, $concerns: [ID!], $on: String) {
  answerChecklistItem(itemId: $item, result: $result, answeredOn: $on, findingTitle: $title,
                      category: $category, severity: $severity, concernsIds: $concerns,
                      note: "调阅案卷、个别谈话") {
    item { id result answeredOn }
    finding { id title severity foundOn concernedAgencies { id } }
  }
}"""
ROUND = """
round { action { id version status rectifyBy feedbackOn } stage late answered targetIds
        checklist { item { id } findingIds }
        findings { finding { id } rectificationIds rectified }
        lookBacks { action { id kind status rectifiedCount unrectifiedCount } findingIds } }"""
READ = (
    "query($id: ID!, $today: String) { politicalInspection(roundId: $id, today: $today) { "
    + ROUND.split("{", 1)[1].rsplit("}", 1)[0]
    + "} }"
)
FEEDBACK = """
mutation($id: ID!, $version: Int!, $on: String, $by: String) {
  issueInspectionFeedback(roundId: $id, version: $version, issuedOn: $on, rectifyBy: $by,
                          feedback: "一、落实“三个规定”不到位;二、信访办理不及时。") {
    action { id version status rectifyBy feedbackOn feedback } stage findings { rectificationIds }
  }
}"""
LOOK = """
mutation($id: ID!, $version: Int!, $on: String) {
  openLookBack(roundId: $id, version: $version, startedOn: $on) {
    action { id version kind status startedOn lookedBackAt { id } targetAgencies { id } }
  }
}"""
CONCLUDE = (
    """
mutation($id: ID!, $version: Int!, $on: String) {
  concludeLookBack(lookBackId: $id, version: $version, endedOn: $on) {
    lookBack { status rectifiedCount unrectifiedCount }
    rectifiedIds unrectifiedIds newFindingIds
"""
    + ROUND
    + "\n  }\n}"
)
FINDING = "query($id: ID!) { node(id: $id) { ... on Finding { severity rectifications { id } } } }"
LIST = "query($today: String) { politicalInspections(today: $today) { action { id } stage late } }"
QUESTIONS = ["是否落实防止干预司法“三个规定”", "是否按期办结涉法涉诉信访", "执法办案是否规范"]


def opened(c: httpx.Client, start: str = "2025-03-01") -> tuple[str, list[str]]:
    action = open_action(c, "POLITICAL_INSPECTION", [COMMISSION], [COURT, POLICE], start)
    rid: str = action["action"]["id"]
    items = data(c, ADD, round=rid, questions=QUESTIONS)["addChecklistItems"]
    return rid, [i["id"] for i in items]


def answer(c: httpx.Client, item: str, result: str, **finding: Any) -> dict[str, Any]:
    return gql(c, ANSWER, item=item, result=result, on="2025-03-10", **finding)


def read(c: httpx.Client, rid: str, today: str = "2025-03-20") -> dict[str, Any]:
    found: dict[str, Any] = data(c, READ, id=rid, today=today)["politicalInspection"]
    return found


def accept(c: httpx.Client, other: httpx.Client, rect: str) -> None:
    """The unit reports (one person) and the commission accepts with the report (another)."""
    assert "errors" not in gql(c, MOVE, id=rect, version=1, move="SUBMIT")
    attach_report(other, rect)
    accepted = gql(other, MOVE, id=rect, version=2, move="ACCEPT")
    assert "errors" not in accepted, accepted


def test_a_round_from_checklist_to_look_back(server: Server) -> None:
    write_scene(server.store)
    with (
        server.client("supervisor", "510100", subject="zhang") as c,
        server.client("supervisor", "510100", subject="li") as li,
    ):
        rid, (first, second, third) = opened(c)
        early = gql(c, FEEDBACK, id=rid, version=2, on="2025-03-20")
        fine = answer(c, first, "COMPLIANT")["data"]["answerChecklistItem"]
        flawed = answer(
            c, second, "NONCOMPLIANT", title="信访逾期办结", category="WORK_STYLE",
            severity="MINOR", concerns=[gid(COURT)],
        )["data"]["answerChecklistItem"]  # fmt: skip
        partly = answer(
            c, third, "PARTLY", title="执法记录仪使用不规范", category="PROCEDURAL",
            severity="MINOR",
        )["data"]["answerChecklistItem"]  # fmt: skip
        answered = read(c, rid)
        version = answered["action"]["version"]
        feedback = data(c, FEEDBACK, id=rid, version=version, on="2025-04-01", by="2025-07-01")
        rectifying = read(c, rid, today="2025-05-01")
        too_early = gql(c, LOOK, id=rid, version=version + 1, on="2025-06-30")
        # The court's finding has one rectification; the partly-met item's has two.
        by_units = {len(f["rectificationIds"]): f for f in rectifying["findings"]}
        one, two = by_units[1]["finding"]["id"], by_units[2]["finding"]["id"]
        court_rect = by_units[1]["rectificationIds"][0]
        accept(c, li, court_rect)
        due = read(c, rid, today="2025-07-02")
        back = data(c, LOOK, id=rid, version=version + 1, on="2025-07-02")["openLookBack"]
        looking = read(c, rid, today="2025-07-03")
        concluded = data(c, CONCLUDE, id=back["action"]["id"], version=1, on="2025-07-20")
        listed = data(c, LIST, today="2025-09-01")["politicalInspections"]
    assert codes(early) == ["VALIDATION"]
    assert fine["finding"] is None and fine["item"]["result"] == "COMPLIANT"
    assert flawed["finding"]["concernedAgencies"] == [{"id": gid(COURT)}]
    assert {c["id"] for c in partly["finding"]["concernedAgencies"]} == {gid(COURT), gid(POLICE)}
    assert answered["stage"] == "AWAITING_FEEDBACK" and answered["answered"] == 3
    made = feedback["issueInspectionFeedback"]
    assert made["stage"] == "RECTIFYING" or made["stage"] == "AWAITING_LOOK_BACK"
    assert made["action"]["rectifyBy"] == "2025-07-01" and made["action"]["status"] == "ONGOING"
    # One rectification for the court's finding, one for each unit of the partly-met item.
    assert sorted(len(f["rectificationIds"]) for f in made["findings"]) == [1, 2]
    assert rectifying["stage"] == "RECTIFYING" and not rectifying["late"]
    assert codes(too_early) == ["VALIDATION"]
    assert due["stage"] == "AWAITING_LOOK_BACK" and due["late"]
    rectified = {f["finding"]["id"]: f["rectified"] for f in due["findings"]}
    assert rectified == {one: True, two: False}
    assert back["action"]["kind"] == "LOOK_BACK" and back["action"]["lookedBackAt"]["id"] == rid
    assert {t["id"] for t in back["action"]["targetAgencies"]} == {gid(COURT), gid(POLICE)}
    assert looking["stage"] == "LOOKING_BACK"
    result = concluded["concludeLookBack"]
    assert result["rectifiedIds"] == [one] and result["unrectifiedIds"] == [two]
    assert result["lookBack"] == {"status": "COMPLETED", "rectifiedCount": 1, "unrectifiedCount": 1}
    after = result["round"]
    assert after["action"]["status"] == "ONGOING" and after["action"]["rectifyBy"] == "2025-08-19"
    assert after["lookBacks"][0]["findingIds"] == result["newFindingIds"]
    # The item that uncovered the first finding uncovers the one found again.
    third_entry = next(e for e in after["checklist"] if e["item"]["id"] == third)
    assert set(result["newFindingIds"]) <= set(third_entry["findingIds"])
    assert listed == [{"action": {"id": rid}, "stage": "AWAITING_LOOK_BACK", "late": True}]


def test_the_second_look_back_completes_a_round_once_all_is_rectified(server: Server) -> None:
    write_scene(server.store)
    with (
        server.client("supervisor", "510100", subject="zhang") as c,
        server.client("supervisor", "510100", subject="li") as li,
    ):
        action = open_action(c, "POLITICAL_INSPECTION", [COMMISSION], [COURT], "2025-03-01")
        rid = action["action"]["id"]
        (item,) = data(c, ADD, round=rid, questions=["是否规范执法"])["addChecklistItems"]
        answer(c, item["id"], "NONCOMPLIANT", title="超期羁押", category="EXCESSIVE",
               severity="SERIOUS")  # fmt: skip
        version = read(c, rid)["action"]["version"]
        data(c, FEEDBACK, id=rid, version=version, on="2025-04-01", by="2025-05-01")
        first = data(c, LOOK, id=rid, version=version + 1, on="2025-05-02")["openLookBack"]
        once = data(c, CONCLUDE, id=first["action"]["id"], version=1, on="2025-05-10")
        again = once["concludeLookBack"]
        later = read(c, rid, today="2025-06-10")
        new_finding = again["newFindingIds"][0]
        rects = data(c, FINDING, id=new_finding)["node"]
        accept(c, li, rects["rectifications"][0]["id"])
        v = later["action"]["version"]
        second = data(c, LOOK, id=rid, version=v, on="2025-06-10")["openLookBack"]
        done = data(c, CONCLUDE, id=second["action"]["id"], version=1, on="2025-06-15")
    assert rects["severity"] == "GRAVE"  # 较重 found again is 严重
    assert later["stage"] == "AWAITING_LOOK_BACK" and later["action"]["rectifyBy"] == "2025-06-09"
    final = done["concludeLookBack"]
    # The first finding is superseded by the one found again, which is now rectified.
    assert final["rectifiedIds"] == [new_finding] and final["unrectifiedIds"] == []
    assert final["round"]["stage"] == "COMPLETED"
    assert final["round"]["action"]["status"] == "COMPLETED"


def test_a_round_that_finds_nothing_is_completed_by_its_feedback(server: Server) -> None:
    write_scene(server.store)
    with server.client("supervisor", "510100") as c:
        rid, items = opened(c)
        for item in items:
            answer(c, item, "COMPLIANT")
        version = read(c, rid)["action"]["version"]
        done = data(c, FEEDBACK, id=rid, version=version, on="2025-04-01")
        look = gql(c, LOOK, id=rid, version=version + 1)
        finish = gql(
            c, "mutation($id: ID!) { finishAction(actionId: $id, version: 6) { id } }", id=rid
        )
    assert done["issueInspectionFeedback"]["stage"] == "COMPLETED"
    assert done["issueInspectionFeedback"]["action"]["rectifyBy"] is None
    assert codes(look) == ["VALIDATION"] and codes(finish) == ["VALIDATION"]


def _fields(body: dict[str, Any]) -> list[str]:
    return [f["field"] for e in body["errors"] for f in e["extensions"].get("fields", [])]


def test_each_step_refuses_what_its_rules_forbid(server: Server) -> None:
    write_scene(server.store)
    with server.client("supervisor", "510100") as c:
        by_court = gql(
            c,
            """mutation($t: [ID!]!) { openAction(kind: POLITICAL_INSPECTION, title: "督察",
                 conductorIds: $t, targetIds: $t, startedOn: "2025-01-01") { joint } }""",
            t=[gid(COURT)],
        )
        rid, (first, second, third) = opened(c)
        twice = gql(c, ADD, round=rid, questions=["新增事项", QUESTIONS[0]])
        blank = gql(c, ADD, round=rid, questions=["  "])
        compliant_with_finding = answer(c, first, "COMPLIANT", title="问题")
        missing = answer(c, second, "NONCOMPLIANT", title="问题")
        stranger = answer(
            c, second, "NONCOMPLIANT", title="问题", category="WORK_STYLE", severity="MINOR",
            concerns=[gid("agency:cd-discipline")],
        )  # fmt: skip
        before_start = gql(c, ANSWER, item=third, result="COMPLIANT", on="2025-02-01")
        answer(c, first, "COMPLIANT")
        again = answer(c, first, "COMPLIANT")
        for item in (second, third):
            answer(c, item, "PARTLY", title="问题", category="WORK_STYLE", severity="MINOR")
        version = read(c, rid)["action"]["version"]
        stale = gql(c, FEEDBACK, id=rid, version=version - 1, on="2025-04-01")
        too_long = gql(c, FEEDBACK, id=rid, version=version, on="2025-04-01", by="2025-12-01")
        generic = gql(
            c,
            """mutation($r: ID!) { createChecklistItem(input: {question: "x", regionCode: "510100"})
                 { id } }""",
            r=rid,
        )
        feedback_field = gql(
            c,
            """mutation($id: ID!, $v: Int!) { updateSupervisionAction(id: $id, version: $v,
                 input: {rectifyBy: "2030-01-01"}) { id } }""",
            id=rid,
            v=version,
        )
    with server.client("supervisor", "510400") as other:
        outside = answer(other, third, "COMPLIANT")
    assert codes(by_court) == ["VALIDATION"] and _fields(by_court) == ["conductorIds.0"]
    assert _fields(twice) == ["questions.1"] and _fields(blank) == ["questions.0"]
    assert _fields(compliant_with_finding) == ["findingTitle"]
    assert set(_fields(missing)) == {"category", "severity"}
    assert _fields(stranger) == ["concernsIds.0"]
    assert _fields(before_start) == ["answeredOn"]
    assert _fields(again) == ["itemId"]
    assert codes(stale) == ["CONFLICT"]
    assert _fields(too_long) == ["rectifyBy"]
    assert codes(generic) == ["VALIDATION"] or "errors" in generic
    assert codes(feedback_field) == ["VALIDATION"] and _fields(feedback_field) == ["rectifyBy"]
    assert codes(outside) in (["FORBIDDEN"], ["NOT_FOUND"])
