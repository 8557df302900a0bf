"""The "1+n" agreement network over HTTP on the 1,000-case demo, both backends: the agreement
list, the coverage matrix, the gaps, the timeline and the network analytics, each checked
against a plain scan of the store; who may read them; bad input named by field."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import pytest

from graph.model.enums import NodeKind, RelType
from graph.model.records import Node
from loaders.demo import planted_patterns
from schema.generic.ids import from_global, to_global
from tests.api.api_client import codes, data, gql
from tests.api.api_harness import Server
from tests.schema.cooperation.demo_scan import (
    END,
    YEAR,
    Scan,
    api,
    demo,
    during,
    first_day,
    in_force,
    last_day,
    scan,
)

__all__ = ["api", "demo", "scan"]  # the module's fixtures

AGREEMENTS = """
query($asOf: String, $tier: AgreementTier) {
  cooperationAgreements(asOf: $asOf, tier: $tier) {
    id storeId title tier tierLabel levelPair domain mechanisms mechanismsLabels signedOn
    validTo parentId caseCount actionCount meetingCount decidedAtIds
    parties { id name kind level regionCode side }
  }
}"""
COVERAGE = """
query($asOf: String!, $kinds: [AgencyKind!], $levels: [RegionLevel!], $covered: Boolean) {
  agreementCoverage(asOf: $asOf, kinds: $kinds, levels: $levels, covered: $covered) {
    kind level asOf coveredPairs uncoveredPairs
    rows { id regionCode } columns { id regionCode }
    cells { row column sichuanId chongqingId covered agreementIds }
  }
}"""
GAPS = """
query($from: String!, $to: String!) {
  agreementGaps(from: $from, to: $to) {
    sichuan { code name level } chongqing { code name level } caseCount uncoveredCount
    cases { id caseNumber covered coveringIds sichuanCode chongqingCode side }
  }
}"""
TIMELINE = """
query($from: String!, $to: String!) {
  agreementTimeline(from: $from, to: $to) { day kind kindLabel id title detail }
}"""
NETWORK = """
query($asOf: String!) {
  networkAnalytics(asOf: $asOf) {
    asOf
    agencies { agency { id name } degree agreements betweenness }
    components { agencies { id } agreementIds }
    bridges { first { id } second { id } agreementIds }
  }
}"""
SPAN = ("2023-01-01", END)
MECHANISMS = ("违法线索互联", "监管标准互通", "调查取证互助", "裁量尺度互融", "处理结果互认")
REPORT = (
    "query($from: String!, $to: String!) { cooperationReport(from: $from, to: $to) { sources } }"
)


def store_id(global_id: str) -> str:
    return from_global(global_id, "id")[1]


def agency_gid(store_id_: str) -> str:
    return to_global(NodeKind.Agency.name, store_id_)


def test_agreements_in_force_list_parties_parents_and_what_stands_under_them(
    api: Server, scan: Scan
) -> None:
    day = "2021-06-30"
    with api.client("viewer") as c:
        listed = data(c, AGREEMENTS, asOf=day)["cooperationAgreements"]
        every = data(c, AGREEMENTS)["cooperationAgreements"]
        frameworks = data(c, AGREEMENTS, tier="N")["cooperationAgreements"]

    expected = sorted(scan.agreements_on(day), key=lambda a: (a.get("signed_on"), a.id))
    assert [a["storeId"] for a in listed] == [a.id for a in expected]
    assert len(every) == len(scan.kind[NodeKind.Agreement]) > len(listed) > 0
    assert {a["storeId"] for a in frameworks} == {
        a.id for a in scan.kind[NodeKind.Agreement] if a.get("tier") == "N"
    }

    signers, parents = scan.out(RelType.SIGNED_BY), scan.out(RelType.IMPLEMENTS)
    under, decided = scan.into(RelType.UNDER), scan.into(RelType.DECIDED)
    for entry, node in zip(listed, expected, strict=True):
        assert {store_id(p["id"]) for p in entry["parties"]} == set(signers[node.id])
        assert [p["regionCode"] for p in entry["parties"]] == [
            scan.region(p) for p in sorted(signers[node.id])
        ]
        assert entry["parentId"] == (
            to_global("Agreement", parents[node.id][0]) if parents.get(node.id) else None
        )
        below = Counter(scan.nodes[i].kind for i in under.get(node.id, []))
        assert (entry["caseCount"], entry["actionCount"], entry["meetingCount"]) == (
            below[NodeKind.Case],
            below[NodeKind.SupervisionAction],
            below[NodeKind.JointMeeting],
        )
        assert {store_id(m) for m in entry["decidedAtIds"]} == set(decided.get(node.id, []))
        assert entry["mechanisms"] == list(node.get("mechanisms") or [])
        assert (entry["tier"], entry["signedOn"], entry["title"]) == (
            node.get("tier"),
            node.get("signed_on"),
            node.get("title"),
        )
    assert any(e["parentId"] for e in listed) and any(e["caseCount"] for e in listed)
    one = next(e for e in every if e["tier"] == "ONE")
    assert set(one["mechanismsLabels"]) == set(MECHANISMS) and one["parentId"] is None


def test_an_agreement_leads_to_the_cases_carried_out_under_it(api: Server, scan: Scan) -> None:
    query = """
    query($asOf: String) { cooperationAgreements(asOf: $asOf) {
      storeId caseCount agreement { id title cases(first: 100) { id } jointMeetings { id } }
    } }"""
    with api.client("viewer") as c:
        listed = data(c, query, asOf=END)["cooperationAgreements"]
    under = scan.into(RelType.UNDER)
    busiest = max(listed, key=lambda a: a["caseCount"])
    cases = {i for i in under[busiest["storeId"]] if i.startswith("case:")}
    assert {store_id(x["id"]) for x in busiest["agreement"]["cases"]} == cases
    assert busiest["agreement"]["title"] == scan.nodes[busiest["storeId"]].get("title")


def _commission(scan: Scan, agency_id: str, prefix: str, level: str, day: str) -> bool:
    a = scan.nodes[agency_id]
    return (
        scan.region(agency_id).startswith(prefix)
        and a.get("kind") == "COMMISSION"
        and a.get("level") == level
        and not a.get("cross_region")
        and in_force(a, day)
    )


def test_the_coverage_matrix_marks_the_pairs_an_agreement_in_force_covers(
    api: Server, scan: Scan
) -> None:
    day = "2022-06-30"
    with api.client("viewer") as c:
        (matrix,) = data(c, COVERAGE, asOf=day, kinds=["COMMISSION"], levels=["CITY"])[
            "agreementCoverage"
        ]
        (covered_only,) = data(
            c, COVERAGE, asOf=day, kinds=["COMMISSION"], levels=["CITY"], covered=True
        )["agreementCoverage"]
        every = data(c, COVERAGE, asOf=day)["agreementCoverage"]

    agencies = [a.id for a in scan.kind[NodeKind.Agency]]
    rows = [a for a in agencies if _commission(scan, a, "51", "CITY", day)]
    columns = [a for a in agencies if _commission(scan, a, "50", "COUNTY", day)]
    signers = scan.out(RelType.SIGNED_BY)
    pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for agreement in scan.agreements_on(day):
        for s in signers[agreement.id]:
            for q in signers[agreement.id]:
                if s in rows and q in columns:
                    pairs[(s, q)].add(agreement.id)

    assert {store_id(r["id"]) for r in matrix["rows"]} == set(rows)
    assert {store_id(r["id"]) for r in matrix["columns"]} == set(columns)
    assert len(columns) == 38 and len(matrix["cells"]) == len(rows) * len(columns)
    found = {
        (store_id(x["sichuanId"]), store_id(x["chongqingId"])): {
            store_id(a) for a in x["agreementIds"]
        }
        for x in matrix["cells"]
        if x["covered"]
    }
    assert found == pairs and pairs
    assert matrix["coveredPairs"] == len(pairs) == len(covered_only["cells"])
    assert matrix["uncoveredPairs"] == len(rows) * len(columns) - len(pairs)
    cell = covered_only["cells"][0]
    assert matrix["rows"][cell["row"]]["id"] == cell["sichuanId"]
    assert matrix["columns"][cell["column"]]["id"] == cell["chongqingId"]
    assert [(m["kind"], m["level"]) for m in every] == [
        (k, v)
        for k in ("COMMISSION", "COURT", "PROCURATORATE", "POLICE", "JUSTICE")
        for v in ("PROVINCE", "CITY", "COUNTY")
    ]


def uncovered_cases(scan: Scan) -> set[str]:
    """Cross-region cases no agreement in force on their filing day covered: none signed
    below the province level by a unit of the Sichuan county or its prefecture and one of
    the Chongqing district."""
    regions = {str(r.get("code")): r for r in scan.kind[NodeKind.Region]}
    involves, signers = scan.out(RelType.INVOLVES), scan.out(RelType.SIGNED_BY)
    out = set()
    for case in scan.kind[NodeKind.Case]:
        if not case.get("cross_region"):
            continue
        codes_ = [str(case.get("region_code"))] + [
            str(scan.nodes[t].get("code") or scan.nodes[t].get("region_code"))
            for t in involves.get(case.id, [])
        ]
        sichuan = next(c for c in codes_ if c.startswith("51"))
        chongqing = next(c for c in codes_ if c.startswith("50"))
        ours = {sichuan, regions[sichuan].get("parent_code")} - {"510000"}
        local = [
            {scan.region(s) for s in signers[a.id]}
            for a in scan.kind[NodeKind.Agreement]
            if first_day(a.get("signed_on")) <= case.get("filed_on")
            and all(scan.nodes[s].get("level") != "PROVINCE" for s in signers[a.id])
        ]
        if not any(c & ours and chongqing in c for c in local):
            out.add(case.id)
    return out


def test_gaps_are_the_cross_region_cases_no_agreement_covered(api: Server, scan: Scan) -> None:
    with api.client("viewer", "500000") as c:
        gaps = data(c, GAPS, **{"from": "2019-01-01", "to": END})["agreementGaps"]
    found = {store_id(x["id"]) for g in gaps for x in g["cases"]}
    planted = next(
        p for p in planted_patterns(cases=1000) if p.name == "cross_region_without_agreement"
    )
    assert found == uncovered_cases(scan)
    # The planted gap, and natural ones: cases filed before their areas' partnership was signed.
    assert {i for i in planted.ids if i.startswith("case:")} < found
    for g in gaps:
        assert g["caseCount"] == g["uncoveredCount"] == len(g["cases"])
        assert all(not x["covered"] and x["coveringIds"] == [] for x in g["cases"])
        assert {(x["sichuanCode"], x["chongqingCode"]) for x in g["cases"]} == {
            (g["sichuan"]["code"], g["chongqing"]["code"])
        }


def test_the_timeline_lists_signings_meetings_and_joint_actions_in_order(
    api: Server, scan: Scan
) -> None:
    with api.client("viewer") as c:
        events = data(c, TIMELINE, **{"from": SPAN[0], "to": SPAN[1]})["agreementTimeline"]
    assert [(e["day"], e["kind"]) for e in events] == sorted((e["day"], e["kind"]) for e in events)
    by_kind: dict[str, set[str]] = defaultdict(set)
    for e in events:
        by_kind[e["kind"]].add(e["id"])

    def gids(kind: NodeKind, nodes: list[Node]) -> set[str]:
        return {to_global(kind.name, n.id) for n in nodes}

    conductors, under = scan.out(RelType.CONDUCTED_BY), scan.out(RelType.UNDER)
    joint = [
        a
        for a in scan.kind[NodeKind.SupervisionAction]
        if a.get("started_on")
        and first_day(a.get("started_on")) <= SPAN[1]
        and last_day(a.get("ended_on") or a.get("started_on")) >= SPAN[0]
        and (
            under.get(a.id)
            or {scan.region(x)[:2] for x in conductors.get(a.id, [])} == {"50", "51"}
        )
    ]
    agreements = [a for a in scan.kind[NodeKind.Agreement] if during(a.get("signed_on"), SPAN)]
    meetings = [m for m in scan.kind[NodeKind.JointMeeting] if during(m.get("held_on"), SPAN)]
    assert by_kind["AGREEMENT"] == gids(NodeKind.Agreement, agreements)
    assert by_kind["MEETING"] == gids(NodeKind.JointMeeting, meetings)
    assert by_kind["ACTION"] == gids(NodeKind.SupervisionAction, joint)
    assert by_kind["ACTION"] and by_kind["MEETING"] and by_kind["AGREEMENT"]
    assert {e["kindLabel"] for e in events} == {"签署协议", "召开联席会议", "川渝联合监督"}


def _components(partners: dict[str, set[str]]) -> list[set[str]]:
    seen: set[str] = set()
    out = []
    for start in sorted(partners):
        if start in seen:
            continue
        group, todo = {start}, [start]
        while todo:
            for nxt in partners[todo.pop()] - group:
                group.add(nxt)
                todo.append(nxt)
        seen |= group
        out.append(group)
    return out


def _still_linked(partners: dict[str, set[str]], a: str, b: str) -> bool:
    """Whether a and b stay linked once their own link is cut."""
    reached, todo = {a}, [a]
    while todo:
        here = todo.pop()
        for nxt in partners[here] - reached:
            if {here, nxt} != {a, b}:
                reached.add(nxt)
                todo.append(nxt)
    return b in reached


def test_network_analytics_match_the_co_signatures(api: Server, scan: Scan) -> None:
    with api.client("viewer", "510000") as c:
        result = data(c, NETWORK, asOf=END)["networkAnalytics"]
    signers = scan.out(RelType.SIGNED_BY)
    partners: dict[str, set[str]] = defaultdict(set)
    signed: Counter[str] = Counter()
    for a in scan.agreements_on(END):
        for s in signers[a.id]:
            partners[s] |= set(signers[a.id]) - {s}
            signed[s] += 1
    degrees = {store_id(x["agency"]["id"]): x["degree"] for x in result["agencies"]}
    assert degrees == {a: len(p) for a, p in partners.items()}
    assert {store_id(x["agency"]["id"]): x["agreements"] for x in result["agencies"]} == signed
    assert sorted(len(c["agencies"]) for c in result["components"]) == sorted(
        len(g) for g in _components(partners)
    )
    links = {tuple(sorted((a, b))) for a, ps in partners.items() for b in ps}
    bridges = {(a, b) for a, b in links if not _still_linked(partners, a, b)}
    assert {
        (store_id(b["first"]["id"]), store_id(b["second"]["id"])) for b in result["bridges"]
    } == (bridges)
    assert all(0 <= x["betweenness"] <= 1 for x in result["agencies"])
    assert all(x["betweenness"] == 0 for x in result["agencies"] if x["degree"] == 1)
    hub = result["agencies"][0]
    assert hub["betweenness"] == max(x["betweenness"] for x in result["agencies"]) > 0


def shared_with(scan: Scan, prefix: str) -> set[str]:
    """Agreements signed by a unit of the subtree, and those they implement, up to the "1"."""
    signers, parents = scan.out(RelType.SIGNED_BY), scan.out(RelType.IMPLEMENTS)
    shared = {
        a.id
        for a in scan.kind[NodeKind.Agreement]
        if any(scan.region(s).startswith(prefix) for s in signers[a.id])
    }
    todo = list(shared)
    while todo:
        for parent in parents.get(todo.pop(), []):
            if parent not in shared:
                shared.add(parent)
                todo.append(parent)
    return shared


COOPERATION_WIDE = (
    (COVERAGE, {"asOf": END}),
    (GAPS, {"from": YEAR[0], "to": YEAR[1]}),
    (TIMELINE, {"from": YEAR[0], "to": YEAR[1]}),
    (NETWORK, {"asOf": END}),
    (REPORT, {"from": YEAR[0], "to": YEAR[1]}),
)


def test_a_city_reads_its_shared_agreements_but_not_the_figures_of_both_sides(
    api: Server, scan: Scan
) -> None:
    with api.client("viewer", "511900") as c:
        mine = data(c, AGREEMENTS)["cooperationAgreements"]
        refused = [gql(c, query, **variables) for query, variables in COOPERATION_WIDE]
    with api.client("supervisor", "500000") as c:
        allowed = [gql(c, query, **variables) for query, variables in COOPERATION_WIDE]
    assert {a["storeId"] for a in mine} == shared_with(scan, "5119")
    assert any(p["side"] == "CHONGQING" for a in mine for p in a["parties"])
    assert [codes(body) for body in refused] == [["FORBIDDEN"]] * len(COOPERATION_WIDE)
    assert all(body["data"] is None for body in refused)
    assert "510000, 500000" in refused[0]["errors"][0]["message"]
    assert [codes(body) for body in allowed] == [[]] * len(COOPERATION_WIDE)


def test_without_a_token_nothing_is_read(api: Server) -> None:
    with api.anonymous() as c:
        response = c.post("/graphql", json={"query": REPORT, "variables": {"from": YEAR[0]}})
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("query", "variables", "field"),
    [
        (AGREEMENTS, {"asOf": "2024-02-30"}, "asOf"),
        (COVERAGE, {"asOf": "31/12/2024"}, "asOf"),
        (NETWORK, {"asOf": "2024"}, "asOf"),
        (GAPS, {"from": "2024-01-01", "to": "2024-13-01"}, "to"),
        (TIMELINE, {"from": "2025-01-01", "to": "2024-12-31"}, "to"),
        (REPORT, {"from": "soon", "to": "2024-12-31"}, "from"),
    ],
)
def test_bad_days_are_refused_naming_the_argument(
    api: Server, query: str, variables: dict[str, Any], field: str
) -> None:
    with api.client("admin") as c:
        body = gql(c, query, **variables)
    assert codes(body) == ["VALIDATION"]
    assert [f["field"] for f in body["errors"][0]["extensions"]["fields"]] == [field]
