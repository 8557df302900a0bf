"""Text search on Neo4j: one full-text index per kind over its search fields (``NodeSpec.search``)
with Lucene's ``cjk`` analyzer, used to find the candidates of a substring condition.

The port's text condition is ``Op.CONTAINS``: the value, lowercased, contains the text,
lowercased. The ``cjk`` analyzer indexes every pair of adjacent Han characters of a value
(and Latin words whole), so a phrase of the bigrams of a run of Han characters finds every
value in which that run occurs, and some more; the exact condition is checked on those
candidates. A text without two adjacent Han characters (one character, digits, Latin
letters) has no such phrase: it is checked on every node the listing reads.

The same index holds ``MISSING``: a range index has no entry for a node without the value,
and a listing sorted on a field that nearly every node has would otherwise read the whole
kind to find the few without it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from graph.adapters.cypher import sorted_fields
from graph.model.enums import NodeKind
from graph.model.kinds import NODES
from graph.store import AnyOf, Condition, Op, Where

ANALYZER = "cjk"
# Bookkeeping beside a node's properties: the names of the sorted fields (``sorted_fields``) it
# lacks, so that the nodes without a value are found through the full-text index, as the
# others are through the field's range index.
MISSING = "_missing"
# CJK Unified Ideographs and Extension A: characters the analyzer's tokenizer always treats as
# ideographs. Other Han characters only end a run here, so no phrase asks for a pair the
# index may lack.
_HAN_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]{2,}")


def text_index(kind: NodeKind) -> str:
    return f"jiandu_{kind.name}_text"


def indexed(kind: NodeKind) -> tuple[str, ...]:
    """The properties the kind's full-text index holds: its search fields and ``MISSING``."""
    return (*NODES[kind].search, MISSING)


def phrase(text: str) -> str | None:
    """The Lucene query matching every value that contains ``text``, or None when the index
    cannot find them all: each run of Han characters as a quoted phrase, all required."""
    runs = _HAN_RUN.findall(text)
    return " AND ".join(f'"{run}"' for run in runs) or None


def missing(kind: NodeKind, props: Mapping[str, Any]) -> str:
    """The value of ``MISSING`` for a node of ``kind`` with these properties."""
    return " ".join(f for f in sorted_fields(kind) if props.get(f) is None)


def lacking(name: str) -> str:
    """The Lucene query for the nodes that lack the sorted field ``name``."""
    return f"{MISSING}:{name}"


def searched(kind: NodeKind, cond: Condition) -> str | None:
    """The full-text query for ``cond`` when the kind's index finds all its matches: one
    ``CONTAINS`` on an indexed field, or ``AnyOf`` such conditions with one text (what a
    ``search`` filter sends)."""
    members = cond.conditions if isinstance(cond, AnyOf) else (cond,)
    fields = NODES[kind].search
    if not members or not all(
        isinstance(m, Where) and m.op is Op.CONTAINS and m.field in fields for m in members
    ):
        return None
    texts = {str(m.value) for m in members if isinstance(m, Where)}
    found = phrase(texts.pop()) if len(texts) == 1 else None
    if found is None:
        return None
    names = dict.fromkeys(m.field for m in members if isinstance(m, Where))
    return " OR ".join(f"{name}:({found})" for name in names)
