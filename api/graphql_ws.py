"""GraphQL subscriptions over websocket at /graphql, in the graphql-transport-ws protocol
(github.com/enisdenjo/graphql-ws, PROTOCOL.md).

    client                                          server
    connection_init {payload: {Authorization:       connection_ack
                     "Bearer <token>"}}
    subscribe {id, payload: {query, variables,      next {id, payload: {data, errors}} …
               operationName}}                      complete {id}  (the stream ended)
                                                    error {id, payload: [errors]}  (refused)
    complete {id}  (stop it)
    ping                                            pong

The token may also come in the upgrade request's ``Authorization`` header; it is checked
at connection_init and again at each subscribe; with authentication off every connection
acts as an admin. Only subscriptions are served
(queries and mutations go over HTTP); errors carry ``extensions.code`` as over HTTP. The
connection is closed with 4400 (a malformed message), 4401 (subscribe before the ack),
4403 (no valid token, or the token expired: the connection ends when its token does),
4406 (the subprotocol was not offered), 4408 (no connection_init in time), 4409 (an id
already running), 4429 (a second connection_init) or 1008 (the client took no message in
SEND_SECONDS). A connection runs at most MAX_SUBSCRIPTIONS subscriptions at once (one more
is an ``error`` for its id, QUERY_TOO_LARGE with ``limit: subscriptions``).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from contextlib import aclosing, suppress
from dataclasses import dataclass
from typing import Any

from graphql import GraphQLError
from starlette.datastructures import Headers
from starlette.websockets import WebSocket, WebSocketDisconnect
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types.execution import PreExecutionError

from api.auth import Authenticator, UnauthenticatedError
from api.graphql_http import ANONYMOUS, GraphQLEndpoint
from api.logs import LOGGER
from api.metrics import Metrics
from graph.errors import QueryTooLarge
from graph.store import GraphStore
from schema import JianduSchema
from schema.context import Context
from schema.errors import error_code, format_error
from schema.limits import Limits, variables_size
from workflows.access import Access, Principal, SharedItems
from workflows.audit import record_personal_reads

PROTOCOL = "graphql-transport-ws"
INIT_TIMEOUT = 10.0
MAX_SUBSCRIPTIONS = 16  # running at once on one connection; more: an error for that id
SEND_SECONDS = 30.0  # a message the client has not taken in this long closes it (1008)
MAX_REASON_BYTES = 123  # what a websocket close frame can carry
NOT_SERVED = (InvalidOperationTypeError, CannotGetOperationTypeError)

log = logging.getLogger(LOGGER)


class Closed(Exception):
    """The connection was closed with ``code``."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(reason)
        self.code = code


@dataclass
class GraphQLWebSocket:
    schema: JianduSchema
    store: GraphStore
    limits: Limits
    metrics: Metrics
    shared: SharedItems
    authenticator: Authenticator | None
    offload: bool
    init_timeout: float = INIT_TIMEOUT

    @classmethod
    def beside(cls, http: GraphQLEndpoint) -> GraphQLWebSocket:
        """Subscriptions served with what the HTTP endpoint serves queries with."""
        return cls(
            schema=http.schema,
            store=http.store,
            limits=http.limits,
            metrics=http.metrics,
            shared=http.shared,
            authenticator=http.authenticator,
            offload=http.offload,
        )

    async def handle(self, websocket: WebSocket) -> None:
        await Connection(self, websocket).run()

    @staticmethod
    def _authorization(payload: dict[str, Any], headers: Headers) -> str | None:
        given = payload.get("Authorization", payload.get("authorization"))
        if given is None:
            given = headers.get("authorization")
        if not isinstance(given, str | None):
            raise UnauthenticatedError("Authorization must be a string 'Bearer <token>'")
        return given

    def principal(self, payload: dict[str, Any], headers: Headers) -> Principal:
        if self.authenticator is None:
            return ANONYMOUS
        return self.authenticator.principal(self._authorization(payload, headers))

    def expires_at(self, payload: dict[str, Any], headers: Headers) -> float | None:
        """When the connection's token expires (None with authentication off)."""
        if self.authenticator is None:
            return None
        return self.authenticator.expires_at(self._authorization(payload, headers) or "")

    def context(self, principal: Principal) -> Context:
        return Context(
            store=self.store,
            access=Access(principal, self.shared),
            limits=self.limits,
            offload=self.offload,
            request_id=uuid.uuid4().hex,
        )

    def errors(self, errors: list[GraphQLError], request_id: str = "") -> list[dict[str, Any]]:
        """The errors as a message carries them, with their codes counted."""
        shown = [
            GraphQLError(
                "only subscriptions are served over websocket (queries and mutations: POST)",
                extensions={"code": "BAD_REQUEST"},
            )
            if isinstance(e.original_error, NOT_SERVED)
            else e
            for e in errors
        ]
        self.metrics.errors([error_code(e) for e in shown])
        return [format_error(e, request_id) for e in shown]


