"""Loading files into the store: every row checked before the first write, then only what
differs from the store written, in batches. Nothing is written when a row is bad, unless
asked to import the good rows and set the bad ones aside in a rejects file."""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from graph.store import Batch, GraphStore
from loaders import journal
from loaders.errors import LineError, LoadFailed
from loaders.files import Writer, default_rejects, find, tables, writer
from loaders.plan import Plan, Rejected, Tally, chunks
from loaders.progress import bar
from loaders.records import ERROR, TYPE

BATCH = 10_000


@dataclass(frozen=True)
class LoadReport:
    files: tuple[str, ...]
    rows: int
    nodes: Tally
    rels: Tally
    rejected: int
    rejects: Path | None
    errors: tuple[LineError, ...]
    """Why each rejected row was rejected."""
    seconds: float

    @property
    def rate(self) -> float:
        """Rows read per second, from the first read to the last write."""
        return self.rows / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        def tally(t: Tally) -> str:
            return f"{t.created:,} created, {t.updated:,} updated, {t.unchanged:,} unchanged"

        text = (
            f"{self.rows:,} rows from {len(self.files)} files in {self.seconds:.1f} s "
            f"({self.rate:,.0f} rows/s); nodes: {tally(self.nodes)}; "
            f"relationships: {tally(self.rels)}"
        )
        if self.rejected:
            text += f"; {self.rejected:,} rows rejected, written to {self.rejects}"
        return text


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Millions of new records would set off full garbage collections that find nothing to
    free (records hold no reference cycles); they cost a seventh of a large load."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@_collector_paused()
def load_paths(
    store: GraphStore,
    paths: Sequence[Path],
    *,
    skip_invalid: bool = False,
    rejects: Path | None = None,
    progress: bool = True,
    actor: str | None = None,
) -> LoadReport:
    """Load ``paths`` (files, or directories of .jsonl, .csv and .xlsx files) into ``store``.

    Raises LoadFailed, listing every bad row as ``file:line: field: reason``, and writes
    nothing when any row is bad; with ``skip_invalid`` the good rows are written and the bad
    ones go to ``rejects`` (by default beside the first path). A file that cannot be read at
    all fails the load either way. The audit trail records the import (``actor``: by default
    ``JIANDU_ACTOR`` or the system user) as it starts and as it finishes."""
    started = time.perf_counter()
    files = find(paths)
    rejects_to = (rejects or default_rejects(paths[0])) if skip_invalid and paths else None
    write_rejects = writer(rejects_to, files) if rejects_to is not None else None
    plan = Plan(cascade=write_rejects is not None)
    with bar("reading", enabled=progress) as reading:
        for path in files:
            for table in tables(path):
                plan.read(table, reading.update)
    changes = plan.check(store)
    rejected = plan.rejected
    if plan.problems or (rejected and write_rejects is None):
        raise LoadFailed(plan.errors())
    if rejected and rejects_to is not None and write_rejects is not None:
        _set_aside(rejects_to, write_rejects, rejected)
    total = len(changes.nodes) + len(changes.rels)
    # The audit trail records the import before its first record, and its end with its last
    # (loaders/journal.py): a start with no finish is an import that was interrupted.
    entry = journal.begin(actor or journal.actor(), files, total)
    store.write(Batch(audit=[entry.start()]))
    with bar("writing", enabled=progress, total=total) as writing:

        def batches() -> Iterator[Batch]:
            for nodes in chunks(changes.nodes, BATCH):
                yield Batch(nodes=nodes)
                writing.update(len(nodes))
            for rels in chunks(changes.rels, BATCH):
                yield Batch(rels=rels)
                writing.update(len(rels))
            outcome = {
                "rows": plan.rows,
                "nodes": asdict(changes.node_tally),
                "rels": asdict(changes.rel_tally),
                "rejected": len(rejected),
                "seconds": round(time.perf_counter() - started, 3),
            }
            yield Batch(audit=[entry.finish(outcome)])

        # One call: the embedded store writes the whole load in one transaction (nothing of
        # it lands if any batch fails, and its indexes are maintained once at the end).
        store.write_many(batches())
    return LoadReport(
        files=tuple(map(str, files)),
        rows=plan.rows,
        nodes=changes.node_tally,
        rels=changes.rel_tally,
        rejected=len(rejected),
        rejects=rejects_to if rejected else None,
        errors=tuple(e for r in rejected for e in r.errors),
        seconds=time.perf_counter() - started,
    )


def _set_aside(path: Path, write: Writer, rejected: list[Rejected]) -> None:
    """The rejected rows as they were read, each with an ``error`` cell saying why."""
    columns = dict.fromkeys([TYPE])
    for r in rejected:
        columns.update(dict.fromkeys(r.row))
    columns.pop(ERROR, None)
    columns[ERROR] = None
    records = ({**r.row, ERROR: "; ".join(map(str, r.errors))} for r in rejected)
    write(path, list(columns), records)
