"""Fields over ``workflows.joint.political``: political inspection rounds (政治督察), their
checklists, feedback and 回头看."""

from __future__ import annotations

import enum
from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import ChecklistResult, FindingCategory, NodeKind, Severity
from schema.context import Info
from schema.fields import mutation, query
from schema.generic.enums import LABELED, code
from schema.generic.inputs import expect_id, given, store_ids
from schema.generic.nodes import TYPES
from schema.objects import IDS, list_of, maybe, output
from schema.results import ids, shown
from workflows import rules
from workflows.joint import political

ACTION = NodeKind.SupervisionAction.name
ITEM = NodeKind.ChecklistItem.name


@strawberry.enum(description="Where a political inspection round stands.")
class RoundStage(enum.Enum):
    INSPECTING = strawberry.enum_value("INSPECTING", description="督察中: items to answer")
    AWAITING_FEEDBACK = strawberry.enum_value("AWAITING_FEEDBACK", description="待反馈")
    RECTIFYING = strawberry.enum_value("RECTIFYING", description="整改中: before rectifyBy")
    AWAITING_LOOK_BACK = strawberry.enum_value("AWAITING_LOOK_BACK", description="待回头看")
    LOOKING_BACK = strawberry.enum_value("LOOKING_BACK", description="回头看中")
    COMPLETED = strawberry.enum_value("COMPLETED", description="已完成")


ChecklistEntry = output(
    "ChecklistEntry",
    "An item of a round's checklist and the findings it uncovered (the first when answered, "
    "then one for each 回头看 that found it not rectified).",
    item=TYPES[NodeKind.ChecklistItem],
    finding_ids=IDS,
)
FindingCheck = output(
    "FindingCheck",
    "A finding of the round and its rectifications: rectified once all are accepted or closed.",
    finding=TYPES[NodeKind.Finding],
    rectification_ids=IDS,
    rectified=bool,
)
LookBack = output(
    "LookBack",
    "A 回头看 of the round and the findings it made (整改不到位).",
    action=TYPES[NodeKind.SupervisionAction],
    finding_ids=IDS,
)
InspectionRound = output(
    "InspectionRound",
    "政治督察: a round at its stage, its checklist (answered of total), its findings and how "
    "each is rectified, its 回头看; `late` when the 回头看 is due and not begun.",
    action=TYPES[NodeKind.SupervisionAction],
    stage=RoundStage,
    target_ids=IDS,
    checklist=list_of(ChecklistEntry),
    answered=int,
    findings=list_of(FindingCheck),
    look_backs=list_of(LookBack),
    late=bool,
)
ChecklistAnswer = output(
    "ChecklistAnswer",
    "A checklist item answered, and the finding it uncovered (none for 符合).",
    item=TYPES[NodeKind.ChecklistItem],
    finding=maybe(TYPES[NodeKind.Finding]),
)
LookBackResult = output(
    "LookBackResult",
    "回头看 concluded: the findings rectified and not, the new findings (整改不到位), the round.",
    look_back=TYPES[NodeKind.SupervisionAction],
    rectified_ids=IDS,
    unrectified_ids=IDS,
    new_finding_ids=IDS,
    round=InspectionRound,
)


def as_round(info: Info, r: political.Round) -> Any:
    return InspectionRound(
        action=shown(info, r.action),
        stage=RoundStage[r.stage.name],
        target_ids=ids(NodeKind.Agency, r.target_ids),
        checklist=[
            ChecklistEntry(
                item=shown(info, e.item), finding_ids=ids(NodeKind.Finding, e.finding_ids)
            )
            for e in r.checklist
        ],
        answered=r.answered,
        findings=[
            FindingCheck(
                finding=shown(info, c.finding),
                rectification_ids=ids(NodeKind.Rectification, c.rectification_ids),
                rectified=c.rectified,
            )
            for c in r.findings
        ],
        look_backs=[
            LookBack(action=shown(info, b.action), finding_ids=ids(NodeKind.Finding, b.finding_ids))
            for b in r.look_backs
        ],
        late=r.late,
    )


@mutation(
    "政治督察: add questions to a round's checklist (督察清单) until its feedback is given.",
    returns=list_of(TYPES[NodeKind.ChecklistItem]),
)
async def add_checklist_items(
    info: Info, round_id: strawberry.ID, questions: list[str], basis: str | None = UNSET
) -> Any:
    nodes = await info.context.call(
        political.add_checklist_items,
        round_id=expect_id(round_id, ACTION, "round_id"),
        questions=questions,
        basis=given(basis),
    )
    return [shown(info, n) for n in nodes]


