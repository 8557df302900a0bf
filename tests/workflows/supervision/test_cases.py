"""Case supervision (督办): lifecycle, deadlines and escalation, 挂牌/重点关注, 三同步 workstreams,
and the coordination record that refuses decisions on evidence, facts or verdicts."""

from __future__ import annotations

import pytest

from graph.errors import Conflict, Forbidden, InvalidTransition, NotFound, ValidationError
from graph.model.enums import ActionKind, NodeKind, RelType
from graph.store import Direction, GraphStore
from tests.worlds.county_court import ACTOR, TODAY, build
from workflows.days import Alert
from workflows.petitioning import workstreams
from workflows.supervision import cases, coordination

LEADER = "commission-leader"


@pytest.fixture
def world(store: GraphStore) -> GraphStore:
    build(store)
    return store


def _open(store: GraphStore, deadline: str = "2024-08-30") -> cases.SupervisionItem:
    return cases.open_supervision(
        store=store,
        actor=ACTOR,
        today=TODAY,
        case_id="case:civil",
        lead_agency_id="commission:510100",
        deadline=deadline,
        reasons=["疑难复杂：事实认定争议较大"],
    )


def _move(
    store: GraphStore, item: cases.SupervisionItem, move: str, **kw: str
) -> cases.SupervisionItem:
    return cases.move_supervision(
        store=store,
        # 交办 approves the proposal: someone other than who proposed it.
        actor=kw.pop("actor", LEADER if move == "assign" else ACTOR),
        today=kw.pop("today", TODAY),
        action_id=item.action.id,
        version=item.action.version,
        move=move,
        **kw,
    )


def test_the_whole_lifecycle_with_a_return(world: GraphStore) -> None:
    item = _open(world)
    assert item.action.get("supervision_status") == "PROPOSED"
    assert item.case_id == "case:civil" and item.assignee_id is None
    item = _move(world, item, "assign", assignee_id="court:510104")
    assert item.assignee_id == "court:510104" and item.action.get("status") == "ONGOING"
    for move in ("urge", "report_progress", "report_completion", "return"):
        item = _move(world, item, move)
    assert item.action.get("supervision_status") == "RETURNED"
    item = _move(world, item, "report_completion")
    item = _move(world, item, "close")
    assert item.action.get("status") == "COMPLETED" and item.action.get("ended_on") == TODAY
    item = _move(world, item, "publish")
    assert item.action.get("supervision_status") == "PUBLISHED" and item.alert is None
    stored = world.get_nodes([item.action.id])[item.action.id]
    assert stored.version == item.action.version
    operations = [e.record.operation for e in world.audit_entries(target=item.action.id)]
    assert operations[0] == "create" and operations[-1] == "transition:publish"


def test_an_invalid_move_changes_nothing(world: GraphStore) -> None:
    item = _open(world)
    with pytest.raises(InvalidTransition) as raised:
        _move(world, item, "close")
    assert raised.value.allowed == ("assign",)
    assert world.get_nodes([item.action.id])[item.action.id].version == item.action.version


def test_a_stale_version_is_a_conflict(world: GraphStore) -> None:
    item = _open(world)
    _move(world, item, "assign", assignee_id="court:510104")
    with pytest.raises(Conflict):
        _move(world, item, "assign", assignee_id="court:510104")


def test_bad_inputs_name_their_field(world: GraphStore) -> None:
    with pytest.raises(ValidationError) as raised:
        _open(world, deadline="2024-06-01")
    assert raised.value.errors[0].field == "deadline"
    with pytest.raises(ValidationError) as raised:
        cases.open_supervision(
            store=world,
            actor=ACTOR,
            today=TODAY,
            case_id="case:civil",
            lead_agency_id="court:510104",
            deadline="2024-08-30",
        )
    assert raised.value.errors[0].field == "lead_agency_id"
    with pytest.raises(NotFound, match="case_id"):
        cases.open_supervision(
            store=world,
            actor=ACTOR,
            today=TODAY,
            case_id="case:missing",
            lead_agency_id="commission:510100",
            deadline="2024-08-30",
        )
    item = _open(world)
    with pytest.raises(ValidationError) as raised:
        _move(world, item, "assign")
    assert raised.value.errors[0].field == "assignee_id"
    with pytest.raises(ValidationError, match=item.action.id) as raised:
        _open(world)
    assert raised.value.errors[0].field == "case_id"
    assert world.counts().nodes[NodeKind.SupervisionAction] == 1


