"""Arguments of the exploration fields: global ids of nodes of any kind, kinds and
relationship types, and sizes."""

from __future__ import annotations

from typing import Any

from graph.errors import FieldError, QueryTooLarge, ValidationError
from graph.model.enums import NodeKind, RelType
from schema.context import Info
from schema.generic.enums import code
from schema.generic.ids import from_global
from schema.generic.inputs import given

# A neighbourhood, a picked subgraph or an investigation may hold this many pages of nodes.
SUBGRAPH_PAGES = 10


def node_id(global_id: str, field: str) -> str:
    """The store id in the global id of a node of any kind, or ValidationError naming
    ``field``."""
    type_name, found = from_global(global_id, field)
    if type_name not in NodeKind.__members__:
        raise ValidationError(FieldError(field, "not the id of a node"))
    return found


def subgraph_size(info: Info, size: int, argument: str) -> int:
    """``size`` if a subgraph may be that large under the request limits."""
    most = SUBGRAPH_PAGES * info.context.limits.max_page_size
    if size > most:
        raise QueryTooLarge(f"{argument}: {size} is over the subgraph limit of {most}")
    return size


def node_kinds(value: Any) -> list[NodeKind] | None:
    return None if not given(value) else [NodeKind[code(k)] for k in value]


def rel_types(value: Any) -> list[RelType] | None:
    return None if not given(value) else [RelType[code(t)] for t in value]


def or_default(value: Any, default: int) -> int:
    """An optional size argument: null (given or not) is its default."""
    found = given(value)
    return default if found is None else int(found)
