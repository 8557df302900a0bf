"""What every resolver gets: the store, the caller's access, the limits and the loaders."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

import strawberry

from graph.blobs import BlobStore
from graph.errors import BackendUnavailable, NotFound
from graph.store import GraphStore
from schema.generic.dataloaders import Loaders
from schema.limits import Limits
from workflows.access import Access
from workflows.usecase import GUARD
from workflows.usecase import call as call_use_case

T = TypeVar("T")
U = TypeVar("U")

NAMED_AS_IS: Mapping[str, str] = {}


class InFlight:
    """How many use cases are running in worker threads, so that whoever closes the store
    (the server at shutdown) first waits for the work still under way."""

    def __init__(self) -> None:
        self._count = 0
        self._idle = threading.Condition()

    def __enter__(self) -> None:
        with self._idle:
            self._count += 1

    def __exit__(self, *_: object) -> None:
        with self._idle:
            self._count -= 1
            if self._count == 0:
                self._idle.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        """Whether every running use case finished within ``timeout`` seconds."""
        with self._idle:
            return self._idle.wait_for(lambda: self._count == 0, timeout)


IN_FLIGHT = InFlight()


@dataclass
class Context:
    store: GraphStore
    access: Access
    limits: Limits
    # A use case runs in a worker thread, so that a heavy one never holds up the event loop
    # and the other requests go on beside it (both stores are thread-safe). ``offload``: the
    # store blocks on I/O (a networked one), so its single reads (``then``) go to a thread
    # too; the embedded store answers those from memory, faster than a thread hop.
    offload: bool = False
    request_id: str = ""
    # The files on record (graph.blobs), for the use cases that store or read them.
    blobs: BlobStore | None = None
    # Personal fields this request returned unmasked, by node: recorded in the audit trail
    # before the answer leaves (api.graphql_http, workflows.access.reads_of_personal_data).
    personal_reads: dict[tuple[str, str], set[str]] = field(default_factory=dict)

    def files(self) -> BlobStore:
        if self.blobs is None:
            raise BackendUnavailable("this entry point keeps no files")
        return self.blobs

    def read_personal(self, record: Any, name: str) -> None:
        """``record`` (a node or relationship) was given with its field ``name`` unmasked."""
        if not self.access.masked:
            kind = getattr(record, "kind", None) or getattr(record, "type", None)
            label = getattr(kind, "name", "Relationship")
            self.personal_reads.setdefault((label, record.id), set()).add(name)

    def _run(
        self, use_case: Callable[..., T], kwargs: dict[str, Any], spelled: Mapping[str, str]
    ) -> T:
        try:
            if hasattr(use_case, GUARD):
                return call_use_case(use_case, store=self.store, access=self.access, **kwargs)
            return use_case(store=self.store, access=self.access, **kwargs)
        except NotFound as absent:
            head, dot, rest = absent.field.partition(".")
            if head not in spelled:
                raise
            raise NotFound(field=spelled[head] + dot + rest, detail=absent.detail) from None

    async def call(
        self,
        use_case: Callable[..., T],
        /,
        *,
        spelled: Mapping[str, str] = NAMED_AS_IS,
        **kwargs: Any,
    ) -> T:
        """Run a use case (a ``workflows`` function) for the caller, after the checks it
        declares (``workflows.usecase``), with this request's store. ``spelled`` maps a use
        case's argument to the GraphQL argument it came from when their names differ
        (``{"action_id": "id"}``), so that an error names what the client wrote."""
        return await asyncio.to_thread(self._counted, use_case, kwargs, spelled)

    def _counted(
        self, use_case: Callable[..., T], kwargs: dict[str, Any], spelled: Mapping[str, str]
    ) -> T:
        with IN_FLIGHT:
            return self._run(use_case, kwargs, spelled)

    def then(
        self, use_case: Callable[..., T], answer: Callable[[T], U], /, **kwargs: Any
    ) -> U | Awaitable[U]:
        """``answer`` of a use case's result: at once on the embedded store, so that a query
        with no relationship field runs without a single await; later on a networked one."""
        if not self.offload:
            return answer(self._run(use_case, kwargs, NAMED_AS_IS))

        async def later() -> U:
            return answer(await self.call(use_case, **kwargs))

        return later()

    @cached_property
    def loaders(self) -> Loaders:
        return Loaders(self)


Info = strawberry.Info[Context, None]
