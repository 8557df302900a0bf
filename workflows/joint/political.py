"""政治督察: a commission's political inspection round, its checklist, its feedback (反馈意见),
and the 回头看 that checks the feedback was acted on.

A round is a POLITICAL_INSPECTION action led by a commission (``openAction``); its stages:

1. 督察: ``add_checklist_items`` puts the questions on its checklist (督察清单, PART_OF the
   round), ``answer_checklist_item`` answers each one. A 部分符合 or 不符合 answer records the
   Finding it uncovered (FOUND by the round, UNCOVERED by the item, CONCERNS the units named,
   each a target of the round); a 符合 answer records none.
2. 反馈: ``issue_inspection_feedback``, once every item is answered, gives the units the
   feedback and orders a rectification of each finding for each unit it concerns, due by
   ``rectify_by`` (at most FEEDBACK_RECTIFY_MAX_DAYS after the feedback). A round that found
   nothing is completed by its feedback.
3. 回头看: ``open_look_back``, on or after ``rectify_by``, opens a LOOK_BACK action
   (LOOKS_BACK_AT the round); ``conclude_look_back`` checks every finding of the round. A
   finding whose rectifications are all accepted or closed is rectified; any other is 整改不到位:
   the look-back records a new finding of the same category, one step more severe, about the
   same units and uncovered by the same item, and orders its rectification within
   LOOK_BACK_RECTIFY_DAYS. When all are rectified the round is completed; otherwise it stays
   open, due again by the new deadline, for the next 回头看.

``political_inspection`` reads a round at its stage; ``political_inspections`` lists the
rounds of the caller's jurisdiction, those whose 回头看 is late first.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field

from graph.errors import FieldError, InvalidTransition, ValidationError
from graph.model import views
from graph.model.enums import (
    ActionKind,
    ActionStatus,
    AgencyKind,
    ChecklistResult,
    FindingCategory,
    NodeKind,
    RectificationStatus,
    RelType,
    Severity,
)
from graph.model.lifecycle import RECTIFICATION
from graph.model.records import Node
from graph.store import Direction, GraphStore, Op, Where
from workflows import rules
from workflows.access import Permission
from workflows.bodies import LEAD
from workflows.changes import Change, check_version
from workflows.days import day, not_after, shift
from workflows.reading import every, in_region, linked, parse_enum, require, require_all
from workflows.usecase import use_case

FINISHED = frozenset({RectificationStatus.ACCEPTED.name, RectificationStatus.CLOSED.name})
ROUND = ActionKind.POLITICAL_INSPECTION.name
LOOK_BACK = ActionKind.LOOK_BACK.name
MORE_SEVERE = {
    Severity.MINOR.name: Severity.SERIOUS.name,
    Severity.SERIOUS.name: Severity.GRAVE.name,
    Severity.GRAVE.name: Severity.GRAVE.name,
}


class Stage(enum.Enum):
    INSPECTING = "督察中"
    AWAITING_FEEDBACK = "待反馈"
    RECTIFYING = "整改中"
    AWAITING_LOOK_BACK = "待回头看"
    LOOKING_BACK = "回头看中"
    COMPLETED = "已完成"


@dataclass(frozen=True)
class ChecklistEntry:
    item: Node
    finding_ids: list[str]


@dataclass(frozen=True)
class FindingCheck:
    """A finding of the round and how its rectification stands: rectified once every
    rectification ordered for it is accepted or closed."""

    finding: Node
    rectification_ids: list[str]
    rectified: bool


@dataclass(frozen=True)
class LookBack:
    action: Node
    finding_ids: list[str]


@dataclass(frozen=True)
class Round:
    action: Node
    stage: Stage
    target_ids: list[str]
    checklist: list[ChecklistEntry]
    findings: list[FindingCheck]
    look_backs: list[LookBack] = field(default_factory=list)
    late: bool = False

    @property
    def answered(self) -> int:
        return sum(1 for e in self.checklist if e.item.props.get("result"))


# -- reading ------------------------------------------------------------------------------


def _round(store: GraphStore, round_id: str, field_: str = "round_id") -> Node:
    node = require(store, round_id, NodeKind.SupervisionAction, field_)
    if node.props.get("kind") != ROUND:
        raise ValidationError(FieldError(field_, f"'{round_id}' is not a political inspection"))
    return node


def _open(node: Node, field_: str) -> None:
    if node.props.get("status") == ActionStatus.COMPLETED.name:
        raise ValidationError(FieldError(field_, f"'{node.id}' is completed"))


def read_rounds(store: GraphStore, nodes: Sequence[Node], today: str) -> list[Round]:
    """Each round with its checklist, targets, findings and 回头看, at its stage on ``today``."""
    ids = [n.id for n in nodes]
    near = linked(
        store,
        ids,
        [RelType.PART_OF, RelType.TARGETS, RelType.FOUND, RelType.LOOKS_BACK_AT],
        Direction.BOTH,
    )
    items = {
        i: [n.node for n in near.get(i, []) if n.node.kind is NodeKind.ChecklistItem] for i in ids
    }
    backs = {
        i: [
            n.node
            for n in near.get(i, [])
            if n.rel.type is RelType.LOOKS_BACK_AT and n.rel.end == i
        ]
        for i in ids
    }
    item_ids = [it.id for its in items.values() for it in its]
    uncovered = linked(store, item_ids, [RelType.UNCOVERED], Direction.OUT, [NodeKind.Finding])
    back_found = linked(
        store,
        [b.id for bs in backs.values() for b in bs],
        [RelType.FOUND],
        Direction.OUT,
        [NodeKind.Finding],
    )
    found = {
        i: [n.node for n in near.get(i, []) if n.rel.type is RelType.FOUND and n.rel.start == i]
        for i in ids
    }
    checked = {c.finding.id: c for c in _checks(store, [f for fs in found.values() for f in fs])}
    out = []
    for node in nodes:
        checklist = [
            ChecklistEntry(it, sorted(n.node.id for n in uncovered.get(it.id, [])))
            for it in sorted(items[node.id], key=lambda n: n.id)
        ]
        checks = sorted(
            (checked[f.id] for f in found[node.id]),
            key=lambda c: (str(c.finding.props.get("found_on")), c.finding.id),
        )
        look_backs = [
            LookBack(b, sorted(n.node.id for n in back_found.get(b.id, [])))
            for b in sorted(backs[node.id], key=lambda n: (str(n.props.get("started_on")), n.id))
        ]
        targets = sorted(
            n.node.id
            for n in near.get(node.id, [])
            if n.rel.type is RelType.TARGETS and n.rel.start == node.id
        )
        stage = _stage(node, checklist, look_backs, today)
        late = stage is Stage.AWAITING_LOOK_BACK and str(node.props.get("rectify_by")) < today
        out.append(Round(node, stage, targets, checklist, checks, look_backs, late))
    return out


def _stage(node: Node, checklist: list[ChecklistEntry], backs: list[LookBack], today: str) -> Stage:
    props = node.props
    if props.get("status") == ActionStatus.COMPLETED.name:
        return Stage.COMPLETED
    if not props.get("feedback_on"):
        if checklist and all(e.item.props.get("result") for e in checklist):
            return Stage.AWAITING_FEEDBACK
        return Stage.INSPECTING
    if any(b.action.props.get("status") != ActionStatus.COMPLETED.name for b in backs):
        return Stage.LOOKING_BACK
    if str(props.get("rectify_by") or "") > today:
        return Stage.RECTIFYING
    return Stage.AWAITING_LOOK_BACK


def has_checklist(store: GraphStore, round_: Node) -> bool:
    found = linked(store, [round_.id], [RelType.PART_OF], Direction.IN, [NodeKind.ChecklistItem], 1)
    return bool(found.get(round_.id)) or bool(round_.props.get("feedback_on"))


# -- 督察 ----------------------------------------------------------------------------------


def check_round_lead(kind: ActionKind, lead: Node, field_: str) -> None:
    """A political inspection is led by a party committee's political-legal commission."""
    if (
        kind is ActionKind.POLITICAL_INSPECTION
        and lead.props.get("kind") != AgencyKind.COMMISSION.name
    ):
        raise ValidationError(
            FieldError(field_, f"'{lead.id}' is not a commission: 政治督察 is led by a 政法委")
        )


