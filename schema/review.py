"""Case review 案件评查 (docs/workflows.md §3) as Query and Mutation fields: campaigns and
their samples, single reviews (special, cross, escalated), reviewers with every exclusion
explained, and scoring by deduction per rubric item.

Campaigns, reviews and their cases must lie in the caller's jurisdiction, and so must a
campaign's scope. The reviewer pool is shown only as far as the caller may see it: a cross
review draws on other prefectures, so a city-scoped caller is told how many pool members are
hidden from it, and ``count`` assigns only from the visible ones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.errors import FieldError, Forbidden, ValidationError
from graph.model.enums import AgencyKind, CaseKind, NodeKind, RegionLevel, ReviewType, Sampling
from graph.model.kinds import NODES
from graph.model.records import Node as StoredNode
from graph.store import GraphStore
from schema.generic.enums import LABELED, code, new_enum
from schema.generic.ids import to_global
from schema.generic.inputs import expect_id, given
from schema.generic.nodes import TYPES, annotate, list_of, maybe
from schema.guards import about, visible
from schema.usecases import IDS, Info, ids, output, reading, shown, writing
from workflows import review, reviewers, rules
from workflows.access import Access, Permission, subtree_prefix
from workflows.bodies import upper
from workflows.rubrics import Rubric as StoredRubric
from workflows.rubrics import rubric_for

Action = TYPES[NodeKind.SupervisionAction]
Official = TYPES[NodeKind.Official]
AgencyKindEnum = LABELED[AgencyKind]
RegionLevelEnum = LABELED[RegionLevel]
ReviewTypeEnum = LABELED[ReviewType]
SamplingEnum = LABELED[Sampling]

_CASE_FIELDS = {f.name: f.label for f in NODES[NodeKind.Case].fields}
CaseFlag = strawberry.enum(
    new_enum(
        "CaseFlag",
        [
            (flag.upper(), strawberry.enum_value(flag, description=_CASE_FIELDS[flag]))
            for flag in review.CASE_FLAGS
        ],
    ),
    description="A case flag a campaign's scope may require (its label in the description).",
)


def _input(name: str, description: str, **fields: tuple[Any, str]) -> Any:
    """An input type whose fields are all optional: (type, description) each."""
    members = {n: strawberry.field(default=UNSET, description=d) for n, (_, d) in fields.items()}
    hints = {n: maybe(t) for n, (t, _) in fields.items()}
    return strawberry.input(
        type(name, (), {**members, "__annotations__": hints}), description=description
    )


CampaignScopeInput = _input(
    "CampaignScopeInput",
    "评查范围: the cases a campaign covers; every given condition must hold.",
    regions=(list_of(str), "行政区划 codes; each covers its subtree"),
    levels=(list_of(RegionLevelEnum), "levels of the handling agency"),
    agency_kinds=(list_of(AgencyKindEnum), "kinds of the handling agency"),
    case_kinds=(list_of(LABELED[CaseKind]), "案件类别"),
    flags=(list_of(CaseFlag), "flags a case must carry, all of them"),
    period_from=(str, "filed on or after (YYYY, YYYY-MM or YYYY-MM-DD)"),
    period_to=(str, "filed on or before (YYYY, YYYY-MM or YYYY-MM-DD)"),
)
_SCOPE_LISTS = ("regions", "levels", "agency_kinds", "case_kinds", "flags")


@strawberry.input(description="扣分: points deducted on one rubric item.")
class DeductionInput:
    item: str = strawberry.field(description="the item's code (see `rubric`)")
    points: float = strawberry.field(description="0 to the item's weight")


Stratum = output(
    "Stratum", "A prefecture (分层) and how many sampled cases lie in it.", region=str, count=int
)
ReviewSample = output(
    "ReviewSample",
    "抽查: the cases a campaign's next round would review (the same seed, the same sample).",
    campaign_id=strawberry.ID,
    round=int,
    case_ids=IDS,
    in_scope=int,
    already_reviewed=int,
    strata=list_of(Stratum),
)
ReviewerCandidate = output(
    "ReviewerCandidate",
    "An eligible reviewer and how many open reviews they already carry.",
    official=Official,
    open_reviews=int,
)
ReviewerExclusion = output(
    "ReviewerExclusion",
    "回避: a pool member who may not review the case, and every reason why.",
    official=Official,
    reasons=list_of(str),
)
ReviewerSearch = output(
    "ReviewerSearch",
    "评查人员: eligible reviewers (least loaded first) and the excluded, each explained; "
    "`hidden` counts the pool members outside your jurisdiction, left out of both.",
    review_id=strawberry.ID,
    case_id=strawberry.ID,
    assigned_ids=IDS,
    candidates=list_of(ReviewerCandidate),
    excluded=list_of(ReviewerExclusion),
    hidden=int,
)
ReviewerAssignment = output(
    "ReviewerAssignment",
    "The review with its new reviewers (the first of a review's reviewers leads: 评查组长).",
    review=Action,
    reviewer_ids=IDS,
)
ConflictedAssignment = output(
    "ConflictedAssignment",
    "A reviewer assigned to a case they have a conflict of interest with, and why.",
    review_id=strawberry.ID,
    case_id=strawberry.ID,
    official_id=strawberry.ID,
    reasons=list_of(str),
)
PoolLevel = output(
    "PoolLevel",
    "执法监督人才库: the pool members of one level.",
    level=RegionLevelEnum,
    level_label=str,
    officials=list_of(Official),
)
RubricItem = output(
    "RubricItem", "评查项目: an item and its weight.", code=str, label=str, weight=float
)
GradeBand = output(
    "GradeBand",
    "等次: a grade and the lowest score it needs; flawed grades count against the unit.",
    grade=str,
    min_score=float,
    flawed=bool,
)
Rubric = output(
    "Rubric",
    "评查标准: the items scored by deduction from 100 and the grade scale.",
    agency_kind=maybe(AgencyKindEnum),
    items=list_of(RubricItem),
    grades=list_of(GradeBand),
)
ReviewScore = output(
    "ReviewScore",
    "评分: the completed review, its score, grade and whether the grade is flawed.",
    review=Action,
    score=float,
    grade=str,
    flawed=bool,
)


# -- what the caller may see and write --------------------------------------------------------


def _seen(
    store: GraphStore, viewer: Access, field: str, store_ids: Sequence[str], *, written: bool
) -> None:
    """Each node is one the caller may see (else NotFound, so existence does not leak) and,
    when the write lands there, lies in the caller's jurisdiction (else Forbidden)."""
    for node in visible(store, viewer, {field: list(store_ids)}).get(field, []):
        if written:
            viewer.require_jurisdiction(node)


