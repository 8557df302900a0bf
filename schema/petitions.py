"""Petitions about cases (涉法涉诉信访) as Query and Mutation fields: registration, the
lifecycle with its time limits (15 days to accept, 60 to finish, once 30 more), and the
petitions about a case."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import ComplaintChannel, NodeKind
from schema.generic.enums import LABELED, MOVES, code
from schema.generic.inputs import expect_id, given
from schema.generic.nodes import TYPES, annotate, list_of, maybe
from schema.guards import about, acting, expect_one_of
from schema.usecases import IDS, Info, alert_name, ids, one_id, output, shown, writing
from workflows import petitions
from workflows.access import Permission

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


def _optional_id(value: Any, type_name: str, field: str) -> str | None:
    present = given(value)
    return None if present is None else expect_id(present, type_name, field)


def _accused(values: Any) -> list[str]:
    """The store ids of the agencies and officials a petition accuses."""
    return [
        expect_one_of(value, ACCUSABLE, f"againstIds.{i}")
        for i, value in enumerate(given(values) or ())
    ]


async def _register_petition(
    root: Any,
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
        acting(
            petitions.register_petition,
            Permission.WRITE,
            seen=("petitioner_id", "case_id", "against_ids", "assigned_to_id"),
            creates=(NodeKind.Complaint, "region_code"),
        ),
        number=number,
        channel=code(channel),
        region_code=region_code,
        received_on=received_on,
        petitioner_id=expect_id(petitioner_id, NodeKind.Official.name, "petitionerId"),
        summary=given(summary),
        case_id=_optional_id(case_id, NodeKind.Case.name, "caseId"),
        against_ids=_accused(against_ids),
        assigned_to_id=_optional_id(assigned_to_id, NodeKind.Agency.name, "assignedToId"),
    )
    return petition_item(info, item)


async def _move_petition(
    root: Any, info: Info, id: strawberry.ID, version: int, move: Any, note: str | None = UNSET
) -> Any:
    item = await info.context.call(
        writing(petitions.move_petition, Permission.TRANSITION, "complaint_id"),
        complaint_id=expect_id(id, NodeKind.Complaint.name),
        version=version,
        move=code(move),
        note=given(note),
    )
    return petition_item(info, item)


async def _extend_petition(
    root: Any, info: Info, id: strawberry.ID, version: int, reason: str
) -> Any:
    item = await info.context.call(
        writing(petitions.extend_petition, Permission.TRANSITION, "complaint_id"),
        complaint_id=expect_id(id, NodeKind.Complaint.name),
        version=version,
        reason=reason,
    )
    return petition_item(info, item)


async def _petitions_of_case(
    root: Any, info: Info, case_id: strawberry.ID, today: str
) -> list[Any]:
    found = await info.context.call(
        about(petitions.petitions_of_case, "case_id"),
        case_id=expect_id(case_id, NodeKind.Case.name, "caseId"),
        today=today,
    )
    access = info.context.access
    return [petition_item(info, p) for p in found if access.can_see(p.complaint)]


def query_fields() -> dict[str, Any]:
    return {
        "petitions_of_case": strawberry.field(
            resolver=annotate(
                _petitions_of_case,
                list_of(PetitionItem),
                root=Any,
                info=strawberry.Info,
                case_id=strawberry.ID,
                today=str,
            ),
            description="涉法涉诉信访: the petitions about a case, oldest first, with their "
            "time limits on `today`.",
        ),
    }


def mutation_fields() -> dict[str, Any]:
    return {
        "register_petition": strawberry.field(
            resolver=annotate(
                _register_petition,
                PetitionItem,
                root=Any,
                info=strawberry.Info,
                number=str,
                channel=LABELED[ComplaintChannel],
                region_code=str,
                received_on=str,
                petitioner_id=strawberry.ID,
                summary=maybe(str),
                case_id=maybe(strawberry.ID),
                against_ids=maybe(list_of(strawberry.ID)),
                assigned_to_id=maybe(strawberry.ID),
            ),
            description="登记: register a petition received on a day (not after today) in a "
            "region of your jurisdiction, by a petitioner, about a case (which becomes "
            "petition-related), against agencies or officials, handled by a unit.",
        ),
        "move_petition": strawberry.field(
            resolver=annotate(
                _move_petition,
                PetitionItem,
                root=Any,
                info=strawberry.Info,
                id=strawberry.ID,
                version=int,
                move=MOVES[NodeKind.Complaint],
                note=maybe(str),
            ),
            description="A step of the petition lifecycle dated today (ACCEPT sets acceptedOn, "
            "the endings finishedOn); a move the state refuses: INVALID_TRANSITION; a stale "
            "`version`: CONFLICT.",
        ),
        "extend_petition": strawberry.field(
            resolver=annotate(
                _extend_petition,
                PetitionItem,
                root=Any,
                info=strawberry.Info,
                id=strawberry.ID,
                version=int,
                reason=str,
            ),
            description="延期: extend the 60-day limit by 30 days, once, while accepted or in "
            "hand and before the limit has passed (a second extension: INVALID_TRANSITION).",
        ),
    }
