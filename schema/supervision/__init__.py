"""Case supervision (督办) and what a supervisor watches, over ``workflows.supervision``.

- ``cases``: 立项督办, its moves, the listed and key-attention items (``SupervisionItem``);
- ``alerts``: what to put under supervision (repeat petitions, units that never report);
- ``deadlines``: items warned or overdue, overdue units, and the ``deadlineAlerts``
  subscription;
- ``clearance``: petitions found false, officials cleared (澄清正名);
- ``protection``: reports to discipline bodies with their time limit, incidents against
  officers (暴力抗法、袭警辱警), and the names cleared with them;
- ``coordination``: what a coordination (案件协调) agreed.
"""

from __future__ import annotations

from schema.fields import RootField
from schema.supervision import alerts, cases, clearance, coordination, deadlines, protection

QUERY: tuple[RootField, ...] = (
    cases.attention_list,
    alerts.repeat_petitions,
    deadlines.deadline_entries,
    deadlines.overdue_units,
    deadlines.my_work,
    alerts.silent_units,
    clearance.cleared_officials,
    protection.overdue_reports,
    protection.incidents_pending,
)
MUTATION: tuple[RootField, ...] = (
    cases.open_supervision,
    cases.move_supervision,
    clearance.find_false,
    protection.register_report,
    protection.conclude_report,
    protection.record_incident,
    protection.handle_incident,
    coordination.record_coordination,
)
SUBSCRIPTION: tuple[RootField, ...] = (deadlines.deadline_alerts,)
