"""Clearing names (澄清正名) after a petition is found false."""

from __future__ import annotations

import pytest

from graph.errors import Conflict, InvalidTransition, ValidationError
from graph.model.enums import NodeKind
from graph.store import GraphStore
from tests.worlds.county_court import ACTOR, TODAY, build
from workflows.petitioning import petitions
from workflows.supervision import clearance


def _handled_petition(store: GraphStore, ending: str) -> petitions.PetitionItem:
    item = petitions.register_petition(
        store=store,
        actor=ACTOR,
        today=TODAY,
        number="XF1",
        channel="LETTER",
        region_code="510104",
        received_on="2024-03-01",
        petitioner_id="party:p",
        case_id="case:civil",
        against_ids=["judge:a", "judge:b", "court:510104"],
    )
    for move, on in (("accept", "2024-03-05"), ("handle", "2024-03-06"), (ending, "2024-04-20")):
        item = petitions.move_petition(
            store=store,
            actor=ACTOR,
            today=on,
            complaint_id=item.complaint.id,
            version=item.complaint.version,
            move=move,
        )
    return item


def test_a_false_petition_clears_every_accused_official(store: GraphStore) -> None:
    build(store)
    item = _handled_petition(store, "terminate")
    cleared = clearance.find_false(
        store=store,
        actor=ACTOR,
        today=TODAY,
        complaint_id=item.complaint.id,
        version=item.complaint.version,
        decided_on="2024-05-10",
    )
    assert sorted(c.official_id for c in cleared) == ["judge:a", "judge:b"]
    complaint = store.get_nodes([item.complaint.id])[item.complaint.id]
    assert complaint.get("found_false") is True
    listed = clearance.cleared_officials(store=store, region="510100")
    assert [o.official.id for o in listed] == ["judge:b", "judge:a"]
    assert listed[0].clearances[0].complaint_id == item.complaint.id
    assert listed[0].clearances[0].clearance.get("decided_on") == "2024-05-10"
    assert clearance.cleared_officials(store=store, since="2024-06-01") == []
    assert clearance.cleared_officials(store=store, region="510700") == []
    with pytest.raises(Conflict):
        clearance.find_false(
            store=store,
            actor=ACTOR,
            today=TODAY,
            complaint_id=item.complaint.id,
            version=item.complaint.version,
        )
    with pytest.raises(ValidationError, match="already"):
        clearance.find_false(
            store=store,
            actor=ACTOR,
            today=TODAY,
            complaint_id=item.complaint.id,
            version=complaint.version,
        )


def test_only_a_handled_uncorrected_petition_can_be_found_false(store: GraphStore) -> None:
    build(store)
    item = _handled_petition(store, "correct")
    with pytest.raises(InvalidTransition):
        clearance.find_false(
            store=store,
            actor=ACTOR,
            today=TODAY,
            complaint_id=item.complaint.id,
            version=item.complaint.version,
        )
    assert store.counts().nodes[NodeKind.Clearance] == 0
