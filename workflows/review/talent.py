"""以省带市促县 training and the three-level talent pool (三级执法监督人才库).

- ``hold_training``: a training organized by a commission at its level (省、市、县), with its
  hours; ``record_trainees`` records who took it once it has ended: each a staff member
  (司法人员, 领导干部, 内部人员) of the organizer's region or a region under it (the province
  trains the cities and counties, a city its counties), with the hours completed and whether
  they passed.
- ``admit_to_talent_pool``: a dated membership (IN_POOL, from ``valid_from``) of the pool a
  commission holds at its level. The person must be staff of that commission's region and have
  passed at least POOL_TRAINING_HOURS of training organized at the pool's level or above in
  the POOL_TRAINING_DAYS before the day of admission. A person is in one pool at a time: an
  admission elsewhere ends the current membership the day before.
- ``leave_talent_pool``: the membership ends (``valid_to``) with its reason.
- ``talent_pool``: who was in the pools of the caller's jurisdiction on a given day, with
  their hours of training in the window before it.

``Official.pool_level`` (which reviewer selection reads) follows the current membership: only
these use cases set it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.errors import FieldError, ValidationError
from graph.model import views
from graph.model.dates import valid_at
from graph.model.enums import AgencyKind, NodeKind, OfficialRole, RegionLevel, RelType
from graph.model.records import Node, Rel
from graph.store import Direction, GraphStore
from workflows import rules
from workflows.access import Permission, subtree_prefix
from workflows.changes import Change
from workflows.days import day, not_after, shift
from workflows.reading import every, in_region, linked, require, require_all
from workflows.usecase import use_case

STAFF = frozenset(
    {OfficialRole.JUDICIAL.name, OfficialRole.LEADER.name, OfficialRole.INTERNAL.name}
)
RANK = {level.name: i for i, level in enumerate(RegionLevel)}  # PROVINCE 0, CITY 1, COUNTY 2


def _commission(store: GraphStore, id_: str, field: str) -> Node:
    node = require(store, id_, NodeKind.Agency, field)
    if node.props.get("kind") != AgencyKind.COMMISSION.name or not node.props.get("level"):
        raise ValidationError(FieldError(field, f"'{id_}' is not a commission with a level"))
    return node


def _regions(store: GraphStore, people: Sequence[Node]) -> dict[str, list[str]]:
    """Each person's region: their own, else those of the agencies they are members of."""
    members = linked(
        store,
        [p.id for p in people if not p.props.get("region_code")],
        [RelType.MEMBER_OF],
        Direction.OUT,
        [NodeKind.Agency],
    )
    return {
        p.id: (
            [str(p.props["region_code"])]
            if p.props.get("region_code")
            else sorted({str(n.node.props.get("region_code")) for n in members.get(p.id, [])})
        )
        for p in people
    }


def _check_staff(
    store: GraphStore, people: Sequence[Node], region: str, fields: Sequence[str]
) -> None:
    regions = _regions(store, people)
    prefix = subtree_prefix(region)
    errors = []
    for person, field in zip(people, fields, strict=True):
        if person.props.get("role") not in STAFF:
            errors.append(FieldError(field, f"'{person.id}' is not law-enforcement staff"))
        elif not any(r.startswith(prefix) for r in regions[person.id]):
            errors.append(
                FieldError(field, f"'{person.id}' is not staff of region {region} or below")
            )
    if errors:
        raise ValidationError(errors)


# -- trainings -----------------------------------------------------------------------------


@use_case(Permission.WRITE, owns=["organizer_id"])
def hold_training(
    *,
    store: GraphStore,
    actor: str,
    organizer_id: str,
    title: str,
    held_on: str,
    hours: float,
    ended_on: str | None = None,
    topic: str | None = None,
    max_hours: float = rules.MAX_TRAINING_HOURS,
) -> Node:
    """A training a commission organizes at its level."""
    organizer = _commission(store, organizer_id, "organizer_id")
    if not title.strip():
        raise ValidationError(FieldError("title", "required"))
    start = day(held_on, "held_on")
    end = day(ended_on, "ended_on") if ended_on else start
    if end < start:
        raise ValidationError(FieldError("ended_on", "is before held_on"))
    if not 0 < hours <= max_hours:
        raise ValidationError(FieldError("hours", f"must be more than 0 and at most {max_hours:g}"))
    change = Change(actor)
    node = change.create(
        NodeKind.Training,
        {
            "title": title.strip(),
            "held_on": start,
            "ended_on": end,
            "hours": float(hours),
            "topic": topic,
            "level": organizer.props["level"],
            "region_code": organizer.props["region_code"],
        },
    )
    change.link(RelType.ORGANIZED_BY, node.id, organizer.id)
    change.commit(store)
    return node


