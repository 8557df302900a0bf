"""Merging a likely duplicate and undoing it, over ``workflows.explore.merge``."""

from __future__ import annotations

from typing import Any

import strawberry

from schema.context import Info
from schema.fields import mutation
from schema.generic.inputs import expect_one_of
from schema.generic.nodes import Node, wrap
from schema.objects import output
from workflows.explore import merge

MergeResultType = output(
    "MergeResult",
    "A merge (or its undoing): the node kept, the other one (an alias while merged: "
    "`mergedInto` names the node kept), and the relationships moved (or put back) and those "
    "the kept node already had (or removed).",
    kept=Node,
    alias=Node,
    moved=int,
    already=int,
)


def _result(found: merge.MergeResult) -> Any:
    return MergeResultType(
        kept=wrap(found.kept), alias=wrap(found.alias), moved=found.moved, already=found.already
    )


@mutation(
    "合并: merge a likely duplicate (a person or an agency, `loseId` at `version`) into "
    "`keepId`. Its relationships move to the node kept; it stays as an alias (`mergedInto`), "
    "so old references resolve; the change is audited and `unmergeNode` undoes it.",
    returns=MergeResultType,
)
async def merge_nodes(
    info: Info, keep_id: strawberry.ID, lose_id: strawberry.ID, version: int, reason: str
) -> Any:
    found = await info.context.call(
        merge.merge_nodes,
        keep_id=expect_one_of(keep_id, merge.KINDS, "keep_id"),
        lose_id=expect_one_of(lose_id, merge.KINDS, "lose_id"),
        version=version,
        reason=reason,
    )
    return _result(found)


@mutation(
    "Undo a merge: the relationships it made go, those it moved come back as they were, and "
    "the alias is a node of its own again (`aliasId` at `version`).",
    returns=MergeResultType,
)
async def unmerge_node(info: Info, alias_id: strawberry.ID, version: int) -> Any:
    found = await info.context.call(
        merge.unmerge_node,
        alias_id=expect_one_of(alias_id, merge.KINDS, "alias_id"),
        version=version,
    )
    return _result(found)
