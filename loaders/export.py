"""Writing the whole store in the load format: a file per node kind (``nodes/Case.jsonl``)
and per relationship type (``rels/HANDLED_BY.jsonl``), records in id order, so that the same
graph always gives the same bytes and loads back to the same graph."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.model.enums import NodeKind, RelType
from graph.store import GraphStore
from loaders import csvfmt, jsonl
from loaders.files import Writer
from loaders.progress import bar
from loaders.records import Kind, as_record, columns

FORMATS: dict[str, Writer] = {"jsonl": jsonl.write, "csv": csvfmt.write}


@dataclass(frozen=True)
class ExportReport:
    directory: Path
    files: tuple[Path, ...]
    nodes: int
    rels: int
    seconds: float

    @property
    def rate(self) -> float:
        return (self.nodes + self.rels) / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        return (
            f"{self.nodes:,} nodes and {self.rels:,} relationships in {len(self.files)} files "
            f"under {self.directory} in {self.seconds:.1f} s ({self.rate:,.0f} records/s)"
        )

    def __str__(self) -> str:
        return "Exported " + self.summary()

    def as_json(self) -> dict[str, Any]:
        return {
            "directory": str(self.directory),
            "files": [str(f) for f in self.files],
            "nodes": self.nodes,
            "relationships": self.rels,
            "seconds": round(self.seconds, 3),
        }


def export_store(
    store: GraphStore, directory: Path, *, fmt: str = "jsonl", progress: bool = True
) -> ExportReport:
    """Write every node kind and relationship type of ``store`` under ``directory``, each to
    its own file (empty kinds too, so that no file of an earlier export survives)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format '{fmt}' (one of {', '.join(FORMATS)})")
    started = time.perf_counter()
    write = FORMATS[fmt]
    files: list[Path] = []
    counts = {"nodes": 0, "rels": 0}
    with bar("exporting", enabled=progress) as exporting:
        kinds: list[tuple[str, Kind]] = [("nodes", k) for k in NodeKind]
        kinds += [("rels", t) for t in RelType]
        for folder, kind in kinds:
            path = directory / folder / f"{kind.name}.{fmt}"
            records = _records(store, kind, exporting.update)
            counts[folder] += write(path, columns(kind), records)
            files.append(path)
    return ExportReport(
        directory, tuple(files), counts["nodes"], counts["rels"], time.perf_counter() - started
    )


def _records(store: GraphStore, kind: Kind, tick: Any) -> Iterator[dict[str, Any]]:
    chunks = store.scan_nodes(kind) if isinstance(kind, NodeKind) else store.scan_rels(kind)
    for chunk in chunks:
        yield from map(as_record, chunk)
        tick(len(chunk))
