"""Arguments of the exploration fields: global ids of nodes of any kind, and sizes."""

from __future__ import annotations

from graph.errors import FieldError, QueryTooLarge, ValidationError
from graph.model.enums import NodeKind
from schema.generic.ids import from_global
from schema.usecases import Info

# A neighbourhood, a picked subgraph or an investigation may hold this many pages of nodes.
SUBGRAPH_PAGES = 10


def store_id(global_id: str, field: str) -> str:
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