@use_case(Permission.WRITE, owns=["round_id"])
def add_checklist_items(
    *,
    store: GraphStore,
    actor: str,
    round_id: str,
    questions: Sequence[str],
    basis: str | None = None,
    max_items: int = rules.MAX_CHECKLIST_ITEMS,
) -> list[Node]:
    """Questions added to a round's checklist until its feedback is given; each once."""
    round_ = _round(store, round_id)
    _open(round_, "round_id")
    if round_.props.get("feedback_on"):
        raise ValidationError(
            FieldError("round_id", "has had its feedback: the checklist is closed")
        )
    if not questions:
        raise ValidationError(FieldError("questions", "give at least one question"))
    current = linked(store, [round_.id], [RelType.PART_OF], Direction.IN, [NodeKind.ChecklistItem])
    asked = {str(n.node.props.get("question")) for n in current.get(round_.id, [])}
    errors = []
    seen: set[str] = set()
    for i, q in enumerate(questions):
        text = q.strip()
        if not text:
            errors.append(FieldError(f"questions.{i}", "is empty"))
        elif text in asked or text in seen:
            errors.append(FieldError(f"questions.{i}", "is already on the checklist"))
        seen.add(text)
    if len(asked) + len(questions) > max_items:
        errors.append(FieldError("questions", f"a checklist holds at most {max_items} items"))
    if errors:
        raise ValidationError(errors)
    change = Change(actor)
    change.touch(round_, "checklist")
    nodes = []
    for q in questions:
        item = change.create(
            NodeKind.ChecklistItem,
            {"question": q.strip(), "basis": basis, "region_code": round_.props["region_code"]},
        )
        change.link(RelType.PART_OF, item.id, round_.id)
        nodes.append(item)
    change.commit(store)
    return nodes


