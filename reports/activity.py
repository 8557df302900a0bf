"""What the cooperation did in a period: joint meetings and their decisions, joint
supervision actions, and mutual recognitions of findings (监督结果互认)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from graph.model.enums import ActionKind, ActionStatus, MeetingKind, NodeKind, RelType
from graph.model.records import Node
from graph.store import Direction, GraphStore
from reports.areas import AgencyRef, Geography, Side, side_of
from reports.period import Period
from reports.source import all_nodes, all_rels, linked


@dataclass(frozen=True)
class MeetingView:
    id: str
    title: str
    kind: MeetingKind
    held_on: str
    region_code: str
    host: str
    attendees: tuple[AgencyRef, ...]
    decisions: tuple[str, ...]
    decided_agreements: tuple[str, ...]
    decided_actions: tuple[str, ...]
    under: tuple[str, ...]


def meetings(store: GraphStore, geo: Geography, period: Period) -> list[MeetingView]:
    """Joint meetings held in the period, by date."""
    held = [n for n in all_nodes(store, NodeKind.JointMeeting) if period.contains(n.get("held_on"))]
    types = (RelType.ATTENDED_BY, RelType.DECIDED, RelType.UNDER)
    links = linked(store, [n.id for n in held], types, Direction.OUT)
    out = []
    for node in held:
        targets: dict[RelType, list[Node]] = defaultdict(list)
        for n in links.get(node.id, []):
            targets[n.rel.type].append(n.node)
        decided = targets[RelType.DECIDED]
        code = str(node.get("region_code"))
        out.append(
            MeetingView(
                id=node.id,
                title=str(node.get("title")),
                kind=MeetingKind.parse(node.get("kind")),
                held_on=str(node.get("held_on")),
                region_code=code,
                host=geo.name(code),
                attendees=tuple(
                    geo.agencies[n.id] for n in targets[RelType.ATTENDED_BY] if n.id in geo.agencies
                ),
                decisions=tuple(node.get("decisions") or ()),
                decided_agreements=_ids(decided, NodeKind.Agreement),
                decided_actions=_ids(decided, NodeKind.SupervisionAction),
                under=_ids(targets[RelType.UNDER], NodeKind.Agreement),
            )
        )
    return sorted(out, key=lambda m: (m.held_on, m.id))


def _ids(nodes: list[Node], kind: NodeKind) -> tuple[str, ...]:
    return tuple(sorted(n.id for n in nodes if n.kind is kind))


@dataclass(frozen=True)
class ActionView:
    id: str
    title: str
    kind: ActionKind
    status: ActionStatus
    started_on: str | None
    ended_on: str | None
    region_code: str
    conductors: tuple[AgencyRef, ...]
    under: tuple[str, ...]
    findings: int

    @property
    def sides(self) -> frozenset[Side]:
        return frozenset(s for s in (a.side for a in self.conductors) if s is not None)

    @property
    def cross_region(self) -> bool:
        """Conducted by both sides, or carried out under a Sichuan–Chongqing agreement."""
        return len(self.sides) == 2 or bool(self.under)

    @property
    def side(self) -> Side | None:
        return side_of(self.region_code)


def joint_actions(store: GraphStore, geo: Geography, period: Period) -> list[ActionView]:
    """Supervision actions in the period with several conducting agencies or under an
    agreement, by start date."""
    current = [
        n
        for n in all_nodes(store, NodeKind.SupervisionAction)
        if period.overlaps(n.get("started_on"), n.get("ended_on"))
    ]
    types = (RelType.CONDUCTED_BY, RelType.UNDER, RelType.FOUND)
    links = linked(store, [n.id for n in current], types, Direction.OUT)
    out = []
    for node in current:
        targets: dict[RelType, list[str]] = defaultdict(list)
        for n in links.get(node.id, []):
            targets[n.rel.type].append(n.node.id)
        conductors = tuple(geo.agencies[i] for i in targets[RelType.CONDUCTED_BY])
        if len(conductors) < 2 and not targets[RelType.UNDER]:
            continue
        out.append(
            ActionView(
                id=node.id,
                title=str(node.get("title")),
                kind=ActionKind.parse(node.get("kind")),
                status=ActionStatus.parse(node.get("status")),
                started_on=node.get("started_on"),
                ended_on=node.get("ended_on"),
                region_code=str(node.get("region_code")),
                conductors=conductors,
                under=tuple(sorted(targets[RelType.UNDER])),
                findings=len(targets[RelType.FOUND]),
            )
        )
    return sorted(out, key=lambda a: (a.started_on or "", a.id))


@dataclass(frozen=True)
class RecognitionView:
    """A finding recognised and reused by another body or action instead of inspecting
    again."""

    finding: str
    finding_title: str
    finding_region: str
    by: str
    by_name: str
    by_region: str
    scope: str
    recognized_on: str

    @property
    def cross_region(self) -> bool:
        return side_of(self.finding_region) is not side_of(self.by_region)


def recognitions(store: GraphStore, geo: Geography, period: Period) -> list[RecognitionView]:
    """Mutual recognitions dated in the period, by date."""
    rels = [
        r for r in all_rels(store, RelType.RECOGNIZED_BY) if period.contains(r.get("recognized_on"))
    ]
    ends = store.get_nodes(sorted({r.start for r in rels} | {r.end for r in rels}))
    out = []
    for rel in rels:
        finding, by = ends.get(rel.start), ends.get(rel.end)
        if finding is None or by is None:
            continue
        agency = geo.agencies.get(by.id)
        out.append(
            RecognitionView(
                finding=finding.id,
                finding_title=str(finding.get("title")),
                finding_region=str(finding.get("region_code")),
                by=by.id,
                by_name=agency.name if agency else str(by.get("title")),
                by_region=agency.region_code if agency else str(by.get("region_code")),
                scope=str(rel.get("scope") or ""),
                recognized_on=str(rel.get("recognized_on")),
            )
        )
    return sorted(out, key=lambda r: (r.recognized_on, r.finding, r.by))
