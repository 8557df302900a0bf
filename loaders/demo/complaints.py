"""Complaints (涉法涉诉信访) about cases, their petitioners, and the clearance (澄清正名) that
follows a complaint against an officer found false.

Time limits as in DOMAIN.md: acceptance decided within 15 days (one in twenty late),
handling finished within 60 days, 90 when extended. Most petitioners file once; now and then
the last petitioner of a county files again, up to four complaints in all, and a few cases
draw three complaints, so that natural data reaches the repeat-petition threshold (three)
beside the planted petitioner, who files eight.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.model.enums import (
    AgencyKind,
    ComplaintChannel,
    ComplaintStatus,
    NodeKind,
    OfficialRole,
    PartyRole,
    RelType,
)
from graph.model.records import Props
from loaders.demo.cases import Case
from loaders.demo.days import between, iso, year
from loaders.demo.pick import Weighted, number, one_of
from loaders.demo.staff import emit_person, link_party
from loaders.demo.vocab import COMPLAINT_DEMANDS, COMPLAINT_OBJECTS
from loaders.demo.world import World

C, St = ComplaintChannel, ComplaintStatus
CHANNELS = Weighted(
    [(C.VISIT, 25), (C.LETTER, 15), (C.ONLINE, 35), (C.PHONE, 10), (C.REFERRAL, 15)]
)
OUTCOMES = Weighted([(St.RESOLVED, 60), (St.CORRECTED, 8), (St.TERMINATED, 32)])
FOUND_FALSE = 0.035
AGAIN_SHARE, MOST_COMPLAINTS = 0.08, 4  # a petitioner files again; at most this many in all


@dataclass
class Complaint:
    case: Case
    petitioner: str
    received: int
    against: str
    assigned: str
    channel: ComplaintChannel = C.ONLINE
    status: ComplaintStatus = St.REGISTERED
    accepted: int | None = None
    finished: int | None = None
    extended: bool = False
    found_false: bool = False


def complaint_count(world: World) -> int:
    r = world.rng.random()
    return 1 if r < 0.25 else 2 if r < 0.275 else 3 if r < 0.277 else 0


def new_petitioner(world: World, region: str) -> str:
    return emit_person(world, OfficialRole.PARTY, region, born=(1950, 2000))


def _petitioner(world: World, region: str) -> str:
    known = world.petitioners.get(region)
    if known is not None and known[1] < MOST_COMPLAINTS and world.rng.random() < AGAIN_SHARE:
        world.petitioners[region] = (known[0], known[1] + 1)
        return known[0]
    id_ = new_petitioner(world, region)
    world.petitioners[region] = (id_, 1)
    return id_


def settle(world: World, complaint: Complaint) -> None:
    """Status and dates from the time limits, as of the reference date."""
    rng, today, received = world.rng, world.today, complaint.received
    if received + 15 > today:
        return
    if rng.random() < 0.08:
        complaint.status, complaint.finished = St.NOT_ACCEPTED, received + number(rng, 3, 15)
        return
    accepted = received + (number(rng, 16, 25) if rng.random() < 0.05 else number(rng, 1, 15))
    if accepted > today:
        return
    complaint.accepted, complaint.status = accepted, St.ACCEPTED
    complaint.extended = rng.random() < 0.1
    finished = accepted + number(rng, 20, 90 if complaint.extended else 60)
    if finished > today:
        complaint.status = St.HANDLING if today - accepted > 5 else St.ACCEPTED
        return
    complaint.finished, complaint.status = finished, OUTCOMES.pick(rng)
    if complaint.status is not St.CORRECTED and rng.random() < FOUND_FALSE:
        complaint.found_false, complaint.status = True, St.TERMINATED


def draw_complaint(world: World, case: Case) -> Complaint:
    rng = world.rng
    received = case.filed + number(rng, 20, 400)
    if received > world.today:
        received = between(rng, case.filed, world.today)
    officer = case.handlers[0][0]
    commission = world.agencies.get((case.region, AgencyKind.COMMISSION), case.agency)
    complaint = Complaint(
        case,
        _petitioner(world, case.region),
        received,
        against=officer if rng.random() < 0.4 else case.agency.id,
        assigned=commission.id if rng.random() < 0.3 else case.agency.id,
        channel=CHANNELS.pick(rng),
    )
    settle(world, complaint)
    return complaint


def emit_complaint(world: World, c: Complaint) -> str:
    rng, sink, region = world.rng, world.sink, c.case.region
    y = year(c.received)
    id_ = world.next_id("complaint")
    props: Props = {
        "number": f"XF{y}{region}{world.next_number(f'xf|{region}|{y}'):06d}",
        "channel": c.channel.name,
        "status": c.status.name,
        "received_on": iso(c.received),
        "region_code": region,
        "summary": f"不服{c.case.cause}一案的{one_of(rng, COMPLAINT_OBJECTS)},"
        f"要求{one_of(rng, COMPLAINT_DEMANDS)}",
        "extended": c.extended,
        "found_false": c.found_false,
    }
    if c.accepted is not None:
        props["accepted_on"] = iso(c.accepted)
    if c.finished is not None:
        props["finished_on"] = iso(c.finished)
    sink.node(NodeKind.Complaint, id_, props)
    sink.rel(RelType.FILED, c.petitioner, id_, {"valid_from": iso(c.received)})
    sink.rel(RelType.CONCERNS, id_, c.case.id)
    link_party(world, c.petitioner, c.case.id, PartyRole.PETITIONER, iso(c.received))
    sink.rel(RelType.AGAINST, id_, c.against)
    sink.rel(RelType.ASSIGNED_TO, id_, c.assigned)
    if c.found_false and c.finished is not None and c.against.startswith("official:"):
        decided = c.finished + number(rng, 10, 60)
        if decided <= world.today:
            clearance = world.next_id("clearance")
            sink.node(
                NodeKind.Clearance,
                clearance,
                {
                    "decided_on": iso(decided),
                    "region_code": region,
                    "description": "经核查,信访反映办案人员的问题不属实,依法予以澄清正名",
                },
            )
            sink.rel(RelType.CLEARS, clearance, c.against)
            sink.rel(RelType.FOLLOWS, clearance, id_)
    return id_
