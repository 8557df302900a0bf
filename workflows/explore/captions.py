"""A short Chinese label for any node (名称, 标题, 案号, 编号…), so that a page or a timeline can
name a node without knowing its kind's fields. Never built from personal fields."""

from __future__ import annotations

from graph.model.enums import AccountabilityMeasure, InterventionClass, NodeKind
from graph.model.kinds import NODES, FieldType
from graph.model.records import Node

# The kinds whose searchable text is a long description: named by what and when instead.
_DATED: dict[NodeKind, tuple[str, str]] = {
    NodeKind.Accountability: ("measure", "decided_on"),
    NodeKind.InterventionRecord: ("classification", "occurred_on"),
    NodeKind.Clearance: ("", "decided_on"),
    NodeKind.Measurement: ("period", "value"),
}
_ENUMS = {"measure": AccountabilityMeasure, "classification": InterventionClass}


# A caption is made for a node of any kind from the fields the model table names for it, so
# the fields are read by name rather than through one kind's typed view.


def _first_text(node: Node) -> str | None:
    for name in NODES[node.kind].search:
        field = NODES[node.kind].field(name)
        value = node.get(name)
        if field is not None and field.type is not FieldType.TEXT and value:
            return str(value)
    return None


def _dated(node: Node, what: str, when: str) -> str:
    value = node.get(what) if what else None
    enum = _ENUMS.get(what)
    head = node.kind.label if value is None else str(value)
    if enum is not None and head in enum.__members__:
        head = enum[head].label
    tail = node.get(when)
    return head if tail is None else f"{head} {tail}"


def caption(node: Node) -> str:
    """The node's label: its name, title, case or petition number, or what and when."""
    dated = _DATED.get(node.kind)
    if dated is not None:
        return _dated(node, *dated)
    return _first_text(node) or f"{node.kind.label} {node.id}"
