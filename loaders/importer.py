"""Loading files into the store: every row checked before the first write, then only what
differs from the store written, in batches. Nothing is written when a row is bad, unless
asked to import the good rows and set the bad ones aside in a rejects file."""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, astuple, dataclass
from pathlib import Path
from typing import Any

from graph.model.enums import NodeKind, RelType
from graph.store import Batch, Direction, GraphStore
from loaders import journal
from loaders.errors import LineError, LoadFailed
from loaders.files import Writer, default_rejects, find, tables, writer
from loaders.mapping import LedgerMapping, Names
from loaders.plan import Plan, Rejected, Tally, chunks
from loaders.progress import bar
from loaders.quality import Duplicates, QualityReport, quality
from loaders.records import ERROR, TYPE

BATCH = 10_000
MAX_SHOWN = 20  # rejected rows a summary names; the rejects file holds all of them


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

    def __str__(self) -> str:
        """What a person reads after ``jiandu load``."""
        width = max(
            len("unchanged"), *(len(f"{n:,}") for t in (self.nodes, self.rels) for n in astuple(t))
        )
        lines = [
            f"Loaded {self.rows:,} rows from {len(self.files)} "
            f"{'file' if len(self.files) == 1 else 'files'} in {self.seconds:.1f} s "
            f"({self.rate:,.0f} rows/s)",
            f"  {'':<14}{'created':>{width + 2}}{'updated':>{width + 2}}{'unchanged':>{width + 2}}",
        ]
        for name, t in (("nodes", self.nodes), ("relationships", self.rels)):
            counts = "".join(f"{n:>{width + 2},}" for n in astuple(t))
            lines.append(f"  {name:<14}{counts}")
        if self.rejected:
            lines.append(f"  {self.rejected:,} rows rejected, written to {self.rejects}:")
            lines += [f"    {e}" for e in self.errors[:MAX_SHOWN]]
            if len(self.errors) > MAX_SHOWN:
                lines.append(f"    … and {len(self.errors) - MAX_SHOWN:,} more (see the file)")
        return "\n".join(lines)

    def as_json(self) -> dict[str, Any]:
        """The report for machines (``jiandu load --json``)."""
        return {
            "files": list(self.files),
            "rows": self.rows,
            "nodes": asdict(self.nodes),
            "relationships": asdict(self.rels),
            "rejected": self.rejected,
            "rejects": None if self.rejects is None else str(self.rejects),
            "errors": [
                {"file": e.path, "line": e.line, "field": e.field, "reason": e.reason}
                for e in self.errors
            ],
            "seconds": round(self.seconds, 3),
        }


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Millions of new records would set off full garbage collections that find nothing to
    free (records hold no reference cycles); they cost a seventh of a large load."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_files(
    files: Sequence[Path],
    progress: bool,
    *,
    cascade: bool,
    mapping: LedgerMapping | None = None,
    store: GraphStore | None = None,
) -> Plan:
    """Every row of ``files`` read and validated into a plan (not yet checked against a
    store). With ``mapping`` every file is a ledger, whose names resolve in ``store``."""
    plan = Plan(cascade=cascade)
    names = Names(store) if mapping is not None and store is not None else None
    with bar("reading", enabled=progress) as reading:
        for path in files:
            for table in tables(path, mapping.kind if mapping is not None else None):
                if mapping is not None and names is not None:
                    table = mapping.apply(table, names)
                plan.read(table, reading.update)
    return plan


def check_paths(
    store: GraphStore,
    paths: Sequence[Path],
    *,
    progress: bool = True,
    mapping: LedgerMapping | None = None,
    duplicates: Duplicates | None = None,
) -> QualityReport:
    """``jiandu load --check``: read and check ``paths`` as a load would, write nothing, and
    report on the data's quality (loaders/quality.py)."""
    files = find(paths)
    plan = read_files(files, progress, cascade=False, mapping=mapping, store=store)
    changes = plan.check(store)
    cases = [n.id for n in plan.nodes.values() if n.kind is NodeKind.Case]
    near = store.neighbours(cases, rel_types=[RelType.HANDLED_BY], direction=Direction.OUT)
    handled = {c for c, found in near.items() if found}
    return quality(plan, changes, handled, duplicates)


@collector_paused()
def load_paths(
    store: GraphStore,
    paths: Sequence[Path],
    *,
    skip_invalid: bool = False,
    rejects: Path | None = None,
    progress: bool = True,
    actor: str | None = None,
    mapping: LedgerMapping | None = None,
) -> LoadReport:
    """Load ``paths`` (files, or directories of .jsonl, .csv and .xlsx files) into ``store``.

    Raises LoadFailed, listing every bad row as ``file:line: field: reason``, and writes
    nothing when any row is bad; with ``skip_invalid`` the good rows are written and the bad
    ones go to ``rejects`` (by default beside the first path). A file that cannot be read at
    all fails the load either way. The audit trail records the import (``actor``: by default
    ``JIANDU_ACTOR`` or the system user) as it starts and as it finishes. With ``mapping``
    (loaders/mapping.py) every file is a ledger read through it."""
    started = time.perf_counter()
    files = find(paths)
    rejects_to = (rejects or default_rejects(paths[0])) if skip_invalid and paths else None
    write_rejects = writer(rejects_to, files) if rejects_to is not None else None
    plan = read_files(
        files, progress, cascade=write_rejects is not None, mapping=mapping, store=store
    )
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
