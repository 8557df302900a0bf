"""Pattern alerts become cases for investigators (workflows.explore.watches), on both stores:
a watched pattern's new match opens one inquiry with the investigation of its nodes, never
twice; the assignee works it to a decision; the generic mutations leave it alone."""

from __future__ import annotations

import pytest

from graph.errors import Forbidden, InvalidTransition, ValidationError
from graph.model.enums import NodeKind, RelType
from graph.model.records import Node
from graph.store import GraphStore
from tests.workflows.joint.test_oversight import _found
from tests.worlds.county_court import ACTOR, build
from workflows import generic
from workflows.access import Access, Principal, Role, SharedItems
from workflows.explore import watches
from workflows.joint import findings


def _late(store: GraphStore, unit: str, n: int) -> None:
    for i in range(n):
        finding = _found(store, "2024-01-02", [unit], "WORK_STYLE")
        findings.order_rectification(
            store=store,
            actor=ACTOR,
            today="2024-01-05",
            finding_id=finding,
            responsible_agency_id=unit,
            deadline=f"2024-02-{10 + i}",
        )


def _access(store: GraphStore, subject: str, role: Role = Role.INVESTIGATOR) -> Access:
    return Access(Principal(subject, role, "510000"), SharedItems(store))


def test_a_new_match_opens_one_inquiry_worked_to_a_decision(store: GraphStore) -> None:
    build(store)
    _late(store, "police:510104", 3)
    inv = _access(store, "inv@510000")
    watch = watches.watch_pattern(
        store=store, actor="inv@510000", name="AGENCY_REPEATED_OVERDUE", region="510000"
    )
    assert (watch.props["assignee"], watch.props["region_code"]) == ("inv@510000", "510000")
    opened = watches.run_watches(
        store=store, actor="inv@510000", access=inv, today="2024-06-30", region="510000"
    )
    assert [o.inquiry.props["anchor_id"] for o in opened] == ["police:510104"]
    inquiry, investigation = opened[0].inquiry, opened[0].investigation
    assert (inquiry.props["status"], inquiry.props["opened_on"]) == ("OPEN", "2024-06-30")
    included = store.neighbours([investigation.id], rel_types=[RelType.INCLUDES])[investigation.id]
    assert "police:510104" in {n.node.id for n in included} and len(included) >= 7
    examined = store.neighbours([inquiry.id], rel_types=[RelType.EXAMINED_IN])[inquiry.id]
    assert [n.node.id for n in examined] == [investigation.id]
    # Run again: nothing new. A second unit falls behind: one new inquiry.
    assert (
        watches.run_watches(
            store=store, actor="inv@510000", access=inv, today="2024-07-01", region="510000"
        )
        == []
    )
    _late(store, "court:510104", 3)
    again = watches.run_watches(
        store=store, actor="inv@510000", access=inv, today="2024-07-02", region="510000"
    )
    assert [o.inquiry.props["anchor_id"] for o in again] == ["court:510104"]
    assert store.get_nodes([watch.id])[watch.id].props["last_run_on"] == "2024-07-02"

    def move(
        actor: str, step: str, decision: str | None = None, role: Role = Role.INVESTIGATOR
    ) -> Node:
        return watches.move_inquiry(
            store=store,
            actor=actor,
            access=_access(store, actor, role),
            today="2024-07-03",
            inquiry_id=inquiry.id,
            version=store.get_nodes([inquiry.id])[inquiry.id].version,
            move=step,
            decision=decision,
        )

    with pytest.raises(Forbidden):
        move("someone@510000", "start")
    started = move("inv@510000", "start")
    assert started.props["status"] == "IN_PROGRESS"
    with pytest.raises(InvalidTransition):
        move("inv@510000", "start")
    with pytest.raises(ValidationError) as short:
        move("inv@510000", "act", "已处理")
    assert short.value.errors[0].field == "decision"
    closed = move("admin", "act", "已约谈单位负责人并列入年度检查计划重点单位。", Role.ADMIN)
    assert (closed.props["status"], closed.props["decided_on"]) == ("ACTED_ON", "2024-07-03")
    with pytest.raises(InvalidTransition):
        move("inv@510000", "clear", "重复关闭不应被接受的说明文字")


def test_watches_are_checked_and_kept_from_the_generic_mutations(store: GraphStore) -> None:
    build(store)
    with pytest.raises(ValidationError) as unknown:
        watches.watch_pattern(store=store, actor="a", name="NO_SUCH_PATTERN")
    assert unknown.value.errors[0].field == "name"
    with pytest.raises(ValidationError) as hops:
        watches.watch_pattern(store=store, actor="a", name="REPEAT_PETITIONER", max_hops=9)
    assert hops.value.errors[0].field == "max_hops"
    admin = Access(Principal("admin", Role.ADMIN), SharedItems(store))
    for kind, props in (
        (NodeKind.PatternWatch, {"pattern": "X", "assignee": "a", "active": True}),
        (
            NodeKind.Inquiry,
            {
                "pattern": "X",
                "anchor_id": "a",
                "explanation": "e",
                "status": "ACTED_ON",
                "assignee": "a",
                "opened_on": "2024-01-01",
            },
        ),
    ):
        with pytest.raises(ValidationError):
            generic.create_node(store=store, access=admin, actor="admin", kind=kind, props=props)
