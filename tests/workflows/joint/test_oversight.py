"""Oversight over findings and the rhythm of the joint work (workflows.joint.oversight), on
both stores: common problems by unit, region and period with their typical findings; the
year's focus units by the documented rule, and adopting the plan; missed joint meetings."""

from __future__ import annotations

import pytest

from graph.errors import ValidationError
from graph.model.enums import ActionKind, NodeKind
from graph.model.validate import make_node
from graph.store import Batch, GraphStore
from tests.worlds.county_court import ACTOR, build
from workflows import actions
from workflows.joint import findings, oversight


def _found(
    store: GraphStore, on: str, concerns: list[str], category: str, severity: str = "MINOR"
) -> str:
    action = actions.open_action(
        store=store,
        actor=ACTOR,
        today=on,
        kind=ActionKind.PATROL,
        title="执法巡查",
        conductor_ids=["commission:510100"],
        target_ids=concerns,
        started_on=on,
    ).action
    return findings.record_finding(
        store=store,
        actor=ACTOR,
        today=on,
        action_id=action.id,
        title=f"{category}问题",
        category=category,
        severity=severity,
        concerns_ids=concerns,
    ).id


def test_common_problems_by_unit_region_and_period(store: GraphStore) -> None:
    build(store)
    a = _found(store, "2024-02-01", ["court:510104"], "EXCESSIVE", "MINOR")
    b = _found(store, "2024-05-01", ["court:510104"], "EXCESSIVE", "GRAVE")
    c = _found(store, "2024-05-02", ["police:510104"], "EXCESSIVE", "SERIOUS")
    d = _found(store, "2024-08-01", ["court:510703"], "EXCESSIVE", "MINOR")
    e = _found(store, "2024-08-02", ["case:civil"], "PROCEDURAL", "MINOR")  # its court

    by_unit = oversight.common_problems(store=store)
    assert [(r.group, r.category, r.findings) for r in by_unit.counts] == [
        ("court:510104", "EXCESSIVE", 2),
        ("court:510104", "PROCEDURAL", 1),
        ("court:510703", "EXCESSIVE", 1),
        ("police:510104", "EXCESSIVE", 1),
    ]
    excessive, procedural = by_unit.categories
    assert (excessive.category, excessive.findings, excessive.units, excessive.common) == (
        "EXCESSIVE",
        4,
        3,
        True,
    )
    assert excessive.typical_ids == [b, c, a]  # gravest first, then the earliest
    assert (procedural.units, procedural.common, procedural.typical_ids) == (1, False, [e])

    by_region = oversight.common_problems(store=store, by="REGION")
    assert {(r.group, r.category): r.findings for r in by_region.counts} == {
        ("510100", "EXCESSIVE"): 3,
        ("510100", "PROCEDURAL"): 1,
        ("510700", "EXCESSIVE"): 1,
    }
    by_period = oversight.common_problems(store=store, by="PERIOD", since="2024-04")
    assert {(r.group, r.category): r.findings for r in by_period.counts} == {
        ("2024Q2", "EXCESSIVE"): 2,
        ("2024Q3", "EXCESSIVE"): 1,
        ("2024Q3", "PROCEDURAL"): 1,
    }
    scoped = oversight.common_problems(store=store, region="510700")
    assert [c.typical_ids for c in scoped.categories] == [[d]]
    assert oversight.common_problems(store=store, common_units=5).categories[0].common is False
    for bad, field in (({"by": "WEEK"}, "by"), ({"typical": 0}, "typical")):
        with pytest.raises(ValidationError) as refused:
            oversight.common_problems(store=store, **bad)
        assert refused.value.errors[0].field == field


