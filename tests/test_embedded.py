"""What only the embedded store promises: durable across processes, one writer, SIGKILL-safe."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.adapters.embedded import DB_FILE, EmbeddedStore
from graph.adapters.embedded_schema import create_all
from graph.errors import NotFound, StoreLocked
from graph.model.enums import NodeKind, RelType
from graph.model.records import Node, Rel
from graph.store import Batch

ROOT = Path(__file__).resolve().parents[1]


def agency(i: int, name: str = "") -> Node:
    props = {"name": name or f"法院{i}", "kind": "COURT", "level": "CITY", "region_code": "510100"}
    return Node(NodeKind.Agency, f"agency:{i}", props)


def snapshot(store: EmbeddedStore) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    nodes = [
        (n.kind, n.id, n.props, n.version)
        for kind in NodeKind
        for chunk in store.scan_nodes(kind)
        for n in chunk
    ]
    rels = [
        (r.type, r.id, r.start, r.end, r.props)
        for type_ in RelType
        for chunk in store.scan_rels(type_)
        for r in chunk
    ]
    return nodes, rels


def child(code: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_sigkill_in_the_middle_of_a_batch_leaves_the_previous_state(tmp_path: Path) -> None:
    proc = child(
        f"""
        import sys, time
        from graph.adapters.embedded import EmbeddedStore
        from graph.model.enums import NodeKind
        from graph.model.records import Node
        from graph.store import Batch

        class Stall(dict):
            # json.dumps calls items() on a dict subclass: by then half the batch is in the
            # open transaction, so the parent's SIGKILL lands in the middle of it.
            def items(self):
                print("MIDDLE", flush=True)
                time.sleep(60)
                return super().items()

        def agency(i, props=dict):
            return Node(NodeKind.Agency, f"agency:{{i}}", props(
                name=f"法院{{i}}", kind="COURT", level="CITY", region_code="510100"))

        store = EmbeddedStore({str(tmp_path)!r})
        store.write(Batch(nodes=[agency(i) for i in range(100)]))
        print("COMMITTED", flush=True)
        batch = [agency(i) for i in range(50, 20_000)]
        batch[10_000] = agency(10_050, Stall)
        store.write(Batch(nodes=batch))
        print("FINISHED", flush=True)
        """
    )
    assert proc.stdout is not None
    lines = []
    for line in proc.stdout:
        lines.append(line.strip())
        if line.strip() == "MIDDLE":
            break
    assert lines == ["COMMITTED", "MIDDLE"], proc.stderr.read() if proc.stderr else lines
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL

    with EmbeddedStore(tmp_path) as store:
        counts = store.counts()
        assert counts.nodes[NodeKind.Agency] == 100
        assert all(
            n.version == 1 for n in store.get_nodes([f"agency:{i}" for i in range(100)]).values()
        )
        assert not store.get_nodes(["agency:150"])


def test_a_second_writer_is_refused_and_readers_get_a_snapshot(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path) as store:
        store.write(Batch(nodes=[agency(1)]))
    holder = child(
        f"""
        import time
        from graph.adapters.embedded import EmbeddedStore
        store = EmbeddedStore({str(tmp_path)!r})
        print("HOLDING", flush=True)
        time.sleep(60)
        """
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "HOLDING"
        with pytest.raises(StoreLocked) as caught:
            EmbeddedStore(tmp_path)
        assert str(holder.pid) in str(caught.value)
        assert str(tmp_path) in str(caught.value)
        with EmbeddedStore(tmp_path, read_only=True) as reader:
            assert reader.counts().nodes[NodeKind.Agency] == 1
    finally:
        holder.kill()
        holder.communicate()
    with EmbeddedStore(tmp_path) as store:  # the lock dies with its holder
        assert store.counts().nodes[NodeKind.Agency] == 1


def test_a_reader_before_the_layout_is_committed_finds_no_store_yet(tmp_path: Path) -> None:
    """`jiandu load` creating a store while a reader polls it (the killed-load test does): the
    reader sees no layout, or all of it, never a half-made store."""
    db = sqlite3.connect(tmp_path / DB_FILE, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    with pytest.raises(NotFound, match="being created"):
        EmbeddedStore(tmp_path, read_only=True)
    db.execute("BEGIN IMMEDIATE")
    create_all(db.execute)  # as a writer does, not yet committed
    with pytest.raises(NotFound, match="being created"):
        EmbeddedStore(tmp_path, read_only=True)
    db.execute("ROLLBACK")
    db.close()
    with EmbeddedStore(tmp_path) as store:
        store.write(Batch(nodes=[agency(1)]))
    with EmbeddedStore(tmp_path, read_only=True) as reader:
        assert reader.counts().nodes[NodeKind.Agency] == 1
        assert reader.audit_entries(target="import") == []


names = st.text(alphabet="法院检察公安川渝一二三abc", min_size=1, max_size=8)
partial_dates = st.sampled_from(["2019", "2020-06", "2021-02-03", "2023"])


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    batches=st.lists(
        st.lists(
            st.tuples(st.integers(0, 20), names, st.integers(0, 20), st.booleans(), partial_dates),
            min_size=1,
            max_size=12,
        ),
        min_size=1,
        max_size=5,
    ),
)
def test_reopening_gives_an_identical_graph(
    tmp_path_factory: pytest.TempPathFactory,
    batches: list[list[tuple[int, str, int, bool, str]]],
) -> None:
    path = tmp_path_factory.mktemp("store")
    with EmbeddedStore(path) as store:
        for rows in batches:
            nodes = [agency(i, name) for i, name, _, _, _ in rows]
            rels = [
                Rel(RelType.GUIDES, f"g{i}-{j}", f"agency:{i}", f"agency:{j}", {"valid_from": day})
                for i, _, j, keep, day in rows
                if keep and j in {r[0] for r in rows}
            ]
            drop = [f"agency:{j}" for i, _, j, keep, _ in rows if not keep and j != i]
            store.write(Batch(nodes=nodes, rels=rels))
            store.write(Batch(delete_nodes=drop[:2]))
        before = snapshot(store)
    with EmbeddedStore(path) as reopened:
        assert snapshot(reopened) == before


def test_a_common_search_term_is_checked_along_the_order_with_the_same_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page sorted on an index meets a common term's rows early: the term is checked on
    them (``Part.checked``) instead of gathered from the full-text index. The answer, page
    by page, is the one the index gives."""
    from graph.adapters import embedded_query
    from graph.store import AnyOf, Op, PageRequest, Where
    from tests.worlds.known_answers import node

    causes = ["民间借贷纠纷", "盗窃罪", "买卖合同纠纷", "诈骗罪", "离婚纠纷"]
    cases = [
        node(NodeKind.Case, f"c{i:03}", cause=causes[i % 5], filed_on=f"2024-01-{1 + i % 28:02}")
        for i in range(60)
    ]
    term = AnyOf((Where("case_number", Op.CONTAINS, "纠纷"), Where("cause", Op.CONTAINS, "纠纷")))
    walked: list[set[int]] = []
    checking = embedded_query.Compiled.checking

    def spy(self: embedded_query.Compiled, indexes: set[int]) -> tuple[str, list[object]]:
        walked.append(indexes)
        return checking(self, indexes)

    def pages(store: EmbeddedStore, order_by: str) -> list[list[str]]:
        out, after = [], None
        while True:
            request = PageRequest(order_by=order_by, first=7, after=after, descending=True)
            page = store.list_nodes(NodeKind.Case, [term], request)
            out.append([n.id for n in page.items])
            if not page.has_next:
                return out
            after = page.cursors[-1]

    with EmbeddedStore(tmp_path / "store") as store:
        store.write(Batch(nodes=cases))
        by_index = {order: pages(store, order) for order in ("id", "filed_on")}
        monkeypatch.setattr(embedded_query.Compiled, "checking", spy)
        monkeypatch.setattr(embedded_query.Estimates, "CAP", 5)
        store._estimates.clear()
        along = {order: pages(store, order) for order in ("id", "filed_on")}
    assert any(walked), "the common term was never checked along the order"
    assert along == by_index
    assert sum(len(p) for p in along["id"]) == 36  # 纠纷: three causes of five
