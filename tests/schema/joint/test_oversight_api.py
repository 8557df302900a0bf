"""Common problems, the inspection plan and the meeting schedule over HTTP, on both stores:
the answers as the use cases give them, scoped to the caller, and the refusals."""

from __future__ import annotations

from schema.generic.ids import to_global
from tests.api.api_client import codes, data, gql
from tests.api.api_harness import Server
from tests.workflows.joint.test_oversight import _found
from tests.worlds.county_court import build
from workflows.joint import findings

PROBLEMS = """
query($by: ProblemGrouping!) {
  commonProblems(by: $by) { by counts { group category findings }
    categories { category units common typicalIds } }
}"""
PLAN = """
query($id: ID!) {
  inspectionPlan(commissionId: $id, year: 2025) { unit { name } weight reasons }
}"""
ADOPT = """
mutation($id: ID!) {
  adoptInspectionPlan(commissionId: $id, year: 2025) { title kind status regionCode }
}"""
MEETINGS = '{ meetingSchedule(today: "2024-10-01") { commission { name } kind daysOverdue } }'


def test_oversight_over_http(server: Server) -> None:
    build(server.store)
    _found(server.store, "2024-02-01", ["court:510104"], "EXCESSIVE", "GRAVE")
    _found(server.store, "2024-03-01", ["court:510104"], "EXCESSIVE", "SERIOUS")
    _found(server.store, "2024-03-02", ["court:510703"], "PROCEDURAL")
    province = to_global("Agency", "commission:510000")
    with server.client("supervisor", "510000") as c:
        by_unit = data(c, PROBLEMS, by="UNIT")["commonProblems"]
        plan = data(c, PLAN, id=province)["inspectionPlan"]
        adopted = data(c, ADOPT, id=province)["adoptInspectionPlan"]
        meetings = data(c, MEETINGS)["meetingSchedule"]
        bad = gql(c, PROBLEMS, by="WEEK")
        bad_year = gql(
            c,
            "query($id: ID!) { inspectionPlan(commissionId: $id, year: 3000) { weight } }",
            id=province,
        )
    with server.client("viewer", "510700") as c:
        theirs = data(c, PROBLEMS, by="REGION")["commonProblems"]
        hidden = gql(c, PLAN, id=province)
    with server.client("viewer", "510000") as c:
        read_only = gql(c, ADOPT, id=province)
    assert by_unit["counts"][0] == {
        "group": to_global("Agency", "court:510104"),
        "category": "EXCESSIVE",
        "findings": 2,
    }
    assert [c["category"] for c in by_unit["categories"]] == ["EXCESSIVE", "PROCEDURAL"]
    assert plan == [
        {"unit": {"name": "锦江区人民法院"}, "weight": 5, "reasons": ["2024年问题权重5(≥5)"]}
    ]
    assert adopted == [
        {
            "title": "2025年度对锦江区人民法院的执法检查",
            "kind": "INSPECTION",
            "status": "PLANNED",
            "regionCode": "510104",
        }
    ]
    assert {(m["commission"]["name"], m["kind"]) for m in meetings} >= {
        ("四川省委政法委", "SUPERVISION")
    }
    assert "data" not in bad and "ProblemGrouping" in bad["errors"][0]["message"]
    assert codes(bad_year) == ["VALIDATION"]
    assert theirs["counts"] == [{"group": "510700", "category": "PROCEDURAL", "findings": 1}]
    assert codes(hidden) == ["NOT_FOUND"]
    assert codes(read_only) == ["FORBIDDEN"]


ESCALATIONS = """
query { rectificationEscalations(today: "2024-04-01") {
  rectification { id } unit { name } guide { name } coordinator { name } daysOverdue } }"""
ESCALATE = """
mutation { escalateRectifications(today: "2024-04-01") {
  rectification { escalatedOn escalatedTo } } }"""