@dataclass(frozen=True)
class Answer:
    item: Node
    finding: Node | None


@use_case(Permission.WRITE, owns=["item_id"], sees=["concerns_ids"])
def answer_checklist_item(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    item_id: str,
    result: str,
    note: str | None = None,
    answered_on: str | None = None,
    finding_title: str | None = None,
    category: str | None = None,
    severity: str | None = None,
    concerns_ids: Sequence[str] = (),
) -> Answer:
    """An item answered during the round (on or after its start, not after today). 部分符合
    and 不符合 record the finding they uncovered (title, category, severity; about the units
    named, each a target of the round, or all its targets); 符合 records none."""
    item = require(store, item_id, NodeKind.ChecklistItem, "item_id")
    if item.props.get("result"):
        raise ValidationError(FieldError("item_id", "is already answered"))
    parent = linked(
        store, [item.id], [RelType.PART_OF], Direction.OUT, [NodeKind.SupervisionAction]
    )
    round_ = next((n.node for n in parent.get(item.id, [])), None)
    if round_ is None or round_.props.get("kind") != ROUND:
        raise ValidationError(FieldError("item_id", "is on no political inspection round"))
    _open(round_, "item_id")
    if round_.props.get("feedback_on"):
        raise ValidationError(FieldError("item_id", "its round has had its feedback"))
    code = parse_enum(ChecklistResult, result, "result")
    on = not_after(day(answered_on or today, "answered_on"), today, "answered_on")
    if on < str(round_.props.get("started_on", ""))[:10]:
        raise ValidationError(FieldError("answered_on", "is before the round started"))
    compliant = code == ChecklistResult.COMPLIANT.name
    given = {"finding_title": finding_title, "category": category, "severity": severity}
    if compliant:
        extra = [k for k, v in given.items() if v is not None] + (
            ["concerns_ids"] if concerns_ids else []
        )
        if extra:
            raise ValidationError(
                [FieldError(k, "a 符合 answer uncovers no finding") for k in extra]
            )
    else:
        missing = [k for k, v in given.items() if v is None or not str(v).strip()]
        if missing:
            raise ValidationError(
                [
                    FieldError(k, "required: a 部分符合 or 不符合 answer records its finding")
                    for k in missing
                ]
            )
    targets = linked(store, [round_.id], [RelType.TARGETS], Direction.OUT, [NodeKind.Agency])
    target_ids = sorted(n.node.id for n in targets.get(round_.id, []))
    change = Change(actor)
    # The round moves too, so that an answer and the feedback never pass each other.
    change.touch(round_, "answer")
    answered = change.update(
        item, {"result": code, "note": note, "answered_on": on}, operation="answer"
    )
    finding = None
    if not compliant:
        concerned = list(concerns_ids) or target_ids
        if not concerned:
            raise ValidationError(FieldError("concerns_ids", "the round targets no unit: name one"))
        nodes = require_all(store, concerned, [NodeKind.Agency], "concerns_ids")
        strangers = [
            FieldError(f"concerns_ids.{i}", f"'{n.id}' is not a unit this round inspects")
            for i, n in enumerate(nodes)
            if n.id not in target_ids
        ]
        if strangers:
            raise ValidationError(strangers)
        finding = change.create(
            NodeKind.Finding,
            {
                "title": str(finding_title).strip(),
                "category": parse_enum(FindingCategory, str(category), "category"),
                "severity": parse_enum(Severity, str(severity), "severity"),
                "found_on": on,
                "region_code": nodes[0].props.get("region_code") or round_.props["region_code"],
                "evidence": note,
            },
        )
        change.link(RelType.FOUND, round_.id, finding.id)
        change.link(RelType.UNCOVERED, item.id, finding.id)
        for n in nodes:
            change.link(RelType.CONCERNS, finding.id, n.id)
    change.commit(store)
    return Answer(answered, finding)


