"""The cooperation report and the network and indicator queries on the 1,000-case demo,
checked against independent scans of the same graph, on both backends; then the files."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from graph.errors import ValidationError
from graph.model.enums import AgencyKind, NodeKind, RegionLevel, RelType
from graph.model.records import Node
from graph.store import GraphStore
from loaders.demo import planted_patterns
from reports.agreements import coverage
from reports.cooperation import CooperationReport, cooperation_report, write_report
from reports.indicators import IndicatorValue, compare
from reports.network import analytics
from reports.timeline import timeline
from tests.reports.report_scan import DONE, YEAR, Scan, during, span

ALL_YEARS = ("2019-01-01", "2024-12-31")


def side(code: object) -> str:
    return str(code)[:2]


def report_for(store: GraphStore, period: tuple[str, str] = YEAR) -> CooperationReport:
    return cooperation_report(store, date_from=period[0], date_to=period[1])


def signers(scan: Scan) -> dict[str, list[str]]:
    return scan.out(RelType.SIGNED_BY)


def test_agreements_meetings_and_actions_match_scans(demo: GraphStore, scan: Scan) -> None:
    report = report_for(demo)
    agreements = scan.by_kind[NodeKind.Agreement]
    in_force = {a.id for a in agreements if span(a.get("signed_on"))[0] <= YEAR[1]}
    signed = {a.id for a in agreements if during(a.get("signed_on"))}
    assert {a.id for a in report.agreements.in_force} == in_force
    assert {a.id for a in report.agreements.signed} == signed
    assert report.figure("agreements_in_force").value == len(in_force)
    assert signed, "the demo signs agreements in 2023"
    tiers = Counter(a.get("tier") for a in agreements if a.id in in_force)
    assert {c.key: c.value for c in report.agreements.by_tier if c.value} == dict(tiers)

    held = [m for m in scan.by_kind[NodeKind.JointMeeting] if during(m.get("held_on"))]
    assert [m.id for m in report.meetings.meetings] == [
        m.id for m in sorted(held, key=lambda m: (m.get("held_on"), m.id))
    ]
    assert report.meetings.decisions == sum(len(m.get("decisions") or []) for m in held)
    decided = scan.out(RelType.DECIDED)
    held_ids = {m.id for m in held}
    assert report.meetings.decided_agreements == sum(
        1 for m in held_ids for t in decided.get(m, []) if t.startswith("agreement:")
    )

    conductors, under = scan.out(RelType.CONDUCTED_BY), scan.out(RelType.UNDER)
    cross = set()
    for action in scan.by_kind[NodeKind.SupervisionAction]:
        start = action.get("started_on")
        end = action.get("ended_on") or start
        if not (start and span(start)[0] <= YEAR[1] and span(end)[1] >= YEAR[0]):
            continue
        sides = {side(scan.nodes[a].get("region_code")) for a in conductors.get(action.id, [])}
        if sides == {"50", "51"} or under.get(action.id):
            cross.add(action.id)
    assert {a.id for a in report.actions.cross_region} == cross
    assert report.figure("joint_actions").value == len(cross)


def test_cross_region_cases_and_gaps_match_scans(demo: GraphStore, scan: Scan) -> None:
    report = report_for(demo)
    cases = [
        c
        for c in scan.by_kind[NodeKind.Case]
        if c.get("cross_region") and during(c.get("filed_on"))
    ]
    assert report.figure("cross_region_cases").value == len(cases)
    for status in report.cross_region.by_side:
        mine = [c for c in cases if side(c.get("region_code")) == status.side.prefix]
        closed = [c for c in mine if c.get("closed_on") and c.get("closed_on") <= YEAR[1]]
        assert (status.filed, status.closed) == (len(mine), len(closed))
        assert status.under_agreement == sum(1 for c in mine if scan.out(RelType.UNDER).get(c.id))

    # Over the whole demo, the cases no agreement covers: the planted ones (西昌市 and 城口县,
    # which never signed one) and natural ones filed before their areas signed.
    whole = report_for(demo, ALL_YEARS)
    planted = next(
        p for p in planted_patterns(cases=1000) if p.name == "cross_region_without_agreement"
    )
    gap_ids = {c.id for g in whole.cross_region.gaps for c in g.cases}
    assert {i for i in planted.ids if i.startswith("case:")} < gap_ids
    pairs = {(g.sichuan.code, g.chongqing.code) for g in whole.cross_region.gaps}
    assert ("513401", "500229") in pairs and len(pairs) > 1
    assert gap_ids == set(uncovered_by_scan(scan))


def uncovered_by_scan(scan: Scan) -> list[str]:
    """Cross-region cases with no agreement in force at filing signed by units of both areas
    (the Sichuan county or its prefecture, the Chongqing district), below province level."""
    regions = {r.get("code"): r for r in scan.by_kind[NodeKind.Region]}
    involves, signed_by = scan.out(RelType.INVOLVES), signers(scan)
    agreements = scan.by_kind[NodeKind.Agreement]
    out = []
    for case in scan.by_kind[NodeKind.Case]:
        if not case.get("cross_region"):
            continue
        here = case.get("region_code")
        there = [
            scan.nodes[t].get("code")
            for t in involves.get(case.id, [])
            if scan.nodes[t].kind is NodeKind.Region
        ]
        areas = {side(here): here, **{side(t): t for t in there}}
        sichuan = {areas["51"], regions[areas["51"]].get("parent_code")} - {"510000"}
        chongqing = {areas["50"]}
        covered = False
        for a in agreements:
            if span(a.get("signed_on"))[0] > case.get("filed_on"):
                continue
            units = [scan.nodes[s] for s in signed_by.get(a.id, [])]
            if any(u.get("level") == "PROVINCE" for u in units):
                continue
            codes = {u.get("region_code") for u in units}
            covered = covered or bool(codes & sichuan and codes & chongqing)
        if not covered:
            out.append(case.id)
    return out


def test_recognitions_and_rectification_match_scans(demo: GraphStore, scan: Scan) -> None:
    report = report_for(demo)
    rels = [r for r in scan.rels[RelType.RECOGNIZED_BY] if during(r.get("recognized_on"))]
    cross = [
        r
        for r in rels
        if side(scan.nodes[r.start].get("region_code"))
        != side(scan.nodes[r.end].get("region_code"))
    ]
    assert report.figure("recognitions").value == len(rels)
    assert report.figure("cross_region_recognitions").value == len(cross)

    for figures in report.rectification:
        mine = [
            r
            for r in scan.by_kind[NodeKind.Rectification]
            if side(r.get("region_code")) == figures.side.prefix
        ]
        due = [r for r in mine if during(r.get("deadline"))]
        on_time = [
            r
            for r in due
            if r.get("status") in DONE
            and (r.get("submitted_on") or r.get("closed_on") or "") <= r.get("deadline")
        ]
        assert (figures.due, figures.on_time) == (len(due), len(on_time))
        assert figures.issued == sum(1 for r in mine if during(r.get("issued_on")))
        key = f"rectification_on_time_{figures.side.name.lower()}"
        expected = round(len(on_time) / len(due) * 100, 2) if due else None
        assert report.figure(key).value == expected


def test_same_graph_gives_the_same_report(demo: GraphStore) -> None:
    assert report_for(demo) == report_for(demo)


def in_force_on(scan: Scan, day: str) -> list[str]:
    return [a.id for a in scan.by_kind[NodeKind.Agreement] if span(a.get("signed_on"))[0] <= day]


def test_indicators_match_scans(demo: GraphStore, scan: Scan) -> None:
    comparison = compare(demo, region_codes=["510000", "500000"], periods=[YEAR])
    filed_by = scan.out(RelType.FILED)
    petitioner_of = {c: p for p, cs in filed_by.items() for c in cs}
    received = {c.id: c.get("received_on") for c in scan.by_kind[NodeKind.Complaint]}
    for evaluation in comparison.evaluations:
        prefix = evaluation.area.code[:2]

        def mine(kind: NodeKind, field: str, prefix: str = prefix) -> list[Node]:
            return [
                n
                for n in scan.by_kind[kind]
                if side(n.get("region_code")) == prefix and during(n.get(field))
            ]

        records = mine(NodeKind.InterventionRecord, "occurred_on")
        cases = mine(NodeKind.Case, "filed_on")
        assert basis(evaluation.find("C3.1.1")) == (len(records), len(cases))
        improper = [r for r in records if r.get("classification") == "IMPROPER"]
        assert basis(evaluation.find("C3.1.2")) == (len(improper), len(records))

        complaints = mine(NodeKind.Complaint, "received_on")
        repeats = [
            c
            for c in complaints
            if any(
                (received[other], other) < (c.get("received_on"), c.id)
                for other in filed_by.get(petitioner_of.get(c.id, ""), [])
            )
        ]
        assert basis(evaluation.find("C2.1.2")) == (len(repeats), len(complaints))

        reviews = [a for a in mine(NodeKind.SupervisionAction, "ended_on") if a.get("grade")]
        passed = [a for a in reviews if a.get("grade") != "不合格"]
        assert basis(evaluation.find("C1.2.2")) == (len(passed), len(reviews))

        cross = [c for c in cases if c.get("cross_region")]
        closed = [c for c in cross if c.get("closed_on") and c.get("closed_on") <= YEAR[1]]
        assert basis(evaluation.find("C4.1.1")) == (len(closed), len(cross))
        assert evaluation.rank is None and all(v.rank is None for v in evaluation.walk())

    ranked = compare(demo, region_codes=["510000", "500000"], periods=[YEAR], rank=True)
    totals = sorted((e.total or 0.0, e.rank) for e in ranked.evaluations)
    assert [rank for _, rank in totals] == ([2, 1] if totals[0][0] < totals[1][0] else [1, 1])


def basis(value: IndicatorValue) -> tuple[int | None, int | None]:
    return value.numerator, value.denominator


def test_coverage_matrix_and_network_analytics_match_scans(demo: GraphStore, scan: Scan) -> None:
    day = YEAR[1]
    signed_by = signers(scan)
    agencies = {a.id: a for a in scan.by_kind[NodeKind.Agency]}

    def is_(agency_id: str, prefix: str, level: str) -> bool:
        a = agencies[agency_id]
        return (
            side(a.get("region_code")) == prefix
            and a.get("level") == level
            and a.get("kind") == "COMMISSION"
        )

    matrix = coverage(demo, kind=AgencyKind.COMMISSION, level=RegionLevel.CITY, as_of=day)
    expected = {
        (s, c)
        for a in in_force_on(scan, day)
        for s in signed_by[a]
        for c in signed_by[a]
        if is_(s, "51", "CITY") and is_(c, "50", "COUNTY")
    }
    assert {(r.id, c.id) for r, c, _ in matrix.pairs(covered=True)} == expected
    assert len(matrix.rows) == sum(1 for a in agencies if is_(a, "51", "CITY"))
    assert len(matrix.columns) == 38
    assert matrix.covered_pairs + matrix.uncovered_pairs == len(matrix.rows) * 38

    partners: dict[str, set[str]] = {}
    for a in in_force_on(scan, day):
        for s in signed_by[a]:
            partners.setdefault(s, set()).update(set(signed_by[a]) - {s})
    result = analytics(demo, as_of=day)
    assert {c.agency.id: c.degree for c in result.agencies} == {
        a: len(p) for a, p in partners.items()
    }
    assert sorted(len(c.agencies) for c in result.components) == sorted(
        len(group) for group in groups(partners)
    )
    edges = {tuple(sorted((a, b))) for a, ps in partners.items() for b in ps}
    bridges = {e for e in edges if not connected(partners, e[0], e[1], without=e)}
    assert {(b.first.id, b.second.id) for b in result.bridges} == bridges
    assert all(0 <= c.betweenness <= 1 for c in result.agencies)
    assert all(c.betweenness == 0 for c in result.agencies if c.degree == 1)


def groups(partners: dict[str, set[str]]) -> list[set[str]]:
    seen: set[str] = set()
    out = []
    for start in sorted(partners):
        if start in seen:
            continue
        group, todo = {start}, [start]
        while todo:
            for nxt in partners[todo.pop()] - group:
                group.add(nxt)
                todo.append(nxt)
        seen |= group
        out.append(group)
    return out


def connected(partners: dict[str, set[str]], a: str, b: str, *, without: tuple[str, ...]) -> bool:
    reached, todo = {a}, [a]
    while todo:
        here = todo.pop()
        for nxt in partners[here]:
            if {here, nxt} == set(without) or nxt in reached:
                continue
            reached.add(nxt)
            todo.append(nxt)
    return b in reached


def test_timeline_lists_signings_and_meetings_in_order(demo: GraphStore, scan: Scan) -> None:
    events = timeline(demo, date_from=YEAR[0], date_to=YEAR[1])
    assert [(e.day, e.kind.name, e.id) for e in events] == sorted(
        (e.day, e.kind.name, e.id) for e in events
    )
    kinds: dict[str, set[str]] = {}
    for e in events:
        kinds.setdefault(e.kind.name, set()).add(e.id)
    agreements = scan.by_kind[NodeKind.Agreement]
    assert kinds["AGREEMENT"] == {a.id for a in agreements if during(a.get("signed_on"))}
    meetings = scan.by_kind[NodeKind.JointMeeting]
    assert kinds["MEETING"] == {m.id for m in meetings if during(m.get("held_on"))}


HEADINGS = (
    "一、总体情况",
    "二、协议签署与在效情况",
    "三、联席会议及其决定",
    "四、联合监督活动",
    "五、跨区域案件办理情况",
    "六、监督结果互认",
    "七、整改落实情况(川渝对照)",
    "八、指标评价(四川、重庆对照)",
    "九、协作网络",
    "附表1在效协议一览",
    "数据说明",
)


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return out.stdout


def pdf_pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", out.stdout, re.M).group(1))  # type: ignore[union-attr]


def test_report_files_are_stable_and_the_pdf_reads_right(
    demo: GraphStore, scan: Scan, tmp_path: Path
) -> None:
    def write(fmt: str, name: str) -> Path:
        return write_report(
            demo, date_from=YEAR[0], date_to=YEAR[1], fmt=fmt, output=tmp_path / name
        )

    for fmt in ("html", "md"):
        first, second = write(fmt, f"a.{fmt}"), write(fmt, f"b.{fmt}")
        assert first.read_bytes() == second.read_bytes()
        compact = re.sub(r"\s+", "", first.read_text(encoding="utf-8"))
        assert all(h.replace(" ", "") in compact for h in HEADINGS)

    pdf = write("pdf", "report.pdf")
    text = pdf_text(pdf)
    compact = re.sub(r"\s+", "", text)
    missing = [h for h in HEADINGS if h not in compact]
    assert not missing, f"headings missing from the PDF text: {missing}"
    in_force = len(in_force_on(scan, YEAR[1]))
    cases = [
        c
        for c in scan.by_kind[NodeKind.Case]
        if c.get("cross_region") and during(c.get("filed_on"))
    ]
    assert f"期末在效协议{in_force}件" in compact
    assert f"两地立案跨区域案件{len(cases)}件" in compact
    assert "川渝“1+n”协作网络图" in compact
    assert pdf_pages(pdf) >= 10
    assert pdf_text(write("pdf", "again.pdf")) == text


def test_bad_format_or_period_is_refused(demo: GraphStore, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="format"):
        write_report(demo, date_from=YEAR[0], date_to=YEAR[1], fmt="docx", output=tmp_path / "x")
    with pytest.raises(ValidationError, match="before"):
        write_report(demo, date_from=YEAR[1], date_to=YEAR[0], fmt="md", output=tmp_path / "x")
