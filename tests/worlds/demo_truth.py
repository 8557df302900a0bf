"""What each detector must find in a demo dataset, worked out here from the raw records the
generator yields, without the store, the ports or the use cases: the answer key the
detectors are checked against (tests/workflows/test_planted_patterns.py), so that a natural
hit the detector misses, or a false one it adds, fails a test.

Each rule is written from docs/workflows.md and docs/rules.md, with the thresholds of
``workflows.rules``; the demo's dates are whole ISO days, so no date kept as written (a
month, a year) needs the periods the use cases handle. The one piece of judgement taken from
outside the code is ``MILD_DIAGNOSES``: which of the demo's diagnoses a reader calls mild.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from graph.model.enums import NodeKind, RelType
from graph.model.records import Node, Rel
from graph.store import Batch
from workflows import rules

DONE = {"ACCEPTED", "CLOSED"}
# Diagnoses of the demo a reader calls mild (vocab.WORDED_DIAGNOSES and the planted one);
# 不能生活自理, 无法生活自理, 一级伤残, 晚期 are not.
MILD_DIAGNOSES = {
    "高血压1级(病情稳定,生活自理)",
    "高血压2级(病情稳定)",
    "2型糖尿病(病情稳定,生活自理)",
    "轻度抑郁发作",
}
_CERTIFICATE = re.compile(r"\(编号([^)]+)\):(.*)$")


@dataclass
class Dataset:
    batches: list[Batch]
    nodes: dict[str, Node] = field(default_factory=dict)
    rels: list[Rel] = field(default_factory=list)
    out: dict[str, list[Rel]] = field(default_factory=lambda: defaultdict(list))
    into: dict[str, list[Rel]] = field(default_factory=lambda: defaultdict(list))

    def __post_init__(self) -> None:
        for batch in self.batches:
            self.nodes.update((n.id, n) for n in batch.nodes)
            for r in batch.rels:
                self.rels.append(r)
                self.out[r.start].append(r)
                self.into[r.end].append(r)

    def kind(self, kind: NodeKind) -> list[Node]:
        return [n for n in self.nodes.values() if n.kind is kind]

    def of_type(self, type_: RelType) -> list[Rel]:
        return [r for r in self.rels if r.type is type_]

    def ends(self, id_: str, type_: RelType) -> list[str]:
        return [r.end for r in self.out[id_] if r.type is type_]

    def starts(self, id_: str, type_: RelType) -> list[str]:
        return [r.start for r in self.into[id_] if r.type is type_]


def _days(a: str, b: str) -> int:
    return (date.fromisoformat(b[:10]) - date.fromisoformat(a[:10])).days


# -- petitions and interventions ------------------------------------------------------------


def repeat_petitions(data: Dataset) -> set[tuple[str, str, frozenset[str]]]:
    """(by, petitioner or case, complaints) with at least REPEAT_PETITIONS complaints."""
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in data.of_type(RelType.FILED):
        groups[("petitioner", r.start)].add(r.end)
    for r in data.of_type(RelType.CONCERNS):
        if (
            data.nodes[r.start].kind is NodeKind.Complaint
            and data.nodes[r.end].kind is NodeKind.Case
        ):
            groups[("case", r.end)].add(r.start)
    least = rules.REPEAT_PETITIONS
    return {(by, key, frozenset(ids)) for (by, key), ids in groups.items() if len(ids) >= least}


def repeated_improper(data: Dataset) -> dict[str, int]:
    """Officials with at least REPEATED_IMPROPER improper records, and how many."""
    improper = Counter(
        r.end
        for r in data.of_type(RelType.BY)
        if data.nodes[r.start].props["classification"] == "IMPROPER"
    )
    return {o: n for o, n in improper.items() if n >= rules.REPEATED_IMPROPER}


# -- reviewers ------------------------------------------------------------------------------


def _spells(data: Dataset, official: str) -> list[tuple[str, str, str]]:
    """(agency, from, to) for every way the model records service: membership, posts held."""
    out = []
    for r in data.out[official]:
        if r.type is RelType.MEMBER_OF:
            out.append((r.end, r.props.get("valid_from", ""), r.props.get("valid_to", "9999")))
        elif r.type is RelType.HOLDS:
            for agency in data.ends(r.end, RelType.POST_IN):
                out.append((agency, r.props.get("valid_from", ""), r.props.get("valid_to", "9")))
    return out


def conflicted_reviews(data: Dataset) -> set[tuple[str, str, str]]:
    """(review, case, reviewer) where the reviewer handled the case, served in its unit at any
    time, served beside one of its handlers elsewhere at the same time, is a party to it, or
    asked about it (docs/workflows.md, reviewer conflicts, hops 0)."""
    found = set()
    for review in data.of_type(RelType.REVIEWED_BY):
        action, reviewer = review.start, review.end
        if data.nodes[action].props["kind"] != "CASE_REVIEW":
            continue
        for case in data.ends(action, RelType.TARGETS):
            if data.nodes[case].kind is not NodeKind.Case:
                continue
            units = set(data.ends(case, RelType.HANDLED_BY))
            mine = _spells(data, reviewer)
            handlers = set(data.starts(case, RelType.HANDLED))
            colleague = any(
                a == b and a not in units and f1 <= t2 and f2 <= t1
                for h in handlers - {reviewer}
                for (a, f1, t1) in mine
                for (b, f2, t2) in _spells(data, h)
            )
            if (
                reviewer in handlers
                or any(a in units for a, _, _ in mine)
                or colleague
                or reviewer in data.starts(case, RelType.PARTY_TO)
                or reviewer in data.starts(case, RelType.INTERVENED_IN)
            ):
                found.add((action, case, reviewer))
    return found


# -- sentence changes -----------------------------------------------------------------------


def _penalty_files(data: Dataset) -> list[Node]:
    return [c for c in data.kind(NodeKind.Case) if c.props["kind"] == "PENALTY_EXECUTION"]


def same_approvers(data: Dataset) -> set[tuple[tuple[str, str], frozenset[str]]]:
    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    for case in _penalty_files(data):
        for pair in itertools.combinations(sorted(set(data.starts(case.id, RelType.HANDLED))), 2):
            shared[(pair[0], pair[1])].add(case.id)
    return {(p, frozenset(cs)) for p, cs in shared.items() if len(cs) >= rules.SAME_APPROVERS}


def repeated_reductions(data: Dataset) -> set[tuple[str, frozenset[str]]]:
    """(offender, commutations) for offenders with REPEATED_REDUCTIONS commutations within
    REDUCTION_WINDOW_DAYS of each other, counting every commutation in such a window."""
    by_offender: dict[str, list[Node]] = defaultdict(list)
    for case in _penalty_files(data):
        if case.props.get("sentence_change") != "COMMUTATION":
            continue
        for r in data.into[case.id]:
            if r.type is RelType.PARTY_TO and r.props["party_role"] == "OFFENDER":
                by_offender[r.start].append(case)
    out = set()
    least, window = rules.REPEATED_REDUCTIONS, rules.REDUCTION_WINDOW_DAYS
    for offender, files in by_offender.items():
        files.sort(key=lambda c: (c.props["filed_on"], c.id))
        flagged: set[str] = set()
        for i in range(len(files)):
            inside = [
                f
                for f in files[i:]
                if _days(files[i].props["filed_on"], f.props["filed_on"]) <= window
            ]
            if len(inside) >= least:
                flagged.update(f.id for f in inside)
        if flagged:
            out.add((offender, frozenset(flagged)))
    return out


def at_the_line(data: Dataset) -> set[str]:
    return {
        c.id
        for c in _penalty_files(data)
        if "eligible_ratio" in c.props
        and c.props["served_ratio"] - c.props["eligible_ratio"] < rules.AT_THE_LINE_MARGIN
    }


def doubtful_certificates(data: Dataset) -> set[frozenset[str]]:
    """Temporary-execution files grouped by certificate number: a group used for several
    offenders, or whose diagnosis is mild."""
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for case in _penalty_files(data):
        text = case.props.get("medical_certificate")
        if case.props.get("sentence_change") == "TEMPORARY_EXECUTION" and text:
            match = _CERTIFICATE.search(str(text))
            assert match, text
            groups[match.group(1)].append((case.id, match.group(2)))
    return {
        frozenset(c for c, _ in group)
        for group in groups.values()
        if len(group) > 1 or any(d in MILD_DIAGNOSES for _, d in group)
    }


# -- cooperation, deadlines, recognition ----------------------------------------------------


def _area(agency: Node) -> str | None:
    code = agency.props["region_code"]
    if agency.props.get("level") == "PROVINCE":
        return None
    return code[:4] if code.endswith("00") else code


def uncovered_cross_region(data: Dataset) -> set[str]:
    """Cross-region cases no agreement covered: in force on the day the case was filed and
    signed, below the province level, by bodies of both its areas."""
    agreements = []
    for a in data.kind(NodeKind.Agreement):
        areas = [_area(data.nodes[s]) for s in data.ends(a.id, RelType.SIGNED_BY)]
        agreements.append((a.props["signed_on"], a.props.get("valid_to", "9999"), areas))
    out = set()
    for case in data.kind(NodeKind.Case):
        if not case.props["cross_region"]:
            continue
        filed, ours = case.props["filed_on"], case.props["region_code"]
        theirs = [
            data.nodes[r].props["code"]
            for r in data.ends(case.id, RelType.INVOLVES)
            if data.nodes[r].kind is NodeKind.Region
        ]

        def covers(areas: list[str | None], code: str) -> bool:
            return any(a is not None and code.startswith(a) for a in areas)

        if not any(
            signed <= filed <= until
            and covers(areas, ours)
            and any(covers(areas, t) for t in theirs)
            for signed, until, areas in agreements
        ):
            out.add(case.id)
    return out


def overdue_units(data: Dataset, today: str) -> dict[str, frozenset[str]]:
    """Units with OVERDUE_RECTIFICATIONS or more open rectifications past their deadline."""
    by_unit: dict[str, set[str]] = defaultdict(set)
    for r in data.kind(NodeKind.Rectification):
        if r.props["deadline"] < today and r.props["status"] not in DONE:
            for unit in data.ends(r.id, RelType.ASSIGNED_TO):
                by_unit[unit].add(r.id)
    least = rules.OVERDUE_RECTIFICATIONS
    return {u: frozenset(rs) for u, rs in by_unit.items() if len(rs) >= least}


def duplicate_inspections(data: Dataset) -> set[tuple[str, frozenset[str]]]:
    """(target, actions): actions on one target in one run of overlapping periods (each starts
    by the latest end so far; an unfinished one lasts until its deadline or its start), two
    of them of different kinds with neither recognising the other's findings."""
    spans: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for action in data.kind(NodeKind.SupervisionAction):
        props = action.props
        if props["kind"] == "WORKSTREAM" or not props.get("started_on"):
            continue
        started = props["started_on"]
        ended = max(started, props.get("ended_on") or props.get("deadline") or started)
        for target in data.ends(action.id, RelType.TARGETS):
            spans[target].append((started, ended, action.id))

    def bodies(action: str) -> set[str]:
        return {action, *data.ends(action, RelType.CONDUCTED_BY)}

    def recognised(a: str, b: str) -> bool:
        return any(
            set(data.ends(f, RelType.RECOGNIZED_BY)) & bodies(y)
            for x, y in ((a, b), (b, a))
            for f in data.ends(x, RelType.FOUND)
        )

    out = set()
    for target, group in spans.items():
        group.sort()
        runs: list[list[str]] = []
        end = ""
        for started, ended, action in group:
            if runs and started <= end:
                runs[-1].append(action)
                end = max(end, ended)
            else:
                runs.append([action])
                end = ended
        for run in runs:
            members = {
                x
                for a, b in itertools.combinations(run, 2)
                if data.nodes[a].props["kind"] != data.nodes[b].props["kind"]
                and not recognised(a, b)
                for x in (a, b)
            }
            if members:
                out.add((target, frozenset(members)))
    return out


def natural(found: Iterable[str], planted: Iterable[str]) -> set[str]:
    """What was found beyond the planted ids."""
    return set(found) - set(planted)
