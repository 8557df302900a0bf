"""Case review (案件评查): campaigns with a scope and a sampling method, single reviews
(routine, special 专项, cross 交叉, escalated 提级 to the level above), and scoring by
deduction per rubric item into the grade scale of the handling agency's kind.

Sampling: random (随机), stratified by prefecture (分层), rolling (滚动式: round after round,
oldest filed first, until the scope is covered) and dragnet (拉网式: everything in scope).
A case is reviewed at most once per campaign.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from graph.errors import FieldError, InvalidTransition, ValidationError
from graph.model.enums import (
    ActionKind,
    ActionStatus,
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
from workflows.access import subtree_prefix
from workflows.actions import status_on
from workflows.bodies import JOINT, LEAD, require_commission, upper
from workflows.changes import Change, check_version
from workflows.days import day, not_after, partial
from workflows.reading import every, linked, parse_enum, require, require_all
from workflows.rubrics import Rubric, rubric_for

REVIEW = ActionKind.CASE_REVIEW.name
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


@dataclass(frozen=True)
class ReviewScore:
    review: Node
    score: float
    grade: str
    flawed: bool


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


def open_campaign(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    title: str,
    lead_agency_id: str,
    scope: CampaignScope,
    sampling: str,
    started_on: str,
    sample_size: int | None = None,
    ended_on: str | None = None,
    review_type: str = ReviewType.CAMPAIGN.name,
) -> Node:
    """A review campaign (集中评查, or a special one 专项评查) over a scope of cases."""
    lead = require(store, lead_agency_id, NodeKind.Agency, "lead_agency_id")
    require_commission(lead, "lead_agency_id")
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
            "region_code": lead.get("region_code"),
            "level": lead.get("level"),
            "started_on": start,
            "ended_on": end,
            **_scope_props(scope),
        },
    )
    change.link(RelType.CONDUCTED_BY, campaign.id, lead.id, {"role": LEAD})
    change.commit(store)
    return campaign


def require_campaign(store: GraphStore, campaign_id: str) -> Node:
    """A campaign: a review of the campaign or special type that reviews no case itself."""
    campaign = require(store, campaign_id, NodeKind.SupervisionAction, "campaign_id")
    targets = linked(store, [campaign.id], [RelType.TARGETS], Direction.OUT).get(campaign.id)
    if (
        campaign.get("kind") != REVIEW
        or campaign.get("review_type") not in CAMPAIGN_TYPES
        or targets
    ):
        raise ValidationError(FieldError("campaign_id", f"'{campaign_id}' is not a campaign"))
    return campaign


def _case_conditions(campaign: Node) -> list[Condition]:
    where: list[Condition] = []
    regions = campaign.get("scope_regions") or []
    if regions:
        where.append(
            AnyOf(tuple(Where("region_code", Op.PREFIX, subtree_prefix(r)) for r in regions))
        )
    if campaign.get("scope_case_kinds"):
        where.append(Where("kind", Op.IN, list(campaign.get("scope_case_kinds"))))
    where += [Where(flag, Op.EQ, True) for flag in campaign.get("scope_flags") or []]
    if campaign.get("period_from"):
        where.append(Where("filed_on", Op.GTE, campaign.get("period_from")))
    if campaign.get("period_to"):
        where.append(Where("filed_on", Op.LTE, str(campaign.get("period_to")) + "~"))
    return where


def cases_in_scope(store: GraphStore, campaign: Node) -> list[Node]:
    """The cases a campaign covers, in id order."""
    cases = list(every(store, NodeKind.Case, _case_conditions(campaign)))
    levels = set(campaign.get("scope_levels") or [])
    kinds = set(campaign.get("scope_agency_kinds") or [])
    if not levels and not kinds:
        return cases
    units = linked(store, [c.id for c in cases], [RelType.HANDLED_BY], Direction.OUT)
    return [
        c
        for c in cases
        if any(
            (not levels or n.node.get("level") in levels)
            and (not kinds or n.node.get("kind") in kinds)
            for n in units.get(c.id, [])
        )
    ]


def _reviews(store: GraphStore, campaign: Node) -> tuple[dict[str, Node], int]:
    """The campaign's reviews by the case they review, and its last round."""
    parts = linked(store, [campaign.id], [RelType.PART_OF], Direction.IN).get(campaign.id, [])
    reviews = [n.node for n in parts if n.node.get("kind") == REVIEW]
    targets = linked(
        store, [r.id for r in reviews], [RelType.TARGETS], Direction.OUT, [NodeKind.Case]
    )
    by_case = {t.node.id: r for r in reviews for t in targets.get(r.id, [])}
    last = max((int(r.get("sample_round") or 0) for r in reviews), default=0)
    return by_case, last


def _stratum(case: Node) -> str:
    return str(case.get("region_code"))[:4] + "00"


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


def draw_sample(*, store: GraphStore, campaign_id: str, seed: int) -> Sample:
    """The next round's cases by the campaign's sampling (the same seed, the same sample)."""
    campaign = require_campaign(store, campaign_id)
    scope = cases_in_scope(store, campaign)
    reviewed, last = _reviews(store, campaign)
    left = [c for c in scope if c.id not in reviewed]
    method = str(campaign.get("sampling"))
    size = int(campaign.get("sample_size") or len(left))
    rng = random.Random(seed)
    if method == Sampling.DRAGNET.name:
        chosen = left
    elif method == Sampling.ROLLING.name:
        chosen = sorted(left, key=lambda c: (str(c.get("filed_on") or "~"), c.id))[:size]
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
    check_version(campaign, version)
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
    change.touch(campaign, "launch_reviews")
    start = max(today, str(campaign.get("started_on")))
    out = []
    for cid in dict.fromkeys(case_ids):
        review = _draft_review(
            change,
            in_scope[cid],
            [n.node for n in leads],
            ReviewType[str(campaign.get("review_type"))],
            start,
            today,
            {"sampling": campaign.get("sampling"), "sample_round": last + 1},
        )
        change.link(RelType.PART_OF, review.id, campaign.id)
        out.append(review)
    change.commit(store)
    return out


