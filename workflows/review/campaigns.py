"""Review campaigns (集中评查, or special ones 专项评查): a scope of cases, a sampling method,
and rounds of reviews launched from the campaign's samples.

Sampling: random (随机), stratified by prefecture (分层), rolling (滚动式: round after round,
oldest filed first, until the scope is covered) and dragnet (拉网式: everything in scope).
A case is reviewed at most once per campaign.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from graph.errors import FieldError, Forbidden, ValidationError
from graph.model import views
from graph.model.enums import (
    AgencyKind,
    CaseKind,
    NodeKind,
    RegionLevel,
    RelType,
    ReviewType,
    Sampling,
)
from graph.model.kinds import NODES, FieldType
from graph.model.records import Node
from graph.store import AnyOf, Condition, Direction, GraphStore, Op, Where
from workflows.access import Permission, subtree_prefix
from workflows.actions import status_on
from workflows.bodies import LEAD, require_commission
from workflows.changes import Change, check_version
from workflows.days import day, not_after, partial
from workflows.reading import every, linked, parse_enum, require_view
from workflows.review.reviews import REVIEW, draft_review
from workflows.usecase import use_case

CAMPAIGN_TYPES = (ReviewType.CAMPAIGN.name, ReviewType.SPECIAL.name)
CASE_FLAGS = tuple(f.name for f in NODES[NodeKind.Case].fields if f.type is FieldType.BOOL)
SIZED = (Sampling.RANDOM.name, Sampling.STRATIFIED.name, Sampling.ROLLING.name)


@dataclass(frozen=True)
class CampaignScope:
    """Which cases a campaign covers; every given condition must hold."""

    regions: Sequence[str] = ()
    levels: Sequence[str] = ()
    agency_kinds: Sequence[str] = ()
    case_kinds: Sequence[str] = ()
    flags: Sequence[str] = ()
    period_from: str | None = None
    period_to: str | None = None


@dataclass(frozen=True)
class Sample:
    campaign_id: str
    round: int
    case_ids: list[str]
    in_scope: int
    already_reviewed: int
    strata: dict[str, int]


def _within_jurisdiction(scope: CampaignScope, region: str | None) -> None:
    """A scoped caller's campaign covers regions of its own subtree, and names them: an
    empty list would cover every region."""
    if region is None:
        return
    prefix = subtree_prefix(region)
    outside = [r for r in scope.regions if not r.startswith(prefix)]
    if outside or not scope.regions:
        where = ", ".join(outside) or "an empty list (every region)"
        raise Forbidden(f"scope.regions: {where} lies outside the jurisdiction {region}")


def _scope_props(scope: CampaignScope) -> dict[str, object]:
    unknown = [f for f in scope.flags if f not in CASE_FLAGS]
    if unknown:
        raise ValidationError(FieldError("scope.flags", f"not case flags: {', '.join(unknown)}"))
    malformed = [r for r in scope.regions if len(r) != 6 or not r.isdigit()]
    if malformed:
        reason = f"not 6-digit region codes: {', '.join(malformed)}"
        raise ValidationError(FieldError("scope.regions", reason))
    return {
        "scope_regions": list(scope.regions),
        "scope_levels": [parse_enum(RegionLevel, v, "scope.levels") for v in scope.levels],
        "scope_agency_kinds": [
            parse_enum(AgencyKind, v, "scope.agency_kinds") for v in scope.agency_kinds
        ],
        "scope_case_kinds": [parse_enum(CaseKind, v, "scope.case_kinds") for v in scope.case_kinds],
        "scope_flags": list(scope.flags),
        "period_from": scope.period_from and partial(scope.period_from, "scope.period_from"),
        "period_to": scope.period_to and partial(scope.period_to, "scope.period_to"),
    }


@use_case(Permission.WRITE, owns=["lead_agency_id"], scoped=True)
def open_campaign(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    region: str | None = None,
    title: str,
    lead_agency_id: str,
    scope: CampaignScope,
    sampling: str,
    started_on: str,
    sample_size: int | None = None,
    ended_on: str | None = None,
    review_type: str = ReviewType.CAMPAIGN.name,
) -> Node:
    """A review campaign (集中评查, or a special one 专项评查) over a scope of cases, inside
    the caller's jurisdiction (``region``) when it has one."""
    _within_jurisdiction(scope, region)
    lead = require_view(store, lead_agency_id, views.Agency, "lead_agency_id")
    require_commission(lead.node, "lead_agency_id")
    kind = parse_enum(ReviewType, review_type, "review_type")
    if kind not in CAMPAIGN_TYPES:
        raise ValidationError(FieldError("review_type", "a campaign is CAMPAIGN or SPECIAL"))
    method = parse_enum(Sampling, sampling, "sampling")
    if (sample_size is None) == (method in SIZED) or (sample_size is not None and sample_size < 1):
        reason = "a positive size is required" if method in SIZED else "dragnet takes no size"
        raise ValidationError(FieldError("sample_size", reason))
    start = day(started_on, "started_on")
    end = None if ended_on is None else not_after(day(ended_on, "ended_on"), today, "ended_on")
    change = Change(actor)
    campaign = change.create(
        NodeKind.SupervisionAction,
        {
            "title": title,
            "kind": REVIEW,
            "review_type": kind,
            "sampling": method,
            "sample_size": sample_size,
            "status": status_on(start, end, today).name,
            "region_code": lead.region_code,
            "level": lead.level,
            "started_on": start,
            "ended_on": end,
            **_scope_props(scope),
        },
    )
    change.link(RelType.CONDUCTED_BY, campaign.id, lead.id, {"role": LEAD})
    change.commit(store)
    return campaign