def test_escalation_over_http(server: Server) -> None:
    build(server.store)
    finding = _found(server.store, "2024-01-02", ["court:510104"], "WORK_STYLE")
    findings.order_rectification(
        store=server.store,
        actor="t",
        today="2024-01-05",
        finding_id=finding,
        responsible_agency_id="court:510104",
        deadline="2024-03-01",
    )
    with server.client("viewer", "510100") as c:
        pending = data(c, ESCALATIONS)["rectificationEscalations"]
        refused = gql(c, ESCALATE)
    with server.client("supervisor", "510700") as c:
        elsewhere = data(c, ESCALATIONS)["rectificationEscalations"]
    with server.client("supervisor", "510100") as c:
        done = data(c, ESCALATE)["escalateRectifications"]
    assert [(p["unit"]["name"], p["guide"]["name"], p["coordinator"]["name"]) for p in pending] == [
        ("锦江区人民法院", "成都市中级人民法院", "锦江区委政法委")
    ]
    assert pending[0]["daysOverdue"] == 31
    assert codes(refused) == ["FORBIDDEN"]
    assert elsewhere == []
    assert done == [
        {
            "rectification": {
                "escalatedOn": "2024-04-01",
                # Store ids, as every list property of a node reads.
                "escalatedTo": ["court:510100", "commission:510104"],
            }
        }
    ]


DUTY = """
mutation($agency: ID!) {
  defineDuty(agencyId: $agency, title: "依法按期审结案件") { id regionCode }
}"""
CITE = """
mutation($finding: ID!, $duty: ID!) {
  citeInFinding(findingId: $finding, dutyIds: [$duty]) { id breachedDuties { title } } }"""
BREACHES = "{ dutyBreaches { duty { title } agencyId findingIds } }"


def test_duties_and_breaches_over_http(server: Server) -> None:
    build(server.store)
    finding = _found(server.store, "2024-02-01", ["court:510104"], "PROCEDURAL")
    with server.client("supervisor", "510100") as c:
        duty = data(c, DUTY, agency=to_global("Agency", "court:510104"))["defineDuty"]
        cited = data(c, CITE, finding=to_global("Finding", finding), duty=duty["id"])
        breaches = data(c, BREACHES)["dutyBreaches"]
        elsewhere = gql(c, DUTY, agency=to_global("Agency", "court:510703"))
    with server.client("viewer", "510700") as c:
        hidden = data(c, BREACHES)["dutyBreaches"]
    assert duty["regionCode"] == "510104"
    assert cited["citeInFinding"]["breachedDuties"] == [{"title": "依法按期审结案件"}]
    assert breaches == [
        {
            "duty": {"title": "依法按期审结案件"},
            "agencyId": to_global("Agency", "court:510104"),
            "findingIds": [to_global("Finding", finding)],
        }
    ]
    assert codes(elsewhere) == ["NOT_FOUND"]
    assert hidden == []


REPORT = """
mutation($body: ID!, $who: [ID!]!) {
  registerReport(number: "JJ-1", disciplineId: $body, officialIds: $who, receivedOn: "2024-01-02") {
    report { id version dueOn status } officialIds } }"""
CONCLUDE = """
mutation($id: ID!) {
  concludeReport(reportId: $id, version: 1, outcome: FALSE) { report { status } clearanceIds } }"""
OVERDUE = '{ overdueReports(today: "2024-06-30") { number } }'


def test_reports_and_clearance_over_http(server: Server) -> None:
    build(server.store)
    with server.client("supervisor", "510100") as c:
        filed = data(
            c,
            REPORT,
            body=to_global("Agency", "discipline:510100"),
            who=[to_global("Official", "judge:a")],
        )["registerReport"]
        overdue = data(c, OVERDUE)["overdueReports"]
        done = data(c, CONCLUDE, id=filed["report"]["id"])["concludeReport"]
    with server.client("viewer", "510700") as c:
        elsewhere = data(c, OVERDUE)["overdueReports"]
    assert (filed["report"]["dueOn"], filed["report"]["status"]) == ("2024-04-01", "RECEIVED")
    assert overdue == [{"number": "JJ-1"}] and elsewhere == []
    assert done["report"]["status"] == "FALSE" and len(done["clearanceIds"]) == 1
