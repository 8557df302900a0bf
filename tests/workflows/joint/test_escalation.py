"""条块结合 (workflows.joint.escalation), on both stores: an overdue rectification goes up the
条 (GUIDES) and the 块 (COORDINATES) over its unit, by the graph's links where it has them and
by region where it does not; once; finished or not yet due ones stay where they are."""

from __future__ import annotations

from graph.model.enums import RelType
from graph.model.validate import make_rel
from graph.store import Batch, GraphStore
from tests.workflows.joint.test_oversight import _found
from tests.worlds.county_court import ACTOR, build
from workflows.joint import escalation, findings


def _order(store: GraphStore, unit: str, deadline: str) -> str:
    finding = _found(store, "2024-01-02", [unit], "WORK_STYLE")
    return findings.order_rectification(
        store=store,
        actor=ACTOR,
        today="2024-01-05",
        finding_id=finding,
        responsible_agency_id=unit,
        deadline=deadline,
    ).rectification.id


def test_overdue_rectifications_go_up_the_tiao_and_the_kuai(store: GraphStore) -> None:
    build(store)
    store.write(
        Batch(
            rels=[
                make_rel(RelType.GUIDES, None, "court:510100", "court:510104", {}),
                # The city commission coordinates this court directly: the link, not the region.
                make_rel(RelType.COORDINATES, None, "commission:510100", "court:510104", {}),
            ]
        )
    )
    court = _order(store, "court:510104", "2024-03-01")
    police = _order(store, "police:510104", "2024-03-10")
    later = _order(store, "court:510104", "2024-12-01")  # not due yet
    pending = escalation.rectification_escalations(store=store, today="2024-04-01")
    assert [
        (
            e.rectification.id,
            e.unit.id,
            e.guide.id if e.guide else None,
            e.coordinator.id if e.coordinator else None,
            e.days_overdue,
        )
        for e in pending
    ] == [
        (court, "court:510104", "court:510100", "commission:510100", 31),
        # No links: the police of the city above (none in this world) and the county's commission.
        (police, "police:510104", None, "commission:510104", 22),
    ]
    assert later not in {e.rectification.id for e in pending}
    assert (
        escalation.rectification_escalations(store=store, today="2024-04-01", region="510700") == []
    )

    done = escalation.escalate_rectifications(store=store, actor=ACTOR, today="2024-04-01")
    escalated = store.get_nodes([court, police])
    assert [e.rectification.id for e in done] == [court, police]
    assert escalated[court].props["escalated_on"] == "2024-04-01"
    assert escalated[court].props["escalated_to"] == ["court:510100", "commission:510100"]
    assert escalated[police].props["escalated_to"] == ["commission:510104"]
    entries = store.audit_entries(target=court)
    assert entries[-1].record.operation == "escalate"
    # Once only.
    assert escalation.rectification_escalations(store=store, today="2024-05-01") == []
    assert escalation.escalate_rectifications(store=store, actor=ACTOR, today="2024-05-01") == []
