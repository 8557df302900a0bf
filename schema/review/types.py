"""The enums, input and output types of case review, and the mapping of the use cases'
results onto them. Officials come back as nodes, masked as the caller may read them; the
other references as global ids."""

from __future__ import annotations

from typing import Any

import strawberry

from graph.model.enums import AgencyKind, CaseKind, NodeKind, RegionLevel, ReviewType, Sampling
from graph.model.kinds import NODES
from graph.model.records import Node
from schema.context import Info
from schema.generic.enums import LABELED, new_enum
from schema.generic.ids import to_global
from schema.generic.nodes import TYPES
from schema.objects import IDS, input_object, list_of, maybe, optional, output
from schema.results import ids, shown
from workflows.review import campaigns, reviewers, scoring
from workflows.review.rubrics import Rubric as StoredRubric

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
            for flag in campaigns.CASE_FLAGS
        ],
    ),
    description="A case flag a campaign's scope may require (its label in the description).",
)

CampaignScopeInput = input_object(
    "CampaignScopeInput",
    "评查范围: the cases a campaign covers; every given condition must hold.",
    regions=optional(list_of(str), "行政区划 codes; each covers its subtree"),
    levels=optional(list_of(RegionLevelEnum), "levels of the handling agency"),
    agency_kinds=optional(list_of(AgencyKindEnum), "kinds of the handling agency"),
    case_kinds=optional(list_of(LABELED[CaseKind]), "案件类别"),
    flags=optional(list_of(CaseFlag), "flags a case must carry, all of them"),
    period_from=optional(str, "filed on or after (YYYY, YYYY-MM or YYYY-MM-DD)"),
    period_to=optional(str, "filed on or before (YYYY, YYYY-MM or YYYY-MM-DD)"),
)
SCOPE_LISTS = ("regions", "levels", "agency_kinds", "case_kinds", "flags")


@strawberry.input(description="扣分: points deducted on one rubric item.")
class DeductionInput:
    item: str = strawberry.field(description="the item's code (see `rubric`)")
    points: float = strawberry.field(description="0 to the item's weight")
    guidance_ids: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="统一执法司法标准和类案指引 the deduction rests on: each in force on the day "
        "of scoring and, when it names case kinds, for the case's",
    )


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


def review_sample(sample: campaigns.Sample) -> Any:
    return ReviewSample(
        campaign_id=to_global(NodeKind.SupervisionAction.name, sample.campaign_id),
        round=sample.round,
        case_ids=ids(NodeKind.Case, sample.case_ids),
        in_scope=sample.in_scope,
        already_reviewed=sample.already_reviewed,
        strata=[Stratum(region=r, count=n) for r, n in sample.strata.items()],
    )


def reviewer_search(info: Info, search: reviewers.ReviewerSearch) -> Any:
    return ReviewerSearch(
        review_id=to_global(NodeKind.SupervisionAction.name, search.review_id),
        case_id=to_global(NodeKind.Case.name, search.case_id),
        assigned_ids=ids(NodeKind.Official, search.assigned_ids),
        candidates=[
            ReviewerCandidate(official=shown(info, c.official), open_reviews=c.open_reviews)
            for c in search.candidates
        ],
        excluded=[
            ReviewerExclusion(official=shown(info, e.official), reasons=e.reasons)
            for e in search.excluded
        ],
        hidden=search.hidden,
    )


def reviewer_assignment(info: Info, done: reviewers.Assignment) -> Any:
    return ReviewerAssignment(
        review=shown(info, done.review), reviewer_ids=ids(NodeKind.Official, done.reviewer_ids)
    )


def conflicted_assignment(found: reviewers.ConflictedAssignment) -> Any:
    return ConflictedAssignment(
        review_id=to_global(NodeKind.SupervisionAction.name, found.review_id),
        case_id=to_global(NodeKind.Case.name, found.case_id),
        official_id=to_global(NodeKind.Official.name, found.official_id),
        reasons=found.reasons,
    )


def pool_levels(info: Info, found: dict[str, list[Node]]) -> list[Any]:
    """The pool's levels, top down, each with its members."""
    return [
        PoolLevel(
            level=lv.name,
            level_label=lv.label,
            officials=[shown(info, o) for o in found[lv.name]],
        )
        for lv in RegionLevel
        if lv.name in found
    ]


def rubric(kind: AgencyKind | None, found: StoredRubric) -> Any:
    return Rubric(
        agency_kind=None if kind is None else kind.name,
        items=[RubricItem(code=i.code, label=i.label, weight=i.weight) for i in found.items],
        grades=[
            GradeBand(grade=g, min_score=least, flawed=g in found.scale.flawed)
            for g, least in found.scale.grades
        ],
    )


def review_score(info: Info, scored: scoring.ReviewScore) -> Any:
    return ReviewScore(
        review=shown(info, scored.review),
        score=scored.score,
        grade=scored.grade,
        flawed=scored.flawed,
    )
