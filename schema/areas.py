"""The schema's areas: each module contributes Query and Mutation fields of its own."""

from __future__ import annotations

from types import ModuleType

from schema import cooperation, explore, joint, petitioning, review, workflows

AREAS: tuple[ModuleType, ...] = (workflows, joint, review, petitioning, cooperation, explore)
