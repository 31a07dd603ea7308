"""The API's documentation pages render from this server alone: nothing is
fetched from another host (fonts, scripts, logos)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

# serialized_rollback: the flush after a transactional test must leave the
# migrations' rows (groups, topics) for the browser tests that follow.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize(
    ("path", "rendered"), [("redoc/", ".api-content"), ("docs/", ".swagger-ui")]
)
def test_docs_ask_nothing_of_another_host(browser, live_server, path, rendered):
    page = browser.new_page()
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    failed = {}
    page.on("requestfailed", lambda request: failed.update({request.url: request.failure}))
    page.goto(f"{live_server.url}/api/v1/{path}")
    page.wait_for_selector(rendered, timeout=20_000)
    page.wait_for_load_state("networkidle")
    ours = urlsplit(live_server.url).netloc
    elsewhere = [
        url
        for url in asked
        if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != ours
    ]
    # ReDoc's footer asks for its maker's logo; the page's policy stops it in the
    # browser, before any connection is made.
    assert {url: failed.get(url) for url in elsewhere} == {url: "csp" for url in elsewhere}
    assert all("fonts.g" not in url for url in asked)  # no font host, not even tried
    assert f"{live_server.url}/api/v1/schema/" in asked
    assert page.locator(rendered).count() == 1
    page.close()
