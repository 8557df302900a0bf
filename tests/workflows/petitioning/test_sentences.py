"""Red flags of sentence-change files, each with its evidence path, and their thresholds."""

from __future__ import annotations

import random
from typing import Any

import pytest

from graph.model.enums import NodeKind as K
from graph.model.enums import RelType as R
from graph.model.validate import make_node, make_rel
from graph.store import Batch, GraphStore
from tests.worlds.county_court import build
from workflows.petitioning import sentences
from workflows.petitioning.sentences import RedFlagKind, sentence_red_flags
from workflows.reading import every
from workflows.rules import MILD_CONDITIONS

COURT = "court:510100"


def _offender(id_: str, name: str) -> Any:
    return make_node(K.Official, id_, {"name": name, "role": "PARTY", "region_code": "510100"})


def _party(person: str, case: str, role: str = "OFFENDER") -> Any:
    return make_rel(R.PARTY_TO, None, person, case, {"party_role": role})


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
        Batch(
            nodes=[*(n for f in files for n in f[0]), _offender("official:zs", "张三")],
            rels=[
                *(r for f in files for r in f[1]),
                *(_party("official:zs", f"case:r{k}") for k in range(1, 4)),
            ],
        )
    )

    flags = {f.kind: f for f in sentence_red_flags(store=store, same_approvers=3)}
    repeated = flags[RedFlagKind.REPEATED_REDUCTIONS]
    assert repeated.case_ids == ["case:r1", "case:r2", "case:r3"]
    assert repeated.official_ids == ["official:zs"]
    assert repeated.evidence[0].node_ids == ["official:zs", "case:r1", COURT]
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


def _commutation(id_: str, filed: str, cause: str = "减刑") -> tuple[list[Any], list[Any]]:
    return _file(
        id_, filed, [], cause=cause, sentence_change="COMMUTATION", offence_class="盗窃",
        served_ratio=0.5, eligible_ratio=0.2, months_reduced=6,
    )  # fmt: skip


def _repeated(store: GraphStore) -> list[list[str]]:
    flags = sentence_red_flags(
        store=store, kinds=[RedFlagKind.REPEATED_REDUCTIONS], reduction_window_days=365
    )
    return [f.case_ids for f in flags]


def test_repeated_reductions_are_any_three_in_a_sliding_window(store: GraphStore) -> None:
    """Within a window of one year: five commutations over four years, three of them within
    one year, are flagged (and only those three); an offender whose third commutation comes
    a day too late is not; a file whose cause names an offender number but that is linked to
    no one counts for nobody; a party who is not the offender (a victim) counts for
    nothing."""
    build(store)
    noisy = {
        # official:many: five over four years, three of them within one year (the flag).
        "case:m1": ("2020-01-10", "official:many"),
        "case:m2": ("2021-02-01", "official:many"),
        "case:m3": ("2021-06-01", "official:many"),
        "case:m4": ("2021-12-30", "official:many"),
        "case:m5": ("2023-06-01", "official:many"),
        # official:late: the third comes 366 days after the first: just outside.
        "case:l1": ("2020-01-01", "official:late"),
        "case:l2": ("2020-06-01", "official:late"),
        "case:l3": ("2021-01-01", "official:late"),
        # official:edge: the third on day 365: just inside.
        "case:e1": ("2021-01-01", "official:edge"),
        "case:e2": ("2021-06-01", "official:edge"),
        "case:e3": ("2022-01-01", "official:edge"),
    }
    files = [_commutation(id_, filed) for id_, (filed, _) in noisy.items()]
    unlinked = [
        _commutation(f"case:u{k}", f"2022-0{k}-01", cause="罪犯某(罪犯编号5100000009)减刑")
        for k in range(1, 4)
    ]
    people = [
        _offender(p, p) for p in ("official:many", "official:late", "official:edge", "official:v")
    ]
    parties = [_party(person, case) for case, (_, person) in noisy.items()]
    # A victim in three files within a year is no repeated reduction.
    parties += [_party("official:v", f"case:u{k}", "VICTIM") for k in range(1, 4)]
    store.write(
        Batch(
            nodes=[*(n for f in [*files, *unlinked] for n in f[0]), *people],
            rels=[*(r for f in [*files, *unlinked] for r in f[1]), *parties],
        )
    )
    assert _repeated(store) == [
        ["case:e1", "case:e2", "case:e3"],
        ["case:m2", "case:m3", "case:m4"],
    ]


