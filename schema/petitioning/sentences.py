"""Sentence-change verification (减刑、假释、暂予监外执行核查): the red flags of the caller's
jurisdiction, each with the evidence paths behind it as ids and as the node and relationship
records themselves (null where hidden from the caller), over
``workflows.petitioning.sentences``."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import NodeKind
from schema.context import Info
from schema.fields import query
from schema.generic.enums import code, new_enum
from schema.generic.ids import to_global
from schema.generic.inputs import given
from schema.generic.nodes import RELATIONSHIP, Node, Relationship, annotate, wrap, wrap_rel
from schema.objects import IDS, list_of, maybe, output
from schema.results import ids
from workflows.petitioning import sentences
from workflows.petitioning.sentences import RedFlagKind

RedFlagKindEnum: Any = strawberry.enum(
    new_enum(
        "RedFlagKind",
        [(k.name, strawberry.enum_value(k.name, description=k.value)) for k in RedFlagKind],
    ),
    description="RedFlagKind: what a sentence-change red flag is about; each value's "
    "description is its label.",
)

EvidencePath = output(
    "EvidencePath",
    "证据路径: alternating nodes and relationships of the graph (a file and the court that "
    "decided it; or an official, a file and another official), with what they show. "
    "`nodeIds`/`nodes` and `relIds`/`relationships` are in path order, null where hidden.",
    note=str,
    node_ids=list_of(maybe(strawberry.ID)),
    rel_ids=list_of(maybe(strawberry.ID)),
    nodes=list_of(maybe(Node)),
    relationships=list_of(maybe(Relationship)),
)


def _evidence(self: Any) -> Any:
    """The flag's evidence paths, made when the field is asked: 10,761 flags at a million
    cases, each path its global ids and wrapped records."""
    read, paths = self._evidence_of
    return [_path(read, p) for p in paths]


RedFlag = strawberry.type(
    type(
        "RedFlag",
        (),
        {
            "__annotations__": {
                "kind": RedFlagKindEnum,
                "kind_label": str,
                "case_ids": IDS,
                "official_ids": IDS,
                "sensitive": bool,
                "summary": str,
            },
            "evidence": strawberry.field(resolver=annotate(_evidence, list_of(EvidencePath))),
        },
    ),
    description="刑罚变更执行红旗: a pattern among sentence-change files, the files and "
    "officials it involves, whether a sensitive offender class (职务犯罪, 金融犯罪, 涉黑) is "
    "among them.",
)


def _flag(read: sentences.FlagsRead, f: sentences.RedFlag) -> Any:
    flag = RedFlag(
        kind=RedFlagKindEnum[f.kind.name],
        kind_label=f.kind.value,
        case_ids=ids(NodeKind.Case, f.case_ids),
        official_ids=ids(NodeKind.Official, [i for i in f.official_ids if i in read.nodes]),
        sensitive=f.sensitive,
        summary=f.summary,
    )
    flag._evidence_of = (read, f.evidence)
    return flag


def _path(read: sentences.FlagsRead, path: sentences.EvidencePath) -> Any:
    nodes = [read.nodes.get(i) for i in path.node_ids]
    rels = [read.rels.get(i) for i in path.rel_ids]
    return EvidencePath(
        note=path.note,
        node_ids=[None if n is None else to_global(n.kind.name, n.id) for n in nodes],
        rel_ids=[None if r is None else to_global(RELATIONSHIP, r.id) for r in rels],
        nodes=[None if n is None else wrap(n) for n in nodes],
        relationships=[None if r is None else wrap_rel(r) for r in rels],
    )


@query(
    "减刑、假释、暂予监外执行核查: red flags among the sentence-change files of your "
    "jurisdiction filed since `since` (a partial date), of the `kinds` asked (default all), "
    "each with its evidence paths.",
    returns=list_of(RedFlag),
    kinds=maybe(list_of(RedFlagKindEnum)),
)
async def sentence_red_flags(
    info: Info, since: str | None = UNSET, kinds: list[Any] | None = UNSET
) -> Any:
    wanted = given(kinds)
    read = await info.context.call(
        sentences.red_flags_with_evidence,
        since=given(since),
        kinds=tuple(RedFlagKind) if wanted is None else [RedFlagKind[code(k)] for k in wanted],
    )
    return [_flag(read, f) for f in read.flags]
