"""Reviewers as fields: who may review a case and who may not (each reason given), the
assignments found conflicted afterwards, the pool by level, and assigning reviewers
(``workflows.review.reviewers``). What a caller is shown of the pool is decided there."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import NodeKind
from schema.context import Info
from schema.fields import mutation, query
from schema.generic.enums import code
from schema.generic.inputs import expect_id, given
from schema.objects import list_of, maybe
from schema.review import types
from workflows import rules
from workflows.review import reviewers

ACTION = NodeKind.SupervisionAction.name


@query(
    "评查人员: the pool members eligible to review, least loaded first, and those excluded "
    "with every reason (not available, expertise, served in the handling unit, handler, a "
    "handler's colleague, intervened, within `hops` (0–4) of the case).",
    returns=types.ReviewerSearch,
)
async def find_reviewers(
    info: Info, review_id: strawberry.ID, hops: int = rules.CONFLICT_HOPS
) -> Any:
    found = await info.context.call(
        reviewers.find_reviewers, review_id=expect_id(review_id, ACTION, "review_id"), hops=hops
    )
    return types.reviewer_search(info, found)


@query(
    "Reviewers already assigned to a case they have a conflict with, in your jurisdiction "
    "(`hops` 0–4; 0: without the graph-distance rule).",
    returns=list_of(types.ConflictedAssignment),
)
async def conflicted_assignments(info: Info, hops: int = 0) -> Any:
    found = await info.context.call(reviewers.conflicted_assignments, hops=hops)
    return [types.conflicted_assignment(c) for c in found]


@query(
    "执法监督人才库: the pool by level, within a region and your jurisdiction.",
    returns=list_of(types.PoolLevel),
    level=maybe(types.RegionLevelEnum),
)
async def reviewer_pool(info: Info, region: str | None = UNSET, level: Any = UNSET) -> Any:
    wanted = given(level)
    found = await info.context.call(
        reviewers.reviewer_pool,
        region_code=given(region),
        level=None if wanted is None else code(wanted),
    )
    return types.pool_levels(info, found)


@mutation(
    "Assign the `count` least loaded eligible reviewers, or the named ones; a conflicted "
    "reviewer is refused (VALIDATION, each with its reasons).",
    returns=types.ReviewerAssignment,
)
async def assign_reviewers(
    info: Info,
    review_id: strawberry.ID,
    version: int,
    count: int | None = UNSET,
    reviewer_ids: list[strawberry.ID] | None = UNSET,
    hops: int = rules.CONFLICT_HOPS,
) -> Any:
    named = given(reviewer_ids)
    done = await info.context.call(
        reviewers.assign_reviewers,
        review_id=expect_id(review_id, ACTION, "review_id"),
        version=version,
        count=given(count),
        reviewer_ids=None
        if named is None
        else [
            expect_id(g, NodeKind.Official.name, f"reviewer_ids.{i}") for i, g in enumerate(named)
        ],
        hops=hops,
    )
    return types.reviewer_assignment(info, done)
