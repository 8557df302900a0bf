"""Jiandu's one error tree.

    JianduError
     ├── NotFound              an id that is not in the store (or not visible to the caller)
     ├── Conflict              a stale version, or an id already used by another kind
     ├── InvalidTransition     a lifecycle move that the current state does not allow
     ├── Forbidden             the caller's role or jurisdiction does not allow it
     ├── ValidationError       input that breaks the model: one or more (field, reason) pairs
     ├── QueryTooLarge         a request over a depth, cost, size or page limit
     ├── StoreLocked           another process holds the embedded store for writing
     └── BackendUnavailable    the storage backend cannot be reached

Adapters translate their storage errors into this tree; the API maps it to GraphQL
``extensions.code`` in one place.
"""

from __future__ import annotations

from dataclasses import dataclass


class JianduError(Exception):
    code = "INTERNAL"


class NotFound(JianduError):
    code = "NOT_FOUND"

    def __init__(self, message: str = "", *, field: str = "", detail: str = "") -> None:
        self.field = field
        self.detail = detail or message
        super().__init__(f"{field}: {self.detail}" if field else message)

    @classmethod
    def named(cls, field: str, id_: str, what: str = "node") -> NotFound:
        """No ``what`` with this id, as the input ``field`` named it (a hidden node reads so)."""
        return cls(field=field, detail=f"no {what} '{id_}'")


class Conflict(JianduError):
    code = "CONFLICT"


class InvalidTransition(JianduError):
    code = "INVALID_TRANSITION"

    def __init__(self, machine: str, state: str, move: str, allowed: tuple[str, ...]) -> None:
        self.machine = machine
        self.state = state
        self.move = move
        self.allowed = allowed
        options = ", ".join(allowed) or "none"
        super().__init__(
            f"{machine}: move '{move}' is not allowed in state '{state}' (allowed: {options})"
        )


class Forbidden(JianduError):
    code = "FORBIDDEN"


@dataclass(frozen=True)
class FieldError:
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.field}: {self.reason}"


class ValidationError(JianduError):
    code = "VALIDATION"

    def __init__(self, errors: list[FieldError] | FieldError, *, where: str = "") -> None:
        self.errors = errors if isinstance(errors, list) else [errors]
        self.where = where
        prefix = f"{where}: " if where else ""
        super().__init__("; ".join(f"{prefix}{e}" for e in self.errors))


class QueryTooLarge(JianduError):
    code = "QUERY_TOO_LARGE"


class Timeout(JianduError):
    """A request passed its time budget (``JIANDU_REQUEST_SECONDS``)."""

    code = "TIMEOUT"


class StoreLocked(JianduError):
    code = "STORE_LOCKED"


class BackendUnavailable(JianduError):
    code = "BACKEND_UNAVAILABLE"
