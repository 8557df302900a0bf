"""绿色通道 for private-enterprise cases (workflows.petitioning.enterprise), on both stores:
only such a case, still open, once, with a reason; the days in the channel and the late ones."""

from __future__ import annotations

import pytest

from graph.errors import ValidationError
from graph.store import GraphStore
from tests.worlds.county_court import ACTOR, build
from workflows.petitioning import enterprise

REASON = "企业主要账户被冻结，影响正常生产经营"


def test_a_private_enterprise_case_in_the_green_channel(store: GraphStore) -> None:
    build(store)
    with pytest.raises(ValidationError) as short:
        enterprise.open_green_channel(
            store=store, actor=ACTOR, today="2024-03-01", case_id="case:criminal", reason="紧急"
        )
    assert short.value.errors[0].field == "reason"
    opened = enterprise.open_green_channel(
        store=store, actor=ACTOR, today="2024-03-01", case_id="case:criminal", reason=REASON
    )
    assert (opened.props["green_channel_on"], opened.props["green_channel_reason"]) == (
        "2024-03-01",
        REASON,
    )
    for case, reason, field in (
        ("case:criminal", REASON, "case_id"),  # once
        ("case:civil", REASON, "case_id"),  # no private enterprise
    ):
        with pytest.raises(ValidationError) as refused:
            enterprise.open_green_channel(
                store=store, actor=ACTOR, today="2024-03-02", case_id=case, reason=reason
            )
        assert refused.value.errors[0].field == field
    inside = enterprise.green_channel(store=store, today="2024-04-01")
    assert [(g.case.id, g.days, g.late) for g in inside] == [("case:criminal", 31, False)]
    late = enterprise.green_channel(store=store, today="2024-05-15", late_only=True)
    assert [(g.case.id, g.days, g.late) for g in late] == [("case:criminal", 75, True)]
    assert enterprise.green_channel(store=store, today="2024-05-15", region="510700") == []
    assert enterprise.green_channel(store=store, today="2024-02-01") == []
