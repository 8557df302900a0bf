"""Red flags of sentence-change files, each with its evidence path, and their thresholds."""

from __future__ import annotations

from typing import Any

from graph.model.enums import NodeKind as K
from graph.model.enums import RelType as R
from graph.model.validate import make_node, make_rel
from graph.store import Batch, GraphStore
from tests.worlds.county_court import build
from workflows.petitioning.sentences import RedFlagKind, sentence_red_flags

COURT = "court:510100"


def _file(id_: str, filed: str, handlers: list[str], **props: Any) -> tuple[list[Any], list[Any]]:
    node = make_node(
        K.Case,
        id_,
        {
            "case_number": f"(2023)川01刑更{id_[-1]}号",
            "kind": "PENALTY_EXECUTION",
            "stage": "PENALTY",
            "region_code": "510100",
            "filed_on": filed,
            **props,
        },
    )
    rels = [make_rel(R.HANDLED_BY, None, id_, COURT, {})]
    rels += [make_rel(R.HANDLED, None, h, id_, {"role": "审判长"}) for h in handlers]
    return [node], rels


def test_flags_and_their_evidence(store: GraphStore) -> None:
    build(store)
    files = [
        _file(
            f"case:r{k}",
            f"202{k}-03-01",
            ["judge:a", "judge:b"],
            cause="罪犯张三(罪犯编号5100000001)减刑",
            sentence_change="COMMUTATION",
            offence_class="盗窃",
            served_ratio=0.5,
            eligible_ratio=0.2,
            months_reduced=12,
        )
        for k in range(1, 4)
    ]
    files.append(
        _file(
            "case:line",
            "2023-05-01",
            ["judge:a"],
            cause="罪犯李四(罪犯编号5100000002)假释",
            sentence_change="PAROLE",
            offence_class="职务犯罪",
            served_ratio=0.505,
            eligible_ratio=0.5,
        )
    )
    files.append(
        _file(
            "case:ill",
            "2023-06-01",
            ["judge:b"],
            cause="罪犯王五(罪犯编号5100000003)暂予监外执行",
            sentence_change="TEMPORARY_EXECUTION",
            offence_class="盗窃",
            served_ratio=0.2,
            medical_certificate="某医院诊断证明书(编号2023-000001):高血压1级(病情稳定)",
        )
    )
    store.write(
        Batch(nodes=[n for f in files for n in f[0]], rels=[r for f in files for r in f[1]])
    )

    flags = {f.kind: f for f in sentence_red_flags(store=store, same_approvers=3)}
    repeated = flags[RedFlagKind.REPEATED_REDUCTIONS]
    assert repeated.case_ids == ["case:r1", "case:r2", "case:r3"]
    assert repeated.evidence[0].node_ids == ["case:r1", COURT]
    assert flags[RedFlagKind.AT_THE_LINE].case_ids == ["case:line"]
    assert flags[RedFlagKind.AT_THE_LINE].sensitive
    assert flags[RedFlagKind.SENSITIVE_CLASS].case_ids == ["case:line"]
    pair = flags[RedFlagKind.SAME_APPROVERS]
    assert pair.official_ids == ["judge:a", "judge:b"]
    assert pair.evidence[0].node_ids == ["judge:a", "case:r1", "judge:b"]
    assert "病情稳定" in flags[RedFlagKind.DOUBTFUL_CERTIFICATE].summary

    loose = sentence_red_flags(
        store=store,
        kinds=[RedFlagKind.REPEATED_REDUCTIONS, RedFlagKind.SAME_APPROVERS],
        repeated_reductions=4,
        reduction_window_days=365,
    )
    assert loose == []
    assert sentence_red_flags(store=store, region="510700") == []
    assert [
        f.case_ids
        for f in sentence_red_flags(store=store, since="2023", kinds=[RedFlagKind.AT_THE_LINE])
    ] == [["case:line"]]
