"""减刑假释暂予监外执行 核查: a verification of a sentence-change file ends in a conclusion
(核查结论); an irregular one takes the procuratorate's opinion (检察意见) and then the
correction made (纠正), after which the verification is complete.

- ``conclude_verification``: the file is compliant (no finding recorded by the verification),
  or irregular (at least one finding recorded: the problem the conclusion rests on);
- ``record_procuratorate_opinion``: after an irregular conclusion, by a procuratorate;
- ``record_correction``: after the opinion, the correction decided; the verification ends.

旁听庭审 (``attend_hearing``): observers of the supervising body attend a hearing of a case at
trial; the attendance is a completed action with the observers (REVIEWED_BY, role 旁听) and
their observations, and its findings are recorded against it as for any action.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.errors import FieldError, ValidationError
from graph.model import views
from graph.model.enums import (
    ActionKind,
    ActionStatus,
    AgencyKind,
    CaseStage,
    NodeKind,
    RelType,
    SentenceCorrection,
    VerificationConclusion,
)
from graph.model.records import Node
from graph.store import Direction, GraphStore
from workflows.access import Permission
from workflows.actions import ActionItem, draft_action, lead_conductor
from workflows.changes import Change, check_version
from workflows.days import day, not_after
from workflows.reading import linked, parse_enum, require, require_all
from workflows.usecase import use_case

IRREGULAR = VerificationConclusion.IRREGULAR.name
OBSERVER = "旁听"


def _verification(store: GraphStore, action_id: str, version: int) -> Node:
    old = require(store, action_id, NodeKind.SupervisionAction, "action_id")
    check_version(old, version)
    if old.props.get("kind") != ActionKind.SENTENCE_VERIFICATION.name:
        raise ValidationError(
            FieldError("action_id", f"'{action_id}' is not a sentence-change verification (核查)")
        )
    return old


def _finished(old: Node) -> None:
    if old.props.get("status") == ActionStatus.COMPLETED.name:
        raise ValidationError(FieldError("action_id", "the verification is already complete"))


@use_case(Permission.WRITE, owns=["action_id"])
def conclude_verification(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    action_id: str,
    version: int,
    conclusion: str,
    summary: str,
) -> Node:
    """核查结论: compliant (and the verification ends) or irregular (opinion and correction
    follow); an irregular conclusion rests on a finding recorded by the verification, a
    compliant one on none."""
    old = _verification(store, action_id, version)
    _finished(old)
    if old.props.get("verification_conclusion"):
        raise ValidationError(FieldError("action_id", "is already concluded"))
    code = parse_enum(VerificationConclusion, conclusion, "conclusion")
    if not summary.strip():
        raise ValidationError(FieldError("summary", "required: what the verification found"))
    cases = linked(store, [old.id], [RelType.TARGETS], Direction.OUT, [NodeKind.Case])
    if not any(n.node.props.get("sentence_change") for n in cases.get(old.id, [])):
        raise ValidationError(
            FieldError("action_id", "verifies no sentence-change file (减刑、假释、暂予监外执行)")
        )
    found = linked(store, [old.id], [RelType.FOUND], Direction.OUT, [NodeKind.Finding])
    problems = len(found.get(old.id, []))
    if code == IRREGULAR and not problems:
        raise ValidationError(
            FieldError("conclusion", "irregular: record the finding it rests on first")
        )
    if code != IRREGULAR and problems:
        raise ValidationError(
            FieldError("conclusion", f"{problems} finding(s) recorded: the file is not compliant")
        )
    changes: dict[str, object] = {"verification_conclusion": code, "conclusion_summary": summary}
    if code != IRREGULAR:
        changes |= {"status": ActionStatus.COMPLETED.name, "ended_on": today}
    change = Change(actor)
    node = change.update(old, changes, operation="conclude")
    change.commit(store)
    return node


@use_case(Permission.WRITE, owns=["action_id"], sees=["procuratorate_id"])
def record_procuratorate_opinion(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    action_id: str,
    version: int,
    procuratorate_id: str,
    opinion: str,
    opinion_on: str | None = None,
) -> Node:
    """检察意见 on an irregular file, by a procuratorate, once."""
    old = _verification(store, action_id, version)
    _finished(old)
    if old.props.get("verification_conclusion") != IRREGULAR:
        raise ValidationError(FieldError("action_id", "is not concluded irregular"))
    if old.props.get("procuratorate_opinion"):
        raise ValidationError(FieldError("action_id", "already has the procuratorate's opinion"))
    (body,) = require_all(store, [procuratorate_id], [NodeKind.Agency], "procuratorate_id")
    if body.props.get("kind") != AgencyKind.PROCURATORATE.name:
        raise ValidationError(FieldError("procuratorate_id", f"'{body.id}' is not a procuratorate"))
    if not opinion.strip():
        raise ValidationError(FieldError("opinion", "required"))
    on = not_after(day(opinion_on or today, "opinion_on"), today, "opinion_on")
    change = Change(actor)
    node = change.update(
        old,
        {"procuratorate_opinion": opinion.strip(), "opinion_by": body.id, "opinion_on": on},
        operation="procuratorate_opinion",
    )
    change.commit(store)
    return node


@use_case(Permission.WRITE, owns=["action_id"])
def record_correction(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    action_id: str,
    version: int,
    correction: str,
    corrected_on: str | None = None,
) -> Node:
    """纠正: the correction of an irregular file, after the procuratorate's opinion; the
    verification is then complete."""
    old = _verification(store, action_id, version)
    _finished(old)
    if old.props.get("verification_conclusion") != IRREGULAR:
        raise ValidationError(FieldError("action_id", "is not concluded irregular"))
    opinion_on = old.props.get("opinion_on")
    if not opinion_on:
        raise ValidationError(
            FieldError("action_id", "awaits the procuratorate's opinion before the correction")
        )
    code = parse_enum(SentenceCorrection, correction, "correction")
    on = not_after(day(corrected_on or today, "corrected_on"), today, "corrected_on")
    if on < str(opinion_on):
        raise ValidationError(FieldError("corrected_on", "is before the procuratorate's opinion"))
    change = Change(actor)
    node = change.update(
        old,
        {
            "correction": code,
            "corrected_on": on,
            "status": ActionStatus.COMPLETED.name,
            "ended_on": on,
        },
        operation="correct",
    )
    change.commit(store)
    return node


@use_case(Permission.WRITE, owns=[lead_conductor], sees=["case_id", "observer_ids"])
def attend_hearing(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    case_id: str,
    conductor_ids: Sequence[str],
    observer_ids: Sequence[str],
    attended_on: str,
    observations: str,
) -> ActionItem:
    """旁听庭审: observers attend a hearing of a case at trial, and say what they saw."""
    case = require(store, case_id, NodeKind.Case, "case_id")
    if views.Case(case).stage != CaseStage.TRIAL.name:
        raise ValidationError(FieldError("case_id", f"'{case.id}' is not at trial (审判)"))
    if not observer_ids:
        raise ValidationError(FieldError("observer_ids", "required"))
    observers = require_all(store, observer_ids, [NodeKind.Official], "observer_ids")
    if not observations.strip():
        raise ValidationError(FieldError("observations", "required: what the observers saw"))
    on = not_after(day(attended_on, "attended_on"), today, "attended_on")
    change = Change(actor)
    item = draft_action(
        change,
        store,
        today=today,
        kind=ActionKind.HEARING_ATTENDANCE,
        title=f"旁听{views.Case(case).case_number}庭审",
        conductor_ids=conductor_ids,
        target_ids=[case.id],
        started_on=on,
        ended_on=on,
        extra={"observations": observations.strip()},
    )
    for o in observers:
        change.link(RelType.REVIEWED_BY, item.action.id, o.id, {"role": OBSERVER})
    change.commit(store)
    return item
