"""Relay global ids: the base64 of "TypeName:storeId", opaque to clients.

Store ids are already unique across kinds; the type name lets ``node(id:)`` answer a typed
object and refuse an id of one kind where another is expected.
"""

from __future__ import annotations

import base64
import binascii

from graph.errors import FieldError, ValidationError


def to_global(type_name: str, store_id: str) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{store_id}".encode()).decode()


def from_global(global_id: str, field: str = "id") -> tuple[str, str]:
    """(type name, store id) of a global id, or ValidationError naming ``field``."""
    try:
        text = base64.urlsafe_b64decode(global_id.encode()).decode()
    except (binascii.Error, UnicodeError, ValueError):
        text = ""
    type_name, sep, store_id = text.partition(":")
    if not sep or not type_name or not store_id:
        raise ValidationError(FieldError(field, f"'{global_id}' is not a Jiandu id"))
    return type_name, store_id
