"""权力责任清单 and 统一执法司法标准和类案指引 (workflows.joint.standards), on both stores:
duties on an agency's list, standards and guidance issued, findings that cite them under the rules,
and the duties most breached."""

from __future__ import annotations

import pytest

from graph.errors import ValidationError
from graph.model.enums import RelType
from graph.store import GraphStore
from tests.workflows.joint.test_oversight import _found
from tests.worlds.county_court import ACTOR, build
from workflows.joint import standards


def test_findings_cite_the_duties_and_guidance_they_break(store: GraphStore) -> None:
    build(store)
    duty = standards.define_duty(
        store=store,
        actor=ACTOR,
        agency_id="court:510104",
        title="依法按期审结案件",
        category="审判",
        basis="《民事诉讼法》第一百五十二条",
    )
    other = standards.define_duty(
        store=store, actor=ACTOR, agency_id="police:510104", title="依法受案立案"
    )
    guidance = standards.issue_guidance(
        store=store,
        actor=ACTOR,
        today="2024-06-30",
        issuer_id="commission:510000",
        kind="类案指引",
        title="民间借贷纠纷类案办理指引",
        issued_on="2024-03-01",
        case_kinds=["CIVIL"],
    )
    assert (duty.props["region_code"], guidance.props["kind"]) == ("510104", "CASE_GUIDANCE")
    early = _found(store, "2024-02-01", ["court:510104"], "PROCEDURAL")
    later = _found(store, "2024-05-01", ["case:civil"], "PROCEDURAL")  # the same court
    cited = standards.cite_in_finding(
        store=store, actor=ACTOR, finding_id=later, duty_ids=[duty.id], guidance_ids=[guidance.id]
    )
    assert cited.version == 2  # touched: the citation is a change of the finding
    near = store.neighbours([later], rel_types=[RelType.BREACHES, RelType.CITES])[later]
    assert {(n.rel.type, n.node.id) for n in near} == {
        (RelType.BREACHES, duty.id),
        (RelType.CITES, guidance.id),
    }
    with pytest.raises(ValidationError) as refused:
        standards.cite_in_finding(
            store=store,
            actor=ACTOR,
            finding_id=early,
            duty_ids=[other.id],
            guidance_ids=[guidance.id],
        )
    assert [e.field for e in refused.value.errors] == ["duty_ids.0", "guidance_ids.0"]
    standards.cite_in_finding(store=store, actor=ACTOR, finding_id=early, duty_ids=[duty.id])
    breaches = standards.duty_breaches(store=store)
    assert [(b.duty.id, b.agency_id, b.finding_ids) for b in breaches] == [
        (duty.id, "court:510104", sorted([early, later]))
    ]
    assert standards.duty_breaches(store=store, region="510700") == []
    for bad, field in (
        ({"title": " "}, "title"),
        ({"title": "依法按期审结案件"}, "title"),  # already on the list
    ):
        with pytest.raises(ValidationError) as wrong:
            standards.define_duty(store=store, actor=ACTOR, agency_id="court:510104", **bad)
        assert wrong.value.errors[0].field == field
    for bad, field in (
        ({"issuer_id": "congress:510100"}, "issuer_id"),
        ({"issued_on": "2024-07-01"}, "issued_on"),
        ({"kind": "通知"}, "kind"),
        ({"case_kinds": ["NONE"]}, "case_kinds.0"),
    ):
        arguments = {
            "issuer_id": "commission:510000",
            "kind": "STANDARD",
            "title": "标准",
            **bad,
        }
        with pytest.raises(ValidationError) as wrong:
            standards.issue_guidance(store=store, actor=ACTOR, today="2024-06-30", **arguments)
        assert wrong.value.errors[0].field == field
    with pytest.raises(ValidationError) as nothing:
        standards.cite_in_finding(store=store, actor=ACTOR, finding_id=early)
    assert nothing.value.errors[0].field == "duty_ids"
