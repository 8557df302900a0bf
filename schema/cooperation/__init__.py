"""Sichuan–Chongqing cooperation (川渝政法协作): the "1+n" network, the indicators and the
cooperation report as Query fields; no mutations.

- ``agreements``: the agreements, coverage, gaps, the 大事记 timeline, network analytics;
- ``indicators``: the indicator tree of a region, and comparisons;
- ``reports``: the cooperation report as data;
- ``entities``, ``agreement_types``, ``activity_types``, ``indicator_types``,
  ``report_types``: the output types and the mapping of the reports' dataclasses onto them;
  ``args``: days, periods, choices.
"""

from __future__ import annotations

from schema.cooperation import agreements, indicators, reports
from schema.fields import RootField

QUERY: tuple[RootField, ...] = (
    agreements.cooperation_agreements,
    agreements.agreement_coverage,
    agreements.agreement_gaps,
    agreements.agreement_timeline,
    agreements.network_analytics,
    indicators.indicator_evaluation,
    indicators.compare_indicators,
    reports.cooperation_report,
)