def require_campaign(store: GraphStore, campaign_id: str) -> views.SupervisionAction:
    """A campaign: a review of the campaign or special type that reviews no case itself."""
    campaign = require_view(store, campaign_id, views.SupervisionAction, "campaign_id")
    targets = linked(store, [campaign.id], [RelType.TARGETS], Direction.OUT).get(campaign.id)
    if campaign.kind != REVIEW or campaign.review_type not in CAMPAIGN_TYPES or targets:
        raise ValidationError(FieldError("campaign_id", f"'{campaign_id}' is not a campaign"))
    return campaign


def _case_conditions(campaign: views.SupervisionAction) -> list[Condition]:
    where: list[Condition] = []
    if campaign.scope_regions:
        where.append(
            AnyOf(
                tuple(
                    Where("region_code", Op.PREFIX, subtree_prefix(r))
                    for r in campaign.scope_regions
                )
            )
        )
    if campaign.scope_case_kinds:
        where.append(Where("kind", Op.IN, list(campaign.scope_case_kinds)))
    where += [Where(flag, Op.EQ, True) for flag in campaign.scope_flags]
    if campaign.period_from:
        where.append(Where("filed_on", Op.GTE, campaign.period_from))
    if campaign.period_to:
        where.append(Where("filed_on", Op.LTE, campaign.period_to + "~"))
    return where


def cases_in_scope(store: GraphStore, campaign: views.SupervisionAction) -> list[Node]:
    """The cases a campaign covers, in id order."""
    cases = list(every(store, NodeKind.Case, _case_conditions(campaign)))
    levels = set(campaign.scope_levels)
    kinds = set(campaign.scope_agency_kinds)
    if not levels and not kinds:
        return cases
    units = linked(store, [c.id for c in cases], [RelType.HANDLED_BY], Direction.OUT)
    return [
        c
        for c in cases
        if any(
            (not levels or views.Agency(n.node).level in levels)
            and (not kinds or views.Agency(n.node).kind in kinds)
            for n in units.get(c.id, [])
        )
    ]


def _reviews(store: GraphStore, campaign: views.SupervisionAction) -> tuple[dict[str, Node], int]:
    """The campaign's reviews by the case they review, and its last round."""
    parts = linked(store, [campaign.id], [RelType.PART_OF], Direction.IN).get(campaign.id, [])
    reviews = [views.SupervisionAction(n.node) for n in parts]
    reviews = [r for r in reviews if r.kind == REVIEW]
    targets = linked(
        store, [r.id for r in reviews], [RelType.TARGETS], Direction.OUT, [NodeKind.Case]
    )
    by_case = {t.node.id: r.node for r in reviews for t in targets.get(r.id, [])}
    last = max((r.sample_round or 0 for r in reviews), default=0)
    return by_case, last


