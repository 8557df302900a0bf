"""Finding the bodies a rule names: the commission of a region, the level above a unit, the
bodies an agreement speaks for."""

from __future__ import annotations

from collections.abc import Sequence

from graph.errors import FieldError, ValidationError
from graph.model.dates import valid_at
from graph.model.enums import AgencyKind, NodeKind, RegionLevel, RelType
from graph.model.records import Node
from graph.store import Direction, GraphStore, Neighbour, Op, PageRequest, Where

COMMISSION = AgencyKind.COMMISSION.name
# The roles of the bodies conducting an action (CONDUCTED_BY.role).
LEAD, JOINT, ESCALATED = "牵头", "联合", "上级督办"
CHUNK = 2000  # agencies whose links one question reads


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


def area_of(party: Node) -> str | None:
    """The code prefix of the area a party to an agreement speaks for: its region's subtree
    when it signed below the province level ('510100' → '5101'); None for a province-level
    party, which speaks only for itself (a framework agreement, the "1" or an "n", covers no
    pair of areas by itself, as in ``reports.agreements``)."""
    code, level = party.get("region_code"), party.get("level")
    if not isinstance(code, str) or len(code) != 6 or level == RegionLevel.PROVINCE.name:
        return None
    return code[:4] if code.endswith("00") else code


def speaks_for(parties: list[Node], body: Node) -> bool:
    """Whether an agreement signed by ``parties`` covers ``body``: a party, or an agency in
    a party's area."""
    if any(p.id == body.id for p in parties):
        return True
    region = body.get("region_code")
    if body.kind is not NodeKind.Agency or not isinstance(region, str):
        return False
    return any(a is not None and region.startswith(a) for a in map(area_of, parties))


def parties_of(store: GraphStore, agreement_id: str) -> list[Node]:
    found = store.neighbours([agreement_id], rel_types=[RelType.SIGNED_BY], direction=Direction.OUT)
    return [n.node for n in found.get(agreement_id, [])]


def check_under(
    agreement: Node, parties: list[Node], on: str, bodies: list[tuple[str, Node]], field: str
) -> None:
    """Work done under ``agreement`` on day ``on`` by ``bodies`` (each with the input field
    that named it): the agreement must be in force that day and cover every body."""
    errors = []
    if not valid_at(agreement.get("signed_on"), agreement.get("valid_to"), on):
        signed, until = agreement.get("signed_on"), agreement.get("valid_to") or "open-ended"
        errors.append(FieldError(field, f"is not in force on {on} (signed {signed}, to {until})"))
    for where, body in bodies:
        if body.kind is NodeKind.Agency and not speaks_for(parties, body):
            errors.append(
                FieldError(
                    where,
                    f"'{body.id}' is neither a party to '{agreement.id}' nor in a party's area",
                )
            )
    if errors:
        raise ValidationError(errors)


def _linked_above(
    store: GraphStore,
    agency: Node,
    rel: RelType,
    today: str,
    near: Sequence[Neighbour] | None = None,
) -> list[Node]:
    if near is None:
        near = store.neighbours([agency.id], rel_types=[rel], direction=Direction.IN).get(
            agency.id, []
        )
    return sorted(
        (
            n.node
            for n in near
            if n.rel.type is rel
            and n.node.kind is NodeKind.Agency
            and valid_at(n.rel.get("valid_from"), n.rel.get("valid_to"), today)
            and valid_at(n.node.get("valid_from"), n.node.get("valid_to"), today)
        ),
        key=lambda n: n.id,
    )


def guide_of(
    store: GraphStore, agency: Node, today: str, near: Sequence[Neighbour] | None = None
) -> Node | None:
    """条: the upper unit of ``agency``'s own system that guides it (GUIDES); where the graph
    holds no such link, the agency of the same kind one level up by region. ``near``: the
    agency's incoming GUIDES and COORDINATES, when already read (``lines_above``)."""
    guides = _linked_above(store, agency, RelType.GUIDES, today, near)
    if guides:
        return guides[0]
    return upper(store, agency, AgencyKind[str(agency.get("kind"))], today)


def coordinator_of(
    store: GraphStore, agency: Node, today: str, near: Sequence[Neighbour] | None = None
) -> Node | None:
    """块: the commission that coordinates ``agency`` in its region (COORDINATES); where the
    graph holds no such link, the commission of its region (for a commission: the one above)."""
    found = [
        n
        for n in _linked_above(store, agency, RelType.COORDINATES, today, near)
        if n.get("kind") == COMMISSION and n.id != agency.id
    ]
    if found:
        return found[0]
    if agency.get("kind") == COMMISSION:
        return upper(store, agency, AgencyKind.COMMISSION, today)
    return agency_of(store, str(agency.get("region_code")), AgencyKind.COMMISSION, today)


def lines_above(
    store: GraphStore, agencies: Sequence[Node], today: str
) -> dict[str, tuple[Node | None, Node | None]]:
    """The 条 and the 块 (``guide_of``, ``coordinator_of``) of each agency, their links read
    for all the agencies at once (CHUNK to a question)."""
    unique = list({a.id: a for a in agencies}.values())
    near: dict[str, list[Neighbour]] = {}
    for start in range(0, len(unique), CHUNK):
        near.update(
            store.neighbours(
                [a.id for a in unique[start : start + CHUNK]],
                rel_types=[RelType.GUIDES, RelType.COORDINATES],
                direction=Direction.IN,
            )
        )
    return {
        a.id: (
            guide_of(store, a, today, near.get(a.id, [])),
            coordinator_of(store, a, today, near.get(a.id, [])),
        )
        for a in unique
    }
