"""Interventions in justice under the three regulations (三个规定, 2015): recording who asked
about a case; quarterly reports of each case-handling unit to the commission of its level,
zero reports included; and the patterns to look for — officials who intervene improperly
again and again, interventions on cases a review later graded flawed, and units that never
record anything."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from graph.errors import FieldError, ValidationError
from graph.model import views
from graph.model.dates import valid_at
from graph.model.enums import (
    ActionKind,
    AgencyKind,
    CaseStage,
    InterventionClass,
    InterventionManner,
    InterventionRelation,
    NodeKind,
    RelType,
)
from graph.model.records import Node
from graph.store import Condition, Direction, GraphStore, Op, Where
from workflows import rules
from workflows.access import Permission
from workflows.changes import Change
from workflows.days import day, not_after, shift
from workflows.reading import (
    every,
    in_period,
    in_region,
    linked,
    linked_ids,
    parse_enum,
    require,
    require_all,
)
from workflows.review.rubrics import FLAWED, is_flawed
from workflows.usecase import use_case

IMPROPER = InterventionClass.IMPROPER.name
RECORD = NodeKind.InterventionRecord


@dataclass(frozen=True)
class InterventionItem:
    record: Node
    case_id: str
    intervener_id: str
    recorder_id: str


@dataclass(frozen=True)
class QuarterlyReport:
    """One unit's report for a quarter to the commission of its level; zero when empty."""

    agency: Node
    commission_id: str | None
    year: int
    quarter: int
    duty: int
    improper: int
    record_ids: list[str]

    @property
    def zero(self) -> bool:
        return not self.record_ids


@dataclass(frozen=True)
class Intervener:
    official: Node
    improper: int
    duty: int
    record_ids: list[str]
    case_ids: list[str]


@dataclass(frozen=True)
class FlawedCaseIntervention:
    """An intervention on a case that a review graded flawed afterwards."""

    record: Node
    case_id: str
    intervener_id: str | None
    review_id: str
    grade: str


@dataclass(frozen=True)
class SilentUnit:
    agency: Node
    case_count_at_least: int


@use_case(Permission.WRITE, owns=["case_id"], sees=["intervener_id", "recorder_id"])
def record_intervention(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    case_id: str,
    intervener_id: str,
    recorder_id: str,
    occurred_on: str,
    relation: str,
    manner: str,
    classification: str,
    request: str | None = None,
    intervener_post: str | None = None,
) -> InterventionItem:
    """Record that someone asked about a case: the record, who, and who recorded it."""
    on = not_after(day(occurred_on, "occurred_on"), today, "occurred_on")
    case = require(store, case_id, NodeKind.Case, "case_id")
    intervener = require(store, intervener_id, NodeKind.Official, "intervener_id")
    kinds = (NodeKind.Official, NodeKind.Agency)
    recorder = require_all(store, [recorder_id], kinds, "recorder_id")[0]
    if recorder.id == intervener.id:
        raise ValidationError(FieldError("recorder_id", "the intervener cannot record himself"))
    change = Change(actor)
    record = change.create(
        NodeKind.InterventionRecord,
        {
            "occurred_on": on,
            "relation": parse_enum(InterventionRelation, relation, "relation"),
            "manner": parse_enum(InterventionManner, manner, "manner"),
            "classification": parse_enum(InterventionClass, classification, "classification"),
            "stage": parse_enum(CaseStage, views.Case(case).stage, "stage"),
            "region_code": views.Case(case).region_code,
            "request": request,
            "intervener_post": intervener_post,
        },
    )
    change.link(RelType.RECORDS, record.id, case.id)
    change.link(RelType.BY, record.id, intervener.id)
    change.link(RelType.RECORDED_BY, record.id, recorder.id)
    change.link(
        RelType.INTERVENED_IN,
        intervener.id,
        case.id,
        {"valid_from": on},
        discriminator=record.id,
    )
    change.commit(store)
    return InterventionItem(record, case.id, intervener.id, recorder.id)


