"""Imports in the audit trail, on both stores (issue 14): each load is recorded as it starts
(who, which files with their sha256, how many records) and as it finishes (the counts); an
interrupted load is reported by the next load, ``stats`` and ``serve`` until the same load
completes it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.adapters.embedded import EmbeddedStore
from graph.audit import verify
from graph.store import Batch, GraphStore, WriteResult
from jiandu import cli
from loaders import journal
from loaders.importer import load_paths

RECORDS = [
    {
        "type": "Region",
        "id": "region:510104",
        "code": "510104",
        "name": "锦江区",
        "level": "COUNTY",
    },
    {
        "type": "Agency",
        "id": "agency:jj-court",
        "name": "成都市锦江区人民法院",
        "kind": "COURT",
        "level": "COUNTY",
        "region_code": "510104",
    },
    {"type": "LOCATED_IN", "from": "agency:jj-court", "to": "region:510104"},
]


def export(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS), "utf-8")
    return path


def interrupt(store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """The next load stops after its first batch, as a killed process would."""
    real = store.write_many

    def cut(batches: Iterable[Batch]) -> WriteResult:
        if isinstance(batches, list):  # a single write (the embedded ``write`` comes here)
            return real(batches)

        def first_only() -> Iterator[Batch]:
            it = iter(batches)
            yield next(it)
            raise RuntimeError("the process was killed")

        return real(first_only())

    monkeypatch.setattr(store, "write_many", cut)


def test_an_import_is_recorded_in_the_audit_chain(store: GraphStore, tmp_path: Path) -> None:
    path = export(tmp_path)
    load_paths(store, [path], progress=False, actor="clerk@510100")
    entries = store.audit_entries(target=journal.TARGET)
    start: dict[str, Any] = entries[0].record.after or {}
    finish: dict[str, Any] = entries[1].record.after or {}
    assert [e.record.operation for e in entries] == [journal.START, journal.FINISH]
    assert {e.record.actor for e in entries} == {"clerk@510100"}
    assert start["files"] == [
        {
            "path": str(path),
            "bytes": path.stat().st_size,
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        }
    ]
    assert (start["records"], start["id"]) == (3, finish["id"])
    assert finish["nodes"] == {"created": 2, "updated": 0, "unchanged": 0}
    assert finish["rels"] == {"created": 1, "updated": 0, "unchanged": 0}
    assert verify(store.audit_entries(), store.audit_head()).ok
    assert journal.unfinished(store) == []


def test_an_interrupted_import_is_reported_until_the_same_load_completes_it(
    store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = export(tmp_path)
    with monkeypatch.context() as patch:
        interrupt(store, patch)
        with pytest.raises(RuntimeError):
            load_paths(store, [path], progress=False, actor="clerk")
    pending = journal.unfinished(store)
    assert [(p.actor, [f["path"] for f in p.files], p.records) for p in pending] == [
        ("clerk", [str(path)], 3)
    ]
    assert "did not finish" in pending[0].describe()
    load_paths(store, [path], progress=False, actor="clerk")
    assert journal.unfinished(store) == []
    assert set(store.get_nodes(["region:510104", "agency:jj-court"])) == {
        "region:510104",
        "agency:jj-court",
    }
    assert verify(store.audit_entries(), store.audit_head()).ok


def test_load_stats_and_serve_say_an_import_did_not_finish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path, where = export(tmp_path), tmp_path / "store"
    with EmbeddedStore(where) as store, monkeypatch.context() as patch:
        interrupt(store, patch)
        with pytest.raises(RuntimeError):
            load_paths(store, [path], progress=False)
    capsys.readouterr()
    assert cli.main(["--store", str(where), "stats"]) == 0
    told = capsys.readouterr().err
    assert "did not finish" in told and str(path) in told
    assert cli.main(["--store", str(where), "load", "--no-progress", str(path)]) == 0
    assert "did not finish" in capsys.readouterr().err  # said before it completes the import
    assert cli.main(["--store", str(where), "stats"]) == 0
    assert "did not finish" not in capsys.readouterr().err
