"""The provincial cooperation offices: the figures over the whole "1+n" network (coverage,
gaps, timeline, network analytics, the cooperation report) are prepared by the two offices
for their joint meetings. Unscoped callers and callers whose jurisdiction is a whole side
(510000 Sichuan, 500000 Chongqing) read them; a caller scoped below a province is refused."""

from __future__ import annotations

from graph.errors import Forbidden
from reports.areas import Side

COOPERATION_OFFICES = tuple(side.code for side in Side)


def require_cooperation_office(region: str | None, what: str) -> None:
    """``what`` covers both sides: only for an unscoped caller or a cooperation office
    (``region`` is the caller's jurisdiction)."""
    if region is not None and region not in COOPERATION_OFFICES:
        offices = ", ".join(COOPERATION_OFFICES)
        raise Forbidden(
            f"{what} covers both sides of the cooperation: it is read by the provincial "
            f"cooperation offices (jurisdiction {offices}), not from {region}"
        )
