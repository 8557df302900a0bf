"""The generic reads: nodes by id, a connection per kind, counts, the caller, the audit log."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import NodeKind
from graph.model.records import Node as StoredNode
from schema.context import Info
from schema.fields import Root, RootField, query, root_field
from schema.generic import audit
from schema.generic.connections import CONNECTIONS, asks_for, connection
from schema.generic.enums import NodeKindEnum, RelTypeEnum
from schema.generic.ids import from_global, to_global
from schema.generic.inputs import FILTERS, ORDERS, given, page_request, to_filter
from schema.generic.nodes import Node, list_of, maybe, wrap
from schema.generic.scalars import DateTime
from workflows import generic as records
from workflows.access import MATRIX


def plural(name: str) -> str:
    stem = name[0].lower() + name[1:]
    return stem[:-1] + "ies" if stem.endswith("y") else stem + "s"


def _by_ids(info: Info, ids: list[str], pick: Callable[[list[Any]], Any]) -> Any:
    wanted = [from_global(g, "ids") for g in ids]

    def answer(found: dict[str, StoredNode]) -> Any:
        out = []
        for type_name, store_id in wanted:
            node = found.get(store_id)
            out.append(wrap(node) if node is not None and node.kind.name == type_name else None)
        return pick(out)

    store_ids = [store_id for _, store_id in wanted]
    return info.context.then(records.get_nodes, answer, ids=store_ids)


@query("The node with this global id (null when absent or hidden from you).", returns=maybe(Node))
def node(info: Info, id: strawberry.ID) -> Any:
    return _by_ids(info, [id], lambda nodes: nodes[0])


@query(
    "The nodes with these global ids, in order (null where absent or hidden).",
    returns=list_of(maybe(Node)),
)
def nodes(info: Info, ids: list[strawberry.ID]) -> Any:
    info.context.limits.page_size(len(ids), "ids")
    return _by_ids(info, list(ids), list)


def kind_list(kind: NodeKind) -> RootField:
    """The connection of one kind's nodes (``cases``, ``agencies``, …), filtered and sorted."""

    def resolve(
        info: Info,
        filter: Any = UNSET,
        order_by: Any = UNSET,
        first: int | None = UNSET,
        after: str | None = UNSET,
        last: int | None = UNSET,
        before: str | None = UNSET,
    ) -> Any:
        ctx = info.context
        page = page_request(
            ctx.limits,
            given(order_by),
            given(first),
            given(after),
            given(last),
            given(before),
            count=asks_for(info, "totalCount"),
        )
        return ctx.then(
            records.list_nodes,
            lambda found: connection(kind, found),
            kind=kind,
            filter_=to_filter(kind, filter),
            page=page,
        )

    resolve.__name__ = resolve.__qualname__ = plural(kind.name)
    return root_field(
        Root.QUERY,
        resolve,
        f"{kind.label}: a page of {kind.name} nodes, filtered and sorted.",
        CONNECTIONS[kind],
        filter=maybe(FILTERS[kind]),
        order_by=maybe(ORDERS[kind]),
    )


@strawberry.type(description="How many nodes of one kind.")
class KindCount:
    kind: NodeKindEnum
    label: str
    count: int


@strawberry.type(description="How many relationships of one type.")
class RelCount:
    type: RelTypeEnum
    label: str
    count: int


@strawberry.type(
    description="Counts by kind and type (a scoped caller: its own nodes, no relationships)."
)
class Stats:
    nodes: list[KindCount]
    rels: list[RelCount]


@strawberry.type(description="The caller, as its token says.")
class Viewer:
    subject: str
    role: str
    region: str | None
    permissions: list[str]
    agency_id: strawberry.ID | None = strawberry.field(
        description="The agency the caller works for, when the token names one."
    )


@query("统计: counts by kind and type.")
async def stats(info: Info) -> Stats:
    counts = await info.context.call(records.stats)
    return Stats(
        nodes=[KindCount(kind=k.name, label=k.label, count=n) for k, n in counts.nodes.items()],
        rels=[RelCount(type=t.name, label=t.label, count=n) for t, n in counts.rels.items()],
    )


@query("The caller: role, jurisdiction, agency, permissions.")
def me(info: Info) -> Viewer:
    principal = info.context.access.principal
    agency = principal.agency
    return Viewer(
        subject=principal.subject,
        role=principal.role.value,
        region=principal.region,
        agency_id=None if agency is None else strawberry.ID(to_global("Agency", agency)),
        permissions=sorted(p.name for p in MATRIX[principal.role]),
    )


@query("审计日志: changes, oldest first, by target, actor and time (supervisors).")
async def audit_log(
    info: Info,
    target: strawberry.ID | None = UNSET,
    actor: str | None = UNSET,
    since: DateTime | None = UNSET,
    until: DateTime | None = UNSET,
    first: int | None = UNSET,
    after: str | None = UNSET,
) -> audit.AuditConnection:
    ctx = info.context
    target, after = given(target), given(after)
    entries, has_next = await ctx.call(
        records.audit_log,
        target=None if target is None else from_global(target, "target")[1],
        done_by=given(actor),
        since=given(since),
        until=given(until),
        after_seq=audit.after_seq(after),
        limit=ctx.limits.page_size(given(first)),
    )
    return audit.page(entries, has_next, after)


@query("Verify the whole hash chain of the audit log.")
async def audit_chain(info: Info) -> audit.AuditVerdict:
    verdict = await info.context.call(records.verify_audit)
    return audit.AuditVerdict(ok=verdict.ok, checked=verdict.checked, problems=verdict.problems)


QUERY: tuple[RootField, ...] = (
    node,
    nodes,
    *(kind_list(kind) for kind in NodeKind),
    stats,
    me,
    audit_log,
    audit_chain,
)
