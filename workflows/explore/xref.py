"""Likely duplicates (交叉比对, issue 15): the same person or agency loaded twice, under two
ids, from two sources. Each candidate pair comes with its evidence and a score from 0 to 1.

People (Official):
- the same 身份证号 (after trimming and upper-casing the check letter): 1.0;
- the same name and 身份证号 that differ only in the check digit: 0.95 (a typing slip);
- the same name and the same phone number: 0.9;
- the same name and the same birth date as the two 身份证号 write it: 0.8.

Agencies:
- the same name once spelt alike (full- and half-width forms, spaces, brackets) in one
  region: 0.95;
- names of one kind in one region that read alike (difflib ratio ≥ 0.75: 锦江区法院 and
  成都市锦江区人民法院): 0.9 × the ratio.

Evidence never quotes personal data: it names the field that matched, not its value. A
caller sees only pairs of nodes it may see.
"""

from __future__ import annotations

import difflib
import itertools
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from graph.errors import FieldError, ValidationError
from graph.model.enums import NodeKind
from graph.model.records import Node
from graph.store import GraphStore, Op, Where
from workflows.access import Access
from workflows.usecase import use_case

KINDS = (NodeKind.Official, NodeKind.Agency)
ALIKE = 0.75  # the least difflib ratio at which two agency names read alike
MAX_GROUP = 200  # agencies of one kind in one region compared pairwise, at most
# What a person's visibility and comparison read (``_outlines``).
OUTLINE = ("name", "id_number", "phone", "region_code", "merged_into")


@dataclass(frozen=True)
class Duplicate:
    kind: NodeKind
    nodes: tuple[Node, Node]
    score: float
    evidence: tuple[str, ...]

    @property
    def ids(self) -> tuple[str, str]:
        return self.nodes[0].id, self.nodes[1].id


