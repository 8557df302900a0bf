"""Interventions under the three regulations over HTTP: recording (and its invalid inputs),
quarterly reports with zero reports, repeated interveners, interventions on flawed cases."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graph.model.validate import make_node
from schema.generic.ids import to_global
from tests.api.api_client import codes, data, gid, gql
from tests.api.api_harness import Server
from tests.worlds.petitioning import CD_COMMISSION, server_today, write_world
from tests.worlds.sample import link

RECORD = """
mutation(
  $case: ID!, $intervener: ID!, $recorder: ID!, $on: String!, $class: InterventionClass!
) {
  recordIntervention(
    caseId: $case, intervenerId: $intervener, recorderId: $recorder, occurredOn: $on,
    relation: SELF, manner: PHONE, classification: $class, request: "请关照",
    intervenerPost: "某局副局长"
  ) { record { id occurredOn classification stage regionCode } caseId intervenerId recorderId }
}"""
REPORTS = """
query($year: Int!, $quarter: Int!) {
  quarterlyReports(year: $year, quarter: $quarter) {
    agency { id } commissionId year quarter duty improper recordIds zero
  }
}"""
INTERVENERS = """
query($least: Int) {
  repeatedInterveners(minImproper: $least) { official { id } improper duty recordIds caseIds }
}"""
FLAWED = "{ interventionsOnFlawedCases { record { id } caseId intervenerId reviewId grade } }"
JUDGE, PZH = to_global("Official", "official:judge"), to_global("Official", "official:pzh")
# (case, intervener, day, classification): recorded by the court's judge or the police unit.
RECORDS = [
    ("case:cd-2", "official:pzh", "2021-05-10", "IMPROPER"),
    ("case:cd-2", "official:pzh", "2021-08-10", "IMPROPER"),
    ("case:cd-2", "official:petitioner", "2021-06-01", "DUTY"),
    ("case:cd-1", "official:pzh", "2021-10-05", "DUTY"),
]


def flawed_review() -> Any:
    return make_node(
        "SupervisionAction",
        "action:review",
        {
            "title": "评查",
            "kind": "CASE_REVIEW",
            "status": "COMPLETED",
            "region_code": "510100",
            "started_on": "2021-09-01",
            "ended_on": "2021-09-30",
            "grade": "不合格",
        },
    )


def record_all(server: Server) -> list[dict[str, Any]]:
    write_world(server.store, flawed_review(), rels=[link("TARGETS", "action:review", "case:cd-2")])
    with server.client("supervisor") as c:
        return [
            data(
                c,
                RECORD,
                case=gid(case),
                intervener=to_global("Official", who),
                recorder=gid("agency:cd-court") if case == "case:cd-2" else JUDGE,
                on=on,
                **{"class": cls},
            )["recordIntervention"]
            for case, who, on, cls in RECORDS
        ]


def test_a_recorded_intervention_is_attributed_to_the_case(server: Server) -> None:
    recorded = record_all(server)
    first = recorded[0]
    assert first["caseId"] == gid("case:cd-2") and first["intervenerId"] == PZH
    assert first["recorderId"] == gid("agency:cd-court")
    assert first["record"]["occurredOn"] == "2021-05-10"
    assert first["record"]["classification"] == "IMPROPER"
    # The record takes the case's stage and region.
    assert (first["record"]["stage"], first["record"]["regionCode"]) == ("TRIAL", "510100")


def test_quarterly_reports_cover_every_unit_zero_reports_included(server: Server) -> None:
    recorded = record_all(server)
    ids = [r["record"]["id"] for r in recorded]
    with server.client("viewer", "510100") as c:
        q2 = data(c, REPORTS, year=2021, quarter=2)["quarterlyReports"]
        q3 = data(c, REPORTS, year=2021, quarter=3)["quarterlyReports"]
        q4 = data(c, REPORTS, year=2021, quarter=4)["quarterlyReports"]
        bad = gql(c, REPORTS, year=2021, quarter=5)

    def table(reports: list[dict[str, Any]]) -> dict[str, tuple[Any, ...]]:
        return {
            r["agency"]["id"]: (
                r["commissionId"],
                r["duty"],
                r["improper"],
                r["recordIds"],
                r["zero"],
            )
            for r in reports
        }

    court, police = gid("agency:cd-court"), gid("agency:jj-police")
    assert table(q2) == {
        court: (gid(CD_COMMISSION), 1, 1, [ids[0], ids[2]], False),
        police: (None, 0, 0, [], True),
    }
    assert table(q3) == {
        court: (gid(CD_COMMISSION), 0, 1, [ids[1]], False),
        police: (None, 0, 0, [], True),
    }
    # case:cd-1 is handled by the police unit of 锦江区.
    assert table(q4) == {
        court: (gid(CD_COMMISSION), 0, 0, [], True),
        police: (None, 1, 0, [ids[3]], False),
    }
    assert {(r["year"], r["quarter"]) for r in q2} == {(2021, 2)}
    assert codes(bad) == ["VALIDATION"]
    assert bad["errors"][0]["extensions"]["fields"][0]["field"] == "quarter"


def test_repeated_interveners_are_officials_with_improper_interventions(server: Server) -> None:
    recorded = record_all(server)
    ids = [r["record"]["id"] for r in recorded]
    with server.client("viewer") as c:
        default = data(c, INTERVENERS)["repeatedInterveners"]
        strict = data(c, INTERVENERS, least=3)["repeatedInterveners"]
    with server.client("viewer", "510400") as c:
        elsewhere = data(c, INTERVENERS)["repeatedInterveners"]
    [found] = default
    assert (found["official"], found["improper"], found["duty"]) == ({"id": PZH}, 2, 1)
    assert sorted(found["recordIds"]) == sorted([ids[0], ids[1], ids[3]])
    assert sorted(found["caseIds"]) == sorted([gid("case:cd-1"), gid("case:cd-2")])
    assert strict == [] and elsewhere == []


def test_interventions_before_a_flawed_grade_are_listed(server: Server) -> None:
    recorded = record_all(server)
    with server.client("viewer") as c:
        found = data(c, FLAWED)["interventionsOnFlawedCases"]
    before_review = [r for r in recorded if r["caseId"] == gid("case:cd-2")]
    assert [(f["record"]["id"], f["intervenerId"]) for f in found] == [
        (r["record"]["id"], r["intervenerId"])
        for r in sorted(before_review, key=lambda r: r["record"]["occurredOn"])
    ]
    assert {(f["caseId"], f["reviewId"], f["grade"]) for f in found} == {
        (gid("case:cd-2"), gid("action:review"), "不合格")
    }


def test_invalid_records_are_refused_and_change_nothing(server: Server) -> None:
    write_world(server.store)
    later = (server_today() + dt.timedelta(days=2)).isoformat()
    writes = server.store.calls["write"]
    base = {"case": gid("case:cd-2"), "on": "2021-05-10", "class": "IMPROPER"}
    with server.client("supervisor") as c:
        himself = gql(c, RECORD, intervener=JUDGE, recorder=JUDGE, **base)
        future = gql(c, RECORD, intervener=PZH, recorder=JUDGE, **{**base, "on": later})
        not_a_recorder = gql(c, RECORD, intervener=PZH, recorder=gid("case:cd-1"), **base)
    with server.client("supervisor", "510400") as c:
        hidden = gql(c, RECORD, intervener=PZH, recorder=gid("agency:pzh-court"), **base)

    def field(body: dict[str, Any]) -> str:
        return str(body["errors"][0]["extensions"]["fields"][0]["field"])

    assert codes(himself) == ["VALIDATION"] and field(himself) == "recorderId"
    assert codes(future) == ["VALIDATION"] and field(future) == "occurredOn"
    assert codes(not_a_recorder) == ["VALIDATION"] and field(not_a_recorder) == "recorderId"
    assert codes(hidden) == ["NOT_FOUND"]
    assert server.store.calls["write"] == writes
