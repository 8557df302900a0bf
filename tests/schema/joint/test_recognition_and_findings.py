"""Mutual recognition and what follows a finding, over HTTP: recognitions listed with their
body, scope and date; reusable findings within a window; duplicate inspections; the
rectification lifecycle; accountability; masking, permissions and jurisdiction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from graph.model.enums import AccountabilityMeasure
from schema.generic.ids import to_global
from tests.api.api_client import codes, data, gid, gql
from tests.api.api_harness import Server
from tests.worlds.joint import (
    COURT,
    RECOGNIZE,
    RECORD_FINDING,
    open_action,
    record_finding,
    write_scene,
)
from tests.worlds.sample import PERSONAL

FOUND_ON = "2024-01-21"
ABOUT = """
query($target: ID!) {
  findingsAbout(targetId: $target) {
    finding { id foundOn }
    actionId mode conductorIds
    concerns { id ... on Official { idNumber phone } }
    recognitions { byId by { id } byKind scope recognizedOn }
  }
}"""
REUSABLE = """
query($action: ID!, $window: Int!) {
  reusableFindings(actionId: $action, windowDays: $window) { finding { id } mode }
}"""
DUPLICATES = """
query($window: Int!) {
  duplicateInspections(windowDays: $window) {
    target { id } actionIds modes findingIds firstDay lastDay recommendation reason
  }
}"""


@dataclass(frozen=True)
class Inspected:
    political: str
    inspection: str
    finding: str


def inspect(server: Server) -> Inspected:
    """A political inspection and a law-enforcement inspection of the court that overlap,
    and the political inspection's finding about the court and a judge."""
    write_scene(server.store)
    with server.client("supervisor") as c:
        political = open_action(
            c, "POLITICAL_INSPECTION", ["agency:sc-commission"], [COURT], "2024-01-10", "2024-01-20"
        )["action"]["id"]
        inspection = open_action(
            c, "INSPECTION", ["agency:cd-commission"], [COURT], "2024-01-15", "2024-01-25"
        )["action"]["id"]
        finding = record_finding(c, political, [COURT, "official:judge"], FOUND_ON)["id"]
    return Inspected(political, inspection, finding)


def recognize(c: Any, finding: str, by: str, on: str | None = None) -> dict[str, Any]:
    return gql(c, RECOGNIZE, finding=finding, by=by, on=on)


def test_a_recognition_is_listed_with_its_body_scope_and_date(server: Server) -> None:
    scene = inspect(server)
    with server.client("supervisor") as c:
        recognised = data(
            c, RECOGNIZE, finding=scene.finding, by=gid("agency:cd-discipline"), on="2024-02-01"
        )["recognizeFinding"]
        about_court = data(c, ABOUT, target=gid(COURT))["findingsAbout"]
        about_judge = data(c, ABOUT, target=to_global("Official", "official:judge"))
        about_other = data(c, ABOUT, target=to_global("Official", "official:pzh"))
    with server.client("viewer", "510400") as c:
        hidden = gql(c, ABOUT, target=gid(COURT))
    recognition = {
        "byId": gid("agency:cd-discipline"),
        "by": {"id": gid("agency:cd-discipline")},
        "byKind": "Agency",
        "scope": "政治督察、执法监督结果互认",
        "recognizedOn": "2024-02-01",
    }
    assert recognised == {"finding": {"id": scene.finding}, "recognitions": [recognition]}
    [record] = about_court
    assert record["finding"] == {"id": scene.finding, "foundOn": FOUND_ON}
    assert (record["actionId"], record["mode"]) == (scene.political, "POLITICAL_INSPECTION")
    assert record["conductorIds"] == [gid("agency:sc-commission")]
    assert sorted(x["id"] for x in record["concerns"]) == sorted(
        [gid(COURT), to_global("Official", "official:judge")]
    )
    assert record["recognitions"] == [recognition]
    assert about_judge["findingsAbout"] == about_court
    assert about_other["findingsAbout"] == []
    assert codes(hidden) == ["NOT_FOUND"]


def test_what_a_finding_concerns_is_masked_for_a_role_without_personal_data(
    server: Server,
) -> None:
    inspect(server)
    with server.client("viewer") as c:
        masked = data(c, ABOUT, target=gid(COURT))["findingsAbout"][0]["concerns"]
    with server.client("investigator") as c:
        plain = data(c, ABOUT, target=gid(COURT))["findingsAbout"][0]["concerns"]
    number, phone = PERSONAL["id_number"], PERSONAL["phone"]
    judge = to_global("Official", "official:judge")
    assert [x for x in masked if x["id"] == judge] == [
        {
            "id": judge,
            "idNumber": number[:4] + "*" * (len(number) - 8) + number[-4:],
            "phone": phone[:3] + "*" * (len(phone) - 7) + phone[-4:],
        }
    ]
    assert [x for x in plain if x["id"] == judge] == [
        {"id": judge, "idNumber": number, "phone": phone}
    ]


