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

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from graph.model import views
from graph.model.enums import NodeKind, RelType
from graph.model.records import Node
from graph.store import Direction, GraphStore
from workflows import rules
from workflows.access import Permission
from workflows.days import between, first_day
from workflows.joint.findings import FINISHED
from workflows.reading import every, in_period, in_region, linked
from workflows.usecase import use_case


@dataclass(frozen=True)
class Recurrence:
    finding: Node
    earlier: Node
    unit_id: str
    rectification_id: str


def units_of(store: GraphStore, findings: Iterable[Node]) -> dict[str, set[str]]:
    """The agencies each finding concerns, directly or as the handler of a case it concerns."""
    ids = [f.id for f in findings]
    concerned = linked(store, ids, [RelType.CONCERNS], Direction.OUT)
    cases = {n.node.id for ns in concerned.values() for n in ns if n.node.kind is NodeKind.Case}
    handlers = linked(store, cases, [RelType.HANDLED_BY], Direction.OUT, [NodeKind.Agency])
    out: dict[str, set[str]] = {}
    for id_ in ids:
        units: set[str] = set()
        for n in concerned.get(id_, []):
            if n.node.kind is NodeKind.Agency:
                units.add(n.node.id)
            elif n.node.kind is NodeKind.Case:
                units.update(h.node.id for h in handlers.get(n.node.id, []))
        out[id_] = units
    return out


def _fixed_on(node: Node) -> str:
    item = views.Rectification(node)
    return first_day(item.submitted_on or item.closed_on or item.issued_on)


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
    a problem of their category rectified there before (the most recent such finding)."""
    found = list(every(store, NodeKind.Finding, in_region(region), order_by="found_on"))
    units = units_of(store, found)
    fixes = linked(
        store, [f.id for f in found], [RelType.REQUIRES], Direction.OUT, [NodeKind.Rectification]
    )
    # (unit, category) → the rectified findings there: (found on, fixed on, finding, fix).
    fixed: dict[tuple[str, str], list[tuple[str, str, Node, Node]]] = defaultdict(list)
    for f in found:
        done = [n.node for n in fixes.get(f.id, []) if n.node.props.get("status") in FINISHED]
        for fix in done:
            for unit in units[f.id]:
                key = (unit, str(f.props["category"]))
                fixed[key].append((first_day(str(f.props["found_on"])), _fixed_on(fix), f, fix))
    # The findings judged: all of them, or those of the period (one more indexed read).
    period = in_period("found_on", since, until)
    wanted = (
        {f.id for f in found}
        if not period
        else {f.id for f in every(store, NodeKind.Finding, [*in_region(region), *period])}
    )
    out = []
    for f in found:
        if f.id not in wanted:
            continue
        on = first_day(str(f.props["found_on"]))
        best: tuple[str, str, Node, Node, str] | None = None
        for unit in sorted(units[f.id]):
            for found_on, fixed_on, earlier, fix in fixed.get((unit, str(f.props["category"])), []):
                if earlier.id == f.id or not found_on <= on or not fixed_on < on:
                    continue
                if between(found_on, on) > window_days:
                    continue
                if best is None or (found_on, earlier.id) > (best[0], best[2].id):
                    best = (found_on, fixed_on, earlier, fix, unit)
        if best is not None:
            out.append(Recurrence(f, best[2], best[4], best[3].id))
    return out
