"""Scoring a review (评分): deductions per rubric item from 100, graded on the scale of the
handling agency's kind (``rubrics``), which completes the review."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from graph.errors import FieldError, InvalidTransition, ValidationError
from graph.model import views
from graph.model.enums import ActionStatus, AgencyKind, RelType
from graph.model.records import Node
from graph.store import Direction, GraphStore
from workflows.access import Permission
from workflows.changes import Change, check_version
from workflows.reading import linked
from workflows.review.reviews import handling_unit, require_review, reviewed_case
from workflows.review.rubrics import Rubric, rubric_for
from workflows.usecase import use_case


@dataclass(frozen=True)
class ReviewScore:
    review: Node
    score: float
    grade: str
    flawed: bool


@use_case()
def rubric(*, store: GraphStore, agency_kind: AgencyKind | None = None) -> Rubric:
    """The rubric and grade scale for cases handled by an agency of this kind (the default
    one when none is given or the kind has none); a table, the store is not read."""
    return rubric_for(agency_kind)


def rubric_of(store: GraphStore, case: Node) -> Rubric:
    unit = handling_unit(store, case.id)
    return rubric_for(None if unit is None else AgencyKind[views.Agency(unit).kind])


@use_case(Permission.TRANSITION, owns=["review_id"])
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
    if views.SupervisionAction(review).status == ActionStatus.COMPLETED.name:
        raise InvalidTransition("CaseReview", ActionStatus.COMPLETED.name, "score", ())
    reviewers = linked(store, [review.id], [RelType.REVIEWED_BY], Direction.OUT)[review.id]
    if not reviewers:
        raise ValidationError(FieldError("review_id", "no reviewer is assigned"))
    applied = rubric_of(store, reviewed_case(store, review))
    errors = []
    for code, points in deductions.items():
        item = applied.item(code)
        if item is None:
            errors.append(FieldError(f"deductions.{code}", "not an item of this rubric"))
        elif not 0 <= points <= item.weight:
            errors.append(FieldError(f"deductions.{code}", f"must be 0 to {item.weight:g}"))
    if errors:
        raise ValidationError(errors)
    score = round(100 - sum(deductions.values()), 1)
    grade = applied.scale.grade(score)
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
    return ReviewScore(node, score, grade, grade in applied.scale.flawed)
