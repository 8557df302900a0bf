"""The cooperation report as a Query field, over ``workflows.cooperation.reports``."""

from __future__ import annotations

from typing import Any

from schema.context import Info
from schema.cooperation import report_types as types
from schema.cooperation.args import From, To
from schema.fields import query
from workflows.cooperation import reports


@query(
    "川渝政法协作情况报告: the figures of `jiandu report cooperation` for the period, as data. "
    "Cooperation offices only.",
    returns=types.CooperationReportType,
)
async def cooperation_report(info: Info, date_from: From, date_to: To) -> Any:
    found = await info.context.call(
        reports.cooperation_report, date_from=date_from, date_to=date_to
    )
    return types.cooperation_report(found)
