"""Officers protected beyond petitions (workflows.supervision.protection), on both stores:
reports to a discipline body concluded within their limit, a false one clearing the officers;
incidents against officers handled, clearing names where asked; what waits too long listed."""

from __future__ import annotations

import pytest

from graph.errors import ValidationError
from graph.model.enums import RelType
from graph.store import GraphStore
from tests.worlds.county_court import ACTOR, build
from workflows.supervision import clearance, protection

TODAY = "2024-06-30"


def test_a_false_report_clears_the_officers_it_accused(store: GraphStore) -> None:
    build(store)  # it holds 成都市纪委监委 (discipline:510100)
    filed = protection.register_report(
        store=store,
        actor=ACTOR,
        today=TODAY,
        number="JJ-2024-007",
        discipline_id="discipline:510100",
        official_ids=["judge:a", "judge:b"],
        received_on="2024-02-01",
    )
    report = filed.node
    assert (report.props["due_on"], report.props["status"]) == ("2024-05-01", "RECEIVED")
    assert [r.id for r in protection.overdue_reports(store=store, today=TODAY)] == [report.id]
    assert protection.overdue_reports(store=store, today="2024-05-01") == []
    for bad, field in (
        ({"outcome": "RECEIVED"}, "outcome"),
        ({"outcome": "未定"}, "outcome"),
        ({"outcome": "FALSE", "concluded_on": "2024-01-31"}, "concluded_on"),
    ):
        with pytest.raises(ValidationError) as refused:
            protection.conclude_report(
                store=store, actor=ACTOR, today=TODAY, report_id=report.id, version=1, **bad
            )
        assert refused.value.errors[0].field == field
    done = protection.conclude_report(
        store=store, actor=ACTOR, today=TODAY, report_id=report.id, version=1, outcome="诬告陷害"
    )
    assert done.node.props["status"] == "FALSE_ACCUSATION"
    assert len(done.clearance_ids) == 2
    cleared = clearance.cleared_officials(store=store)
    assert sorted(c.official.id for c in cleared) == ["judge:a", "judge:b"]
    follows = store.neighbours(done.clearance_ids, rel_types=[RelType.FOLLOWS])
    assert {n.node.id for ns in follows.values() for n in ns} == {report.id}
    assert protection.overdue_reports(store=store, today=TODAY) == []
    with pytest.raises(ValidationError):
        protection.conclude_report(
            store=store, actor=ACTOR, today=TODAY, report_id=report.id, version=2, outcome="TRUE"
        )
    true = protection.register_report(
        store=store,
        actor=ACTOR,
        today=TODAY,
        number="JJ-2024-008",
        discipline_id="discipline:510100",
        official_ids=["judge:a"],
    ).node
    kept = protection.conclude_report(
        store=store, actor=ACTOR, today=TODAY, report_id=true.id, version=1, outcome="TRUE"
    )
    assert kept.clearance_ids == []
    with pytest.raises(ValidationError) as not_discipline:
        protection.register_report(
            store=store,
            actor=ACTOR,
            today=TODAY,
            number="X",
            discipline_id="court:510104",
            official_ids=["judge:a"],
        )
    assert not_discipline.value.errors[0].field == "discipline_id"


def test_incidents_against_officers_are_handled_and_names_cleared(store: GraphStore) -> None:
    build(store)
    assault = protection.record_incident(
        store=store,
        actor=ACTOR,
        today=TODAY,
        kind="袭警",
        official_ids=["judge:a"],
        occurred_on="2024-04-01",
        region_code="510104",
        case_id="case:civil",
    ).node
    insult = protection.record_incident(
        store=store,
        actor=ACTOR,
        today=TODAY,
        kind="INSULT",
        official_ids=["judge:b"],
        occurred_on="2024-06-20",
        region_code="510104",
    ).node
    pending = protection.incidents_pending(store=store, today=TODAY)
    assert [n.id for n in pending] == [assault.id]  # the insult is 10 days old
    handled = protection.handle_incident(
        store=store,
        actor=ACTOR,
        today=TODAY,
        incident_id=assault.id,
        version=1,
        handling="PROSECUTED",
    )
    assert (handled.node.props["handling"], handled.clearance_ids) == ("PROSECUTED", [])
    smeared = protection.handle_incident(
        store=store,
        actor=ACTOR,
        today=TODAY,
        incident_id=insult.id,
        version=1,
        handling="治安管理处罚",
        clear_names=True,
    )
    assert len(smeared.clearance_ids) == 1
    assert [c.official.id for c in clearance.cleared_officials(store=store)] == ["judge:b"]
    assert protection.incidents_pending(store=store, today="2024-12-31") == []
    for bad, field in (
        ({"kind": "斗殴"}, "kind"),
        ({"official_ids": []}, "official_ids"),
        ({"occurred_on": "2024-07-01"}, "occurred_on"),
    ):
        arguments = {
            "kind": "ASSAULT",
            "official_ids": ["judge:a"],
            "occurred_on": "2024-04-01",
            "region_code": "510104",
            **bad,
        }
        with pytest.raises(ValidationError) as refused:
            protection.record_incident(store=store, actor=ACTOR, today=TODAY, **arguments)
        assert refused.value.errors[0].field == field
    with pytest.raises(ValidationError) as twice:
        protection.handle_incident(
            store=store,
            actor=ACTOR,
            today=TODAY,
            incident_id=assault.id,
            version=2,
            handling="EDUCATED",
        )
    assert twice.value.errors[0].field == "incident_id"
