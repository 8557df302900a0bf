"""What a case coordination (案件协调) may record: procedure, jurisdiction, time limits,
cooperation, opinion and stability — never a decision on evidence, facts or the verdict,
which belong to the handling organs alone. Such entries are refused, each named."""

from __future__ import annotations

from collections.abc import Mapping

from graph.errors import FieldError, ValidationError
from graph.model import views
from graph.model.enums import CoordinationTopic
from graph.model.records import Node
from graph.store import GraphStore
from workflows.access import Permission
from workflows.changes import Change, check_version
from workflows.supervision.cases import require_supervised
from workflows.usecase import use_case

# Entry names that would decide the case, in the ways people write them.
DECIDING = frozenset(
    {
        "evidence", "facts", "fact", "verdict", "judgment", "judgement", "ruling", "guilt",
        "conviction", "sentence", "sentencing", "charge", "charges",
        "证据", "证据采信", "事实", "事实认定", "案件事实", "定罪", "量刑", "定罪量刑", "罪名",
        "判决", "裁判", "裁判结果", "判决结果",
    }
)  # fmt: skip
# Phrases that decide, whatever the entry is called.
DECIDING_WORDS = ("采信", "认定事实", "事实认定", "定罪", "量刑", "判处", "改判", "裁判结果")
REFUSED = "协调不得对证据采信、事实认定或裁判结果作出决定"


def _topic(name: str) -> CoordinationTopic | None:
    text = name.strip()
    try:
        return CoordinationTopic.parse(text.upper() if text.isascii() else text)
    except ValueError:
        return None


def refused_entries(entries: Mapping[str, str]) -> list[FieldError]:
    """Every entry that decides the case or is not a coordination topic."""
    errors = []
    for name, text in entries.items():
        if name.strip().lower() in DECIDING:
            errors.append(FieldError(f"entries.{name}", REFUSED))
        elif any(word in text for word in DECIDING_WORDS):
            errors.append(FieldError(f"entries.{name}", f"{REFUSED} (text)"))
        elif _topic(name) is None:
            topics = ", ".join(t.name for t in CoordinationTopic)
            errors.append(FieldError(f"entries.{name}", f"not a coordination topic ({topics})"))
    return errors


@use_case(Permission.WRITE, owns=["action_id"])
def record_coordination(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    action_id: str,
    version: int,
    entries: Mapping[str, str],
) -> Node:
    """Add what a coordination agreed, topic by topic, to a supervised case's record."""
    old = require_supervised(store, action_id)
    check_version(old, version)
    if not entries:
        raise ValidationError(FieldError("entries", "required"))
    errors = refused_entries(entries)
    if errors:
        raise ValidationError(errors)
    topics = {name: _topic(name) for name in entries}
    lines = [f"{today} {t.label}:{entries[name].strip()}" for name, t in topics.items() if t]
    names = [t.name for t in topics.values() if t]
    recorded = views.SupervisionAction(old)
    known = recorded.coordination_topics
    summary = "\n".join(filter(None, [recorded.coordination_summary or "", *lines]))
    change = Change(actor)
    node = change.update(
        old,
        {
            "coordination_topics": known + [n for n in dict.fromkeys(names) if n not in known],
            "coordination_summary": summary,
        },
        operation="coordinate",
    )
    change.commit(store)
    return node
