"""No page needs the internet. Every page Jiandu serves (GraphiQL at /graphql, the explorer
at /explore) and the cooperation report's HTML (``jiandu report cooperation --format html``)
are listed; every file they load is fetched from the server and scanned for references to
another host; then each page is opened in Chromium with every other host cut off.

The one list of what the app serves is checked against its routes, so a new page or file
route fails here until it is listed and scanned."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, expect
from starlette.routing import BaseRoute, Route, WebSocketRoute

from api.app import create_app
from api.graphiql import GRAPHIQL
from api.static import StaticPage
from api.web import EXPLORER
from graph.adapters.embedded import EmbeddedStore
from jiandu.cli import main
from loaders.demo import write_demo
from tests.api.api_harness import Host, Server, serve, settings
from tests.api.offline import URL, Isolation, crawl, is_local, outside, references
from tests.schema.explore.page import Tab, chromium

PAGES = ("/graphql", "/explore")
STATIC: tuple[StaticPage, ...] = (GRAPHIQL, EXPLORER)
DATA = (
    "/explore/model.json",
    "/healthz",
    "/readyz",
    "/metrics",
    "/graphql/xlsx",
    "/files/{id}",
    "/documents/{kind}",
)
PERIOD = ("2024-01-01", "2024-12-31")
# Absolute URLs the vendor files carry as text, reviewed one by one: links a person may
# click, words of messages and descriptions, licence comments. None is loaded.
INERT = {
    "/explore/vendor/cytoscape.esm.min.mjs": (
        "http://en.wikipedia.org/wiki/MIT_License",  # licence comment
        "http://engelschall.com",  # licence comment
        "http://opensource.org/licenses/MIT",  # licence comment
    ),
    "/graphiql/vendor/react-dom.production.min.js": (
        "https://reactjs.org/docs/error-decoder.html?invariant=",  # in error messages
    ),
    "/graphiql/vendor/graphiql.min.js": (
        "https://codemirror.net/5/doc/manual.html#keymaps",  # link, settings dialog
        "https://commonmark.org/",  # graphql-js: the @deprecated directive's description
        "https://en.wikipedia.org/wiki/IEEE_floating_point",  # graphql-js: Float's description
        "https://github.com/graphql/graphiql",  # link behind the GraphiQL logo
        # in the error for React 15 and older
        "https://github.com/graphql/graphiql/blob/master/examples/graphiql-cdn/index.html#L49",
        "https://github.com/jonschlinkert",  # licence comments
        "https://github.com/jonschlinkert/is-primitive",
        "https://github.com/jonschlinkert/isobject",
        "https://github.com/jonschlinkert/set-value",
        "https://radix-ui.com/primitives/docs/components/${t.docsSlug}",  # console warning
    ),
    "/graphiql/vendor/plugin-explorer.umd.js": (
        "https://github.com/OneGraph/graphiql-explorer",  # link in the explorer's footer
        "https://www.onegraph.com",  # link in the explorer's footer
    ),
}


@dataclass
class Site:
    server: Server
    report: Path


@pytest.fixture(scope="module")
def site(host: Host, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The demo served with authentication off (GraphiQL on), and its cooperation report."""
    folder = tmp_path_factory.mktemp("offline")
    report = folder / "cooperation.html"
    with EmbeddedStore(folder / "store") as store:
        write_demo(store, cases=200)
        command = ["--store", str(folder / "store"), "report", "cooperation"]
        command += ["--from", PERIOD[0], "--to", PERIOD[1], "--format", "html"]
        assert main([*command, "--output", str(report)]) == 0
        with serve(host, store, settings(auth=False, jwt_secret=None, graphiql=True)) as server:
            yield Site(server, report)


def served_files() -> set[str]:
    """Every file the pages' routes serve: their own files and their libraries."""
    paths = {f"{p.prefix}/{f.name}" for p in STATIC for f in p.folder.iterdir() if f.is_file()}
    paths |= {f"{p.prefix}/vendor/{name}" for p in STATIC for name in p.vendor}
    # A page's index.html is served as the page itself.
    return {path for path in paths if not path.endswith("/index.html")}


def paths(routes: list[BaseRoute]) -> set[str]:
    assert all(isinstance(r, Route | WebSocketRoute) for r in routes), "no mounts: list them"
    return {r.path for r in routes if isinstance(r, Route | WebSocketRoute)}


