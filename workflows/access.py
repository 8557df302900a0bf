"""Who may do what, and see which part of the graph.

Roles grant permissions (the matrix below, documented in docs/permissions.md). A principal
may also carry a jurisdiction: a region code, whose subtree is every code with its prefix
("510000" → "51…", "510100" → "5101…", "510104" → itself). A scoped principal sees:

- nodes whose region (``region_code``; a Region's own ``code``) lies in the subtree;
- the reference kinds (Region, Indicator), which are public;
- Agreements *shared* with the subtree: signed by an agency of the subtree, or implemented
  by such an agreement (the "1" above an "n");
- while a shared agreement is in force (from its ``signed_on`` to its ``valid_to``, both
  included), what working together under it needs: whatever stands UNDER it (actions,
  meetings, cases of the Sichuan–Chongqing "1+n" network), wherever it lies; when the
  subtree signed it too, the bodies that signed it and those it covers (the agencies in the
  area of a party below the province level: ``workflows.bodies.area_of``); the bodies that
  conducted the shared actions;
  and the findings of those actions with the rectifications and accountability that follow
  from them. From the day after ``valid_to`` the agreement shares nothing more.

Anything else reads as absent: NotFound, never Forbidden, so existence does not leak.
Personal fields (``personal=True`` in the model) are masked unless the role may read them.
"""

from __future__ import annotations

import enum
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass

from graph.errors import FieldError, Forbidden, ValidationError
from graph.model.dates import valid_at
from graph.model.enums import NodeKind, RelType
from graph.model.kinds import NODES, RELS
from graph.model.records import Node
from graph.store import (
    AnyOf,
    Condition,
    Direction,
    GraphStore,
    Neighbour,
    NodeConditions,
    Op,
    Where,
)
from workflows import days
from workflows.bodies import area_of


class Role(enum.Enum):
    VIEWER = "viewer"
    INVESTIGATOR = "investigator"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class Permission(enum.Enum):
    READ = "read"
    READ_PERSONAL = "read personal data unmasked"
    WRITE = "create, update, link and unlink records of supervision work"
    TRANSITION = "move a lifecycle (complaint, rectification, case supervision)"
    WRITE_REFERENCE = "create and update reference data (regions, agencies, posts, indicators)"
    DELETE = "delete nodes"
    READ_AUDIT = "read the audit log"
    INVESTIGATE = "save and replace investigations (the explorer's named sets of nodes)"


P = Permission
MATRIX: dict[Role, frozenset[Permission]] = {
    Role.VIEWER: frozenset({P.READ}),
    Role.INVESTIGATOR: frozenset({P.READ, P.READ_PERSONAL, P.INVESTIGATE}),
    Role.SUPERVISOR: frozenset(
        {P.READ, P.READ_PERSONAL, P.WRITE, P.TRANSITION, P.READ_AUDIT, P.INVESTIGATE}
    ),
    Role.ADMIN: frozenset(Permission),
}

PUBLIC_KINDS = frozenset({NodeKind.Region, NodeKind.Indicator})
REFERENCE_KINDS = frozenset({NodeKind.Region, NodeKind.Agency, NodeKind.Post, NodeKind.Indicator})
# What the agreements share (see SharedItems): the agreements, what stands UNDER them, the
# bodies working together under them, and what their joint actions found.
SHAREABLE_KINDS = frozenset(
    {NodeKind.Agreement, NodeKind.Agency, NodeKind.Finding}
    | {NodeKind.Rectification, NodeKind.Accountability}
    | {start for start, _ in RELS[RelType.UNDER].ends}
)
REGION_FIELD = {k: "code" if k is NodeKind.Region else "region_code" for k in NodeKind}

PERSONAL: dict[NodeKind, tuple[str, ...]] = {
    kind: tuple(f.name for f in spec.fields if f.personal) for kind, spec in NODES.items()
}
# How much of each personal field stays readable: (characters kept at the start, at the end).
MASKS: dict[str, tuple[int, int]] = {"id_number": (4, 4), "phone": (3, 4), "address": (6, 0)}


def mask(value: str, keep: tuple[int, int]) -> str:
    """``value`` with its middle starred: '510104199001011234' → '5101**********1234'."""
    start, end = keep
    if len(value) <= start + end:
        return "*" * len(value)
    return value[:start] + "*" * (len(value) - start - end) + value[len(value) - end :]


def subtree_prefix(code: str) -> str:
    """The code prefix shared by a region's subtree: '510000' → '51', '510100' → '5101'."""
    if len(code) != 6 or not code.isdigit():
        raise ValidationError(FieldError("region", f"'{code}' is not a 6-digit region code"))
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return code