@dataclass(frozen=True)
class Trainee:
    official_id: str
    hours: float | None = None
    passed: bool = True


@dataclass(frozen=True)
class TrainingRecord:
    training: Node
    trainee_ids: list[str]


def _organizer(store: GraphStore, training: Node) -> Node:
    found = linked(store, [training.id], [RelType.ORGANIZED_BY], Direction.OUT, [NodeKind.Agency])
    organizer = next((n.node for n in found.get(training.id, [])), None)
    if organizer is None:
        raise ValidationError(FieldError("training_id", "has no organizer on record"))
    return organizer


@use_case(Permission.WRITE, owns=["training_id"])
def record_trainees(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    training_id: str,
    trainees: Sequence[Trainee],
) -> TrainingRecord:
    """Who took a training that has ended, each once, with the hours completed (at most the
    training's; all of them when not given) and whether they passed."""
    training = require(store, training_id, NodeKind.Training, "training_id")
    read = views.Training(training)
    ended = str(read.ended_on or read.held_on)[:10]
    if ended > today:
        raise ValidationError(FieldError("training_id", f"ends on {ended}, after today"))
    if not trainees:
        raise ValidationError(FieldError("trainees", "name at least one person"))
    ids = [t.official_id for t in trainees]
    people = require_all(store, ids, [NodeKind.Official], "trainees.official_id")
    organizer = _organizer(store, training)
    _check_staff(
        store,
        people,
        str(organizer.props["region_code"]),
        [f"trainees.{i}.official_id" for i in range(len(people))],
    )
    done = linked(store, [training.id], [RelType.TRAINED], Direction.IN)
    already = {n.node.id for n in done.get(training.id, [])}
    errors = []
    seen: set[str] = set()
    for i, t in enumerate(trainees):
        if t.official_id in already or t.official_id in seen:
            errors.append(FieldError(f"trainees.{i}.official_id", "is already recorded"))
        seen.add(t.official_id)
        if t.hours is not None and not 0 <= t.hours <= float(read.hours):
            errors.append(
                FieldError(
                    f"trainees.{i}.hours", f"must be between 0 and the training's {read.hours:g}"
                )
            )
    if errors:
        raise ValidationError(errors)
    change = Change(actor)
    touched = change.touch(training, "trainees")
    for t in trainees:
        hours = float(read.hours) if t.hours is None else float(t.hours)
        change.link(
            RelType.TRAINED, t.official_id, training.id, {"hours": hours, "passed": t.passed}
        )
    change.commit(store)
    return TrainingRecord(touched, sorted(already | seen))


def training_hours(
    store: GraphStore, official_ids: Sequence[str], on: str, level: str | None, window_days: int
) -> dict[str, float]:
    """Hours of trainings passed by each person, ended in the ``window_days`` up to ``on``,
    organized at ``level`` or above (any level when None)."""
    since = shift(on, -window_days)
    found = linked(store, official_ids, [RelType.TRAINED], Direction.OUT, [NodeKind.Training])
    out = {}
    for person in official_ids:
        total = 0.0
        for n in found.get(person, []):
            t = views.Training(n.node)
            ended = str(t.ended_on or t.held_on)[:10]
            counts = level is None or RANK[str(t.level)] <= RANK[level]
            if n.rel.props.get("passed") and counts and since <= ended <= on:
                total += float(n.rel.props.get("hours") or 0.0)
        out[person] = total
    return out


# -- the talent pool ------------------------------------------------------------------------


def _memberships(store: GraphStore, official_id: str) -> list[Rel]:
    found = linked(store, [official_id], [RelType.IN_POOL], Direction.OUT, [NodeKind.Agency])
    return [n.rel for n in found.get(official_id, [])]


def _current(rels: Sequence[Rel]) -> Rel | None:
    return next((r for r in rels if not r.props.get("valid_to")), None)


def _end(change: Change, current: Rel, on: str, reason: str) -> None:
    """The membership ``current`` ends on ``on``: rewritten in place (an imported one under
    another id is replaced by one under the pool's own)."""
    since = str(current.props.get("valid_from") or "")
    rel = change.link(
        RelType.IN_POOL,
        current.start,
        current.end,
        {**current.props, "valid_to": on, "reason": reason},
        discriminator=since,
        before=current,
    )
    if rel.id != current.id:
        change.unlink(current)


