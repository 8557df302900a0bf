"""What a use case may touch, declared once where it is defined, and the one way to call it.

    @use_case(Permission.WRITE, owns=["finding_id"], sees=["by_id"])
    def recognize_finding(store, *, actor, today, finding_id, by_id, scope, ...) -> ...

``call(use_case, store=…, access=…, **arguments)``, which is what the API does for every
field, then:

1. requires the declared permission of the caller's role;
2. reads every node the ``owns`` and ``sees`` arguments name (an id, a list of ids, a
   mapping's values, or None; or a function of the arguments giving (field, id) pairs, for
   ids nested in inputs): each must be visible to the caller, else NotFound naming the
   argument, so a hidden node reads as absent;
3. requires the ``owns`` nodes, and the region where a ``places`` argument puts a new node of
   its kind, to lie in the caller's jurisdiction (else Forbidden);
4. passes what the use case's signature asks for: ``actor`` (the caller's subject), ``today``
   (the deployment's day, unless the caller gave one), ``access`` (the caller's view, for use
   cases that shape what they return to what the caller may see), and ``region`` (the
   caller's jurisdiction) when ``scoped``.

A use case stays a plain function: tests and the CLI call it directly with a store.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from graph.errors import FieldError, Forbidden, NotFound, ValidationError
from graph.model.enums import NodeKind
from graph.model.records import Node
from graph.store import GraphStore
from workflows.access import Access, Permission
from workflows.concealment import Concealing
from workflows.days import day
from workflows.days import today as today_
from workflows.explore.bounds import MAX_WALK

P = ParamSpec("P")
T = TypeVar("T")

Pairs = Callable[[Mapping[str, Any]], Iterable[tuple[str, str]]]
Ref = str | Pairs
"""An argument naming nodes, or a function of all the arguments giving (field, id) pairs."""


@dataclass(frozen=True)
class Guard:
    """What a use case touches: the permission it needs, the nodes it writes (``owns``) and
    refers to (``sees``), where the nodes it creates land (``places``: kind and the argument
    holding their region code), and whether it is scoped to the caller's region."""

    permission: Permission
    owns: tuple[Ref, ...] = ()
    sees: tuple[Ref, ...] = ()
    places: tuple[tuple[NodeKind, str], ...] = ()
    scoped: bool = False
    wants: frozenset[str] = frozenset()


GUARD = "__guard__"
READS = frozenset({Permission.READ, Permission.READ_PERSONAL, Permission.READ_AUDIT})


