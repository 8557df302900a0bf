"""The demo dataset: real regions and agencies, synthetic people and casework, planted
patterns; deterministic by seed and scalable from a thousand to a million cases.

    for batch in generate(cases=100_000):
        store.write(batch)

The same (cases, seed, today) gives the same records in the same order. Records stream out
in batches of about ``BATCH_SIZE``: memory holds the reference data (regions, agencies and
their staff) and the batch in progress, never the dataset. docs/demo-data.md describes it.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from tqdm import tqdm

from graph.blobs import BlobStore
from graph.model.enums import NodeKind, RelType
from graph.store import Batch, GraphStore
from loaders.demo.actions import emit_campaigns
from loaders.demo.agencies import emit_agencies, emit_regions
from loaders.demo.agreements import emit_agreements
from loaders.demo.cases import CaseDraw, emit_case
from loaders.demo.casework import supervise_case
from loaders.demo.complaints import complaint_count, draw_complaint, emit_complaint
from loaders.demo.indicators import emit_indicators
from loaders.demo.inspections import UnitFindings, emit_joint_actions, emit_unit_actions
from loaders.demo.interventions import natural_intervention
from loaders.demo.meetings import emit_meetings, emit_notifications
from loaders.demo.patterns import PlantedPattern
from loaders.demo.planted import PLANTED_CASES, Planter
from loaders.demo.staff import emit_staff
from loaders.demo.training import emit_training
from loaders.demo.world import World

DEFAULT_SEED = 20210701
DEFAULT_TODAY = "2024-12-31"
BATCH_SIZE = 10_000


class DemoData:
    """One generation run; ``planted`` is complete once ``batches()`` is exhausted."""

    def __init__(self, *, cases: int, seed: int = DEFAULT_SEED, today: str = DEFAULT_TODAY) -> None:
        self.world = World(cases=cases, seed=seed, today=today)
        self.planter = Planter(self.world)

    @property
    def planted(self) -> list[PlantedPattern]:
        return self.planter.patterns

    def take_files(self) -> dict[str, bytes]:
        """The files of the records generated so far and not yet taken, by SHA-256."""
        files, self.world.files = self.world.files, {}
        return files

    def batches(self) -> Iterator[Batch]:
        sink = self.world.sink
        for _ in self._steps():
            while len(sink) >= BATCH_SIZE:
                yield sink.take(BATCH_SIZE)
        while len(sink):
            yield sink.take(BATCH_SIZE)

    def _steps(self) -> Iterator[None]:
        world, planter = self.world, self.planter
        emit_regions(world)
        emit_agencies(world)
        planter.people()
        emit_staff(world)
        emit_training(world)
        planter.posts()
        yield
        emit_indicators(world)
        emit_agreements(world)
        emit_campaigns(world)
        planter.reserve()
        findings = UnitFindings()
        emit_unit_actions(world, findings)
        emit_joint_actions(world, findings)
        emit_meetings(world)
        yield
        draw = CaseDraw(world)
        for _ in range(world.scale.cases - PLANTED_CASES):
            case = draw.draw()
            complaints = complaint_count(world)
            case.flags["petition_related"] = complaints > 0
            emit_case(world, case)
            ids = [emit_complaint(world, draw_complaint(world, case)) for _ in range(complaints)]
            supervise_case(world, case, ids)
            natural_intervention(world, case)
            planter.observe(case)
            yield
        planter.plant(draw)
        emit_notifications(world)
        yield


def generate(
    *, cases: int, seed: int = DEFAULT_SEED, today: str = DEFAULT_TODAY
) -> Iterator[Batch]:
    """The demo dataset as store batches; relationships come after their endpoints."""
    return DemoData(cases=cases, seed=seed, today=today).batches()


def planted_patterns(
    *, cases: int, seed: int = DEFAULT_SEED, today: str = DEFAULT_TODAY
) -> list[PlantedPattern]:
    """The patterns planted in the dataset of these parameters, with their ids."""
    data = DemoData(cases=cases, seed=seed, today=today)
    for _ in data.batches():
        pass
    return data.planted


@dataclass(frozen=True)
class DemoReport:
    cases: int
    seed: int
    today: str
    nodes: dict[NodeKind, int]
    rels: dict[RelType, int]
    seconds: float
    planted: list[PlantedPattern]

    def __str__(self) -> str:
        lines = [
            f"Demo dataset: {self.cases:,} cases (seed {self.seed}, reference date {self.today}): "
            f"{sum(self.nodes.values()):,} nodes and {sum(self.rels.values()):,} relationships "
            f"written in {self.seconds:.1f} s"
        ]
        lines += [f"  {k.name:<20}{n:>10,}  {k.label}" for k, n in self.nodes.items()]
        lines.append("Planted patterns (docs/demo-data.md):")
        lines += [f"  {p.name:<32}{p.ids[0]}" for p in self.planted]
        return "\n".join(lines)

    def as_json(self) -> dict[str, object]:
        """The report for machines (``jiandu demo --json``)."""
        return {
            "cases": self.cases,
            "seed": self.seed,
            "today": self.today,
            "nodes": {k.name: n for k, n in self.nodes.items()},
            "relationships": {t.name: n for t, n in self.rels.items()},
            "seconds": round(self.seconds, 3),
            "planted": {p.name: list(p.ids) for p in self.planted},
        }


def write_demo(
    store: GraphStore,
    *,
    cases: int,
    seed: int = DEFAULT_SEED,
    today: str = DEFAULT_TODAY,
    progress: bool = False,
    blobs: BlobStore | None = None,
) -> DemoReport:
    """Generate the demo dataset into ``store`` with ``write_many``: in one transaction on a
    store that can, otherwise batch by batch; the files on record into ``blobs``, each
    before the batch that describes it."""
    started = time.perf_counter()
    data = DemoData(cases=cases, seed=seed, today=today)
    nodes: Counter[NodeKind] = Counter()
    rels: Counter[RelType] = Counter()
    with tqdm(desc="demo", unit=" records", disable=not progress) as bar:

        def counted() -> Iterator[Batch]:
            for batch in data.batches():
                for content in data.take_files().values():
                    if blobs is not None:
                        blobs.put(content)
                yield batch
                nodes.update(n.kind for n in batch.nodes)
                rels.update(r.type for r in batch.rels)
                bar.update(len(batch.nodes) + len(batch.rels))

        store.write_many(counted())
    return DemoReport(
        cases,
        seed,
        today,
        {k: nodes[k] for k in NodeKind},
        {t: rels[t] for t in RelType},
        time.perf_counter() - started,
        data.planted,
    )
