"""The cooperation report as Markdown: the same sections and tables, charts left to the
HTML and PDF versions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reports.document import Chart, Document, Note, Paragraph, Table
from reports.layout import cooperation_document

if TYPE_CHECKING:
    from reports.cooperation import CooperationReport


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(table: Table) -> list[str]:
    lines = [f"**{table.caption}**", ""] if table.caption else []
    if not table.rows:
        return [*lines, table.empty, ""]
    align = ["---:" if i in table.numeric else "---" for i in range(len(table.headers))]
    lines.append("| " + " | ".join(_cell(h) for h in table.headers) + " |")
    lines.append("| " + " | ".join(align) + " |")
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    return [*lines, ""]


def document_md(doc: Document) -> str:
    lines = [f"# {doc.title}", "", doc.subtitle, ""]
    for section in doc.sections:
        lines += [f"## {section.heading}", ""]
        for block in section.blocks:
            if isinstance(block, Paragraph):
                lines += [block.text, ""]
            elif isinstance(block, Note):
                lines += [f"> {block.text}", ""]
            elif isinstance(block, Chart):
                lines += [f"*图:{block.caption}(见 HTML/PDF 版)*", ""]
            else:
                lines += _table(block)
    return "\n".join(lines).rstrip() + "\n"


def render_md(report: CooperationReport) -> str:
    return document_md(cooperation_document(report))
