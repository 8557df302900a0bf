"""The lifecycles as explicit state machines.

Each machine is a table of (state, move) → next state; a move the table lacks raises
InvalidTransition naming the machine, the state and the move.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from graph.errors import InvalidTransition
from graph.model.enums import ComplaintStatus as CS
from graph.model.enums import RectificationStatus as RS
from graph.model.enums import SupervisionStatus as SS

S = TypeVar("S", CS, RS, SS)


@dataclass(frozen=True)
class Machine(Generic[S]):
    name: str
    field: str
    initial: S
    moves: Mapping[str, str]
    table: Mapping[tuple[S, str], S]

    def allowed(self, state: S) -> tuple[str, ...]:
        return tuple(move for (s, move) in self.table if s == state)

    def apply(self, state: S, move: str) -> S:
        try:
            return self.table[(state, move)]
        except KeyError:
            raise InvalidTransition(self.name, state.name, move, self.allowed(state)) from None

    @property
    def terminal(self) -> frozenset[S]:
        sources = {s for (s, _) in self.table}
        return frozenset(t for t in self.table.values() if t not in sources)


CASE_SUPERVISION: Machine[SS] = Machine(
    name="CaseSupervision",
    field="supervision_status",
    initial=SS.PROPOSED,
    moves={
        "assign": "交办",
        "urge": "催办",
        "report_progress": "进展报告",
        "report_completion": "办结报告",
        "return": "退回重办",
        "close": "审核办结",
        "publish": "通报",
    },
    table={
        (SS.PROPOSED, "assign"): SS.ASSIGNED,
        (SS.ASSIGNED, "urge"): SS.URGED,
        (SS.ASSIGNED, "report_progress"): SS.PROGRESS_REPORTED,
        (SS.ASSIGNED, "report_completion"): SS.COMPLETION_REPORTED,
        (SS.URGED, "urge"): SS.URGED,
        (SS.URGED, "report_progress"): SS.PROGRESS_REPORTED,
        (SS.URGED, "report_completion"): SS.COMPLETION_REPORTED,
        (SS.PROGRESS_REPORTED, "urge"): SS.URGED,
        (SS.PROGRESS_REPORTED, "report_progress"): SS.PROGRESS_REPORTED,
        (SS.PROGRESS_REPORTED, "report_completion"): SS.COMPLETION_REPORTED,
        (SS.COMPLETION_REPORTED, "return"): SS.RETURNED,
        (SS.COMPLETION_REPORTED, "close"): SS.CLOSED,
        (SS.RETURNED, "urge"): SS.URGED,
        (SS.RETURNED, "report_progress"): SS.PROGRESS_REPORTED,
        (SS.RETURNED, "report_completion"): SS.COMPLETION_REPORTED,
        (SS.CLOSED, "publish"): SS.PUBLISHED,
    },
)

RECTIFICATION: Machine[RS] = Machine(
    name="Rectification",
    field="status",
    initial=RS.ISSUED,
    moves={
        "start": "开始整改",
        "submit": "提交",
        "accept": "验收通过",
        "return": "退回",
        "close": "销号",
    },
    table={
        (RS.ISSUED, "start"): RS.IN_PROGRESS,
        (RS.ISSUED, "submit"): RS.SUBMITTED,
        (RS.IN_PROGRESS, "submit"): RS.SUBMITTED,
        (RS.SUBMITTED, "accept"): RS.ACCEPTED,
        (RS.SUBMITTED, "return"): RS.RETURNED,
        (RS.RETURNED, "start"): RS.IN_PROGRESS,
        (RS.RETURNED, "submit"): RS.SUBMITTED,
        (RS.ACCEPTED, "close"): RS.CLOSED,
    },
)

COMPLAINT: Machine[CS] = Machine(
    name="Complaint",
    field="status",
    initial=CS.REGISTERED,
    moves={
        "accept": "受理",
        "reject": "不予受理",
        "handle": "办理",
        "resolve": "化解",
        "correct": "依法纠错",
        "terminate": "依法终结",
    },
    table={
        (CS.REGISTERED, "accept"): CS.ACCEPTED,
        (CS.REGISTERED, "reject"): CS.NOT_ACCEPTED,
        (CS.ACCEPTED, "handle"): CS.HANDLING,
        (CS.HANDLING, "resolve"): CS.RESOLVED,
        (CS.HANDLING, "correct"): CS.CORRECTED,
        (CS.HANDLING, "terminate"): CS.TERMINATED,
        (CS.RESOLVED, "terminate"): CS.TERMINATED,
        (CS.CORRECTED, "terminate"): CS.TERMINATED,
    },
)

for _m in (CASE_SUPERVISION, RECTIFICATION, COMPLAINT):
    assert {move for (_, move) in _m.table} == set(_m.moves), _m.name
