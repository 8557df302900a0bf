"""Case review (案件评查, docs/workflows.md §3), over ``workflows.review``.

- ``campaigns``: campaigns over a scope, their samples and rounds, single reviews;
- ``reviewers``: eligible and excluded reviewers, conflicted assignments, the pool,
  assigning reviewers;
- ``talent``: trainings and the dated membership of the three-level talent pool;
- ``scoring``: rubrics and grade scales, scoring a review;
- ``types``: the enums, input and output types, and the mapping of the use cases' results.
"""

from __future__ import annotations

from schema.fields import RootField
from schema.review import campaigns, reviewers, scoring, talent

QUERY: tuple[RootField, ...] = (
    campaigns.draw_sample,
    reviewers.find_reviewers,
    reviewers.conflicted_assignments,
    reviewers.reviewer_pool,
    scoring.rubric,
    talent.talent_pool,
)
MUTATION: tuple[RootField, ...] = (
    campaigns.open_review_campaign,
    campaigns.launch_reviews,
    campaigns.open_review,
    reviewers.assign_reviewers,
    scoring.score_review,
    talent.hold_training,
    talent.record_trainees,
    talent.admit_to_talent_pool,
    talent.leave_talent_pool,
)
