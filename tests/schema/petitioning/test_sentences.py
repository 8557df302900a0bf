"""Sentence-change red flags over HTTP, each with its evidence path, on a small built graph:
files of one court, two judges, one of them from another region (hidden from a scoped
caller)."""

from __future__ import annotations

from typing import Any

from graph.model.enums import RelType
from graph.model.records import Node, Rel, rel_id
from graph.model.validate import make_node
from schema.generic.ids import to_global
from tests.api.api_client import codes, data, gid, gql
from tests.api.api_harness import Server
from tests.worlds.petitioning import write_world
from tests.worlds.sample import link

COURT = "agency:cd-court"
JUDGE_A, JUDGE_B = "official:judge", "official:cq-judge"
OFFENDER = "official:offender"
FLAGS = """
query($kinds: [RedFlagKind!]) {
  sentenceRedFlags(kinds: $kinds) {
    kind kindLabel caseIds officialIds sensitive summary
    evidence {
      note nodeIds relIds
      nodes { id }
      relationships { id type from { id } to { id } }
    }
  }
}"""


def official(id_: str) -> str:
    return to_global("Official", id_)


def relationship(rel: Rel) -> str:
    return to_global("Relationship", rel.id)


def penalty_file(id_: str, filed_on: str, **props: Any) -> Node:
    return make_node(
        "Case",
        id_,
        {
            "case_number": f"(2023)川01刑更{id_[-1]}号",
            "cause": "减刑",
            "kind": "PENALTY_EXECUTION",
            "stage": "PENALTY",
            "region_code": "510100",
            "filed_on": filed_on,
            **props,
        },
    )


def world(server: Server) -> dict[str, Any]:
    """Four commutations of one offender, all handled by both judges; a parole at the line
    for a 职务犯罪 offender; a temporary execution on a mild certificate."""
    reductions = [
        penalty_file(
            f"case:r{k}",
            f"2022-0{k}-01",
            cause="罪犯张三(罪犯编号5100000001)减刑",
            sentence_change="COMMUTATION",
            offence_class="盗窃",
            served_ratio=0.6,
            eligible_ratio=0.5,
            months_reduced=6 + k,
        )
        for k in range(1, 5)
    ]
    line = penalty_file(
        "case:line",
        "2023-05-01",
        cause="罪犯李四(罪犯编号5100000002)假释",
        sentence_change="PAROLE",
        offence_class="职务犯罪",
        served_ratio=0.505,
        eligible_ratio=0.5,
    )
    ill = penalty_file(
        "case:ill",
        "2023-06-01",
        cause="罪犯王五(罪犯编号5100000003)暂予监外执行",
        sentence_change="TEMPORARY_EXECUTION",
        offence_class="盗窃",
        served_ratio=0.2,
        medical_certificate="某医院诊断证明书(编号2023-000001):高血压1级(病情稳定)",
    )
    judge_b = make_node(
        "Official", JUDGE_B, {"name": "赵法官", "role": "JUDICIAL", "region_code": "500105"}
    )
    offender = make_node(
        "Official", OFFENDER, {"name": "张三", "role": "PARTY", "region_code": "510100"}
    )
    files = [*reductions, line, ill]
    court = {f.id: link("HANDLED_BY", f.id, COURT) for f in files}
    party = {f.id: party_to(OFFENDER, f.id) for f in reductions}
    handled = {(j, f.id): link("HANDLED", j, f.id) for f in reductions for j in (JUDGE_A, JUDGE_B)}
    # One more file handled by the pair makes five: the SAME_APPROVERS threshold.
    handled |= {(j, line.id): link("HANDLED", j, line.id) for j in (JUDGE_A, JUDGE_B)}
    write_world(
        server.store,
        *files,
        judge_b,
        offender,
        rels=[*court.values(), *handled.values(), *party.values()],
    )
    return {
        "reductions": reductions,
        "line": line,
        "ill": ill,
        "court": court,
        "handled": handled,
        "party": party,
    }


def party_to(person: str, case: str) -> Rel:
    props = {"party_role": "OFFENDER", "valid_from": "2022-01-01"}
    return Rel(RelType.PARTY_TO, rel_id(RelType.PARTY_TO, person, case), person, case, props)


