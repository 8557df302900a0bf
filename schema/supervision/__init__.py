"""Case supervision (督办) and what a supervisor watches, over ``workflows.supervision``.

- ``cases``: 立项督办, its moves, the listed and key-attention items (``SupervisionItem``);
- ``alerts``: what to put under supervision (repeat petitions, units that never report);
- ``deadlines``: items warned or overdue, overdue units, and the ``deadlineAlerts``
  subscription;
- ``clearance``: petitions found false, officials cleared (澄清正名);
- ``coordination``: what a coordination (案件协调) agreed.
"""

from __future__ import annotations

from schema.fields import RootField
from schema.supervision import alerts, cases, clearance, coordination, deadlines

QUERY: tuple[RootField, ...] = (
    cases.attention_list,
    alerts.repeat_petitions,
    deadlines.deadline_entries,
    deadlines.overdue_units,
    deadlines.my_work,
    alerts.silent_units,
    clearance.cleared_officials,
)
MUTATION: tuple[RootField, ...] = (
    cases.open_supervision,
    cases.move_supervision,
    clearance.find_false,
    coordination.record_coordination,
)
SUBSCRIPTION: tuple[RootField, ...] = (deadlines.deadline_alerts,)
