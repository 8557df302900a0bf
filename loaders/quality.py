"""A dry run's data-quality report (``jiandu load --check``, issue 15): what a load would do,
and what in the files deserves a look before it is loaded, without writing anything:

- the rows that would be refused, each named by file, line and column (unknown names
  among them, with their nearest candidates);
- cases with no handling agency (no HANDLED_BY in the files or the store);
- case numbers not in the form ``(2023)川0104刑初12号``;
- dates out of order (closed before filed, finished before received);
- likely duplicate people and agencies among the nodes loaded (by the rules the caller
  gives: workflows.explore.xref.pairs_among);
- cases per handling agency.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.model.enums import NodeKind, RelType
from graph.model.records import Node
from loaders.errors import LineError
from loaders.plan import Changes, Plan

CASE_NUMBER = re.compile(
    r"^[(（]\d{4}[)）][\u4e00-\u9fff]{1,2}\d{0,4}[\u4e00-\u9fff]{1,6}\d+号$"  # courts
    r"|^[\u4e00-\u9fff]{1,8}[〔\[(（]\d{4}[〕\])）]\d+号$"  # procuratorates, police
)
ORDERED = {  # (earlier, later) dates of one node
    NodeKind.Case: ("filed_on", "closed_on"),
    NodeKind.Complaint: ("received_on", "finished_on"),
    NodeKind.SupervisionAction: ("started_on", "ended_on"),
}


@dataclass
class QualityReport:
    rows: int
    nodes: dict[str, int]  # created, updated, unchanged
    rels: dict[str, int]
    refused: list[LineError]
    without_agency: list[str] = field(default_factory=list)
    malformed_numbers: list[tuple[str, str]] = field(default_factory=list)
    out_of_order: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    duplicates: list[tuple[str, str, float, str]] = field(default_factory=list)
    per_unit: dict[str, int] = field(default_factory=dict)

    @property
    def clean(self) -> bool:
        return not (
            self.refused
            or self.without_agency
            or self.malformed_numbers
            or self.out_of_order
            or self.duplicates
        )

    def __str__(self) -> str:
        lines = [
            f"Checked {self.rows:,} rows; nothing was written. A load would create "
            f"{self.nodes['created']:,} nodes and {self.rels['created']:,} relationships, "
            f"update {self.nodes['updated']:,} nodes and leave {self.nodes['unchanged']:,}."
        ]

        def section(title: str, items: list[str]) -> None:
            lines.append(f"{title}: {len(items):,}")
            lines.extend(f"  {i}" for i in items[:50])
            if len(items) > 50:
                lines.append(f"  … and {len(items) - 50:,} more (--json lists all)")

        section("Rows refused", [str(e) for e in self.refused])
        section("Cases with no handling agency", self.without_agency)
        section("Malformed case numbers", [f"{i}: {n}" for i, n in self.malformed_numbers])
        section(
            "Dates out of order",
            [f"{i}: {a} {x} is before {b} {y}" for i, b, y, a, x in self.out_of_order],
        )
        section(
            "Likely duplicates",
            [f"{a} / {b} ({s:.2f}): {why}" for a, b, s, why in self.duplicates],
        )
        lines.append("Cases per handling agency:")
        lines.extend(f"  {unit}: {n:,}" for unit, n in sorted(self.per_unit.items()))
        return "\n".join(lines)

    def as_json(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "nodes": self.nodes,
            "relationships": self.rels,
            "refused": [
                {"file": e.path, "line": e.line, "field": e.field, "reason": e.reason}
                for e in self.refused
            ],
            "cases_without_agency": self.without_agency,
            "malformed_case_numbers": [{"id": i, "number": n} for i, n in self.malformed_numbers],
            "dates_out_of_order": [
                {"id": i, "earlier": b, "earlier_on": y, "later": a, "later_on": x}
                for i, b, y, a, x in self.out_of_order
            ],
            "likely_duplicates": [
                {"ids": [a, b], "score": s, "evidence": why} for a, b, s, why in self.duplicates
            ],
            "cases_per_agency": self.per_unit,
        }


Duplicates = Callable[[Sequence[Node]], Iterable[tuple[str, str, float, str]]]
"""Likely duplicates among nodes, as (id, id, score, evidence): the rules are the domain's
(workflows.explore.xref.pairs_among), given by the caller."""


def quality(
    plan: Plan, changes: Changes, handled: set[str], duplicates: Duplicates | None = None
) -> QualityReport:
    """The report of a checked plan; ``handled``: the cases the store already links to an
    agency."""
    nodes = list(plan.nodes.values())
    report = QualityReport(
        plan.rows,
        {"created": changes.node_tally.created, "updated": changes.node_tally.updated,
         "unchanged": changes.node_tally.unchanged},
        {"created": changes.rel_tally.created, "updated": changes.rel_tally.updated,
         "unchanged": changes.rel_tally.unchanged},
        plan.errors(),
    )  # fmt: skip
    agency_of = {r.start: r.end for r in plan.rels.values() if r.type is RelType.HANDLED_BY}
    cases = [n for n in nodes if n.kind is NodeKind.Case]
    report.without_agency = sorted(
        c.id for c in cases if c.id not in agency_of and c.id not in handled
    )
    report.per_unit = dict(Counter(agency_of[c.id] for c in cases if c.id in agency_of))
    for case in cases:
        number = str(case.props.get("case_number", ""))
        if number and not CASE_NUMBER.match(number):
            report.malformed_numbers.append((case.id, number))
    for node in nodes:
        order = ORDERED.get(node.kind)
        if order is None:
            continue
        earlier, later = order
        first, last = node.props.get(earlier), node.props.get(later)
        if isinstance(first, str) and isinstance(last, str) and last[:10] < first[:10]:
            report.out_of_order.append((node.id, earlier, first, later, last))
    if duplicates is not None:
        report.duplicates = list(duplicates(nodes))
    return report