# -- 反馈 ----------------------------------------------------------------------------------


def _units_of(store: GraphStore, finding_ids: Sequence[str]) -> dict[str, list[Node]]:
    found = linked(store, finding_ids, [RelType.CONCERNS], Direction.OUT, [NodeKind.Agency])
    return {f: sorted((n.node for n in found.get(f, [])), key=lambda n: n.id) for f in finding_ids}


def _order(
    change: Change, finding: Node, unit: Node, issued_on: str, deadline: str, title: str
) -> None:
    rect = change.create(
        NodeKind.Rectification,
        {
            "title": title,
            "status": RECTIFICATION.initial.name,
            "issued_on": issued_on,
            "deadline": deadline,
            "region_code": unit.props.get("region_code") or finding.props["region_code"],
        },
    )
    change.link(RelType.REQUIRES, finding.id, rect.id)
    change.link(RelType.ASSIGNED_TO, rect.id, unit.id)


@use_case(Permission.WRITE, owns=["round_id"])
def issue_inspection_feedback(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    round_id: str,
    version: int,
    feedback: str,
    issued_on: str | None = None,
    rectify_by: str | None = None,
    rectify_days: int = rules.FEEDBACK_RECTIFY_DAYS,
    max_days: int = rules.FEEDBACK_RECTIFY_MAX_DAYS,
) -> Round:
    """反馈意见: given once every checklist item is answered; each finding is to be rectified
    by each unit it concerns by ``rectify_by`` (default FEEDBACK_RECTIFY_DAYS after the
    feedback, at most FEEDBACK_RECTIFY_MAX_DAYS). A round that found nothing is completed."""
    round_ = _round(store, round_id)
    check_version(round_, version)
    _open(round_, "round_id")
    if round_.props.get("feedback_on"):
        raise InvalidTransition("SupervisionAction", "反馈", "issue_feedback", ())
    if not feedback.strip():
        raise ValidationError(FieldError("feedback", "required"))
    on = not_after(day(issued_on or today, "issued_on"), today, "issued_on")
    if on < str(round_.props.get("started_on", ""))[:10]:
        raise ValidationError(FieldError("issued_on", "is before the round started"))
    (read,) = read_rounds(store, [round_], today)
    if not read.checklist:
        raise ValidationError(FieldError("round_id", "has no checklist: add its items first"))
    open_items = [e.item.id for e in read.checklist if not e.item.props.get("result")]
    if open_items:
        raise ValidationError(
            FieldError(
                "round_id",
                f"{len(open_items)} checklist items are not answered: {', '.join(open_items[:5])}",
            )
        )
    due = day(rectify_by, "rectify_by") if rectify_by else shift(on, rectify_days)
    if due <= on:
        raise ValidationError(FieldError("rectify_by", "must be after the feedback"))
    if due > shift(on, max_days):
        raise ValidationError(
            FieldError("rectify_by", f"is more than {max_days} days after the feedback")
        )
    findings = [c.finding for c in read.findings]
    units = _units_of(store, [f.id for f in findings])
    change = Change(actor)
    props: dict[str, object] = {"feedback": feedback.strip(), "feedback_on": on}
    if findings:
        props["rectify_by"] = due
    else:
        props |= {"status": ActionStatus.COMPLETED.name, "ended_on": on}
    node = change.update(round_, props, operation="feedback")
    for c in read.findings:
        if c.rectification_ids:
            continue
        title = f"关于政治督察反馈“{views.Finding(c.finding).title}”问题的整改"
        for unit in units[c.finding.id]:
            _order(change, c.finding, unit, on, due, title)
    change.commit(store)
    (result,) = read_rounds(store, [store.get_nodes([node.id])[node.id]], today)
    return result


