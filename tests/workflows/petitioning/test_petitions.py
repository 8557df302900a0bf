"""Petitions (涉法涉诉信访): registration, lifecycle, time limits, extension, repeats."""

from __future__ import annotations

import pytest

from graph.errors import Conflict, InvalidTransition, NotFound, ValidationError
from graph.model.enums import NodeKind
from graph.store import GraphStore
from tests.worlds.county_court import ACTOR, TODAY, build
from workflows.days import Alert
from workflows.petitioning import petitions


@pytest.fixture
def world(store: GraphStore) -> GraphStore:
    build(store)
    return store


def _register(
    store: GraphStore, number: str, received: str, case: str = "case:civil"
) -> petitions.PetitionItem:
    return petitions.register_petition(
        store=store,
        actor=ACTOR,
        today=TODAY,
        number=number,
        channel="来访",
        region_code="510104",
        received_on=received,
        petitioner_id="party:p",
        case_id=case,
        against_ids=["judge:a", "court:510104"],
        assigned_to_id="court:510104",
    )


def _move(
    store: GraphStore, item: petitions.PetitionItem, move: str, today: str
) -> petitions.PetitionItem:
    return petitions.move_petition(
        store=store,
        actor=ACTOR,
        today=today,
        complaint_id=item.complaint.id,
        version=item.complaint.version,
        move=move,
    )


def test_registration_links_the_case_and_starts_the_clock(world: GraphStore) -> None:
    item = _register(world, "XF1", "2024-06-20")
    assert item.complaint.get("status") == "REGISTERED"
    assert item.petitioner_id == "party:p" and item.case_ids == ["case:civil"]
    assert item.clock.accept_by == "2024-07-05" and item.clock.alert is None
    assert world.get_nodes(["case:civil"])["case:civil"].get("petition_related") is True
    assert petitions.clock(item.complaint, "2024-07-03").alert is Alert.WARNING
    assert petitions.clock(item.complaint, "2024-07-06").alert is Alert.OVERDUE


def test_lifecycle_dates_and_limits(world: GraphStore) -> None:
    item = _register(world, "XF1", "2024-03-01")
    item = _move(world, item, "accept", "2024-03-20")
    assert item.complaint.get("accepted_on") == "2024-03-20"
    assert item.clock.accepted_late and item.clock.finish_by == "2024-05-19"
    item = _move(world, item, "handle", "2024-03-21")
    item = petitions.extend_petition(
        store=world,
        actor=ACTOR,
        today="2024-05-10",
        complaint_id=item.complaint.id,
        version=item.complaint.version,
        reason="需补充调查",
    )
    assert item.clock.finish_by == "2024-06-18"
    with pytest.raises(InvalidTransition):
        petitions.extend_petition(
            store=world,
            actor=ACTOR,
            today="2024-05-11",
            complaint_id=item.complaint.id,
            version=item.complaint.version,
            reason="再次延期",
        )
    item = _move(world, item, "resolve", "2024-06-25")
    assert item.clock.finished_late and item.clock.alert is None
    item = _move(world, item, "terminate", "2024-06-28")
    assert item.complaint.get("finished_on") == "2024-06-25"
    assert item.complaint.get("status") == "TERMINATED"


