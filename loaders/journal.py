"""Imports in the audit trail: each load is two entries of the hash chain (target ``import``).

``import.start`` is written before the first record, on its own: who, when, which files with
their size and sha256, and how many records it will write. ``import.finish`` is written with
the last batch (on the embedded store, in the load's one transaction): the counts created,
updated and unchanged, the rows set aside, the time taken. A start with no finish is an
import that was interrupted; ``unfinished`` finds it, unless a later load of the same files
finished (loads are idempotent: running the same command again completes it).
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.audit import AuditRecord
from graph.store import GraphStore

TARGET = "import"
START, FINISH = "import.start", "import.finish"


def actor() -> str:
    """Who runs the command: ``JIANDU_ACTOR`` when set, else the system user."""
    given = os.environ.get("JIANDU_ACTOR", "").strip()
    if given:
        return given
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def digest(path: Path) -> dict[str, Any]:
    """A file as the journal names it: its path, size and sha256."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return {"path": str(path), "bytes": path.stat().st_size, "sha256": h.hexdigest()}


@dataclass(frozen=True)
class Import:
    id: str
    actor: str
    at: str
    files: tuple[dict[str, Any], ...]
    records: int

    def start(self) -> AuditRecord:
        after = {"id": self.id, "files": list(self.files), "records": self.records}
        return AuditRecord(self.actor, self.at, START, TARGET, None, after)

    def finish(self, outcome: dict[str, Any]) -> AuditRecord:
        after = {"id": self.id, "files": list(self.files), **outcome}
        return AuditRecord(self.actor, now(), FINISH, TARGET, None, after)

    def describe(self) -> str:
        shown = [f"{f['path']} (sha256 {f['sha256'][:12]}…)" for f in self.files[:3]]
        if len(self.files) > 3:
            shown.append(f"and {len(self.files) - 3} more files")
        names = ", ".join(shown)
        return (
            f"an import started at {self.at} by {self.actor} did not finish: {names}; "
            f"{self.records:,} records were to be written. Running the same `jiandu load` "
            "again completes it (a load writes only what differs)."
        )


def begin(actor_: str, files: Sequence[Path], records: int) -> Import:
    return Import(uuid.uuid4().hex, actor_, now(), tuple(digest(p) for p in files), records)


def _same_files(a: tuple[dict[str, Any], ...], b: list[dict[str, Any]]) -> bool:
    return sorted(f["sha256"] for f in a) == sorted(f["sha256"] for f in b)


def unfinished(store: GraphStore) -> list[Import]:
    """The imports that started and never finished, and were not completed later by a load
    of the same files, oldest first."""
    pending: dict[str, Import] = {}
    for entry in store.audit_entries(target=TARGET):
        after = entry.record.after or {}
        if entry.record.operation == START:
            pending[after["id"]] = Import(
                after["id"],
                entry.record.actor,
                entry.record.at,
                tuple(after.get("files", [])),
                int(after.get("records", 0)),
            )
        elif entry.record.operation == FINISH:
            pending.pop(str(after.get("id")), None)
            files = after.get("files", [])
            for key in [k for k, p in pending.items() if _same_files(p.files, files)]:
                del pending[key]
    return list(pending.values())
