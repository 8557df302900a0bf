"""GraphQL over HTTP, as its specification expects.

- POST with a JSON body (``application/json``), or a GraphQL multipart request
  (``multipart/form-data``: ``operations``, ``map`` and the files, the convention of
  jaydenseric's spec) to upload files; anything else is 415. A multipart request must carry
  a ``GraphQL-Preflight`` (or ``Apollo-Require-Preflight``) header, so that no plain HTML
  form of another site can send one (CSRF). GET for queries only (a mutation over GET is
  405, with ``Allow: POST``).
- The response is ``application/graphql-response+json`` when the client accepts it, else
  ``application/json`` (406 when it accepts neither). With the former, a request error
  (parse, validation, limits, variables: no ``data``) is HTTP 400; with the latter, any
  well-formed request gets 200.
- With authentication on, no valid bearer token is 401 with ``WWW-Authenticate``.
- GET with ``Accept: text/html`` serves GraphiQL (``api.graphiql``: the project's page and
  libraries, nothing from another host) when it is switched on.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any

from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import Response
from strawberry.exceptions import MissingQueryError
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from api import xlsx
from api.auth import Authenticator, UnauthenticatedError
from api.graphiql import GRAPHIQL
from api.metrics import Metrics
from graph.blobs import BlobStore
from graph.deadline import WithDeadline
from graph.errors import QueryTooLarge, Timeout
from graph.store import GraphStore
from schema import JianduSchema
from schema.context import Context
from schema.errors import error_code, format_error
from schema.limits import Limits, variables_size
from workflows.access import Access, Principal, Role, SharedItems
from workflows.audit import record_personal_reads

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
MULTIPART = "multipart/form-data"
PREFLIGHT = ("graphql-preflight", "apollo-require-preflight", "x-apollo-operation-name")
MAX_FILES = 4
ANONYMOUS = Principal("anonymous", Role.ADMIN)
_QUERIES = frozenset({OperationType.QUERY})
_OPERATIONS = {
    "GET": _QUERIES,
    "HEAD": _QUERIES,
    "POST": frozenset({OperationType.QUERY, OperationType.MUTATION}),
}


class HTTPError(Exception):
    def __init__(self, status: int, message: str, code: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.headers = headers or {}


@dataclass(frozen=True)
class GraphQLParams:
    query: str
    variables: dict[str, Any] | None
    operation_name: str | None


def negotiate(accept: str | None) -> str:
    """The response media type for an Accept header (406 when neither JSON type is wanted)."""
    if not accept:
        return JSON
    wanted = [part.split(";")[0].strip().lower() for part in accept.split(",")]
    if GRAPHQL_RESPONSE in wanted:
        return GRAPHQL_RESPONSE
    if any(w in (JSON, "application/*", "*/*") for w in wanted):
        return JSON
    raise HTTPError(406, f"responses are {GRAPHQL_RESPONSE} or {JSON}", "NOT_ACCEPTABLE")


def _encode(body: dict[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


class GraphQLEndpoint:
    def __init__(
        self,
        *,
        schema: JianduSchema,
        store: GraphStore,
        limits: Limits,
        metrics: Metrics,
        shared: SharedItems,
        authenticator: Authenticator | None,
        graphiql: bool,
        offload: bool,
        blobs: BlobStore | None = None,
    ) -> None:
        self.schema = schema
        self.store = store
        self.limits = limits
        self.metrics = metrics
        self.shared = shared
        self.authenticator = authenticator
        self.graphiql = graphiql
        self.offload = offload
        self.blobs = blobs

    async def handle(self, request: Request) -> Response:
        media = JSON
        try:
            if request.method != "POST" and self._wants_ide(request):
                return GRAPHIQL.index()
            media = negotiate(request.headers.get("accept"))
            principal = self._principal(request)
            request.state.log["subject"] = principal.subject
            params = await self._params(request)
            return await self._execute(request, principal, params, media)
        except HTTPError as exc:
            self.metrics.errors([exc.code])
            request.state.log["errors"] = [exc.code]
            body = {"errors": [{"message": str(exc), "extensions": {"code": exc.code}}]}
            return Response(_encode(body), exc.status, exc.headers, media_type=_content_type(media))
        finally:
            form = getattr(request.state, "form", None)
            if form is not None:
                await form.close()

    def _context(self, request: Request, principal: Principal) -> Context:
        return Context(
            # The work stops at its next store call once the budget is spent (graph.deadline),
            # and the client is answered then, whatever is still running.
            store=WithDeadline(self.store, self.limits.request_seconds),
            access=Access(principal, self.shared),
            limits=self.limits,
            offload=self.offload,
            request_id=request.state.request_id,
            blobs=self.blobs,
        )

    def caller(self, request: Request) -> Context:
        """The context of a plain HTTP route beside /graphql (/files, /documents): the caller
        authenticated as for /graphql (HTTPError 401 otherwise), with the same store, access,
        limits and blobs."""
        principal = self._principal(request)
        request.state.log["subject"] = principal.subject
        return self._context(request, principal)

    def _wants_ide(self, request: Request) -> bool:
        return self.graphiql and "text/html" in request.headers.get("accept", "")

    def _principal(self, request: Request) -> Principal:
        if self.authenticator is None:
            return ANONYMOUS
        try:
            return self.authenticator.principal(request.headers.get("authorization"))
        except UnauthenticatedError as exc:
            raise HTTPError(
                401,
                str(exc),
                "UNAUTHENTICATED",
                {"WWW-Authenticate": 'Bearer realm="jiandu"'},
            ) from None

    async def _body(self, request: Request, limit: int | None = None) -> bytes:
        """The POST body, refused (413) as soon as it is known to pass the limit: from its
        declared length before reading, else while it streams in."""
        limit = limit or self.limits.max_body_bytes
        too_large = HTTPError(413, f"the body is over {limit} bytes", QueryTooLarge.code)
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise too_large
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise too_large
            chunks.append(chunk)
        return b"".join(chunks)

    async def _params(self, request: Request) -> GraphQLParams:
        if request.method != "POST":
            raw: Any = dict(request.query_params)
            variables = raw.get("variables")
            if variables is not None:
                raw["variables"] = _json(variables, "variables")
        else:
            content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type == MULTIPART:
                raw = await self._multipart(request)
            elif content_type != JSON:
                raise HTTPError(
                    415,
                    "a POST body must be application/json (or multipart/form-data to upload)",
                    "UNSUPPORTED_MEDIA_TYPE",
                )
            else:
                raw = _json((await self._body(request)).decode("utf-8", "replace"), "body")
        if not isinstance(raw, dict):
            raise HTTPError(400, "the body must be a JSON object", "BAD_REQUEST")
        query, variables, name = raw.get("query"), raw.get("variables"), raw.get("operationName")
        if not isinstance(query, str) or not query.strip():
            raise HTTPError(400, "'query' must be a non-empty string", "BAD_REQUEST")
        if variables is not None and not isinstance(variables, dict):
            raise HTTPError(400, "'variables' must be an object", "BAD_REQUEST")
        if name is not None and not isinstance(name, str):
            raise HTTPError(400, "'operationName' must be a string", "BAD_REQUEST")
        if len(query.encode()) > self.limits.max_query_bytes:
            raise HTTPError(
                413, f"the query is over {self.limits.max_query_bytes} bytes", QueryTooLarge.code
            )
        if variables_size(variables) > self.limits.max_variables_bytes:
            raise HTTPError(
                413,
                f"the variables are over {self.limits.max_variables_bytes} bytes",
                QueryTooLarge.code,
            )
        return GraphQLParams(query, variables, name)

    async def _multipart(self, request: Request) -> Any:
        """The operation of a GraphQL multipart request, its files put in its variables at
        the places its ``map`` names."""
        if not any(h in request.headers for h in PREFLIGHT):
            raise HTTPError(
                400,
                "a multipart request needs the header GraphQL-Preflight: 1 (CSRF protection)",
                "BAD_REQUEST",
            )
        # The whole body within the upload limit first, then parsed from memory.
        request._body = await self._body(request, self.limits.max_upload_bytes)
        try:
            form = await request.form(max_files=MAX_FILES, max_fields=8)
        except Exception as exc:  # starlette raises its own errors for a malformed body
            raise HTTPError(
                400, f"the multipart body cannot be read: {exc}", "BAD_REQUEST"
            ) from None
        request.state.form = form
        operations = form.get("operations")
        mapping = form.get("map")
        if not isinstance(operations, str) or not isinstance(mapping, str):
            raise HTTPError(
                400, "a multipart request needs the fields 'operations' and 'map'", "BAD_REQUEST"
            )
        raw = _json(operations, "operations field")
        places = _json(mapping, "map field")
        if not isinstance(raw, dict):
            raise HTTPError(
                400, "'operations' must be one operation (a JSON object)", "BAD_REQUEST"
            )
        if not isinstance(places, dict):
            raise HTTPError(400, "'map' must be a JSON object", "BAD_REQUEST")
        for key, paths in places.items():
            upload = form.get(key)
            if upload is None or isinstance(upload, str):
                raise HTTPError(
                    400, f"the map names a file '{key}' that is not sent", "BAD_REQUEST"
                )
            if not isinstance(paths, list) or not paths:
                raise HTTPError(400, f"map '{key}': a list of paths", "BAD_REQUEST")
            for path in paths:
                _put(raw, path, upload)
        return raw

    async def handle_xlsx(self, request: Request) -> Response:
        """POST a GraphQL query as to /graphql; get the first list of its answer as an Excel
        file (api/xlsx.py). A request or field error is answered as JSON, as /graphql would."""
        try:
            if request.method != "POST":
                raise HTTPError(405, "POST the query", "METHOD_NOT_ALLOWED", {"Allow": "POST"})
            principal = self._principal(request)
            request.state.log["subject"] = principal.subject
            params = await self._params(request)
            result = await self._run(request, principal, params)
            if result.errors:
                return self._answer(request, result, JSON, status=400)
            content, rows = await asyncio.to_thread(
                xlsx.workbook, self.schema._schema, params.query, params.operation_name, result.data
            )
            request.state.log["rows"] = rows
            return Response(
                content,
                200,
                {"Content-Disposition": 'attachment; filename="jiandu.xlsx"'},
                media_type=xlsx.MEDIA_TYPE,
            )
        except HTTPError as exc:
            self.metrics.errors([exc.code])
            request.state.log["errors"] = [exc.code]
            body = {"errors": [{"message": str(exc), "extensions": {"code": exc.code}}]}
            return Response(_encode(body), exc.status, exc.headers, media_type=_content_type(JSON))

    async def _execute(
        self, request: Request, principal: Principal, params: GraphQLParams, media: str
    ) -> Response:
        result = await self._run(request, principal, params)
        return self._answer(request, result, media)

    async def _run(
        self, request: Request, principal: Principal, params: GraphQLParams
    ) -> ExecutionResult:
        budget = self.limits.request_seconds
        context = self._context(request, principal)
        try:
            result = await asyncio.wait_for(
                self.schema.execute(
                    params.query,
                    variable_values=params.variables,
                    context_value=context,
                    operation_name=params.operation_name,
                    allowed_operation_types=_OPERATIONS[request.method],
                ),
                timeout=budget,
            )
            if context.personal_reads:
                # Every unmasked read of personal data is on record before the answer leaves.
                await asyncio.to_thread(
                    record_personal_reads,
                    self.store,
                    principal.subject,
                    context.personal_reads,
                )
        except TimeoutError:
            raise HTTPError(
                504, f"the request passed its time budget of {budget} s", Timeout.code
            ) from None
        except InvalidOperationTypeError as exc:
            if exc.operation_type is OperationType.MUTATION:
                raise HTTPError(
                    405, "mutations need POST", "METHOD_NOT_ALLOWED", {"Allow": "POST"}
                ) from None
            raise HTTPError(400, "subscriptions are not served over HTTP", "BAD_REQUEST") from None
        except CannotGetOperationTypeError:
            raise HTTPError(400, "no operation with that name", "BAD_REQUEST") from None
        except MissingQueryError:
            raise HTTPError(400, "no query", "BAD_REQUEST") from None
        return result

    def _answer(
        self, request: Request, result: ExecutionResult, media: str, status: int | None = None
    ) -> Response:
        request_id = request.state.request_id
        errors: list[GraphQLError] = list(result.errors or [])
        body: dict[str, Any] = {}
        # A request error stops before execution: no data, and no error has a field path.
        request_error = bool(errors) and result.data is None and all(e.path is None for e in errors)
        if not request_error:
            body["data"] = result.data
        if errors:
            codes = [error_code(e) for e in errors]
            self.metrics.errors(codes)
            request.state.log["errors"] = codes
            body["errors"] = [format_error(e, request_id) for e in errors]
        if status is None:
            status = 400 if request_error and media == GRAPHQL_RESPONSE else 200
        return Response(_encode(body), status, media_type=_content_type(media))


def _put(operation: dict[str, Any], path: Any, upload: Any) -> None:
    """Put ``upload`` at ``path`` ('variables.file', 'variables.files.0') of the operation,
    where the client left null."""
    parts = str(path).split(".")
    if len(parts) < 2 or parts[0] != "variables":
        raise HTTPError(400, f"map path '{path}' must lie under 'variables'", "BAD_REQUEST")
    here: Any = operation
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if isinstance(here, dict) and part in here:
            if last:
                if here[part] is not None:
                    raise HTTPError(400, f"map path '{path}' must be null", "BAD_REQUEST")
                here[part] = upload
            else:
                here = here[part]
        elif isinstance(here, list) and part.isdigit() and int(part) < len(here):
            if last:
                if here[int(part)] is not None:
                    raise HTTPError(400, f"map path '{path}' must be null", "BAD_REQUEST")
                here[int(part)] = upload
            else:
                here = here[int(part)]
        else:
            raise HTTPError(400, f"map path '{path}' is not in the operation", "BAD_REQUEST")


def error_response(exc: HTTPError) -> Response:
    """An HTTP error as the JSON body /graphql answers it with."""
    body = {"errors": [{"message": str(exc), "extensions": {"code": exc.code}}]}
    return Response(_encode(body), exc.status, exc.headers, media_type=_content_type(JSON))


def _content_type(media: str) -> str:
    return f"{media}; charset=utf-8"


def _json(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        raise HTTPError(400, f"the {what} is not valid JSON", "BAD_REQUEST") from None
