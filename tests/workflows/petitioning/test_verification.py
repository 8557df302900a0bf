"""减刑假释暂予监外执行 核查 to its end, and 旁听庭审 (workflows.petitioning.verification), on
both stores: conclusion, the procuratorate's opinion, the correction, each in its order and
once; a hearing attended by observers with what they saw."""

from __future__ import annotations

import pytest

from graph.errors import ValidationError
from graph.model.enums import ActionKind, NodeKind, RelType
from graph.model.records import Node
from graph.model.validate import make_node, make_rel
from graph.store import Batch, GraphStore
from tests.worlds.county_court import ACTOR, build
from workflows import actions
from workflows.joint import findings
from workflows.petitioning import verification

TODAY = "2024-06-30"


def _file(store: GraphStore) -> str:
    case = make_node(
        NodeKind.Case,
        "case:commutation",
        {
            "case_number": "(2024)川01刑更1号",
            "cause": "减刑",
            "kind": "CRIMINAL",
            "stage": "PENALTY",
            "region_code": "510100",
            "sentence_change": "COMMUTATION",
        },
    )
    store.write(
        Batch(nodes=[case], rels=[make_rel(RelType.HANDLED_BY, None, case.id, "court:510100", {})])
    )
    return actions.open_action(
        store=store,
        actor=ACTOR,
        today="2024-06-01",
        kind=ActionKind.SENTENCE_VERIFICATION,
        title="减刑案件核查",
        conductor_ids=["commission:510100", "procuratorate:510104"],
        target_ids=[case.id],
        started_on="2024-06-01",
    ).action.id


def _version(store: GraphStore, id_: str) -> int:
    return store.get_nodes([id_])[id_].version


def test_an_irregular_file_goes_through_opinion_to_correction(store: GraphStore) -> None:
    build(store)
    action = _file(store)

    def conclude(conclusion: str) -> Node:
        return verification.conclude_verification(
            store=store,
            actor=ACTOR,
            today=TODAY,
            action_id=action,
            version=_version(store, action),
            conclusion=conclusion,
            summary="减刑幅度超出规定",
        )

    with pytest.raises(ValidationError) as no_finding:
        conclude("IRREGULAR")
    assert no_finding.value.errors[0].field == "conclusion"
    with pytest.raises(ValidationError) as too_early:
        verification.record_correction(
            store=store,
            actor=ACTOR,
            today=TODAY,
            action_id=action,
            version=_version(store, action),
            correction="REVOKED",
        )
    assert too_early.value.errors[0].field == "action_id"
    findings.record_finding(
        store=store,
        actor=ACTOR,
        today="2024-06-10",
        action_id=action,
        title="减刑幅度超出规定",
        category="SUBSTANTIVE",
        severity="SERIOUS",
        concerns_ids=["case:commutation"],
    )
    with pytest.raises(ValidationError) as contradicts:
        conclude("COMPLIANT")
    assert contradicts.value.errors[0].field == "conclusion"
    concluded = conclude("存在问题需纠正")
    assert (concluded.props["verification_conclusion"], concluded.props["status"]) == (
        "IRREGULAR",
        "ONGOING",
    )
    with pytest.raises(ValidationError):
        conclude("IRREGULAR")  # once
    with pytest.raises(ValidationError) as no_opinion:
        verification.record_correction(
            store=store,
            actor=ACTOR,
            today=TODAY,
            action_id=action,
            version=_version(store, action),
            correction="REVOKED",
        )
    assert "opinion" in str(no_opinion.value)
    with pytest.raises(ValidationError) as not_procuratorate:
        verification.record_procuratorate_opinion(
            store=store,
            actor=ACTOR,
            today=TODAY,
            action_id=action,
            version=_version(store, action),
            procuratorate_id="court:510104",
            opinion="建议撤销原减刑裁定",
        )
    assert not_procuratorate.value.errors[0].field == "procuratorate_id"
    verification.record_procuratorate_opinion(
        store=store,
        actor=ACTOR,
        today=TODAY,
        action_id=action,
        version=_version(store, action),
        procuratorate_id="procuratorate:510104",
        opinion="建议撤销原减刑裁定",
        opinion_on="2024-06-20",
    )
    with pytest.raises(ValidationError) as before_opinion:
        verification.record_correction(
            store=store,
            actor=ACTOR,
            today=TODAY,
            action_id=action,
            version=_version(store, action),
            correction="REVOKED",
            corrected_on="2024-06-19",
        )
    assert before_opinion.value.errors[0].field == "corrected_on"
    corrected = verification.record_correction(
        store=store,
        actor=ACTOR,
        today=TODAY,
        action_id=action,
        version=_version(store, action),
        correction="撤销原裁定",
        corrected_on="2024-06-25",
    )
    props = corrected.props
    assert (props["correction"], props["corrected_on"], props["status"], props["ended_on"]) == (
        "REVOKED",
        "2024-06-25",
        "COMPLETED",
        "2024-06-25",
    )
    assert props["opinion_by"] == "procuratorate:510104"
    operations = [e.record.operation for e in store.audit_entries(target=action)]
    assert operations[-3:] == ["conclude", "procuratorate_opinion", "correct"]