@dataclass(frozen=True)
class _SeenSearch:
    """A reviewer search as the caller may see it."""

    search: reviewers.ReviewerSearch
    candidates: list[reviewers.Candidate]
    excluded: list[tuple[StoredNode, list[str]]]
    hidden: int


def _search_as_seen(*, store: GraphStore, access: Access, review_id: str, hops: int) -> _SeenSearch:
    search: reviewers.ReviewerSearch = about(reviewers.find_reviewers, "review_id")(
        store=store, access=access, review_id=review_id, hops=hops
    )
    officials = store.get_nodes([e.official_id for e in search.excluded])
    excluded = [(officials[e.official_id], e.reasons) for e in search.excluded]
    candidates = [c for c in search.candidates if access.can_see(c.official)]
    visible = [(o, reasons) for o, reasons in excluded if access.can_see(o)]
    hidden = len(search.candidates) + len(excluded) - len(candidates) - len(visible)
    return _SeenSearch(search, candidates, visible, hidden)


def _hops(value: int) -> int:
    if value < 0:
        raise ValidationError(FieldError("hops", "must be 0 (no graph rule) or more"))
    return value


def _open_campaign(*, viewer: Access, scope: review.CampaignScope, **kwargs: Any) -> StoredNode:
    prefix = viewer.principal.prefix
    outside = [r for r in scope.regions if prefix is not None and not r.startswith(prefix)]
    if prefix is not None and (outside or not scope.regions):
        where = ", ".join(outside) or "an empty list (every region)"
        raise Forbidden(
            f"scope.regions: {where} lies outside the jurisdiction {viewer.principal.region}"
        )
    node: StoredNode = review.open_campaign(scope=scope, **kwargs)
    return node


