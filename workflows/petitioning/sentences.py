"""Verification of commutation, parole and temporary execution outside prison (减刑、假释、
暂予监外执行核查): red flags computed from the graph, each with the evidence path behind it —
repeated reductions of one offender, reductions right at the eligibility line (踩点减刑),
the same pair of officials on many files, doubtful medical certificates, and files of the
three sensitive offender classes (职务犯罪, 金融犯罪, 涉黑)."""

from __future__ import annotations

import enum
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any, TypeGuard, TypeVar

from graph.model import views
from graph.model.enums import CaseKind, NodeKind, PartyRole, RelType, SentenceChange
from graph.model.records import Node, Rel
from graph.store import Condition, Direction, GraphStore, Neighbour, Op, Where
from workflows import rules
from workflows.access import Access
from workflows.days import longest
from workflows.petitioning.certificates import mild_terms
from workflows.reading import in_period, in_region, linked_calls, together
from workflows.usecase import use_case

_CERTIFICATE = re.compile(r"编号([0-9A-Za-z-]+)")
OFFENDER = PartyRole.OFFENDER.name
T = TypeVar("T")


class RedFlagKind(enum.Enum):
    REPEATED_REDUCTIONS = "反复减刑"
    AT_THE_LINE = "踩点减刑"
    SAME_APPROVERS = "同一审批人"
    DOUBTFUL_CERTIFICATE = "病情证明存疑"
    SENSITIVE_CLASS = "三类罪犯"


@dataclass(frozen=True)
class EvidencePath:
    """Alternating nodes and relationships of the graph, with what they show."""

    node_ids: list[str]
    rel_ids: list[str]
    note: str


@dataclass(frozen=True)
class RedFlag:
    kind: RedFlagKind
    case_ids: list[str]
    official_ids: list[str]
    sensitive: bool
    summary: str
    evidence: list[EvidencePath]


@dataclass(frozen=True)
class _File:
    case: Node
    court: Rel | None
    handlers: list[Rel]
    offenders: list[Rel]  # PARTY_TO as OFFENDER: who the file is about

    @property
    def read(self) -> views.Case:
        return views.Case(self.case)

    @property
    def sensitive(self) -> bool:
        return self.read.offence_class in rules.SENSITIVE_OFFENCES

    def path(self, note: str) -> EvidencePath:
        """The file and the court that decided it."""
        if self.court is None:
            return EvidencePath([self.case.id], [], note)
        return EvidencePath([self.case.id, self.court.end], [self.court.id], note)


def _scope(region: str | None, since: str | None) -> list[Condition]:
    """The sentence-change files of a region filed since a day."""
    kind = Where("kind", Op.EQ, CaseKind.PENALTY_EXECUTION.name)
    return [kind, *in_region(region), *in_period("filed_on", since, None)]


class Records:
    """Every record read for the flags, by id: the files and what their paths pass."""

    def __init__(self) -> None:
        self.nodes: dict[str, Node] = {}
        self.rels: dict[str, Rel] = {}

    def add(self, near: dict[str, list[Neighbour]]) -> None:
        for found in near.values():
            for n in found:
                self.nodes[n.node.id] = n.node
                self.rels[n.rel.id] = n.rel


def _files(
    store: GraphStore,
    ids: Iterable[str],
    read: Records,
    handled: Iterable[str] = (),
    parties: Iterable[str] = (),
) -> list[_File]:
    """The files ``ids``, in id order, with the court; the handlers of those among
    ``handled`` and the offenders of those among ``parties`` (the only flags that read
    them), the other files' left empty. Every record read goes into ``read``."""
    wanted = sorted(set(ids))
    asks = [
        (RelType.HANDLED_BY, wanted),
        (RelType.HANDLED, sorted(set(handled) & set(wanted))),
        (RelType.PARTY_TO, sorted(set(parties) & set(wanted))),
    ]
    # The files and their links are asked together, a chunk of ids to a call.
    calls: list[Callable[[], Any]] = [lambda: store.get_nodes(wanted)]
    types: list[RelType] = []  # the type each call after the first asks
    for type_, among in asks:
        chunks = linked_calls(store, among, [type_], Direction.BOTH)
        calls += chunks
        types += [type_] * len(chunks)
    found, *answers = together(store, calls)
    cases = [found[i] for i in sorted(found) if found[i].kind is NodeKind.Case]
    read.nodes.update((c.id, c) for c in cases)
    files = {c.id for c in cases}
    got: dict[RelType, dict[str, list[Neighbour]]] = {type_: {} for type_, _ in asks}
    for type_, answer in zip(types, answers, strict=True):
        got[type_].update((i, ns) for i, ns in answer.items() if i in files)
    for near in got.values():
        read.add(near)

    def of(case: Node, type_: RelType) -> list[Rel]:
        return [n.rel for n in got[type_].get(case.id, ())]

    return [
        _File(
            c,
            next(iter(of(c, RelType.HANDLED_BY)), None),
            of(c, RelType.HANDLED),
            [r for r in of(c, RelType.PARTY_TO) if views.PartyTo(r).party_role == OFFENDER],
        )
        for c in cases
    ]


