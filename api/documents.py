"""``GET /documents/{kind}``: an official document (公文) of a record, printed to PDF.

``?id=`` the record's global id (督办函 of a case supervision, 交办函 of a complaint, 整改通知书
of a rectification, 评查报告 of a review, 通报 of a notification), or, for the quarterly
干预司法 report, ``?region=&year=&quarter=``; ``&format=html`` gives the page instead of the
PDF. The caller authenticates as for /graphql and the use case checks what it may see, so a
record out of reach is 404 as it is over GraphQL. At most two prints run at once (each is a
headless Chromium); a request over that waits.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from api.graphql_http import GraphQLEndpoint, HTTPError, error_response
from graph.errors import JianduError, NotFound
from reports.official import official_pdf, render_official_html
from schema.generic.ids import from_global
from workflows.documents import KINDS, OfficialDocument

DOCUMENTS_PATH = "/documents"
PRINTERS = asyncio.Semaphore(2)
STATUS = {"NOT_FOUND": 404, "FORBIDDEN": 403, "VALIDATION": 400, "BACKEND_UNAVAILABLE": 503}


def _error(code: str, message: str, status: int) -> Response:
    return JSONResponse(
        {"errors": [{"message": message, "extensions": {"code": code}}]}, status_code=status
    )


def _print(doc: OfficialDocument) -> bytes:
    with tempfile.TemporaryDirectory(prefix="jiandu-doc-") as tmp:
        return official_pdf(doc, Path(tmp) / "document.pdf").read_bytes()


async def document(endpoint: GraphQLEndpoint, request: Request) -> Response:
    try:
        context = endpoint.caller(request)
    except HTTPError as exc:
        return error_response(exc)
    kind = request.path_params["kind"]
    if kind not in KINDS:
        return _error("NOT_FOUND", f"no document kind '{kind}': one of {', '.join(KINDS)}", 404)
    use_case, argument, node_kind = KINDS[kind]
    query = request.query_params
    arguments: dict[str, Any]
    try:
        if node_kind is not None:
            type_name, store_id = from_global(query.get("id", ""), "id")
            if type_name != node_kind.name:
                raise NotFound(field="id", detail=f"not a {node_kind.name} id")
            arguments = {argument: store_id}
        else:
            year, quarter = query.get("year", ""), query.get("quarter", "")
            if not (year.isdigit() and quarter.isdigit() and query.get("region")):
                return _error("VALIDATION", "region, year and quarter are required", 400)
            arguments = {"region_code": query["region"], "year": int(year), "quarter": int(quarter)}
        doc = await context.call(use_case, **arguments)
        if query.get("format") == "html":
            return Response(render_official_html(doc), media_type="text/html; charset=utf-8")
        async with PRINTERS:
            content = await asyncio.to_thread(_print, doc)
    except JianduError as exc:
        return _error(exc.code, str(exc), STATUS.get(exc.code, 500))
    return Response(
        content,
        200,
        {
            "Content-Disposition": f'inline; filename="{kind}.pdf"',
            "Cache-Control": "private, no-store",
        },
        media_type="application/pdf",
    )
