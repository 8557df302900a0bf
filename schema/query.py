"""The Query root: nodes by id, a connection per kind, counts, the caller, the audit log."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import NodeKind
from graph.model.records import Node as StoredNode
from schema import audit
from schema.areas import AREAS
from schema.connections import CONNECTIONS, connection
from schema.context import Context
from schema.enums import NodeKindEnum, RelTypeEnum
from schema.ids import from_global
from schema.inputs import FILTERS, ORDERS, given, page_request, to_filter
from schema.nodes import Node, annotate, list_of, maybe, wrap
from schema.scalars import DateTime
from workflows import records
from workflows.access import MATRIX

Info = strawberry.Info[Context, None]


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


def _node(root: Any, info: Info, id: strawberry.ID) -> Any:
    return _by_ids(info, [id], lambda nodes: nodes[0])


def _nodes(root: Any, info: Info, ids: list[strawberry.ID]) -> Any:
    info.context.limits.page_size(len(ids), "ids")
    return _by_ids(info, list(ids), list)


def _list(kind: NodeKind) -> Any:
    def resolve(
        root: Any,
        info: Info,
        filter: Any = UNSET,
        order_by: Any = UNSET,
        first: Any = UNSET,
        after: Any = UNSET,
        last: Any = UNSET,
        before: Any = UNSET,
    ) -> Any:
        ctx = info.context
        page = page_request(ctx.limits, *map(given, (order_by, first, after, last, before)))
        return ctx.then(
            records.list_nodes,
            lambda found: connection(kind, found),
            kind=kind,
            filter_=to_filter(kind, filter),
            page=page,
        )

    return annotate(
        resolve,
        CONNECTIONS[kind],
        root=Any,
        info=strawberry.Info,
        filter=maybe(FILTERS[kind]),
        order_by=maybe(ORDERS[kind]),
        first=maybe(int),
        after=maybe(str),
        last=maybe(int),
        before=maybe(str),
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


async def _stats(root: Any, info: Info) -> Stats:
    counts = await info.context.call(records.stats)
    return Stats(
        nodes=[KindCount(kind=k.name, label=k.label, count=n) for k, n in counts.nodes.items()],
        rels=[RelCount(type=t.name, label=t.label, count=n) for t, n in counts.rels.items()],
    )


def _me(root: Any, info: Info) -> Viewer:
    principal = info.context.access.principal
    return Viewer(
        subject=principal.subject,
        role=principal.role.value,
        region=principal.region,
        permissions=sorted(p.name for p in MATRIX[principal.role]),
    )


async def _audit_log(
    root: Any,
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
        actor=given(actor),
        since=given(since),
        until=given(until),
        after_seq=audit.after_seq(after),
        limit=ctx.limits.page_size(given(first)),
    )
    return audit.page(entries, has_next, after)


async def _audit_chain(root: Any, info: Info) -> audit.AuditVerdict:
    verdict = await info.context.call(records.verify_audit)
    return audit.AuditVerdict(ok=verdict.ok, checked=verdict.checked, problems=verdict.problems)


def _fields() -> dict[str, Any]:
    fields: dict[str, Any] = {
        "node": strawberry.field(
            resolver=annotate(_node, maybe(Node), root=Any, info=strawberry.Info, id=strawberry.ID),
            description="The node with this global id (null when absent or hidden from you).",
        ),
        "nodes": strawberry.field(
            resolver=annotate(
                _nodes,
                list_of(maybe(Node)),
                root=Any,
                info=strawberry.Info,
                ids=list[strawberry.ID],
            ),
            description="The nodes with these global ids, in order (null where absent or hidden).",
        ),
    }
    for kind in NodeKind:
        fields[plural(kind.name)] = strawberry.field(
            resolver=_list(kind),
            description=f"{kind.label}: a page of {kind.name} nodes, filtered and sorted.",
        )
    fields["stats"] = strawberry.field(
        resolver=_stats, description="统计: counts by kind and type."
    )
    fields["me"] = strawberry.field(
        resolver=_me, description="The caller: role, jurisdiction, permissions."
    )
    fields["audit_log"] = strawberry.field(
        resolver=_audit_log,
        description="审计日志: changes, oldest first, by target, actor and time (supervisors).",
    )
    fields["audit_chain"] = strawberry.field(
        resolver=_audit_chain, description="Verify the whole hash chain of the audit log."
    )
    for area in AREAS:
        fields.update(area.query_fields())
    return fields


Query: Any = strawberry.type(type("Query", (), _fields()), description="Reads.")