# Each flag's candidates, asked of the store so that only the files that may be flagged are
# read whole: the rule itself then runs on them (``sentence_red_flags``). Each returns a
# superset of the files its rule flags, and, for every group the rule judges together (an
# offender's commutations, a pair's files, a certificate's files), the whole group or none.


def _repeated_candidates(store: GraphStore, scope: list[Condition], least: int) -> set[str]:
    """Commutations of parties with ``least`` or more of them (in any role: the rule then
    keeps the offenders)."""
    commuted = [*scope, Where("sentence_change", Op.EQ, SentenceChange.COMMUTATION.name)]
    groups = store.link_groups(
        NodeKind.Case, commuted, rel_types=[RelType.PARTY_TO], direction=Direction.IN,
        min_size=least,
    )  # fmt: skip
    return {i for members in groups.values() for i in members}


def _line_candidates(store: GraphStore, scope: list[Condition], margin: float) -> set[str]:
    """Files whose two ratios are less than ``margin`` apart: two numbers per file travel."""
    ratios = store.node_values(NodeKind.Case, scope, ["served_ratio", "eligible_ratio"])
    return {
        i
        for i, (served, line) in ratios.items()
        if _number(served) and _number(line) and served - line < margin
    }


def _number(value: object) -> TypeGuard[float | int]:
    return isinstance(value, float | int)  # as ``_at_the_line`` reads the file


def _approver_candidates(store: GraphStore, scope: list[Condition], least: int) -> set[str]:
    """The files of every pair of handlers sharing ``least`` files or more: only the
    handlers with ``least`` files or more can be in such a pair, and the store finds them."""
    groups = store.link_groups(
        NodeKind.Case, scope, rel_types=[RelType.HANDLED], direction=Direction.IN,
        min_size=least,
    )  # fmt: skip
    handlers: dict[str, set[str]] = defaultdict(set)
    for official, files in groups.items():
        for f in files:
            handlers[f].add(official)
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for f, officials in handlers.items():
        for pair in combinations(sorted(officials), 2):
            shared[pair].append(f)
    return {f for files in shared.values() if len(files) >= least for f in files}


def _certificate_candidates(
    store: GraphStore, scope: list[Condition], mild: Sequence[str]
) -> set[str]:
    """Temporary executions whose certificate is shared or names a mild condition: one text
    per file travels."""
    temporary = [*scope, Where("sentence_change", Op.EQ, SentenceChange.TEMPORARY_EXECUTION.name)]
    texts = store.node_values(NodeKind.Case, temporary, ["medical_certificate"])
    groups = _by_number((i, text) for i, (text,) in texts.items())
    return {
        i
        for group in groups.values()
        if len(group) > 1 or any(mild_terms(str(text), mild) for _, text in group)
        for i, _ in group
    }


def _sensitive_candidates(store: GraphStore, scope: list[Condition]) -> set[str]:
    classes = [*scope, Where("offence_class", Op.IN, list(rules.SENSITIVE_OFFENCES))]
    return set(store.node_values(NodeKind.Case, classes, []))


def _by_number(items: Iterable[tuple[T, object]]) -> dict[str, list[tuple[T, object]]]:
    """Items with a certificate, by the certificate's number (its text when it has none)."""
    out: dict[str, list[tuple[T, object]]] = defaultdict(list)
    for item, text in items:
        if text:
            match = _CERTIFICATE.search(str(text))
            out[match.group(1) if match else str(text)].append((item, text))
    return out


def _flag(
    kind: RedFlagKind,
    files: Sequence[_File],
    summary: str,
    evidence: list[EvidencePath],
    officials: Iterable[str] = (),
) -> RedFlag:
    return RedFlag(
        kind,
        sorted(f.case.id for f in files),
        sorted(officials),
        any(f.sensitive for f in files),
        summary,
        evidence,
    )