def _launch_reviews(
    *, viewer: Access, store: GraphStore, case_ids: list[str], **kwargs: Any
) -> list[StoredNode]:
    _seen(store, viewer, "case_ids", case_ids, written=False)
    found: list[StoredNode] = review.launch_reviews(store=store, case_ids=case_ids, **kwargs)
    return found


def _open_review(
    *,
    viewer: Access,
    store: GraphStore,
    today: str,
    case_id: str,
    review_type: str,
    lead_agency_id: str | None,
    complaint_ids: list[str],
    **kwargs: Any,
) -> StoredNode:
    _seen(store, viewer, "complaint_ids", complaint_ids, written=False)
    lead = lead_agency_id
    if lead is None and review_type == ReviewType.ESCALATED.name:
        # The review will belong to the level above: the caller must have it in jurisdiction.
        unit = review.handling_unit(store, case_id)
        above = None if unit is None else upper(store, unit, AgencyKind.COMMISSION, today)
        if above is not None:
            viewer.require_jurisdiction(above)
    elif lead is not None:
        _seen(store, viewer, "lead_agency_id", [lead], written=True)
    node: StoredNode = review.open_review(
        store=store,
        today=today,
        case_id=case_id,
        review_type=review_type,
        lead_agency_id=lead,
        complaint_ids=complaint_ids,
        **kwargs,
    )
    return node


def _assign_reviewers(
    *,
    viewer: Access,
    store: GraphStore,
    review_id: str,
    count: int | None,
    reviewer_ids: list[str] | None,
    hops: int,
    **kwargs: Any,
) -> reviewers.Assignment:
    if reviewer_ids is not None:
        _seen(store, viewer, "reviewer_ids", reviewer_ids, written=False)
    elif viewer.scoped and count is not None:
        search = reviewers.find_reviewers(store=store, review_id=review_id, hops=hops)
        visible = [c.official.id for c in search.candidates if viewer.can_see(c.official)]
        if len(visible) < len(search.candidates):
            if not 0 < count <= len(visible):
                reason = f"{len(visible)} eligible reviewers available in your jurisdiction"
                raise ValidationError(FieldError("count", reason))
            reviewer_ids, count = visible[:count], None
    return reviewers.assign_reviewers(
        store=store,
        review_id=review_id,
        count=count,
        reviewer_ids=reviewer_ids,
        hops=hops,
        **kwargs,
    )


def _reviewer_pool(
    *, store: GraphStore, access: Access, region: str | None, level: str | None
) -> dict[str, list[StoredNode]]:
    access.require(Permission.READ)
    mine = access.principal.region
    if region is not None and mine is not None:
        asked, own = subtree_prefix(region), subtree_prefix(mine)
        if own.startswith(asked):
            region = mine
        elif not asked.startswith(own):
            return {}
    return reviewers.reviewers_by_pool(store=store, region=region or mine, level=level)


# -- resolvers ---------------------------------------------------------------------------------


def _store_ids(values: list[strawberry.ID], kind: NodeKind, field: str) -> list[str]:
    return [expect_id(v, kind.name, field) for v in values]


