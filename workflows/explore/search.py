"""Search (搜索) by id, caption, name, title or number, among the nodes the caller sees."""

from __future__ import annotations

from collections.abc import Sequence

from graph.errors import FieldError, ValidationError
from graph.model.enums import NodeKind
from graph.model.kinds import NODES
from graph.model.records import Node
from graph.store import AnyOf, GraphStore, Op, PageRequest, Where
from workflows.access import Access
from workflows.explore.bounds import within_range
from workflows.explore.captions import caption
from workflows.usecase import use_case


def _searched(kind: NodeKind, text: str) -> AnyOf:
    return AnyOf(tuple(Where(f, Op.CONTAINS, text) for f in NODES[kind].search))


@use_case()
def search(
    *,
    store: GraphStore,
    access: Access,
    text: str,
    kinds: Sequence[NodeKind] | None = None,
    first: int = 20,
    ids: Sequence[str] = (),
) -> list[Node]:
    """Visible nodes whose id is ``text`` (or one of ``ids``) first, then those whose caption
    is ``text``, starts with it, or whose name, title or number contains it."""
    text = text.strip()
    if not text:
        raise ValidationError(FieldError("text", "give some text to search for"))
    within_range(first, "first", 1)
    wanted = list(kinds or NodeKind)
    exact = [
        n
        for n in store.get_nodes(list(dict.fromkeys([text, *ids]))).values()
        if n.kind in wanted and access.can_see(n)
    ]
    seen = {n.id for n in exact}
    found: list[Node] = []
    for kind in wanted:
        where = [_searched(kind, text), *access.conditions(kind)]
        found += store.list_nodes(kind, where, PageRequest(first=first)).items
    lowered = text.lower()

    def closeness(node: Node) -> int:
        label = caption(node).lower()
        return 0 if label == lowered else 1 if label.startswith(lowered) else 2

    order = {kind: i for i, kind in enumerate(wanted)}
    ranked = sorted(
        (n for n in found if n.id not in seen),
        key=lambda n: (closeness(n), order[n.kind], n.id),
    )
    return [access.present(n) for n in [*exact, *ranked][:first]]
