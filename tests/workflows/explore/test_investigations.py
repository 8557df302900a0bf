"""Saved investigations on both backends: created, read, replaced (audited), a stale version
refused with the store unchanged, bad items named, and the jurisdiction kept."""

from __future__ import annotations

import pytest

from graph.errors import Conflict, Forbidden, NotFound, ValidationError
from graph.model.enums import RelType as R
from graph.store import GraphStore
from tests.worlds.exploration import access, write_web
from workflows.explore.investigations import (
    ItemDraft,
    SavedInvestigation,
    save_investigation,
    saved_investigation,
)
from workflows.usecase import call


def places(found: SavedInvestigation) -> dict[str, tuple[float, float]]:
    return {i.node.id: (i.x, i.y) for i in found.items}


def snapshot(store: GraphStore, id_: str) -> tuple[object, object, int]:
    near = store.neighbours([id_], rel_types=[R.INCLUDES]).get(id_, [])
    return store.get_nodes([id_]).get(id_), sorted(n.rel.id for n in near), store.audit_head()[0]


def test_an_investigation_is_created_read_and_replaced(store: GraphStore) -> None:
    write_web(store)
    supervisor = access(store, "supervisor", "510100")
    created = call(
        save_investigation,
        store=store,
        access=supervisor,
        name="徐某关系研判",
        description="初步",
        items=[ItemDraft("official:x", 10.0, 20.0), ItemDraft("case:3", 30.5, -4.0)],
    )
    inv = created.investigation
    assert (inv.version, inv.get("name"), inv.get("region_code")) == (1, "徐某关系研判", "510100")
    assert places(created) == {"official:x": (10.0, 20.0), "case:3": (30.5, -4.0)}
    # Saved in Chengdu: the province sees it; Panzhihua and a Chengdu district do not.
    read = call(
        saved_investigation, store=store, access=access(store, "viewer", "510000"), id_=inv.id
    )
    assert read is not None and places(read) == places(created)
    for region in ("510400", "510104"):
        outside = access(store, "viewer", region)
        assert call(saved_investigation, store=store, access=outside, id_=inv.id) is None
    entries = store.audit_entries(target=inv.id)
    replaced = call(
        save_investigation,
        store=store,
        access=supervisor,
        id_=inv.id,
        version=1,
        name="徐某关系研判(二)",
        items=[ItemDraft("case:3", 1.0, 2.0), ItemDraft("court:jj", 3.0, 4.0)],
    )
    assert replaced.investigation.version == 2
    assert replaced.investigation.get("description") is None
    assert places(replaced) == {"case:3": (1.0, 2.0), "court:jj": (3.0, 4.0)}
    operations = [e.record.operation for e in store.audit_entries()]
    assert operations.count("unlink") == 1 and operations.count("create") == 1
    assert len(store.audit_entries(target=inv.id)) == len(entries) + 1


def test_a_stale_version_conflicts_and_changes_nothing(store: GraphStore) -> None:
    write_web(store)
    admin = access(store)
    inv = call(
        save_investigation,
        store=store,
        access=admin,
        name="研判",
        items=[ItemDraft("official:x", 0.0, 0.0)],
    ).investigation
    call(
        save_investigation, store=store, access=admin, id_=inv.id, version=1, name="研判", items=[]
    )
    before = snapshot(store, inv.id)
    with pytest.raises(Conflict):
        call(
            save_investigation,
            store=store,
            access=admin,
            id_=inv.id,
            version=1,
            name="过期",
            items=[ItemDraft("case:3", 1.0, 1.0)],
        )
    assert snapshot(store, inv.id) == before


def test_bad_input_is_named_and_writes_nothing(store: GraphStore) -> None:
    write_web(store)
    chengdu = access(store, "supervisor", "510100")
    saved = call(save_investigation, store=store, access=chengdu, name="研判", items=[])
    head = store.audit_head()
    with pytest.raises(NotFound, match=r"items\.1\.node_id"):
        call(
            save_investigation,
            store=store,
            access=chengdu,
            name="研判",
            items=[ItemDraft("official:x", 0.0, 0.0), ItemDraft("court:pzh", 0.0, 0.0)],
        )
    with pytest.raises(ValidationError) as twice:
        call(
            save_investigation,
            store=store,
            access=chengdu,
            name="研判",
            items=[ItemDraft("case:3", 0.0, 0.0), ItemDraft("case:3", 1.0, float("nan"))],
        )
    assert [e.field for e in twice.value.errors] == ["items.1.node_id", "items.1.y"]
    with pytest.raises(ValidationError) as unnamed:
        call(save_investigation, store=store, access=chengdu, name=" ", items=[])
    assert [e.field for e in unnamed.value.errors] == ["name"]
    with pytest.raises(ValidationError) as half:
        call(
            save_investigation,
            store=store,
            access=chengdu,
            id_=saved.investigation.id,
            name="研判",
            items=[],
        )
    assert [e.field for e in half.value.errors] == ["version"]
    with pytest.raises(NotFound, match="id"):
        call(
            save_investigation,
            store=store,
            access=chengdu,
            id_="official:x",
            version=1,
            name="研判",
            items=[],
        )
    with pytest.raises(Forbidden):
        call(save_investigation, store=store, access=access(store, "viewer"), name="研判", items=[])
    assert store.audit_head() == head
    by_investigator = call(
        save_investigation, store=store, access=access(store, "investigator"), name="研判", items=[]
    )
    assert by_investigator.investigation.props["name"] == "研判"