@dataclass(frozen=True)
class Principal:
    subject: str
    role: Role
    region: str | None = None
    agency: str | None = None  # the unit the caller works for (a store id), if the token says

    @property
    def prefix(self) -> str | None:
        return None if self.region is None else subtree_prefix(self.region)

    def can(self, permission: Permission) -> bool:
        return permission in MATRIX[self.role]


class SharedItems:
    """The ids shared with each jurisdiction on the deployment's day, computed from the
    store and kept a short while.

    Writes made through the use cases clear it; writes by another process show within
    ``ttl`` seconds."""

    def __init__(self, store: GraphStore, *, ttl: float = 30.0) -> None:
        self._store = store
        self._ttl = ttl
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, str], tuple[float, frozenset[str]]] = {}

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()

    def ids(self, prefix: str) -> frozenset[str]:
        now, key = time.monotonic(), (prefix, days.today())
        with self._lock:
            hit = self._cache.get(key)
        if hit is not None and now - hit[0] < self._ttl:
            return hit[1]
        shared = self._compute(prefix, key[1])
        with self._lock:
            self._cache[key] = (now, shared)
        return shared

    def _out(self, ids: Iterable[str], type_: RelType) -> set[str]:
        found = self._store.neighbours(sorted(ids), rel_types=[type_], direction=Direction.OUT)
        return {n.node.id for ns in found.values() for n in ns}

    def _compute(self, prefix: str, today: str) -> frozenset[str]:
        store = self._store
        agreements = {a.id: a for a in store.list_nodes(NodeKind.Agreement).items}
        signed = store.neighbours(
            sorted(agreements), rel_types=[RelType.SIGNED_BY], direction=Direction.OUT
        )
        own = {
            a_id
            for a_id, parties in signed.items()
            if any(str(p.node.get("region_code", "")).startswith(prefix) for p in parties)
        }
        shared, frontier = set(own), set(own)
        while frontier:
            frontier = self._out(frontier, RelType.IMPLEMENTS) - shared
            shared |= frontier
        in_force = {
            a
            for a in shared
            if a in agreements
            and valid_at(agreements[a].get("signed_on"), agreements[a].get("valid_to"), today)
        }
        under = store.neighbours(
            sorted(in_force), rel_types=[RelType.UNDER], direction=Direction.IN
        )
        items = {n.node.id: n.node for ns in under.values() for n in ns}
        actions = {i for i, n in items.items() if n.kind is NodeKind.SupervisionAction}
        parties = [p.node for a in own & in_force for p in signed.get(a, [])]
        bodies = {p.id for p in parties}
        for area in sorted({a for a in map(area_of, parties) if a is not None}):
            covered = store.list_nodes(NodeKind.Agency, [Where("region_code", Op.PREFIX, area)])
            bodies |= {n.id for n in covered.items}
        bodies |= self._out(actions, RelType.CONDUCTED_BY)
        findings = self._out(actions, RelType.FOUND)
        follow = self._out(findings, RelType.REQUIRES) | self._out(findings, RelType.LED_TO)
        return frozenset(shared | set(items) | bodies | findings | follow)