def test_deadline_warns_then_escalates_to_the_level_above(world: GraphStore) -> None:
    item = _move(world, _open(world, deadline="2024-07-05"), "assign", assignee_id="court:510104")
    assert item.alert is Alert.WARNING
    late = "2024-07-06"
    escalated = cases.escalate_overdue(store=world, actor=ACTOR, today=late)
    assert [e.action.id for e in escalated] == [item.action.id]
    assert escalated[0].alert is Alert.OVERDUE
    assert escalated[0].action.get("escalated_on") == late
    assert escalated[0].action.get("level") == "PROVINCE"
    leads = world.neighbours(
        [item.action.id], rel_types=[RelType.CONDUCTED_BY], direction=Direction.OUT
    )[item.action.id]
    assert {(n.node.id, n.rel.get("role")) for n in leads} == {
        ("commission:510100", "牵头"),
        ("commission:510000", "上级督办"),
    }
    assert cases.escalate_overdue(store=world, actor=ACTOR, today="2024-07-07") == []


def test_key_attention_only_for_petition_cases(world: GraphStore) -> None:
    item = _open(world)
    with pytest.raises(ValidationError) as raised:
        cases.set_attention(
            store=world,
            actor=ACTOR,
            today=TODAY,
            action_id=item.action.id,
            version=item.action.version,
            key_attention=True,
        )
    assert raised.value.errors[0].field == "key_attention"
    listed = cases.set_attention(
        store=world,
        actor=ACTOR,
        today=TODAY,
        action_id=item.action.id,
        version=item.action.version,
        listed=True,
    )
    other = cases.open_supervision(
        store=world,
        actor=ACTOR,
        today=TODAY,
        case_id="case:criminal",
        lead_agency_id="commission:510100",
        deadline="2024-07-30",
    )
    found = cases.attention_list(store=world, today=TODAY)
    assert [i.action.id for i in found] == [listed.action.id]
    assert other.action.id not in {i.action.id for i in found}


def test_three_workstreams_must_finish_before_closing(world: GraphStore) -> None:
    item = _move(world, _open(world), "assign", assignee_id="court:510104")
    owners = {"LAWFUL": "court:510104", "舆论引导": "media:510000", "SOCIAL": "police:510104"}
    with pytest.raises(ValidationError) as raised:
        workstreams.plan_workstreams(
            store=world,
            actor=ACTOR,
            today=TODAY,
            action_id=item.action.id,
            version=item.action.version,
            owners={"LAWFUL": "court:510104"},
        )
    assert raised.value.errors[0].field == "owners"
    planned = workstreams.plan_workstreams(
        store=world,
        actor=ACTOR,
        today=TODAY,
        action_id=item.action.id,
        version=item.action.version,
        owners=owners,
    )
    assert [w.workstream.label for w in planned] == ["依法办理", "舆论引导", "社会面管控"]
    item = cases.items(world, [world.get_nodes([item.action.id])[item.action.id]], TODAY, 7)[0]
    item = _move(world, item, "report_completion")
    with pytest.raises(ValidationError, match="舆论引导"):
        _move(world, item, "close")
    for stream in planned:
        node = stream.action
        if stream.workstream.name == "OPINION":
            with pytest.raises(InvalidTransition):
                workstreams.move_workstream(
                    store=world,
                    actor=ACTOR,
                    today=TODAY,
                    workstream_id=node.id,
                    version=node.version,
                    move="complete",
                )
        for move in ("start", "complete"):
            node = workstreams.move_workstream(
                store=world,
                actor=ACTOR,
                today=TODAY,
                workstream_id=node.id,
                version=node.version,
                move=move,
            )
    done = workstreams.workstreams(store=world, action_id=item.action.id)
    assert {w.action.get("status") for w in done} == {"COMPLETED"}
    assert {w.owner_id for w in done} == set(owners.values())
    assert _move(world, item, "close").action.get("supervision_status") == "CLOSED"


