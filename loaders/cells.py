"""Cells of CSV files and spreadsheets: model values as text, and text or Excel-typed cells
as values for validation.

A list (a ``many`` field) is its items joined by ``;``, or a JSON array when an item holds
a ``;`` of its own or the text would begin with ``[``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from typing import Any

from graph.model.enums import NodeKind
from graph.model.kinds import NODES, RELS, Field, FieldType
from loaders.records import Kind


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return list_text(value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dt.date | dt.time):
        return str(sheet_value(None, value))
    return str(value)


def list_text(items: list[Any]) -> str:
    texts = [cell_text(item) for item in items]
    joined = ";".join(texts)
    if joined.startswith("[") or any(";" in t for t in texts):
        return json.dumps(items, ensure_ascii=False)
    return joined


@functools.cache
def _lists(kind: Kind) -> tuple[str, ...]:
    spec = NODES[kind] if isinstance(kind, NodeKind) else RELS[kind]
    return tuple(f.name for f in spec.fields if f.many)


_WRITTEN_DATES = (
    re.compile(r"^(\d{4})\s*年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?)?$"),  # 2021年3月4日
    re.compile(r"^(\d{4})[./-](\d{1,2})(?:[./-](\d{1,2}))?$"),  # 2021.3.4, 2021/3/4, 2021-3
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),  # 20210304
)


def written_date(text: str) -> str:
    """A date as ledgers write it, as the model keeps it: 2021年3月4日, 2021.3.4, 2021/3/4
    and 20210304 → 2021-03-04; 2021年3月 → 2021-03; 2021年 → 2021. Any other text is
    returned as it is, for the model to accept (ISO) or refuse."""
    stripped = text.strip()
    for form in _WRITTEN_DATES:
        match = form.match(stripped)
        if match:
            year, month, day = match.groups()
            parts = [year, *(f"{int(x):02d}" for x in (month, day) if x)]
            return "-".join(parts)
    return text


@functools.cache
def _dates(kind: Kind) -> tuple[str, ...]:
    spec = NODES[kind] if isinstance(kind, NodeKind) else RELS[kind]
    return tuple(f.name for f in spec.fields if f.type is FieldType.DATE and not f.many)


def text_cells(kind: Kind, values: dict[str, Any]) -> dict[str, Any]:
    """A CSV row's values, with list cells written as JSON arrays read as lists and dates
    as ledgers write them read as the model's (``written_date``)."""
    out = values
    for name in _dates(kind):
        text = values.get(name)
        if isinstance(text, str) and text.strip():
            date = written_date(text)
            if date != text:
                out = {**out, name: date}
    for name in _lists(kind):
        text = values.get(name)
        if isinstance(text, str) and text.lstrip().startswith("["):
            try:
                items = json.loads(text)
            except ValueError:
                continue
            if isinstance(items, list):
                out = {**out, name: items}
    return out


def sheet_cells(kind: Kind, values: dict[str, Any]) -> dict[str, Any]:
    """A spreadsheet row's values: Excel's dates, numbers and booleans as the fields want them."""
    spec = NODES[kind] if isinstance(kind, NodeKind) else RELS[kind]
    return text_cells(kind, {name: sheet_value(spec.field(name), v) for name, v in values.items()})


def sheet_value(field: Field | None, value: Any) -> Any:
    """One typed cell for ``field`` (None: an id or an unknown column, wanted as text)."""
    if value is None or isinstance(value, str | bool):
        return value
    type_ = field.type if field is not None else None
    if isinstance(value, dt.datetime):
        if type_ is FieldType.DATETIME:
            return value.isoformat()
        if type_ is FieldType.DATE or value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and type_ is not FieldType.FLOAT:
        # Excel keeps every number as a float: 510100.0 in a code or id column means "510100".
        value = int(value)
    if isinstance(value, int) and type_ not in (FieldType.INT, FieldType.FLOAT):
        return str(value)
    return value