class Access:
    """One request's view of the graph: the principal's permissions and jurisdiction."""

    def __init__(self, principal: Principal, shared: SharedItems) -> None:
        self.principal = principal
        self._shared = shared
        self._prefix = principal.prefix
        self._masked = not principal.can(Permission.READ_PERSONAL)
        self._listed: tuple[frozenset[str], list[str]] | None = None

    @property
    def scoped(self) -> bool:
        return self._prefix is not None

    @property
    def masked(self) -> bool:
        """Whether personal fields reach this principal masked."""
        return self._masked

    def changed(self) -> None:
        """Forget what was shared: a write may have changed it."""
        self._shared.clear()

    def require(self, permission: Permission) -> None:
        if not self.principal.can(permission):
            raise Forbidden(f"the role '{self.principal.role.value}' may not {permission.value}")

    def require_write(self, kind: NodeKind) -> None:
        self.require(Permission.WRITE_REFERENCE if kind in REFERENCE_KINDS else Permission.WRITE)

    def in_jurisdiction(self, kind: NodeKind, region: object) -> bool:
        """Whether a node of ``kind`` in ``region`` lies in the principal's subtree."""
        if self._prefix is None or kind in PUBLIC_KINDS:
            return True
        return isinstance(region, str) and region.startswith(self._prefix)

    def concealed(self, node: Node) -> bool:
        """An unannounced visit (暗访) not yet finished is hidden from every caller whose token
        names an agency, except the agencies conducting it (workflows.actions)."""
        agency = self.principal.agency
        return (
            agency is not None
            and node.kind is NodeKind.SupervisionAction
            and bool(node.props.get("concealed"))
            and agency not in (node.props.get("conductor_ids") or ())
        )

    def can_see(self, node: Node) -> bool:
        if self.concealed(node):
            return False
        return self._placed(node.kind, node.id, node.props.get(REGION_FIELD[node.kind]))

    def may_see(self, kind: NodeKind, id_: str, region: object) -> bool:
        """``can_see`` for a node known by its kind, id and region alone: of a kind that is
        never concealed (a visit may be; ``concealed`` reads the whole record)."""
        if kind is NodeKind.SupervisionAction and self.principal.agency is not None:
            raise ValueError("a visit's visibility needs its record: use can_see")
        return self._placed(kind, id_, region)

    def _placed(self, kind: NodeKind, id_: str, region: object) -> bool:
        """In the jurisdiction, or shared with it."""
        if self.in_jurisdiction(kind, region):
            return True
        return kind in SHAREABLE_KINDS and id_ in self.shared_ids()

    def shared_ids(self) -> frozenset[str]:
        return frozenset() if self._prefix is None else self._shared.ids(self._prefix)

    def _shared_list(self) -> list[str]:
        """``shared_ids`` in order, for a condition (sorted once while they stay the same:
        a walk's conditions name them under every shareable kind)."""
        ids = self.shared_ids()
        if self._listed is None or self._listed[0] is not ids:
            self._listed = (ids, sorted(ids))
        return self._listed[1]

    def require_jurisdiction(self, node: Node) -> None:
        """A written node must stay inside the subtree (shared items stay where they are)."""
        region = node.props.get(REGION_FIELD[node.kind])
        if self._prefix is None or node.kind in PUBLIC_KINDS:
            return
        if region is None and node.kind in SHAREABLE_KINDS and node.id in self.shared_ids():
            return
        if not self.in_jurisdiction(node.kind, region):
            raise Forbidden(
                f"{REGION_FIELD[node.kind]} '{region}' is outside the jurisdiction "
                f"{self.principal.region}"
            )

    def present(self, node: Node) -> Node:
        """The node as this principal may read it: personal fields masked unless allowed."""
        if not self._masked:
            return node
        personal = PERSONAL.get(node.kind)
        if not personal or not any(f in node.props for f in personal):
            return node
        props = dict(node.props)
        for name in personal:
            value = props.get(name)
            if isinstance(value, str):
                props[name] = mask(value, MASKS.get(name, (0, 0)))
        return Node(node.kind, node.id, props, node.version)

    def visible_neighbours(self, found: list[Neighbour]) -> list[Neighbour]:
        """The neighbours this principal may see, as it may see them."""
        if self._prefix is None and not self._masked:
            return found
        out = []
        for n in found:
            if self.can_see(n.node):
                shown = self.present(n.node)
                out.append(n if shown is n.node else Neighbour(n.rel, shown, n.outgoing))
        return out

    def conditions(self, kind: NodeKind) -> list[Condition]:
        """What a list of ``kind`` adds to its query so that it holds only visible nodes."""
        hidden: list[Condition] = []
        if kind is NodeKind.SupervisionAction and self.principal.agency is not None:
            # ``concealed`` is read as ``concealed`` reads it: only a true value hides.
            hidden = [
                AnyOf(
                    (
                        Where("concealed", Op.EQ, None),
                        Where("concealed", Op.EQ, False),
                        Where("conductor_ids", Op.HAS, self.principal.agency),
                    )
                )
            ]
        return hidden + self._region_conditions(kind)

    def walk_conditions(self) -> NodeConditions | None:
        """What a walk (``GraphStore.expand``, ``shortest_paths``) may cross: each kind's
        ``conditions``, so the store reaches only visible nodes and never passes through a
        hidden one; None when every node is visible."""
        where = {kind: found for kind in NodeKind if (found := self.conditions(kind))}
        return where or None

    def _region_conditions(self, kind: NodeKind) -> list[Condition]:
        if self._prefix is None or kind in PUBLIC_KINDS:
            return []
        if kind is NodeKind.Agreement:
            return [Where("id", Op.IN, self._shared_list())]
        own = Where(REGION_FIELD[kind], Op.PREFIX, self._prefix)
        if kind in SHAREABLE_KINDS:
            return [AnyOf((own, Where("id", Op.IN, self._shared_list())))]
        return [own]
