"""Every relationship of the model is a field on both of its ends."""

from __future__ import annotations

from typing import Any

from graph.model.enums import NodeKind
from graph.model.kinds import RELS
from graph.model.records import Rel, rel_id
from graph.model.validate import make_node
from graph.store import Batch
from schema.generic.ids import to_global
from schema.generic.relations import relations
from tests.api.api_client import data
from tests.api.api_harness import Server
from tests.schema.generic.test_mutations import minimal_props
from workflows.generic import LIFECYCLES


def node_of(kind: NodeKind) -> Any:
    props = minimal_props(kind)
    machine = LIFECYCLES.get(kind)
    if machine is not None:
        props[machine.field] = machine.initial.name
    return make_node(kind, f"{kind.name.lower()}:one", props)


def test_every_relationship_reads_from_both_ends(server: Server) -> None:
    nodes = {kind: node_of(kind) for kind in NodeKind}
    links = [
        Rel(t, rel_id(t, nodes[s].id, nodes[e].id), nodes[s].id, nodes[e].id, {})
        for t, spec in RELS.items()
        for s, e in spec.ends
    ]
    server.store.write(Batch(nodes=list(nodes.values()), rels=links))
    with server.client() as c:
        for kind, fields in relations().items():
            selection = " ".join(f"{r.name} {{ storeId }}" for r in fields)
            got = data(
                c,
                f"query($id: ID!) {{ node(id: $id) {{ ... on {kind.name} {{ {selection} }} }} }}",
                id=to_global(kind.name, nodes[kind].id),
            )["node"]
            for r in fields:
                other = {"storeId": nodes[r.other].id}
                assert got[r.name] == (other if r.single else [other]), (kind.name, r.name)
