"""同类问题复发: a problem that comes back at a unit after it was rectified.

A finding is a recurrence when an earlier finding of the same category, at the same unit,
found at most ``rules.RECURRENCE_DAYS`` before it, had a rectification that was accepted or
closed, and the new finding was made after that rectification was handed in (its
``submitted_on``, else its ``closed_on``, else the day it was issued). The units of a finding
are the agencies it concerns and the agencies that handle the cases it concerns (HANDLED_BY).

The rule reads only the stored records, so findings loaded from a ledger are judged as those
recorded through the API are.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from graph.model.enums import NodeKind, RelType
from graph.model.records import Node
from graph.store import Condition, Direction, GraphStore, Op, Where
from workflows import rules
from workflows.access import Permission
from workflows.days import between, first_day
from workflows.joint.findings import FINISHED
from workflows.reading import at_once, in_period, in_region
from workflows.usecase import use_case


class Recurrence(NamedTuple):  # a tuple: tens of thousands in one answer
    finding: Node
    earlier: Node
    unit_id: str
    rectification_id: str


def units_of(store: GraphStore, findings: Iterable[Node]) -> dict[str, set[str]]:
    """The agencies each finding concerns, directly or as the handler of a case it concerns."""
    ids = sorted({f.id for f in findings})
    found = units_where(store, [Where("id", Op.IN, ids)]) if ids else {}
    return {i: found.get(i, set()) for i in ids}


def units_where(store: GraphStore, where: Sequence[Condition]) -> dict[str, set[str]]:
    """``units_of`` for the findings meeting ``where`` (those with no unit left out), asked of
    the store as groups of ids (``GraphStore.link_groups``): no record travels."""

    def groups(kind: NodeKind, among: Sequence[Condition], rel: RelType, to: NodeKind) -> Any:
        return store.link_groups(
            kind, among, rel_types=[rel], direction=Direction.OUT, node_kinds=[to]
        ).items()

    out: dict[str, set[str]] = defaultdict(set)
    agencies, cases = at_once(
        store,
        lambda: groups(NodeKind.Finding, where, RelType.CONCERNS, NodeKind.Agency),
        lambda: dict(groups(NodeKind.Finding, where, RelType.CONCERNS, NodeKind.Case)),
    )
    for agency, findings in agencies:
        for f in findings:
            out[f].add(agency)
    handlers: dict[str, set[str]] = defaultdict(set)
    if cases:
        ids = [Where("id", Op.IN, sorted(cases))]
        for agency, handled in groups(NodeKind.Case, ids, RelType.HANDLED_BY, NodeKind.Agency):
            for c in handled:
                handlers[c].add(agency)
    for case, findings in cases.items():
        for f in findings:
            out[f] |= handlers.get(case, set())
    return dict(out)


FIRST = "0001-01-01"


def _latest(
    entries: list[tuple[str, str, str, str]],
    finding: str,
    on: str,
    day_of: Callable[[str], int],
    window_days: int,
) -> tuple[str, str, str, str] | None:
    """The most recent of one unit's rectified findings (sorted by (found on, finding))
    that ``finding``, found ``on``, repeats: found no later, within the window, fixed
    before. Of entries found the same day for the same finding, the first added."""
    at = bisect.bisect_right(entries, on, key=lambda e: e[0])
    chosen: tuple[str, str, str, str] | None = None
    for k in range(at - 1, -1, -1):
        found_on, fix_on, earlier, _ = entry = entries[k]
        if chosen is not None and (found_on, earlier) != (chosen[0], chosen[2]):
            break
        if earlier == finding or not fix_on < on:
            continue
        if chosen is None and day_of(on) - day_of(found_on) > window_days:
            break  # the earlier ones are older still
        chosen = entry
    return chosen


def _fixed_on(submitted_on: object, closed_on: object, issued_on: object) -> str:
    return first_day(str(submitted_on or closed_on or issued_on))


def _findings(
    store: GraphStore, where: Sequence[Condition], period: Sequence[Condition]
) -> tuple[dict[str, tuple[Any, ...]], set[str]]:
    """The (found on, category) of every finding, and the ids of those judged: all of them,
    or those of the period (one more indexed read)."""
    values = store.node_values(NodeKind.Finding, where, ["found_on", "category"])
    if not period:
        return values, set(values)
    return values, set(store.node_values(NodeKind.Finding, [*where, *period], []))


def _fixes(
    store: GraphStore, where: Sequence[Condition]
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """The rectifications the findings required (each with its findings), and the day each
    finished one was fixed."""
    required = store.link_groups(
        NodeKind.Finding, where, rel_types=[RelType.REQUIRES], direction=Direction.OUT,
        node_kinds=[NodeKind.Rectification],
    )  # fmt: skip
    finished = [Where("id", Op.IN, sorted(required)), Where("status", Op.IN, sorted(FINISHED))]
    fixed_on = {
        i: _fixed_on(*dates)
        for i, dates in store.node_values(
            NodeKind.Rectification, finished if required else [Where("id", Op.EQ, None)],
            ["submitted_on", "closed_on", "issued_on"],
        ).items()
    }  # fmt: skip
    return required, fixed_on


@use_case(Permission.READ, scoped=True)
def recurrences(
    *,
    store: GraphStore,
    region: str | None = None,
    since: str | None = None,
    until: str | None = None,
    window_days: int = rules.RECURRENCE_DAYS,
) -> list[Recurrence]:
    """Findings in the caller's jurisdiction, made in [since, until], that repeat at a unit
    a problem of their category rectified there before (the most recent such finding).

    The store answers with ids and the few values the rule reads (``link_groups``,
    ``node_values``); only the findings of the answer are read whole."""
    where = in_region(region)
    period = in_period("found_on", since, until)
    # Three independent questions, asked together (``together``): the units, the findings'
    # values, and the finished rectifications with the day each was fixed.
    units, (values, wanted), (required, fixed_on) = at_once(
        store,
        lambda: units_where(store, where),
        lambda: _findings(store, where, period),
        lambda: _fixes(store, where),
    )
    # (id, found on, category) of every finding, in the order of the day found.
    ordered = sorted(values.items(), key=lambda iv: (str(iv[1][0]), iv[0]))
    found = [(i, first_day(str(on)), str(category)) for i, (on, category) in ordered]
    fixes: dict[str, list[str]] = defaultdict(list)
    for fix, findings in required.items():
        if fix in fixed_on:
            for f in findings:
                fixes[f].append(fix)
    # (unit, category) → the rectified findings there: (found on, fixed on, finding, fix).
    fixed: dict[tuple[str, str], list[tuple[str, str, str, str]]] = defaultdict(list)
    for f, on, category in found:
        required_fixes = fixes.get(f)
        if not required_fixes:
            continue
        for fix in sorted(required_fixes) if len(required_fixes) > 1 else required_fixes:
            for unit in units.get(f, ()):
                fixed[(unit, category)].append((on, fixed_on[fix], f, fix))
    # Each list by (found on, finding), the order the most recent is chosen in; an entry's
    # place in its list breaks ties as the order it was added in did.
    for listed in fixed.values():
        listed.sort(key=lambda e: (e[0], e[2]))
    days: dict[str, int] = {}

    def day_of(value: str) -> int:
        found_day = days.get(value)
        if found_day is None:
            found_day = days[value] = between(FIRST, value)
        return found_day

    kept: list[tuple[str, str, str, str]] = []
    for f, on, category in found:
        if f not in wanted:
            continue
        best: tuple[str, str, str, str, str] | None = None
        theirs = units.get(f)
        if not theirs:
            continue
        for unit in sorted(theirs) if len(theirs) > 1 else theirs:
            entries = fixed.get((unit, category))
            if not entries:
                continue
            mine = _latest(entries, f, on, day_of, window_days)
            if mine is not None and (best is None or (mine[0], mine[2]) > (best[0], best[2])):
                best = (*mine, unit)
        if best is not None:
            kept.append((f, best[2], best[4], best[3]))
    nodes = store.get_nodes(sorted({i for f, earlier, _, _ in kept for i in (f, earlier)}))
    return [
        Recurrence(nodes[f], nodes[earlier], unit, fix)
        for f, earlier, unit, fix in kept
        if f in nodes and earlier in nodes
    ]
