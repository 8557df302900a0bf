"""What to put under supervision: the alerts that point a supervisor at cases and units,
over use cases of ``workflows.petitioning``.

- ``repeatPetitions``: one petitioner, or one case, coming back again and again — the typical
  petition cases for 挂牌督办 (``workflows.petitioning.petitions``);
- ``silentUnits``: case-handling units that never report an intervention (零报告), whose
  silence is itself a matter to look into (``workflows.petitioning.interventions``).
"""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import NodeKind
from schema.context import Info
from schema.fields import query
from schema.generic.inputs import given
from schema.generic.nodes import TYPES
from schema.objects import IDS, list_of, output
from schema.results import ids, one_id, shown
from workflows.petitioning import interventions, petitions

RepeatGroup = output(
    "RepeatGroup",
    "重复信访: petitions by one petitioner (by = petitioner) or about one case (by = case).",
    by=str,
    key_id=strawberry.ID,
    complaint_ids=IDS,
    agency_ids=IDS,
    first_received=str,
    last_received=str,
    span_days=int,
)
SilentUnit = output(
    "SilentUnit",
    "零报告: a case-handling unit that has never recorded an intervention.",
    agency=TYPES[NodeKind.Agency],
    case_count_at_least=int,
)


@query(
    "重复信访: petitioners and cases with repeated petitions, largest first.",
    returns=list_of(RepeatGroup),
)
async def repeat_petitions(info: Info, since: str | None = UNSET) -> Any:
    found = await info.context.call(petitions.repeat_petitions, since=given(since))
    return [
        RepeatGroup(
            by=g.by,
            key_id=one_id(NodeKind.Official if g.by == "petitioner" else NodeKind.Case, g.key_id),
            complaint_ids=ids(NodeKind.Complaint, g.complaint_ids),
            agency_ids=ids(NodeKind.Agency, g.agency_ids),
            first_received=g.first_received,
            last_received=g.last_received,
            span_days=g.span_days,
        )
        for g in found
    ]


@query(
    "零报告: case-handling units that never recorded an intervention.",
    returns=list_of(SilentUnit),
)
async def silent_units(info: Info, today: str) -> Any:
    found = await info.context.call(interventions.silent_units, today=today)
    return [
        SilentUnit(agency=shown(info, u.agency), case_count_at_least=u.case_count_at_least)
        for u in found
    ]
