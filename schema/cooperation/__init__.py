"""Sichuan–Chongqing cooperation (川渝政法协作): the "1+n" network, the indicators and the
cooperation report as Query fields; the monitoring tree's indicators and platform measurements.

- ``agreements``: the agreements, coverage, gaps, the 大事记 timeline, network analytics;
- ``indicators``: the indicator tree of a region, and comparisons;
- ``monitoring``: the monitoring tree as data, platform imports, evaluations and trends;
- ``reports``: the cooperation report as data;
- ``entities``, ``agreement_types``, ``activity_types``, ``indicator_types``,
  ``report_types``: the output types and the mapping of the reports' dataclasses onto them;
  ``args``: days, periods, choices.
"""

from __future__ import annotations

from schema.cooperation import agreements, indicators, monitoring, reports
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
    monitoring.monitoring_evaluation,
    monitoring.indicator_trend,
)
MUTATION: tuple[RootField, ...] = (
    monitoring.define_indicator,
    monitoring.import_measurements,
)