async def _open_review_campaign(
    root: Any,
    info: Info,
    title: str,
    lead_agency_id: strawberry.ID,
    scope: Any,
    sampling: Any,
    started_on: str,
    sample_size: int | None = UNSET,
    ended_on: str | None = UNSET,
    review_type: Any = ReviewTypeEnum.CAMPAIGN,
) -> Any:
    lists: dict[str, Any] = {
        n: [code(v) for v in given(getattr(scope, n)) or ()] for n in _SCOPE_LISTS
    }
    node = await info.context.call(
        writing(_open_campaign, Permission.WRITE, "lead_agency_id"),
        viewer=info.context.access,
        title=title,
        lead_agency_id=expect_id(lead_agency_id, NodeKind.Agency.name, "leadAgencyId"),
        scope=review.CampaignScope(
            **lists, period_from=given(scope.period_from), period_to=given(scope.period_to)
        ),
        sampling=code(sampling),
        started_on=started_on,
        sample_size=given(sample_size),
        ended_on=given(ended_on),
        review_type=code(review_type),
    )
    return shown(info, node)


async def _draw_sample(root: Any, info: Info, campaign_id: strawberry.ID, seed: int) -> Any:
    sample = await info.context.call(
        about(review.draw_sample, "campaign_id"),
        campaign_id=expect_id(campaign_id, NodeKind.SupervisionAction.name, "campaignId"),
        seed=seed,
    )
    return ReviewSample(
        campaign_id=campaign_id,
        round=sample.round,
        case_ids=ids(NodeKind.Case, sample.case_ids),
        in_scope=sample.in_scope,
        already_reviewed=sample.already_reviewed,
        strata=[Stratum(region=r, count=n) for r, n in sample.strata.items()],
    )


async def _launch(
    root: Any, info: Info, campaign_id: strawberry.ID, version: int, case_ids: list[strawberry.ID]
) -> list[Any]:
    found = await info.context.call(
        writing(_launch_reviews, Permission.WRITE, "campaign_id"),
        viewer=info.context.access,
        campaign_id=expect_id(campaign_id, NodeKind.SupervisionAction.name, "campaignId"),
        version=version,
        case_ids=_store_ids(case_ids, NodeKind.Case, "caseIds"),
    )
    return [shown(info, n) for n in found]


async def _open(
    root: Any,
    info: Info,
    case_id: strawberry.ID,
    review_type: Any,
    lead_agency_id: strawberry.ID | None = UNSET,
    complaint_ids: list[strawberry.ID] | None = UNSET,
    started_on: str | None = UNSET,
    title: str | None = UNSET,
) -> Any:
    lead = given(lead_agency_id)
    node = await info.context.call(
        writing(_open_review, Permission.WRITE, "case_id"),
        viewer=info.context.access,
        case_id=expect_id(case_id, NodeKind.Case.name, "caseId"),
        review_type=code(review_type),
        lead_agency_id=None
        if lead is None
        else expect_id(lead, NodeKind.Agency.name, "leadAgencyId"),
        complaint_ids=_store_ids(given(complaint_ids) or [], NodeKind.Complaint, "complaintIds"),
        started_on=given(started_on),
        title=given(title),
    )
    return shown(info, node)


async def _find_reviewers(
    root: Any, info: Info, review_id: strawberry.ID, hops: int = rules.CONFLICT_HOPS
) -> Any:
    seen: _SeenSearch = await info.context.call(
        _search_as_seen,
        review_id=expect_id(review_id, NodeKind.SupervisionAction.name, "reviewId"),
        hops=_hops(hops),
    )
    return ReviewerSearch(
        review_id=review_id,
        case_id=to_global(NodeKind.Case.name, seen.search.case_id),
        assigned_ids=ids(NodeKind.Official, seen.search.assigned_ids),
        candidates=[
            ReviewerCandidate(official=shown(info, c.official), open_reviews=c.open_reviews)
            for c in seen.candidates
        ],
        excluded=[
            ReviewerExclusion(official=shown(info, o), reasons=reasons)
            for o, reasons in seen.excluded
        ],
        hidden=seen.hidden,
    )


