"""GraphiQL at /graphql driven in Debian's headless Chromium, cut off from every other host."""

from __future__ import annotations

import json
import re
from typing import Any

from playwright.sync_api import Browser, expect

from tests.api.offline import Isolation
from tests.schema.explore.page import Tab

QUERY_EDITOR = ".graphiql-query-editor .CodeMirror"
HEADERS_EDITOR = ".graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror"
RESPONSE = ".graphiql-response .CodeMirror"
# CodeMirror 5 keeps its editor object on its element: the tests write and read through it.
SET_TEXT = "([selector, text]) => document.querySelector(selector).CodeMirror.setValue(text)"
GET_TEXT = "selector => document.querySelector(selector).CodeMirror.getValue()"
AN_ANSWER = re.compile(r'"(data|errors)"')


class GraphiQL(Tab):
    """GraphiQL in a browser context of its own, whose ``isolation`` records what it tried to
    reach on other hosts."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.isolation = Isolation(context)
        super().__init__(context.new_page(), base_url)

    def open(self) -> None:
        self.page.goto(f"{self.base_url}/graphql")
        expect(self.page.locator(".graphiql-execute-button")).to_be_visible()

    def close(self) -> None:
        self.page.context.close()

    def use_token(self, token: str) -> None:
        self.page.fill("#token", token)
        self.page.click("#token-form button")

    def write(self, query: str, name: str) -> None:
        """Put ``query`` (an operation called ``name``) in the editor; GraphiQL has taken it in
        once the tab bears the operation's name."""
        self.page.evaluate(SET_TEXT, [QUERY_EDITOR, query])
        expect(self.page.locator(".graphiql-tab-active")).to_have_text(name)

    def write_headers(self, headers: dict[str, str]) -> None:
        self.page.click('.graphiql-editor-tools button[data-name="headers"]')
        self.page.evaluate(SET_TEXT, [HEADERS_EDITOR, json.dumps(headers)])

    def start(self, query: str, name: str) -> None:
        """Run ``query``: the answer shows in the response pane, which starts empty."""
        self.write(query, name)
        self.page.evaluate(SET_TEXT, [RESPONSE, ""])
        self.page.click(".graphiql-execute-button")
        expect(self.page.locator(f"{RESPONSE} .CodeMirror-code")).to_contain_text(AN_ANSWER)

    def answer(self) -> dict[str, Any]:
        shown: dict[str, Any] = json.loads(self.page.evaluate(GET_TEXT, RESPONSE))
        return shown

    def run(self, query: str, name: str) -> dict[str, Any]:
        """The JSON GraphiQL shows for a query or mutation."""
        self.start(query, name)
        expect(self.page.locator(".graphiql-execute-button")).to_have_attribute(
            "aria-label", re.compile("^Execute")
        )
        return self.answer()

    def stop(self) -> None:
        """Stop a running subscription."""
        button = self.page.locator(".graphiql-execute-button")
        expect(button).to_have_attribute("aria-label", re.compile("^Stop"))
        button.click()
        expect(button).to_have_attribute("aria-label", re.compile("^Execute"))

    def show_plugin(self, label: str) -> str:
        """Open a plugin of the sidebar by its button's label; the text it shows."""
        self.page.click(f'.graphiql-sidebar button[aria-label="{label}"]')
        plugin = self.page.locator(".graphiql-plugin")
        expect(plugin).to_be_visible()
        return plugin.inner_text()
