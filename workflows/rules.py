"""The numbers the rules run on, in one place (defaults from docs/workflows.md and DOMAIN.md).

Each use case takes these as keyword arguments defaulting to the values here, so a
deployment or a test can change one without touching the rule.
"""

from __future__ import annotations

from graph.model.enums import AgencyKind, NodeKind

# Petitions (涉法涉诉信访): days to decide on acceptance, to finish, and one extension.
ACCEPT_DAYS = 15
FINISH_DAYS = 60
EXTENSION_DAYS = 30

# Days before a deadline when it enters the warning period.
WARN_DAYS: dict[NodeKind, int] = {
    NodeKind.Rectification: 7,
    NodeKind.SupervisionAction: 7,
    NodeKind.Complaint: 3,
}

# Mutual recognition: inspections of one target whose periods come this close are duplicates;
# a finding this recent may be reused instead of inspecting again.
DUPLICATE_WINDOW_DAYS = 0
REUSE_WINDOW_DAYS = 365

# Repeat petitions: this many complaints by one petitioner, or about one case.
REPEAT_PETITIONS = 3

# Interventions: officials with at least this many improper (违规过问) records.
REPEATED_IMPROPER = 2

# Units that must report interventions every quarter (zero reports included).
REPORTING_KINDS = (
    AgencyKind.COURT,
    AgencyKind.PROCURATORATE,
    AgencyKind.POLICE,
    AgencyKind.STATE_SECURITY,
    AgencyKind.JUSTICE,
    AgencyKind.PRISON,
)

# Reviewer assignment: anyone within this many hops of the reviewed case has a conflict.
CONFLICT_HOPS = 2

# Sentence changes (减刑、假释、暂予监外执行).
SENSITIVE_OFFENCES = ("职务犯罪", "金融犯罪", "涉黑")
REPEATED_REDUCTIONS = 3  # commutations of one offender
REDUCTION_WINDOW_DAYS = 1095  # … within three years
AT_THE_LINE_MARGIN = 0.01  # served share less than this above the eligibility line
SAME_APPROVERS = 5  # files handled by the same pair of officials
MILD_CONDITIONS = ("病情稳定", "生活自理", "1级", "一级", "轻度")

# Private-enterprise batch (涉民营企业案件专项督办): a case pending this long is a reason.
LONG_PENDING_DAYS = 365

# Named patterns of the explorer (workflows/explore/patterns.py), when the investigator gives
# no minCount: cases one official's complaints span; overdue rectifications at one unit (as
# deadlines.overdue_units counts them); interventions on a case later graded flawed.
ACROSS_CASES = 3
OVERDUE_RECTIFICATIONS = 3
FLAWED_AFTER = 1
