"""The browser harness: Playwright driving Debian's Chromium, axe-core for WCAG 2.1 A/AA.

Browser downloads do not work on these machines, so Playwright uses the system
Chromium at /usr/bin/chromium. Without it the browser tests are skipped with a
message; `.ci/run` installs it, so CI always runs them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import axe_playwright_python
import pytest

CHROMIUM = os.environ.get("KUMPPANI_CHROMIUM", "/usr/bin/chromium")
# The probe's flags: headless, no sandbox as root, and no calls to the outside.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        skip = pytest.mark.skip(
            reason=f"Chromium not found at {CHROMIUM}: install Debian's chromium "
            "(apt-get install chromium) to run the browser tests"
        )
        for item in items:
            if "tests/browser/" in str(item.fspath):
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make between browser steps are still plain synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def new_page(browser, live_server, client):
    """A page in a fresh browser context, optionally logged in as a user and in a language."""
    contexts = []

    def _new_page(user=None, language="fi", viewport=None):
        options = {"viewport": viewport} if viewport else {}
        context = browser.new_context(locale=language, base_url=live_server.url, **options)
        cookies = [{"name": "django_language", "value": language, "url": live_server.url}]
        if user is not None:
            client.force_login(user)
            cookies.append(
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            )
        context.add_cookies(cookies)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        return page

    yield _new_page
    for context in contexts:
        context.close()


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page with the WCAG 2.1 A and AA rules; return the violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        {
            "id": violation["id"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
    ]


class Journey:
    """A person's way through the portal: every page they reach is scanned with
    axe (`scan()` after each load); `finish()` fails with what was found."""

    def __init__(self, page):
        self.page = page
        self.problems: dict[str, list] = {}
        self.scanned = 0

    def scan(self):
        self.page.wait_for_load_state()
        self.scanned += 1
        found = axe_violations(self.page)
        if found:
            self.problems[self.page.url] = found

    def goto(self, path: str):
        self.page.goto(path)
        self.scan()

    def finish(self):
        assert self.scanned, "the journey scanned no page"
        lines = []
        for url, found in self.problems.items():
            lines.append(url)
            lines += [f"  {p['id']}: {p['help']} {p['targets']}" for p in found]
        assert not self.problems, "\n".join(lines)


class Keyboard:
    """Fills forms with the keyboard alone: Tab to a field, type, Space or Enter."""

    MAX_TABS = 300

    def __init__(self, page):
        self.page = page

    def tab_to(self, selector: str):
        for _ in range(self.MAX_TABS):
            self.page.keyboard.press("Tab")
            if self.page.evaluate("s => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    def type(self, selector: str, text: str):
        self.tab_to(selector)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.type(text)

    def check(self, selector: str):
        self.tab_to(selector)
        if not self.page.evaluate("s => document.querySelector(s).checked", selector):
            self.page.keyboard.press("Space")

    def press(self, selector: str, key: str = "Enter"):
        """Press `key` on the element, which sends a form or follows a link."""
        self.tab_to(selector)
        with self.page.expect_navigation():
            self.page.keyboard.press(key)
        self.page.wait_for_load_state()
