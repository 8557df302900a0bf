"""Mutual recognition (结果互认互用): recognising findings, what a planned action can reuse,
and duplicate inspections of one target by several modes."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from graph.errors import NotFound, ValidationError
from graph.model.enums import ActionKind
from graph.store import GraphStore
from tests.worlds.county_court import ACTOR, TODAY, build
from workflows import actions
from workflows.joint import findings, recognition

COURT = "court:510104"


@dataclass(frozen=True)
class Scene:
    store: GraphStore
    political: str
    inspection: str
    planned: str
    finding: str


@pytest.fixture
def scene(store: GraphStore) -> Scene:
    build(store)

    def act(kind: ActionKind, bodies: list[str], start: str, end: str | None) -> str:
        return actions.open_action(
            store=store,
            actor=ACTOR,
            today=TODAY,
            kind=kind,
            title=f"{kind.label}锦江区法院",
            conductor_ids=bodies,
            target_ids=[COURT],
            started_on=start,
            ended_on=end,
        ).action.id

    political = act(
        ActionKind.POLITICAL_INSPECTION, ["commission:510000"], "2024-01-10", "2024-01-20"
    )
    inspection = act(ActionKind.INSPECTION, ["commission:510100"], "2024-01-15", "2024-01-25")
    planned = act(
        ActionKind.DISCIPLINE_PATROL, ["commission:510100", "discipline:510100"], "2024-08-01", None
    )
    finding = findings.record_finding(
        store=store,
        actor=ACTOR,
        today=TODAY,
        action_id=political,
        title="办案拖延、推诿扯皮",
        category="作风问题",
        severity="SERIOUS",
        concerns_ids=[COURT],
        found_on="2024-01-21",
    ).id
    return Scene(store, political, inspection, planned, finding)


def _recognize(scene: Scene, by: str, on: str | None = None) -> recognition.FindingRecord:
    return recognition.recognize_finding(
        store=scene.store,
        actor=ACTOR,
        today=TODAY,
        finding_id=scene.finding,
        by_id=by,
        scope="政治督察、执法监督结果互认",
        recognized_on=on,
    )


def test_overlapping_modes_are_duplicates_until_one_recognises(scene: Scene) -> None:
    found = recognition.duplicate_inspections(store=scene.store)
    assert [(d.target_id, d.action_ids, d.recommendation) for d in found] == [
        (COURT, [scene.political, scene.inspection], recognition.JOINT)
    ]
    assert found[0].finding_ids == [scene.finding]
    assert found[0].modes == [ActionKind.POLITICAL_INSPECTION, ActionKind.INSPECTION]
    wide = recognition.duplicate_inspections(store=scene.store, window_days=200)
    assert wide[0].action_ids == [scene.political, scene.inspection, scene.planned]
    assert recognition.duplicate_inspections(store=scene.store, region="510700") == []
    _recognize(scene, scene.inspection, "2024-01-25")
    assert recognition.duplicate_inspections(store=scene.store) == []


def test_a_planned_action_can_reuse_recent_findings(scene: Scene) -> None:
    reusable = recognition.reusable_findings(store=scene.store, action_id=scene.planned)
    assert [r.finding.id for r in reusable] == [scene.finding]
    assert reusable[0].mode is ActionKind.POLITICAL_INSPECTION
    assert reusable[0].conductor_ids == ["commission:510000"]
    short = recognition.reusable_findings(
        store=scene.store, action_id=scene.planned, window_days=30
    )
    assert short == []
    _recognize(scene, scene.planned)
    assert recognition.reusable_findings(store=scene.store, action_id=scene.planned) == []


def test_findings_about_a_target_show_who_recognised_them(scene: Scene) -> None:
    _recognize(scene, "discipline:510100", "2024-02-01")
    record = _recognize(scene, scene.inspection)
    assert {(r.by_id, r.recognized_on) for r in record.recognitions} == {
        ("discipline:510100", "2024-02-01"),
        (scene.inspection, TODAY),
    }
    about = recognition.findings_about(store=scene.store, target_id=COURT)
    assert [r.finding.id for r in about] == [scene.finding]
    assert about[0].recognitions == record.recognitions
    assert recognition.findings_about(store=scene.store, target_id="judge:a") == []


def test_invalid_recognitions_change_nothing(scene: Scene) -> None:
    for by in (scene.political, "commission:510000"):
        with pytest.raises(ValidationError) as raised:
            _recognize(scene, by)
        assert raised.value.errors[0].field == "by_id"
    with pytest.raises(ValidationError) as raised:
        _recognize(scene, scene.inspection, "2024-01-01")
    assert raised.value.errors[0].field == "recognized_on"
    _recognize(scene, scene.inspection)
    with pytest.raises(ValidationError, match="already"):
        _recognize(scene, scene.inspection)
    with pytest.raises(NotFound, match="by_id"):
        _recognize(scene, "agency:nowhere")
    assert len(recognition.findings_about(store=scene.store, target_id=COURT)[0].recognitions) == 1
