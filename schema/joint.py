"""Joint supervision (联合监督) and mutual recognition of results (监督结果互认互用): the area's
Query and Mutation fields, from three modules.

- ``schema.joint_findings``: recognition, reusable findings, duplicate inspections; findings,
  rectifications, accountability;
- ``schema.joint_meetings``: actions, joint meetings and their follow-through, unit linkage;
- ``schema.joint_notices``: notifications to 人大, 政协 and the media, and their feedback.

Each resolver checks the caller's permission, that every node it names is visible (else
NOT_FOUND) and that what it writes lies in the caller's jurisdiction (else FORBIDDEN)
(``schema.joint_access``), calls one use case and maps its dataclasses to the types of
``schema.joint_types``.
"""

from __future__ import annotations

from typing import Any

from schema import joint_findings, joint_meetings, joint_notices

PARTS = (joint_findings, joint_meetings, joint_notices)


def query_fields() -> dict[str, Any]:
    """The area's reads, merged into the Query root."""
    return {name: f for part in PARTS for name, f in part.query_fields().items()}


def mutation_fields() -> dict[str, Any]:
    """The area's writes, merged into the Mutation root."""
    return {name: f for part in PARTS for name, f in part.mutation_fields().items()}
