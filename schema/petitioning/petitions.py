"""Petitions about cases (涉法涉诉信访): registration, the lifecycle with its time limits (15
days to accept, 60 to finish, once 30 more), and the petitions about a case, over
``workflows.petitioning.petitions``."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import ComplaintChannel, NodeKind
from schema.context import Info
from schema.fields import mutation, query
from schema.generic.enums import LABELED, MOVES, code
from schema.generic.inputs import expect_id, expect_one_of, given, optional_id
from schema.generic.nodes import TYPES
from schema.objects import IDS, list_of, maybe, output
from schema.results import alert_name, ids, one_id, shown
from workflows.petitioning import petitions

ACCUSABLE = (NodeKind.Agency, NodeKind.Official)

PetitionClock = output(
    "PetitionClock",
    "信访时限: the limits of a petition — decide on acceptance by `acceptBy` (15 days from "
    "receipt), finish by `finishBy` (60 days from acceptance, 90 once extended); `due` is "
    "the limit running now, `alert` where it stands on the day asked.",
    accept_by=str,
    finish_by=maybe(str),
    accepted_late=bool,
    finished_late=bool,
    due=maybe(str),
    alert=maybe(str),
)
PetitionItem = output(
    "PetitionItem",
    "涉法涉诉信访: a petition, its time limits, who filed it and the cases it is about.",
    complaint=TYPES[NodeKind.Complaint],
    clock=PetitionClock,
    petitioner_id=maybe(strawberry.ID),
    case_ids=IDS,
)


def petition_item(info: Info, item: petitions.PetitionItem) -> Any:
    c = item.clock
    return PetitionItem(
        complaint=shown(info, item.complaint),
        clock=PetitionClock(
            accept_by=c.accept_by,
            finish_by=c.finish_by,
            accepted_late=c.accepted_late,
            finished_late=c.finished_late,
            due=c.due,
            alert=alert_name(c.alert),
        ),
        petitioner_id=one_id(NodeKind.Official, item.petitioner_id),
        case_ids=ids(NodeKind.Case, item.case_ids),
    )


@query(
    "涉法涉诉信访: the petitions about a case, oldest first, with their time limits on `today`.",
    returns=list_of(PetitionItem),
)
async def petitions_of_case(info: Info, case_id: strawberry.ID, today: str) -> Any:
    found = await info.context.call(
        petitions.petitions_of_case,
        case_id=expect_id(case_id, NodeKind.Case.name, "case_id"),
        today=today,
    )
    return [petition_item(info, p) for p in found]


@mutation(
    "登记: register a petition received on a day (not after today) in a region of your "
    "jurisdiction, by a petitioner, about a case (which becomes petition-related), against "
    "agencies or officials, handled by a unit.",
    returns=PetitionItem,
    channel=LABELED[ComplaintChannel],
)
async def register_petition(
    info: Info,
    number: str,
    channel: Any,
    region_code: str,
    received_on: str,
    petitioner_id: strawberry.ID,
    summary: str | None = UNSET,
    case_id: strawberry.ID | None = UNSET,
    against_ids: list[strawberry.ID] | None = UNSET,
    assigned_to_id: strawberry.ID | None = UNSET,
) -> Any:
    item = await info.context.call(
        petitions.register_petition,
        number=number,
        channel=code(channel),
        region_code=region_code,
        received_on=received_on,
        petitioner_id=expect_id(petitioner_id, NodeKind.Official.name, "petitioner_id"),
        summary=given(summary),
        case_id=optional_id(case_id, NodeKind.Case, "case_id"),
        against_ids=[
            expect_one_of(value, ACCUSABLE, f"against_ids.{i}")
            for i, value in enumerate(given(against_ids) or ())
        ],
        assigned_to_id=optional_id(assigned_to_id, NodeKind.Agency, "assigned_to_id"),
    )
    return petition_item(info, item)


@mutation(
    "A step of the petition lifecycle dated today (ACCEPT sets acceptedOn, the endings "
    "finishedOn); a move the state refuses: INVALID_TRANSITION; a stale `version`: CONFLICT.",
    returns=PetitionItem,
    move=MOVES[NodeKind.Complaint],
)
async def move_petition(
    info: Info, id: strawberry.ID, version: int, move: Any, note: str | None = UNSET
) -> Any:
    item = await info.context.call(
        petitions.move_petition,
        spelled={"complaint_id": "id"},
        complaint_id=expect_id(id, NodeKind.Complaint.name),
        version=version,
        move=code(move),
        note=given(note),
    )
    return petition_item(info, item)


@mutation(
    "延期: extend the 60-day limit by 30 days, once, while accepted or in hand and before the "
    "limit has passed (a second extension: INVALID_TRANSITION).",
    returns=PetitionItem,
)
async def extend_petition(info: Info, id: strawberry.ID, version: int, reason: str) -> Any:
    item = await info.context.call(
        petitions.extend_petition,
        spelled={"complaint_id": "id"},
        complaint_id=expect_id(id, NodeKind.Complaint.name),
        version=version,
        reason=reason,
    )
    return petition_item(info, item)
