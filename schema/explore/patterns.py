"""Named patterns (模式查询) as Query fields, over ``workflows.explore.patterns``."""

from __future__ import annotations

from typing import Any

from strawberry.types.unset import UNSET

from schema.context import Info
from schema.explore import types
from schema.explore.args import or_default
from schema.fields import query
from schema.generic.inputs import given
from schema.objects import list_of
from workflows.explore import patterns
from workflows.explore.patterns import PatternName


@query("The named patterns, with label and description.", returns=list_of(types.PatternInfo))
def pattern_names() -> Any:
    return [types.pattern_info(p) for p in patterns.pattern_names()]


@query(
    "模式查询: the matches of a named pattern in the caller's jurisdiction; `today` "
    "(YYYY-MM-DD, default the server's day) for deadlines, `minCount` and `maxHops` where the "
    "pattern takes them (see its description).",
    returns=list_of(types.PatternMatchType),
)
async def pattern(
    info: Info,
    name: PatternName,
    today: str | None = UNSET,
    min_count: int | None = UNSET,
    max_hops: int | None = UNSET,
    first: int | None = 50,
) -> Any:
    found = await info.context.call(
        patterns.pattern,
        name=name,
        today=given(today),
        min_count=given(min_count),
        max_hops=given(max_hops),
        first=info.context.limits.page_size(or_default(first, 50)),
    )
    return [types.pattern_match(m) for m in found]
