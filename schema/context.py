"""What every resolver gets: the store, the caller's access, the limits and the loaders."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar

import strawberry

from graph.store import GraphStore
from schema.generic.dataloaders import Loaders
from schema.limits import Limits
from workflows.access import Access
from workflows.usecase import GUARD
from workflows.usecase import call as call_use_case

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

    def _run(self, use_case: Callable[..., T], kwargs: dict[str, Any]) -> T:
        if hasattr(use_case, GUARD):
            return call_use_case(use_case, store=self.store, access=self.access, **kwargs)
        return use_case(store=self.store, access=self.access, **kwargs)

    async def call(self, use_case: Callable[..., T], /, **kwargs: Any) -> T:
        """Run a use case (a ``workflows`` function) for the caller, after the checks it
        declares (``workflows.usecase``), with this request's store."""
        if self.offload:
            return await asyncio.to_thread(self._run, use_case, kwargs)
        return self._run(use_case, kwargs)

    def then(
        self, use_case: Callable[..., T], answer: Callable[[T], U], /, **kwargs: Any
    ) -> U | Awaitable[U]:
        """``answer`` of a use case's result: at once on the embedded store, so that a query
        with no relationship field runs without a single await; later on a networked one."""
        if not self.offload:
            return answer(self._run(use_case, kwargs))

        async def later() -> U:
            return answer(await self.call(use_case, **kwargs))

        return later()

    @cached_property
    def loaders(self) -> Loaders:
        return Loaders(self)


Info = strawberry.Info[Context, None]
