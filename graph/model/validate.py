"""Checking and normalising properties against the model.

Values arrive typed (JSON, GraphQL) or as text (CSV, XLSX cells); both come out in one
canonical form: enum names, ISO dates, ints, floats, bools, lists for ``many`` fields.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, TypeVar

from graph.errors import FieldError, ValidationError
from graph.model.dates import parse_partial_date
from graph.model.enums import NodeKind, RelType
from graph.model.kinds import Field, FieldType, node_fields, rel_fields
from graph.model.records import Node, Props, Rel

E = TypeVar("E", NodeKind, RelType)
_ID = re.compile(r"^[^\s|]{1,200}$")
_CODE = re.compile(r"^\d{6}$")
_TRUE = {"true", "1", "yes", "y", "是", "t"}
_FALSE = {"false", "0", "no", "n", "否", "f"}


def check_id(value: object, field: str = "id") -> str:
    if not isinstance(value, str) or not _ID.match(value):
        raise ValidationError(
            FieldError(field, "must be 1–200 characters with no spaces and no '|'")
        )
    return value


def _one(f: Field, value: Any) -> Any:
    t = f.type
    if t in (FieldType.STR, FieldType.TEXT):
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise ValueError("expected text")
        text = str(value).strip()
        if not text:
            raise ValueError("empty text")
        return text
    if t is FieldType.CODE:
        text = str(value).strip()
        if not _CODE.match(text):
            raise ValueError(f"'{value}' is not a 6-digit region code")
        return text
    if t is FieldType.INT:
        if isinstance(value, bool):
            raise ValueError("expected an integer")
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, int):
            return value
        try:
            return int(str(value).strip())
        except ValueError:
            raise ValueError(f"'{value}' is not an integer") from None
    if t is FieldType.FLOAT:
        if isinstance(value, bool):
            raise ValueError("expected a number")
        try:
            return float(value)
        except (TypeError, ValueError):
            raise ValueError(f"'{value}' is not a number") from None
    if t is FieldType.BOOL:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValueError(f"'{value}' is not true or false")
    if t is FieldType.DATE:
        if isinstance(value, dt.date):
            return value.isoformat()
        return parse_partial_date(str(value))
    if t is FieldType.DATETIME:
        if isinstance(value, dt.datetime):
            return value.isoformat()
        try:
            return dt.datetime.fromisoformat(str(value).strip()).isoformat()
        except ValueError:
            raise ValueError(f"'{value}' is not an ISO date-time") from None
    assert f.enum is not None
    try:
        return f.enum.parse(str(value).strip()).name
    except (KeyError, ValueError):
        names = ", ".join(m.name for m in f.enum)
        raise ValueError(f"'{value}' is not one of {names}") from None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def clean_props(fields: tuple[Field, ...], raw: Mapping[str, Any]) -> Props:
    """Canonical properties, or ValidationError listing every bad field."""
    known = {f.name: f for f in fields}
    errors = [FieldError(name, "unknown field") for name in raw if name not in known]
    out: Props = {}
    for f in fields:
        value = raw.get(f.name)
        if _blank(value) or (f.many and value == []):
            if f.required:
                errors.append(FieldError(f.name, "required"))
            continue
        try:
            if f.many:
                items = value.split(";") if isinstance(value, str) else value
                if not isinstance(items, list | tuple):
                    raise ValueError("expected a list")
                out[f.name] = [_one(f, v) for v in items if not _blank(v)]
            else:
                out[f.name] = _one(f, value)
        except ValueError as exc:
            errors.append(FieldError(f.name, str(exc)))
    if "valid_from" in out and "valid_to" in out and out["valid_from"] > out["valid_to"]:
        errors.append(FieldError("valid_to", "is before valid_from"))
    if errors:
        raise ValidationError(errors)
    return out


def make_node(kind: NodeKind | str, id_: object, raw: Mapping[str, Any]) -> Node:
    k = _parse(NodeKind, kind, "kind")
    return Node(k, check_id(id_), clean_props(node_fields(k), raw))


def make_rel(
    type_: RelType | str, id_: object, start: object, end: object, raw: Mapping[str, Any]
) -> Rel:
    t = _parse(RelType, type_, "kind")
    return Rel(
        t,
        check_id(id_),
        check_id(start, "from"),
        check_id(end, "to"),
        clean_props(rel_fields(t), raw),
    )


def _parse(enum_: type[E], value: E | str, field: str) -> E:
    if isinstance(value, enum_):
        return value
    try:
        return enum_[str(value)]
    except KeyError:
        raise ValidationError(FieldError(field, f"unknown {enum_.__name__} '{value}'")) from None