def _plain(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _text(node: Node, name: str) -> str:
    return _plain(node.props.get(name))


def _spelling(name: str) -> str:
    """A name once spelt alike: full-width forms to half-width, no spaces, round brackets."""
    text = unicodedata.normalize("NFKC", name)
    return "".join(text.split()).replace("[", "(").replace("]", ")")


Person = tuple[str, str, str, str]  # id, name, 身份证号 (upper-cased), phone: all trimmed


def _row(id_: str, name: object, number: object, phone: object) -> Person:
    """Trimmed text, "" for anything else; text tested first (389,191 people in a province)."""
    return (
        id_,
        name.strip() if type(name) is str else _plain(name),
        number.strip().upper() if type(number) is str else _plain(number).upper(),
        phone.strip() if type(phone) is str else _plain(phone),
    )


def _person(node: Node) -> Person:
    return _row(node.id, *map(node.props.get, ("name", "id_number", "phone")))


def _people(people: Sequence[Person]) -> Iterable[Duplicate]:
    """The pairs among ``people``, each with two outline nodes (the id alone): a caller that
    shows them reads them whole (``_whole``).

    Each rule is a key per person (empty: shares nothing); the keys are counted in C and
    only the people of the few shared ones are grouped. A pair whose 身份证号 differ only in
    the check digit shares the name and the birth date too, so those pairs are found among
    the birth-date groups (one pass over the province fewer)."""
    found: dict[tuple[str, str], tuple[float, list[str]]] = {}

    def note(a: str, b: str, score: float, why: str) -> None:
        key = (min(a, b), max(a, b))
        best, reasons = found.get(key, (0.0, []))
        found[key] = (max(best, score), [*reasons, why])

    def pairs(among: Sequence[Person], keys: list[str]) -> list[tuple[Person, Person]]:
        """The pairs of ``among`` (by id) whose keys (one each, in order) are equal."""
        shared = {k for k, n in Counter(keys).items() if n > 1}
        shared.discard("")
        groups: dict[str, list[Person]] = defaultdict(list)
        for at in [at for at, k in enumerate(keys) if k in shared]:
            groups[keys[at]].append(among[at])
        return [
            pair for group in groups.values() for pair in itertools.combinations(sorted(group), 2)
        ]

    full = [p for p in people if len(p[2]) == 18]
    # 同名 and the birth date the number writes (a pair differing only in the check digit
    # is among them).
    born = pairs(full, [f"{name}|{n[6:14]}" if name else "" for _, name, n, _ in full])
    for a, b in pairs(people, [p[2] for p in people]):
        note(a[0], b[0], 1.0, "同一身份证号")
    for a, b in born:
        if a[2] != b[2] and a[2][:17] == b[2][:17]:
            note(a[0], b[0], 0.95, "同名, 身份证号仅校验位不同")
    phones = [f"{name}|{phone}" if name and phone else "" for _, name, _, phone in people]
    for a, b in pairs(people, phones):
        note(a[0], b[0], 0.9, "同名同电话")
    for a, b in born:
        if a[2] != b[2]:
            note(a[0], b[0], 0.8, "同名, 身份证号所载出生日期相同")
    for (first, second), (score, reasons) in found.items():
        pair = (Node(NodeKind.Official, first, {}), Node(NodeKind.Official, second, {}))
        yield Duplicate(NodeKind.Official, pair, score, tuple(dict.fromkeys(reasons)))


def _agencies(nodes: Sequence[Node]) -> Iterable[Duplicate]:
    groups: dict[tuple[str, str], list[Node]] = defaultdict(list)
    for node in nodes:
        groups[(_text(node, "region_code"), _text(node, "kind"))].append(node)
    for (region, _), group in groups.items():
        group = sorted(group, key=lambda n: n.id)[:MAX_GROUP]
        for a, b in itertools.combinations(group, 2):
            one, other = _spelling(_text(a, "name")), _spelling(_text(b, "name"))
            if not one or not other:
                continue
            if one == other:
                yield Duplicate(NodeKind.Agency, (a, b), 0.95, (f"同一区划({region})内名称相同",))
                continue
            ratio = difflib.SequenceMatcher(None, one, other).ratio()
            contained = one in other or other in one
            if ratio >= ALIKE or contained:
                score = round(0.9 * max(ratio, ALIKE), 2)
                why = f"同一区划({region})同类机关名称相近(相似度{ratio:.2f})"
                yield Duplicate(NodeKind.Agency, (a, b), score, (why,))


def pairs_among(nodes: Sequence[Node]) -> list[tuple[str, str, float, str]]:
    """Likely duplicates among ``nodes`` (any kinds; people and agencies are compared), as
    (id, id, score, evidence): for a load's check (loaders/quality.py), before anything is
    in the store."""
    people = [_person(n) for n in nodes if n.kind is NodeKind.Official]
    agencies = [n for n in nodes if n.kind is NodeKind.Agency]
    found = [*_people(people), *_agencies(agencies)]
    return sorted(
        ((d.ids[0], d.ids[1], d.score, "; ".join(d.evidence)) for d in found),
        key=lambda d: (-d[2], d[0], d[1]),
    )


@use_case()
def likely_duplicates(
    *,
    store: GraphStore,
    access: Access,
    kinds: Sequence[NodeKind] | None = None,
    min_score: float = 0.6,
) -> list[Duplicate]:
    """Likely duplicates of the given kinds (people and agencies), best first, each pair
    with its evidence; only pairs whose two nodes the caller may see."""
    wanted = list(kinds or KINDS)
    unknown = [k for k in wanted if k not in KINDS]
    if unknown:
        names = ", ".join(k.name for k in KINDS)
        raise ValidationError(FieldError("kinds", f"duplicates are found among {names}"))
    if not 0 <= min_score <= 1:
        raise ValidationError(FieldError("min_score", f"{min_score} is not from 0 to 1"))
    out: list[Duplicate] = []
    for kind in wanted:
        if kind is NodeKind.Official:
            found = _whole(
                store, [d for d in _people(_outlines(store, access)) if d.score >= min_score]
            )
        else:
            nodes = [
                n
                for chunk in store.scan_nodes(kind)
                for n in chunk
                if access.can_see(n) and not n.props.get("merged_into")  # an alias is settled
            ]
            found = [d for d in _agencies(nodes) if d.score >= min_score]
        out += [
            Duplicate(
                d.kind,
                (access.present(d.nodes[0]), access.present(d.nodes[1])),
                d.score,
                d.evidence,
            )
            for d in found
        ]
    return sorted(out, key=lambda d: (-d.score, d.kind.name, d.ids))


def _outlines(store: GraphStore, access: Access) -> list[Person]:
    """Every person the caller may see who is not an alias already settled, with the fields
    compared (``_people``): people are many, and only these values travel
    (``GraphStore.node_values``); the pairs found are then read whole."""
    prefix = access.principal.prefix  # a person is seen in the jurisdiction only
    where = [] if prefix is None else [Where("region_code", Op.PREFIX, prefix)]
    kind = NodeKind.Official
    may_see = access.may_see
    return [
        _row(i, name, number, phone)
        for i, (name, number, phone, region, merged) in store.node_values(
            kind, where, OUTLINE
        ).items()
        if not merged and may_see(kind, i, region)
    ]


def _whole(store: GraphStore, found: Sequence[Duplicate]) -> list[Duplicate]:
    """The pairs with their two nodes read whole (those still in the store)."""
    whole = store.get_nodes(sorted({i for d in found for i in d.ids}))
    return [
        replace(d, nodes=(whole[d.ids[0]], whole[d.ids[1]]))
        for d in found
        if d.ids[0] in whole and d.ids[1] in whole
    ]