def test_coordination_refuses_decisions_on_evidence_facts_or_verdict(world: GraphStore) -> None:
    item = cases.open_supervision(
        store=world,
        actor=ACTOR,
        today=TODAY,
        case_id="case:civil",
        lead_agency_id="commission:510100",
        deadline="2024-08-30",
        kind=ActionKind.CASE_COORDINATION,
        reasons=["管辖争议"],
    )
    with pytest.raises(ValidationError) as raised:
        coordination.record_coordination(
            store=world,
            actor=ACTOR,
            today=TODAY,
            action_id=item.action.id,
            version=item.action.version,
            entries={"procedure": "明确移送时限", "verdict": "维持原判", "证据": "采信鉴定意见"},
        )
    assert [e.field for e in raised.value.errors] == ["entries.verdict", "entries.证据"]
    with pytest.raises(ValidationError) as raised:
        coordination.record_coordination(
            store=world,
            actor=ACTOR,
            today=TODAY,
            action_id=item.action.id,
            version=item.action.version,
            entries={"PROCEDURE": "建议判处缓刑"},
        )
    assert raised.value.errors[0].field == "entries.PROCEDURE"
    assert world.get_nodes([item.action.id])[item.action.id].version == item.action.version
    node = coordination.record_coordination(
        store=world,
        actor=ACTOR,
        today=TODAY,
        action_id=item.action.id,
        version=item.action.version,
        entries={"procedure": "明确移送审查起诉时限", "管辖争议": "由锦江区人民法院管辖"},
    )
    assert node.get("coordination_topics") == ["PROCEDURE", "JURISDICTION"]
    assert "管辖争议:由锦江区人民法院管辖" in node.get("coordination_summary")


def test_prudence_who_may_open_which_case_and_who_approves(world: GraphStore) -> None:
    def attempt(**changes: object) -> cases.SupervisionItem:
        arguments: dict[str, object] = {
            "case_id": "case:civil",
            "lead_agency_id": "commission:510100",
            "deadline": "2024-08-30",
            **changes,
        }
        return cases.open_supervision(store=world, actor=ACTOR, today=TODAY, **arguments)

    for bad, field in (
        ({}, "reasons"),  # neither flagged nor explained
        ({"reasons": ["  "]}, "reasons"),
        ({"lead_agency_id": "commission:510104", "reasons": ["疑难"]}, "lead_agency_id"),
        ({"lead_agency_id": "commission:510700", "reasons": ["疑难"]}, "case_id"),
    ):
        with pytest.raises(ValidationError) as refused:
            attempt(**bad)
        assert refused.value.errors[0].field == field, bad
    flagged = attempt(case_id="case:criminal")
    assert flagged.action.get("selection_reasons") == ["涉民营企业"]
    explained = attempt(reasons=["疑难复杂：事实认定争议较大"])
    assert explained.action.get("selection_reasons") == ["疑难复杂：事实认定争议较大"]
    by_province = attempt(
        case_id="case:criminal",
        lead_agency_id="commission:510000",
        kind=ActionKind.CASE_COORDINATION,
    )
    assert by_province.action.get("level") == "PROVINCE"
    # 交办 approves: not by who proposed it; recorded with who and when.
    with pytest.raises(Forbidden):
        _move(world, explained, "assign", assignee_id="court:510104", actor=ACTOR)
    assigned = _move(world, explained, "assign", assignee_id="court:510104")
    assert (assigned.action.get("approved_by"), assigned.action.get("approved_on")) == (
        LEADER,
        TODAY,
    )
