"""Search (搜索) as a Query field, over ``workflows.explore.search``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from strawberry.types.unset import UNSET

from graph.errors import ValidationError
from schema.context import Info
from schema.explore.args import node_id, node_kinds, or_default
from schema.fields import query
from schema.generic.enums import NodeKindEnum
from schema.generic.nodes import Node, wrap
from schema.objects import list_of, maybe
from workflows.explore import search as node_search


def _search_ids(text: str) -> Sequence[str]:
    """The store id in ``text`` when it is a global id (a node is found by either)."""
    try:
        return [node_id(text.strip(), "text")]
    except ValidationError:
        return []


@query(
    "搜索: visible nodes whose id is `text` first, then those whose caption is it or starts "
    "with it, then those whose name, title or number contains it (case-insensitive); by kind "
    "in model order, then id.",
    returns=list_of(Node),
    kinds=maybe(list_of(NodeKindEnum)),
)
async def search(info: Info, text: str, kinds: Any = UNSET, first: int | None = 20) -> Any:
    found = await info.context.call(
        node_search.search,
        text=text,
        kinds=node_kinds(kinds),
        first=info.context.limits.page_size(or_default(first, 20)),
        ids=_search_ids(text),
    )
    return [wrap(n) for n in found]
