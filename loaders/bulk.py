"""The bulk path into an empty Neo4j database (``jiandu bulk-files``): the files are read and
checked exactly as ``jiandu load`` checks them, against an empty store, and written as the
import files of ``neo4j-admin database import full`` (graph/adapters/neo4j_bulk.py), with the
import's start and finish in the audit chain. Nothing is written when any row is bad."""

from __future__ import annotations

import shutil
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from graph.adapters.neo4j_bulk import BulkFiles, write_files
from graph.model.records import Node, Rel
from loaders import journal
from loaders.errors import LoadFailed
from loaders.files import find
from loaders.importer import collector_paused, read_files


class _Empty:
    """The store a bulk import fills: empty, so every record is new."""

    def get_nodes(self, ids: Sequence[str]) -> dict[str, Node]:
        return {}

    def get_rels(self, ids: Sequence[str]) -> dict[str, Rel]:
        return {}


@dataclass(frozen=True)
class BulkReport:
    files: tuple[str, ...]
    rows: int
    written: BulkFiles
    seconds: float

    def __str__(self) -> str:
        w = self.written
        return "\n".join(
            [
                f"Wrote the import files of {w.nodes:,} nodes and {w.rels:,} relationships "
                f"({self.rows:,} rows from {len(self.files)} files) to {w.directory} "
                f"in {self.seconds:.1f} s.",
                "With the Neo4j server stopped, import them into its empty database "
                "(--overwrite-destination replaces an existing one):",
                f"  {w.command()}",
                "then start the server and run `jiandu --store <its URI> migrate` "
                "to build the constraints and indexes.",
            ]
        )

    def as_json(self) -> dict[str, Any]:
        w = self.written
        return {
            "files": list(self.files),
            "rows": self.rows,
            "directory": str(w.directory),
            "nodes": w.nodes,
            "relationships": w.rels,
            "audit": w.audit,
            "arguments": w.arguments,
            "seconds": round(self.seconds, 3),
        }


@collector_paused()
def bulk_files(
    paths: Sequence[Path], output: Path, *, progress: bool = True, actor: str | None = None
) -> BulkReport:
    """Read and check ``paths`` as a load into an empty store would, then write the import
    files under ``output``. Raises LoadFailed, listing every bad row, and writes nothing
    when any row is bad."""
    started = time.perf_counter()
    files = find(paths)
    plan = read_files(files, progress, cascade=False)
    changes = plan.check(_Empty())
    if plan.problems or plan.rejected:
        raise LoadFailed(plan.errors())
    entry = journal.begin(actor or journal.actor(), files, len(changes.nodes) + len(changes.rels))
    outcome = {
        "rows": plan.rows,
        "nodes": asdict(changes.node_tally),
        "rels": asdict(changes.rel_tally),
        "rejected": 0,
        "seconds": round(time.perf_counter() - started, 3),
        "bulk": True,
    }
    # Written beside ``output`` and renamed into place: a failure leaves no half set of files.
    partial = output.parent / f".{output.name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    try:
        written = write_files(
            partial, changes.nodes, changes.rels, [entry.start(), entry.finish(outcome)]
        )
        if output.exists():
            output.rmdir()  # empty: the command refuses a directory holding anything
        partial.rename(output)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    written = replace(
        written,
        directory=output,
        arguments=[a.replace(str(partial), str(output)) for a in written.arguments],
    )
    return BulkReport(tuple(map(str, files)), plan.rows, written, time.perf_counter() - started)