def test_focus_units_by_the_rule_and_the_plan_adopted(store: GraphStore) -> None:
    build(store)
    _found(store, "2024-02-01", ["court:510104"], "EXCESSIVE", "SERIOUS")
    _found(store, "2024-03-01", ["case:civil"], "PROCEDURAL", "GRAVE")  # the same court
    late = _found(store, "2024-01-03", ["police:510104"], "WORK_STYLE", "MINOR")
    _found(store, "2023-06-01", ["court:510703"], "EXCESSIVE", "GRAVE")  # another year
    _found(store, "2024-06-01", ["court:510703"], "EXCESSIVE", "GRAVE")  # weight 3 only
    for deadline in ("2024-03-01", "2024-04-01"):
        findings.order_rectification(
            store=store,
            actor=ACTOR,
            today="2024-01-05",
            finding_id=late,
            responsible_agency_id="police:510104",
            deadline=deadline,
        )
    plan = oversight.inspection_plan(store=store, commission_id="commission:510000", year=2025)
    assert [(f.unit.id, f.weight, len(f.finding_ids), len(f.overdue_ids)) for f in plan] == [
        ("court:510104", 5, 2, 0),
        ("police:510104", 1, 1, 2),
    ]
    assert plan[0].reasons == ["2024年问题权重5(≥5)"]
    assert plan[1].reasons == ["2024年逾期未整改2项(≥2)"]
    city = oversight.inspection_plan(store=store, commission_id="commission:510700", year=2025)
    assert city == []
    stricter = oversight.inspection_plan(
        store=store, commission_id="commission:510000", year=2025, focus_weight=6
    )
    assert [f.unit.id for f in stricter] == ["police:510104"]

    created = oversight.adopt_inspection_plan(
        store=store,
        actor=ACTOR,
        today="2025-01-10",
        commission_id="commission:510000",
        year=2025,
    )
    assert sorted(n.props["title"] for n in created) == [
        "2025年度对成都市公安局锦江区分局的执法检查",
        "2025年度对锦江区人民法院的执法检查",
    ]
    assert {n.props["kind"] for n in created} == {"INSPECTION"}
    assert {n.props["status"] for n in created} == {"PLANNED"}
    again = oversight.adopt_inspection_plan(
        store=store,
        actor=ACTOR,
        today="2025-01-11",
        commission_id="commission:510000",
        year=2025,
    )
    assert again == []
    with pytest.raises(ValidationError) as not_commission:
        oversight.inspection_plan(store=store, commission_id="court:510104", year=2025)
    assert not_commission.value.errors[0].field == "commission_id"
    with pytest.raises(ValidationError) as nothing:
        oversight.adopt_inspection_plan(
            store=store,
            actor=ACTOR,
            today="2025-01-10",
            commission_id="commission:510700",
            year=2025,
        )
    assert nothing.value.errors[0].field == "year"


def test_a_missed_joint_meeting_is_listed_until_one_is_held(store: GraphStore) -> None:
    build(store)
    meeting = make_node(
        NodeKind.JointMeeting,
        "meeting:cd-1",
        {
            "title": "执法监督联席会议",
            "kind": "SUPERVISION",
            "held_on": "2024-03-01",
            "region_code": "510100",
        },
    )
    store.write(Batch(nodes=[meeting]))
    due = oversight.meeting_schedule(store=store, today="2024-10-01", missed_only=False)
    table = {(d.commission.id, d.kind): (d.last_held_on, d.due_on, d.days_overdue) for d in due}
    assert table[("commission:510100", "SUPERVISION")] == ("2024-03-01", "2024-08-31", 31)
    assert table[("commission:510000", "SUPERVISION")] == (None, "2024-07-02", 91)
    assert table[("commission:510000", "COOPERATION")] == (None, "2024-12-31", 0)
    assert ("commission:510104", "SUPERVISION") not in table  # county: not held to it
    missed = oversight.meeting_schedule(store=store, today="2024-10-01")
    assert [(d.commission.id, d.days_overdue) for d in missed] == [
        ("commission:510000", 91),
        ("commission:510700", 91),
        ("commission:510100", 31),
    ]
    later = make_node(
        NodeKind.JointMeeting,
        "meeting:cd-2",
        {
            "title": "执法监督联席会议",
            "kind": "SUPERVISION",
            "held_on": "2024-09-30",
            "region_code": "510100",
        },
    )
    store.write(Batch(nodes=[later]))
    after = oversight.meeting_schedule(store=store, today="2024-10-01", region="510100")
    assert after == []