def test_invalid_moves_and_inputs(world: GraphStore) -> None:
    item = _register(world, "XF1", "2024-06-01")
    with pytest.raises(InvalidTransition):
        _move(world, item, "resolve", TODAY)
    with pytest.raises(InvalidTransition):
        petitions.extend_petition(
            store=world,
            actor=ACTOR,
            today=TODAY,
            complaint_id=item.complaint.id,
            version=item.complaint.version,
            reason="x",
        )
    accepted = _move(world, item, "accept", "2024-06-02")
    with pytest.raises(Conflict):
        _move(world, item, "accept", "2024-06-02")
    with pytest.raises(ValidationError) as raised:
        petitions.extend_petition(
            store=world,
            actor=ACTOR,
            today="2024-08-30",
            complaint_id=accepted.complaint.id,
            version=accepted.complaint.version,
            reason="太晚了",
        )
    assert raised.value.errors[0].field == "today"
    with pytest.raises(ValidationError) as raised:
        petitions.register_petition(
            store=world,
            actor=ACTOR,
            today=TODAY,
            number="XF2",
            channel="飞鸽",
            region_code="510104",
            received_on="2024-07-01",
            petitioner_id="party:p",
        )
    assert raised.value.errors[0].field == "received_on"
    with pytest.raises(ValidationError) as raised:
        petitions.register_petition(
            store=world,
            actor=ACTOR,
            today=TODAY,
            number="XF2",
            channel="飞鸽",
            region_code="510104",
            received_on="2024-06-01",
            petitioner_id="party:p",
        )
    assert raised.value.errors[0].field == "channel"
    with pytest.raises(NotFound, match="against_ids"):
        petitions.register_petition(
            store=world,
            actor=ACTOR,
            today=TODAY,
            number="XF2",
            channel="LETTER",
            region_code="510104",
            received_on="2024-06-01",
            petitioner_id="party:p",
            against_ids=["judge:nobody"],
        )
    assert world.counts().nodes[NodeKind.Complaint] == 1


def test_repeat_petitions_by_petitioner_and_by_case(world: GraphStore) -> None:
    ids = [_register(world, f"XF{k}", f"2024-0{k}-01").complaint.id for k in range(1, 4)]
    other = _register(world, "XF9", "2024-05-01", case="case:criminal").complaint.id
    groups = petitions.repeat_petitions(store=world, min_count=3)
    by = {(g.by, g.key_id): g for g in groups}
    assert set(by) == {("petitioner", "party:p"), ("case", "case:civil")}
    assert by[("case", "case:civil")].complaint_ids == sorted(ids)
    assert by[("petitioner", "party:p")].complaint_ids == sorted([*ids, other])
    assert by[("case", "case:civil")].agency_ids == ["court:510104"]
    assert by[("case", "case:civil")].span_days == 60
    assert petitions.repeat_petitions(store=world, min_count=3, since="2024-02-01") == [
        petitions.RepeatGroup(
            "petitioner",
            "party:p",
            sorted([*ids[1:], other]),
            ["court:510104"],
            "2024-02-01",
            "2024-05-01",
            90,
        )
    ]
    cases = petitions.petitions_of_case(store=world, today=TODAY, case_id="case:civil")
    assert [p.complaint.id for p in cases] == ids


def test_two_people_of_one_name_are_two_petitioners(world: GraphStore) -> None:
    """A petitioner is the person who FILED, never a name: two people called 陈信访 with two
    petitions each, about different cases, are no repeat (just below the threshold of 3),
    and a third petition by one of them is (just at it)."""
    from graph.model.validate import make_node
    from graph.store import Batch

    twin = make_node(
        "Official", "party:q", {"name": "陈信访", "role": "PARTY", "region_code": "510104"}
    )
    world.write(Batch(nodes=[twin]))

    def register(number: str, who: str, case: str) -> None:
        petitions.register_petition(
            store=world, actor=ACTOR, today=TODAY, number=number, channel="来访",
            region_code="510104", received_on="2024-03-01", petitioner_id=who, case_id=case,
        )  # fmt: skip

    register("XF1", "party:p", "case:civil")
    register("XF2", "party:p", "case:criminal")
    register("XF3", "party:q", "case:civil")
    register("XF4", "party:q", "case:criminal")
    assert petitions.repeat_petitions(store=world, min_count=3) == []
    register("XF5", "party:q", "case:criminal")
    found = petitions.repeat_petitions(store=world, min_count=3)
    assert sorted((g.by, g.key_id, len(g.complaint_ids)) for g in found) == [
        ("case", "case:criminal", 3),
        ("petitioner", "party:q", 3),
    ]