def _repeated(files: Sequence[_File], least: int, window: int) -> list[RedFlag]:
    """Offenders (by the PARTY_TO relationship, never by the wording of ``cause``) with any
    ``least`` commutations within ``window`` days: a sliding window, so that five over four
    years, three of them within one year, are flagged; the flag holds every commutation that
    falls in some such window."""
    by_offender: dict[str, list[tuple[_File, Rel]]] = defaultdict(list)
    for f in files:
        if f.read.sentence_change == SentenceChange.COMMUTATION.name:
            for party in f.offenders:
                by_offender[party.start].append((f, party))
    out = []
    for offender, group in sorted(by_offender.items()):
        group.sort(key=lambda fp: (str(fp[0].read.filed_on), fp[0].case.id))
        dates = [str(f.read.filed_on) for f, _ in group]
        flagged: set[int] = set()
        last = 0
        for first in range(len(group)):
            last = max(last, first)
            while last + 1 < len(group) and longest(dates[first], dates[last + 1]) <= window:
                last += 1
            if last - first + 1 >= least:
                flagged.update(range(first, last + 1))
        if not flagged:
            continue
        kept = [group[i] for i in sorted(flagged)]
        months = sum(int(f.read.months_reduced or 0) for f, _ in kept)
        span = longest(str(kept[0][0].read.filed_on), str(kept[-1][0].read.filed_on))
        out.append(
            _flag(
                RedFlagKind.REPEATED_REDUCTIONS,
                [f for f, _ in kept],
                f"同一罪犯在{span}天内{len(kept)}次减刑, 共减{months}个月",
                [_offender_path(f, party) for f, party in kept],
                [offender],
            )
        )
    return out


def _offender_path(f: _File, party: Rel) -> EvidencePath:
    """The offender, the file about them, and the court that decided it."""
    court = f.path("")
    note = f"{f.read.filed_on}减刑{f.read.months_reduced}个月"
    return EvidencePath([party.start, *court.node_ids], [party.id, *court.rel_ids], note)


def _at_the_line(files: Sequence[_File], margin: float) -> list[RedFlag]:
    out = []
    for f in files:
        served, line = f.read.served_ratio, f.read.eligible_ratio
        if not isinstance(served, float | int) or not isinstance(line, float | int):
            continue
        if served - line < margin:
            note = f"已执行刑期比例{served:.3f}, 法定起始比例{line:.3f}"
            out.append(_flag(RedFlagKind.AT_THE_LINE, [f], note, [f.path(note)]))
    return out


def _same_approvers(files: Sequence[_File], least: int) -> list[RedFlag]:
    shared: dict[tuple[str, str], list[_File]] = defaultdict(list)
    for f in files:
        for a, b in combinations(sorted({h.start for h in f.handlers}), 2):
            shared[(a, b)].append(f)
    out = []
    for (a, b), group in sorted(shared.items()):
        if len(group) < least:
            continue
        evidence = []
        for f in group:
            rels = {h.start: h for h in f.handlers}
            evidence.append(
                EvidencePath(
                    [a, f.case.id, b],
                    [rels[a].id, rels[b].id],
                    f"{_role(rels[a])}与{_role(rels[b])}共同经手",
                )
            )
        summary = f"同一对人员共同经手{len(group)}件刑罚变更案件"
        out.append(_flag(RedFlagKind.SAME_APPROVERS, group, summary, evidence, (a, b)))
    return out


def _role(handled: Rel) -> str:
    return views.Handled(handled).role or ""


def _doubtful(files: Sequence[_File], mild: Sequence[str]) -> list[RedFlag]:
    temporary = SentenceChange.TEMPORARY_EXECUTION.name
    by_number = _by_number(
        (f, f.read.medical_certificate) for f in files if f.read.sentence_change == temporary
    )
    out = []
    for number, numbered in sorted(by_number.items()):
        group = [f for f, _ in numbered]
        reasons = [f"同一诊断证明(编号{number})用于{len(group)}名罪犯"] if len(group) > 1 else []
        terms = sorted(
            {t for f in group for t in mild_terms(str(f.read.medical_certificate), mild)}
        )
        if terms:
            reasons.append(f"所载病情并非严重疾病({'、'.join(terms)})")
        if reasons:
            evidence = [f.path(str(f.read.medical_certificate)) for f in group]
            out.append(_flag(RedFlagKind.DOUBTFUL_CERTIFICATE, group, ";".join(reasons), evidence))
    return out


def _sensitive(files: Sequence[_File]) -> list[RedFlag]:
    return [
        _flag(
            RedFlagKind.SENSITIVE_CLASS,
            [f],
            f"{f.read.offence_class}罪犯的刑罚变更",
            [f.path(str(f.read.offence_class))],
        )
        for f in files
        if f.sensitive
    ]


