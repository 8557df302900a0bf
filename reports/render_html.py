"""The cooperation report as one self-contained HTML page (inline CSS and SVG), laid out
for A4 printing; ``render_pdf`` prints it."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from reports.document import Block, Chart, Document, Note, Paragraph, Section, Table
from reports.layout import cooperation_document

if TYPE_CHECKING:
    from reports.cooperation import CooperationReport

STYLESHEET = Path(__file__).with_name("report.css")
DATE = re.compile(r"^\d{4}(-\d{2}){0,2}$")


def stylesheet() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


def _cell(text: str, numeric: bool) -> str:
    # Dates stay on one line: a wrapped "2024-03-\n09" reads as two figures.
    kind = "num" if numeric else "date" if DATE.match(text) else ""
    attr = f' class="{kind}"' if kind else ""
    return f"<td{attr}>{escape(text)}</td>"


def _table(table: Table) -> str:
    if not table.rows:
        # An empty table is one line, so its caption cannot be left alone at a page's foot.
        title = f"<strong>{escape(table.caption)}</strong> " if table.caption else ""
        return f'<p class="empty">{title}{escape(table.empty)}</p>'
    caption = f"<caption>{escape(table.caption)}</caption>" if table.caption else ""
    head = "".join(f"<th>{escape(h)}</th>" for h in table.headers)
    body = "".join(
        "<tr>" + "".join(_cell(c, i in table.numeric) for i, c in enumerate(row)) + "</tr>"
        for row in table.rows
    )
    return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{escape(block.text)}</p>"
    if isinstance(block, Note):
        return f'<p class="note">{escape(block.text)}</p>'
    if isinstance(block, Chart):
        wide = " wide" if block.wide else ""
        return (
            f'<figure class="chart{wide}">{block.svg}'
            f"<figcaption>{escape(block.caption)}</figcaption></figure>"
        )
    return _table(block)


def _section(section: Section) -> str:
    classes = " ".join(
        c for c in ("new-page" if section.new_page else "", "annex" if section.annex else "") if c
    )
    attr = f' class="{classes}"' if classes else ""
    blocks = "\n".join(_block(b) for b in section.blocks)
    return f"<section{attr}>\n<h2>{escape(section.heading)}</h2>\n{blocks}\n</section>"


def document_html(doc: Document) -> str:
    sections = "\n".join(_section(s) for s in doc.sections)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(doc.title)}</title>\n<style>\n{stylesheet()}</style>\n</head>\n<body>\n"
        f'<header class="cover"><h1>{escape(doc.title)}</h1>'
        f'<p class="subtitle">{escape(doc.subtitle)}</p></header>\n'
        f"{sections}\n</body>\n</html>\n"
    )


def render_html(report: CooperationReport) -> str:
    return document_html(cooperation_document(report))
