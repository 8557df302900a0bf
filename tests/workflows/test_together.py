"""Independent reads asked together (``workflows.reading.together``): at the same time only
for a store that answers reads at the same time, results in order, every call ended before
an error is raised, and no pool thread waiting on another."""

from __future__ import annotations

import contextvars
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from graph.adapters.embedded import EmbeddedStore
from graph.store import GraphStore
from graph.wrapper import StoreWrapper
from workflows.reading import at_once, together

WHO = contextvars.ContextVar("WHO", default="nobody")


class Parallel(StoreWrapper):
    """A store that says it answers reads at the same time (as Neo4j does)."""

    def __init__(self, inner: GraphStore) -> None:
        super().__init__(inner)
        self.parallel_reads = True


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[GraphStore]:
    with EmbeddedStore(tmp_path / "store") as store:
        yield store


def test_a_store_answering_one_call_at_a_time_is_asked_in_turn(embedded: GraphStore) -> None:
    assert not embedded.parallel_reads
    threads: list[str] = []

    def call(i: int) -> Callable[[], int]:
        def read() -> int:
            threads.append(threading.current_thread().name)
            return i

        return read

    assert together(embedded, [call(i) for i in range(5)]) == [0, 1, 2, 3, 4]
    assert set(threads) == {threading.current_thread().name}


def test_reads_of_a_parallel_store_run_at_the_same_time_in_order(embedded: GraphStore) -> None:
    store = Parallel(embedded)
    assert store.parallel_reads and StoreWrapper(store).parallel_reads
    # Each call waits for all three: only calls under way at once get past the barrier.
    barrier = threading.Barrier(3, timeout=10)
    WHO.set("the caller")

    def call(i: int) -> Callable[[], tuple[int, str]]:
        def read() -> tuple[int, str]:
            barrier.wait()
            return i, WHO.get()

        return read

    found = together(store, [call(0), call(1), call(2)])
    assert found == [(0, "the caller"), (1, "the caller"), (2, "the caller")]
    assert at_once(store, lambda: "a", lambda: 2) == ("a", 2)


def test_the_first_error_is_raised_after_every_call_has_ended(embedded: GraphStore) -> None:
    store = Parallel(embedded)
    ended: list[int] = []

    def fail(i: int, after: float) -> Callable[[], int]:
        def read() -> int:
            time.sleep(after)
            ended.append(i)
            raise ValueError(f"call {i}")

        return read

    def slow() -> int:
        time.sleep(0.3)
        ended.append(9)
        return 9

    with pytest.raises(ValueError, match="call 1"):
        together(store, [slow, fail(1, 0.1), fail(2, 0.0)])
    assert sorted(ended) == [1, 2, 9]
    ended.clear()
    with pytest.raises(ValueError, match="call 0"):
        together(store, [fail(0, 0.0), slow])
    assert sorted(ended) == [0, 9]


def test_reads_asked_from_a_pool_thread_are_asked_in_turn(embedded: GraphStore) -> None:
    """More nested calls than the pool has threads: each pool thread asks its own in turn,
    so none waits on a pool that is all waiting."""
    store = Parallel(embedded)

    def inner(i: int) -> Callable[[], list[int]]:
        return lambda: together(store, [(lambda j=j: i * 10 + j) for j in range(4)])

    found: list[list[int]] = []
    asking = threading.Thread(
        target=lambda: found.extend(together(store, [inner(i) for i in range(6)])), daemon=True
    )
    asking.start()
    asking.join(timeout=30)
    assert not asking.is_alive(), "the pool threads are waiting on each other"
    assert found == [[i * 10 + j for j in range(4)] for i in range(6)]
