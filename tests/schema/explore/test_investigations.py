"""Saved investigations over HTTP on both backends: saveInvestigation creates, reads back and
replaces; a stale version is a CONFLICT that changes nothing; a bad id is named; the list is
the generated connection; a viewer may not save."""

from __future__ import annotations

from typing import Any

from tests.api.api_client import codes, data, gid, gql
from tests.api.api_harness import Server
from tests.worlds.sample import write_sample

SAVE = """
mutation($input: SaveInvestigationInput!) {
  saveInvestigation(input: $input) {
    investigation { id version name description regionCode caption }
    items { node { id caption } x y }
  }
}"""
READ = """
query($id: ID!) {
  savedInvestigation(id: $id) {
    investigation { id version name }
    items { node { id } x y }
  }
}"""
LIST = "{ investigations { totalCount nodes { id name } } }"


def item(store_id: str, x: float, y: float) -> dict[str, Any]:
    return {"nodeId": gid(store_id), "x": x, "y": y}


def places(saved: dict[str, Any]) -> dict[str, tuple[float, float]]:
    return {i["node"]["id"]: (i["x"], i["y"]) for i in saved["items"]}


def test_an_investigation_is_created_read_replaced_and_listed(server: Server) -> None:
    write_sample(server.store)
    first = [item("case:cd-1", 10, 20), item("official:judge", -5.5, 0)]
    with server.client("supervisor", "510100") as c:
        created = data(c, SAVE, input={"name": "锦江研判", "description": "初稿", "items": first})
        saved = created["saveInvestigation"]
        inv = saved["investigation"]
        read = data(c, READ, id=inv["id"])["savedInvestigation"]
        replaced = data(
            c,
            SAVE,
            input={
                "id": inv["id"],
                "version": inv["version"],
                "name": "锦江研判(修订)",
                "items": [item("official:judge", 1, 2), item("complaint:1", 3, 4)],
            },
        )["saveInvestigation"]
        listed = data(c, LIST)["investigations"]
    with server.client("viewer", "510400") as c:
        elsewhere = data(c, READ, id=inv["id"])["savedInvestigation"]
    assert (inv["version"], inv["name"], inv["regionCode"], inv["caption"]) == (
        1, "锦江研判", "510100", "锦江研判",
    )  # fmt: skip
    assert places(saved) == {gid("case:cd-1"): (10.0, 20.0), gid("official:judge"): (-5.5, 0.0)}
    assert places(read) == places(saved) and read["investigation"]["id"] == inv["id"]
    assert replaced["investigation"]["version"] == 2
    assert replaced["investigation"]["description"] is None
    assert places(replaced) == {gid("official:judge"): (1.0, 2.0), gid("complaint:1"): (3.0, 4.0)}
    assert listed == {"totalCount": 1, "nodes": [{"id": inv["id"], "name": "锦江研判(修订)"}]}
    assert elsewhere is None


def test_a_stale_version_conflicts_and_the_store_is_unchanged(server: Server) -> None:
    write_sample(server.store)
    with server.client("supervisor") as c:
        inv = data(c, SAVE, input={"name": "研判", "items": [item("case:cd-1", 0, 0)]})[
            "saveInvestigation"
        ]["investigation"]
        data(c, SAVE, input={"id": inv["id"], "version": 1, "name": "研判", "items": []})
        before = data(c, READ, id=inv["id"])
        writes = server.store.calls["write"]
        stale = gql(
            c,
            SAVE,
            input={"id": inv["id"], "version": 1, "name": "旧", "items": [item("case:cd-2", 1, 1)]},
        )
        after = data(c, READ, id=inv["id"])
    assert codes(stale) == ["CONFLICT"]
    assert after == before and before["savedInvestigation"]["investigation"]["version"] == 2
    assert server.store.calls["write"] == writes  # refused before anything was sent


def test_bad_ids_are_named_and_a_viewer_may_not_save(server: Server) -> None:
    write_sample(server.store)
    writes = server.store.calls["write"]
    with server.client("supervisor", "510100") as c:
        malformed = gql(
            c, SAVE, input={"name": "研判", "items": [item("case:cd-1", 0, 0), {
                "nodeId": "不是编号", "x": 0, "y": 0}]},
        )  # fmt: skip
        hidden = gql(c, SAVE, input={"name": "研判", "items": [item("case:pzh-1", 0, 0)]})
        wrong_kind = gql(c, READ, id=gid("case:cd-1"))
        unnamed = gql(c, SAVE, input={"name": "", "items": []})
    with server.client("viewer") as c:
        refused = gql(c, SAVE, input={"name": "研判", "items": []})
    assert codes(malformed) == ["VALIDATION"]
    assert malformed["errors"][0]["extensions"]["fields"] == [
        {"field": "input.items.1.nodeId", "reason": "'不是编号' is not a Jiandu id"}
    ]
    assert codes(hidden) == ["NOT_FOUND"] and "items.0" in hidden["errors"][0]["message"]
    assert codes(wrong_kind) == ["VALIDATION"]
    assert codes(unnamed) == ["VALIDATION"]
    assert unnamed["errors"][0]["extensions"]["fields"][0]["field"] == "name"
    assert codes(refused) == ["FORBIDDEN"]
    assert server.store.calls["write"] == writes
