"""Nodes and relationships as the store keeps them: a kind, an id and flat properties.

Relationships are records too (FollowTheMoney's lesson): each has its own id, validity
dates and provenance, so two spells of the same official in the same agency are two
records, not one edge overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.model.enums import NodeKind, RelType

Props = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Node:
    kind: NodeKind
    id: str
    props: Props
    version: int = 0

    def get(self, name: str, default: Any = None) -> Any:
        return self.props.get(name, default)


@dataclass(frozen=True, slots=True)
class Rel:
    type: RelType
    id: str
    start: str
    end: str
    props: Props = field(default_factory=dict)

    def get(self, name: str, default: Any = None) -> Any:
        return self.props.get(name, default)


def rel_id(type_: RelType, start: str, end: str, discriminator: str = "") -> str:
    """The deterministic id of a relationship record: one per (type, start, end, discriminator)."""
    base = f"{start}|{type_.name}|{end}"
    return f"{base}|{discriminator}" if discriminator else base
