"""The timeline of an entity on both backends: its own dates, its audited creation and state
changes, and the records touching it, oldest first; hidden records left out."""

from __future__ import annotations

from graph.model.enums import NodeKind as K
from graph.model.enums import RelType as R
from graph.store import GraphStore
from tests.worlds.exploration import Scene, access
from workflows import days
from workflows import generic as records
from workflows.explore.timeline import timeline
from workflows.usecase import call


def _case_world(store: GraphStore) -> str:
    """A case created through the API's use case, and what happened around it."""
    admin = access(store)
    case = call(
        records.create_node,
        store=store,
        access=admin,
        kind=K.Case,
        props={
            "case_number": "(2021)川0104民初9号", "cause": "合同纠纷", "kind": "CIVIL",
            "stage": "TRIAL", "region_code": "510104", "filed_on": "2021-03",
            "closed_on": "2023-06-30",
        },
    )  # fmt: skip
    s = Scene()
    s.official("official:h", "承办人", "510104")
    s.link(R.HANDLED, "official:h", case.id, role="承办法官", valid_from="2021-03-15")
    s.complaint("complaint:t", "510104", "2021-09-01")
    s.link(R.CONCERNS, "complaint:t", case.id)
    s.complaint("complaint:far", "510400", "2021-10-01")
    s.link(R.CONCERNS, "complaint:far", case.id)
    s.action("action:t", "CASE_REVIEW", "510104", "2022-02-01", "2022-02-10")
    s.link(R.TARGETS, "action:t", case.id)
    s.node(
        K.Finding, "finding:t", title="程序瑕疵", category="PROCEDURAL", severity="MINOR",
        found_on="2022-02-20", region_code="510104",
    )  # fmt: skip
    s.link(R.FOUND, "action:t", "finding:t")
    s.link(R.CONCERNS, "finding:t", case.id)
    s.node(
        K.Rectification, "rectification:t", title="整改", status="ISSUED",
        issued_on="2022-03-01", deadline="2022-05-01", region_code="510104",
    )  # fmt: skip
    s.link(R.REQUIRES, "finding:t", "rectification:t")
    s.node(
        K.InterventionRecord, "intervention:t", occurred_on="2021-05-05", relation="SELF",
        manner="PHONE", classification="DUTY", stage="TRIAL", region_code="510104",
    )  # fmt: skip
    s.link(R.RECORDS, "intervention:t", case.id)
    s.write(store)
    return case.id


def test_a_case_timeline_lists_what_happened_to_it_in_date_order(store: GraphStore) -> None:
    case_id = _case_world(store)
    today = days.today()
    events = call(timeline, store=store, access=access(store, "viewer", "510100"), id_=case_id)
    assert [(e.date, e.event) for e in events] == [
        ("2021-03", "DATE"),
        ("2021-03-15", "LINKED"),
        ("2021-05-05", "INTERVENTION"),
        ("2021-09-01", "PETITION"),
        ("2022-02-01", "REVIEW"),
        ("2022-02-20", "FINDING"),
        ("2022-03-01", "RECTIFICATION"),
        ("2023-06-30", "DATE"),
        (today, "CREATED"),
    ]
    assert [e.date for e in events] == sorted(e.date for e in events)
    by_code = {e.event: e for e in events}
    assert by_code["RECTIFICATION"].node is not None
    assert by_code["RECTIFICATION"].node.id == "rectification:t"
    assert by_code["RECTIFICATION"].rel is not None
    assert by_code["RECTIFICATION"].rel.type is R.REQUIRES
    assert by_code["LINKED"].label == "承办人(承办)"
    assert events[0].label == "立案日期"
    everyone = call(timeline, store=store, access=access(store), id_=case_id)
    assert [e.node.id for e in everyone if e.event == "PETITION" and e.node] == [
        "complaint:t", "complaint:far",
    ]  # fmt: skip
    assert len(call(timeline, store=store, access=access(store), id_=case_id, first=3)) == 3


def test_a_petition_timeline_shows_its_state_changes_from_the_audit_trail(
    store: GraphStore,
) -> None:
    admin = access(store)
    complaint = call(
        records.create_node,
        store=store,
        access=admin,
        kind=K.Complaint,
        props={
            "number": "XF-1", "channel": "VISIT", "received_on": "2024-01-02",
            "region_code": "510104",
        },
    )  # fmt: skip
    call(
        records.transition,
        store=store,
        access=admin,
        kind=K.Complaint,
        id_=complaint.id,
        version=1,
        move="accept",
    )
    events = call(timeline, store=store, access=admin, id_=complaint.id)
    today = days.today()
    assert [(e.date, e.event, e.label) for e in events] == [
        ("2024-01-02", "DATE", "登记日期"),
        (today, "DATE", "受理日期"),
        (today, "CREATED", "创建记录"),
        (today, "STATUS", "状态变更: 登记 → 受理"),
    ]
