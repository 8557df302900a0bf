"""Backup and restore of the embedded store (issue 14): a backup taken while the store is open
for writing is the store at one moment; restoring it gives the same export and an intact
audit chain; restore refuses a store in use and a file that is not a store."""

from __future__ import annotations

import json
from pathlib import Path

from graph.adapters.embedded import EmbeddedStore
from graph.audit import verify
from graph.model.validate import make_node
from graph.store import Batch
from jiandu import cli
from loaders.export import export_store
from loaders.importer import load_paths
from tests.worlds.sample import write_sample

REGION = {
    "type": "Region",
    "id": "region:510107",
    "code": "510107",
    "name": "武侯区",
    "level": "COUNTY",
}


def files(directory: Path) -> dict[str, str]:
    return {
        str(p.relative_to(directory)): p.read_text("utf-8")
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def test_a_backup_taken_while_writing_restores_to_the_same_store(tmp_path: Path) -> None:
    live, saved, restored = tmp_path / "live", tmp_path / "saved.jiandu", tmp_path / "restored"
    ledger = tmp_path / "ledger.jsonl"
    ledger.write_text(json.dumps(REGION, ensure_ascii=False) + "\n", "utf-8")
    with EmbeddedStore(live) as store:  # open for writing, as `jiandu serve` holds it
        write_sample(store)
        load_paths(store, [ledger], progress=False, actor="clerk")
        export_store(store, tmp_path / "at-backup", progress=False)
        assert cli.main(["--store", str(live), "backup", str(saved)]) == 0
        later = make_node(
            "Region", "region:510108", {"code": "510108", "name": "成华区", "level": "COUNTY"}
        )
        store.write(Batch(nodes=[later]))  # after the backup: not in it
        assert cli.main(["--store", str(restored), "restore", str(saved)]) == 0
        in_use = cli.main(["--store", str(live), "restore", str(saved)])
    assert in_use != 0  # the live store is open for writing: never replaced under a writer
    assert cli.main(["--store", str(live), "backup", str(saved)]) != 0  # never overwrites
    with EmbeddedStore(restored) as back:
        export_store(back, tmp_path / "from-restore", progress=False)
        assert verify(back.audit_entries(), back.audit_head()).ok
        assert back.audit_entries(target="import")  # the import's record came along
        assert "region:510108" not in back.get_nodes(["region:510108"])
    assert files(tmp_path / "from-restore") == files(tmp_path / "at-backup")


def test_restore_refuses_a_file_that_is_not_a_store(tmp_path: Path) -> None:
    junk = tmp_path / "junk.jiandu"
    junk.write_bytes(b"not a database at all")
    assert cli.main(["--store", str(tmp_path / "s"), "restore", str(junk)]) == 2
    assert cli.main(["--store", str(tmp_path / "s"), "restore", str(tmp_path / "none")]) != 0
