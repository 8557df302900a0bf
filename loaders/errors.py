"""Errors of a load: each bad row as ``file:line: field: reason``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.errors import FieldError, ValidationError


@dataclass(frozen=True)
class LineError(FieldError):
    """A bad field of one row; ``line`` is None for a problem with a whole file."""

    path: str
    line: int | None = None

    @property
    def where(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"

    def __str__(self) -> str:
        return f"{self.where}: {self.field}: {self.reason}"


class LoadFailed(ValidationError):
    """Bad input, and nothing was imported: ``lines`` (also ``errors``) lists every bad row."""

    def __init__(self, lines: Sequence[LineError]) -> None:
        errors: list[FieldError] = list(lines)
        super().__init__(errors)
        self.lines = list(lines)

    def __str__(self) -> str:
        return "\n".join(map(str, self.lines))
