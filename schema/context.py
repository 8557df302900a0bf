"""What every resolver gets: the store, the caller's access, the limits and the loaders."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar

from graph.store import GraphStore
from schema.limits import Limits
from schema.loaders import Loaders
from workflows.access import Access

T = TypeVar("T")
U = TypeVar("U")


@dataclass
class Context:
    store: GraphStore
    access: Access
    limits: Limits
    # A networked store blocks on I/O: its calls run in a worker thread so that other
    # requests go on; the embedded store answers from memory, faster than a thread hop.
    offload: bool = False
    request_id: str = ""

    async def call(self, use_case: Callable[..., T], /, **kwargs: Any) -> T:
        """Run a use case (a ``workflows`` function) with this request's store and access."""
        if self.offload:
            return await asyncio.to_thread(use_case, store=self.store, access=self.access, **kwargs)
        return use_case(store=self.store, access=self.access, **kwargs)

    def then(
        self, use_case: Callable[..., T], answer: Callable[[T], U], /, **kwargs: Any
    ) -> U | Awaitable[U]:
        """``answer`` of a use case's result: at once on the embedded store, so that a query
        with no relationship field runs without a single await; later on a networked one."""
        if not self.offload:
            return answer(use_case(store=self.store, access=self.access, **kwargs))

        async def later() -> U:
            return answer(await self.call(use_case, **kwargs))

        return later()

    @cached_property
    def loaders(self) -> Loaders:
        return Loaders(self)