@dataclass(frozen=True)
class Membership:
    official: Node
    pool: Node
    rel: Rel
    hours: float

    @property
    def level(self) -> str:
        return str(self.rel.props.get("level"))


@use_case(Permission.WRITE, owns=["pool_id"], sees=["official_id"])
def admit_to_talent_pool(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    official_id: str,
    pool_id: str,
    valid_from: str | None = None,
    min_hours: float = rules.POOL_TRAINING_HOURS,
    window_days: int = rules.POOL_TRAINING_DAYS,
) -> Membership:
    """A person admitted to the pool a commission holds at its level, from ``valid_from``
    (default today), when trained enough; any other current membership ends the day before."""
    pool = _commission(store, pool_id, "pool_id")
    person = require(store, official_id, NodeKind.Official, "official_id")
    on = not_after(day(valid_from or today, "valid_from"), today, "valid_from")
    _check_staff(store, [person], str(pool.props["region_code"]), ["official_id"])
    level = str(pool.props["level"])
    rels = _memberships(store, person.id)
    current = _current(rels)
    if current is not None and current.end == pool.id:
        raise ValidationError(
            FieldError(
                "official_id", f"is already in this pool since {current.props.get('valid_from')}"
            )
        )
    if any(str(r.props.get("valid_from")) >= on for r in rels):
        raise ValidationError(
            FieldError("valid_from", "is not after the start of a membership already on record")
        )
    hours = training_hours(store, [person.id], on, level, window_days)[person.id]
    if hours < min_hours:
        raise ValidationError(
            FieldError(
                "official_id",
                f"has passed {hours:g} hours of training at the {RegionLevel[level].label} "
                f"level or above in the {window_days} days before {on}; the pool needs "
                f"{min_hours:g}",
            )
        )
    change = Change(actor)
    if current is not None:
        moved = f"转入{pool.props.get('name', pool.id)}"
        _end(change, current, shift(on, -1), moved)
    rel = change.link(
        RelType.IN_POOL,
        person.id,
        pool.id,
        {"level": level, "valid_from": on},
        discriminator=on,
    )
    node = change.update(person, {"pool_level": level}, operation="admit_to_pool")
    change.commit(store)
    return Membership(node, pool, rel, hours)


@use_case(Permission.WRITE, owns=["official_id"])
def leave_talent_pool(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    official_id: str,
    reason: str,
    valid_to: str | None = None,
) -> Node:
    """The person's current membership ends on ``valid_to`` (default today) for ``reason``."""
    person = require(store, official_id, NodeKind.Official, "official_id")
    current = _current(_memberships(store, person.id))
    if current is None:
        raise ValidationError(FieldError("official_id", "is in no talent pool"))
    if not reason.strip():
        raise ValidationError(FieldError("reason", "required"))
    on = not_after(day(valid_to or today, "valid_to"), today, "valid_to")
    if on < str(current.props.get("valid_from")):
        raise ValidationError(FieldError("valid_to", "is before the membership began"))
    change = Change(actor)
    _end(change, current, on, reason.strip())
    node = change.update(person, {"pool_level": None}, operation="leave_pool")
    change.commit(store)
    return node


@use_case(scoped=True)
def talent_pool(
    *,
    store: GraphStore,
    today: str,
    on: str | None = None,
    level: str | None = None,
    region: str | None = None,
    window_days: int = rules.POOL_TRAINING_DAYS,
) -> list[Membership]:
    """Who was in the pools of the caller's jurisdiction on ``on`` (default today), with the
    hours of training they passed in the window before it; by level, pool, then person."""
    when = day(on or today, "on")
    if level is not None and level not in RANK:
        raise ValidationError(FieldError("level", f"'{level}' is not one of {', '.join(RANK)}"))
    pools = [
        p
        for p in every(store, NodeKind.Agency, in_region(region))
        if p.props.get("kind") == AgencyKind.COMMISSION.name
        and (level is None or p.props.get("level") == level)
    ]
    found = linked(
        store, [p.id for p in pools], [RelType.IN_POOL], Direction.IN, [NodeKind.Official]
    )
    rows: list[tuple[Node, Node, Rel]] = []
    for pool in pools:
        for n in found.get(pool.id, []):
            if valid_at(n.rel.props.get("valid_from"), n.rel.props.get("valid_to"), when):
                rows.append((n.node, pool, n.rel))
    hours = training_hours(store, [r[0].id for r in rows], when, None, window_days)
    out = [Membership(person, pool, rel, hours[person.id]) for person, pool, rel in rows]
    out.sort(key=lambda m: (RANK.get(m.level, 9), m.pool.id, m.official.id))
    return out