def test_every_route_is_a_listed_page_file_or_data(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "store") as store:
        app = create_app(store, settings(graphiql=True))
    file_routes = {path for p in STATIC for path in paths(p.file_routes())}
    assert paths(app.routes) == {*PAGES, *DATA, *file_routes}


def test_no_page_or_file_refers_to_another_host(site: Site) -> None:
    with site.server.anonymous() as c:
        found = crawl(c, PAGES)
        data = {path: c.get(path).text for path in DATA}
    assert found.elsewhere == []
    assert set(found.files) == {*PAGES, *served_files()}, "every file is reached from a page"
    for path, (text, _) in found.files.items():
        assert outside(text, INERT.get(path, ())) == [], path
    for path, inert in INERT.items():
        carried = set(URL.findall(found.files[path][0]))
        assert set(inert) <= carried, f"{path} no longer carries {set(inert) - carried}"
    for path, text in data.items():
        assert outside(text) == [], path


def test_the_report_is_one_file_that_refers_to_nothing(site: Site) -> None:
    text = site.report.read_text(encoding="utf-8")
    assert "<svg" in text, "the report has its charts"
    assert references(text, "text/html") == []
    assert outside(text) == []


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as running:
        yield running


def opened(browser: Browser, url: str, ready: str, text: str | None = None) -> Isolation:
    """Open ``url`` cut off from other hosts; once ``ready`` shows (with ``text``), what the
    tab tried to reach elsewhere. It must log no error and fail no request."""
    context = browser.new_context()
    isolation = Isolation(context)
    failed: list[str] = []
    context.on("requestfailed", lambda request: failed.append(request.url))
    tab = Tab(context.new_page(), url)
    tab.page.goto(url)
    shown = tab.page.locator(ready).first
    expect(shown).to_be_visible()
    if text is not None:
        expect(shown).to_have_text(text)
    context.close()
    assert tab.errors == [] and failed == []
    return isolation


@pytest.mark.browser
def test_every_page_works_in_a_browser_cut_off_from_other_hosts(
    site: Site, browser: Browser
) -> None:
    base = site.server.url
    pages = [
        opened(browser, f"{base}/graphql", ".graphiql-execute-button"),
        opened(browser, f"{base}/explore", "#status", "就绪：搜索姓名、名称或案号开始探查"),
        opened(browser, site.report.as_uri(), "figure.chart svg"),
    ]
    for isolation in pages:
        assert isolation.attempted == []
        assert isolation.requested and all(is_local(url) for url in isolation.requested)
    graphiql_paths = {urlsplit(url).path for url in pages[0].requested}
    assert {f"/graphiql/vendor/{name}" for name in GRAPHIQL.vendor} <= graphiql_paths


# -- the checks themselves catch what they are for --------------------------------------------

PAGE_WITH_CDN = """<!doctype html><html><head>
<link rel="stylesheet" href="//cdn.example.com/a.css">
<script src="https://cdn.example.com/react.js"></script>
<style>@import "https://fonts.example.com/css";
body { background: url(http://10.1.2.3/b.png) }</style>
<script type="module">import x from "https://esm.example.com/x.js";</script>
</head><body><svg xmlns="http://www.w3.org/2000/svg"></svg>
<img src="data:image/png;base64,AAAA"><script src="/own.js"></script>
<a href="/explore">explore</a></body></html>"""


def test_the_scan_finds_every_kind_of_reference_to_another_host() -> None:
    assert outside(PAGE_WITH_CDN) == [
        "//cdn.example.com/a.css",
        "http://10.1.2.3/b.png",
        "https://cdn.example.com/react.js",
        "https://esm.example.com/x.js",
        "https://fonts.example.com/css",
    ]
    assert sorted(references(PAGE_WITH_CDN, "text/html")) == [
        "//cdn.example.com/a.css",
        "/own.js",
        "http://10.1.2.3/b.png",
        "https://cdn.example.com/react.js",
        "https://esm.example.com/x.js",
        "https://fonts.example.com/css",
    ]
    module = 'import { a } from "./a.js";\nexport { b } from "/b.js";\nconst c = import("./c.js");'
    assert references(module, "text/javascript") == ["./a.js", "/b.js", "./c.js"]


def test_the_browser_records_and_stops_a_request_to_another_host(browser: Browser) -> None:
    context = browser.new_context()
    isolation = Isolation(context)
    page = context.new_page()
    page.set_content('<img src="https://cdn.example.com/x.png">')
    page.wait_for_load_state("load")
    context.close()
    assert isolation.attempted == ["https://cdn.example.com/x.png"]
