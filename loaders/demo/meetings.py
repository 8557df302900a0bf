"""Joint meetings and notifications.

执法监督联席会议: each year the provincial and every prefectural commission convene their
region's units; the meeting DECIDED the unit-level actions led from that region that year.
川渝政法合作联席会议: yearly from 2020, alternately in Chongqing and Chengdu, attended by both
sides' commissions and departments; it DECIDED the agreements signed in the following year.
Notifications (通报) to 人大, 政协 and the media REPORTS_ON what was found in the region.
"""

from __future__ import annotations

from graph.model.enums import AgencyKind, MeetingKind, NodeKind, Recipient, RelType
from graph.model.records import Props
from loaders.demo.agencies import COORDINATED
from loaders.demo.agreements import ONE
from loaders.demo.days import iso, ordinal, year
from loaders.demo.pick import number, one_of
from loaders.demo.regions import CHONGQING, SICHUAN
from loaders.demo.vocab import MEETING_DECISIONS
from loaders.demo.world import Agency, World

K = AgencyKind
FEEDBACK = (
    "已转交相关专门委员会研究",
    "建议加强类案指引",
    "已在相关报道中采用",
    "请持续通报整改进展",
)


def _meeting(
    world: World,
    id_: str,
    props: Props,
    attendees: list[Agency],
    decided: list[str],
    under: str | None = None,
) -> None:
    sink, rng = world.sink, world.rng
    chosen = sorted(rng.sample(range(len(MEETING_DECISIONS)), number(rng, 2, 3)))
    props["decisions"] = [MEETING_DECISIONS[i] for i in chosen]
    sink.node(NodeKind.JointMeeting, id_, props)
    held = ordinal(props["held_on"])
    for agency in attendees:
        sink.rel(RelType.ATTENDED_BY, id_, agency.id)
        if agency.kind is K.COMMISSION:
            sink.rel(RelType.ATTENDED_BY, id_, agency.head_at(held))
    for target in decided:
        sink.rel(RelType.DECIDED, id_, target)
    if under:
        sink.rel(RelType.UNDER, id_, under)


def _convenors(world: World) -> list[str]:
    return [SICHUAN, *(c.code for c in world.geo.cities)]


def emit_meetings(world: World) -> None:
    rng, last = world.rng, year(world.today)
    for code in _convenors(world):
        units = [world.agency(code, k) for k in (K.COMMISSION, *COORDINATED)]
        for y in range(2019, last + 1):
            held = ordinal(f"{y}-02-15") + number(rng, 0, 40)
            if held > world.today:
                continue
            props: Props = {
                "title": f"{y}年{world.geo.full_name(code)}执法监督联席会议",
                "kind": MeetingKind.SUPERVISION.name,
                "held_on": iso(held),
                "region_code": code,
                "agenda": "通报上年度执法监督情况,部署本年度执法监督重点工作",
            }
            decided = world.unit_actions.get((code, y), [])[:3]
            _meeting(world, f"meeting:SUPERVISION:{code}:{y}", props, units, decided)
    sides = [world.agency(p, k) for p in (SICHUAN, CHONGQING) for k in (K.COMMISSION, *COORDINATED)]
    for y in range(2020, last + 1):
        held = ordinal(f"{y}-06-10") + number(rng, 0, 60)
        if held > world.today:
            continue
        host = CHONGQING if y % 2 == 0 else SICHUAN
        props = {
            "title": f"{y}年川渝政法合作联席会议",
            "kind": MeetingKind.COOPERATION.name,
            "held_on": iso(held),
            "region_code": host,
            "agenda": "深化“1+n”协作制度体系,提升区域一体化执法司法水平",
        }
        decided = [a for signed, a in world.agreements if held < signed <= held + 365][:5]
        under = ONE if ordinal("2021-01-01") <= held else None
        _meeting(world, f"meeting:COOPERATION:{y}", props, sides, decided, under)


def emit_notifications(world: World) -> None:
    rng, sink = world.rng, world.sink
    recipients = list(Recipient)
    for n, code in enumerate(_convenors(world)):
        bodies = {
            Recipient.CONGRESS: world.agency(code, K.CONGRESS),
            Recipient.CPPCC: world.agency(code, K.CPPCC),
            Recipient.MEDIA: world.by_id[f"agency:{SICHUAN}:MEDIA"],
        }
        for y in range(2019, year(world.today) + 1):
            reports = (
                world.reportable.get((code, y), []) or world.unit_actions.get((code, y), [])[:1]
            )
            sent = ordinal(f"{y}-12-01") + number(rng, 0, 27)
            if not reports or sent > world.today:
                continue
            chosen = recipients if code == SICHUAN else [recipients[(n + y) % len(recipients)]]
            for recipient in chosen:
                id_ = f"notification:{code}:{y}:{recipient.name}"
                props: Props = {
                    "subject": f"{y}年{world.geo.full_name(code)}执法监督工作情况通报",
                    "recipient": recipient.name,
                    "sent_on": iso(sent),
                    "region_code": code,
                }
                answered = sent + number(rng, 10, 60)
                if rng.random() < 0.6 and answered <= world.today:
                    props["feedback"] = one_of(rng, FEEDBACK)
                    props["feedback_on"] = iso(answered)
                sink.node(NodeKind.Notification, id_, props)
                sink.rel(RelType.SENT_TO, id_, bodies[recipient].id)
                for item in reports:
                    sink.rel(RelType.REPORTS_ON, id_, item)
