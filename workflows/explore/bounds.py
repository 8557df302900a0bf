"""The ranges the explorer's sizes (depths, lengths, limits, counts) must lie in."""

from __future__ import annotations

from graph.errors import FieldError, ValidationError

MAX_WALK = 4
"""The most hops (or depth) any graph walk a request asks for may take: the work of a walk
grows as the fan-out to that power (schema/limits.py counts it so)."""


def within_range(value: int, field: str, least: int, most: int | None = None) -> int:
    """``value`` if it lies in [least, most], else ValidationError naming ``field``."""
    if value < least or (most is not None and value > most):
        bound = f"at least {least}" if most is None else f"from {least} to {most}"
        raise ValidationError(FieldError(field, f"{value} is not {bound}"))
    return value
