"""The timeline of the cooperation: agreements signed, joint meetings held and
Sichuan–Chongqing joint actions started, in date order."""

from __future__ import annotations

from dataclasses import dataclass

from graph.model.enums import Labeled
from graph.store import GraphStore
from reports.activity import ActionView, MeetingView, joint_actions, meetings
from reports.agreements import AgreementNetwork
from reports.period import Period


class EventKind(Labeled):
    AGREEMENT = "签署协议"
    MEETING = "召开联席会议"
    ACTION = "川渝联合监督"


@dataclass(frozen=True)
class TimelineEvent:
    day: str
    kind: EventKind
    id: str
    title: str
    detail: str


def build_timeline(
    network: AgreementNetwork,
    held: list[MeetingView],
    actions: list[ActionView],
    period: Period,
) -> list[TimelineEvent]:
    events = [
        TimelineEvent(a.signed_on, EventKind.AGREEMENT, a.id, a.title, a.tier.label)
        for a in network.signed_in(period)
    ]
    events += [
        TimelineEvent(m.held_on, EventKind.MEETING, m.id, m.title, m.kind.label) for m in held
    ]
    events += [
        TimelineEvent(a.started_on or "", EventKind.ACTION, a.id, a.title, a.kind.label)
        for a in actions
        if a.cross_region
    ]
    return sorted(events, key=lambda e: (e.day, e.kind.name, e.id))


def timeline(store: GraphStore, *, date_from: str, date_to: str) -> list[TimelineEvent]:
    """Agreements signed, joint meetings held and joint actions started in the period."""
    period = Period.parse(date_from, date_to)
    network = AgreementNetwork.load(store)
    geo = network.geography
    return build_timeline(
        network, meetings(store, geo, period), joint_actions(store, geo, period), period
    )
