"""write: all or nothing, versions, validation, deletes, and relationship replacement."""

import threading

import pytest

from graph.audit import GENESIS, AuditRecord, verify
from graph.errors import Conflict, FieldError, ValidationError
from graph.model.enums import NodeKind, RelType
from graph.model.records import Node, Rel
from graph.store import Batch, Counts, GraphStore, WriteResult
from tests.worlds.known_answers import agency, node, rel

G = RelType.GUIDES


def snapshot(store: GraphStore) -> tuple[Counts, list[Node], list[Rel]]:
    """Every count, and every record of the kinds and types these tests write."""
    nodes = [
        n for kind in (NodeKind.Agency, NodeKind.Case) for c in store.scan_nodes(kind) for n in c
    ]
    rels = [r for type_ in (G, RelType.COORDINATES) for c in store.scan_rels(type_) for r in c]
    return store.counts(), nodes, rels


def test_properties_round_trip_with_their_types(store: GraphStore) -> None:
    case = node(
        NodeKind.Case,
        "case:1",
        case_number="(2021)川0104刑初12号",
        months_reduced=7,
        served_ratio=1.0,
        eligible_ratio=0.5,
        private_enterprise=True,
        gang_related=False,
        filed_on="2021-02",
        recorded_at="2021-02-03T04:05:06",
    )
    official = node(NodeKind.Official, "o1", expertise=["CRIMINAL", "CIVIL"], available=True)
    # Validation drops empty lists; the stores keep one given to them all the same.
    blank_list = Node(NodeKind.Official, "o2", {**official.props, "expertise": []})
    store.write(Batch(nodes=[case, official, blank_list]))
    got = store.get_nodes(["case:1", "o1", "o2"])
    for written in (case, official, blank_list):
        read = got[written.id]
        assert (read.kind, read.props, read.version) == (written.kind, written.props, 1)
        assert {k: type(v) for k, v in read.props.items()} == {
            k: type(v) for k, v in written.props.items()
        }
    assert "version" not in got["case:1"].props and "id" not in got["case:1"].props


def test_each_upsert_increments_the_version_and_replaces_properties(store: GraphStore) -> None:
    first = agency("a", cross_region=True)
    assert store.write(Batch(nodes=[first])) == WriteResult(1, 0, 0, 0)
    store.write(Batch(nodes=[agency("a", name="改名")]))
    (again,) = store.get_nodes(["a"]).values()
    assert (again.version, again.props["name"], "cross_region" in again.props) == (2, "改名", False)
    twice = Batch(nodes=[agency("a", name="一"), agency("b"), agency("a", name="二")])
    assert store.write(twice) == WriteResult(2, 0, 0, 0)
    got = store.get_nodes(["a", "b"])
    assert (got["a"].version, got["a"].props["name"], got["b"].version) == (4, "二", 1)


def test_an_id_belongs_to_one_kind(store: GraphStore) -> None:
    store.write(Batch(nodes=[agency("x")]))
    with pytest.raises(ValidationError) as caught:
        store.write(Batch(nodes=[agency("new"), node(NodeKind.Case, "x")]))
    assert [e.field for e in caught.value.errors] == ["id"]
    assert store.get_nodes(["new"]) == {}
    with pytest.raises(ValidationError):
        store.write(Batch(nodes=[node(NodeKind.Case, "y"), agency("y")]))
    # Deleted and recreated as another kind in one batch: allowed, and a new record.
    store.write(Batch(nodes=[agency("z"), agency("w")], rels=[rel(G, "z", "w", "zw")]))
    store.write(Batch(delete_nodes=["x", "z"], nodes=[node(NodeKind.Case, "x"), agency("z")]))
    got = store.get_nodes(["x", "z"])
    assert (got["x"].kind, got["x"].version, got["z"].version) == (NodeKind.Case, 1, 1)
    assert store.get_rels(["zw"]) == {}


