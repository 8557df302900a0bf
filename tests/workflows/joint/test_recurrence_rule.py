"""同类问题复发 on random ledgers: ``recurrence.recurrences`` gives what the documented rule,
applied to every pair of findings, gives; ties broken as documented (the latest earlier
finding by (found on, id); then the first unit and the first rectification by id)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from graph.adapters.embedded import EmbeddedStore
from graph.model.enums import NodeKind, RelType
from graph.model.records import Rel
from graph.model.validate import make_node
from graph.store import Batch
from tests.worlds.sample import link
from workflows.days import between, first_day
from workflows.joint import recurrence
from workflows.joint.findings import FINISHED

STATUSES = ["ISSUED", "SUBMITTED", "ACCEPTED", "CLOSED", "RETURNED"]
DAYS = [f"2024-{m:02d}-{d:02d}" for m in range(1, 13) for d in (1, 9, 17, 25)]


def _day(rng: random.Random) -> str:
    day = rng.choice(DAYS)
    return rng.choice([day, day, day, day[:7], day[:4]])  # partial dates too


def _ledger(rng: random.Random) -> Batch:
    agencies = [f"agency:{i}" for i in range(3)]
    cases = [f"case:{i}" for i in range(5)]
    nodes = [
        make_node("Agency", a, {"name": a, "kind": "COURT", "level": "COUNTY",
                                "region_code": f"51010{i}"})
        for i, a in enumerate(agencies)
    ]  # fmt: skip
    nodes += [
        make_node("Case", c, {"case_number": c, "cause": "盗窃", "kind": "CRIMINAL",
                              "stage": "FILED", "region_code": "510101"})
        for c in cases
    ]  # fmt: skip
    rels = [link("HANDLED_BY", c, rng.choice(agencies)) for c in cases]
    rels += [link("HANDLED_BY", rng.choice(cases), rng.choice(agencies)) for _ in range(2)]
    for i in range(40):
        f = f"finding:{i:02d}"
        nodes.append(
            make_node("Finding", f, {"title": f, "category": rng.choice(["SELECTIVE", "EXCESSIVE"]),
                                     "severity": "MINOR", "found_on": _day(rng),
                                     "region_code": rng.choice(["510101", "510102"])})
        )  # fmt: skip
        for target in rng.sample(agencies + cases, rng.choice([0, 1, 1, 2])):
            rels.append(link("CONCERNS", f, target))
        for k in range(rng.choice([0, 1, 1, 2])):
            r = f"rect:{i:02d}{k}"
            props = {"title": r, "status": rng.choice(STATUSES), "issued_on": _day(rng),
                     "deadline": "2025-01-01", "region_code": "510101"}  # fmt: skip
            if rng.random() < 0.6:
                props["submitted_on"] = _day(rng)
            if rng.random() < 0.3:
                props["closed_on"] = _day(rng)
            nodes.append(make_node("Rectification", r, props))
            rels.append(link("REQUIRES", f, r))
    return Batch(nodes=nodes, rels=rels)


def _rels(store: EmbeddedStore, type_: RelType) -> list[Rel]:
    return [r for chunk in store.scan_rels(type_) for r in chunk]


def reference(store: EmbeddedStore, window: int) -> list[tuple[str, str, str, str]]:
    """The rule over every pair of findings."""
    findings = {n.id: n for chunk in store.scan_nodes(NodeKind.Finding) for n in chunk}
    rects = {n.id: n for chunk in store.scan_nodes(NodeKind.Rectification) for n in chunk}
    units: dict[str, set[str]] = {f: set() for f in findings}
    fixes: dict[str, list[str]] = {f: [] for f in findings}
    handlers: dict[str, set[str]] = {}
    for rel in _rels(store, RelType.HANDLED_BY):
        handlers.setdefault(rel.start, set()).add(rel.end)
    for rel in _rels(store, RelType.CONCERNS):
        to = {rel.end} if rel.end.startswith("agency") else handlers.get(rel.end, set())
        units[rel.start] |= to
    for rel in _rels(store, RelType.REQUIRES):
        if rects[rel.end].props["status"] in FINISHED:
            fixes[rel.start].append(rel.end)

    def day(f: str) -> str:
        return first_day(str(findings[f].props["found_on"]))

    def fixed_on(r: str) -> str:
        p = rects[r].props
        return first_day(str(p.get("submitted_on") or p.get("closed_on") or p["issued_on"]))

    out = []
    for f in sorted(findings, key=lambda i: (str(findings[i].props["found_on"]), i)):
        best = None
        cat = findings[f].props["category"]
        for unit in sorted(units[f]):
            for e in findings:
                if e == f or findings[e].props["category"] != cat or unit not in units[e]:
                    continue
                if not day(e) <= day(f) or between(day(e), day(f)) > window:
                    continue
                for r in sorted(fixes[e]):
                    if fixed_on(r) < day(f):
                        if best is None or (day(e), e) > (best[0], best[1]):
                            best = (day(e), e, unit, r)
                        break
        if best is not None:
            out.append((f, best[1], best[2], best[3]))
    return out


@pytest.mark.parametrize("seed", range(6))
def test_recurrences_follow_the_rule_on_random_ledgers(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    with EmbeddedStore(tmp_path / "s") as store:
        store.write(_ledger(rng))
        seen = 0
        for window in (30, 90, 365):
            found = recurrence.recurrences(store=store, window_days=window)
            got = [(r.finding.id, r.earlier.id, r.unit_id, r.rectification_id) for r in found]
            assert got == reference(store, window)
            seen += len(got)
        assert seen > 0