# -- 回头看 --------------------------------------------------------------------------------


@use_case(Permission.WRITE, owns=["round_id"])
def open_look_back(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    round_id: str,
    version: int,
    started_on: str | None = None,
    title: str | None = None,
) -> LookBack:
    """A 回头看 of a round whose feedback is given, starting on or after its ``rectify_by``;
    one at a time, led by the round's lead commission, at its units."""
    round_ = _round(store, round_id)
    check_version(round_, version)
    _open(round_, "round_id")
    if not round_.props.get("feedback_on"):
        raise ValidationError(FieldError("round_id", "has had no feedback to look back on"))
    start = day(started_on or today, "started_on")
    due = str(round_.props.get("rectify_by"))
    if start < due:
        raise ValidationError(
            FieldError(
                "started_on",
                f"is before the rectification deadline {due}: 回头看 checks what was done by then",
            )
        )
    (read,) = read_rounds(store, [round_], today)
    if read.stage is Stage.LOOKING_BACK:
        raise ValidationError(FieldError("round_id", "has a 回头看 under way"))
    near = linked(store, [round_.id], [RelType.CONDUCTED_BY], Direction.OUT, [NodeKind.Agency])
    leads = [n.node for n in near.get(round_.id, []) if n.rel.props.get("role") == LEAD]
    lead = (leads or [n.node for n in near.get(round_.id, [])])[0]
    change = Change(actor)
    change.touch(round_, "look_back")
    back = change.create(
        NodeKind.SupervisionAction,
        {
            "title": title or f"{views.SupervisionAction(round_).title}回头看",
            "kind": LOOK_BACK,
            "status": (ActionStatus.PLANNED if start > today else ActionStatus.ONGOING).name,
            "region_code": round_.props["region_code"],
            "level": round_.props.get("level"),
            "started_on": start,
        },
    )
    change.link(RelType.CONDUCTED_BY, back.id, lead.id, {"role": LEAD})
    change.link(RelType.LOOKS_BACK_AT, back.id, round_.id)
    for t in read.target_ids:
        change.link(RelType.TARGETS, back.id, t)
    change.commit(store)
    return LookBack(back, [])


@dataclass(frozen=True)
class LookBackResult:
    round: Round
    look_back: Node
    rectified_ids: list[str]
    unrectified_ids: list[str]
    new_finding_ids: list[str]


