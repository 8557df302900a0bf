"""Reading the graph: nodes by id, connections with filters, sorting and cursors,
relationships both ways, links, counts."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.api_client import codes, data, gid, gql
from tests.api.api_harness import Server
from tests.worlds.sample import write_sample


@pytest.fixture
def sample(server: Server) -> Server:
    write_sample(server.store)
    return server


def numbers(result: dict[str, Any]) -> list[str]:
    return [n["caseNumber"] for n in result["cases"]["nodes"]]


def test_node_and_nodes_by_global_id(sample: Server) -> None:
    ids = [gid("case:cd-1"), gid("agency:cd-court"), gid("case:missing")]
    with sample.client() as c:
        got = data(
            c,
            """query($ids: [ID!]!) { nodes(ids: $ids) { id storeId nodeKind nodeKindLabel version
                 ... on Case { caseNumber stageLabel } ... on Agency { name kindLabel } } }""",
            ids=ids,
        )
    case, agency, missing = got["nodes"]
    assert case["storeId"] == "case:cd-1" and case["nodeKind"] == "Case"
    assert case["nodeKindLabel"] == "案件" and case["stageLabel"] == "审判" and case["version"] == 1
    assert agency["name"] == "成都市中级人民法院" and agency["kindLabel"] == "法院"
    assert missing is None


def test_an_id_of_another_kind_is_not_found(sample: Server) -> None:
    from schema.generic.ids import to_global

    wrong = to_global("Agency", "case:cd-1")
    with sample.client() as c:
        assert data(c, "query($id: ID!) { node(id: $id) { id } }", id=wrong) == {"node": None}
        bad = gql(c, 'query { node(id: "not base64!") { id } }')
    assert codes(bad) == ["VALIDATION"]


@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        ({"region": "510100"}, ["(2021)川0104刑初1号", "(2021)川01民初2号"]),
        ({"region": "510000"}, ["(2021)川0104刑初1号", "(2021)川01民初2号", "(2021)川04刑初3号"]),
        ({"kind": ["CIVIL"]}, ["(2021)川01民初2号", "(2021)渝0105民初4号"]),
        ({"privateEnterprise": True}, ["(2021)川01民初2号"]),
        ({"majorSensitive": True}, ["(2021)川04刑初3号"]),
        (
            {"majorSensitive": False, "region": "510000"},
            ["(2021)川0104刑初1号", "(2021)川01民初2号"],
        ),
        ({"search": "川04"}, ["(2021)川04刑初3号"]),
        ({"search": "纠纷"}, ["(2021)川01民初2号", "(2021)渝0105民初4号"]),
        ({"filedOn": {"from": "2021-03", "to": "2021-03"}}, None),
        ({"filedOn": {"to": "2021-02"}}, []),
        ({"agency": gid("agency:cd-court")}, ["(2021)川01民初2号"]),
    ],
)
def test_case_filters(sample: Server, filter_: dict[str, Any], expected: list[str] | None) -> None:
    with sample.client() as c:
        got = data(
            c,
            "query($f: CaseFilter) { cases(filter: $f, orderBy: {field: CASE_NUMBER}) "
            "{ totalCount nodes { caseNumber } } }",
            f=filter_,
        )
    all_four = [
        "(2021)川0104刑初1号",
        "(2021)川01民初2号",
        "(2021)川04刑初3号",
        "(2021)渝0105民初4号",
    ]
    want = all_four if expected is None else expected
    assert numbers(got) == want and got["cases"]["totalCount"] == len(want)


def test_sorting_and_cursor_pages(sample: Server) -> None:
    query = """query($after: String, $before: String, $first: Int, $last: Int) {
        cases(orderBy: {field: CASE_NUMBER, direction: DESC}, first: $first, after: $after,
              last: $last, before: $before) {
          totalCount edges { cursor node { caseNumber } }
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"""
    with sample.client() as c:
        first = data(c, query, first=2)["cases"]
        second = data(c, query, first=2, after=first["pageInfo"]["endCursor"])["cases"]
        back = data(c, query, last=1, before=second["pageInfo"]["startCursor"])["cases"]
    assert [e["node"]["caseNumber"] for e in first["edges"]] == [
        "(2021)渝0105民初4号",
        "(2021)川04刑初3号",
    ]
    assert first["pageInfo"]["hasNextPage"] and not first["pageInfo"]["hasPreviousPage"]
    assert [e["node"]["caseNumber"] for e in second["edges"]] == [
        "(2021)川01民初2号",
        "(2021)川0104刑初1号",
    ]
    assert not second["pageInfo"]["hasNextPage"] and second["pageInfo"]["hasPreviousPage"]
    assert [e["node"]["caseNumber"] for e in back["edges"]] == ["(2021)川04刑初3号"]
    assert first["totalCount"] == second["totalCount"] == 4


def test_relationships_both_ways(sample: Server) -> None:
    with sample.client() as c:
        got = data(
            c,
            """query($case: ID!, $court: ID!) {
              case: node(id: $case) { ... on Case { complaints { number petitioners { name }
                  againstOfficials { name casesHandled { caseNumber } } }
                handlingAgencies { name } } }
              court: node(id: $court) { ... on Agency { casesHandled { caseNumber }
                  region { name } agreementsSigned { title } } } }""",
            case=gid("case:cd-1"),
            court=gid("agency:cd-court"),
        )
    complaint = got["case"]["complaints"][0]
    assert complaint["number"] == "XF-2021-001" and complaint["petitioners"] == [{"name": "李某"}]
    assert complaint["againstOfficials"] == [
        {"name": "张法官", "casesHandled": [{"caseNumber": "(2021)川01民初2号"}]}
    ]
    assert got["case"]["handlingAgencies"] == [{"name": "成都市公安局锦江区分局"}]
    assert got["court"]["casesHandled"] == [{"caseNumber": "(2021)川01民初2号"}]
    assert got["court"]["region"] == {"name": "成都市"}
    assert got["court"]["agreementsSigned"] == [{"title": "成都中院—江北法院司法协作协议"}]


def test_links_give_relationship_records(sample: Server) -> None:
    with sample.client() as c:
        got = data(
            c,
            """query($id: ID!) { node(id: $id) { links(types: [SIGNED_BY, IMPLEMENTS]) {
                outgoing node { storeId }
                relationship { type typeLabel from { storeId } to { storeId } } } } }""",
            id=gid("agreement:cd-cq"),
        )
    links = got["node"]["links"]
    assert [
        (link["relationship"]["type"], link["node"]["storeId"], link["outgoing"]) for link in links
    ] == [
        ("IMPLEMENTS", "agreement:one", True),
        ("SIGNED_BY", "agency:cd-court", True),
        ("SIGNED_BY", "agency:jb-court", True),
    ]
    assert links[1]["relationship"]["typeLabel"] == "签署方"
    assert links[1]["relationship"]["from"] == {"storeId": "agreement:cd-cq"}


def test_stats_count_nodes_and_relationships(sample: Server) -> None:
    with sample.client() as c:
        got = data(c, "{ stats { nodes { kind label count } rels { type label count } } }")
    nodes = {n["kind"]: (n["label"], n["count"]) for n in got["stats"]["nodes"]}
    rels = {r["type"]: r["count"] for r in got["stats"]["rels"]}
    assert nodes["Case"] == ("案件", 4) and nodes["Agreement"] == ("协议", 3)
    assert rels["SIGNED_BY"] == 6 and rels["UNDER"] == 1


@pytest.mark.parametrize(
    ("query", "counted"),
    [
        ("{ cases(first: 2) { edges { node { id } } } }", False),
        ("{ cases(first: 2) { totalCount } }", True),
        ("{ cases(first: 2) { ...Sized } } fragment Sized on CaseConnection { totalCount }", True),
        ("{ cases(first: 2) { ... on CaseConnection { totalCount } } }", True),
        ("{ cases(first: 2) { pageInfo { hasNextPage } nodes { id } } }", False),
        (
            "{ cases(first: 2) { ...A } } fragment A on CaseConnection { ...B nodes { id } } "
            "fragment B on CaseConnection { totalCount }",
            True,
        ),
    ],
)
def test_a_list_is_counted_only_when_its_total_count_is_asked_for(
    sample: Server, query: str, counted: bool
) -> None:
    """Counting a long list is the costly part of a page: the store is asked for it only
    when the client selects ``totalCount`` (directly or through fragments)."""
    sample.store.counted.clear()
    with sample.client("viewer") as c:
        c.post("/graphql", json={"query": query})
    assert sample.store.counted[:1] == [counted]
