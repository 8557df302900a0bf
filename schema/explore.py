"""Exploration (issue 7) as Query and Mutation fields: search, neighbourhood, paths, timeline,
named patterns, subgraph analytics, and saved investigations (``schema.explore_saved``).

Each resolver turns global ids into store ids (a malformed one is a VALIDATION error naming
the argument), checks sizes against the request limits, calls one use case of
``workflows/explore*.py`` with the caller's access and maps the answer
(``schema.explore_types``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

import strawberry
from strawberry.types.unset import UNSET

from graph.errors import ValidationError
from graph.model.enums import NodeKind, RelType
from schema import explore_saved
from schema import explore_types as types
from schema.explore_args import store_id, subgraph_size
from schema.generic.enums import NodeKindEnum, RelTypeEnum, code
from schema.generic.inputs import given
from schema.generic.nodes import Node, annotate, list_of, maybe, wrap
from schema.generic.scalars import PartialDate
from schema.usecases import IDS, Info
from workflows import explore, explore_analytics, explore_patterns, explore_timeline
from workflows.explore_patterns import PatternName
from workflows.generic import now

From = Annotated[strawberry.ID, strawberry.argument(name="from", description="起点 (global id)")]
To = Annotated[strawberry.ID, strawberry.argument(description="终点 (global id)")]


def _kinds(value: Any) -> list[NodeKind] | None:
    return None if not given(value) else [NodeKind[code(k)] for k in value]


def _types(value: Any) -> list[RelType] | None:
    return None if not given(value) else [RelType[code(t)] for t in value]


def _or(value: Any, default: int) -> int:
    found = given(value)
    return default if found is None else int(found)


def _search_ids(text: str) -> Sequence[str]:
    """The store id in ``text`` when it is a global id (a node is found by either)."""
    try:
        return [store_id(text.strip(), "text")]
    except ValidationError:
        return []


async def _search(
    root: Any, info: Info, text: str, kinds: Any = UNSET, first: int | None = 20
) -> list[Any]:
    found = await info.context.call(
        explore.search,
        text=text,
        kinds=_kinds(kinds),
        first=info.context.limits.page_size(_or(first, 20)),
        ids=_search_ids(text),
    )
    return [wrap(n) for n in found]


async def _neighbourhood(
    root: Any,
    info: Info,
    id: strawberry.ID,
    depth: int | None = 1,
    kinds: Any = UNSET,
    relationship_types: Any = UNSET,
    as_of: str | None = UNSET,
    limit: int | None = 200,
) -> Any:
    found = await info.context.call(
        explore.neighbourhood,
        id_=store_id(id, "id"),
        depth=_or(depth, 1),
        kinds=_kinds(kinds),
        rel_types=_types(relationship_types),
        as_of=given(as_of),
        limit=subgraph_size(info, _or(limit, 200), "limit"),
    )
    return types.subgraph(found)


async def _paths(
    root: Any,
    info: Info,
    from_: From,
    to: To,
    max_length: int | None = 6,
    relationship_types: Any = UNSET,
    as_of: str | None = UNSET,
    limit: int | None = 5,
) -> Any:
    found = await info.context.call(
        explore.paths,
        start=store_id(from_, "from"),
        end=store_id(to, "to"),
        max_length=_or(max_length, 6),
        rel_types=_types(relationship_types),
        as_of=given(as_of),
        limit=info.context.limits.page_size(_or(limit, 5), "limit"),
    )
    return types.path_result(found)


async def _timeline(root: Any, info: Info, id: strawberry.ID, first: int | None = 100) -> list[Any]:
    found = await info.context.call(
        explore_timeline.timeline,
        id_=store_id(id, "id"),
        first=info.context.limits.page_size(_or(first, 100)),
    )
    return [types.event(e) for e in found]


def _pattern_names(root: Any, info: Info) -> list[Any]:
    return [types.pattern_info(p) for p in explore_patterns.pattern_names()]


async def _pattern(
    root: Any,
    info: Info,
    name: PatternName,
    today: str | None = UNSET,
    min_count: int | None = UNSET,
    max_hops: int | None = UNSET,
    first: int | None = 50,
) -> list[Any]:
    found = await info.context.call(
        explore_patterns.pattern,
        name=name,
        today=given(today) or now()[:10],
        min_count=given(min_count),
        max_hops=given(max_hops),
        first=info.context.limits.page_size(_or(first, 50)),
    )
    return [types.pattern_match(m) for m in found]


async def _subgraph_analytics(root: Any, info: Info, ids: list[strawberry.ID]) -> Any:
    subgraph_size(info, len(ids), "ids")
    found = await info.context.call(
        explore_analytics.subgraph_analytics,
        ids=[store_id(g, f"ids.{i}") for i, g in enumerate(ids)],
    )
    return types.analytics(found)


def query_fields() -> dict[str, Any]:
    """The exploration reads, merged into the Query root."""
    kinds, rel_types = maybe(list_of(NodeKindEnum)), maybe(list_of(RelTypeEnum))
    return {
        "search": strawberry.field(
            resolver=annotate(
                _search,
                list_of(Node),
                root=Any,
                info=strawberry.Info,
                text=str,
                kinds=kinds,
                first=maybe(int),
            ),
            description=(
                "搜索: visible nodes whose id is `text` first, then those whose caption is it or "
                "starts with it, then those whose name, title or number contains it "
                "(case-insensitive); by kind in model order, then id."
            ),
        ),
        "neighbourhood": strawberry.field(
            resolver=annotate(
                _neighbourhood,
                types.SubgraphType,
                root=Any,
                info=strawberry.Info,
                id=strawberry.ID,
                depth=maybe(int),
                kinds=kinds,
                relationship_types=rel_types,
                as_of=maybe(PartialDate),
                limit=maybe(int),
            ),
            description=(
                "周边关系: the node and what lies within `depth` (1–4) hops over the given "
                "relationship types, through nodes of the given kinds valid on `asOf`; nodes by "
                "(distance, id), cut at `limit` (at most 10 × the page size limit). Hidden nodes "
                "are neither shown nor crossed."
            ),
        ),
        "paths": strawberry.field(
            resolver=annotate(
                _paths,
                types.PathResultType,
                root=Any,
                info=strawberry.Info,
                from_=From,
                to=To,
                max_length=maybe(int),
                relationship_types=rel_types,
                as_of=maybe(PartialDate),
                limit=maybe(int),
            ),
            description=(
                "关系路径: every shortest path (at most `limit`) of at most `maxLength` (1–10) "
                "relationships between two nodes, through visible nodes only, ordered by their "
                "node ids then relationship ids."
            ),
        ),
        "timeline": strawberry.field(
            resolver=annotate(
                _timeline,
                list_of(types.TimelineEventType),
                root=Any,
                info=strawberry.Info,
                id=strawberry.ID,
                first=maybe(int),
            ),
            description=(
                "时间线: what happened to an entity, oldest first (a partial date sorts before "
                "the days it covers): its own dates, state changes, dated relationships and the "
                "records touching it."
            ),
        ),
        "pattern_names": strawberry.field(
            resolver=annotate(
                _pattern_names, list_of(types.PatternInfo), root=Any, info=strawberry.Info
            ),
            description="The named patterns, with label and description.",
        ),
        "pattern": strawberry.field(
            resolver=annotate(
                _pattern,
                list_of(types.PatternMatchType),
                root=Any,
                info=strawberry.Info,
                name=types.PatternNameEnum,
                today=maybe(str),
                min_count=maybe(int),
                max_hops=maybe(int),
                first=maybe(int),
            ),
            description=(
                "模式查询: the matches of a named pattern in the caller's jurisdiction; "
                "`today` (YYYY-MM-DD, default the server's day) for deadlines, `minCount` and "
                "`maxHops` where the pattern takes them (see its description)."
            ),
        ),
        "subgraph_analytics": strawberry.field(
            resolver=annotate(
                _subgraph_analytics,
                types.SubgraphAnalyticsType,
                root=Any,
                info=strawberry.Info,
                ids=IDS,
            ),
            description=(
                "子图分析: degree centrality, betweenness and communities of the subgraph the "
                "given nodes induce (their relationships to one another)."
            ),
        ),
        **explore_saved.query_fields(),
    }


def mutation_fields() -> dict[str, Any]:
    """The exploration writes, merged into the Mutation root."""
    return explore_saved.mutation_fields()
