"""JSON Lines: one record, a JSON object, per line; blank lines are skipped."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from graph.errors import FieldError
from loaders.records import Kind
from loaders.tables import ROW, Row, Table, named_kind, replacing


def read(path: Path, kind: Kind | None = None) -> Iterator[Table]:
    yield Table(str(path), kind or named_kind(path), _rows(path))


def _rows(path: Path) -> Iterator[Row]:
    with path.open("rb") as f:
        for line, data in enumerate(f, 1):
            try:
                values = json.loads(data.decode("utf-8-sig" if line == 1 else "utf-8"))
            except ValueError as exc:
                if data.strip():
                    yield Row(line, {}, FieldError(ROW, _reason(exc)))
                continue
            if isinstance(values, dict):
                yield Row(line, values)
            else:
                yield Row(line, {}, FieldError(ROW, "not a JSON object"))


def _reason(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"not JSON: {exc.msg} at column {exc.pos + 1}"
    return f"not UTF-8 text: {exc}"


def write(path: Path, columns: Sequence[str], records: Iterable[Mapping[str, Any]]) -> int:
    """Write ``records`` (their own keys, in order: ``columns`` is for tabular formats)."""
    count = 0
    with replacing(path) as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False, default=_iso))
            f.write("\n")
            count += 1
    return count


def _iso(value: object) -> str:
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")