def test_a_compliant_file_ends_the_verification(store: GraphStore) -> None:
    build(store)
    action = _file(store)
    done = verification.conclude_verification(
        store=store,
        actor=ACTOR,
        today=TODAY,
        action_id=action,
        version=_version(store, action),
        conclusion="COMPLIANT",
        summary="减刑条件、幅度、程序均符合规定",
    )
    assert (done.props["status"], done.props["ended_on"]) == ("COMPLETED", TODAY)
    other = actions.open_action(
        store=store,
        actor=ACTOR,
        today=TODAY,
        kind=ActionKind.PATROL,
        title="巡查",
        conductor_ids=["commission:510100"],
        target_ids=["court:510104"],
        started_on=TODAY,
    ).action
    with pytest.raises(ValidationError) as wrong_kind:
        verification.conclude_verification(
            store=store,
            actor=ACTOR,
            today=TODAY,
            action_id=other.id,
            version=other.version,
            conclusion="COMPLIANT",
            summary="x",
        )
    assert wrong_kind.value.errors[0].field == "action_id"


def test_a_hearing_attended_with_its_observations(store: GraphStore) -> None:
    build(store)
    item = verification.attend_hearing(
        store=store,
        actor=ACTOR,
        today=TODAY,
        case_id="case:civil",
        conductor_ids=["commission:510100"],
        observer_ids=["reviewer:c"],
        attended_on="2024-06-28",
        observations="庭审程序规范，当事人诉讼权利保障到位；法官释法说理不够充分。",
    )
    action = item.action
    assert (action.props["kind"], action.props["status"]) == ("HEARING_ATTENDANCE", "COMPLETED")
    assert action.props["title"] == "旁听(2023)川0104民初1号庭审"
    observers = store.neighbours([action.id], rel_types=[RelType.REVIEWED_BY])[action.id]
    assert [(n.node.id, n.rel.props["role"]) for n in observers] == [("reviewer:c", "旁听")]
    finding = findings.record_finding(
        store=store,
        actor=ACTOR,
        today=TODAY,
        action_id=action.id,
        title="释法说理不充分",
        category="PROCEDURAL",
        severity="MINOR",
        concerns_ids=["case:civil"],
        found_on="2024-06-28",
    )
    assert finding.props["region_code"] == "510104"
    for bad, field in (
        ({"observer_ids": []}, "observer_ids"),
        ({"observations": " "}, "observations"),
        ({"attended_on": "2024-07-01"}, "attended_on"),
    ):
        arguments = {
            "case_id": "case:civil",
            "conductor_ids": ["commission:510100"],
            "observer_ids": ["reviewer:c"],
            "attended_on": "2024-06-28",
            "observations": "庭审规范",
            **bad,
        }
        with pytest.raises(ValidationError) as refused:
            verification.attend_hearing(store=store, actor=ACTOR, today=TODAY, **arguments)
        assert refused.value.errors[0].field == field