def test_reusable_findings_are_those_made_within_the_window_before_the_action(
    server: Server,
) -> None:
    scene = inspect(server)
    start = "2024-08-01"
    gap = (dt.date.fromisoformat(start) - dt.date.fromisoformat(FOUND_ON)).days
    with server.client("supervisor") as c:
        planned = open_action(
            c,
            "DISCIPLINE_PATROL",
            ["agency:cd-commission", "agency:cd-discipline"],
            [COURT],
            start,
        )["action"]["id"]
        within = data(c, REUSABLE, action=planned, window=gap)["reusableFindings"]
        outside = data(c, REUSABLE, action=planned, window=gap - 1)["reusableFindings"]
        negative = gql(c, REUSABLE, action=planned, window=-1)
        data(c, RECOGNIZE, finding=scene.finding, by=planned)
        reused = data(c, REUSABLE, action=planned, window=gap)["reusableFindings"]
    assert within == [{"finding": {"id": scene.finding}, "mode": "POLITICAL_INSPECTION"}]
    assert outside == []
    assert codes(negative) == ["VALIDATION"]
    assert negative["errors"][0]["extensions"]["fields"][0]["field"] == "windowDays"
    assert reused == []


def test_duplicate_inspections_pair_two_modes_on_one_target_until_one_recognises(
    server: Server,
) -> None:
    scene = inspect(server)
    with server.client("supervisor") as c:
        patrol = open_action(
            c, "PATROL", ["agency:cd-commission"], ["agency:jj-police"], "2024-03-01", "2024-03-05"
        )["action"]["id"]
        visit = open_action(
            c, "VISIT", ["agency:cd-commission"], ["agency:jj-police"], "2024-03-20", "2024-03-22"
        )["action"]["id"]
        overlapping = data(c, DUPLICATES, window=0)["duplicateInspections"]
        gap = (dt.date(2024, 3, 20) - dt.date(2024, 3, 5)).days
        near = data(c, DUPLICATES, window=gap)["duplicateInspections"]
        data(c, RECOGNIZE, finding=scene.finding, by=scene.inspection)
        after = data(c, DUPLICATES, window=0)["duplicateInspections"]
    with server.client("viewer", "510400") as c:
        elsewhere = data(c, DUPLICATES, window=gap)["duplicateInspections"]
    court = {
        "target": {"id": gid(COURT)},
        "actionIds": [scene.political, scene.inspection],
        "modes": ["POLITICAL_INSPECTION", "INSPECTION"],
        "findingIds": [scene.finding],
        "firstDay": "2024-01-10",
        "lastDay": "2024-01-25",
        "recommendation": "JOINT",
    }
    assert [{k: v for k, v in d.items() if k != "reason"} for d in overlapping] == [court]
    assert "政治督察" in overlapping[0]["reason"] and "执法检查" in overlapping[0]["reason"]
    police = [d for d in near if d["target"]["id"] == gid("agency:jj-police")]
    assert [(d["actionIds"], d["recommendation"]) for d in police] == [
        ([patrol, visit], "RECOGNIZE")
    ]
    assert after == []
    assert elsewhere == []


def test_recognition_is_refused_without_the_permission_the_jurisdiction_or_a_valid_body(
    server: Server,
) -> None:
    scene = inspect(server)
    head = server.store.audit_head()
    with server.client("viewer") as c:
        viewer = recognize(c, scene.finding, gid("agency:cd-discipline"))
    with server.client("supervisor", "510400") as c:
        elsewhere = recognize(c, scene.finding, gid("agency:pzh-court"))
    with server.client("supervisor", "510100") as c:
        hidden_body = recognize(c, scene.finding, gid("agency:pzh-court"))
        hidden_action = recognize(c, scene.finding, scene.political)
    with server.client("supervisor") as c:
        own = recognize(c, scene.finding, scene.political)
        early = recognize(c, scene.finding, scene.inspection, "2024-01-01")
        refused_head = server.store.audit_head()  # (reading personal data below is recorded)
        after = data(c, ABOUT, target=gid(COURT))["findingsAbout"]
    assert codes(viewer) == ["FORBIDDEN"]
    assert codes(elsewhere) == ["NOT_FOUND"]
    assert codes(own) == codes(early) == ["VALIDATION"]
    assert own["errors"][0]["extensions"]["fields"][0]["field"] == "byId"
    assert early["errors"][0]["extensions"]["fields"][0]["field"] == "recognizedOn"
    assert codes(hidden_body) == codes(hidden_action) == ["NOT_FOUND"]
    assert after[0]["recognitions"] == []
    assert refused_head == head


