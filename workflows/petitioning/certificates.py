"""What a medical certificate says about how ill its holder is, read with negation and severity
in mind: 不能生活自理 is no sign of a mild condition, and 一级 in 一级伤残 is the gravest grade
of disability, not the mildest grade of a disease."""

from __future__ import annotations

import re
from collections.abc import Sequence

from workflows import rules

# A clause ends at punctuation: a cue in one clause says nothing of a term in another.
_CLAUSES = re.compile(r"[,，;；。:：、()（）\[\]【】\s]+")


def _negated_before(negations: Sequence[str]) -> re.Pattern[str]:
    # A negation right before the term, possibly with a modal between: 不能, 无法, 未能, 不可.
    cues = "|".join(re.escape(n) for n in sorted(negations, key=len, reverse=True))
    return re.compile(f"(?:{cues})[能可会法]?$")


def mild_terms(
    text: str,
    mild: Sequence[str] = rules.MILD_CONDITIONS,
    negations: Sequence[str] = rules.CERTIFICATE_NEGATIONS,
    severe: Sequence[str] = rules.SEVERE_CONTEXT,
) -> list[str]:
    """The wording of ``mild`` that ``text`` affirms: each occurrence not negated right before
    it and not in a clause that also speaks of severity (伤残, 晚期, …), sorted, once each."""
    negated = _negated_before(negations)
    found: set[str] = set()
    for clause in _CLAUSES.split(text):
        if any(s in clause for s in severe):
            continue
        for term in mild:
            start = clause.find(term)
            while start >= 0:
                if not negated.search(clause[:start]):
                    found.add(term)
                    break
                start = clause.find(term, start + 1)
    return sorted(found)
