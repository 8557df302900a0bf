"""Checking and normalising properties against the model.

Values arrive typed (JSON, GraphQL) or as text (CSV, XLSX cells); both come out in one
canonical form: enum names, ISO dates, ints, floats, bools, lists for ``many`` fields.
Every bad field is reported, not just the first.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from graph.errors import FieldError, ValidationError
from graph.model.dates import parse_partial_date
from graph.model.enums import Labeled, NodeKind, RelType
from graph.model.kinds import Field, FieldType, node_fields, rel_fields
from graph.model.records import Node, Props, Rel, rel_id

E = TypeVar("E", NodeKind, RelType)
Convert = Callable[[Any], Any]

_NODE_ID = re.compile(r"^[^\s|]{1,200}$")
_REL_ID = re.compile(r"^\S{1,400}$")
_CODE = re.compile(r"^\d{6}$")
_TRUE = {"true", "1", "yes", "y", "是", "t"}
_FALSE = {"false", "0", "no", "n", "否", "f"}


def _id_error(value: object, field: str, pattern: re.Pattern[str]) -> FieldError | None:
    if isinstance(value, str) and pattern.match(value):
        return None
    if value is None or value == "":
        return FieldError(field, "required")
    if pattern is _NODE_ID:
        return FieldError(field, "must be 1–200 characters with no spaces and no '|'")
    return FieldError(field, "must be 1–400 characters with no spaces")


def check_id(value: object, field: str = "id") -> str:
    """A node id: 1–200 characters, no whitespace, no '|' (relationship ids join with it)."""
    error = _id_error(value, field, _NODE_ID)
    if error:
        raise ValidationError(error)
    assert isinstance(value, str)
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise ValueError("expected text")
    text = str(value).strip()
    if not text:
        raise ValueError("empty text")
    return text


def _code(value: Any) -> str:
    text = str(value).strip()
    if not _CODE.match(text):
        raise ValueError(f"'{value}' is not a 6-digit region code")
    return text


def _int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError("expected an integer")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    try:
        return int(str(value).strip())
    except ValueError:
        raise ValueError(f"'{value}' is not an integer") from None


def _float(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError("expected a number")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ValueError(f"'{value}' is not a number") from None


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"'{value}' is not true or false")


def _date(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return parse_partial_date(str(value))


def _datetime(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    try:
        return dt.datetime.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise ValueError(f"'{value}' is not an ISO date-time") from None


def _enum(enum_: type[Labeled]) -> Convert:
    by_text = {m.name: m.name for m in enum_} | {m.label: m.name for m in enum_}
    names = ", ".join(m.name for m in enum_)

    def convert(value: Any) -> str:
        found = by_text.get(str(value).strip())
        if found is None:
            raise ValueError(f"'{value}' is not one of {names}")
        return found

    return convert


_CONVERT: dict[FieldType, Convert] = {
    FieldType.STR: _text,
    FieldType.TEXT: _text,
    FieldType.CODE: _code,
    FieldType.INT: _int,
    FieldType.FLOAT: _float,
    FieldType.BOOL: _bool,
    FieldType.DATE: _date,
    FieldType.DATETIME: _datetime,
}


def _converter(f: Field) -> Convert:
    one = _enum(f.enum) if f.enum is not None else _CONVERT[f.type]
    if not f.many:
        return one

    def many(value: Any) -> list[Any]:
        items = value.split(";") if isinstance(value, str) else value
        if not isinstance(items, list | tuple):
            raise ValueError("expected a list")
        return [one(v) for v in items if not _blank(v)]

    return many


Table = tuple[dict[str, tuple[Field, Convert]], tuple[str, ...]]


@functools.cache
def _table(fields: tuple[Field, ...]) -> Table:
    return (
        {f.name: (f, _converter(f)) for f in fields},
        tuple(f.name for f in fields if f.required),
    )


def _blank(value: Any) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


@functools.cache
def _kind_table(kind: NodeKind | RelType) -> Table:
    return _table(node_fields(kind) if isinstance(kind, NodeKind) else rel_fields(kind))


def _clean(spec: Table, raw: Mapping[str, Any], errors: list[FieldError]) -> Props:
    table, required = spec
    out: Props = {}
    for name, value in raw.items():
        entry = table.get(name)
        if entry is None:
            errors.append(FieldError(name, "unknown field"))
            continue
        if _blank(value):
            continue
        try:
            converted = entry[1](value)
        except ValueError as exc:
            errors.append(FieldError(name, str(exc)))
            continue
        if converted != []:
            out[name] = converted
    errors.extend(
        FieldError(name, "required")
        for name in required
        if name not in out and not any(e.field == name for e in errors)
    )
    if "valid_from" in out and "valid_to" in out and out["valid_from"] > out["valid_to"]:
        errors.append(FieldError("valid_to", "is before valid_from"))
    return out


def clean_props(fields: tuple[Field, ...], raw: Mapping[str, Any]) -> Props:
    """Canonical properties, or ValidationError listing every bad field."""
    errors: list[FieldError] = []
    out = _clean(_table(fields), raw, errors)
    if errors:
        raise ValidationError(errors)
    return out


def make_node(kind: NodeKind | str, id_: object, raw: Mapping[str, Any]) -> Node:
    """A validated node, or ValidationError naming every bad field (the id included)."""
    k = _parse(NodeKind, kind, "kind")
    errors = [e for e in (_id_error(id_, "id", _NODE_ID),) if e]
    props = _clean(_kind_table(k), raw, errors)
    if errors:
        raise ValidationError(errors)
    assert isinstance(id_, str)
    return Node(k, id_, props)


def make_rel(
    type_: RelType | str, id_: object, start: object, end: object, raw: Mapping[str, Any]
) -> Rel:
    """A validated relationship; ``id_`` None gives the deterministic ``rel_id``."""
    t = _parse(RelType, type_, "kind")
    checks = [(start, "from", _NODE_ID), (end, "to", _NODE_ID)]
    if id_ is not None:
        checks.append((id_, "id", _REL_ID))
    errors = [e for e in (_id_error(v, f, p) for v, f, p in checks) if e]
    props = _clean(_kind_table(t), raw, errors)
    if errors:
        raise ValidationError(errors)
    assert isinstance(start, str) and isinstance(end, str)
    return Rel(t, id_ if isinstance(id_, str) else rel_id(t, start, end), start, end, props)


def _parse(enum_: type[E], value: E | str, field: str) -> E:
    if isinstance(value, enum_):
        return value
    try:
        return enum_[str(value)]
    except KeyError:
        raise ValidationError(FieldError(field, f"unknown {enum_.__name__} '{value}'")) from None
