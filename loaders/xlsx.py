"""Excel workbooks: one sheet per kind (the sheet, or the file, named after it) or sheets
with a ``type`` column; the first non-empty row is the header. Rows are numbered as Excel
numbers them, and cells keep the types Excel gave them until their field is known."""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from graph.errors import FieldError
from loaders.cells import cell_text, sheet_cells
from loaders.errors import LineError
from loaders.records import Kind, blank, kind_named
from loaders.tables import ROW, Row, Table, header, named_kind, unreadable


def read(path: Path, kind: Kind | None = None) -> Iterator[Table]:
    """A table per sheet; ``kind``: what every row is (a ledger read through a mapping), else
    the kind the sheet or the file is named after."""
    try:
        with warnings.catch_warnings():
            # openpyxl warns of what it drops (data validation, conditional formats, styles):
            # none of it is data.
            warnings.simplefilter("ignore", UserWarning)
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        problem = LineError("file", f"not an Excel workbook ({exc})", str(path))
        yield Table(str(path), named_kind(path), problems=(problem,))
        return
    try:
        for sheet in book.worksheets:
            label = f"{path}[{sheet.title}]"
            default = kind or kind_named(sheet.title) or named_kind(path)
            rows = _numbered(sheet.iter_rows(min_row=1, values_only=True))
            for line, cells in rows:
                names, problems = header(label, line, cells, default)
                body = () if problems else _rows(rows, names, label)
                yield Table(label, default, iter(body), sheet_cells, problems)
                break
    finally:
        book.close()


def _numbered(rows: Iterable[tuple[Any, ...]]) -> Iterator[tuple[int, tuple[Any, ...]]]:
    for line, cells in enumerate(rows, 1):
        if _filled(cells):
            yield line, cells


def _filled(cells: Sequence[Any]) -> bool:
    return any(not blank(c) for c in cells)


def _rows(
    rows: Iterator[tuple[int, tuple[Any, ...]]], names: list[str], label: str
) -> Iterator[Row]:
    width = len(names)
    try:
        for line, cells in rows:
            values = {n: c for n, c in zip(names, cells, strict=False) if c is not None}
            if _filled(cells[width:]):
                reason = f"{len(cells)} cells but the header has {width} columns"
                yield Row(line, values, FieldError(ROW, reason))
            else:
                yield Row(line, values)
    except (ParseError, zipfile.BadZipFile, OSError, ValueError, KeyError) as exc:
        raise unreadable(label, exc) from exc


def write(path: Path, columns: Sequence[str], records: Iterable[Mapping[str, Any]]) -> int:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(list(columns))
    count = 0
    for record in records:
        sheet.append([_cell(record.get(name)) for name in columns])
        count += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return count


def _cell(value: Any) -> Any:
    return cell_text(value) if isinstance(value, list | dict) else value
