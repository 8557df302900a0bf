"""The yearly private-enterprise batch (涉民营企业案件专项督办): selection by rules with reasons."""

from __future__ import annotations

import pytest

from graph.errors import ValidationError
from graph.model.enums import RelType
from graph.store import Direction, GraphStore
from tests.worlds.county_court import ACTOR, TODAY, add_case, build
from workflows.petitioning import enterprise, petitions


def test_selection_reasons_and_the_batch(store: GraphStore) -> None:
    build(store)
    add_case(
        store,
        "case:pe1",
        "court:510104",
        "2024-01-10",
        private_enterprise=True,
        major_sensitive=True,
    )
    add_case(
        store,
        "case:closed",
        "court:510104",
        "2022-01-10",
        private_enterprise=True,
        major_sensitive=True,
        closed_on="2023-06-01",
    )
    add_case(store, "case:plain", "court:510104", "2024-03-01", private_enterprise=True)
    petitions.register_petition(
        store=store,
        actor=ACTOR,
        today=TODAY,
        number="XF1",
        channel="VISIT",
        region_code="510104",
        received_on="2024-04-01",
        petitioner_id="party:p",
        case_id="case:pe1",
    )
    chosen = enterprise.select_private_enterprise_cases(store=store, today=TODAY, year=2024)
    assert [(c.case.id, c.reasons) for c in chosen] == [
        ("case:pe1", ["重大敏感", "涉法涉诉信访1件"]),
        ("case:criminal", ["久拖未结(已426天)"]),
    ]
    assert enterprise.select_private_enterprise_cases(store=store, today=TODAY, year=2022) == [
        enterprise.BatchCandidate(store.get_nodes(["case:closed"])["case:closed"], ["重大敏感"])
    ]

    def open_batch(cases: list[str]) -> enterprise.EnterpriseBatch:
        return enterprise.open_private_enterprise_batch(
            store=store,
            actor=ACTOR,
            today=TODAY,
            year=2024,
            lead_agency_id="commission:510100",
            deadline="2024-12-31",
            case_ids=cases,
        )

    with pytest.raises(ValidationError) as raised:
        open_batch(["case:pe1", "case:plain"])
    assert [e.field for e in raised.value.errors] == ["case_ids.case:plain"]
    batch = open_batch(["case:pe1", "case:criminal"])
    assert batch.batch.get("scope_flags") == ["private_enterprise"]
    assert [i.action.get("selection_reasons") for i in batch.items] == [
        ["重大敏感", "涉法涉诉信访1件"],
        ["久拖未结(已426天)"],
    ]
    parts = store.neighbours([batch.batch.id], rel_types=[RelType.PART_OF], direction=Direction.IN)
    assert {n.node.id for n in parts[batch.batch.id]} == {i.action.id for i in batch.items}
    assert enterprise.select_private_enterprise_cases(store=store, today=TODAY, year=2024) == []
    with pytest.raises(ValidationError) as raised:
        open_batch(["case:pe1"])
    assert raised.value.errors[0].field == "year"


def test_a_case_filed_in_a_month_is_long_pending_only_from_its_last_day(
    store: GraphStore,
) -> None:
    """Filed "2023-06": on 2024-06-30 it has been pending at least 366 days (from 30 June),
    perhaps 395 (from 1 June); it passes a limit only when the shortest count does."""
    build(store)
    add_case(store, "case:month", "court:510104", "2023-06", private_enterprise=True)

    def chosen(limit: int) -> list[tuple[str, list[str]]]:
        found = enterprise.select_private_enterprise_cases(
            store=store, today=TODAY, year=2024, long_pending_days=limit
        )
        return [(c.case.id, c.reasons) for c in found]

    assert chosen(366) == [("case:criminal", ["久拖未结(已426天)"])]
    assert chosen(365) == [
        ("case:criminal", ["久拖未结(已426天)"]),
        ("case:month", ["久拖未结(已366天)"]),
    ]