async def _assign(
    root: Any,
    info: Info,
    review_id: strawberry.ID,
    version: int,
    count: int | None = UNSET,
    reviewer_ids: list[strawberry.ID] | None = UNSET,
    hops: int = rules.CONFLICT_HOPS,
) -> Any:
    named = given(reviewer_ids)
    done = await info.context.call(
        writing(_assign_reviewers, Permission.WRITE, "review_id"),
        viewer=info.context.access,
        review_id=expect_id(review_id, NodeKind.SupervisionAction.name, "reviewId"),
        version=version,
        count=given(count),
        reviewer_ids=None if named is None else _store_ids(named, NodeKind.Official, "reviewerIds"),
        hops=_hops(hops),
    )
    return ReviewerAssignment(
        review=shown(info, done.review), reviewer_ids=ids(NodeKind.Official, done.reviewer_ids)
    )


async def _conflicted(root: Any, info: Info, hops: int = 0) -> list[Any]:
    found = await info.context.call(reading(reviewers.conflicted_assignments), hops=_hops(hops))
    return [
        ConflictedAssignment(
            review_id=to_global(NodeKind.SupervisionAction.name, c.review_id),
            case_id=to_global(NodeKind.Case.name, c.case_id),
            official_id=to_global(NodeKind.Official.name, c.official_id),
            reasons=c.reasons,
        )
        for c in found
    ]


async def _pool(root: Any, info: Info, region: str | None = UNSET, level: Any = UNSET) -> list[Any]:
    wanted = given(level)
    found = await info.context.call(
        _reviewer_pool, region=given(region), level=None if wanted is None else code(wanted)
    )
    return [
        PoolLevel(
            level=lv.name,
            level_label=lv.label,
            officials=[shown(info, o) for o in found[lv.name]],
        )
        for lv in RegionLevel
        if lv.name in found
    ]


def _rubric_of(kind: AgencyKind | None, rubric: StoredRubric) -> Any:
    return Rubric(
        agency_kind=None if kind is None else kind.name,
        items=[RubricItem(code=i.code, label=i.label, weight=i.weight) for i in rubric.items],
        grades=[
            GradeBand(grade=g, min_score=least, flawed=g in rubric.scale.flawed)
            for g, least in rubric.scale.grades
        ],
    )


def _rubric(root: Any, info: Info, agency_kind: Any = UNSET) -> Any:
    info.context.access.require(Permission.READ)
    wanted = given(agency_kind)
    kind = None if wanted is None else AgencyKind[code(wanted)]
    return _rubric_of(kind, rubric_for(kind))


def _deductions(given_items: list[DeductionInput]) -> dict[str, float]:
    """Points by item; an item given twice would silently lose one of its deductions."""
    times = Counter(d.item for d in given_items)
    twice = [item for item, n in times.items() if n > 1]
    if twice:
        raise ValidationError(
            [FieldError(f"deductions.{i}", "given more than once") for i in twice]
        )
    return {d.item: d.points for d in given_items}


async def _score(
    root: Any,
    info: Info,
    review_id: strawberry.ID,
    version: int,
    deductions: list[DeductionInput],
    note: str | None = UNSET,
) -> Any:
    scored = await info.context.call(
        writing(review.score_review, Permission.TRANSITION, "review_id"),
        review_id=expect_id(review_id, NodeKind.SupervisionAction.name, "reviewId"),
        version=version,
        deductions=_deductions(deductions),
        note=given(note),
    )
    return ReviewScore(
        review=shown(info, scored.review),
        score=scored.score,
        grade=scored.grade,
        flawed=scored.flawed,
    )


