"""以省带市促县 trainings and the dated talent-pool memberships of the demo, drawn from a random
stream of their own (so that adding them changes nothing else in the dataset).

Each commission holds a yearly training (24 hours at the province, 16 in a city or county).
Each person given a pool level by the staff generator took the training of the commission of
their own region and level in a year after joining, passed it, and was admitted to that
commission's pool within two months of its end, as ``workflows.review.talent`` asks. About one
member in twelve of those not reviewing left the pool again; some moved up to the
provincial pool after its training.
"""

from __future__ import annotations

import random

from graph.model.enums import AgencyKind, NodeKind, RegionLevel, RelType
from graph.model.records import Node
from loaders.demo.days import iso, ordinal, year
from loaders.demo.world import Agency, World

HOURS = {RegionLevel.PROVINCE: 24.0, RegionLevel.CITY: 16.0, RegionLevel.COUNTY: 16.0}
FIRST_YEAR = 2019
LEAVE_SHARE = 1 / 12
MOVE_UP_SHARE = 1 / 10


def emit_training(world: World) -> None:
    trainings: dict[tuple[str, int], tuple[str, int]] = {}
    province = world.agency("510000", AgencyKind.COMMISSION)
    # The people's records are still in the sink (this step emits them): a membership that
    # moved up or ended sets their current level.
    people = {
        r.id: r for r in world.sink.records if isinstance(r, Node) and r.kind is NodeKind.Official
    }

    def training(commission: Agency, y: int) -> tuple[str, int] | None:
        """The commission's training of year ``y`` (its id and last day), if it has ended."""
        key = (commission.id, y)
        if key not in trainings:
            start = ordinal(f"{y}-04-0{1 + int(commission.level is not RegionLevel.PROVINCE)}")
            end = start + 2
            if end >= world.today:
                return None
            id_ = world.sink.node(
                NodeKind.Training,
                f"training:{commission.id.removeprefix('agency:')}:{y}",
                {
                    "title": f"{y}年{commission.name}执法监督业务培训班",
                    "held_on": iso(start),
                    "ended_on": iso(end),
                    "level": commission.level.name,
                    "hours": HOURS[commission.level],
                    "region_code": commission.code,
                    "topic": "执法监督、案件评查与“三个规定”",
                },
            )
            world.sink.rel(RelType.ORGANIZED_BY, id_, commission.id)
            trainings[key] = (id_, end)
        return trainings[key]

    def attend(official: str, commission: Agency, after: int) -> int | None:
        """The official takes the commission's first training after ``after``; its last day."""
        for y in range(max(FIRST_YEAR, year(after) + 1), year(world.today) + 1):
            found = training(commission, y)
            if found is not None:
                id_, end = found
                hours = HOURS[commission.level]
                world.sink.rel(RelType.TRAINED, official, id_, {"hours": hours, "passed": True})
                return end
        return None

    for official, agency, joined, reviews in world.pool_members:
        commission = world.agencies.get((agency.code, AgencyKind.COMMISSION))
        if commission is None or commission.level is not agency.level:
            continue  # its pool level stays undated
        rng = random.Random(f"pool:{official}")
        ended = attend(official, commission, joined)
        if ended is None:
            continue
        since = min(ended + 1 + int(rng.random() * 60), world.today)
        props = {"level": commission.level.name, "valid_from": iso(since)}
        up = commission is not province and rng.random() < MOVE_UP_SHARE
        higher = attend(official, province, since) if up else None
        if higher is not None and higher + 1 < world.today:
            moved = higher + 1
            world.sink.rel(
                RelType.IN_POOL, official, commission.id,
                {**props, "valid_to": iso(moved - 1), "reason": f"转入{province.name}"}, iso(since),
            )  # fmt: skip
            props = {"level": RegionLevel.PROVINCE.name, "valid_from": iso(moved)}
            commission, since = province, moved
        if not reviews and rng.random() < LEAVE_SHARE and since + 30 < world.today:
            left = since + 30 + int(rng.random() * (world.today - since - 30))
            props |= {"valid_to": iso(left), "reason": "调离执法监督岗位"}
        world.sink.rel(RelType.IN_POOL, official, commission.id, props, str(props["valid_from"]))
        record = people.get(official)
        if record is not None:
            if "valid_to" in props:
                record.props.pop("pool_level", None)
            else:
                record.props["pool_level"] = commission.level.name
