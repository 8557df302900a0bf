"""Arguments of the petitioning fields: ids that may name one of several kinds, and optional
ids."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.errors import FieldError, ValidationError
from graph.model.enums import NodeKind
from schema.generic.ids import from_global
from schema.generic.inputs import expect_id, given


def expect_one_of(global_id: str, kinds: Sequence[NodeKind], field: str) -> str:
    """The store id in a global id of one of ``kinds``, or ValidationError naming ``field``."""
    type_name, store_id = from_global(global_id, field)
    if type_name not in {k.name for k in kinds}:
        names = " or ".join(k.name for k in kinds)
        raise ValidationError(FieldError(field, f"expected the id of {names}"))
    return store_id


def optional_id(value: Any, kind: NodeKind, field: str) -> str | None:
    """The store id in an optional global id of ``kind`` (None when not given)."""
    present = given(value)
    return None if present is None else expect_id(present, kind.name, field)