def use_case(
    permission: Permission = Permission.READ,
    *,
    owns: Sequence[Ref] = (),
    sees: Sequence[Ref] = (),
    places: Sequence[tuple[NodeKind, str]] = (),
    scoped: bool = False,
) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Declare what the decorated use case touches (see the module's docstring)."""

    def declare(fn: Callable[P, T]) -> Callable[P, T]:
        wants = frozenset(inspect.signature(fn).parameters) & {"actor", "today", "access"}
        names = [r for r in (*owns, *sees) if isinstance(r, str)] + [a for _, a in places]
        unknown = [n for n in names if n not in inspect.signature(fn).parameters]
        if unknown:
            raise TypeError(f"{fn.__qualname__}: no argument {', '.join(unknown)} to guard")
        guard = Guard(permission, tuple(owns), tuple(sees), tuple(places), scoped, wants)
        setattr(fn, GUARD, guard)
        return fn

    return declare


def guard_of(fn: Callable[..., Any]) -> Guard:
    guard = getattr(fn, GUARD, None)
    if not isinstance(guard, Guard):
        raise TypeError(f"{fn.__qualname__} declares no access: decorate it with @use_case")
    return guard


def call(
    use_case: Callable[..., T], /, *, store: GraphStore, access: Access, **arguments: Any
) -> T:
    """Run ``use_case`` for the caller, after the checks its declaration asks for."""
    guard = guard_of(use_case)
    access.require(guard.permission)
    arguments = checked(arguments)
    owned = list(_pairs(guard.owns, arguments))
    seen = list(_pairs(guard.sees, arguments))
    found = visible(store, access, [*owned, *seen])
    for _, id_ in owned:
        access.require_jurisdiction(found[id_])
    for kind, argument in guard.places:
        for code in _values(arguments.get(argument)):
            if not access.in_jurisdiction(kind, code):
                raise Forbidden(
                    f"{argument} '{code}' is outside the jurisdiction {access.principal.region}"
                )
    extra: dict[str, Any] = {}
    if "actor" in guard.wants:
        extra["actor"] = access.principal.subject
    if "today" in guard.wants and arguments.get("today") is None:
        # A resolver passes the client's day as given, None when not: the deployment's day then.
        arguments = {**arguments, "today": today_()}
    if "access" in guard.wants:
        extra["access"] = access
    if guard.scoped:
        extra["region"] = access.principal.region
    if access.principal.agency is not None:
        # An unannounced visit stays out of everything this caller reads (workflows.concealment).
        store = Concealing(store, access.principal.agency)
    if guard.permission in READS:
        return use_case(store=store, **arguments, **extra)
    try:
        return use_case(store=store, **arguments, **extra)
    finally:
        # A write may have changed what is shared with whom (workflows.access.SharedItems).
        access.changed()


# Arguments checked by name for every use case, before it runs (docs/api.md "Arguments"):
# the caller's day, years, and spans of days that multiply work or overflow the calendar.
YEARS = (1900, 2100)
MAX_DAYS = 36_500
WALKS = {"hops": 0, "max_hops": 0, "depth": 1}  # the least of each; the most is MAX_WALK


def checked(arguments: Mapping[str, Any]) -> dict[str, Any]:
    """The arguments with ``today`` as an ISO day, or ValidationError naming every field
    that is not: ``today`` a day, a ``year`` within YEARS, a ``…_days`` from 0 to MAX_DAYS,
    the hops or depth of a graph walk up to MAX_WALK; checked before any lookup."""
    out, errors = dict(arguments), []
    for name, value in arguments.items():
        if name == "today" and value is not None:
            try:
                out[name] = day(str(value), name)
            except ValidationError as exc:
                errors += exc.errors
                continue
            if not YEARS[0] <= int(out[name][:4]) <= YEARS[1]:
                errors.append(FieldError(name, f"must lie in the years {YEARS[0]}–{YEARS[1]}"))
        elif _whole(value) and (name == "year" or name.endswith("_year")):
            if not YEARS[0] <= value <= YEARS[1]:
                errors.append(FieldError(name, f"must be a year from {YEARS[0]} to {YEARS[1]}"))
        elif _whole(value) and name.endswith("_days") and not 0 <= value <= MAX_DAYS:
            errors.append(FieldError(name, f"must be 0 to {MAX_DAYS} days"))
        elif _whole(value) and name in WALKS and not WALKS[name] <= value <= MAX_WALK:
            errors.append(FieldError(name, f"{value} is not from {WALKS[name]} to {MAX_WALK}"))
    if errors:
        raise ValidationError(errors)
    return out


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def visible(store: GraphStore, access: Access, named: Sequence[tuple[str, str]]) -> dict[str, Node]:
    """The nodes of these (field, id) pairs, by id, each visible to the caller, else NotFound
    naming the field of the first that is absent or hidden."""
    ids = sorted({id_ for _, id_ in named})
    found = store.get_nodes(ids) if ids else {}
    for field, id_ in named:
        node = found.get(id_)
        if node is None or not access.can_see(node):
            raise NotFound.named(field, id_)
    return found


def _pairs(refs: Iterable[Ref], arguments: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    for ref in refs:
        if isinstance(ref, str):
            value = arguments.get(ref)
            ids = _values(value)
            if isinstance(value, str) or value is None:
                yield from ((ref, i) for i in ids)
            else:
                keys = value.keys() if isinstance(value, Mapping) else range(len(ids))
                yield from ((f"{ref}.{k}", i) for k, i in zip(keys, ids, strict=True))
        else:
            yield from ref(arguments)


def _values(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping):
        return [str(v) for v in value.values()]
    return [str(v) for v in value]