ORDER = """
mutation($finding: ID!, $unit: ID!, $deadline: String!) {
  orderRectification(findingId: $finding, responsibleAgencyId: $unit, deadline: $deadline) {
    rectification { id version status deadline regionCode } findingId responsibleAgencyId alert
  }
}"""
MOVE = """
mutation($id: ID!, $version: Int!, $move: RectificationMove!) {
  moveRectification(rectificationId: $id, version: $version, move: $move, note: "按期整改") {
    rectification { version status submittedOn }
  }
}"""
READ_BACK = "query($id: ID!) { node(id: $id) { version ... on Rectification { status } } }"


def test_a_rectification_is_ordered_and_moved_and_a_bad_move_changes_nothing(
    server: Server,
) -> None:
    scene = inspect(server)
    with server.client("supervisor") as c:
        past = gql(c, ORDER, finding=scene.finding, unit=gid(COURT), deadline="2024-01-01")
        ordered = data(c, ORDER, finding=scene.finding, unit=gid(COURT), deadline="2099-06-30")
        item = ordered["orderRectification"]
        rid = item["rectification"]["id"]
        started = data(c, MOVE, id=rid, version=1, move="START")["moveRectification"]
        head = server.store.audit_head()
        invalid = gql(c, MOVE, id=rid, version=2, move="CLOSE")
        stale = gql(c, MOVE, id=rid, version=1, move="SUBMIT")
        unchanged = data(c, READ_BACK, id=rid)["node"]
        unchanged_head = server.store.audit_head()
        submitted = data(c, MOVE, id=rid, version=2, move="SUBMIT")["moveRectification"]
    with server.client("supervisor", "510400") as c:
        elsewhere = gql(c, MOVE, id=rid, version=3, move="ACCEPT")
    assert codes(past) == ["VALIDATION"]
    assert past["errors"][0]["extensions"]["fields"][0]["field"] == "deadline"
    assert item["findingId"] == scene.finding and item["responsibleAgencyId"] == gid(COURT)
    assert item["rectification"]["status"] == "ISSUED" and item["alert"] is None
    assert item["rectification"]["regionCode"] == "510100"
    assert started["rectification"]["status"] == "IN_PROGRESS"
    assert codes(invalid) == ["INVALID_TRANSITION"]
    assert invalid["errors"][0]["extensions"]["state"] == "IN_PROGRESS"
    assert codes(stale) == ["CONFLICT"]
    assert unchanged == {"version": 2, "status": "IN_PROGRESS"}
    assert unchanged_head == head
    assert submitted["rectification"]["status"] == "SUBMITTED"
    assert submitted["rectification"]["submittedOn"] is not None
    assert codes(elsewhere) == ["NOT_FOUND"]


HOLD = """
mutation($finding: ID!, $against: ID!, $on: String) {
  holdAccountable(findingId: $finding, againstId: $against, measure: CLUE_TRANSFER,
                  decidedOn: $on) {
    id measure measureLabel decidedOn regionCode
  }
}"""


def test_accountability_follows_a_finding_and_not_before_it(server: Server) -> None:
    scene = inspect(server)
    judge = to_global("Official", "official:judge")
    with server.client("supervisor") as c:
        early = gql(c, HOLD, finding=scene.finding, against=judge, on="2024-01-01")
        held = data(c, HOLD, finding=scene.finding, against=judge, on="2024-02-01")
        listed = data(c, "{ accountabilities { totalCount nodes { id } } }")
    measure = held["holdAccountable"]
    assert codes(early) == ["VALIDATION"]
    assert early["errors"][0]["extensions"]["fields"][0]["field"] == "decidedOn"
    assert {k: v for k, v in measure.items() if k != "id"} == {
        "measure": "CLUE_TRANSFER",
        "measureLabel": AccountabilityMeasure.CLUE_TRANSFER.label,
        "decidedOn": "2024-02-01",
        "regionCode": "510100",
    }
    assert listed["accountabilities"] == {"totalCount": 1, "nodes": [{"id": measure["id"]}]}


def test_a_finding_may_not_lie_outside_the_jurisdiction_even_about_a_shared_case(
    server: Server,
) -> None:
    scene = inspect(server)
    head = server.store.audit_head()
    with server.client("supervisor", "510100") as c:
        shared = data(c, "query($id: ID!) { node(id: $id) { id } }", id=gid("case:cq-1"))
        refused = gql(
            c,
            RECORD_FINDING,
            action=scene.inspection,
            concerns=[gid("case:cq-1")],
            on="2024-01-20",
        )
    assert shared["node"] == {"id": gid("case:cq-1")}
    assert codes(refused) == ["FORBIDDEN"]
    assert server.store.audit_head() == head
