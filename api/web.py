"""The explorer page at /explore: its own files (web/explore), the browser libraries it
loads (web/node_modules, installed by ``make install``) and the model's kinds and field
labels (/explore/model.json), so the page can label what the GraphQL API returns."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Route
from strawberry.utils.str_converters import to_camel_case

from graph.model.enums import NodeKind
from graph.model.kinds import Field, node_fields

EXPLORE_PATH = "/explore"
WEB = Path(__file__).resolve().parents[1] / "web"
PAGE = WEB / "explore"
NODE_MODULES = WEB / "node_modules"
VENDOR = {"cytoscape.esm.min.mjs": NODE_MODULES / "cytoscape" / "dist" / "cytoscape.esm.min.mjs"}
MEDIA = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
}
# The page builds its DOM from text and draws on a canvas: it needs nothing from elsewhere.
# Inline styles only because cytoscape adds a style element for its container.
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-cache",
}
INSTALL_HINT = "make install"


def _missing_vendor() -> list[str]:
    return [name for name, path in VENDOR.items() if not path.is_file()]


def _unavailable(missing: list[str]) -> Response:
    names = html.escape(", ".join(missing))
    body = (
        '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>探查页面不可用</title>'
        "<h1>探查页面不可用</h1>"
        f"<p>前端依赖未安装 (缺少 {names})。请在项目目录运行 <code>{INSTALL_HINT}</code> "
        "(它会执行 <code>npm ci --prefix web</code>)，然后刷新本页。</p>"
        f"<p>The explorer's browser dependencies are missing ({names}): run "
        f"<code>{INSTALL_HINT}</code>.</p></html>"
    )
    return HTMLResponse(body, status_code=503, headers=HEADERS)


def _file(path: Path) -> Response:
    return FileResponse(path, media_type=MEDIA[path.suffix], headers=HEADERS)


async def page(request: Request) -> Response:
    missing = _missing_vendor()
    if missing:
        return _unavailable(missing)
    return _file(PAGE / "index.html")


async def asset(request: Request) -> Response:
    name: str = request.path_params["name"]
    path = PAGE / name
    if name.startswith(".") or path.suffix not in MEDIA or not path.is_file():
        return Response("not found", status_code=404, media_type="text/plain")
    return _file(path)


async def vendor(request: Request) -> Response:
    name: str = request.path_params["name"]
    if name not in VENDOR:
        return Response("not found", status_code=404, media_type="text/plain")
    if not VENDOR[name].is_file():
        return _unavailable([name])
    return _file(VENDOR[name])


def _shown_field(f: Field) -> dict[str, str]:
    """The GraphQL field that shows ``f`` to a person: its Chinese label for enumerations."""
    name = f"{f.name}_label{'s' if f.many else ''}" if f.enum is not None else f.name
    return {"field": to_camel_case(name), "label": f.label}


def model() -> dict[str, Any]:
    return {
        "kinds": [
            {
                "kind": kind.name,
                "label": kind.label,
                "fields": [_shown_field(f) for f in node_fields(kind)],
            }
            for kind in NodeKind
        ]
    }


async def model_json(request: Request) -> Response:
    return JSONResponse(model(), headers=HEADERS)


def web_routes() -> list[BaseRoute]:
    """The explorer's routes, for the app's route list."""
    return [
        Route(EXPLORE_PATH, page, methods=["GET"]),
        Route(f"{EXPLORE_PATH}/model.json", model_json, methods=["GET"]),
        Route(f"{EXPLORE_PATH}/vendor/{{name}}", vendor, methods=["GET"]),
        Route(f"{EXPLORE_PATH}/{{name}}", asset, methods=["GET"]),
    ]
