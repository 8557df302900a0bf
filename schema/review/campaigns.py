"""Review campaigns and single reviews as fields: open a campaign over a scope, draw its next
sample, launch the sample's reviews, open a single review (``workflows.review.campaigns``,
``workflows.review.reviews``)."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import NodeKind
from schema.context import Info
from schema.fields import mutation, query
from schema.generic.enums import code
from schema.generic.inputs import expect_id, given, optional_id
from schema.objects import list_of
from schema.results import shown
from schema.review import types
from workflows.review import campaigns, reviews

ACTION, AGENCY = NodeKind.SupervisionAction.name, NodeKind.Agency.name


def _ids_of(kind: NodeKind, values: list[strawberry.ID], field: str) -> list[str]:
    return [expect_id(v, kind.name, f"{field}.{i}") for i, v in enumerate(values)]


def _scope(scope: Any) -> campaigns.CampaignScope:
    lists = {n: [code(v) for v in given(getattr(scope, n)) or ()] for n in types.SCOPE_LISTS}
    return campaigns.CampaignScope(
        **lists, period_from=given(scope.period_from), period_to=given(scope.period_to)
    )


@query(
    "抽查: the cases the campaign's next round would review, by its sampling; writes nothing "
    "(launch them with `launchReviews`).",
    returns=types.ReviewSample,
)
async def draw_sample(info: Info, campaign_id: strawberry.ID, seed: int) -> Any:
    sample = await info.context.call(
        campaigns.draw_sample, campaign_id=expect_id(campaign_id, ACTION, "campaign_id"), seed=seed
    )
    return types.review_sample(sample)


@mutation(
    "集中评查/专项评查: a campaign led by a commission over a scope of cases; `sampleSize` is "
    "required except for DRAGNET (拉网式, everything in scope).",
    returns=types.Action,
    scope=types.CampaignScopeInput,
    sampling=types.SamplingEnum,
    review_type=types.ReviewTypeEnum,
)
async def open_review_campaign(
    info: Info,
    title: str,
    lead_agency_id: strawberry.ID,
    scope: Any,
    sampling: Any,
    started_on: str,
    sample_size: int | None = UNSET,
    ended_on: str | None = UNSET,
    review_type: Any = types.ReviewTypeEnum.CAMPAIGN,
) -> Any:
    node = await info.context.call(
        campaigns.open_campaign,
        title=title,
        lead_agency_id=expect_id(lead_agency_id, AGENCY, "lead_agency_id"),
        scope=_scope(scope),
        sampling=code(sampling),
        started_on=started_on,
        sample_size=given(sample_size),
        ended_on=given(ended_on),
        review_type=code(review_type),
    )
    return shown(info, node)


@mutation(
    "One review per case, as the campaign's next round; each case in scope and not yet "
    "reviewed in it; `version` is the campaign's.",
    returns=list_of(types.Action),
)
async def launch_reviews(
    info: Info, campaign_id: strawberry.ID, version: int, case_ids: list[strawberry.ID]
) -> Any:
    found = await info.context.call(
        campaigns.launch_reviews,
        campaign_id=expect_id(campaign_id, ACTION, "campaign_id"),
        version=version,
        case_ids=_ids_of(NodeKind.Case, case_ids, "case_ids"),
    )
    return [shown(info, n) for n in found]


@mutation(
    "A single review of a case and its petitions: ROUTINE, SPECIAL (专项), CROSS (交叉) led by "
    "`leadAgencyId`, or ESCALATED (提级) led by the commission one level above the handling "
    "unit.",
    returns=types.Action,
    review_type=types.ReviewTypeEnum,
)
async def open_review(
    info: Info,
    case_id: strawberry.ID,
    review_type: Any,
    lead_agency_id: strawberry.ID | None = UNSET,
    complaint_ids: list[strawberry.ID] | None = UNSET,
    started_on: str | None = UNSET,
    title: str | None = UNSET,
) -> Any:
    node = await info.context.call(
        reviews.open_review,
        case_id=expect_id(case_id, NodeKind.Case.name, "case_id"),
        review_type=code(review_type),
        lead_agency_id=optional_id(lead_agency_id, NodeKind.Agency, "lead_agency_id"),
        complaint_ids=_ids_of(NodeKind.Complaint, given(complaint_ids) or [], "complaint_ids"),
        started_on=given(started_on),
        title=given(title),
    )
    return shown(info, node)