@mutation(
    "Answer a checklist item. 部分符合 (PARTLY) and 不符合 (NONCOMPLIANT) record the finding it "
    "uncovered (`findingTitle`, `category`, `severity`; about the units named, each a target of "
    "the round, or all of them); 符合 (COMPLIANT) records none.",
    returns=ChecklistAnswer,
    result=LABELED[ChecklistResult],
    category=maybe(LABELED[FindingCategory]),
    severity=maybe(LABELED[Severity]),
)
async def answer_checklist_item(
    info: Info,
    item_id: strawberry.ID,
    result: Any,
    note: str | None = UNSET,
    answered_on: str | None = UNSET,
    finding_title: str | None = UNSET,
    category: Any = UNSET,
    severity: Any = UNSET,
    concerns_ids: list[strawberry.ID] | None = UNSET,
) -> Any:
    cat, sev = given(category), given(severity)
    done = await info.context.call(
        political.answer_checklist_item,
        item_id=expect_id(item_id, ITEM, "item_id"),
        result=code(result),
        note=given(note),
        answered_on=given(answered_on),
        finding_title=given(finding_title),
        category=None if cat is None else code(cat),
        severity=None if sev is None else code(sev),
        concerns_ids=store_ids(given(concerns_ids) or [], "concerns_ids"),
    )
    return ChecklistAnswer(
        item=shown(info, done.item),
        finding=None if done.finding is None else shown(info, done.finding),
    )


@mutation(
    "反馈意见: once every checklist item is answered, give the round's feedback; each finding is "
    "ordered rectified by each unit it concerns by `rectifyBy` (default "
    f"{rules.FEEDBACK_RECTIFY_DAYS} days after the feedback, at most "
    f"{rules.FEEDBACK_RECTIFY_MAX_DAYS}). A round that found nothing is completed.",
    returns=InspectionRound,
)
async def issue_inspection_feedback(
    info: Info,
    round_id: strawberry.ID,
    version: int,
    feedback: str,
    issued_on: str | None = UNSET,
    rectify_by: str | None = UNSET,
) -> Any:
    found = await info.context.call(
        political.issue_inspection_feedback,
        round_id=expect_id(round_id, ACTION, "round_id"),
        version=version,
        feedback=feedback,
        issued_on=given(issued_on),
        rectify_by=given(rectify_by),
    )
    return as_round(info, found)


@mutation(
    "回头看: open the look-back of a round given its feedback, on or after its `rectifyBy`.",
    returns=LookBack,
)
async def open_look_back(
    info: Info,
    round_id: strawberry.ID,
    version: int,
    started_on: str | None = UNSET,
    title: str | None = UNSET,
) -> Any:
    back = await info.context.call(
        political.open_look_back,
        round_id=expect_id(round_id, ACTION, "round_id"),
        version=version,
        started_on=given(started_on),
        title=given(title),
    )
    return LookBack(action=shown(info, back.action), finding_ids=[])


@mutation(
    "回头看 concluded: each finding of the round whose rectifications are not all accepted or "
    "closed is found again (整改不到位, one step more severe) and ordered rectified within "
    f"{rules.LOOK_BACK_RECTIFY_DAYS} days; the round is completed when none is.",
    returns=LookBackResult,
)
async def conclude_look_back(
    info: Info, look_back_id: strawberry.ID, version: int, ended_on: str | None = UNSET
) -> Any:
    done = await info.context.call(
        political.conclude_look_back,
        look_back_id=expect_id(look_back_id, ACTION, "look_back_id"),
        version=version,
        ended_on=given(ended_on),
    )
    return LookBackResult(
        look_back=shown(info, done.look_back),
        rectified_ids=ids(NodeKind.Finding, done.rectified_ids),
        unrectified_ids=ids(NodeKind.Finding, done.unrectified_ids),
        new_finding_ids=ids(NodeKind.Finding, done.new_finding_ids),
        round=as_round(info, done.round),
    )


@query("政治督察: one round at its stage on `today`.", returns=InspectionRound)
async def political_inspection(
    info: Info, round_id: strawberry.ID, today: str | None = UNSET
) -> Any:
    found = await info.context.call(
        political.political_inspection,
        round_id=expect_id(round_id, ACTION, "round_id"),
        today=given(today),
    )
    return as_round(info, found)


@query(
    "政治督察 rounds of your jurisdiction on `today`, those whose 回头看 is late first; only "
    "unfinished ones when `openOnly`.",
    returns=list_of(InspectionRound),
)
async def political_inspections(
    info: Info, today: str | None = UNSET, open_only: bool = False
) -> Any:
    found = await info.context.call(
        political.political_inspections,
        open_only=open_only,
        today=given(today),
    )
    return [as_round(info, r) for r in found]
