"""Reviewers for a case review, from the three-level pool of supervision staff (执法监督人才库),
with every conflict of interest excluded and explained.

Who may review: pool members available now whose expertise covers the case's kind; for an
escalated review (提级) those of the leading commission's level and area, for a cross review
(交叉) those from another prefecture than the handling unit, otherwise those of the leading
commission's area. Who may not, whatever the pool: anyone who served in the handling unit,
the case's handlers and anyone who served beside them, whoever intervened in the case, and
anyone within ``hops`` relationships of the case in the graph. Among the eligible, those
with the fewest open reviews come first.

A cross review draws on other prefectures: a caller scoped to a city is shown (and assigned)
only the pool members it may see, and told how many are hidden from it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial

from graph.errors import FieldError, QueryTooLarge, ValidationError
from graph.model import views
from graph.model.dates import upper_bound
from graph.model.enums import (
    ActionStatus,
    CaseKind,
    NodeKind,
    PartyRole,
    RegionLevel,
    RelType,
    ReviewType,
)
from graph.model.records import Node
from graph.store import Direction, GraphStore, Neighbour, Op, Where
from workflows import rules
from workflows.access import Access, Permission, subtree_prefix
from workflows.bodies import LEAD
from workflows.changes import Change, check_version
from workflows.explore.bounds import MAX_WALK
from workflows.reading import (
    at_once,
    every,
    in_region,
    linked,
    linked_ids_of,
    require_all,
    together,
)
from workflows.review.reviews import REVIEW, require_review, reviewed_case
from workflows.usecase import use_case

# The kinds a conflict can travel through; regions, agreements and meetings link too widely.
CONFLICT_KINDS = (
    NodeKind.Case,
    NodeKind.Agency,
    NodeKind.Official,
    NodeKind.Post,
    NodeKind.Complaint,
    NodeKind.InterventionRecord,
    NodeKind.Finding,
    NodeKind.Accountability,
    NodeKind.Clearance,
    NodeKind.Rectification,
)
EXPAND_LIMIT = 20_000
POOL_LEVELS = [level.name for level in RegionLevel]
LEADER, MEMBER = "评查组长", "评查员"


@dataclass(frozen=True)
class Spell:
    agency_id: str
    agency_name: str
    start: str | None
    end: str | None

    def overlaps(self, other: Spell) -> bool:
        return (
            self.start is None or other.end is None or self.start <= upper_bound(other.end)
        ) and (other.start is None or self.end is None or other.start <= upper_bound(self.end))


@dataclass(frozen=True)
class CaseContext:
    """What a conflict is measured against: the case, its unit, handlers and interveners."""

    case: Node
    unit: Node | None
    handlers: dict[str, Node]
    interveners: set[str]
    handler_spells: dict[str, list[Spell]]
    distance: dict[str, int]
    parties: dict[str, str]  # a person party to the case (PARTY_TO) → the role's label


@dataclass(frozen=True)
class Candidate:
    official: Node
    open_reviews: int


@dataclass(frozen=True)
class Exclusion:
    official: Node
    reasons: list[str]

    @property
    def official_id(self) -> str:
        return self.official.id


@dataclass(frozen=True)
class ReviewerSearch:
    """The eligible and the excluded; ``hidden`` counts the pool members left out of both
    because the caller may not see them."""

    review_id: str
    case_id: str
    assigned_ids: list[str]
    candidates: list[Candidate]
    excluded: list[Exclusion]
    hidden: int = 0


@dataclass(frozen=True)
class Assignment:
    review: Node
    reviewer_ids: list[str]
    search: ReviewerSearch


@dataclass(frozen=True)
class ConflictedAssignment:
    review_id: str
    case_id: str
    official_id: str
    reasons: list[str]


def _conflict_hops(hops: int) -> int:
    """0 (no graph rule) to MAX_WALK: the work of the graph rule grows as the fan-out to the
    power ``hops``."""
    if not 0 <= hops <= MAX_WALK:
        raise ValidationError(
            FieldError("hops", f"{hops} is not from 0 (no graph rule) to {MAX_WALK}")
        )
    return hops


def _spells(store: GraphStore, ids: Iterable[str]) -> dict[str, list[Spell]]:
    """When each official served in which unit, every way the model records it: membership
    (MEMBER_OF) and posts held (HOLDS a Post that is POST_IN the unit), each with its dates."""
    ids = list(ids)
    members, holds = at_once(
        store,
        lambda: linked(store, ids, [RelType.MEMBER_OF], Direction.OUT, [NodeKind.Agency]),
        lambda: linked(store, ids, [RelType.HOLDS], Direction.OUT, [NodeKind.Post]),
    )
    posts = {n.node.id for ns in holds.values() for n in ns}
    units = linked(store, posts, [RelType.POST_IN], Direction.OUT, [NodeKind.Agency])
    out: dict[str, list[Spell]] = {}
    for official in ids:
        spells = {
            _spell(views.Agency(n.node), views.MemberOf(n.rel)) for n in members.get(official, [])
        }
        spells |= {
            _spell(views.Agency(unit.node), views.Holds(held.rel))
            for held in holds.get(official, [])
            for unit in units.get(held.node.id, [])
        }
        if spells:
            out[official] = sorted(spells, key=lambda s: (s.agency_id, s.start or "", s.end or ""))
    return out


def _spell(agency: views.Agency, dated: views.MemberOf | views.Holds) -> Spell:
    return Spell(agency.id, agency.name, dated.valid_from, dated.valid_to)


def case_contexts(store: GraphStore, cases: Sequence[Node], hops: int) -> dict[str, CaseContext]:
    """The conflict context of each case, read in a few batched queries, with the distance of
    every node within ``hops`` (``_grouped_contexts`` measures only named officials)."""
    near = linked(
        store,
        [c.id for c in cases],
        [RelType.HANDLED_BY, RelType.HANDLED, RelType.INTERVENED_IN, RelType.PARTY_TO],
        Direction.BOTH,
    )
    handlers = {
        c.id: {n.node.id: n.node for n in near.get(c.id, []) if n.rel.type is RelType.HANDLED}
        for c in cases
    }
    spells = _spells(store, {h for hs in handlers.values() for h in hs})
    out = {}
    for c in cases:
        found = near.get(c.id, [])
        out[c.id] = CaseContext(
            c,
            next((n.node for n in found if n.rel.type is RelType.HANDLED_BY), None),
            handlers[c.id],
            {n.node.id for n in found if n.rel.type is RelType.INTERVENED_IN},
            {h: spells.get(h, []) for h in handlers[c.id]},
            _distances(store, c.id, hops),
            _parties(found),
        )
    return out


def _units_served(store: GraphStore, officials: Iterable[str]) -> dict[str, set[str]]:
    """The ids of the units each official serves or served in, every way ``_spells`` counts
    (membership, and posts held in a unit), without their dates or names."""
    officials = set(officials)
    out: dict[str, set[str]] = defaultdict(set)
    member, held = at_once(
        store,
        lambda: linked_ids_of(
            store, NodeKind.Official, officials, [RelType.MEMBER_OF], Direction.OUT,
            [NodeKind.Agency],
        ),
        lambda: linked_ids_of(
            store, NodeKind.Official, officials, [RelType.HOLDS], Direction.OUT, [NodeKind.Post]
        ),
    )  # fmt: skip
    for o, units in member.items():
        out[o].update(units)
    posts = {p for ps in held.values() for p in ps}
    unit_of = linked_ids_of(
        store, NodeKind.Post, posts, [RelType.POST_IN], Direction.OUT, [NodeKind.Agency]
    )
    for o, ps in held.items():
        for p in ps:
            out[o].update(unit_of.get(p, ()))
    return out


def _may_conflict(
    store: GraphStore,
    pairs: Sequence[tuple[str, str, str]],
    near_by: Mapping[str, Mapping[str, int]],
) -> list[tuple[str, str, str]]:
    """The (review, case, official) pairs for which ``conflicts`` may find a reason, by a test
    on ids that every reason passes: the official handles the case, is a party to it,
    intervened in it, lies within the hops measured (``near_by``), or serves or served in
    the case's unit or in a unit where one of its other handlers does. Only these pairs'
    contexts are read whole: at a million cases (hops 0), 1,751 of 88,491 assignments."""
    cases = {c for _, c, _ in pairs}
    reviewers = {o for *_, o in pairs}
    both, kinds = Direction.BOTH, [NodeKind.Case]
    units, handlers, parties, interveners = at_once(
        store,
        lambda: linked_ids_of(store, NodeKind.Case, cases, [RelType.HANDLED_BY], both),
        lambda: linked_ids_of(store, NodeKind.Case, cases, [RelType.HANDLED], both),
        lambda: linked_ids_of(store, NodeKind.Official, reviewers, [RelType.PARTY_TO], both, kinds),
        lambda: linked_ids_of(
            store, NodeKind.Official, reviewers, [RelType.INTERVENED_IN], both, kinds
        ),
    )
    served = _units_served(store, reviewers | {h for hs in handlers.values() for h in hs})
    nothing: set[str] = set()
    out = []
    for pair in pairs:
        _, c, o = pair
        theirs = handlers.get(c, ())
        mine = served.get(o, nothing)
        if (
            o in theirs
            or c in parties.get(o, ())
            or c in interveners.get(o, ())
            or o in near_by.get(c, ())
            or not mine.isdisjoint(units.get(c, ()))
            or any(not mine.isdisjoint(served.get(h, ())) for h in theirs if h != o)
        ):
            out.append(pair)
    return out


_CONTEXT_RELS = (RelType.HANDLED_BY, RelType.HANDLED, RelType.INTERVENED_IN, RelType.PARTY_TO)


def _grouped_contexts(
    store: GraphStore,
    cases: Mapping[str, Node],
    among: Mapping[str, Iterable[str]],
    near_by: Mapping[str, dict[str, int]],
) -> tuple[dict[str, CaseContext], dict[str, list[Spell]]]:
    """``case_contexts`` for many cases, from the store's groups of ids (``link_groups``):
    the units and handlers are read once each however many cases they share, and the roles
    of the parties only where a party is among the officials ``among`` names. With the
    spells of the handlers and of those officials, read together, and the distances
    ``near_by`` measured before (``_pair_distances``)."""

    def others(rel: RelType) -> dict[str, list[str]]:
        return linked_ids_of(store, NodeKind.Case, cases, [rel], Direction.BOTH)

    units, handlers, interveners, parties = together(
        store, [partial(others, rel) for rel in _CONTEXT_RELS]
    )
    read = {us[0] for us in units.values()} | {h for hs in handlers.values() for h in hs}
    nodes = store.get_nodes(sorted(read))
    reviewing = [c for c in cases if set(parties.get(c, ())) & set(among.get(c, ()))]
    roles = linked(store, reviewing, [RelType.PARTY_TO], Direction.BOTH)
    named = {o for officials in among.values() for o in officials}
    spells = _spells(store, named | {h for hs in handlers.values() for h in hs})
    contexts = {
        c: CaseContext(
            case,
            nodes.get(units[c][0]) if units.get(c) else None,
            {h: nodes[h] for h in handlers.get(c, []) if h in nodes},
            set(interveners.get(c, [])),
            {h: spells.get(h, []) for h in handlers.get(c, []) if h in nodes},
            near_by.get(c, {}),
            _parties(roles.get(c, [])),
        )
        for c, case in cases.items()
    }
    return contexts, spells


def _parties(found: Sequence[Neighbour]) -> dict[str, str]:
    """Each person party to the case, with the roles they hold in it."""
    roles: dict[str, list[str]] = {}
    for n in found:
        if n.rel.type is RelType.PARTY_TO:
            label = PartyRole[views.PartyTo(n.rel).party_role].label
            roles.setdefault(n.node.id, []).append(label)
    return {person: "、".join(sorted(set(labels))) for person, labels in roles.items()}


def _pair_distances(
    store: GraphStore, among: Mapping[str, Iterable[str]], hops: int
) -> dict[str, dict[str, int]]:
    """For each case, the distance to each of its officials within ``hops``, as
    ``_distances`` finds it, for all the cases in one question to the store."""
    if hops <= 0:
        return {}
    pairs = [(case_id, o) for case_id, officials in among.items() for o in officials]
    found = store.distances(pairs, max_depth=hops, node_kinds=CONFLICT_KINDS)
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for (case_id, official), d in found.items():
        out[case_id][official] = d
    return out


def _distances(store: GraphStore, case_id: str, hops: int) -> dict[str, int]:
    if hops <= 0:
        return {}
    sub = store.expand([case_id], depth=hops, node_kinds=CONFLICT_KINDS, limit=EXPAND_LIMIT)
    if sub.truncated:
        raise QueryTooLarge(f"more than {EXPAND_LIMIT} nodes lie within {hops} hops of {case_id}")
    return sub.distance


def conflicts(ctx: CaseContext, official_id: str, spells: Sequence[Spell]) -> list[str]:
    """Why ``official_id`` may not review the case (empty: no conflict)."""
    reasons = []
    unit = ctx.unit
    if unit is not None:
        served = [s for s in spells if s.agency_id == unit.id]
        reasons += [
            f"曾在或现在承办机关{views.Agency(unit).name}任职({s.start or '?'}至{s.end or '今'})"
            for s in served
        ]
    if official_id in ctx.handlers:
        reasons.append("本案承办人")
    for handler_id, theirs in ctx.handler_spells.items():
        if handler_id == official_id:
            continue
        shared = [
            s.agency_name
            for s in spells
            if any(s.agency_id == t.agency_id and s.overlaps(t) for t in theirs)
            and (unit is None or s.agency_id != unit.id)
        ]
        name = views.Official(ctx.handlers[handler_id]).name
        reasons += [f"承办人{name}的同事(同期在{a}任职)" for a in dict.fromkeys(shared)]
    if official_id in ctx.parties:  # whatever the hops: a party never reviews its own case
        reasons.append(f"本案当事人({ctx.parties[official_id]})")
    if official_id in ctx.interveners:
        reasons.append("曾过问本案")
    distance = ctx.distance.get(official_id)
    if distance is not None and distance > 0:
        reasons.append(f"在关系图中距本案{distance}步")
    return reasons


def _lead(store: GraphStore, review: Node) -> Node:
    leads = linked(store, [review.id], [RelType.CONDUCTED_BY], Direction.OUT)[review.id]
    named = [n for n in leads if views.ConductedBy(n.rel).role == LEAD] or leads
    if not named:
        raise ValidationError(FieldError("review_id", "the review has no leading body"))
    return named[0].node


def _pool(store: GraphStore, review: Node, ctx: CaseContext) -> list[Node]:
    """The pool members this kind of review draws from, available or not."""
    lead = views.Agency(_lead(store, review))
    review_type = views.SupervisionAction(review).review_type
    if review_type == ReviewType.CROSS.name:
        prefecture = (views.Agency(ctx.unit) if ctx.unit else lead).region_code[:4]
        members = every(store, NodeKind.Official, [Where("pool_level", Op.IN, POOL_LEVELS)])
        return [
            m for m in members if not (views.Official(m).region_code or "").startswith(prefecture)
        ]
    where = [Where("pool_level", Op.IN, POOL_LEVELS), *in_region(lead.region_code)]
    if review_type == ReviewType.ESCALATED.name:
        where[0] = Where("pool_level", Op.EQ, lead.level)
    return list(every(store, NodeKind.Official, where))


def _open_reviews(store: GraphStore, ids: Iterable[str]) -> dict[str, int]:
    found = linked(store, ids, [RelType.REVIEWED_BY], Direction.IN)
    return {
        o: sum(1 for n in ns if _still_open(views.SupervisionAction(n.node)))
        for o, ns in found.items()
    }


def _still_open(review: views.SupervisionAction) -> bool:
    return review.kind == REVIEW and review.status != ActionStatus.COMPLETED.name


@use_case(sees=["review_id"])
def find_reviewers(
    *,
    store: GraphStore,
    access: Access | None = None,
    review_id: str,
    hops: int = rules.CONFLICT_HOPS,
) -> ReviewerSearch:
    """The eligible reviewers for a review, least loaded first, and every exclusion explained;
    for a caller (``access``), those it may see."""
    review = require_review(store, review_id)
    return _as_seen(_search(store, review, _conflict_hops(hops)), access)


def _as_seen(search: ReviewerSearch, access: Access | None) -> ReviewerSearch:
    """The search with the pool members hidden from the caller left out, and counted."""
    if access is None:
        return search
    candidates = [c for c in search.candidates if access.can_see(c.official)]
    excluded = [e for e in search.excluded if access.can_see(e.official)]
    hidden = len(search.candidates) + len(search.excluded) - len(candidates) - len(excluded)
    return replace(search, candidates=candidates, excluded=excluded, hidden=hidden)


def _search(store: GraphStore, review: Node, hops: int) -> ReviewerSearch:
    case = reviewed_case(store, review)
    ctx = case_contexts(store, [case], hops)[case.id]
    pool = _pool(store, review, ctx)
    spells = _spells(store, [p.id for p in pool])
    load = _open_reviews(store, [p.id for p in pool])
    assigned = {
        n.node.id
        for n in linked(store, [review.id], [RelType.REVIEWED_BY], Direction.OUT)[review.id]
    }
    kind = CaseKind[views.Case(case).kind]
    candidates, excluded = [], []
    for official in sorted(pool, key=lambda o: o.id):
        member = views.Official(official)
        reasons = []
        if official.id in assigned:
            reasons.append("已是本次评查人员")
        if not member.available:
            reasons.append("暂不能参加评查")
        if kind.name not in member.expertise:
            reasons.append(f"评查专长不含{kind.label}案件")
        reasons += conflicts(ctx, official.id, spells.get(official.id, []))
        if reasons:
            excluded.append(Exclusion(official, reasons))
        else:
            candidates.append(Candidate(official, load.get(official.id, 0)))
    candidates.sort(key=lambda c: (c.open_reviews, c.official.id))
    return ReviewerSearch(review.id, case.id, sorted(assigned), candidates, excluded)


@use_case(Permission.WRITE, owns=["review_id"], sees=["reviewer_ids"])
def assign_reviewers(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    access: Access | None = None,
    review_id: str,
    version: int,
    count: int | None = None,
    reviewer_ids: Sequence[str] | None = None,
    hops: int = rules.CONFLICT_HOPS,
) -> Assignment:
    """Assign the least loaded eligible reviewers, or the named ones if none is conflicted;
    for a caller (``access``), ``count`` takes only reviewers it may see."""
    review = require_review(store, review_id)
    check_version(review, version)
    if views.SupervisionAction(review).status == ActionStatus.COMPLETED.name:
        raise ValidationError(FieldError("review_id", "the review is completed"))
    if (count is None) == (reviewer_ids is None):
        raise ValidationError(FieldError("count", "give either count or reviewer_ids"))
    search = _as_seen(_search(store, review, _conflict_hops(hops)), access)
    eligible = {c.official.id for c in search.candidates}
    if reviewer_ids is not None:
        require_all(store, reviewer_ids, (NodeKind.Official,), "reviewer_ids")
        reasons = {e.official_id: e.reasons for e in search.excluded}
        errors = [
            FieldError(
                f"reviewer_ids.{rid}",
                "; ".join(reasons.get(rid, ["不在本次评查可选的人才库范围内"])),
            )
            for rid in reviewer_ids
            if rid not in eligible
        ]
        if errors:
            raise ValidationError(errors)
        chosen = list(dict.fromkeys(reviewer_ids))
    else:
        assert count is not None
        if not 0 < count <= len(search.candidates):
            where = " in your jurisdiction" if search.hidden else ""
            reason = f"{len(search.candidates)} eligible reviewers available{where}"
            raise ValidationError(FieldError("count", reason))
        chosen = [c.official.id for c in search.candidates[:count]]
    change = Change(actor)
    node = change.touch(review, "assign_reviewers")
    for i, rid in enumerate(chosen):
        role = MEMBER if search.assigned_ids or i else LEADER
        change.link(RelType.REVIEWED_BY, review.id, rid, {"role": role, "valid_from": today})
    change.commit(store)
    return Assignment(node, chosen, search)


@use_case(scoped=True)
def conflicted_assignments(
    *, store: GraphStore, region: str | None = None, hops: int = 0
) -> list[ConflictedAssignment]:
    """Reviewers assigned to a case they have a conflict with (``hops`` 0: no graph rule), in
    ``region`` (the caller's jurisdiction).

    The store pairs the reviews with their cases and reviewers (``GraphStore.link_groups``)
    and measures the distances of all the pairs at once (``GraphStore.distances``); a test
    on ids keeps the pairs that may conflict (``_may_conflict``), and only their contexts
    are read whole."""
    hops = _conflict_hops(hops)
    where = [Where("kind", Op.EQ, REVIEW), *in_region(region)]

    def groups(rel_type: RelType, kinds: Sequence[NodeKind] | None) -> dict[str, list[str]]:
        return store.link_groups(
            NodeKind.SupervisionAction,
            where,
            rel_types=[rel_type],
            direction=Direction.OUT,
            node_kinds=kinds,
        )

    targets, reviewers = at_once(
        store,
        lambda: groups(RelType.TARGETS, [NodeKind.Case]),
        lambda: groups(RelType.REVIEWED_BY, None),
    )
    case_of: dict[str, str] = {}
    for cid, rids in targets.items():  # in case id order
        for rid in rids:
            case_of.setdefault(rid, cid)  # a review of several cases: its first
    pairs = sorted(
        (rid, case_of[rid], oid)
        for oid, rids in reviewers.items()
        for rid in rids
        if rid in case_of
    )
    all_pairs: dict[str, set[str]] = defaultdict(set)
    for _, cid, oid in pairs:
        all_pairs[cid].add(oid)
    near_by = _pair_distances(store, all_pairs, hops)
    pairs = _may_conflict(store, pairs, near_by)
    among: dict[str, set[str]] = defaultdict(set)
    for _, cid, oid in pairs:
        among[cid].add(oid)
    cases = store.get_nodes(sorted(among))
    contexts, spells = _grouped_contexts(store, cases, among, near_by)
    out = []
    for rid, cid, oid in pairs:
        reasons = conflicts(contexts[cid], oid, spells.get(oid, []))
        if reasons:
            out.append(ConflictedAssignment(rid, cid, oid, reasons))
    return out


@use_case(scoped=True)
def reviewer_pool(
    *,
    store: GraphStore,
    region: str | None = None,
    region_code: str | None = None,
    level: str | None = None,
) -> dict[str, list[Node]]:
    """The pool (人才库) by level, within ``region_code`` and the caller's jurisdiction
    (``region``): a wider region reads as the jurisdiction, a disjoint one as nothing."""
    subtree = region_code or region
    if region_code is not None and region is not None:
        asked, own = subtree_prefix(region_code), subtree_prefix(region)
        if own.startswith(asked):
            subtree = region
        elif not asked.startswith(own):
            return {}
    levels = POOL_LEVELS if level is None else [level]
    where = [Where("pool_level", Op.IN, levels), *in_region(subtree)]
    out: dict[str, list[Node]] = defaultdict(list)
    for official in every(store, NodeKind.Official, where):
        out[str(views.Official(official).pool_level)].append(official)
    return dict(out)
