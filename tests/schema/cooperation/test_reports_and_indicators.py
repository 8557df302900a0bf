"""The cooperation report and the indicators over HTTP on the 1,000-case demo, both
backends: the report's data equal to what ``reports.cooperation`` computes for the period and
spot-checked against a plain scan; indicator trees checked against the scan; who may
evaluate which region; bad input named by field."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from graph.model.enums import NodeKind, RelType
from graph.model.records import Node
from graph.store import GraphStore
from reports.cooperation import CooperationReport, cooperation_report
from reports.indicators import IndicatorValue
from schema.generic.ids import from_global
from tests.api.api_client import codes, data, gql
from tests.api.api_harness import Server
from tests.schema.cooperation.demo_scan import END, YEAR, Scan, api, demo, during, scan

__all__ = ["api", "demo", "scan"]  # the module's fixtures

AGREEMENT = "storeId tier signedOn caseCount actionCount meetingCount"
COUNT = "key value"
EVALUATION = """
region { code level } period { from to } total rank
indicators { code level parentCode childCodes weight referenceLow referenceHigh polarity
             value numerator denominator score inRange rank }"""
REPORT = f"""
query($from: String!, $to: String!) {{ cooperationReport(from: $from, to: $to) {{
  period {{ from to }} sources
  summary {{ key label value unit }}
  agreements {{
    inForce {{ {AGREEMENT} }} signed {{ {AGREEMENT} }}
    byTier {{ {COUNT} }} byLevelPair {{ {COUNT} }} byDomain {{ {COUNT} }}
    byMechanism {{ {COUNT} label }} signedByYear {{ year tiers {{ {COUNT} }} }}
  }}
  meetings {{
    meetings {{ id heldOn kind attendees {{ id }} decisions decidedActionIds }}
    byKind {{ {COUNT} }} decisions decidedAgreements decidedActions
  }}
  actions {{
    crossRegion {{ id kind status conductors {{ id side }} agreementIds findings }}
    jointBySide {{ {COUNT} }} jointByKind {{ {COUNT} }} crossRegionFindings
  }}
  crossRegion {{
    bySide {{ side filed closed open covered underAgreement byKind {{ {COUNT} }} }}
    pairs {{ sichuan {{ code }} chongqing {{ code }} caseCount uncoveredCount }}
    gaps {{ sichuan {{ code }} chongqing {{ code }} cases {{ id }} }}
    cases {{ id caseNumber kind stage filedOn closedOn side covered agreementIds }}
  }}
  recognitions {{
    recognitions {{ findingId byStoreId recognizedOn crossRegion by {{ id }} }}
    crossRegion {{ findingId }} byScope {{ {COUNT} }}
  }}
  rectification {{ side issued due onTime late openOverdue overdueAtEnd onTimeRate }}
  indicators {{
    sides {{ {EVALUATION} }} quarters {{ region {{ code }} period {{ from to }} total }}
    grades {{ side grades {{ {COUNT} }} }}
  }}
  network {{
    analytics {{
      asOf agencies {{ agency {{ id }} degree betweenness }} bridges {{ agreementIds }}
    }}
    frameworkIds links {{ sichuanCode chongqingCode domains }}
    coverage {{ kind level rows columns covered }}
  }}
  timeline {{ day kind id }}
  annexes {{ title headers rows }}
}} }}"""
INDICATORS = f"""
query($region: String!, $from: String!, $to: String!) {{
  indicatorEvaluation(region: $region, from: $from, to: $to) {{ {EVALUATION} }}
}}"""
COMPARE = f"""
query($regions: [String!]!, $periods: [ReportPeriodInput!]!, $rank: Boolean!) {{
  compareIndicators(regions: $regions, periods: $periods, rank: $rank) {{
    ranked evaluations {{ {EVALUATION} }}
  }}
}}"""
PERIOD = {"from": YEAR[0], "to": YEAR[1]}


def store_id(global_id: str) -> str:
    return from_global(global_id, "id")[1]


def store_ids(global_ids: list[str]) -> list[str]:
    return [store_id(g) for g in global_ids]


def pairs(counts: list[dict[str, Any]]) -> list[tuple[str, int]]:
    return [(c["key"], c["value"]) for c in counts]


def indicator_rows(values: list[IndicatorValue]) -> list[tuple[Any, ...]]:
    return [
        (v.code, v.level.name, v.weight, v.value, v.numerator, v.denominator, v.score, v.rank)
        for root in values
        for v in root.walk()
    ]


def graphql_indicator_rows(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [
        (
            r["code"],
            r["level"],
            r["weight"],
            r["value"],
            r["numerator"],
            r["denominator"],
            r["score"],
            r["rank"],
        )
        for r in rows
    ]


def test_the_report_is_the_data_of_the_report_command(api: Server, demo: GraphStore) -> None:
    with api.client("viewer", "510000") as c:
        got = data(c, REPORT, **PERIOD)["cooperationReport"]
    r: CooperationReport = cooperation_report(demo, date_from=YEAR[0], date_to=YEAR[1])

    assert got["period"] == PERIOD and got["sources"] == list(r.sources)
    assert [(f["key"], f["label"], f["value"], f["unit"]) for f in got["summary"]] == [
        (f.key, f.label, f.value, f.unit) for f in r.summary
    ]
    a = got["agreements"]
    assert [x["storeId"] for x in a["inForce"]] == [x.id for x in r.agreements.in_force]
    assert [x["storeId"] for x in a["signed"]] == [x.id for x in r.agreements.signed]
    assert [x["caseCount"] for x in a["inForce"]] == [x.cases for x in r.agreements.in_force]
    for name, counted in (
        ("byTier", r.agreements.by_tier),
        ("byLevelPair", r.agreements.by_level_pair),
        ("byDomain", r.agreements.by_domain),
        ("byMechanism", r.agreements.by_mechanism),
    ):
        assert pairs(a[name]) == [(x.key, x.value) for x in counted]
    assert [(y["year"], pairs(y["tiers"])) for y in a["signedByYear"]] == [
        (y.year, [(t.key, t.value) for t in y.tiers]) for y in r.agreements.signed_by_year
    ]

    m = got["meetings"]
    assert store_ids([x["id"] for x in m["meetings"]]) == [x.id for x in r.meetings.meetings]
    assert (m["decisions"], m["decidedAgreements"], m["decidedActions"]) == (
        r.meetings.decisions,
        r.meetings.decided_agreements,
        r.meetings.decided_actions,
    )
    assert pairs(m["byKind"]) == [(x.key, x.value) for x in r.meetings.by_kind]

    act = got["actions"]
    assert store_ids([x["id"] for x in act["crossRegion"]]) == [
        x.id for x in r.actions.cross_region
    ]
    assert act["crossRegionFindings"] == r.actions.cross_region_findings
    assert pairs(act["jointBySide"]) == [(x.key, x.value) for x in r.actions.joint_by_side]

    cross = got["crossRegion"]
    assert [
        (s["side"], s["filed"], s["closed"], s["open"], s["covered"], s["underAgreement"])
        for s in cross["bySide"]
    ] == [
        (s.side.name, s.filed, s.closed, s.open, s.covered, s.under_agreement)
        for s in r.cross_region.by_side
    ]
    assert store_ids([x["id"] for x in cross["cases"]]) == [x.id for x in r.cross_region.cases]
    assert [(p["sichuan"]["code"], p["chongqing"]["code"]) for p in cross["gaps"]] == [
        (p.sichuan.code, p.chongqing.code) for p in r.cross_region.gaps
    ]
    assert [(p["caseCount"], p["uncoveredCount"]) for p in cross["pairs"]] == [
        (len(p.cases), len(p.uncovered)) for p in r.cross_region.pairs
    ]

    rec = got["recognitions"]
    assert [(x["byStoreId"], x["recognizedOn"]) for x in rec["recognitions"]] == [
        (x.by, x.recognized_on) for x in r.recognitions.recognitions
    ]
    assert len(rec["crossRegion"]) == len(r.recognitions.cross_region)

    fields = ("side", "issued", "due", "onTime", "late", "openOverdue", "overdueAtEnd")
    assert [tuple(x[k] for k in (*fields, "onTimeRate")) for x in got["rectification"]] == [
        (
            x.side.name,
            x.issued,
            x.due,
            x.on_time,
            x.late,
            x.open_overdue,
            x.overdue_at_end,
            x.on_time_rate,
        )
        for x in r.rectification
    ]

    ind = got["indicators"]
    for side, evaluation in zip(ind["sides"], r.indicators.sides, strict=True):
        assert side["region"]["code"] == evaluation.area.code
        assert side["total"] == evaluation.total
        assert graphql_indicator_rows(side["indicators"]) == indicator_rows(
            list(evaluation.indicators)
        )
    assert [(q["region"]["code"], q["period"]["from"], q["total"]) for q in ind["quarters"]] == [
        (q.area.code, q.period.date_from, q.total) for q in r.indicators.quarters
    ]

    net = got["network"]
    assert [
        (store_id(x["agency"]["id"]), x["degree"], x["betweenness"])
        for x in net["analytics"]["agencies"]
    ] == [(x.agency.id, x.degree, x.betweenness) for x in r.network.analytics.agencies]
    assert store_ids(net["frameworkIds"]) == [x.id for x in r.network.frameworks]
    assert [(c["kind"], c["level"], c["covered"]) for c in net["coverage"]] == [
        (c.kind.name, c.level.name, c.covered) for c in r.network.coverage
    ]
    assert [(e["day"], e["kind"], store_id(e["id"])) for e in got["timeline"]] == [
        (e.day, e.kind.name, e.id) for e in r.timeline
    ]
    annexes = {t["title"]: t for t in got["annexes"]}
    assert len(annexes["附表1 在效协议一览"]["rows"]) == len(r.agreements.in_force)
    assert len(annexes["附表4 大事记"]["rows"]) == len(r.timeline)
    assert annexes["附表3 无协议覆盖的跨区域案件"]["headers"][0] == "案号"


def test_the_reports_figures_agree_with_a_scan(api: Server, scan: Scan) -> None:
    with api.client("admin") as c:
        got = data(c, REPORT, **PERIOD)["cooperationReport"]
    figure = {f["key"]: f["value"] for f in got["summary"]}

    agreements = scan.agreements_on(END)
    assert figure["agreements_in_force"] == len(agreements) == len(got["agreements"]["inForce"])
    signed = [a for a in scan.kind[NodeKind.Agreement] if during(a.get("signed_on"))]
    assert figure["agreements_signed"] == len(signed)
    held = [m for m in scan.kind[NodeKind.JointMeeting] if during(m.get("held_on"))]
    assert figure["meetings_held"] == len(held) > 0
    assert got["meetings"]["decisions"] == sum(len(m.get("decisions") or []) for m in held)

    cases = [
        c for c in scan.kind[NodeKind.Case] if c.get("cross_region") and during(c.get("filed_on"))
    ]
    closed = [c for c in cases if c.get("closed_on") and c.get("closed_on") <= END]
    assert figure["cross_region_cases"] == len(cases) > 0
    assert figure["cross_region_closed"] == len(closed)
    assert {store_id(x["id"]) for x in got["crossRegion"]["cases"]} == {c.id for c in cases}
    by_side = {s["side"]: s for s in got["crossRegion"]["bySide"]}
    for side, prefix in (("SICHUAN", "51"), ("CHONGQING", "50")):
        mine = [c for c in cases if str(c.get("region_code")).startswith(prefix)]
        kinds = Counter(str(c.get("kind")) for c in mine)
        assert by_side[side]["filed"] == len(mine)
        assert {k: v for k, v in pairs(by_side[side]["byKind"]) if v} == dict(kinds)

    recognised = [r for r in scan.rels[RelType.RECOGNIZED_BY] if during(r.get("recognized_on"))]
    across = [
        r
        for r in recognised
        if scan.region(r.start)[:2] != str(scan.nodes[r.end].get("region_code"))[:2]
    ]
    assert figure["recognitions"] == len(recognised)
    assert figure["cross_region_recognitions"] == len(across) > 0

    for row in got["rectification"]:
        prefix = "51" if row["side"] == "SICHUAN" else "50"
        due = [
            r
            for r in scan.kind[NodeKind.Rectification]
            if str(r.get("region_code")).startswith(prefix) and during(r.get("deadline"))
        ]
        on_time = [r for r in due if done_on(r, str(r.get("deadline")))]
        assert (row["due"], row["onTime"]) == (len(due), len(on_time))
        rate = figure[f"rectification_on_time_{row['side'].lower()}"]
        assert rate == (round(len(on_time) / len(due) * 100, 2) if due else None)


def done_on(r: Node, day: str) -> bool:
    """Accepted or closed, with its submission (else its closing) on or before ``day``."""
    finished = r.get("submitted_on") or r.get("closed_on")
    return r.get("status") in ("ACCEPTED", "CLOSED") and (finished is None or finished <= day)


def _rows(evaluation: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["code"]: row for row in evaluation["indicators"]}


def test_an_indicator_tree_counts_what_the_scan_counts(api: Server, scan: Scan) -> None:
    with api.client("viewer", "510000") as c:
        result = data(c, INDICATORS, region="510000", **PERIOD)["indicatorEvaluation"]
    rows = _rows(result)

    def mine(kind: NodeKind, field: str) -> list[Node]:
        return [
            n
            for n in scan.kind[kind]
            if str(n.get("region_code")).startswith("51") and during(n.get(field))
        ]

    records = mine(NodeKind.InterventionRecord, "occurred_on")
    filed = mine(NodeKind.Case, "filed_on")
    assert (rows["C3.1.1"]["numerator"], rows["C3.1.1"]["denominator"]) == (
        len(records),
        len(filed),
    )
    assert rows["C3.1.1"]["value"] == round(len(records) / len(filed) * 100, 4)
    improper = [r for r in records if r.get("classification") == "IMPROPER"]
    assert (rows["C3.1.2"]["numerator"], rows["C3.1.2"]["denominator"]) == (
        len(improper),
        len(records),
    )
    due = mine(NodeKind.Rectification, "deadline")
    on_time = [r for r in due if done_on(r, str(r.get("deadline")))]
    assert (rows["C1.1.1"]["numerator"], rows["C1.1.1"]["denominator"]) == (len(on_time), len(due))
    cross = [c for c in filed if c.get("cross_region")]
    closed = [c for c in cross if c.get("closed_on") and c.get("closed_on") <= END]
    assert (rows["C4.1.1"]["numerator"], rows["C4.1.1"]["denominator"]) == (len(closed), len(cross))

    assert result["region"] == {"code": "510000", "level": "PROVINCE"}
    assert result["period"] == PERIOD and result["rank"] is None
    for row in result["indicators"]:
        for child in row["childCodes"]:
            assert rows[child]["parentCode"] == row["code"]
        if row["value"] is not None and row["referenceLow"] is not None:
            inside = row["referenceLow"] <= row["value"] <= row["referenceHigh"]
            assert row["inRange"] is inside
    roots = [r for r in result["indicators"] if r["parentCode"] is None]
    assert [r["level"] for r in roots] == ["LEVEL1"] * 4 + ["BONUS"]
    assert all(r["rank"] is None for r in result["indicators"])
    scored = [r for r in roots if r["level"] == "LEVEL1" and r["score"] is not None]
    main = sum(r["weight"] * r["score"] for r in scored) / sum(r["weight"] for r in scored)
    bonus = sum(r["weight"] * (r["score"] or 0) for r in roots if r["level"] == "BONUS")
    assert result["total"] == pytest.approx(main + bonus, abs=0.02)


def test_regions_and_periods_compare_and_rank_only_when_asked(api: Server) -> None:
    periods = [{"from": "2023-01-01", "to": "2023-12-31"}, PERIOD]
    regions = ["510000", "500000"]
    with api.client("viewer") as c:
        plain = data(c, COMPARE, regions=regions, periods=periods, rank=False)["compareIndicators"]
        ranked = data(c, COMPARE, regions=regions, periods=periods, rank=True)["compareIndicators"]
        one = data(c, INDICATORS, region="500000", **PERIOD)["indicatorEvaluation"]
    order = [(e["region"]["code"], e["period"]["from"]) for e in plain["evaluations"]]
    assert order == [(r, p["from"]) for p in periods for r in regions]
    assert plain["ranked"] is False and ranked["ranked"] is True
    assert all(e["rank"] is None for e in plain["evaluations"])
    assert plain["evaluations"][3] == one
    for p in periods:
        same = [e for e in ranked["evaluations"] if e["period"]["from"] == p["from"]]
        totals = [e["total"] for e in same]
        assert [e["rank"] for e in same] == [1 + sum(t > x for t in totals) for x in totals]
        for code in ("C1", "C4.1.1"):
            scores = [_rows(e)[code]["score"] for e in same]
            ranks = [_rows(e)[code]["rank"] for e in same]
            known = [t for t in scores if t is not None]
            assert ranks == [None if s is None else 1 + sum(t > s for t in known) for s in scores]


@pytest.mark.parametrize(
    ("role_region", "region", "allowed"),
    [
        ("510100", "510104", True),
        ("510100", "510000", False),
        ("510100", "500000", False),
        ("510000", "500000", True),
        ("510000", "500101", False),
        ("500000", "510000", True),
    ],
)
def test_a_region_is_evaluated_within_the_jurisdiction_or_as_a_whole_side(
    api: Server, role_region: str, region: str, allowed: bool
) -> None:
    with api.client("viewer", role_region) as c:
        body = gql(c, INDICATORS, region=region, **PERIOD)
        compared = gql(c, COMPARE, regions=[region], periods=[PERIOD], rank=False)
    assert codes(body) == codes(compared) == ([] if allowed else ["FORBIDDEN"])


@pytest.mark.parametrize(
    ("query", "variables", "fields"),
    [
        (INDICATORS, {"region": "519999", **PERIOD}, ["region"]),
        (INDICATORS, {"region": "510000", "from": "2024-12-31", "to": "2024-01-01"}, ["to"]),
        (
            COMPARE,
            {
                "regions": ["510000", "x"],
                "periods": [PERIOD],
                "rank": False,
            },
            ["regions[1]"],
        ),
        (
            COMPARE,
            {
                "regions": ["510000"],
                "periods": [PERIOD, {"from": "2024-04-31", "to": "2024-03-01"}],
                "rank": False,
            },
            ["periods[1].from"],
        ),
        (COMPARE, {"regions": [], "periods": [PERIOD], "rank": False}, ["regions"]),
        (REPORT, {"from": "2024-06-01", "to": "2024-05-31"}, ["to"]),
    ],
)
def test_bad_input_is_refused_naming_the_field(
    api: Server, query: str, variables: dict[str, Any], fields: list[str]
) -> None:
    with api.client("admin") as c:
        body = gql(c, query, **variables)
    assert codes(body) == ["VALIDATION"]
    assert [f["field"] for f in body["errors"][0]["extensions"]["fields"]] == fields
