"""What an agreement in force shares across the border, and what stays hidden (issue 13):
the other side's bodies working together under it, the actions, meetings and cases under it,
and what its joint actions found; nothing else, and nothing after its last day."""

from __future__ import annotations

from typing import Any

import pytest

from graph.errors import Forbidden, NotFound
from graph.model.enums import NodeKind as K
from graph.model.enums import RelType as R
from graph.model.validate import make_node, make_rel
from graph.store import Batch, GraphStore
from workflows.access import REGION_FIELD, Access, Principal, Role, SharedItems
from workflows.joint import findings, recognition
from workflows.usecase import call

TODAY = "2025-06-30"


def agency(id_: str, name: str, code: str, kind: str = "COMMISSION") -> Any:
    level = "PROVINCE" if code.endswith("0000") else "CITY"
    return make_node(
        K.Agency, id_, {"name": name, "kind": kind, "level": level, "region_code": code}
    )


def action(id_: str, code: str) -> Any:
    props = {"title": id_, "kind": "INSPECTION", "status": "ONGOING", "region_code": code}
    return make_node(K.SupervisionAction, id_, {**props, "started_on": "2025-01-01"})


def finding(id_: str, code: str) -> Any:
    props = {"title": id_, "category": "EXCESSIVE", "severity": "MINOR", "region_code": code}
    return make_node(K.Finding, id_, {**props, "found_on": "2025-02-01"})


def agreement(id_: str, signed: str, until: str | None = None) -> Any:
    props = {"title": id_, "tier": "BILATERAL", "level_pair": "CITY_DISTRICT", "signed_on": signed}
    return make_node(K.Agreement, id_, {**props, **({"valid_to": until} if until else {})})


def link(type_: R, start: str, end: str) -> Any:
    return make_rel(type_, None, start, end, {})


def write_border(store: GraphStore) -> None:
    """Chengdu and Chongqing under an agreement in force (ag:now), a Chengdu court and a
    Jiangbei court under one that ended (ag:old), and Chongqing's work outside both."""
    nodes = [
        agency("cd-comm", "成都市委政法委", "510100"),
        agency("cd-court", "成都市中级人民法院", "510100", "COURT"),
        agency("cq-comm", "重庆市委政法委", "500000"),
        agency("jb-court", "江北区人民法院", "500105", "COURT"),
        agency("cq-other", "渝北区人民法院", "500112", "COURT"),
        agreement("ag:now", "2024-01-01", "2099-12-31"),
        agreement("ag:old", "2020-01-01", "2021-12-31"),
        action("act:cq", "500000"),  # Chongqing's action under ag:now
        action("act:joint", "500000"),  # conducted by both sides, Chongqing leading
        action("act:cq-own", "500000"),  # Chongqing's own, under no agreement
        action("act:old", "500105"),  # under the agreement that ended
        finding("f:cq", "500105"),
        finding("f:cq-own", "500105"),
        finding("f:old", "500105"),
        make_node(
            K.Rectification,
            "r:cq",
            {
                "title": "整改",
                "status": "ISSUED",
                "issued_on": "2025-02-02",
                "deadline": "2025-09-30",
                "region_code": "500105",
            },
        ),
        make_node(
            K.Accountability,
            "acc:cq",
            {"measure": "CRITICISM", "decided_on": "2025-03-01", "region_code": "500105"},
        ),
    ]
    rels = [
        link(R.SIGNED_BY, "ag:now", "cd-comm"),
        link(R.SIGNED_BY, "ag:now", "cq-comm"),
        link(R.SIGNED_BY, "ag:old", "cd-court"),
        link(R.SIGNED_BY, "ag:old", "jb-court"),
        link(R.UNDER, "act:cq", "ag:now"),
        link(R.UNDER, "act:joint", "ag:now"),
        link(R.UNDER, "act:old", "ag:old"),
        link(R.CONDUCTED_BY, "act:cq", "cq-comm"),
        link(R.CONDUCTED_BY, "act:joint", "cq-comm"),
        link(R.CONDUCTED_BY, "act:joint", "cd-comm"),
        link(R.CONDUCTED_BY, "act:cq-own", "cq-comm"),
        link(R.CONDUCTED_BY, "act:old", "jb-court"),
        link(R.TARGETS, "act:cq", "jb-court"),
        link(R.FOUND, "act:cq", "f:cq"),
        link(R.FOUND, "act:cq-own", "f:cq-own"),
        link(R.FOUND, "act:old", "f:old"),
        link(R.CONCERNS, "f:cq", "jb-court"),
        link(R.REQUIRES, "f:cq", "r:cq"),
        link(R.LED_TO, "f:cq", "acc:cq"),
    ]
    store.write(Batch(nodes=nodes, rels=rels))


def access(store: GraphStore, region: str, role: str = "supervisor") -> Access:
    return Access(Principal(f"{role}@{region}", Role(role), region), SharedItems(store))


