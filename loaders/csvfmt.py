"""CSV: a header row of field names, then one record per row (RFC 4180 quoting).

Read as UTF-8 (with or without the byte-order mark Excel writes), else as GB18030, the
superset of the GBK that Chinese Excel saves by default. Written as UTF-8 with the mark,
so that Excel opens it with the Chinese intact.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from graph.errors import FieldError
from loaders.cells import cell_text, text_cells
from loaders.errors import LineError
from loaders.records import Kind
from loaders.tables import ROW, Row, Table, header, named_kind, replacing, unreadable


def read(path: Path, kind: Kind | None = None) -> Iterator[Table]:
    """The file's one table; ``kind``: what every row is (a ledger read through a mapping),
    else the kind the file is named after."""
    label, default = str(path), kind or named_kind(path)
    try:
        text = _decode(path.read_bytes())
    except UnicodeDecodeError:
        problem = LineError("file", "neither UTF-8 nor GB18030 text", label)
        yield Table(label, default, problems=(problem,))
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    for line, cells in _numbered(reader):
        names, problems = header(label, line, cells, default)
        rows = () if problems else _rows(reader, names, label)
        yield Table(label, default, iter(rows), text_cells, problems)
        return


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def _numbered(reader: Any) -> Iterator[tuple[int, list[str]]]:
    """Non-blank rows with the line each starts on (a quoted cell may span lines)."""
    end = reader.line_num
    for cells in reader:
        start, end = end + 1, reader.line_num
        if "".join(cells).strip():
            yield start, cells


def _rows(reader: Any, names: list[str], label: str) -> Iterator[Row]:
    width = len(names)
    try:
        for line, cells in _numbered(reader):
            values = dict(zip(names, cells, strict=False))
            if len(cells) > width and "".join(cells[width:]).strip():
                reason = f"{len(cells)} cells but the header has {width} columns"
                yield Row(line, values, FieldError(ROW, reason))
            else:
                yield Row(line, values)
    except csv.Error as exc:
        raise unreadable(f"{label}:{reader.line_num}", exc) from exc


def write(path: Path, columns: Sequence[str], records: Iterable[Mapping[str, Any]]) -> int:
    count = 0
    with replacing(path, encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow(columns)
        for record in records:
            out.writerow([cell_text(record.get(name)) for name in columns])
            count += 1
    return count
