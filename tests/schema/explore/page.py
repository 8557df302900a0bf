"""The explorer page (/explore) driven in Debian's headless Chromium by Playwright."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
WAIT_MS = 15_000


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium (never a downloaded browser), or a failure saying how to get it."""
    if not CHROMIUM.is_file():
        pytest.fail(
            f"the browser tests need Debian's chromium at {CHROMIUM}: run `make install` "
            "(tools/system-deps.sh installs it)",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


class Tab:
    """One tab on a page; every console error or uncaught exception is kept in ``errors``."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.errors: list[str] = []
        page.on("pageerror", lambda exc: self.errors.append(f"uncaught: {exc}"))
        page.on(
            "console",
            lambda message: (
                self.errors.append(f"console: {message.text}") if message.type == "error" else None
            ),
        )
        page.set_default_timeout(WAIT_MS)

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path))
        return path


class Explorer(Tab):
    """One tab on the explorer page."""

    def open(self) -> None:
        self.page.goto(f"{self.base_url}/explore")
        self.expect_status("^(就绪|未通过身份验证)")

    def use_token(self, token: str) -> None:
        self.page.fill("#token", token)
        self.page.click("#token-form button")
        self.expect_status("^就绪")

    def expect_status(self, pattern: str) -> None:
        expect(self.page.locator("#status")).to_have_text(re.compile(pattern))

    def status(self) -> str:
        return self.page.inner_text("#status")

    def search(self, text: str) -> None:
        self.page.fill("#search-text", text)
        self.page.click("#search-form button")
        self.expect_status("^(找到|没有与)")

    def result_ids(self) -> list[str]:
        ids: list[str] = self.page.eval_on_selector_all(
            "#search-results button.result", "buttons => buttons.map(b => b.dataset.id)"
        )
        return ids

    def pick(self, global_id: str) -> None:
        self.page.click(f'#search-results button.result[data-id="{global_id}"]')
        self.expect_status("^已加入")

    def pattern_names(self) -> list[str]:
        names: list[str] = self.page.eval_on_selector_all(
            "#pattern-name option", "options => options.map(o => o.value)"
        )
        return names

    def run_pattern(self, name: str, today: str) -> None:
        self.page.select_option("#pattern-name", name)
        label = self.page.locator("#pattern-name option:checked").inner_text()
        self.page.fill("#pattern-today", today)
        self.page.click("#pattern-form button")
        self.expect_status(f"^「{re.escape(label)}」：")

    def anchors(self) -> list[str]:
        ids: list[str] = self.page.eval_on_selector_all(
            "#pattern-matches button.match", "buttons => buttons.map(b => b.dataset.anchor)"
        )
        return ids

    def open_match(self, anchor: str) -> None:
        self.page.click(f'#pattern-matches button.match[data-anchor="{anchor}"]')
        self.expect_status("^已载入匹配")

    def listed(self, investigation: str) -> Locator:
        return self.page.locator("#investigation-list button.investigation", has_text=investigation)

    def open_investigation(self, name: str) -> None:
        self.listed(name).click()
        self.expect_status("^已打开调查")

    def only_kinds(self, *kinds: str) -> None:
        """Tick exactly these kinds in the kind filter."""
        self.page.click("#kinds-none")
        for kind in kinds:
            self.page.check(f'#kind-filter input[value="{kind}"]')

    def all_kinds(self) -> None:
        self.page.click("#kinds-all")

    def eventually(self, check: Callable[[], bool], timeout: float = 10.0) -> bool:
        """Whether ``check`` holds within ``timeout`` seconds (a filter may re-ask the API
        before the canvas shows its answer)."""
        deadline = time.monotonic() + timeout
        while not check():
            if time.monotonic() > deadline:
                return False
            self.page.wait_for_timeout(100)
        return True

    def evaluate(self, script: str, arg: Any = None) -> Any:
        return self.page.evaluate(script, arg)

    def canvas_ids(self) -> set[str]:
        return set(self.evaluate("explorer.view.nodeIds()"))

    def visible_ids(self) -> set[str]:
        return set(self.evaluate("explorer.view.cy.nodes(':visible').map(n => n.id())"))

    def edge_ids(self) -> set[str]:
        return set(self.evaluate("explorer.view.cy.edges().map(e => e.id())"))

    def marked(self, class_name: str) -> set[str]:
        return set(self.evaluate("c => explorer.view.cy.$('.' + c).map(e => e.id())", class_name))

    def positions(self) -> dict[str, tuple[float, float]]:
        return {p["nodeId"]: (p["x"], p["y"]) for p in self.evaluate("explorer.view.positions()")}

    def node_on_page(self, global_id: str) -> tuple[float, float]:
        spot = self.evaluate("id => explorer.view.pagePosition(id)", global_id)
        return spot["x"], spot["y"]

    def click_node(self, global_id: str) -> None:
        """A real click on the node where the canvas draws it: it selects and expands it."""
        self.page.mouse.click(*self.node_on_page(global_id))
        self.expect_status("^展开完成")

    def drag_node(self, global_id: str, dx: float, dy: float) -> None:
        x, y = self.node_on_page(global_id)
        mouse = self.page.mouse
        mouse.move(x, y)
        mouse.down()
        mouse.move(x + dx / 2, y + dy / 2, steps=4)
        mouse.move(x + dx, y + dy, steps=4)
        mouse.up()

    def detail(self, label: str) -> str:
        return self.page.locator(f'#details-body dt:text-is("{label}") + dd').inner_text()
