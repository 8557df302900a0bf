"""Mutual recognition of results (监督结果互认互用): a finding recorded by one supervision mode
— political inspection, law-enforcement supervision, discipline patrol, a unit's own
inspection, the other region's bodies — is recognised by another body, with scope and date,
instead of being inspected again. Also: what a planned action could reuse, and inspections
of one target by several modes that should have recognised each other or acted jointly."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from graph.errors import FieldError, ValidationError
from graph.model import views
from graph.model.enums import ActionKind, NodeKind, RelType
from graph.model.records import Node, rel_id
from graph.store import Direction, GraphStore, Op, Where
from workflows import rules
from workflows.access import Permission
from workflows.changes import Change
from workflows.days import day, first_day, last_day, longest, not_after
from workflows.reading import (
    in_period,
    linked,
    linked_ids_of,
    require,
    require_all,
    require_view,
    within,
)
from workflows.usecase import use_case

RECOGNIZE, JOINT = "RECOGNIZE", "JOINT"


@dataclass(frozen=True)
class Recognition:
    by_id: str
    by_kind: NodeKind
    scope: str | None
    recognized_on: str | None


@dataclass(frozen=True)
class FindingRecord:
    """A finding, the action (and mode) that found it, what it concerns, who recognised it."""

    finding: Node
    action_id: str | None
    mode: ActionKind | None
    conductor_ids: list[str]
    concerns_ids: list[str]
    recognitions: list[Recognition]


@dataclass(frozen=True)
class DuplicateInspection:
    """Actions of several modes on one target within the window, with no recognition between
    them; ``recommendation`` is JOINT when their periods overlap, RECOGNIZE otherwise."""

    target_id: str
    action_ids: list[str]
    modes: list[ActionKind]
    finding_ids: list[str]
    first_day: str
    last_day: str
    recommendation: str
    reason: str


def finding_records(store: GraphStore, findings: Sequence[Node]) -> list[FindingRecord]:
    """The records of these findings, read in three batched queries."""
    ids = [f.id for f in findings]
    near = linked(
        store, ids, [RelType.FOUND, RelType.CONCERNS, RelType.RECOGNIZED_BY], Direction.BOTH
    )
    actions = {
        f: next((n.node for n in ns if n.rel.type is RelType.FOUND), None) for f, ns in near.items()
    }
    conductors = linked(
        store, [a.id for a in actions.values() if a], [RelType.CONDUCTED_BY], Direction.OUT
    )
    out = []
    for f in findings:
        found = near.get(f.id, [])
        action = actions.get(f.id)
        out.append(
            FindingRecord(
                f,
                None if action is None else action.id,
                None if action is None else ActionKind[views.SupervisionAction(action).kind],
                [] if action is None else [n.node.id for n in conductors.get(action.id, [])],
                [n.node.id for n in found if n.rel.type is RelType.CONCERNS],
                [
                    Recognition(
                        n.node.id,
                        n.node.kind,
                        views.RecognizedBy(n.rel).scope,
                        views.RecognizedBy(n.rel).recognized_on,
                    )
                    for n in found
                    if n.rel.type is RelType.RECOGNIZED_BY
                ],
            )
        )
    return out


# The recognising body acts in the caller's jurisdiction; the finding need only be visible
# (another side's finding, shared by an agreement in force: 结果互认).
@use_case(Permission.WRITE, owns=["by_id"], sees=["finding_id"])
def recognize_finding(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    finding_id: str,
    by_id: str,
    scope: str,
    recognized_on: str | None = None,
) -> FindingRecord:
    """Record that a body (an agency or another action) recognises a finding."""
    finding = require(store, finding_id, NodeKind.Finding, "finding_id")
    by = require_all(store, [by_id], (NodeKind.Agency, NodeKind.SupervisionAction), "by_id")[0]
    if not scope.strip():
        raise ValidationError(FieldError("scope", "required"))
    on = not_after(day(recognized_on or today, "recognized_on"), today, "recognized_on")
    if on < views.Finding(finding).found_on:
        raise ValidationError(FieldError("recognized_on", "is before the finding was made"))
    record = finding_records(store, [finding])[0]
    if by.id == record.action_id or by.id in record.conductor_ids:
        raise ValidationError(FieldError("by_id", "a body cannot recognise its own finding"))
    if store.get_rels([rel_id(RelType.RECOGNIZED_BY, finding.id, by.id)]):
        raise ValidationError(FieldError("by_id", f"'{by.id}' already recognised this finding"))
    change = Change(actor)
    change.link(
        RelType.RECOGNIZED_BY, finding.id, by.id, {"scope": scope.strip(), "recognized_on": on}
    )
    change.commit(store)
    return finding_records(store, [finding])[0]


def _findings_on(store: GraphStore, target_ids: Iterable[str]) -> dict[str, list[Node]]:
    """For each target, the findings that concern it or were found by actions targeting it."""
    near = linked(store, target_ids, [RelType.CONCERNS, RelType.TARGETS], Direction.IN)
    actions = {n.node.id for ns in near.values() for n in ns if n.rel.type is RelType.TARGETS}
    found = linked(store, actions, [RelType.FOUND], Direction.OUT)
    out: dict[str, dict[str, Node]] = defaultdict(dict)
    for target, ns in near.items():
        for n in ns:
            if n.node.kind is NodeKind.Finding:
                out[target][n.node.id] = n.node
            elif n.rel.type is RelType.TARGETS:
                out[target].update((f.node.id, f.node) for f in found.get(n.node.id, []))
    return {t: sorted(fs.values(), key=_found_order) for t, fs in out.items()}


def _found_order(finding: Node) -> tuple[str, str]:
    return views.Finding(finding).found_on, finding.id


@use_case(sees=["target_id"])
def findings_about(*, store: GraphStore, target_id: str) -> list[FindingRecord]:
    """Every finding about a case, unit or official, oldest first, with who recognised it."""
    kinds = (NodeKind.Case, NodeKind.Agency, NodeKind.Official, NodeKind.Complaint)
    require_all(store, [target_id], kinds, "target_id")
    return finding_records(store, _findings_on(store, [target_id]).get(target_id, []))


@use_case(sees=["action_id"])
def reusable_findings(
    *, store: GraphStore, action_id: str, window_days: int = rules.REUSE_WINDOW_DAYS
) -> list[FindingRecord]:
    """Findings on a planned action's targets from the window before it, that it can reuse."""
    action = require_view(store, action_id, views.SupervisionAction, "action_id")
    start = action.started_on
    if start is None:
        raise ValidationError(FieldError("action_id", "the action has no start day"))
    # Dates kept as written (a year, a month) may be any of their days: a finding counts
    # only when it lies in the window whichever day it was.
    targets = linked(store, [action.id], [RelType.TARGETS], Direction.OUT).get(action.id, [])
    on = _findings_on(store, [t.node.id for t in targets])

    def in_window(found_on: str) -> bool:
        """Made, for certain, by the day the action started and within the window before."""
        made_by = last_day(found_on[:10]) <= first_day(start[:10])
        return made_by and longest(found_on, start) <= window_days

    candidates = {f.id: f for fs in on.values() for f in fs if in_window(views.Finding(f).found_on)}
    records = finding_records(store, sorted(candidates.values(), key=_found_order))
    return [
        r
        for r in records
        if r.action_id != action.id and all(x.by_id != action.id for x in r.recognitions)
    ]


