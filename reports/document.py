"""A report as a neutral document: numbered sections of paragraphs, tables, charts and notes.

Layouts write the words once; ``render_html`` and ``render_md`` only choose the markup.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Table:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()
    empty: str = "(无)"


@dataclass(frozen=True)
class Chart:
    caption: str
    svg: str
    wide: bool = False


@dataclass(frozen=True)
class Note:
    text: str


Block = Paragraph | Table | Chart | Note


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple[Block, ...]
    new_page: bool = False
    annex: bool = False


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    sections: tuple[Section, ...]


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def share(part: int, whole: int) -> str:
    return "—" if whole == 0 else f"{part / whole * 100:.1f}%"