def test_a_bad_relationship_at_the_end_leaves_nothing_written(store: GraphStore) -> None:
    store.write(Batch(nodes=[agency("a"), agency("b")], rels=[rel(G, "a", "b", "ab")]))
    before = snapshot(store)
    bad = Batch(
        nodes=[agency("a", name="改"), agency("c"), agency("d")],
        rels=[rel(G, "c", "d", "cd"), rel(G, "a", "c", "ac"), rel(G, "d", "ghost", "dg")],
        delete_nodes=["b"],
        delete_rels=["ab"],
    )
    with pytest.raises(ValidationError) as caught:
        store.write(bad)
    assert caught.value.errors == [FieldError("to", "no node 'ghost'")]
    assert caught.value.where == "dg"
    assert snapshot(store) == before
    with pytest.raises(ValidationError) as caught:
        store.write(Batch(rels=[rel(G, "nobody", "a", "na")]))
    assert ([e.field for e in caught.value.errors], caught.value.where) == (["from"], "na")
    # An endpoint deleted in the same batch is missing too.
    with pytest.raises(ValidationError) as caught:
        store.write(Batch(delete_nodes=["b"], rels=[rel(G, "a", "b", "ab2")]))
    assert caught.value.errors == [FieldError("to", "no node 'b'")]
    assert snapshot(store) == before


def test_a_kind_pair_the_type_does_not_allow_is_refused(store: GraphStore) -> None:
    store.write(Batch(nodes=[agency("a"), node(NodeKind.Case, "c")]))
    with pytest.raises(ValidationError) as caught:
        store.write(Batch(rels=[Rel(RelType.HANDLED_BY, "wrong", "a", "c", {})]))
    assert ([e.field for e in caught.value.errors], caught.value.where) == (["kind"], "wrong")
    assert store.get_rels(["wrong"]) == {}


def test_a_stale_version_writes_nothing(store: GraphStore) -> None:
    store.write(Batch(nodes=[agency("a")]))
    store.write(Batch(nodes=[agency("a")]))
    before = snapshot(store)
    for expected in ({"a": 1}, {"a": 3}, {"a": 0}, {"a": 2, "new": 1}):
        with pytest.raises(Conflict):
            store.write(
                Batch(nodes=[agency("a", name="改"), agency("new")], expect_versions=expected)
            )
        assert snapshot(store) == before
    store.write(
        Batch(nodes=[agency("a", name="改"), agency("new")], expect_versions={"a": 2, "new": 0})
    )
    got = store.get_nodes(["a", "new"])
    assert (got["a"].version, got["new"].version) == (3, 1)
    store.write(Batch(delete_nodes=["a"], expect_versions={"a": 3}))
    assert store.get_nodes(["a"]) == {}


def test_deleting_a_node_deletes_its_relationships(store: GraphStore) -> None:
    store.write(
        Batch(
            nodes=[agency(i) for i in "abcd"],
            rels=[
                rel(G, "a", "b", "ab"),
                rel(G, "c", "b", "cb"),
                rel(G, "b", "b", "bb"),
                rel(G, "c", "d", "cd"),
            ],
        )
    )
    done = store.write(Batch(delete_nodes=["b", "missing"], delete_rels=["cd", "missing"]))
    assert done == WriteResult(0, 0, 1, 4)
    assert store.counts().rels[G] == 0
    assert sorted(store.get_nodes(["a", "b", "c", "d"])) == ["a", "c", "d"]
    assert store.neighbours(["a", "c"]) == {"a": [], "c": []}
    # A relationship re-written in the batch that deletes its endpoint's old record survives.
    store.write(Batch(nodes=[agency("b")], rels=[rel(G, "a", "b", "ab"), rel(G, "c", "b", "cb")]))
    done = store.write(
        Batch(delete_nodes=["b"], nodes=[agency("b")], rels=[rel(G, "a", "b", "ab")])
    )
    assert done == WriteResult(1, 1, 1, 1)
    assert sorted(store.get_rels(["ab", "cb"])) == ["ab"]
    assert store.get_nodes(["b"])["b"].version == 1


