"""Interventions under the three regulations (三个规定): recording, quarterly reports with zero
reports, repeated improper interveners, interventions on cases graded flawed, silent units."""

from __future__ import annotations

import pytest

from graph.errors import NotFound, ValidationError
from graph.model.enums import NodeKind, RelType
from graph.store import GraphStore
from tests.worlds.county_court import ACTOR, TODAY, add_case, build
from workflows.petitioning import interventions
from workflows.review import reviewers, reviews, scoring


def _record(store: GraphStore, case: str, on: str, who: str = "leader:l", **kw: str) -> str:
    return interventions.record_intervention(
        store=store,
        actor=ACTOR,
        today=TODAY,
        case_id=case,
        intervener_id=who,
        recorder_id=kw.get("recorder", "judge:a"),
        occurred_on=on,
        relation="本人",
        manner="电话",
        classification=kw.get("classification", "违规过问"),
        request="请关照当事人",
        intervener_post="成都市人大常委会副主任",
    ).record.id


def test_recording_writes_the_record_and_its_shortcut(store: GraphStore) -> None:
    build(store)
    record = _record(store, "case:civil", "2024-04-10")
    node = store.get_nodes([record])[record]
    assert node.get("stage") == "TRIAL" and node.get("classification") == "IMPROPER"
    asked = store.neighbours(["leader:l"], rel_types=[RelType.INTERVENED_IN])["leader:l"]
    assert [(n.node.id, n.rel.get("valid_from")) for n in asked] == [("case:civil", "2024-04-10")]
    with pytest.raises(ValidationError) as raised:
        _record(store, "case:civil", "2024-07-01")
    assert raised.value.errors[0].field == "occurred_on"
    with pytest.raises(ValidationError) as raised:
        _record(store, "case:civil", "2024-04-10", classification="打招呼")
    assert raised.value.errors[0].field == "classification"
    with pytest.raises(NotFound, match="recorder_id"):
        _record(store, "case:civil", "2024-04-10", recorder="judge:nobody")
    assert store.counts().nodes[NodeKind.InterventionRecord] == 1


def test_quarterly_reports_include_zero_reports(store: GraphStore) -> None:
    build(store)
    add_case(store, "case:police", "police:510104", "2024-01-05", kind="CRIMINAL")
    _record(store, "case:civil", "2024-04-10")
    _record(store, "case:criminal", "2024-05-02", classification="履职过问")
    _record(store, "case:civil", "2024-03-31")
    reports = interventions.quarterly_reports(store=store, year=2024, quarter=2, region="510100")
    by_unit = {r.agency.id: r for r in reports}
    assert set(by_unit) == {"court:510104", "court:510100", "police:510104", "procuratorate:510104"}
    court = by_unit["court:510104"]
    assert (court.improper, court.duty, court.commission_id) == (1, 1, "commission:510104")
    assert all(r.zero for u, r in by_unit.items() if u != "court:510104")
    assert by_unit["court:510100"].commission_id == "commission:510100"
    first = interventions.quarterly_reports(store=store, year=2024, quarter=1, region="510104")
    assert [len(r.record_ids) for r in first if r.agency.id == "court:510104"] == [1]
    with pytest.raises(ValidationError):
        interventions.quarterly_reports(store=store, year=2024, quarter=5)


def test_patterns_repeat_flawed_and_silent(store: GraphStore) -> None:
    build(store)
    add_case(store, "case:police", "police:510104", "2024-01-05", kind="CRIMINAL")
    _record(store, "case:civil", "2024-03-10")
    _record(store, "case:criminal", "2024-03-12")
    _record(store, "case:civil", "2024-03-15", who="judge:b", classification="DUTY")
    repeated = interventions.repeated_interveners(store=store)
    assert [(i.official.id, i.improper, i.case_ids) for i in repeated] == [
        ("leader:l", 2, ["case:civil", "case:criminal"])
    ]
    assert interventions.repeated_interveners(store=store, since="2024-03-11")[0:] == []
    silent = interventions.silent_units(store=store, today=TODAY, region="510100")
    assert [(s.agency.id, s.case_count_at_least) for s in silent] == [("police:510104", 1)]
    assert interventions.interventions_on_flawed_cases(store=store) == []
    node = reviews.open_review(
        store=store,
        actor=ACTOR,
        today=TODAY,
        case_id="case:civil",
        review_type="CROSS",
        lead_agency_id="commission:510100",
    )
    assigned = reviewers.assign_reviewers(
        store=store, actor=ACTOR, today=TODAY, review_id=node.id, version=node.version, count=1
    )
    scored = scoring.score_review(
        store=store,
        actor=ACTOR,
        today=TODAY,
        review_id=node.id,
        version=assigned.review.version,
        deductions={"PROCEDURE": 20, "EVIDENCE": 15},
    )
    assert scored.grade == "瑕疵" and scored.flawed
    flawed = interventions.interventions_on_flawed_cases(store=store)
    assert [(f.case_id, f.intervener_id, f.grade) for f in flawed] == [
        ("case:civil", "leader:l", "瑕疵"),
        ("case:civil", "judge:b", "瑕疵"),
    ]
