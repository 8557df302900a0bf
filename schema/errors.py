"""The one place where errors become GraphQL errors with a stable ``extensions.code``.

NotFound            NOT_FOUND             (+ field: the argument, as the client wrote it; also
                                          what a hidden object reads as)
Conflict            CONFLICT              (stale version, id in use)
InvalidTransition   INVALID_TRANSITION    (+ machine, state, move, allowed)
Forbidden           FORBIDDEN
ValidationError     VALIDATION            (+ fields: [{field, reason}])
QueryTooLarge       QUERY_TOO_LARGE       (+ limit, max when a limit rule refused it)
BackendUnavailable  BACKEND_UNAVAILABLE
Timeout             TIMEOUT               (the request's time budget passed)
syntax error        GRAPHQL_PARSE_FAILED
invalid query       GRAPHQL_VALIDATION_FAILED
bad variable        BAD_USER_INPUT
anything else       INTERNAL_SERVER_ERROR (message hidden; logged with the request id)
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError, GraphQLSyntaxError

from graph.errors import InvalidTransition, JianduError, NotFound, ValidationError

INTERNAL = "INTERNAL_SERVER_ERROR"


def camel(name: str) -> str:
    """A field path as GraphQL spells it ('scope.period_from' → 'scope.periodFrom'); keys in
    the path, such as ids and rubric codes ('case_ids.case:c1', 'deductions.TIME_LIMIT'), stay
    as given."""
    return ".".join(
        _camel(part) if part.isidentifier() and part.islower() else part for part in name.split(".")
    )


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _input_refused(error: GraphQLError) -> bool:
    """A scalar refusing an input value (its ``parse_literal`` or ``parse_value`` raised
    ValueError or TypeError) while the request was validated or its variables coerced,
    before anything ran: the client's error, not the server's."""
    return error.path is None and isinstance(error.original_error, ValueError | TypeError)


def is_unexpected(error: GraphQLError) -> bool:
    original = error.original_error
    if original is None or _input_refused(error):
        return False
    return not isinstance(original, JianduError | GraphQLError)


def error_code(error: GraphQLError) -> str:
    original = error.original_error
    if isinstance(original, JianduError):
        return original.code
    if is_unexpected(error):
        return INTERNAL
    given = (error.extensions or {}).get("code")
    if isinstance(given, str):
        return given
    if isinstance(error, GraphQLSyntaxError):
        return "GRAPHQL_PARSE_FAILED"
    if error.path is None and error.message.startswith("Variable "):
        return "BAD_USER_INPUT"
    return "GRAPHQL_VALIDATION_FAILED"


def _details(original: BaseException | None) -> dict[str, Any]:
    if isinstance(original, ValidationError):
        details: dict[str, Any] = {
            "fields": [{"field": camel(e.field), "reason": e.reason} for e in original.errors]
        }
        if original.where:
            details["where"] = original.where
        return details
    if isinstance(original, NotFound) and original.field:
        return {"field": camel(original.field)}
    if isinstance(original, InvalidTransition):
        return {
            "machine": original.machine,
            "state": original.state,
            "move": original.move,
            "allowed": list(original.allowed),
        }
    return {}


def format_error(error: GraphQLError, request_id: str) -> dict[str, Any]:
    """The error as the response shows it."""
    formatted: dict[str, Any] = dict(error.formatted)
    code = error_code(error)
    extensions = {**(error.extensions or {}), "code": code, **_details(error.original_error)}
    if isinstance(error.original_error, NotFound) and error.original_error.field:
        formatted["message"] = f"{extensions['field']}: {error.original_error.detail}"
    if code == INTERNAL:
        formatted["message"] = f"Internal server error (request {request_id})"
        extensions = {"code": code, "requestId": request_id}
    formatted["extensions"] = extensions
    return formatted