def test_upserting_a_relationship_replaces_its_endpoints_type_and_properties(
    store: GraphStore,
) -> None:
    store.write(
        Batch(nodes=[agency(i) for i in "abc"], rels=[rel(G, "a", "b", "r", valid_from="2020")])
    )
    assert store.write(Batch(rels=[rel(G, "a", "c", "r")])) == WriteResult(0, 1, 0, 0)
    assert store.get_rels(["r"]) == {"r": Rel(G, "r", "a", "c", {})}
    assert store.neighbours(["b"]) == {"b": []}
    store.write(Batch(rels=[rel(G, "a", "c", "r", source="复核")]))
    assert store.get_rels(["r"])["r"].props == {"source": "复核"}
    store.write(Batch(rels=[rel(RelType.COORDINATES, "c", "a", "r")]))
    assert store.get_rels(["r"]) == {"r": Rel(RelType.COORDINATES, "r", "c", "a", {})}
    counts = store.counts().rels
    assert (counts[G], counts[RelType.COORDINATES]) == (0, 1)
    # Deleting and re-writing one relationship in one batch keeps it.
    store.write(Batch(delete_rels=["r"], rels=[rel(G, "a", "b", "r")]))
    assert store.get_rels(["r"]) == {"r": Rel(G, "r", "a", "b", {})}


def test_audit_records_commit_with_their_batch_or_not_at_all(store: GraphStore) -> None:
    assert store.audit_head() == (0, GENESIS)
    records = [
        AuditRecord("张三", "2024-01-02T03:04:05", "create", "a", None, {"name": "a", "n": 1}),
        AuditRecord("李四", "2024-01-03T00:00:00", "update", "a", {"name": "a"}, {"name": "b"}),
    ]
    store.write(Batch(nodes=[agency("a")], audit=records))
    head = store.audit_head()
    assert head[0] == 2
    with pytest.raises(ValidationError):
        store.write(Batch(rels=[rel(G, "a", "ghost")], audit=records[:1]))
    assert store.audit_head() == head
    entries = store.audit_entries()
    assert [e.record for e in entries] == records
    assert verify(entries, head).ok
    assert [e.seq for e in store.audit_entries(actor="李四")] == [2]
    assert [e.seq for e in store.audit_entries(since="2024-01-03", after_seq=0, limit=5)] == [2]
    assert [e.seq for e in store.audit_entries(target="a", limit=1)] == [1]
    assert store.audit_entries(until="2024-01-01") == []


def test_concurrent_writers_expecting_the_same_version_one_wins(store: GraphStore) -> None:
    store.write(Batch(nodes=[agency("a")]))
    outcomes: list[str] = []

    def edit(name: str) -> None:
        try:
            store.write(Batch(nodes=[agency("a", name=name)], expect_versions={"a": 1}))
            outcomes.append(name)
        except Conflict:
            outcomes.append("conflict")

    writers = [threading.Thread(target=edit, args=(f"w{i}",)) for i in range(4)]
    for w in writers:
        w.start()
    for w in writers:
        w.join()
    (winner,) = [o for o in outcomes if o != "conflict"]
    assert outcomes.count("conflict") == 3
    got = store.get_nodes(["a"])["a"]
    assert (got.version, got.props["name"]) == (2, winner)


def test_concurrent_writers_of_one_new_record_each_write_a_version(store: GraphStore) -> None:
    store.write(Batch(nodes=[agency("a")]))
    failures: list[Exception] = []

    def create(name: str) -> None:
        try:
            store.write(Batch(nodes=[agency("new", name=name)], rels=[rel(G, "a", "new", "an")]))
        except Exception as exc:
            failures.append(exc)

    writers = [threading.Thread(target=create, args=(f"w{i}",)) for i in range(4)]
    for w in writers:
        w.start()
    for w in writers:
        w.join()
    assert failures == []
    assert store.get_nodes(["new"])["new"].version == 4
    assert store.counts().rels[G] == 1
