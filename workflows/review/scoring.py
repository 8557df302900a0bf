"""Scoring a review (评分): deductions per rubric item from 100, graded on the scale of the
handling agency's kind (``rubrics``), which completes the review."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph.errors import FieldError, InvalidTransition, ValidationError
from graph.model import views
from graph.model.dates import valid_at
from graph.model.enums import ActionStatus, AgencyKind, NodeKind, RelType
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


def cited_guidance(args: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """The guidance a deduction cites need only be visible to the caller."""
    for item, ids in (args.get("citations") or {}).items():
        yield from ((f"deductions.{item}.guidance_ids", g) for g in ids)


@use_case(Permission.TRANSITION, owns=["review_id"], sees=[cited_guidance])
def score_review(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    review_id: str,
    version: int,
    deductions: Mapping[str, float],
    note: str | None = None,
    citations: Mapping[str, Sequence[str]] | None = None,
) -> ReviewScore:
    """Score a review by deduction per rubric item, grade it, and complete it. A deduction may
    cite the standards or similar-case guidance it rests on (``citations``: item → Guidance
    ids), each in force on the day of scoring and, when it names case kinds, for the case's."""
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
    cited = _citations(store, reviewed_case(store, review), deductions, citations or {}, today)
    errors += cited[1]
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
    for item_code, guidance in cited[0]:
        change.link(
            RelType.CITES, review.id, guidance, {"item": item_code}, discriminator=item_code
        )
    change.commit(store)
    return ReviewScore(node, score, grade, grade in applied.scale.flawed)


def _citations(
    store: GraphStore,
    case: Node,
    deductions: Mapping[str, float],
    citations: Mapping[str, Sequence[str]],
    today: str,
) -> tuple[list[tuple[str, str]], list[FieldError]]:
    """The (item, guidance) pairs to record, and what is wrong with the citations."""
    ids = sorted({g for gs in citations.values() for g in gs})
    found = store.get_nodes(ids)
    pairs: list[tuple[str, str]] = []
    errors: list[FieldError] = []
    for item, guidance_ids in citations.items():
        if not deductions.get(item):
            errors.append(FieldError(f"deductions.{item}.guidance_ids", "cites for no deduction"))
            continue
        for i, gid in enumerate(guidance_ids):
            where = f"deductions.{item}.guidance_ids.{i}"
            g = found.get(gid)
            if g is None or g.kind is not NodeKind.Guidance:
                errors.append(FieldError(where, f"no guidance '{gid}'"))
                continue
            issued = str(g.props.get("issued_on", ""))[:10]
            if issued > today or not valid_at(g.get("valid_from"), g.get("valid_to"), today):
                errors.append(FieldError(where, f"'{gid}' is not in force on {today}"))
            kinds = g.props.get("case_kinds") or []
            if kinds and case.props.get("kind") not in kinds:
                errors.append(FieldError(where, f"'{gid}' is for other kinds of case"))
            pairs.append((item, gid))
    return pairs, errors
