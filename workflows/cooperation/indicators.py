"""The indicator tree (态势监测/评价) of ``reports.indicators`` as use cases: regions inside the
caller's jurisdiction are evaluated, and the two provinces as wholes by the cooperation
offices, as the report sets them side by side. Regions are public: a region out of reach is
FORBIDDEN, an unknown code invalid."""

from __future__ import annotations

from collections.abc import Sequence

from graph.errors import FieldError, Forbidden, ValidationError
from graph.model import views
from graph.model.enums import NodeKind
from graph.store import GraphStore, Op, Where
from reports import indicators
from reports.period import Period
from workflows.access import subtree_prefix
from workflows.cooperation.offices import COOPERATION_OFFICES
from workflows.usecase import use_case

# Regions × periods of one comparison: each evaluation walks the casework of its region.
MAX_EVALUATIONS = 400


def require_regions(store: GraphStore, region: str | None, named: dict[str, str]) -> None:
    """Each code (by the field that gave it) names a region that a caller whose jurisdiction
    is ``region`` may evaluate."""
    wanted = sorted(set(named.values()))
    found = store.list_nodes(NodeKind.Region, [Where("code", Op.IN, wanted)]).items
    known = {views.Region(n).code for n in found}
    unknown = [FieldError(f, f"no region '{c}'") for f, c in named.items() if c not in known]
    if unknown:
        raise ValidationError(unknown)
    if region is None:
        return
    prefix = subtree_prefix(region)
    for field, code in named.items():
        whole_side = region in COOPERATION_OFFICES and code in COOPERATION_OFFICES
        if not code.startswith(prefix) and not whole_side:
            raise Forbidden(f"{field}: region '{code}' is outside the jurisdiction {region}")


def _periods(periods: Sequence[tuple[str, str]]) -> None:
    if not periods:
        raise ValidationError(FieldError("periods", "give at least one period"))
    errors: list[FieldError] = []
    for i, (date_from, date_to) in enumerate(periods):
        try:
            Period.parse(date_from, date_to)
        except ValidationError as bad:
            errors += [FieldError(f"periods[{i}].{e.field}", e.reason) for e in bad.errors]
    if errors:
        raise ValidationError(errors)


@use_case(scoped=True)
def indicator_evaluation(
    *, store: GraphStore, region_code: str, date_from: str, date_to: str, region: str | None = None
) -> indicators.Evaluation:
    """The indicator tree of one region for one period."""
    Period.parse(date_from, date_to)
    require_regions(store, region, {"region": region_code})
    return indicators.evaluate(store, region_code=region_code, date_from=date_from, date_to=date_to)


@use_case(scoped=True)
def compare_indicators(
    *,
    store: GraphStore,
    regions: Sequence[str],
    periods: Sequence[tuple[str, str]],
    rank: bool = False,
    region: str | None = None,
) -> indicators.Comparison:
    """The indicator tree of each region for each period; ranked only when asked."""
    _periods(periods)
    if len(regions) * len(periods) > MAX_EVALUATIONS:
        raise ValidationError(
            FieldError(
                "periods",
                f"{len(regions)} regions × {len(periods)} periods is more than "
                f"{MAX_EVALUATIONS} evaluations",
            )
        )
    if not regions:
        raise ValidationError(FieldError("regions", "give at least one region code"))
    require_regions(store, region, {f"regions[{i}]": c for i, c in enumerate(regions)})
    return indicators.compare(store, region_codes=regions, periods=periods, rank=rank)