class Connection:
    """One websocket: its principal once initialised, and its running subscriptions."""

    def __init__(self, endpoint: GraphQLWebSocket, websocket: WebSocket) -> None:
        self.endpoint = endpoint
        self.websocket = websocket
        self.principal: Principal | None = None
        self.credentials: dict[str, Any] = {}
        self.initialised = False
        self.operations: dict[str, asyncio.Task[None]] = {}
        self.closed = False
        self._sending = asyncio.Lock()
        self._expiry: asyncio.Task[None] | None = None

    async def run(self) -> None:
        started = time.perf_counter()
        offered = self.websocket.scope.get("subprotocols", [])
        await self.websocket.accept(subprotocol=PROTOCOL if PROTOCOL in offered else None)
        timer = asyncio.create_task(self._close_unless_initialised())
        code = 1000
        try:
            if PROTOCOL not in offered:
                raise Closed(4406, "Subprotocol not acceptable")
            while not self.closed:
                message = await self.websocket.receive()
                if message["type"] == "websocket.disconnect":
                    code = int(message.get("code", 1000))
                    break
                if message.get("text") is None:
                    raise Closed(4400, "messages must be text")
                await self._dispatch(message["text"])
        except Closed as closed:
            code = closed.code
            await self.close(closed.code, str(closed))
        finally:
            tasks = [timer, *self.operations.values(), *([self._expiry] if self._expiry else [])]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            self._log(code, started)

    async def _dispatch(self, text: str) -> None:
        try:
            message = json.loads(text)
        except ValueError:
            raise Closed(4400, "messages must be JSON") from None
        kind = message.get("type") if isinstance(message, dict) else None
        handlers = {
            "connection_init": self._connection_init,
            "subscribe": self._subscribe,
            "complete": self._complete,
            "ping": self._ping,
            "pong": self._pong,
        }
        handler = handlers.get(kind) if isinstance(kind, str) else None
        if handler is None:
            raise Closed(4400, f"unknown message type {kind!r}")
        await handler(message)

    async def _connection_init(self, message: dict[str, Any]) -> None:
        if self.initialised:
            raise Closed(4429, "Too many initialisation requests")
        self.initialised = True
        payload = message.get("payload") or {}
        if not isinstance(payload, dict):
            raise Closed(4400, "the connection_init payload must be an object")
        self.credentials = payload
        self.principal = self._authenticate()
        expires = self.endpoint.expires_at(self.credentials, self.websocket.headers)
        if expires is not None:  # the connection ends with its token
            self._expiry = asyncio.create_task(self._close_at(expires))
        await self.send({"type": "connection_ack"})

    async def _close_at(self, expires: float) -> None:
        await asyncio.sleep(max(0.0, expires - time.time()))
        await self.close(4403, "Forbidden: the token has expired")

    def _authenticate(self) -> Principal:
        try:
            return self.endpoint.principal(self.credentials, self.websocket.headers)
        except UnauthenticatedError as exc:
            raise Closed(4403, f"Forbidden: {exc}") from None

    async def _subscribe(self, message: dict[str, Any]) -> None:
        if self.principal is None:
            raise Closed(4401, "Unauthorized")
        # The token may have expired since the connection began.
        principal = self._authenticate()
        id_, payload = message.get("id"), message.get("payload")
        if not isinstance(id_, str) or not id_ or not isinstance(payload, dict):
            raise Closed(4400, "subscribe needs an id and a payload")
        query, variables = payload.get("query"), payload.get("variables")
        name = payload.get("operationName")
        if (
            not isinstance(query, str)
            or not isinstance(variables, dict | None)
            or not isinstance(name, str | None)
        ):
            raise Closed(4400, "subscribe needs a query, variables an object, a name a string")
        if id_ in self.operations:
            raise Closed(4409, f"Subscriber for {id_} already exists")
        if len(self.operations) >= MAX_SUBSCRIPTIONS:
            error = GraphQLError(
                f"a connection runs at most {MAX_SUBSCRIPTIONS} subscriptions at once",
                extensions={
                    "code": QueryTooLarge.code,
                    "limit": "subscriptions",
                    "max": MAX_SUBSCRIPTIONS,
                },
            )
            await self.send({"id": id_, "type": "error", "payload": self.endpoint.errors([error])})
            return
        limits = self.endpoint.limits
        over = (
            f"the query is over {limits.max_query_bytes} bytes"
            if len(query.encode()) > limits.max_query_bytes
            else f"the variables are over {limits.max_variables_bytes} bytes"
            if variables_size(variables) > limits.max_variables_bytes
            else None
        )
        if over is not None:
            error = GraphQLError(over, extensions={"code": QueryTooLarge.code})
            await self.send({"id": id_, "type": "error", "payload": self.endpoint.errors([error])})
            return
        task = asyncio.create_task(self._operate(id_, principal, query, variables, name))
        self.operations[id_] = task

    async def _complete(self, message: dict[str, Any]) -> None:
        task = self.operations.pop(str(message.get("id")), None)
        if task is not None:
            task.cancel()

    async def _ping(self, message: dict[str, Any]) -> None:
        await self.send({"type": "pong"})

    async def _pong(self, message: dict[str, Any]) -> None:
        """A heartbeat from the client: nothing to answer."""

    async def _operate(
        self,
        id_: str,
        principal: Principal,
        query: str,
        variables: dict[str, Any] | None,
        name: str | None,
    ) -> None:
        context = self.endpoint.context(principal)
        try:
            stream = await self.endpoint.schema.subscribe(
                query, variable_values=variables, context_value=context, operation_name=name
            )
            async with aclosing(stream):
                async for result in stream:
                    errors = self.endpoint.errors(result.errors or [], context.request_id)
                    if isinstance(result, PreExecutionError):
                        await self.send({"id": id_, "type": "error", "payload": errors})
                        return
                    body: dict[str, Any] = {"data": result.data}
                    if errors:
                        body["errors"] = errors
                    if context.personal_reads:  # on record before the message leaves
                        reads, context.personal_reads = context.personal_reads, {}
                        await asyncio.to_thread(
                            record_personal_reads, self.endpoint.store, principal.subject, reads
                        )
                    await self.send({"id": id_, "type": "next", "payload": body})
            await self.send({"id": id_, "type": "complete"})
        finally:
            if self.operations.get(id_) is asyncio.current_task():
                del self.operations[id_]

    async def send(self, message: dict[str, Any]) -> None:
        async with self._sending:
            if self.closed:
                return
            try:
                # A client that stops reading holds the send (the transport's buffer is
                # bounded, so nothing piles up in memory), and past SEND_SECONDS it is cut off.
                await asyncio.wait_for(
                    self.websocket.send_text(json.dumps(message, ensure_ascii=False)),
                    SEND_SECONDS,
                )
            except TimeoutError:
                self.closed = True
                with suppress(Exception):
                    await asyncio.wait_for(self.websocket.close(1008, "too slow to read"), 1)
            except (WebSocketDisconnect, RuntimeError, OSError):
                self.closed = True

    async def close(self, code: int, reason: str) -> None:
        async with self._sending:
            if self.closed:
                return
            self.closed = True
            with suppress(WebSocketDisconnect, RuntimeError, OSError):
                short = reason.encode()[:MAX_REASON_BYTES].decode(errors="ignore")
                await self.websocket.close(code, short)

    async def _close_unless_initialised(self) -> None:
        await asyncio.sleep(self.endpoint.init_timeout)
        if not self.initialised:
            await self.close(4408, "Connection initialisation timeout")

    def _log(self, code: int, started: float) -> None:
        if log.isEnabledFor(logging.INFO):
            subject = None if self.principal is None else self.principal.subject
            log.info(
                "websocket",
                extra={
                    "fields": {
                        "path": self.websocket.url.path,
                        "subject": subject,
                        "close_code": code,
                        "ms": round((time.perf_counter() - started) * 1000, 3),
                    }
                },
            )
