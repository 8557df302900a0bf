"""The Sichuan–Chongqing cooperation report (川渝政法协作情况报告) as data: the figures
``jiandu report cooperation`` renders, for the cooperation offices (``offices``)."""

from __future__ import annotations

from graph.store import GraphStore
from reports import cooperation
from workflows.cooperation.offices import require_cooperation_office
from workflows.usecase import use_case


@use_case(scoped=True)
def cooperation_report(
    *, store: GraphStore, date_from: str, date_to: str, region: str | None = None
) -> cooperation.CooperationReport:
    """The figures of the cooperation report for a period."""
    require_cooperation_office(region, "the cooperation report")
    return cooperation.cooperation_report(store, date_from=date_from, date_to=date_to)