def by_kind(flags: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for f in flags:
        out.setdefault(f["kind"], []).append(f)
    return out


def test_each_flag_comes_with_the_path_of_nodes_and_relationships_behind_it(
    server: Server,
) -> None:
    w = world(server)
    with server.client("viewer") as c:
        flags = by_kind(data(c, FLAGS)["sentenceRedFlags"])
    reductions = [f.id for f in w["reductions"]]

    [repeated] = flags["REPEATED_REDUCTIONS"]
    assert repeated["kindLabel"] == "反复减刑"
    assert repeated["caseIds"] == [gid(i) for i in reductions]
    assert not repeated["sensitive"]
    assert repeated["summary"] == "同一罪犯在90天内4次减刑, 共减34个月"
    assert repeated["officialIds"] == [official(OFFENDER)]
    assert [p["nodeIds"] for p in repeated["evidence"]] == [
        [official(OFFENDER), gid(i), gid(COURT)] for i in reductions
    ]
    assert [p["relIds"] for p in repeated["evidence"]] == [
        [relationship(w["party"][i]), relationship(w["court"][i])] for i in reductions
    ]
    first = repeated["evidence"][0]
    assert first["nodes"] == [
        {"id": official(OFFENDER)},
        {"id": gid(reductions[0])},
        {"id": gid(COURT)},
    ]
    assert first["relationships"][1:] == [
        {
            "id": relationship(w["court"][reductions[0]]),
            "type": "HANDLED_BY",
            "from": {"id": gid(reductions[0])},
            "to": {"id": gid(COURT)},
        }
    ]

    [pair] = flags["SAME_APPROVERS"]
    paired = sorted([*reductions, w["line"].id])
    assert pair["caseIds"] == [gid(i) for i in paired]
    assert sorted(pair["officialIds"]) == sorted(official(j) for j in (JUDGE_A, JUDGE_B))
    path = pair["evidence"][0]
    a, b = sorted((JUDGE_A, JUDGE_B))
    assert path["nodeIds"] == [official(a), gid(paired[0]), official(b)]
    assert path["relIds"] == [
        relationship(w["handled"][(a, paired[0])]),
        relationship(w["handled"][(b, paired[0])]),
    ]
    assert [r["from"]["id"] for r in path["relationships"]] == [official(a), official(b)]

    [at_line] = flags["AT_THE_LINE"]
    assert at_line["caseIds"] == [gid("case:line")] and at_line["sensitive"]
    assert [f["caseIds"] for f in flags["SENSITIVE_CLASS"]] == [[gid("case:line")]]
    [doubtful] = flags["DOUBTFUL_CERTIFICATE"]
    assert doubtful["caseIds"] == [gid("case:ill")] and "病情稳定" in doubtful["summary"]
    assert doubtful["evidence"][0]["note"] == w["ill"].props["medical_certificate"]


def test_a_scoped_caller_sees_its_own_files_and_not_the_nodes_it_may_not_see(
    server: Server,
) -> None:
    w = world(server)
    with server.client("viewer", "510100") as c:
        [pair] = data(c, FLAGS, kinds=["SAME_APPROVERS"])["sentenceRedFlags"]
    with server.client("viewer", "510400") as c:
        elsewhere = data(c, FLAGS)["sentenceRedFlags"]
        bad = gql(c, FLAGS, kinds=["NO_SUCH_FLAG"])
    first = sorted([*(f.id for f in w["reductions"]), w["line"].id])[0]
    path = pair["evidence"][0]
    # official:cq-judge (重庆) sorts before official:judge: the hidden end comes first.
    assert path["nodeIds"] == [None, gid(first), official(JUDGE_A)]
    assert path["nodes"] == [None, {"id": gid(first)}, {"id": official(JUDGE_A)}]
    assert path["relIds"] == [None, relationship(w["handled"][(JUDGE_A, first)])]
    assert path["relationships"][0] is None
    assert pair["officialIds"] == [official(JUDGE_A)]
    assert elsewhere == []
    assert codes(bad) == ["BAD_USER_INPUT"]
