"""Text search on the embedded store: an SQLite FTS5 index of character bigrams.

Chinese has no spaces between words, and FTS5's trigram tokenizer finds nothing for a query
of two characters, the length of most Chinese words. So Jiandu tokenizes the text itself:
the lowercased value becomes every pair of adjacent characters, plus its last character with
an end mark, written as tokens the ``ascii`` tokenizer keeps whole. A query ``q`` (lowercased)
is then, for ``Op.CONTAINS``:

- one character: a prefix query on it (every character begins a token);
- two characters: the one token; both are exact;
- longer: every bigram of ``q`` (AND), a superset that the caller re-checks exactly.

Characters that cannot be tokens (control characters) are replaced in the index; a query
holding one is answered without the index (``match`` gives None).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass

_SEP = "\x01"  # between tokens: the only separator of the tokenizer
_END = "\x02"  # after the last character, so that it begins a token too
_REPLACED = "\ufffd"
_CONTROL = {c: _REPLACED for c in (*range(0x20), 0x7F)}
_HAS_CONTROL = re.compile("[\x00-\x1f\x7f]")
_TOKEN_PUNCTUATION = "".join(chr(c) for c in range(0x20, 0x7F) if not chr(c).isalnum()) + _END


def tokenizer() -> str:
    """The FTS5 ``tokenize`` option: every printable character is part of a token."""
    chars = _TOKEN_PUNCTUATION.replace("'", "''").replace('"', '""')
    return f"\"ascii separators '{_SEP}' tokenchars '{chars}'\""


def tokens(value: object) -> str | None:
    """What the index holds for one value (None: not text, nothing to find)."""
    if not isinstance(value, str):
        return None
    text = value.lower()
    if _HAS_CONTROL.search(text):
        text = text.translate(_CONTROL)
    return _SEP.join(map(operator.add, text, text[1:] + _END))


@dataclass(frozen=True)
class TextQuery:
    expression: str  # the FTS5 MATCH expression
    exact: bool  # False: its matches must be checked against the text


def match(fields: Sequence[str], text: str) -> TextQuery | None:
    """The FTS5 query for the values of ``fields`` that contain ``text`` (any case), or None
    when the index cannot answer it (empty text, or a character it does not hold)."""
    wanted = text.lower()
    if not wanted or _REPLACED in wanted or _HAS_CONTROL.search(wanted):
        return None
    columns = "{" + " ".join(fields) + "}"
    if len(wanted) == 1:
        return TextQuery(f"{columns} : {_quoted(wanted)} *", True)
    grams = dict.fromkeys(map(operator.add, wanted, wanted[1:]))
    terms = " AND ".join(map(_quoted, grams))
    return TextQuery(f"{columns} : ({terms})", len(wanted) == 2)


def _quoted(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'