@dataclass(frozen=True)
class _Span:
    action_id: str
    mode: str  # the action's kind
    start: str  # the first day it can have started
    end: str  # the last day it can have ended
    started: str  # as written
    ended_by: str  # the first day it can have ended


# What a span is made of: the action's kind and days, read as values (``node_values``).
SPAN_FIELDS = ["kind", "started_on", "ended_on", "deadline"]


def _span(action_id: str, kind: object, started_on: object, *ends: object) -> _Span:
    """The days an action spans. A date kept as written (a year, a month) may be any of its
    days: the span keeps the earliest start and the latest end, and the first day the end
    can be, so that a gap is measured at its longest (``days.longest``)."""
    started = str(started_on)[:10]
    ended = str(next((e for e in ends if e), started))[:10]
    start, end = first_day(started), max(last_day(started), last_day(ended))
    return _Span(
        action_id, str(kind), start, end, started, max(first_day(started), first_day(ended))
    )


@use_case(scoped=True)
def duplicate_inspections(
    *,
    store: GraphStore,
    since: str | None = None,
    until: str | None = None,
    window_days: int = rules.DUPLICATE_WINDOW_DAYS,
    region: str | None = None,
) -> list[DuplicateInspection]:
    """Targets inspected by several modes within ``window_days``, with no recognition between.

    The store groups the period's actions by target (``GraphStore.link_groups``) and keeps
    the targets of two or more, the only ones that can hold a duplicate; their actions'
    kinds and days travel as values (``node_values``). The runs and the pairs of different
    modes in them are found from those alone; only the actions of such pairs have their
    findings, conductors and recognitions read, as ids."""
    where = in_period("started_on", since, until)
    grouped = store.link_groups(
        NodeKind.SupervisionAction,
        where,
        rel_types=[RelType.TARGETS],
        direction=Direction.OUT,
        min_size=2,
    )
    if region is not None:
        targets = store.get_nodes(sorted(grouped))
        grouped = {t: a for t, a in grouped.items() if t in targets and within(targets[t], region)}
    among = sorted({a for ids in grouped.values() for a in ids})
    values = (
        store.node_values(NodeKind.SupervisionAction, [Where("id", Op.IN, among)], SPAN_FIELDS)
        if among
        else {}
    )
    spans = {
        aid: _span(aid, *v)
        for aid, v in values.items()
        if v[1] and v[0] != ActionKind.WORKSTREAM.name
    }
    # Each run's pairs of different modes (runs without one left out): the actions in them
    # are the only ones whose links are read.
    mixed = {
        target: [pairs for run in _runs([spans[a] for a in ids if a in spans], window_days)
                 if (pairs := _mixed_pairs(run))]
        for target, ids in sorted(grouped.items())
    }  # fmt: skip
    paired = sorted(
        {s.action_id for runs in mixed.values() for pairs in runs for p in pairs for s in p}
    )
    kind, outward = NodeKind.SupervisionAction, Direction.OUT
    found_by = linked_ids_of(store, kind, paired, [RelType.FOUND], outward) if paired else {}
    conductors = (
        linked_ids_of(store, kind, paired, [RelType.CONDUCTED_BY], outward) if paired else {}
    )
    findings = {f for fs in found_by.values() for f in fs}
    recognized = (
        linked_ids_of(store, NodeKind.Finding, findings, [RelType.RECOGNIZED_BY], outward)
        if findings
        else {}
    )
    bodies = {aid: {aid, *conductors.get(aid, [])} for aid in paired}
    recognizers = {f: set(ids) for f, ids in recognized.items()}

    def recognised(a: _Span, b: _Span) -> bool:
        return any(
            recognizers.get(f, set()) & bodies[y.action_id]
            for x, y in ((a, b), (b, a))
            for f in found_by.get(x.action_id, [])
        )

    out = []
    for target, runs in mixed.items():
        for pairs in runs:
            kept = [(a, b) for a, b in pairs if not recognised(a, b)]
            if kept:
                out.append(_duplicate(target, kept, found_by))
    return out