def query_fields() -> dict[str, Any]:
    """The case review reads, merged into the Query root."""
    return {
        "draw_sample": strawberry.field(
            resolver=annotate(
                _draw_sample,
                ReviewSample,
                root=Any,
                info=strawberry.Info,
                campaign_id=strawberry.ID,
                seed=int,
            ),
            description=(
                "抽查: the cases the campaign's next round would review, by its sampling; "
                "writes nothing (launch them with `launchReviews`)."
            ),
        ),
        "find_reviewers": strawberry.field(
            resolver=annotate(
                _find_reviewers,
                ReviewerSearch,
                root=Any,
                info=strawberry.Info,
                review_id=strawberry.ID,
                hops=int,
            ),
            description=(
                "评查人员: the pool members eligible to review, least loaded first, and those "
                "excluded with every reason (not available, expertise, served in the handling "
                "unit, handler, a handler's colleague, intervened, within `hops` of the case)."
            ),
        ),
        "conflicted_assignments": strawberry.field(
            resolver=annotate(
                _conflicted,
                list_of(ConflictedAssignment),
                root=Any,
                info=strawberry.Info,
                hops=int,
            ),
            description=(
                "Reviewers already assigned to a case they have a conflict with, in your "
                "jurisdiction (`hops` 0: without the graph-distance rule)."
            ),
        ),
        "reviewer_pool": strawberry.field(
            resolver=annotate(
                _pool,
                list_of(PoolLevel),
                root=Any,
                info=strawberry.Info,
                region=maybe(str),
                level=maybe(RegionLevelEnum),
            ),
            description="执法监督人才库: the pool by level, within a region and your jurisdiction.",
        ),
        "rubric": strawberry.field(
            resolver=annotate(
                _rubric, Rubric, root=Any, info=strawberry.Info, agency_kind=maybe(AgencyKindEnum)
            ),
            description=(
                "评查标准: the rubric and grade scale for cases handled by an agency of this "
                "kind (the default one when none is given or the kind has none)."
            ),
        ),
    }


def mutation_fields() -> dict[str, Any]:
    """The case review writes, merged into the Mutation root."""
    return {
        "open_review_campaign": strawberry.field(
            resolver=annotate(
                _open_review_campaign,
                Action,
                root=Any,
                info=strawberry.Info,
                title=str,
                lead_agency_id=strawberry.ID,
                scope=CampaignScopeInput,
                sampling=SamplingEnum,
                started_on=str,
                sample_size=maybe(int),
                ended_on=maybe(str),
                review_type=ReviewTypeEnum,
            ),
            description=(
                "集中评查/专项评查: a campaign led by a commission over a scope of cases; "
                "`sampleSize` is required except for DRAGNET (拉网式, everything in scope)."
            ),
        ),
        "launch_reviews": strawberry.field(
            resolver=annotate(
                _launch,
                list_of(Action),
                root=Any,
                info=strawberry.Info,
                campaign_id=strawberry.ID,
                version=int,
                case_ids=IDS,
            ),
            description=(
                "One review per case, as the campaign's next round; each case in scope and not "
                "yet reviewed in it; `version` is the campaign's."
            ),
        ),
        "open_review": strawberry.field(
            resolver=annotate(
                _open,
                Action,
                root=Any,
                info=strawberry.Info,
                case_id=strawberry.ID,
                review_type=ReviewTypeEnum,
                lead_agency_id=maybe(strawberry.ID),
                complaint_ids=maybe(IDS),
                started_on=maybe(str),
                title=maybe(str),
            ),
            description=(
                "A single review of a case and its petitions: ROUTINE, SPECIAL (专项), CROSS "
                "(交叉) led by `leadAgencyId`, or ESCALATED (提级) led by the commission one "
                "level above the handling unit."
            ),
        ),
        "assign_reviewers": strawberry.field(
            resolver=annotate(
                _assign,
                ReviewerAssignment,
                root=Any,
                info=strawberry.Info,
                review_id=strawberry.ID,
                version=int,
                count=maybe(int),
                reviewer_ids=maybe(IDS),
                hops=int,
            ),
            description=(
                "Assign the `count` least loaded eligible reviewers, or the named ones; a "
                "conflicted reviewer is refused (VALIDATION, each with its reasons)."
            ),
        ),
        "score_review": strawberry.field(
            resolver=annotate(
                _score,
                ReviewScore,
                root=Any,
                info=strawberry.Info,
                review_id=strawberry.ID,
                version=int,
                deductions=list_of(DeductionInput),
                note=maybe(str),
            ),
            description=(
                "评分: deduct per rubric item from 100, grade on the handling agency kind's "
                "scale and complete the review."
            ),
        ),
    }
