"""What every file format reads into: tables of numbered rows, and their header checks."""

from __future__ import annotations

import contextlib
import os
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from graph.errors import FieldError
from loaders.errors import LineError, LoadFailed
from loaders.records import TYPE, Cells, Kind, kind_named

ROW = "row"
"""The field named in errors about a whole row (not JSON, more cells than columns)."""


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    values: dict[str, Any]
    problem: FieldError | None = None


@dataclass(frozen=True)
class Table:
    """Rows of one file or sheet. ``default`` is the kind the file or sheet is named after;
    ``problems`` are faults of the whole table (its rows are then not read); iterating
    ``rows`` raises LoadFailed when the rest of the file cannot be read."""

    label: str
    default: Kind | None
    rows: Iterator[Row] = field(default_factory=lambda: iter(()))
    cells: Cells | None = None
    problems: tuple[LineError, ...] = ()


def named_kind(path: Path) -> Kind | None:
    """The kind a file is named after: ``Case.csv``, ``HANDLED_BY.jsonl``, ``案件.xlsx``."""
    return kind_named(path.name.split(".", 1)[0])


def header(
    label: str, line: int, cells: Sequence[object], default: Kind | None
) -> tuple[list[str], tuple[LineError, ...]]:
    """Column names (a blank one named by its position), and what is wrong with them."""
    names = [
        (str(c).strip() if c is not None else "") or f"(column {i})" for i, c in enumerate(cells, 1)
    ]
    twice = [n for n, count in Counter(names).items() if count > 1]
    problems = [LineError(n, "appears twice in the header", label, line) for n in twice]
    if default is None and TYPE not in names:
        reason = "no such column, and the name is not a node kind or relationship type"
        problems.append(LineError(TYPE, reason, label, line))
    return names, tuple(problems)


def unreadable(label: str, exc: Exception) -> LoadFailed:
    """A file that stops making sense part way: the rest of it cannot be read."""
    return LoadFailed([LineError("file", f"cannot be read on ({exc})", label)])


@contextlib.contextmanager
def replacing(
    path: Path, *, encoding: str = "utf-8", newline: str | None = None
) -> Iterator[IO[str]]:
    """A text file that takes the place of ``path`` only once it is completely written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open("w", encoding=encoding, newline=newline) as f:
            yield f
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
