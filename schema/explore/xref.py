"""Likely duplicates (交叉比对) as a Query field, over ``workflows.explore.xref``."""

from __future__ import annotations

from typing import Any

from strawberry.types.unset import UNSET

from schema.context import Info
from schema.explore.args import node_kinds, or_default
from schema.fields import query
from schema.generic.enums import NodeKindEnum
from schema.generic.nodes import Node, wrap
from schema.objects import list_of, maybe, output
from workflows.explore import xref

DuplicateCandidateType = output(
    "DuplicateCandidate",
    "Two nodes that are likely the same person or agency, the evidence and a score (0–1).",
    node_kind=NodeKindEnum,
    nodes=list_of(Node),
    score=float,
    evidence=list_of(str),
)


@query(
    "交叉比对: likely duplicates among the people and agencies you may see, best first: the "
    "same 身份证号 (1.0), 身份证号 differing in the check digit (0.95), the same name and "
    "phone (0.9), the same name and birth date (0.8); agencies of one region spelt alike "
    "(0.95) or reading alike (0.9 × similarity). The evidence names fields, never personal "
    "values. At least `minScore`; at most `first` (default 100).",
    returns=list_of(DuplicateCandidateType),
    kinds=maybe(list_of(NodeKindEnum)),
)
async def likely_duplicates(
    info: Info, kinds: Any = UNSET, min_score: float | None = 0.6, first: int | None = 100
) -> Any:
    found = await info.context.call(
        xref.likely_duplicates,
        kinds=node_kinds(kinds),
        min_score=0.6 if min_score is None else min_score,
    )
    size = info.context.limits.page_size(or_default(first, 100))
    return [
        DuplicateCandidateType(
            node_kind=NodeKindEnum[d.kind.name],
            nodes=[wrap(n) for n in d.nodes],
            score=d.score,
            evidence=list(d.evidence),
        )
        for d in found[:size]
    ]