def sentence_red_flags(
    *,
    store: GraphStore,
    region: str | None = None,
    since: str | None = None,
    kinds: Sequence[RedFlagKind] = tuple(RedFlagKind),
    repeated_reductions: int = rules.REPEATED_REDUCTIONS,
    reduction_window_days: int = rules.REDUCTION_WINDOW_DAYS,
    line_margin: float = rules.AT_THE_LINE_MARGIN,
    same_approvers: int = rules.SAME_APPROVERS,
    mild_conditions: Sequence[str] = rules.MILD_CONDITIONS,
    records: Records | None = None,
) -> list[RedFlag]:
    """The red flags among sentence-change files of a region filed since a day (every record
    read for them kept in ``records``, when given).

    The store is asked, flag by flag, which files may be flagged (ids, groups and a few
    values: ``link_groups``, ``node_values``); only those are read whole, and each rule runs
    on its candidates as it would on every file."""
    scope = _scope(region, since)
    candidates = {
        RedFlagKind.REPEATED_REDUCTIONS: lambda: _repeated_candidates(
            store, scope, repeated_reductions
        ),
        RedFlagKind.AT_THE_LINE: lambda: _line_candidates(store, scope, line_margin),
        RedFlagKind.SAME_APPROVERS: lambda: _approver_candidates(store, scope, same_approvers),
        RedFlagKind.DOUBTFUL_CERTIFICATE: lambda: _certificate_candidates(
            store, scope, mild_conditions
        ),
        RedFlagKind.SENSITIVE_CLASS: lambda: _sensitive_candidates(store, scope),
    }
    asked = list(dict.fromkeys(kinds))
    wanted = dict(zip(asked, together(store, [candidates[k] for k in asked]), strict=True))
    read = {
        f.case.id: f
        for f in _files(
            store,
            set().union(*wanted.values()),
            Records() if records is None else records,
            handled=wanted.get(RedFlagKind.SAME_APPROVERS, ()),
            parties=wanted.get(RedFlagKind.REPEATED_REDUCTIONS, ()),
        )
    }

    def files(kind: RedFlagKind) -> list[_File]:
        return [read[i] for i in sorted(wanted[kind]) if i in read]

    found = {
        RedFlagKind.REPEATED_REDUCTIONS: lambda: _repeated(
            files(RedFlagKind.REPEATED_REDUCTIONS), repeated_reductions, reduction_window_days
        ),
        RedFlagKind.AT_THE_LINE: lambda: _at_the_line(files(RedFlagKind.AT_THE_LINE), line_margin),
        RedFlagKind.SAME_APPROVERS: lambda: _same_approvers(
            files(RedFlagKind.SAME_APPROVERS), same_approvers
        ),
        RedFlagKind.DOUBTFUL_CERTIFICATE: lambda: _doubtful(
            files(RedFlagKind.DOUBTFUL_CERTIFICATE), mild_conditions
        ),
        RedFlagKind.SENSITIVE_CLASS: lambda: _sensitive(files(RedFlagKind.SENSITIVE_CLASS)),
    }
    return [flag for kind in kinds for flag in found[kind]()]


@dataclass(frozen=True)
class FlagsRead:
    """Red flags, and the records on their evidence paths that the caller may see."""

    flags: list[RedFlag]
    nodes: dict[str, Node]
    rels: dict[str, Rel]


@use_case(scoped=True)
def red_flags_with_evidence(
    *,
    store: GraphStore,
    access: Access,
    region: str | None = None,
    since: str | None = None,
    kinds: Sequence[RedFlagKind] = tuple(RedFlagKind),
) -> FlagsRead:
    """The red flags of a region and the records on their evidence paths that the caller may
    see, as it may see them (a relationship when both its ends are visible)."""
    read = Records()
    flags = sentence_red_flags(store=store, region=region, since=since, kinds=kinds, records=read)
    paths = [p for f in flags for p in f.evidence]
    node_ids = sorted({i for p in paths for i in p.node_ids})
    rel_ids = sorted({i for p in paths for i in p.rel_ids})
    # The paths pass only records the flags read; any other is read now.
    missing = [i for i in node_ids if i not in read.nodes]
    read.nodes.update(store.get_nodes(missing) if missing else {})
    missing = [i for i in rel_ids if i not in read.rels]
    read.rels.update(store.get_rels(missing) if missing else {})
    nodes = {
        i: access.present(n)
        for i in node_ids
        if (n := read.nodes.get(i)) is not None and access.can_see(n)
    }
    rels = {i: r for i in rel_ids if (r := read.rels.get(i)) is not None}
    shown = {i: r for i, r in rels.items() if r.start in nodes and r.end in nodes}
    return FlagsRead(flags, nodes, shown)
