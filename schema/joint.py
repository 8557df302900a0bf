"""Placeholder filled in by its area (see schema/areas.py)."""

from __future__ import annotations

from typing import Any


def query_fields() -> dict[str, Any]:
    return {}


def mutation_fields() -> dict[str, Any]:
    return {}