@use_case(Permission.WRITE, owns=["look_back_id"])
def conclude_look_back(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    look_back_id: str,
    version: int,
    ended_on: str | None = None,
    rectify_days: int = rules.LOOK_BACK_RECTIFY_DAYS,
) -> LookBackResult:
    """回头看 concluded: every finding of the round whose rectifications are not all accepted
    or closed is 整改不到位, found again one step more severe and ordered rectified within
    ``rectify_days``; the round is completed when none is."""
    back = require(store, look_back_id, NodeKind.SupervisionAction, "look_back_id")
    if back.props.get("kind") != LOOK_BACK:
        raise ValidationError(FieldError("look_back_id", f"'{look_back_id}' is not a 回头看"))
    check_version(back, version)
    if back.props.get("status") == ActionStatus.COMPLETED.name:
        raise InvalidTransition("SupervisionAction", ActionStatus.COMPLETED.name, "conclude", ())
    on = not_after(day(ended_on or today, "ended_on"), today, "ended_on")
    if on < str(back.props.get("started_on"))[:10]:
        raise ValidationError(FieldError("ended_on", "is before the 回头看 started"))
    owner = linked(store, [back.id], [RelType.LOOKS_BACK_AT], Direction.OUT)
    round_ = next(
        (n.node for n in owner.get(back.id, []) if n.node.props.get("kind") == ROUND), None
    )
    if round_ is None:
        raise ValidationError(FieldError("look_back_id", "looks back at no political inspection"))
    (read,) = read_rounds(store, [round_], today)
    # Findings of earlier 回头看 are the round's too: each is checked in its turn.
    earlier = [f for b in read.look_backs if b.action.id != back.id for f in b.finding_ids]
    checks = read.findings + _checks(store, list(store.get_nodes(earlier).values()))
    superseded = _superseded(store, [c.finding for c in checks])
    current = [c for c in checks if c.finding.id not in superseded]
    rectified = [c.finding.id for c in current if c.rectified]
    late = [c for c in current if not c.rectified]
    units = _units_of(store, [c.finding.id for c in late])
    items = linked(store, [c.finding.id for c in late], [RelType.UNCOVERED], Direction.IN)
    change = Change(actor)
    due = shift(on, rectify_days)
    new_ids = []
    for c in late:
        old = views.Finding(c.finding)
        again = change.create(
            NodeKind.Finding,
            {
                "title": f"回头看:“{old.title}”整改不到位",
                "category": old.category,
                "severity": MORE_SEVERE[old.severity],
                "found_on": on,
                "region_code": old.region_code,
                "evidence": f"原问题 {c.finding.id} 的整改至 {on} 未验收通过或销号",
            },
        )
        new_ids.append(again.id)
        change.link(RelType.FOUND, back.id, again.id)
        for n in items.get(c.finding.id, []):
            change.link(RelType.UNCOVERED, n.node.id, again.id)
        for unit in units[c.finding.id]:
            change.link(RelType.CONCERNS, again.id, unit.id)
            _order(change, again, unit, on, due, f"关于回头看发现“{old.title}”整改不到位的整改")
    change.update(
        back,
        {
            "status": ActionStatus.COMPLETED.name,
            "ended_on": on,
            "rectified_count": len(rectified),
            "unrectified_count": len(late),
        },
        operation="conclude",
    )
    closed: dict[str, object] = (
        {"status": ActionStatus.COMPLETED.name, "ended_on": on} if not late else {"rectify_by": due}
    )
    change.update(round_, closed, operation="look_back_concluded")
    change.commit(store)
    fresh = store.get_nodes([round_.id, back.id])
    (after,) = read_rounds(store, [fresh[round_.id]], today)
    return LookBackResult(
        after, fresh[back.id], sorted(rectified), sorted(c.finding.id for c in late), new_ids
    )


def _checks(store: GraphStore, findings: Sequence[Node]) -> list[FindingCheck]:
    """Each finding, earliest first, with its rectifications and whether all are finished."""
    required = linked(
        store, [f.id for f in findings], [RelType.REQUIRES], Direction.OUT, [NodeKind.Rectification]
    )
    out = []
    for f in sorted(findings, key=lambda n: (str(n.props.get("found_on")), n.id)):
        rects = [n.node for n in required.get(f.id, [])]
        done = bool(rects) and all(r.props.get("status") in FINISHED for r in rects)
        out.append(FindingCheck(f, sorted(r.id for r in rects), done))
    return out


def _superseded(store: GraphStore, findings: Sequence[Node]) -> set[str]:
    """Findings found again by a later 回头看 (same item, later finding): the later one is
    checked in their place."""
    items = linked(store, [f.id for f in findings], [RelType.UNCOVERED], Direction.IN)
    by_item: dict[str, list[Node]] = {}
    for f in findings:
        for n in items.get(f.id, []):
            by_item.setdefault(n.node.id, []).append(f)
    out: set[str] = set()
    for fs in by_item.values():
        if len(fs) > 1:
            latest = max(fs, key=lambda f: (str(f.props.get("found_on")), f.id))
            out |= {f.id for f in fs if f is not latest}
    return out


# -- reads ---------------------------------------------------------------------------------


@use_case(sees=["round_id"])
def political_inspection(*, store: GraphStore, today: str, round_id: str) -> Round:
    """A round at its stage: checklist, findings and how each is rectified, its 回头看."""
    (read,) = read_rounds(store, [_round(store, round_id)], day(today, "today"))
    return read


@use_case(scoped=True)
def political_inspections(
    *, store: GraphStore, today: str, region: str | None = None, open_only: bool = False
) -> list[Round]:
    """The rounds of the caller's jurisdiction; those whose 回头看 is late first, then by start."""
    today = day(today, "today")
    where = [Where("kind", Op.EQ, ROUND), *in_region(region)]
    if open_only:
        unfinished = [s.name for s in ActionStatus if s is not ActionStatus.COMPLETED]
        where.append(Where("status", Op.IN, unfinished))
    rounds = read_rounds(store, list(every(store, NodeKind.SupervisionAction, where)), today)
    rounds.sort(key=lambda r: (not r.late, str(r.action.props.get("started_on")), r.action.id))
    return rounds