def _runs(spans: list[_Span], window_days: int) -> list[list[_Span]]:
    """Runs of actions each starting within the window of the run so far (of two or more)."""
    spans = sorted(spans, key=lambda s: (s.start, s.action_id))
    runs: list[list[_Span]] = []
    ended_by = ""  # the run's end, at the earliest it can be: gaps are measured longest
    for s in spans:
        if runs and longest(ended_by, s.started) <= window_days:
            runs[-1].append(s)
            ended_by = max(ended_by, s.ended_by)
        else:
            runs.append([s])
            ended_by = s.ended_by
    return [run for run in runs if len(run) > 1]


def _mixed_pairs(run: list[_Span]) -> list[tuple[_Span, _Span]]:
    """The pairs of a run whose modes differ (in run order)."""
    return [(a, b) for i, a in enumerate(run) for b in run[i + 1 :] if a.mode != b.mode]


def _duplicate(
    target: str, pairs: list[tuple[_Span, _Span]], found_by: dict[str, list[str]]
) -> DuplicateInspection:
    """A run's duplicate: the actions of its unrecognised pairs of different modes."""
    members = sorted({s.action_id: s for p in pairs for s in p}.values(), key=lambda s: s.start)
    modes = list(dict.fromkeys(ActionKind[s.mode] for s in members))
    overlap = any(last_day(b.started) <= a.ended_by for a, b in pairs)
    names = "、".join(m.label for m in modes)
    return DuplicateInspection(
        target,
        [s.action_id for s in members],
        modes,
        sorted(f for s in members for f in found_by.get(s.action_id, [])),
        members[0].start,
        max(s.end for s in members),
        JOINT if overlap else RECOGNIZE,
        f"{names}在重叠期间分别检查同一对象, 应统筹联合开展"
        if overlap
        else f"{names}先后检查同一对象, 后者应互认前次监督结果而非重复检查",
    )
