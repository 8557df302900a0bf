"""Backing up and restoring the embedded store: one file, a consistent copy.

``backup`` reads the store through its own read-only SQLite connection and copies every page
in one step (SQLite's online backup), under one read transaction: the copy is the store as
it was at one moment, while ``jiandu serve`` keeps writing beside it (WAL mode lets readers
and the writer go on together). ``restore`` needs the store not to be open for writing (it
takes the same lock as a writer), checks the file is an intact Jiandu store, and replaces
the store's database with it. The audit chain travels with the graph, so ``jiandu audit
verify`` checks a restored store like any other.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from graph.adapters.embedded import DB_FILE, EmbeddedStore
from graph.errors import FieldError, NotFound, ValidationError


@dataclass(frozen=True)
class Copied:
    source: str
    target: str
    bytes: int
    nodes: int
    rels: int
    audit_entries: int

    def __str__(self) -> str:
        return (
            f"{self.source} → {self.target}: {self.bytes:,} bytes, {self.nodes:,} nodes, "
            f"{self.rels:,} relationships, {self.audit_entries:,} audit entries"
        )


def _counts(db: sqlite3.Connection) -> tuple[int, int, int]:
    (nodes,) = db.execute("SELECT count(*) FROM nodes").fetchone()
    (rels,) = db.execute("SELECT count(*) FROM rels").fetchone()
    (audit,) = db.execute("SELECT count(*) FROM audit").fetchone()
    return int(nodes), int(rels), int(audit)


def _readable(path: Path, what: str) -> sqlite3.Connection:
    """A read-only connection to a Jiandu store's database, or an error naming ``what``."""
    if not path.is_file():
        raise NotFound(f"{what}: no file at {path}")
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"meta", "nodes", "rels", "audit"} <= tables:
            raise ValidationError(FieldError(what, f"{path} is not a Jiandu store"))
        (verdict,) = db.execute("PRAGMA quick_check").fetchone()
        if verdict != "ok":
            raise ValidationError(FieldError(what, f"{path} is damaged: {verdict}"))
    except sqlite3.DatabaseError as exc:
        db.close()
        raise ValidationError(FieldError(what, f"{path} is not a Jiandu store: {exc}")) from None
    except BaseException:
        db.close()
        raise
    return db


def backup(store_dir: Path, target: Path) -> Copied:
    """A consistent copy of the store at ``store_dir`` in the file ``target``."""
    if target.exists():
        raise ValidationError(FieldError("file", f"{target} exists: name a new file"))
    source = _readable(store_dir / DB_FILE, "store")
    partial = target.with_name(target.name + ".partial")
    try:
        with sqlite3.connect(partial) as copy:
            source.backup(copy)  # every page in one step: one consistent moment
            counts = _counts(copy)
        copy.close()
        os.replace(partial, target)  # a crash never leaves a half-written backup named FILE
    finally:
        source.close()
        partial.unlink(missing_ok=True)
    return Copied(str(store_dir), str(target), target.stat().st_size, *counts)


def restore(source: Path, store_dir: Path) -> Copied:
    """Replace the store at ``store_dir`` (not open for writing) with the backup ``source``."""
    backup_db = _readable(source, "file")
    store_dir.mkdir(parents=True, exist_ok=True)
    lock = EmbeddedStore.lock_for_writing(store_dir)  # StoreLocked while a writer has it
    try:
        for suffix in ("", "-wal", "-shm"):
            (store_dir / (DB_FILE + suffix)).unlink(missing_ok=True)
        with sqlite3.connect(store_dir / DB_FILE) as db:
            backup_db.backup(db)
            counts = _counts(db)
        db.close()
    finally:
        backup_db.close()
        lock.close()
    size = (store_dir / DB_FILE).stat().st_size
    return Copied(str(source), str(store_dir), size, *counts)
