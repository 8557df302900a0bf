"""Pages of the project's own files (a folder of web/) and the browser libraries they load,
listed one by one from web/node_modules (installed by ``make install`` from
web/package-lock.json), all under a Content-Security-Policy that allows nothing from another
host: the pages work on a network with no route to the internet."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import BaseRoute, Route

WEB = Path(__file__).resolve().parents[1] / "web"
NODE_MODULES = WEB / "node_modules"
MEDIA = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
}
INSTALL_HINT = "make install"
# Inline styles only because the libraries set style attributes and style elements.
POLICY = (
    "default-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
)


def security_headers(*directives: str) -> dict[str, str]:
    """The headers of every page file: ``POLICY`` with ``directives`` added."""
    return {
        "Content-Security-Policy": "; ".join((*POLICY, *directives)),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-cache",
    }


@dataclass(frozen=True)
class StaticPage:
    """A page whose files are served at ``prefix/<name>`` and whose libraries (each one named
    here, never a whole package) at ``prefix/vendor/<name>``."""

    prefix: str
    folder: Path
    vendor: dict[str, Path]
    title: str  # the page's name in the 503 page
    headers: dict[str, str]

    def missing(self) -> list[str]:
        return [name for name, path in self.vendor.items() if not path.is_file()]

    def unavailable(self, missing: list[str]) -> Response:
        names = html.escape(", ".join(missing))
        title = html.escape(self.title)
        body = (
            f'<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>{title}不可用</title>'
            f"<h1>{title}不可用</h1>"
            f"<p>前端依赖未安装 (缺少 {names})。请在项目目录运行 <code>{INSTALL_HINT}</code> "
            "(它会执行 <code>npm ci --prefix web</code>)，然后刷新本页。</p>"
            f"<p>The page's browser dependencies are missing ({names}): run "
            f"<code>{INSTALL_HINT}</code>.</p></html>"
        )
        return HTMLResponse(body, status_code=503, headers=self.headers)

    def file(self, path: Path) -> Response:
        return FileResponse(path, media_type=MEDIA[path.suffix], headers=self.headers)

    def index(self) -> Response:
        """The page itself, or a 503 saying how to install what it loads."""
        missing = self.missing()
        if missing:
            return self.unavailable(missing)
        return self.file(self.folder / "index.html")

    async def page(self, request: Request) -> Response:
        return self.index()

    async def asset(self, request: Request) -> Response:
        name: str = request.path_params["name"]
        path = self.folder / name
        if name.startswith(".") or path.suffix not in MEDIA or not path.is_file():
            return Response("not found", status_code=404, media_type="text/plain")
        return self.file(path)

    async def library(self, request: Request) -> Response:
        name: str = request.path_params["name"]
        if name not in self.vendor:
            return Response("not found", status_code=404, media_type="text/plain")
        if not self.vendor[name].is_file():
            return self.unavailable([name])
        return self.file(self.vendor[name])

    def file_routes(self) -> list[BaseRoute]:
        """The routes of the page's files and libraries (the page's own route is the caller's)."""
        return [
            Route(f"{self.prefix}/vendor/{{name}}", self.library, methods=["GET"]),
            Route(f"{self.prefix}/{{name}}", self.asset, methods=["GET"]),
        ]