def test_a_window_over_dates_kept_as_months_holds_only_for_every_day_they_may_be(
    store: GraphStore,
) -> None:
    """ "2021-01" may be any day of January 2021, "2022-01" any of January 2022: three
    commutations from "2021-01" to "2022-01" are within a year only if they were on 1 January
    both times, so they raise no flag; three from "2021-01" to 2021-12-31 are within a year
    whichever day of January the first was."""
    build(store)
    noisy = {
        "case:i1": ("2021-01", "official:inside"),
        "case:i2": ("2021-06-10", "official:inside"),
        "case:i3": ("2021-12-31", "official:inside"),
        "case:o1": ("2021-01", "official:outside"),
        "case:o2": ("2021-06-10", "official:outside"),
        "case:o3": ("2022-01", "official:outside"),
    }
    files = [_commutation(id_, filed) for id_, (filed, _) in noisy.items()]
    people = [_offender(p, p) for p in ("official:inside", "official:outside")]
    parties = [_party(person, case) for case, (_, person) in noisy.items()]
    store.write(
        Batch(
            nodes=[*(n for f in files for n in f[0]), *people],
            rels=[*(r for f in files for r in f[1]), *parties],
        )
    )
    assert _repeated(store) == [["case:i1", "case:i2", "case:i3"]]


# The store names each flag's candidates and only those files are read whole: on files drawn
# at random (not the demo's), the flags are those the rules give when run on every file.


def _random_files(seed: int) -> Batch:
    rng = random.Random(seed)
    judges = [f"official:j{c}" for c in "abcdef"]
    people = [f"official:p{k}" for k in range(12)]
    numbers = ["2023-000001", "2023-000002", "2023-000003", "2024-000009"]
    conditions = ["高血压1级(病情稳定)", "肝癌晚期", "不能生活自理", "尿毒症", "轻度抑郁"]
    nodes: list[Any] = [_offender(p, p[-3:]) for p in people]
    nodes += [make_node(K.Official, j, {"name": j[-2:], "role": "JUDICIAL"}) for j in judges]
    rels: list[Any] = []
    for k in range(60):
        change = rng.choice(["COMMUTATION", "COMMUTATION", "PAROLE", "TEMPORARY_EXECUTION"])
        props: dict[str, Any] = {
            "cause": "刑罚变更",
            "sentence_change": change,
            "offence_class": rng.choice(["盗窃", "诈骗", "职务犯罪", "金融犯罪", "涉黑"]),
            "months_reduced": rng.randint(1, 12),
        }
        if rng.random() < 0.8:
            props["served_ratio"] = round(rng.uniform(0.3, 0.8), 3)
            props["eligible_ratio"] = rng.choice([0.5, 2 / 3, 0.25])
        if change == "TEMPORARY_EXECUTION" and rng.random() < 0.9:
            number = rng.choice(numbers)
            text = f"某医院诊断证明书(编号{number}):{rng.choice(conditions)}"
            props["medical_certificate"] = text if rng.random() < 0.8 else rng.choice(conditions)
        day = f"{rng.randint(2019, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        case_nodes, case_rels = _file(
            f"case:x{k:02d}", day, rng.sample(judges, rng.randint(0, 3)), **props
        )
        nodes += case_nodes
        rels += case_rels
        for person in rng.sample(people, rng.randint(0, 2)):
            rels.append(
                _party(person, f"case:x{k:02d}", rng.choice(["OFFENDER", "OFFENDER", "VICTIM"]))
            )
    return Batch(nodes=nodes, rels=rels)


def _every_file(store: GraphStore, since: str | None, **rules: Any) -> list[Any]:
    """The rules run on every sentence-change file of the scope, as they were before the
    store named the candidates."""
    scope = list(every(store, K.Case, sentences._scope(None, since)))
    ids = [c.id for c in scope]  # every file with its handlers and offenders
    files = sentences._files(store, ids, sentences.Records(), handled=ids, parties=ids)
    return [
        *sentences._repeated(files, rules["repeated_reductions"], rules["reduction_window_days"]),
        *sentences._at_the_line(files, rules["line_margin"]),
        *sentences._same_approvers(files, rules["same_approvers"]),
        *sentences._doubtful(files, rules["mild_conditions"]),
        *sentences._sensitive(files),
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_candidates_the_store_names_change_no_flag(store: GraphStore, seed: int) -> None:
    build(store)
    store.write(_random_files(seed))
    for since, least, window, margin, pairs in (
        (None, 3, 365, 0.05, 5),
        (None, 2, 3000, 0.2, 2),
        ("2022", 2, 900, 0.1, 3),
    ):
        rules = {
            "repeated_reductions": least,
            "reduction_window_days": window,
            "line_margin": margin,
            "same_approvers": pairs,
            "mild_conditions": MILD_CONDITIONS,
        }
        found = sentence_red_flags(store=store, since=since, **rules)
        assert found == _every_file(store, since, **rules)
        assert {f.kind for f in found} >= {RedFlagKind.AT_THE_LINE, RedFlagKind.SENSITIVE_CLASS}
