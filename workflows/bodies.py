"""Finding the bodies a rule names: the commission of a region, the level above a unit."""

from __future__ import annotations

from graph.errors import FieldError, ValidationError
from graph.model.dates import valid_at
from graph.model.enums import AgencyKind, NodeKind
from graph.model.records import Node
from graph.store import GraphStore, Op, PageRequest, Where

COMMISSION = AgencyKind.COMMISSION.name
# The roles of the bodies conducting an action (CONDUCTED_BY.role).
LEAD, JOINT, ESCALATED = "牵头", "联合", "上级督办"


def _current(nodes: list[Node], today: str) -> Node | None:
    valid = [n for n in nodes if valid_at(n.get("valid_from"), n.get("valid_to"), today)]
    return valid[0] if valid else None


def parent_code(store: GraphStore, code: str, today: str) -> str | None:
    regions = store.list_nodes(NodeKind.Region, [Where("code", Op.EQ, code)], PageRequest()).items
    region = _current(regions, today)
    parent = None if region is None else region.get("parent_code")
    return parent if isinstance(parent, str) else None


def agency_of(store: GraphStore, code: str, kind: AgencyKind, today: str) -> Node | None:
    """The agency of ``kind`` of a region, valid on ``today``."""
    where = [Where("region_code", Op.EQ, code), Where("kind", Op.EQ, kind.name)]
    return _current(store.list_nodes(NodeKind.Agency, where, PageRequest()).items, today)


def upper(store: GraphStore, agency: Node, kind: AgencyKind, today: str) -> Node | None:
    """The agency of ``kind`` one level above ``agency``'s region (None at the top)."""
    parent = parent_code(store, str(agency.get("region_code")), today)
    return None if parent is None else agency_of(store, parent, kind, today)


def require_commission(agency: Node, field: str) -> None:
    if agency.get("kind") != COMMISSION:
        raise ValidationError(
            FieldError(field, f"'{agency.id}' is not a political-legal commission (政法委)")
        )
