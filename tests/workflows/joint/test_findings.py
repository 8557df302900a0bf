"""Finding → rectification (deadline, responsible unit) → accountability."""

from __future__ import annotations

import pytest

from graph.errors import Conflict, InvalidTransition, NotFound, ValidationError
from graph.model.enums import ActionKind, NodeKind, RelType
from graph.store import Direction, GraphStore
from tests.worlds.county_court import ACTOR, TODAY, build
from workflows import actions
from workflows.days import Alert
from workflows.joint import findings


def test_finding_rectification_accountability(store: GraphStore) -> None:
    build(store)
    action = actions.open_action(
        store=store,
        actor=ACTOR,
        today=TODAY,
        kind=ActionKind.PATROL,
        title="执法巡查",
        conductor_ids=["commission:510100"],
        target_ids=["court:510104"],
        started_on="2024-05-01",
        ended_on="2024-05-10",
    ).action
    assert action.get("status") == "COMPLETED"
    with pytest.raises(ValidationError) as raised:
        findings.record_finding(
            store=store,
            actor=ACTOR,
            today=TODAY,
            action_id=action.id,
            title="超期羁押",
            category="过度执法",
            severity="GRAVE",
            concerns_ids=["court:510104"],
            found_on="2024-04-01",
        )
    assert raised.value.errors[0].field == "found_on"
    with pytest.raises(NotFound, match="concerns_ids"):
        findings.record_finding(
            store=store,
            actor=ACTOR,
            today=TODAY,
            action_id=action.id,
            title="超期羁押",
            category="EXCESSIVE",
            severity="GRAVE",
            concerns_ids=["case:none"],
        )
    finding = findings.record_finding(
        store=store,
        actor=ACTOR,
        today=TODAY,
        action_id=action.id,
        title="超期羁押",
        category="过度执法",
        severity="GRAVE",
        concerns_ids=["court:510104", "judge:a"],
        found_on="2024-05-12",
    )
    assert finding.get("category") == "EXCESSIVE" and finding.get("region_code") == "510104"
    item = findings.order_rectification(
        store=store,
        actor=ACTOR,
        today=TODAY,
        finding_id=finding.id,
        responsible_agency_id="court:510104",
        deadline="2024-07-05",
    )
    assert item.alert is Alert.WARNING and item.responsible_id == "court:510104"
    node = item.rectification
    with pytest.raises(InvalidTransition):
        findings.move_rectification(
            store=store,
            actor=ACTOR,
            today=TODAY,
            rectification_id=node.id,
            version=node.version,
            move="close",
        )
    for move, on in (("start", TODAY), ("submit", "2024-07-01"), ("return", "2024-07-02")):
        item = findings.move_rectification(
            store=store,
            actor=ACTOR,
            today=on,
            rectification_id=node.id,
            version=node.version,
            move=move,
        )
        node = item.rectification
    assert node.get("submitted_on") == "2024-07-01" and node.get("status") == "RETURNED"
    late = findings.rectification_items(store, [node], "2024-07-06", 7)[0]
    assert late.alert is Alert.OVERDUE and late.finding_id == finding.id
    with pytest.raises(Conflict):
        findings.move_rectification(
            store=store,
            actor=ACTOR,
            today=TODAY,
            rectification_id=node.id,
            version=node.version - 1,
            move="submit",
        )
    measure = findings.hold_accountable(
        store=store,
        actor=ACTOR,
        today=TODAY,
        finding_id=finding.id,
        against_id="judge:a",
        measure="移送纪委监委线索",
    )
    assert measure.get("measure") == "CLUE_TRANSFER"
    led = store.neighbours([finding.id], rel_types=[RelType.LED_TO], direction=Direction.OUT)
    assert [n.node.id for n in led[finding.id]] == [measure.id]
    with pytest.raises(ValidationError) as raised:
        findings.hold_accountable(
            store=store,
            actor=ACTOR,
            today=TODAY,
            finding_id=finding.id,
            against_id="judge:a",
            measure="罚酒三杯",
        )
    assert raised.value.errors[0].field == "measure"
    assert store.counts().nodes[NodeKind.Accountability] == 1
