"""Deadlines and alerts: what is in warning or overdue, what entered either state between two
days, and the polling feed behind the subscription."""

from __future__ import annotations

from pathlib import Path

from graph.blobs import BlobStore
from graph.model.enums import ActionKind, NodeKind, RelType
from graph.model.validate import make_node, make_rel
from graph.store import Batch, GraphStore
from tests.worlds.county_court import ACTOR, build
from workflows import actions, evidence
from workflows.days import Alert
from workflows.joint import findings
from workflows.petitioning import petitions
from workflows.supervision import cases, deadlines

EARLY = "2024-06-01"


def _petition(store: GraphStore, number: str, received: str, today: str) -> str:
    return petitions.register_petition(
        store=store,
        actor=ACTOR,
        today=today,
        number=number,
        channel="ONLINE",
        region_code="510104",
        received_on=received,
        petitioner_id="party:p",
        case_id="case:civil",
    ).complaint.id


def test_alerts_now_between_days_and_as_a_feed(store: GraphStore, tmp_path: Path) -> None:
    build(store)
    item = cases.open_supervision(
        store=store,
        actor=ACTOR,
        today=EARLY,
        case_id="case:civil",
        lead_agency_id="commission:510100",
        deadline="2024-06-20",
        reasons=["疑难复杂"],
    )
    action = actions.open_action(
        store=store,
        actor=ACTOR,
        today=EARLY,
        kind=ActionKind.PATROL,
        title="执法巡查",
        conductor_ids=["commission:510100"],
        target_ids=["court:510104"],
        started_on="2024-05-01",
        ended_on="2024-05-10",
    ).action
    finding = findings.record_finding(
        store=store,
        actor=ACTOR,
        today=EARLY,
        action_id=action.id,
        title="超期羁押",
        category="EXCESSIVE",
        severity="MINOR",
        concerns_ids=["court:510104"],
    )
    rect = findings.order_rectification(
        store=store,
        actor=ACTOR,
        today=EARLY,
        finding_id=finding.id,
        responsible_agency_id="court:510104",
        deadline="2024-07-05",
    ).rectification
    quiet = _petition(store, "XF1", "2024-06-20", "2024-06-20")

    now = deadlines.deadline_entries(store=store, today="2024-06-30")
    assert [(e.node.id, e.alert, e.days_left) for e in now] == [
        (item.action.id, Alert.OVERDUE, -10),
        (rect.id, Alert.WARNING, 5),
    ]
    assert now[1].responsible_ids == ["court:510104"]
    assert deadlines.deadline_entries(store=store, today="2024-06-30", region="510700") == []

    entered = deadlines.entered_between(store=store, since="2024-06-20", until="2024-06-30")
    assert [e.node.id for e in entered] == [item.action.id, rect.id]
    assert deadlines.entered_between(store=store, since="2024-06-28", until="2024-06-30") == []

    first = deadlines.poll_alerts(store=store, today="2024-06-30")
    assert {e.node.id for e in first.entries} == {item.action.id, rect.id}
    evidence.attach_evidence(
        store=store,
        blobs=BlobStore(tmp_path / "blobs"),
        actor=ACTOR,
        target_id=rect.id,
        name="整改报告.txt",
        content="已整改完毕。".encode(),
        document="RECTIFICATION_REPORT",
    )
    for move in ("submit", "accept"):
        rect = findings.move_rectification(
            store=store,
            actor=ACTOR,
            today="2024-07-01",
            rectification_id=rect.id,
            version=rect.version,
            move=move,
        ).rectification
    late = _petition(store, "XF2", "2024-06-01", "2024-07-01")
    second = deadlines.poll_alerts(store=store, today="2024-07-01", cursor=first.cursor)
    assert {(e.node.id, e.alert) for e in second.entries} == {
        (late, Alert.OVERDUE),
        (rect.id, None),
    }
    assert second.cursor.audit_seq > first.cursor.audit_seq
    third = deadlines.poll_alerts(store=store, today="2024-07-03", cursor=second.cursor)
    assert [(e.kind, e.node.id, e.alert) for e in third.entries] == [
        (NodeKind.Complaint, quiet, Alert.WARNING)
    ]
    assert deadlines.poll_alerts(store=store, today="2024-07-03", cursor=third.cursor).entries == []


def test_a_deadline_written_as_a_month_falls_due_at_its_end(store: GraphStore) -> None:
    """Rectifications imported with deadlines as ledgers write them: "2024-07" is due on
    2024-07-31, so it warns from 07-24, is overdue from 08-01 and not a day before."""
    build(store)
    rects = [
        make_node(
            NodeKind.Rectification,
            f"rect:{k}",
            {
                "title": f"整改{k}",
                "status": "ISSUED",
                "issued_on": "2024-05-01",
                "deadline": deadline,
                "region_code": "510104",
            },
        )
        for k, deadline in enumerate(["2024-07", "2024-07", "2024-07", "2024"])
    ]
    units = [make_rel(RelType.ASSIGNED_TO, None, r.id, "court:510104", {}) for r in rects]
    store.write(Batch(nodes=rects, rels=units))

    def alerts(today: str) -> list[tuple[str, Alert | None]]:
        return [(e.node.id, e.alert) for e in deadlines.deadline_entries(store=store, today=today)]

    def units_overdue(today: str) -> list[str]:
        return [u.agency.id for u in deadlines.overdue_units(store=store, today=today)]

    assert alerts("2024-07-15") == []
    warned = [("rect:0", Alert.WARNING), ("rect:1", Alert.WARNING), ("rect:2", Alert.WARNING)]
    assert alerts("2024-07-31") == warned
    assert units_overdue("2024-07-31") == []
    assert alerts("2024-08-01")[:3] == [(r, Alert.OVERDUE) for r, _ in warned]
    assert units_overdue("2024-08-01") == ["court:510104"]
    entered = deadlines.entered_between(store=store, since="2024-07-31", until="2024-08-01")
    assert [e.node.id for e in entered] == ["rect:0", "rect:1", "rect:2"]
    assert alerts("2024-12-28") == [
        *((r, Alert.OVERDUE) for r, _ in warned),
        ("rect:3", Alert.WARNING),
    ]