def _records(
    store: GraphStore, region: str | None, since: str | None, until: str | None
) -> list[Node]:
    where = [*in_region(region), *in_period("occurred_on", since, until)]
    return list(every(store, NodeKind.InterventionRecord, where))


def _units(store: GraphStore, region: str | None, day_: str) -> list[Node]:
    where = [Where("kind", Op.IN, [k.name for k in rules.REPORTING_KINDS]), *in_region(region)]
    return [a for a in every(store, NodeKind.Agency, where) if _valid(a, day_)]


def _valid(agency: Node, day_: str) -> bool:
    read = views.Agency(agency)
    return valid_at(read.valid_from, read.valid_to, day_)


def _handling_units(store: GraphStore, records: Sequence[Node]) -> dict[str, tuple[str, str]]:
    """Each record's (case, handling unit)."""
    cases = linked(store, [r.id for r in records], [RelType.RECORDS], Direction.OUT)
    case_ids = {r: ns[0].node.id for r, ns in cases.items() if ns}
    units = linked(store, case_ids.values(), [RelType.HANDLED_BY], Direction.OUT)
    return {r: (c, units[c][0].node.id) for r, c in case_ids.items() if units.get(c)}


def quarter_bounds(year: int, quarter: int) -> tuple[str, str]:
    if not 1 <= quarter <= 4:
        raise ValidationError(FieldError("quarter", "must be 1 to 4"))
    start = f"{year:04d}-{3 * quarter - 2:02d}-01"
    end = shift(f"{year + quarter // 4:04d}-{(3 * quarter) % 12 + 1:02d}-01", -1)
    return start, end


@use_case(scoped=True)
def quarterly_reports(
    *, store: GraphStore, year: int, quarter: int, region: str | None = None
) -> list[QuarterlyReport]:
    """Every case-handling unit's report for the quarter, zero reports included."""
    start, end = quarter_bounds(year, quarter)
    records = {r.id: r for r in _records(store, region, start, end)}
    handled = _handling_units(store, list(records.values()))
    by_unit: dict[str, list[Node]] = defaultdict(list)
    for rid, (_, unit_id) in handled.items():
        by_unit[unit_id].append(records[rid])
    commissions = {
        views.Agency(c).region_code: c.id
        for c in every(
            store,
            NodeKind.Agency,
            [Where("kind", Op.EQ, AgencyKind.COMMISSION.name), *in_region(region)],
        )
        if _valid(c, end)
    }
    out = []
    for unit in _units(store, region, end):
        mine = sorted(by_unit.get(unit.id, []), key=lambda r: (_occurred(r), r.id))
        improper = sum(1 for r in mine if _improper(r))
        out.append(
            QuarterlyReport(
                unit,
                commissions.get(views.Agency(unit).region_code),
                year,
                quarter,
                len(mine) - improper,
                improper,
                [r.id for r in mine],
            )
        )
    return out


@use_case(scoped=True)
def repeated_interveners(
    *,
    store: GraphStore,
    region: str | None = None,
    since: str | None = None,
    min_improper: int = rules.REPEATED_IMPROPER,
) -> list[Intervener]:
    """Officials with at least ``min_improper`` improper interventions, most first.

    The store answers with ids and each record's classification (``node_values``,
    ``link_groups``); only the officials of the answer are read whole."""
    where = [*in_region(region), *in_period("occurred_on", since, None)]
    improper = {
        i: c == IMPROPER for i, (c,) in store.node_values(RECORD, where, ["classification"]).items()
    }
    case_of = _ends_of(store, where, RelType.RECORDS, last=True)  # the last by id, as read in order
    found: list[tuple[str, int, list[str]]] = []
    for oid, rids in store.link_groups(
        RECORD, where, rel_types=[RelType.BY], direction=Direction.OUT
    ).items():
        mine = [r for r in rids if r in improper]
        bad = sum(improper[r] for r in mine)
        if bad >= min_improper:
            found.append((oid, bad, mine))
    officials = store.get_nodes([oid for oid, _, _ in found])
    out = [
        Intervener(
            officials[oid],
            bad,
            len(rids) - bad,
            sorted(rids),
            sorted({case_of[r] for r in rids if r in case_of}),
        )
        for oid, bad, rids in found
        if oid in officials
    ]
    return sorted(out, key=lambda i: (-i.improper, i.official.id))


