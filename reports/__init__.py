"""Reports on the Sichuan–Chongqing "1+n" cooperation (docs/reports.md).

Figures are plain dataclasses computed from the graph through the GraphStore port:
``agreements`` (the agreement network: coverage, gaps, timeline), ``network`` (networkx
analytics of it), ``indicators`` (indicator trees per region and period) and ``cooperation``
(the cooperation report, rendered by ``render_html``, ``render_md`` and ``render_pdf``).
"""
