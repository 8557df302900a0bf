"""Who does the work and who checks it (separation of duties).

A rectification and a case supervision item are assigned to a unit (ASSIGNED_TO). The unit
does the work: it starts and submits a rectification, and reports progress and completion
of a supervision item. The supervising body checks it: it accepts, returns and closes
(验收, 退回, 销号, 审核办结). So:

- a caller whose token names an agency makes the doing moves only on items assigned to that
  agency, and never makes a checking move on them;
- whoever made the last doing move on an item (by subject, whatever the token) does not make
  the checking move that follows: one person never both submits and accepts.

Every way of moving these lifecycles asks this one rule: the dedicated use cases and the
generic ``transition``.
"""

from __future__ import annotations

from graph.errors import Forbidden
from graph.model.enums import NodeKind, RelType
from graph.model.records import Node
from graph.store import Direction, GraphStore
from workflows.access import Access
from workflows.reading import linked

DOING: dict[NodeKind, frozenset[str]] = {
    NodeKind.Rectification: frozenset({"start", "submit"}),
    NodeKind.SupervisionAction: frozenset({"report_progress", "report_completion"}),
}
CHECKING: dict[NodeKind, frozenset[str]] = {
    NodeKind.Rectification: frozenset({"accept", "return", "close"}),
    NodeKind.SupervisionAction: frozenset({"return", "close"}),
}


def assigned_units(store: GraphStore, node: Node) -> set[str]:
    """The units an item is assigned to (ASSIGNED_TO)."""
    found = linked(store, [node.id], [RelType.ASSIGNED_TO], Direction.OUT)
    return {n.node.id for n in found.get(node.id, []) if n.node.kind is NodeKind.Agency}


def last_doer(store: GraphStore, node: Node) -> str | None:
    """Who made the last doing move on ``node``, from the audit trail."""
    doing = {f"transition:{m}" for m in DOING.get(node.kind, ())}
    entries = store.audit_entries(target=node.id)
    done = [e.record.actor for e in entries if e.record.operation in doing]
    return done[-1] if done else None


def check_move(store: GraphStore, access: Access | None, node: Node, move: str) -> None:
    """Refuse a move that would let one party both do the work and check it (Forbidden)."""
    if access is None or node.kind not in DOING:
        return
    agency, move = access.principal.agency, move.lower()
    if move in DOING[node.kind]:
        if agency is not None and agency not in assigned_units(store, node):
            raise Forbidden(
                f"'{move}': only the unit '{node.id}' is assigned to reports on it, "
                f"and the token's agency '{agency}' is not that unit"
            )
    elif move in CHECKING[node.kind]:
        if agency is not None and agency in assigned_units(store, node):
            raise Forbidden(
                f"'{move}': the unit that did the work ('{agency}') does not check it; "
                "the supervising body does"
            )
        # 销号 of an accepted rectification follows a check already made by another.
        after_report = move != "close" or node.kind is NodeKind.SupervisionAction
        if after_report and last_doer(store, node) == access.principal.subject:
            raise Forbidden(
                f"'{move}': '{access.principal.subject}' made the last report on "
                f"'{node.id}' and may not also check it"
            )
