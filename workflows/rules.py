"""The numbers the rules run on, in one place (defaults from docs/workflows.md and DOMAIN.md).

Each use case takes these as keyword arguments defaulting to the values here, so a test can
change one without touching the rule, and a deployment sets its own in a TOML file named by
``JIANDU_RULES`` (docs/rules.md): read once, when this module is first imported (before the
use cases bind their defaults), and checked name by name and type by type, so that a typo
stops the start-up instead of being ignored.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from graph.errors import FieldError, ValidationError
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
# … unless negated right before (不能生活自理, 无法自理) or said in a clause that speaks of
# severity (一级伤残 is the gravest disability; 晚期, 危重 …): see petitioning/certificates.py.
CERTIFICATE_NEGATIONS = ("不", "未", "无", "非", "没有", "没", "难以")
SEVERE_CONTEXT = ("伤残", "残疾", "晚期", "危重", "恶性", "重度", "衰竭", "瘫痪")

# Private-enterprise batch (涉民营企业案件专项督办): a case pending this long is a reason.
LONG_PENDING_DAYS = 365

# Named patterns of the explorer (workflows/explore/patterns.py), when the investigator gives
# no minCount: cases one official's complaints span; overdue rectifications at one unit (as
# deadlines.overdue_units counts them); interventions on a case later graded flawed.
ACROSS_CASES = 3
OVERDUE_RECTIFICATIONS = 3
FLAWED_AFTER = 1

# Indicator scores (reports/indicators.py): the score at the bad end of an indicator's range
# (the pass line); 100 at its good end, linear between.
INDICATOR_PASS = 60.0


def settable() -> dict[str, Any]:
    """Every number or list of this module a deployment may set, by name."""
    return {k: v for k, v in globals().items() if k.isupper() and not k.startswith("_")}


def _value(name: str, current: Any, given: Any, where: str) -> Any:
    def wrong(expected: str) -> ValidationError:
        return ValidationError(FieldError(f"{where}: {name}", f"expected {expected}"))

    if isinstance(current, bool) or isinstance(given, bool):
        raise wrong(type(current).__name__)
    if isinstance(current, int):
        if not isinstance(given, int) or given < 0:
            raise wrong("a whole number, 0 or more")
        return given
    if isinstance(current, float):
        if not isinstance(given, int | float) or given < 0:
            raise wrong("a number, 0 or more")
        return float(given)
    if isinstance(current, dict):  # by node kind: {Rectification = 7, …}
        if not isinstance(given, dict):
            raise wrong("a table by node kind")
        out = dict(current)
        for key, days in given.items():
            if key not in NodeKind.__members__:
                raise ValidationError(FieldError(f"{where}: {name}.{key}", "not a node kind"))
            out[NodeKind[key]] = _value(f"{name}.{key}", 0, days, where)
        return out
    if not isinstance(given, list) or not all(isinstance(v, str) for v in given):
        raise wrong("a list of strings")
    if current and isinstance(current[0], AgencyKind):
        unknown = [v for v in given if v not in AgencyKind.__members__]
        if unknown:
            raise ValidationError(
                FieldError(f"{where}: {name}", f"not agency kinds: {', '.join(unknown)}")
            )
        return tuple(AgencyKind[v] for v in given)
    return tuple(given)


def overrides(path: Path) -> dict[str, Any]:
    """The values a rules file sets, checked against the defaults, or ValidationError naming
    the file and the setting."""
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ValidationError(FieldError("JIANDU_RULES", f"cannot read {where}: {exc}")) from None
    try:
        given = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError(FieldError(where, f"not TOML: {exc}")) from None
    known = settable()
    out: dict[str, Any] = {}
    for name, value in given.items():
        if name not in known:
            raise ValidationError(FieldError(f"{where}: {name}", "no such rule (docs/rules.md)"))
        out[name] = _value(name, known[name], value, where)
    return out


def _configure() -> None:
    named = os.environ.get("JIANDU_RULES", "").strip()
    if named:
        globals().update(overrides(Path(named)))


# Oversight (workflows.joint.oversight): a category of problem found at this many units is
# common (宏观抓共性); a unit whose findings of the year before weigh this much (一般 1, 较重 2,
# 严重 3), or that let this many rectifications run late, is a focus of the year's inspection
# plan; a commission holds its supervision joint meeting at least every SUPERVISION_MEETING_DAYS,
# Sichuan and Chongqing their cooperation joint meeting at least every COOPERATION_MEETING_DAYS;
# the levels of the commissions held to that schedule.
COMMON_UNITS = 3
FOCUS_WEIGHT = 5
FOCUS_OVERDUE = 2
SUPERVISION_MEETING_DAYS = 183
COOPERATION_MEETING_DAYS = 365
MEETING_LEVELS = ("PROVINCE", "CITY")

# 审慎开展案件督办协调: the levels of the commissions that open case supervision or coordination.
SUPERVISING_LEVELS = ("PROVINCE", "CITY")

# Officers protected (workflows.supervision.protection): a report to a discipline body is
# concluded within REPORT_VERIFY_DAYS; an incident against officers (暴力抗法、袭警辱警) still
# unhandled INCIDENT_HANDLING_DAYS after it occurred is listed.
REPORT_VERIFY_DAYS = 90
INCIDENT_HANDLING_DAYS = 30

# 绿色通道 (workflows.petitioning.enterprise): a private-enterprise case in the green channel is
# handled to its end within this many days of entering it.
GREEN_CHANNEL_DAYS = 60

# Feedback of 人大, 政协 and the media (workflows.joint.notifications): decided on within this
# many days of its coming, with a handling note of at least MIN_HANDLING_CHARS characters.
FEEDBACK_DECISION_DAYS = 30
MIN_HANDLING_CHARS = 10

# Evidence (workflows.evidence): the largest file accepted, and the longest file name.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FILE_NAME = 200

# A finding repeats a problem rectified before (workflows.joint.findings, ``recurrences``) when an
# earlier finding of the same category at the same unit, found at most this many days
# before, had its rectification accepted or closed.
RECURRENCE_DAYS = 730

# 政治督察 (workflows.joint.political): the most items of a round's checklist; the days the
# inspected units have to rectify what the feedback found, by default and at most; and the days
# a 回头看 gives for what it finds not rectified.
MAX_CHECKLIST_ITEMS = 60
FEEDBACK_RECTIFY_DAYS = 90
FEEDBACK_RECTIFY_MAX_DAYS = 180
LOOK_BACK_RECTIFY_DAYS = 30

# 三级执法监督人才库 (workflows.review.talent): admission needs this many hours of trainings passed,
# at the pool's level or above, in the POOL_TRAINING_DAYS before the day of admission; the
# longest training accepted, in hours.
POOL_TRAINING_HOURS = 16.0
POOL_TRAINING_DAYS = 730
MAX_TRAINING_HOURS = 200.0

# Indicator trends (workflows.cooperation.indicators, ``indicatorTrend``): a score that moves by
# at least this many points from one period to the next is improving or worsening.
TREND_STEP = 1.0


# Read last, so that every number above may be set by the deployment's file.
_configure()
