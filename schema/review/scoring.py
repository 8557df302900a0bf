"""Scoring as fields: the rubric and grade scale of an agency kind, and scoring a review by
deduction (``workflows.review.scoring``)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.errors import FieldError, ValidationError
from graph.model.enums import AgencyKind, NodeKind
from schema.context import Info
from schema.fields import mutation, query
from schema.generic.enums import code
from schema.generic.inputs import expect_id, given, store_ids
from schema.objects import maybe
from schema.review import types
from schema.review.types import DeductionInput
from workflows.review import scoring


def _deductions(given_items: list[DeductionInput]) -> dict[str, float]:
    """Points by item; an item given twice would silently lose one of its deductions."""
    times = Counter(d.item for d in given_items)
    twice = [item for item, n in times.items() if n > 1]
    if twice:
        raise ValidationError(
            [FieldError(f"deductions.{i}", "given more than once") for i in twice]
        )
    return {d.item: d.points for d in given_items}


@query(
    "评查标准: the rubric and grade scale for cases handled by an agency of this kind (the "
    "default one when none is given or the kind has none).",
    returns=types.Rubric,
    agency_kind=maybe(types.AgencyKindEnum),
)
def rubric(info: Info, agency_kind: Any = UNSET) -> Any:
    wanted = given(agency_kind)
    kind = None if wanted is None else AgencyKind[code(wanted)]
    return info.context.then(
        scoring.rubric, lambda found: types.rubric(kind, found), agency_kind=kind
    )


@mutation(
    "评分: deduct per rubric item from 100, grade on the handling agency kind's scale and "
    "complete the review.",
    returns=types.ReviewScore,
)
async def score_review(
    info: Info,
    review_id: strawberry.ID,
    version: int,
    deductions: list[DeductionInput],
    note: str | None = UNSET,
) -> Any:
    scored = await info.context.call(
        scoring.score_review,
        review_id=expect_id(review_id, NodeKind.SupervisionAction.name, "review_id"),
        version=version,
        deductions=_deductions(deductions),
        note=given(note),
        citations={
            d.item: store_ids(d.guidance_ids, f"deductions.{d.item}.guidance_ids")
            for d in deductions
            if d.guidance_ids
        },
    )
    return types.review_score(info, scored)