def _stratum(case: Node) -> str:
    return views.Case(case).region_code[:4] + "00"


def _stratified(rng: random.Random, cases: list[Node], size: int) -> list[Node]:
    """Proportional to each prefecture's share (largest remainder), at least one each when
    the size allows."""
    groups: dict[str, list[Node]] = defaultdict(list)
    for c in cases:
        groups[_stratum(c)].append(c)
    size = min(size, len(cases))
    quota = {k: size * len(v) / len(cases) for k, v in groups.items()}
    counts = {k: int(q) for k, q in quota.items()}
    if size >= len(groups):
        counts = {k: max(1, n) for k, n in counts.items()}
    by_remainder = sorted(groups, key=lambda k: (counts[k] - quota[k], k))
    while sum(counts.values()) < size:
        key = next(k for k in by_remainder if counts[k] < len(groups[k]))
        counts[key] += 1
        by_remainder.remove(key)
        by_remainder.append(key)
    while sum(counts.values()) > size:
        key = max(counts, key=lambda k: (counts[k] - quota[k], k))
        counts[key] -= 1
    return [c for k in sorted(groups) for c in rng.sample(groups[k], counts[k])]


@use_case(sees=["campaign_id"])
def draw_sample(*, store: GraphStore, campaign_id: str, seed: int) -> Sample:
    """The next round's cases by the campaign's sampling (the same seed, the same sample)."""
    campaign = require_campaign(store, campaign_id)
    scope = cases_in_scope(store, campaign)
    reviewed, last = _reviews(store, campaign)
    left = [c for c in scope if c.id not in reviewed]
    method = campaign.sampling
    size = campaign.sample_size or len(left)
    rng = random.Random(seed)
    if method == Sampling.DRAGNET.name:
        chosen = left
    elif method == Sampling.ROLLING.name:
        chosen = sorted(left, key=lambda c: (views.Case(c).filed_on or "~", c.id))[:size]
    elif method == Sampling.STRATIFIED.name:
        chosen = _stratified(rng, left, size)
    else:
        chosen = rng.sample(left, min(size, len(left)))
    strata: dict[str, int] = defaultdict(int)
    for c in chosen:
        strata[_stratum(c)] += 1
    return Sample(
        campaign.id,
        last + 1,
        sorted(c.id for c in chosen),
        len(scope),
        len(scope) - len(left),
        dict(sorted(strata.items())),
    )


@use_case(Permission.WRITE, owns=["campaign_id"], sees=["case_ids"])
def launch_reviews(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    campaign_id: str,
    version: int,
    case_ids: Sequence[str],
) -> list[Node]:
    """One review per case of the next round, PART_OF the campaign and led by its lead."""
    campaign = require_campaign(store, campaign_id)
    check_version(campaign.node, version)
    if not case_ids:
        raise ValidationError(FieldError("case_ids", "required"))
    in_scope = {c.id: c for c in cases_in_scope(store, campaign)}
    reviewed, last = _reviews(store, campaign)
    errors = [
        FieldError(
            f"case_ids.{cid}",
            "already reviewed in this campaign" if cid in reviewed else "outside the scope",
        )
        for cid in case_ids
        if cid in reviewed or cid not in in_scope
    ]
    if errors:
        raise ValidationError(errors)
    leads = linked(store, [campaign.id], [RelType.CONDUCTED_BY], Direction.OUT)[campaign.id]
    change = Change(actor)
    change.touch(campaign.node, "launch_reviews")
    start = max(today, str(campaign.started_on))
    out = []
    for cid in dict.fromkeys(case_ids):
        review = draft_review(
            change,
            in_scope[cid],
            [n.node for n in leads],
            ReviewType[str(campaign.review_type)],
            start,
            today,
            {"sampling": campaign.sampling, "sample_round": last + 1},
        )
        change.link(RelType.PART_OF, review.id, campaign.id)
        out.append(review)
    change.commit(store)
    return out
