"""Fields over ``workflows.petitioning.verification``: the conclusion of a sentence-change
verification, the procuratorate's opinion and the correction; hearings attended (旁听庭审)."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import NodeKind, SentenceCorrection, VerificationConclusion
from schema.context import Info
from schema.fields import mutation
from schema.generic.enums import LABELED, code
from schema.generic.inputs import expect_id, given, store_ids
from schema.generic.nodes import TYPES
from schema.joint.types import ConductedAction, conducted_actions
from schema.results import shown
from workflows.petitioning import verification

ACTION, AGENCY = NodeKind.SupervisionAction.name, NodeKind.Agency.name


@mutation(
    "核查结论: conclude a sentence-change verification: COMPLIANT (no finding recorded; the "
    "verification ends) or IRREGULAR (resting on a finding it recorded; the procuratorate's "
    "opinion and the correction follow).",
    returns=TYPES[NodeKind.SupervisionAction],
    conclusion=LABELED[VerificationConclusion],
)
async def conclude_verification(
    info: Info, action_id: strawberry.ID, version: int, conclusion: Any, summary: str
) -> Any:
    node = await info.context.call(
        verification.conclude_verification,
        action_id=expect_id(action_id, ACTION, "action_id"),
        version=version,
        conclusion=code(conclusion),
        summary=summary,
    )
    return shown(info, node)


@mutation(
    "检察意见: the procuratorate's opinion on an irregular sentence-change file, once.",
    returns=TYPES[NodeKind.SupervisionAction],
)
async def record_procuratorate_opinion(
    info: Info,
    action_id: strawberry.ID,
    version: int,
    procuratorate_id: strawberry.ID,
    opinion: str,
    opinion_on: str | None = UNSET,
) -> Any:
    node = await info.context.call(
        verification.record_procuratorate_opinion,
        action_id=expect_id(action_id, ACTION, "action_id"),
        version=version,
        procuratorate_id=expect_id(procuratorate_id, AGENCY, "procuratorate_id"),
        opinion=opinion,
        opinion_on=given(opinion_on),
    )
    return shown(info, node)


@mutation(
    "纠正: the correction of an irregular sentence-change file, after the procuratorate's "
    "opinion; the verification is then complete.",
    returns=TYPES[NodeKind.SupervisionAction],
    correction=LABELED[SentenceCorrection],
)
async def record_sentence_correction(
    info: Info,
    action_id: strawberry.ID,
    version: int,
    correction: Any,
    corrected_on: str | None = UNSET,
) -> Any:
    node = await info.context.call(
        verification.record_correction,
        action_id=expect_id(action_id, ACTION, "action_id"),
        version=version,
        correction=code(correction),
        corrected_on=given(corrected_on),
    )
    return shown(info, node)


@mutation(
    "旁听庭审: observers attend a hearing of a case at trial on `attendedOn` and say what they "
    "saw; findings are then recorded against the attendance (recordFinding).",
    returns=ConductedAction,
)
async def attend_hearing(
    info: Info,
    case_id: strawberry.ID,
    conductor_ids: list[strawberry.ID],
    observer_ids: list[strawberry.ID],
    attended_on: str,
    observations: str,
) -> Any:
    item = await info.context.call(
        verification.attend_hearing,
        case_id=expect_id(case_id, NodeKind.Case.name, "case_id"),
        conductor_ids=[
            expect_id(g, AGENCY, f"conductor_ids.{i}") for i, g in enumerate(conductor_ids)
        ],
        observer_ids=store_ids(observer_ids, "observer_ids"),
        attended_on=attended_on,
        observations=observations,
    )
    return (await conducted_actions(info, [item]))[0]
