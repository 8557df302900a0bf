"""The bulk path into an empty Neo4j database (issue 12): ``jiandu bulk-files`` writes the
files, ``neo4j-admin database import full`` (run from the launcher's jars) imports them, a
real server then serves the store, and ``jiandu migrate`` builds the schema. The database
then holds exactly what ``jiandu load`` writes: the same export, the import in a verified
audit chain, and a load of the same files afterwards finds everything unchanged."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graph.adapters.embedded import EmbeddedStore
from graph.adapters.neo4j import Neo4jStore
from graph.audit import verify
from loaders.demo.generator import write_demo
from loaders.export import export_store
from loaders.journal import FINISH, TARGET, unfinished
from tests.conftest import _server_tool
from tests.test_load_killed import files

pytestmark = pytest.mark.neo4j
ROOT = Path(__file__).resolve().parent.parent


def jiandu(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jiandu.cli", *args], cwd=ROOT, capture_output=True, text=True
    )


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("bulk")
    with EmbeddedStore(base / "demo") as demo:
        write_demo(demo, cases=200, seed=12, progress=False)
        export_store(demo, base / "export", progress=False)
    return base / "export"


def test_a_bulk_import_holds_what_a_load_writes(exported: Path, tmp_path: Path) -> None:
    made = jiandu("bulk-files", str(exported), "--output", str(tmp_path / "files"), "--json")
    assert made.returncode == 0, made.stderr
    report = json.loads(made.stdout)
    assert report["nodes"] > 0 and report["relationships"] > 0 and report["audit"] == 2
    tool = _server_tool()
    store = tmp_path / "neo4j"
    store.mkdir()
    imported = tool.import_files(store, report["arguments"])
    assert "IMPORT DONE" in imported
    with tool.Neo4jServer(store=store) as server:
        migrated = jiandu("--store", server.uri, "migrate")
        assert migrated.returncode == 0, migrated.stderr
        with Neo4jStore(server.uri) as neo:
            assert verify(neo.audit_entries(), neo.audit_head()).ok
            assert unfinished(neo) == []
            (finish,) = [
                e for e in neo.audit_entries(target=TARGET) if e.record.operation == FINISH
            ]
            assert finish.record.after is not None and finish.record.after["bulk"] is True
            counts = neo.counts()
            assert sum(counts.nodes.values()) == report["nodes"]
            assert sum(counts.rels.values()) == report["relationships"]
            export_store(neo, tmp_path / "after", progress=False)
        assert files(tmp_path / "after") == files(exported)
        # Every value came through with its type: a load of the same files changes nothing.
        again = jiandu("--store", server.uri, "load", "--no-progress", "--json", str(exported))
        assert again.returncode == 0, again.stderr
        loaded = json.loads(again.stdout)
        assert loaded["nodes"]["created"] == loaded["nodes"]["updated"] == 0
        assert loaded["relationships"]["created"] == loaded["relationships"]["updated"] == 0


def test_bad_rows_write_no_files(exported: Path, tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    cases = (exported / "nodes" / "Case.jsonl").read_text("utf-8").splitlines()
    broken = json.loads(cases[1])
    broken["filed_on"] = "2023-02-30"
    (source / "Case.jsonl").write_text("\n".join([cases[0], json.dumps(broken)]) + "\n", "utf-8")
    made = jiandu("bulk-files", str(source), "--output", str(tmp_path / "files"))
    assert made.returncode == 2
    assert "Case.jsonl:2: filed_on:" in made.stderr
    assert not (tmp_path / "files").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["source"]
