"""The casework facts that indicators and the report count, read once for a period.

Statuses are judged as of a day from the recorded dates, so a report for a past period says
what was true at its end: a rectification is done on a day when its status is 验收通过 or
销号 and its completion (submission, else closing) came by then.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.model.enums import ActionKind, InterventionClass, NodeKind, RectificationStatus, RelType
from graph.model.records import Node
from graph.store import Direction, GraphStore, Op, Where
from reports.activity import RecognitionView, recognitions
from reports.agreements import AgreementNetwork, CrossRegionCase, cross_region_cases
from reports.areas import Area
from reports.period import Period, days_between
from reports.source import all_nodes, nodes_dated, values_dated
from workflows import rules
from workflows.days import due_day

DONE = frozenset({RectificationStatus.ACCEPTED, RectificationStatus.CLOSED})
FAILED_GRADE = "不合格"


@dataclass(frozen=True)
class Rectification:
    id: str
    region_code: str
    issued_on: str
    deadline: str
    status: RectificationStatus
    completed_on: str | None

    def done_by(self, day: str) -> bool:
        return self.status in DONE and (self.completed_on is None or self.completed_on <= day)

    @property
    def due(self) -> str:
        """The day the deadline falls due (a month or year as written: its last day)."""
        return due_day(self.deadline)

    @property
    def on_time(self) -> bool:
        return self.done_by(self.due)

    def overdue_on(self, day: str) -> bool:
        return self.due < day and not self.done_by(day)


@dataclass(frozen=True)
class SupervisionItem:
    """A case under supervision (案件督办) with a deadline."""

    id: str
    region_code: str
    deadline: str
    ended_on: str | None

    @property
    def overdue(self) -> bool:
        return self.ended_on is None or self.ended_on > due_day(self.deadline)


@dataclass(frozen=True)
class Review:
    id: str
    region_code: str
    ended_on: str
    grade: str

    @property
    def passed(self) -> bool:
        return self.grade != FAILED_GRADE


@dataclass(frozen=True)
class Complaint:
    id: str
    region_code: str
    received_on: str
    accepted_on: str | None
    repeat: bool

    @property
    def accepted_in_time(self) -> bool:
        return self.accepted_on is not None and (
            days_between(self.received_on, self.accepted_on) <= rules.ACCEPT_DAYS
        )


@dataclass(frozen=True)
class Intervention:
    id: str
    region_code: str
    occurred_on: str
    improper: bool


@dataclass(frozen=True)
class Filing:
    id: str
    region_code: str
    filed_on: str


@dataclass(frozen=True)
class Casework:
    period: Period
    rectifications: tuple[Rectification, ...]
    supervision: tuple[SupervisionItem, ...]
    reviews: tuple[Review, ...]
    complaints: tuple[Complaint, ...]
    interventions: tuple[Intervention, ...]
    filings: tuple[Filing, ...]
    cross_region: tuple[CrossRegionCase, ...]
    recognitions: tuple[RecognitionView, ...]

    def within(self, area: Area) -> Casework:
        """The facts located in ``area`` (a smaller set to evaluate many periods over)."""
        return Casework(
            period=self.period,
            rectifications=tuple(r for r in self.rectifications if area.covers(r.region_code)),
            supervision=tuple(s for s in self.supervision if area.covers(s.region_code)),
            reviews=tuple(r for r in self.reviews if area.covers(r.region_code)),
            complaints=tuple(c for c in self.complaints if area.covers(c.region_code)),
            interventions=tuple(i for i in self.interventions if area.covers(i.region_code)),
            filings=tuple(f for f in self.filings if area.covers(f.region_code)),
            cross_region=tuple(c for c in self.cross_region if area.covers(c.region_code)),
            recognitions=tuple(r for r in self.recognitions if area.covers(r.finding_region)),
        )

    @classmethod
    def load(cls, store: GraphStore, network: AgreementNetwork, period: Period) -> Casework:
        actions = all_nodes(store, NodeKind.SupervisionAction)
        return cls(
            period=period,
            rectifications=tuple(
                _rectification(n) for n in all_nodes(store, NodeKind.Rectification)
            ),
            supervision=tuple(
                SupervisionItem(n.id, _code(n), str(n.get("deadline")), n.get("ended_on"))
                for n in actions
                if n.get("kind") == ActionKind.CASE_SUPERVISION.name
                and period.contains(n.get("deadline"))
            ),
            reviews=tuple(
                Review(n.id, _code(n), str(n.get("ended_on")), str(n.get("grade")))
                for n in actions
                if n.get("grade") and period.contains(n.get("ended_on"))
            ),
            complaints=_complaints(store, period),
            interventions=tuple(
                Intervention(
                    n.id,
                    _code(n),
                    str(n.get("occurred_on")),
                    n.get("classification") == InterventionClass.IMPROPER.name,
                )
                for n in nodes_dated(store, NodeKind.InterventionRecord, "occurred_on", period)
            ),
            filings=tuple(
                Filing(i, str(row["region_code"]), str(row["filed_on"]))
                for i, row in values_dated(
                    store, NodeKind.Case, "filed_on", period, ["region_code"]
                )
            ),
            cross_region=tuple(cross_region_cases(store, network, period)),
            recognitions=tuple(recognitions(store, network.geography, period)),
        )


def _code(node: Node) -> str:
    return str(node.get("region_code"))


def _rectification(node: Node) -> Rectification:
    return Rectification(
        id=node.id,
        region_code=_code(node),
        issued_on=str(node.get("issued_on")),
        deadline=str(node.get("deadline")),
        status=RectificationStatus.parse(node.get("status")),
        completed_on=node.get("submitted_on") or node.get("closed_on"),
    )


def _complaints(store: GraphStore, period: Period) -> tuple[Complaint, ...]:
    """Complaints received in the period; a repeat is one whose petitioner had filed
    another complaint before it (by the day received, then the id).

    Asked of the store as values and groups of ids: the complaints' dates, their
    petitioners (``link_groups``), every complaint of those petitioners and the day each
    was received; no record is read whole (a year of the province's complaints, 60,000,
    and their petitioners' others)."""
    received = values_dated(
        store, NodeKind.Complaint, "received_on", period, ["region_code", "accepted_on"]
    )
    filers = (
        store.link_groups(
            NodeKind.Complaint,
            [Where("id", Op.IN, [i for i, _ in received])],
            rel_types=[RelType.FILED],
            direction=Direction.IN,
            node_kinds=[NodeKind.Official],
        )
        if received
        else {}
    )
    # Every complaint of those petitioners, with its petitioners, and the day it came.
    theirs = (
        store.link_groups(
            NodeKind.Official,
            [Where("id", Op.IN, sorted(filers))],
            rel_types=[RelType.FILED],
            direction=Direction.OUT,
            node_kinds=[NodeKind.Complaint],
        )
        if filers
        else {}
    )
    days = (
        store.node_values(NodeKind.Complaint, [Where("id", Op.IN, sorted(theirs))], ["received_on"])
        if theirs
        else {}
    )
    first: dict[str, tuple[str, str]] = {}  # each petitioner's first (received on, complaint)
    for complaint, people in theirs.items():
        if complaint not in days:
            continue
        key = (str(days[complaint][0]), complaint)
        for person in people:
            if person not in first or key < first[person]:
                first[person] = key
    petitioners: dict[str, list[str]] = {}
    for person, complaints in filers.items():
        for complaint in complaints:
            petitioners.setdefault(complaint, []).append(person)
    out = []
    for id_, row in received:
        key = (str(row["received_on"]), id_)
        earlier = any(
            person in first and first[person] < key for person in petitioners.get(id_, ())
        )
        region, accepted = str(row["region_code"]), row["accepted_on"]
        out.append(Complaint(id_, region, key[0], accepted, repeat=earlier))
    return tuple(out)
