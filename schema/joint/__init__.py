"""Joint supervision (联合监督) and mutual recognition of results (监督结果互认互用).

- ``findings``: recognition, reusable findings, duplicate inspections; findings,
  rectifications, accountability;
- ``meetings``: actions, joint meetings and their follow-through, unit linkage;
- ``notices``: notifications to 人大, 政协 and the media, and their feedback;
- ``political``: political inspection rounds, checklists, feedback and 回头看;
- ``oversight``: common problems, the annual inspection plan, the joint-meeting schedule;
- ``types``: the output types and the mapping of the use cases' results onto them.
"""

from __future__ import annotations

from schema.fields import RootField
from schema.joint import escalation, findings, meetings, notices, oversight, political, standards

QUERY: tuple[RootField, ...] = (
    findings.findings_about,
    findings.reusable_findings,
    findings.duplicate_inspections,
    findings.recurrences,
    meetings.meeting_follow_through,
    meetings.unit_linkage,
    notices.awaiting_feedback,
    notices.feedback_adoption,
    oversight.common_problems,
    oversight.inspection_plan,
    oversight.meeting_schedule,
    escalation.rectification_escalations,
    standards.duty_breaches,
    political.political_inspection,
    political.political_inspections,
)
MUTATION: tuple[RootField, ...] = (
    findings.recognize_finding,
    findings.record_finding,
    findings.order_rectification,
    findings.add_rectification_item,
    findings.move_rectification,
    findings.hold_accountable,
    meetings.hold_meeting,
    meetings.draft_action,
    meetings.open_action,
    meetings.open_unannounced_visit,
    meetings.finish_action,
    notices.notify,
    notices.record_feedback,
    notices.decide_feedback,
    oversight.adopt_inspection_plan,
    escalation.escalate_rectifications,
    standards.define_duty,
    standards.issue_guidance,
    standards.cite_in_finding,
    political.add_checklist_items,
    political.answer_checklist_item,
    political.issue_inspection_feedback,
    political.open_look_back,
    political.conclude_look_back,
)