ALL = [
    "cd-comm", "cd-court", "cq-comm", "jb-court", "cq-other", "ag:now", "ag:old", "act:cq",
    "act:joint", "act:cq-own", "act:old", "f:cq", "f:cq-own", "f:old", "r:cq", "acc:cq",
]  # fmt: skip


def seen(store: GraphStore, who: Access) -> set[str]:
    found = store.get_nodes(ALL)
    by_id = {i for i, n in found.items() if who.can_see(n)}
    listed = {n.id for kind in K for n in store.list_nodes(kind, who.conditions(kind)).items} & set(
        ALL
    )
    assert by_id == listed, "a node read by id and a list agree on what is visible"
    # Known by kind, id and region alone (the caller names no agency: nothing concealed).
    values = {i for i, n in found.items() if who.may_see(n.kind, i, n.get(REGION_FIELD[n.kind]))}
    assert values == by_id
    return by_id


@pytest.fixture(autouse=True)
def _deployment_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("workflows.days.today", lambda *_, **__: TODAY)


def test_an_agreement_in_force_shares_what_working_together_needs(store: GraphStore) -> None:
    write_border(store)
    shared_with_chengdu = {
        "ag:now", "ag:old", "cq-comm", "act:cq", "act:joint", "f:cq", "r:cq", "acc:cq",
    }  # fmt: skip
    assert seen(store, access(store, "510100")) == {"cd-comm", "cd-court"} | shared_with_chengdu
    # Both ways: Chongqing sees the Chengdu party, the bodies of the Chengdu area it speaks
    # for, and the joint action. Chengdu sees the Chongqing party, but no other Chongqing
    # body: a province-level party speaks only for itself.
    chongqing = seen(store, access(store, "500000"))
    assert {"cd-comm", "cd-court", "ag:now", "act:joint"} <= chongqing
    assert "cq-other" not in seen(store, access(store, "510100"))


def test_an_agreement_that_ended_shares_nothing_from_the_day_after(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_border(store)
    monkeypatch.setattr("workflows.days.today", lambda *_, **__: "2021-12-31")
    last_day = seen(store, access(store, "510100"))
    assert {"act:old", "f:old", "jb-court"} <= last_day
    monkeypatch.setattr("workflows.days.today", lambda *_, **__: "2022-01-01")
    after = seen(store, access(store, "510100"))
    assert not {"act:old", "f:old", "jb-court"} & after and "ag:old" in after


def test_a_chengdu_supervisor_recognises_a_chongqing_finding_with_its_own_body(
    store: GraphStore,
) -> None:
    write_border(store)
    chengdu = access(store, "510100")
    done = call(
        recognition.recognize_finding, store=store, access=chengdu, finding_id="f:cq",
        by_id="cd-comm", scope="采信检查结论", today=TODAY,
    )  # fmt: skip
    assert done.finding.id == "f:cq"
    with pytest.raises(NotFound) as hidden:
        call(
            recognition.recognize_finding, store=store, access=chengdu, finding_id="f:cq-own",
            by_id="cd-comm", scope="x", today=TODAY,
        )  # fmt: skip
    assert hidden.value.field == "finding_id"
    with pytest.raises(Forbidden):  # on behalf of the other side's body: never
        call(
            recognition.recognize_finding, store=store, access=chengdu, finding_id="f:cq",
            by_id="cq-comm", scope="x", today=TODAY,
        )  # fmt: skip


def test_each_side_records_findings_of_a_joint_action_it_conducts(store: GraphStore) -> None:
    write_border(store)
    chengdu = access(store, "510100")
    arguments = {
        "title": "超期羁押", "category": "EXCESSIVE", "severity": "MINOR", "today": TODAY,
    }  # fmt: skip
    found = call(
        findings.record_finding, store=store, access=chengdu, action_id="act:joint",
        concerns_ids=["cd-court"], **arguments,
    )  # fmt: skip
    assert found.props["region_code"] == "510100"
    with pytest.raises(Forbidden):  # Chengdu does not conduct act:cq
        call(
            findings.record_finding, store=store, access=chengdu, action_id="act:cq",
            concerns_ids=["cd-court"], **arguments,
        )  # fmt: skip
    with pytest.raises(Forbidden):  # nor may it record findings about Chongqing's units
        call(
            findings.record_finding, store=store, access=chengdu, action_id="act:joint",
            concerns_ids=["cq-comm"], **arguments,
        )  # fmt: skip


def test_a_visit_is_not_judged_by_its_region_alone_for_an_agency(store: GraphStore) -> None:
    """An agency's caller may not see an unannounced visit its agency does not conduct:
    that needs the record, so ``may_see`` refuses to judge a visit for it."""
    who = Access(Principal("a", Role.SUPERVISOR, "510100", agency="cd-comm"), SharedItems(store))
    with pytest.raises(ValueError, match="can_see"):
        who.may_see(K.SupervisionAction, "act:cq", "510100")
    assert who.may_see(K.Finding, "f:any", "510104")
    assert not who.may_see(K.Finding, "f:any", "500000")
