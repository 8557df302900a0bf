"""The committed SDL, and every kind reachable through the schema."""

from __future__ import annotations

from pathlib import Path

import schema
from graph.model.enums import CaseKind, NodeKind
from schema.generic.queries import plural
from tests.api.api_client import data
from tests.api.api_harness import Server
from workflows.generic import OWN_WRITERS

ROOT = Path(__file__).resolve().parents[3]


def test_committed_sdl_is_current() -> None:
    committed = (ROOT / "schema.graphql").read_text(encoding="utf-8")
    assert committed == schema.sdl(), "run: jiandu schema > schema.graphql"


def test_every_kind_has_a_type_a_connection_and_mutations() -> None:
    sdl = schema.sdl()
    for kind in NodeKind:
        assert f"type {kind.name} implements Node" in sdl
        assert f"  {plural(kind.name)}(" in sdl
        create = f"  create{kind.name}(input: Create{kind.name}Input!): {kind.name}"
        update = f"  update{kind.name}(id: ID!, version: Int!, input: Update{kind.name}Input!)"
        # Files on record are written by attachEvidence only (workflows.evidence).
        owned = kind in OWN_WRITERS
        assert (create in sdl, update in sdl) == (not owned, not owned)
    for move in ("transitionComplaint", "transitionRectification", "transitionCaseSupervision"):
        assert f"  {move}(" in sdl


def test_enums_carry_their_chinese_labels(server: Server) -> None:
    with server.client() as c:
        got = data(c, '{ __type(name: "CaseKind") { enumValues { name description } } }')
    values = {v["name"]: v["description"] for v in got["__type"]["enumValues"]}
    assert values == {m.name: m.label for m in CaseKind}


def test_every_kind_lists_empty_on_an_empty_store(server: Server) -> None:
    fields = " ".join(f"{plural(k.name)} {{ totalCount nodes {{ id }} }}" for k in NodeKind)
    with server.client() as c:
        got = data(c, f"{{ {fields} }}")
    assert all(got[plural(k.name)] == {"totalCount": 0, "nodes": []} for k in NodeKind)
