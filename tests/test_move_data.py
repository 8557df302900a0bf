"""Moving data between the backends: export from one, load into the other, and back."""

from pathlib import Path
from typing import Any

import pytest

from graph.adapters.embedded import EmbeddedStore
from graph.adapters.neo4j import Neo4jStore
from graph.model.enums import NodeKind, RelType
from graph.store import GraphStore
from loaders.demo.generator import write_demo
from loaders.export import export_store
from loaders.importer import load_paths

pytestmark = pytest.mark.neo4j


def content(store: GraphStore) -> tuple[list[Any], list[Any]]:
    nodes = [
        (n.kind, n.id, n.props)
        for kind in NodeKind
        for chunk in store.scan_nodes(kind)
        for n in chunk
    ]
    rels = [
        (r.type, r.id, r.start, r.end, r.props)
        for type_ in RelType
        for chunk in store.scan_rels(type_)
        for r in chunk
    ]
    return nodes, rels


def files(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*.*"))}


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_embedded_to_neo4j_and_back_is_lossless(tmp_path: Path, neo4j_uri: str, fmt: str) -> None:
    with EmbeddedStore(tmp_path / "a") as source:
        write_demo(source, cases=200, seed=7)
        original = content(source)
        export_store(source, tmp_path / "out1", fmt=fmt, progress=False)
    with Neo4jStore(neo4j_uri) as neo4j:
        load_paths(neo4j, [tmp_path / "out1"], progress=False)
        assert content(neo4j) == original
        export_store(neo4j, tmp_path / "out2", fmt=fmt, progress=False)
    assert files(tmp_path / "out2") == files(tmp_path / "out1")
    with EmbeddedStore(tmp_path / "b") as back:
        load_paths(back, [tmp_path / "out2"], progress=False)
        assert content(back) == original
