"""Who does the work and who checks it, over HTTP (issue 13): a unit with an agency token
reports on its own rectification and cannot accept it; one person never both submits and
accepts; every way of moving the lifecycle obeys the same rule; ``myWork`` lists what is
assigned to the caller's agency."""

from __future__ import annotations

from typing import Any

from tests.api.api_client import attach_report, codes, data, gid, gql
from tests.api.api_harness import Server
from tests.schema.joint.test_recognition_and_findings import MOVE, ORDER, inspect
from tests.worlds.joint import COURT

COMMISSION = "agency:cd-commission"
GENERIC = """
mutation($id: ID!, $version: Int!, $move: RectificationMove!) {
  transitionRectification(id: $id, version: $version, move: $move) { version status }
}"""
MY_WORK = '{ myWork(today: "2099-06-25") { node { id } due alert responsibleIds } }'


def ordered(server: Server) -> str:
    """A finding about the Chengdu court, and a rectification the court must carry out."""
    scene = inspect(server)
    with server.client("supervisor", subject="commission-staff") as c:
        item = data(c, ORDER, finding=scene.finding, unit=gid(COURT), deadline="2099-06-30")
        rid: str = item["orderRectification"]["rectification"]["id"]
        # The report the unit's work is checked against (an acceptance needs it).
        attach_report(c, rid)
    return rid


def move(c: Any, rid: str, version: int, step: str, query: str = MOVE) -> dict[str, Any]:
    result: dict[str, Any] = gql(c, query, id=rid, version=version, move=step)
    return result


def test_a_unit_reports_on_its_own_rectification_and_cannot_accept_it(server: Server) -> None:
    rid = ordered(server)
    with server.client("supervisor", "510100", agency=COURT) as court:
        me = data(court, "{ me { agencyId } }")["me"]
        work = data(court, MY_WORK)["myWork"]
        submitted = move(court, rid, 1, "SUBMIT")
        accepted = move(court, rid, 2, "ACCEPT")
        generic = move(court, rid, 2, "ACCEPT", GENERIC)
    with server.client("supervisor", "510100", agency=COMMISSION) as commission:
        theirs = data(commission, MY_WORK)["myWork"]
        checked = move(commission, rid, 2, "ACCEPT")
    assert me == {"agencyId": gid(COURT)}
    assert [(w["node"]["id"], w["alert"], w["responsibleIds"]) for w in work] == [
        (rid, "WARNING", [gid(COURT)])
    ]
    assert "errors" not in submitted
    assert codes(accepted) == codes(generic) == ["FORBIDDEN"]
    assert theirs == []
    assert checked["data"]["moveRectification"]["rectification"]["status"] == "ACCEPTED"


def test_another_unit_does_not_report_on_a_rectification_not_its_own(server: Server) -> None:
    rid = ordered(server)
    with server.client("supervisor", "510100", agency=COMMISSION) as commission:
        refused = move(commission, rid, 1, "SUBMIT")
        generic = move(commission, rid, 1, "SUBMIT", GENERIC)
    assert codes(refused) == codes(generic) == ["FORBIDDEN"]


def test_one_person_never_both_submits_and_accepts(server: Server) -> None:
    rid = ordered(server)
    with server.client("supervisor", subject="zhang") as zhang:
        submitted = move(zhang, rid, 1, "SUBMIT")
        own = move(zhang, rid, 2, "ACCEPT")
        generic = move(zhang, rid, 2, "ACCEPT", GENERIC)
    with server.client("supervisor", subject="li") as li:
        checked = move(li, rid, 2, "ACCEPT")
    assert "errors" not in submitted
    assert codes(own) == codes(generic) == ["FORBIDDEN"]
    assert checked["data"]["moveRectification"]["rectification"]["status"] == "ACCEPTED"


def test_my_work_needs_a_token_that_names_an_agency(server: Server) -> None:
    ordered(server)
    with server.client("supervisor", "510100") as c:
        refused = gql(c, MY_WORK)
    assert codes(refused) == ["VALIDATION"]
    assert refused["errors"][0]["extensions"]["fields"][0]["field"] == "agency"
