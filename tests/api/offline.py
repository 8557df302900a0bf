"""What a page may reach: only the server that serves it (an isolated network has no route
anywhere else).

- ``outside`` finds every absolute or protocol-relative URL in HTML, CSS or JavaScript
  text, less XML namespace names (identifiers, never fetched) and the references a vendor
  file is known to carry as inert text (reviewed one by one in the test that scans).
- ``references`` finds what a browser loads on its own from a file: scripts, stylesheets,
  images, CSS ``url()`` and ``@import``, ES module imports; ``crawl`` follows them over
  HTTP from the server's pages to the last asset.
- ``Isolation`` aborts and records, in a browser context, every request and websocket to
  another host.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import httpx
from playwright.sync_api import BrowserContext, Route, WebSocketRoute

URL = re.compile(
    r"(?:\b(?:https?|wss?|ftp):)?//"
    r"(?:localhost|\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:]+\]|(?:[a-z0-9-]+\.)+[a-z]{2,})"
    r"(?::\d+)?(?:[/?#][^\s\"'`()<>\\]*)?",
    re.IGNORECASE,
)
NAMESPACES = frozenset(
    {
        "http://www.w3.org/2000/svg",
        "http://www.w3.org/1999/xhtml",
        "http://www.w3.org/1999/xlink",
        "http://www.w3.org/XML/1998/namespace",
        "http://www.w3.org/1998/Math/MathML",
        "http://www.w3.org/2000/xmlns/",
    }
)
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

CSS_URL = re.compile(r"""url\(\s*["']?([^"')\s]+)""", re.IGNORECASE)
CSS_IMPORT = re.compile(r"""@import\s+["']([^"']+)["']""", re.IGNORECASE)
# ES module imports start a line in the project's modules; minified vendor files have none.
JS_IMPORT = re.compile(
    r"""^\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']"""
    r"""|^\s*import\s*["']([^"']+)["']"""
    r"""|\bimport\(\s*["']([^"']+)["']\s*\)""",
    re.MULTILINE,
)
# Attributes whose URL the browser fetches by itself (``<a href>`` waits for a click).
LOADED = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
}


def outside(text: str, inert: Iterable[str] = ()) -> list[str]:
    """The URLs in ``text`` that point to another host, less namespaces and ``inert``."""
    allowed = NAMESPACES | set(inert)
    return sorted({url for url in URL.findall(text) if url not in allowed})


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loaded: list[str] = []
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self._inside: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name in LOADED.get(tag, ()):
            value = values.get(name, "").strip()
            if name == "srcset":  # "a.png 1x, b.png 2x"
                self.loaded.extend(part.split()[0] for part in value.split(",") if part.strip())
            elif value:
                self.loaded.append(value)
        if values.get("style"):
            self.styles.append(values["style"])
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.loaded.append(values.get("content", "").partition("url=")[2])
        self._inside = tag if tag in ("style", "script") and "src" not in values else None

    def handle_endtag(self, tag: str) -> None:
        self._inside = None

    def handle_data(self, data: str) -> None:
        if self._inside == "style":
            self.styles.append(data)
        elif self._inside == "script":
            self.scripts.append(data)


def _css(text: str) -> list[str]:
    return CSS_URL.findall(text) + CSS_IMPORT.findall(text)


def _js(text: str) -> list[str]:
    return [next(g for g in groups if g) for groups in JS_IMPORT.findall(text)]


def references(text: str, media: str) -> list[str]:
    """What a browser loads by itself from a file of this media type (data: URLs left out)."""
    found: list[str]
    if media == "text/html":
        page = _Html()
        page.feed(text)
        found = page.loaded + [r for s in page.styles for r in _css(s)]
        found += [r for s in page.scripts for r in _js(s)]
    elif media == "text/css":
        found = _css(text)
    elif media == "text/javascript":
        found = _js(text)
    else:
        found = []
    return [r for r in found if r and not r.lower().startswith(("data:", "#"))]


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("file", "data", "about", "blob") or parts.hostname in LOCAL_HOSTS


@dataclass
class Crawl:
    """Every file a browser loads from the server's pages: its text and media type by path."""

    files: dict[str, tuple[str, str]] = field(default_factory=dict)
    elsewhere: list[tuple[str, str]] = field(default_factory=list)  # (from path, reference)


def crawl(client: httpx.Client, pages: Iterable[str]) -> Crawl:
    """Fetch ``pages`` (as a browser asks for a page) and everything they load, recursively."""
    found = Crawl()
    queue = [(path, "text/html") for path in pages]
    base = str(client.base_url)
    while queue:
        path, accept = queue.pop()
        if path in found.files:
            continue
        response = client.get(path, headers={"Accept": accept})
        assert response.status_code == 200, (path, response.status_code, response.text[:200])
        media = response.headers["content-type"].split(";")[0].strip()
        found.files[path] = (response.text, media)
        for ref in references(response.text, media):
            target = urljoin(base + path, ref)
            if urlsplit(target).netloc != urlsplit(base).netloc:
                found.elsewhere.append((path, ref))
            else:
                queue.append((urlsplit(target).path, "*/*"))
    return found


class Isolation:
    """A browser context cut off from every other host: what it tried is kept."""

    def __init__(self, context: BrowserContext) -> None:
        self.attempted: list[str] = []
        self.requested: list[str] = []
        context.on("request", lambda request: self.requested.append(request.url))
        context.route(lambda url: not is_local(url), self._abort)
        context.route_web_socket(lambda url: not is_local(url), self._refuse)

    def _abort(self, route: Route) -> None:
        self.attempted.append(route.request.url)
        route.abort("internetdisconnected")

    def _refuse(self, socket: WebSocketRoute) -> None:
        self.attempted.append(socket.url)
        socket.close()
