"""The cooperation report as PDF: its HTML page printed by headless Chromium.

Chromium lays out the Chinese text with the system's Noto CJK fonts and embeds them, so the
PDF's text stays real text (selectable, searchable, readable by pdftotext). Both come from
Debian (tools/system-deps.sh). Each print runs in a fresh profile directory, offline.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import BackendUnavailable
from reports.render_html import render_html

if TYPE_CHECKING:
    from reports.cooperation import CooperationReport

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
TIMEOUT = 180


def find_browser() -> str:
    """The Chromium to print with: $JIANDU_CHROMIUM, else the first on PATH."""
    chosen = os.environ.get("JIANDU_CHROMIUM")
    candidates = [chosen] if chosen else [shutil.which(b) for b in BROWSERS]
    for path in candidates:
        if path and Path(path).exists():
            return path
    raise BackendUnavailable(
        "printing the report to PDF needs Chromium: run tools/system-deps.sh "
        "(or set JIANDU_CHROMIUM to a Chromium binary)"
    )


def html_to_pdf(html: str, output: Path) -> Path:
    """Print an HTML page to ``output`` with headless Chromium."""
    browser = find_browser()
    with tempfile.TemporaryDirectory(prefix="jiandu-pdf-") as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(html, encoding="utf-8")
        printed = Path(tmp) / "report.pdf"
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-pdf-header-footer",
            f"--user-data-dir={Path(tmp) / 'profile'}",
            f"--print-to-pdf={printed}",
            page.as_uri(),
        ]
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
        if result.returncode != 0 or not printed.exists():
            raise BackendUnavailable(
                f"Chromium could not print the report (exit {result.returncode}): "
                f"{result.stderr.strip()[-500:]}"
            )
        output.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(printed, output)
    return output


def svg_to_png(svg: str, output: Path, width: int = 1200, height: int = 900) -> Path:
    """Draw an SVG to a PNG of ``width`` × ``height`` with headless Chromium."""
    browser = find_browser()
    with tempfile.TemporaryDirectory(prefix="jiandu-png-") as tmp:
        page = Path(tmp) / "graph.svg"
        page.write_text(svg, encoding="utf-8")
        shot = Path(tmp) / "graph.png"
        command = [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--hide-scrollbars", f"--window-size={width},{height}",
            f"--user-data-dir={Path(tmp) / 'profile'}", f"--screenshot={shot}", page.as_uri(),
        ]  # fmt: skip
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
        if result.returncode != 0 or not shot.exists():
            raise BackendUnavailable(
                f"Chromium could not draw the graph (exit {result.returncode}): "
                f"{result.stderr.strip()[-500:]}"
            )
        output.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(shot, output)
    return output


def render_pdf(report: CooperationReport, output: Path) -> Path:
    return html_to_pdf(render_html(report), output)