def _draft_review(
    change: Change,
    case: Node,
    leads: Sequence[Node],
    review_type: ReviewType,
    start: str,
    today: str,
    extra: Mapping[str, object] | None = None,
    title: str | None = None,
) -> Node:
    review = change.create(
        NodeKind.SupervisionAction,
        {
            "title": title or f"{case.get('case_number')}{review_type.label}",
            "kind": REVIEW,
            "review_type": review_type.name,
            "status": status_on(start, None, today).name,
            "region_code": leads[0].get("region_code"),
            "level": leads[0].get("level"),
            "started_on": start,
            **(extra or {}),
        },
    )
    change.link(RelType.TARGETS, review.id, case.id)
    for i, lead in enumerate(leads):
        change.link(RelType.CONDUCTED_BY, review.id, lead.id, {"role": JOINT if i else LEAD})
    return review


def handling_unit(store: GraphStore, case_id: str) -> Node | None:
    units = linked(store, [case_id], [RelType.HANDLED_BY], Direction.OUT).get(case_id, [])
    return units[0].node if units else None


def open_review(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    case_id: str,
    review_type: str,
    lead_agency_id: str | None = None,
    complaint_ids: Sequence[str] = (),
    started_on: str | None = None,
    title: str | None = None,
) -> Node:
    """A single review of a case and its petitions: routine, special, cross or escalated."""
    case = require(store, case_id, NodeKind.Case, "case_id")
    kind = ReviewType[parse_enum(ReviewType, review_type, "review_type")]
    if kind is ReviewType.CAMPAIGN:
        raise ValidationError(FieldError("review_type", "campaign reviews come from a campaign"))
    complaints = require_all(store, complaint_ids, (NodeKind.Complaint,), "complaint_ids")
    if kind is ReviewType.ESCALATED:
        unit = handling_unit(store, case.id)
        lead = None if unit is None else upper(store, unit, AgencyKind.COMMISSION, today)
        if lead is None:
            raise ValidationError(FieldError("case_id", "the handling unit has no level above"))
        if lead_agency_id is not None and lead_agency_id != lead.id:
            raise ValidationError(
                FieldError("lead_agency_id", f"an escalated review is led by '{lead.id}'")
            )
    elif lead_agency_id is None:
        raise ValidationError(FieldError("lead_agency_id", "required"))
    else:
        lead = require(store, lead_agency_id, NodeKind.Agency, "lead_agency_id")
        require_commission(lead, "lead_agency_id")
    start = day(started_on or today, "started_on")
    change = Change(actor)
    review = _draft_review(change, case, [lead], kind, start, today, title=title)
    for complaint in complaints:
        change.link(RelType.TARGETS, review.id, complaint.id)
    change.commit(store)
    return review


def require_review(store: GraphStore, review_id: str) -> Node:
    review = require(store, review_id, NodeKind.SupervisionAction, "review_id")
    if review.get("kind") != REVIEW:
        raise ValidationError(FieldError("review_id", f"'{review_id}' is not a case review"))
    return review


def reviewed_case(store: GraphStore, review: Node) -> Node:
    found = linked(store, [review.id], [RelType.TARGETS], Direction.OUT, [NodeKind.Case])
    cases = found.get(review.id, [])
    if not cases:
        raise ValidationError(FieldError("review_id", "the review has no case"))
    return cases[0].node


def rubric_of(store: GraphStore, case: Node) -> Rubric:
    unit = handling_unit(store, case.id)
    return rubric_for(None if unit is None else AgencyKind[str(unit.get("kind"))])


def score_review(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    review_id: str,
    version: int,
    deductions: Mapping[str, float],
    note: str | None = None,
) -> ReviewScore:
    """Score a review by deduction per rubric item, grade it, and complete it."""
    review = require_review(store, review_id)
    check_version(review, version)
    if review.get("status") == ActionStatus.COMPLETED.name:
        raise InvalidTransition("CaseReview", ActionStatus.COMPLETED.name, "score", ())
    reviewers = linked(store, [review.id], [RelType.REVIEWED_BY], Direction.OUT)[review.id]
    if not reviewers:
        raise ValidationError(FieldError("review_id", "no reviewer is assigned"))
    rubric = rubric_of(store, reviewed_case(store, review))
    errors = []
    for code, points in deductions.items():
        item = rubric.item(code)
        if item is None:
            errors.append(FieldError(f"deductions.{code}", "not an item of this rubric"))
        elif not 0 <= points <= item.weight:
            errors.append(FieldError(f"deductions.{code}", f"must be 0 to {item.weight:g}"))
    if errors:
        raise ValidationError(errors)
    score = round(100 - sum(deductions.values()), 1)
    grade = rubric.scale.grade(score)
    change = Change(actor, note)
    node = change.update(
        review,
        {
            "score": score,
            "grade": grade,
            "deductions": [f"{code}:{points:g}" for code, points in deductions.items() if points],
            "status": ActionStatus.COMPLETED.name,
            "ended_on": today,
        },
        operation="score",
    )
    change.commit(store)
    return ReviewScore(node, score, grade, grade in rubric.scale.flawed)
