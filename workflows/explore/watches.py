"""Pattern alerts become cases for investigators: a named pattern is watched in a
jurisdiction; each run opens, for every match not seen before, an Inquiry (研判线索) for the
watch's assignee, with the saved investigation (调查研判) of the match's nodes, and the
assignee works it to a decision.

- ``watch_pattern``: watch a named pattern (``workflows.explore.patterns``) in the caller's
  jurisdiction, with its threshold and hops, for an assignee;
- ``run_watches``: run the caller's active watches on ``today``: each new match (an anchor
  this watch has not raised before) opens an Inquiry (OPEN) RAISED by the watch and
  EXAMINED_IN a new Investigation that INCLUDES the match's nodes, laid out on a grid;
- ``move_inquiry``: ``start`` (OPEN → IN_PROGRESS), then ``act`` (ACTED_ON: something was
  done about it) or ``clear`` (NO_ISSUE), each closing with a decision note; only the
  assignee, or an admin, moves an inquiry.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.errors import FieldError, Forbidden, InvalidTransition, ValidationError
from graph.model import views
from graph.model.enums import InquiryStatus, NodeKind, RelType
from graph.model.records import Node
from graph.store import Direction, GraphStore, Op, Where
from workflows import rules
from workflows.access import Access, Permission, Role
from workflows.changes import Change, check_version
from workflows.explore.patterns import PatternName, pattern
from workflows.reading import every, in_region, linked, require
from workflows.usecase import use_case

COLUMNS, SPACING = 4, 160.0
MAX_MATCHES = 200  # matches taken from one watch in one run
MOVES = {
    "start": ({InquiryStatus.OPEN}, InquiryStatus.IN_PROGRESS),
    "act": ({InquiryStatus.OPEN, InquiryStatus.IN_PROGRESS}, InquiryStatus.ACTED_ON),
    "clear": ({InquiryStatus.OPEN, InquiryStatus.IN_PROGRESS}, InquiryStatus.NO_ISSUE),
}


@dataclass(frozen=True)
class Opened:
    watch_id: str
    inquiry: Node
    investigation: Node


def _pattern_name(name: str) -> PatternName:
    try:
        return PatternName[name]
    except KeyError:
        names = ", ".join(p.name for p in PatternName)
        raise ValidationError(FieldError("name", f"'{name}' is not one of {names}")) from None


@use_case(Permission.INVESTIGATE, scoped=True)
def watch_pattern(
    *,
    store: GraphStore,
    actor: str,
    name: str,
    assignee: str | None = None,
    min_count: int | None = None,
    max_hops: int | None = None,
    region: str | None = None,
) -> Node:
    """Watch a named pattern in the caller's jurisdiction, for ``assignee`` (the caller when
    none is given)."""
    chosen = _pattern_name(name)
    if min_count is not None and min_count < 1:
        raise ValidationError(FieldError("min_count", "must be 1 or more"))
    if max_hops is not None and not 0 <= max_hops <= 4:
        raise ValidationError(FieldError("max_hops", "must be 0 to 4"))
    who = (assignee or actor).strip()
    if not who:
        raise ValidationError(FieldError("assignee", "required"))
    change = Change(actor)
    node = change.create(
        NodeKind.PatternWatch,
        {
            "pattern": chosen.name,
            "assignee": who,
            "active": True,
            "region_code": region,
            "min_count": min_count,
            "max_hops": max_hops,
        },
    )
    change.commit(store)
    return node


def _watches(store: GraphStore, region: str | None) -> list[Node]:
    where = [Where("active", Op.EQ, True), *in_region(region)]
    return sorted(every(store, NodeKind.PatternWatch, where), key=lambda n: n.id)


@use_case(Permission.INVESTIGATE, scoped=True)
def run_watches(
    *, store: GraphStore, actor: str, access: Access, today: str, region: str | None = None
) -> list[Opened]:
    """Run the active watches of the caller's jurisdiction on ``today``; the inquiries they
    open, in one write (none when nothing new matched)."""
    watches = _watches(store, region)
    raised = linked(store, [w.id for w in watches], [RelType.RAISED], Direction.OUT)
    change = Change(actor)
    opened = []
    for watch in watches:
        w = views.PatternWatch(watch)
        seen = {str(n.node.props.get("anchor_id")) for n in raised.get(watch.id, [])}
        matches = pattern(
            store=store,
            access=access,
            name=PatternName[w.pattern],
            today=today,
            min_count=w.min_count,
            max_hops=w.max_hops,
            first=MAX_MATCHES,
            region=w.region_code,
        )
        for match in matches:
            if match.anchor.id in seen:
                continue
            seen.add(match.anchor.id)
            label = PatternName[w.pattern].label
            investigation = change.create(
                NodeKind.Investigation,
                {
                    "name": f"{label}：{_caption(match.anchor)}",
                    "description": match.explanation,
                    "region_code": w.region_code,
                },
            )
            for k, node in enumerate(match.nodes):
                place = {"x": SPACING * (k % COLUMNS), "y": SPACING * (k // COLUMNS)}
                change.link(RelType.INCLUDES, investigation.id, node.id, place)
            inquiry = change.create(
                NodeKind.Inquiry,
                {
                    "pattern": w.pattern,
                    "anchor_id": match.anchor.id,
                    "explanation": match.explanation,
                    "status": InquiryStatus.OPEN.name,
                    "assignee": w.assignee,
                    "opened_on": today,
                    "region_code": w.region_code,
                },
            )
            change.link(RelType.RAISED, watch.id, inquiry.id)
            change.link(RelType.EXAMINED_IN, inquiry.id, investigation.id)
            opened.append(Opened(watch.id, inquiry, investigation))
        change.update(watch, {"last_run_on": today}, operation="run_watch")
    if watches:
        change.commit(store)
    return opened


def _caption(node: Node) -> str:
    for key in ("name", "case_number", "title", "number", "subject"):
        value = node.props.get(key)
        if isinstance(value, str) and value:
            return value
    return node.id


@use_case(Permission.INVESTIGATE, owns=["inquiry_id"])
def move_inquiry(
    *,
    store: GraphStore,
    actor: str,
    access: Access,
    today: str,
    inquiry_id: str,
    version: int,
    move: str,
    decision: str | None = None,
) -> Node:
    """One step of an inquiry, by its assignee (or an admin); closing it (act, clear) needs
    the decision, in at least ``rules.MIN_HANDLING_CHARS`` characters."""
    old = require(store, inquiry_id, NodeKind.Inquiry, "inquiry_id")
    check_version(old, version)
    item = views.Inquiry(old)
    if actor != item.assignee and access.principal.role is not Role.ADMIN:
        raise Forbidden(f"'{inquiry_id}' is assigned to '{item.assignee}', not to '{actor}'")
    state = InquiryStatus[item.status]
    step = MOVES.get(move.lower())
    if step is None or state not in step[0]:
        allowed = tuple(m for m, (sources, _) in MOVES.items() if state in sources)
        raise InvalidTransition("Inquiry", state.name, move, allowed)
    changes: dict[str, object] = {"status": step[1].name}
    if step[1] is not InquiryStatus.IN_PROGRESS:
        note = (decision or "").strip()
        if len(note) < rules.MIN_HANDLING_CHARS:
            raise ValidationError(
                FieldError(
                    "decision",
                    f"say what was decided and why (at least {rules.MIN_HANDLING_CHARS} "
                    "characters)",
                )
            )
        changes |= {"decision": note, "decided_on": today}
    change = Change(actor)
    node = change.update(old, changes, operation=f"transition:{move.lower()}")
    change.commit(store)
    return node