@use_case(scoped=True)
def interventions_on_flawed_cases(
    *, store: GraphStore, region: str | None = None, since: str | None = None
) -> list[FlawedCaseIntervention]:
    """Interventions followed by a review of the same case that graded it flawed.

    The store answers with ids and the few values the rule reads (``node_values``,
    ``link_groups``): the reviews graded flawed, the cases they and the records concern, the
    days; only the records of the answer are read whole."""
    where = [*in_region(region), *in_period("occurred_on", since, None)]
    occurred = {
        i: str(on) for i, (on,) in store.node_values(RECORD, where, ["occurred_on"]).items()
    }
    case_of = _ends_of(store, where, RelType.RECORDS, last=True)  # the last by id, as read in order
    by = _ends_of(store, where, RelType.BY, last=False)  # a record's intervener: the first by id
    # The case reviews graded flawed, and the cases they target (only actions target one).
    flawed = [Where("kind", Op.EQ, ActionKind.CASE_REVIEW.name), Where("grade", Op.IN, FLAWED)]
    graded = store.node_values(
        NodeKind.SupervisionAction, flawed, ["grade", "ended_on", "started_on"]
    )
    reviews: dict[str, list[str]] = {}
    if graded:
        reviews = store.link_groups(
            NodeKind.SupervisionAction, [Where("id", Op.IN, sorted(graded))],
            rel_types=[RelType.TARGETS], direction=Direction.OUT,
        )  # fmt: skip
    found: list[tuple[str, str, str | None, str, str]] = []
    for rid, cid in sorted(case_of.items(), key=lambda rc: (occurred.get(rc[0], ""), rc[0])):
        if rid not in occurred:
            continue
        for review in reviews.get(cid, []):
            grade, ended_on, started_on = graded[review]
            if is_flawed(grade) and str(ended_on or started_on or "") >= occurred[rid]:
                found.append((rid, cid, by.get(rid), review, str(grade)))
    whole = store.get_nodes(sorted({f[0] for f in found}))
    return [
        FlawedCaseIntervention(whole[rid], cid, who, review, grade)
        for rid, cid, who, review, grade in found
        if rid in whole
    ]


def _ends_of(
    store: GraphStore, where: Sequence[Condition], type_: RelType, last: bool
) -> dict[str, str]:
    """Each record's end of a ``type_`` relationship: where it has several, the last by id
    (``last``) or the first."""
    found = linked_ids(store, RECORD, where, [type_], Direction.OUT)
    return {r: ends[-1] if last else ends[0] for r, ends in found.items()}


def _occurred(record: Node) -> str:
    return views.InterventionRecord(record).occurred_on


def _improper(record: Node) -> bool:
    return views.InterventionRecord(record).classification == IMPROPER


@use_case(scoped=True)
def silent_units(
    *, store: GraphStore, today: str, region: str | None = None, since: str | None = None
) -> list[SilentUnit]:
    """Case-handling units that handle cases but have never recorded an intervention."""
    records = _records(store, region, since, None)
    recording = {unit for _, unit in _handling_units(store, records).values()}
    recorders = linked(store, [r.id for r in records], [RelType.RECORDED_BY], Direction.OUT)
    recording |= {n.node.id for ns in recorders.values() for n in ns}
    quiet = [u for u in _units(store, region, today) if u.id not in recording]
    sample = linked(store, [u.id for u in quiet], [RelType.HANDLED_BY], Direction.IN, limit=10)
    return [SilentUnit(u, len(sample[u.id])) for u in quiet if sample.get(u.id)]
