"""Debian's Chromium, headless, through Playwright (its own browser download
cannot work here), and logged-in pages for the demo accounts."""

from __future__ import annotations

import os

import pytest
from django.core.management import call_command
from django.db import connections

# Playwright's sync API runs an event loop in this thread; Django's ORM must
# still be usable from the test body.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "demo-pass-2025"


@pytest.fixture
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    connections.close_all()  # the connection Playwright's greenlet used


@pytest.fixture
def login(browser, live_server, db):
    """``login(username, locale=..., width=..., height=...)`` -> a logged-in page.

    The demo accounts: ``editor`` (Editors) and ``editor-reviewer`` (Editors
    and Reviewers)."""
    call_command("create_demo_editor", "--username", "editor", "--password", PASSWORD, verbosity=0)
    contexts = []

    def make(username="editor", *, locale="en-GB", width=1280, height=800):
        context = browser.new_context(locale=locale, viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")
        return page

    yield make
    for context in contexts:
        context.close()
    # The test body's queries ran on a connection of Playwright's context (its
    # greenlet), which nothing else closes; left open, it would block dropping
    # the test database on PostgreSQL.
    connections.close_all()
