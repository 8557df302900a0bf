"""Records of the load format: an envelope (type, id, from, to) around a node's or a
relationship's fields, read into model records and written back out.

The envelope says ``type`` where the model says kind, because Agency, Case,
SupervisionAction and JointMeeting have a field of their own named ``kind``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from graph.errors import FieldError, ValidationError
from graph.model.enums import NodeKind, RelType
from graph.model.kinds import node_fields, rel_fields
from graph.model.records import Node, Rel
from graph.model.validate import make_node, make_rel

TYPE, ID, FROM, TO, ERROR = "type", "id", "from", "to", "error"
ENVELOPE = frozenset((TYPE, ID, FROM, TO, ERROR))

Kind = NodeKind | RelType
Record = Node | Rel
Cells = Callable[[Kind, dict[str, Any]], dict[str, Any]]
"""How a file format turns one row's cells into values for validation, given its kind."""

_KINDS: dict[str, Kind] = {
    key: member for member in (*NodeKind, *RelType) for key in (member.name, member.label)
}


# The envelope's names in Chinese, for ledgers written with Chinese headers throughout.
ENVELOPE_LABELS = {"类型": TYPE, "标识": ID, "起点": FROM, "终点": TO}


@functools.cache
def _field_labels(kind: Kind) -> dict[str, str]:
    fields = node_fields(kind) if isinstance(kind, NodeKind) else rel_fields(kind)
    return {f.label: f.name for f in fields}


def english(
    values: Mapping[str, Any], kind: Kind | None = None, written: dict[str, str] | None = None
) -> tuple[dict[str, Any], dict[str, str]]:
    """A row's values under the model's names: the envelope's Chinese names (类型, 标识, 起点,
    终点) and, once the kind is known, its fields' Chinese labels (案号 → case_number, as in
    docs/data-model.md) read as the English ones. Also which name was written how, so that an
    error names the column as the file wrote it. A column given both ways is an error."""
    labels = ENVELOPE_LABELS if kind is None else _field_labels(kind)
    if not _named_in(tuple(values), kind):  # every name is English already: the usual row
        return dict(values), dict(written or {})
    out: dict[str, Any] = {}
    seen = dict(written or {})
    errors = []
    for name, value in values.items():
        english_name = labels.get(name.strip()) if isinstance(name, str) else None
        if english_name is None:
            out.setdefault(name, value)
            continue
        if english_name in values and not blank(values[english_name]) and not blank(value):
            errors.append(FieldError(name, f"given twice: also as '{english_name}'"))
            continue
        if blank(out.get(english_name)):
            out[english_name] = value
        seen[english_name] = name
    if errors:
        raise ValidationError(errors)
    return out, seen


@functools.lru_cache(maxsize=1024)
def _named_in(names: tuple[Any, ...], kind: Kind | None) -> bool:
    """Whether any of a row's names is a Chinese one ``english`` reads (rows of a file share
    their names, so this is asked once per file, not per row)."""
    labels = ENVELOPE_LABELS if kind is None else _field_labels(kind)
    return any(isinstance(n, str) and n.strip() in labels for n in names)


def blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def kind_named(name: str) -> Kind | None:
    """The node kind or relationship type with this English name or Chinese label."""
    return _KINDS.get(name.strip())


def row_kind(values: Mapping[str, Any], default: Kind | None) -> Kind:
    """The kind in a row's ``type`` cell, else the one its file or sheet is named after."""
    value = values.get(TYPE)
    if blank(value):
        if default is None:
            mistaken = values.get("kind")
            hint = (
                "; `kind` is a field" if isinstance(mistaken, str) and kind_named(mistaken) else ""
            )
            reason = f"required (a node kind or relationship type{hint})"
            raise ValidationError(FieldError(TYPE, reason))
        return default
    kind = kind_named(value) if isinstance(value, str) else None
    if kind is None:
        reason = f"'{value}' is neither a node kind nor a relationship type"
        raise ValidationError(FieldError(TYPE, reason))
    return kind


def build(kind: Kind, values: Mapping[str, Any]) -> Record:
    """The validated node or relationship of one row, or ValidationError listing every bad field."""
    props = {
        k: v
        for k, v in values.items()
        if k not in ENVELOPE and v is not None and (not isinstance(v, str) or v.strip())
    }
    if isinstance(kind, NodeKind):
        return _node(kind, values, props)
    return _rel(kind, values, props)


def _node(kind: NodeKind, values: Mapping[str, Any], props: dict[str, Any]) -> Node:
    misplaced = [
        FieldError(end, "only a relationship has from and to")
        for end in (FROM, TO)
        if not blank(values.get(end))
    ]
    id_ = values.get(ID)
    if blank(id_):
        id_ = natural_id(kind, props)
    try:
        node = make_node(kind, id_, props)
    except ValidationError as exc:
        raise ValidationError(misplaced + exc.errors) from None
    if misplaced:
        raise ValidationError(misplaced)
    return node


# Kinds whose rows may leave the id out: it is made from the key every ledger writes.
NATURAL_KEYS = {NodeKind.Region: "code", NodeKind.Case: "case_number", NodeKind.Complaint: "number"}


def natural_id(kind: NodeKind, props: Mapping[str, Any]) -> str | None:
    """``case:(2023)川0104刑初12号`` for a case row with no id, and likewise a region by its
    code and a complaint by its number; None for other kinds (the id stays required)."""
    key = NATURAL_KEYS.get(kind)
    value = props.get(key) if key else None
    if value is None or blank(value):
        return None
    return f"{kind.name.lower()}:{''.join(str(value).split())}"


def _rel(type_: RelType, values: Mapping[str, Any], props: dict[str, Any]) -> Rel:
    given = values.get(ID)
    return make_rel(type_, None if blank(given) else given, values.get(FROM), values.get(TO), props)


@functools.cache
def field_names(kind: Kind) -> tuple[str, ...]:
    fields = node_fields(kind) if isinstance(kind, NodeKind) else rel_fields(kind)
    return tuple(f.name for f in fields)


def columns(kind: Kind) -> tuple[str, ...]:
    """The columns of a file holding only records of ``kind``, in the order export writes them."""
    head = (ID,) if isinstance(kind, NodeKind) else (ID, FROM, TO)
    return head + field_names(kind)


def as_record(record: Record) -> dict[str, Any]:
    """The record as a row of the load format, fields in the model's order."""
    if isinstance(record, Node):
        kind: Kind = record.kind
        row: dict[str, Any] = {TYPE: kind.name, ID: record.id}
    else:
        kind = record.type
        row = {TYPE: kind.name, ID: record.id, FROM: record.start, TO: record.end}
    envelope, props = len(row), record.props
    known = field_names(kind)
    row.update((name, props[name]) for name in known if name in props)
    if len(row) - envelope < len(props):
        # Only a store written around the model holds these; export them so load says so.
        row.update((name, props[name]) for name in sorted(props.keys() - set(known)))
    return row
