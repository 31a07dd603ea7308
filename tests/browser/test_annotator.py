"""The annotator in Debian's Chromium (headless, through Playwright): select a
passage by its text, pick a topic, reload, and check the stored offsets are
Python's code points, also after an emoji (where UTF-16 counts differ)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connections

from annotations.models import Annotation
from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "demo-pass-2025"

# Select the first occurrence of `phrase` inside the annotator's paragraphs,
# exactly as a mouse drag would, then release the mouse there.
SELECT_PHRASE = """
(phrase) => {
  const root = document.querySelector('.annotator__text');
  for (const p of root.querySelectorAll('p[data-start]')) {
    const node = p.firstChild;
    const at = node.data.indexOf(phrase);
    if (at === -1) continue;
    p.scrollIntoView({ block: 'center' });
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + phrase.length);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    const rect = range.getBoundingClientRect();
    root.dispatchEvent(new MouseEvent('mouseup', {
      bubbles: true, clientX: rect.left + 2, clientY: rect.top + 2,
    }));
    return true;
  }
  return false;
}
"""


@pytest.fixture
def page(browser, live_server, loaded_seeds):
    call_command("create_demo_editor", "--username", "editor", "--password", PASSWORD, verbosity=0)
    assert User.objects.get(username="editor").groups.get().name == "Editors"
    context = browser.new_context(locale="en-GB", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    yield page
    context.close()
    # The test body's queries ran on a connection of Playwright's context (its
    # greenlet), which nothing else closes; left open, it would block dropping
    # the test database on PostgreSQL.
    connections.close_all()


def annotate(page, url: str, phrase: str, topic_number: int, note: str = "") -> None:
    page.goto(url)
    page.wait_for_selector(".annotator__text p[data-start]")
    assert page.evaluate(SELECT_PHRASE, phrase)
    page.wait_for_selector(".annotator__picker:not([hidden])")
    if note:
        page.fill(".annotator__picker textarea", note)
        page.evaluate("() => document.activeElement.blur()")  # leave the note field
    page.keyboard.press(str(topic_number))
    page.wait_for_selector(".annotator__messages:has-text('Annotation saved.')")


def test_select_a_passage_in_seed_000_and_tag_it(page, live_server, loaded_seeds, tmp_path):
    article = loaded_seeds["000"]
    phrase = "مذكرة التفاهم التركية السورية للتدريب والاستشارات العسكرية"
    url = f"{live_server.url}/admin/archive/article/{article.pk}/change/"

    annotate(page, url, phrase, topic_number=3, note="مذكرة 13 آب")

    annotation = Annotation.objects.get()
    start = article.body.index(phrase)
    assert (annotation.start, annotation.end) == (start, start + len(phrase))
    assert annotation.quote == phrase
    assert annotation.topic.slug == "training-mou"
    assert annotation.note == "مذكرة 13 آب"
    assert annotation.created_by.username == "editor"
    assert annotation.status == Annotation.Status.DRAFT

    # After a reload the passage is listed and painted as a highlight.
    page.goto(f"{url}?annotation={annotation.pk}")
    page.wait_for_selector(f"#annotation-{annotation.pk} button")
    painted = page.evaluate(
        "() => Array.from(CSS.highlights.keys()).filter((k) => k.startsWith('ann-')).sort()"
    )
    assert painted == [f"ann-{annotation.topic_id}-draft", "ann-focus"]
    highlighted = page.evaluate(
        "() => CSS.highlights.get('ann-focus').values().next().value.toString()"
    )
    assert highlighted == phrase

    # A second, overlapping passage in another topic, for the screenshot.
    annotate(page, url, "ودعت “قسد” للالتزام باتفاق الاندماج مع دمشق", topic_number=2)
    annotate(page, url, "في حربها ضد الإرهاب", topic_number=1)
    assert Annotation.objects.count() == 3
    page.goto(f"{url}?annotation={annotation.pk}")
    page.wait_for_selector(f"#annotation-{annotation.pk} button")
    page.hover(".annotator__text p:nth-child(1)")
    # The README's screenshots are the workspace's (tests/browser/test_workspace.py).
    screenshot = tmp_path / "admin-annotating.png"
    page.locator(".annotator").screenshot(path=str(screenshot))
    assert screenshot.read_bytes().startswith(b"\x89PNG")


def test_offsets_after_an_emoji_are_code_points(page, live_server, db):
    body = "🇹🇷 أنقرة ودمشق 🤝 توقعان.\n\nوقّع غولر ووزير الدفاع السوري مذكرة تفاهم للتدريب."
    article = factories.article(body, title="إيموجي")
    phrase = "مذكرة تفاهم للتدريب"
    url = f"{live_server.url}/admin/archive/article/{article.pk}/change/"

    annotate(page, url, phrase, topic_number=3)

    annotation = Annotation.objects.get()
    start = body.index(phrase)
    # Three emoji before the passage: 2 + 2 + 1 extra UTF-16 units over code points.
    assert len(body[:start].encode("utf-16-le")) // 2 == start + 3
    assert (annotation.start, annotation.end, annotation.quote) == (
        start,
        start + len(phrase),
        phrase,
    )

    page.reload()
    page.wait_for_selector(f"#annotation-{annotation.pk} button")
    page.evaluate(f"() => document.querySelector('#annotation-{annotation.pk} button').focus()")
    highlighted = page.evaluate(
        "() => CSS.highlights.get('ann-focus').values().next().value.toString()"
    )
    assert highlighted == phrase


def test_a_mismatched_quote_is_shown_to_the_editor(page, live_server, loaded_seeds):
    article = loaded_seeds["002"]
    page.goto(f"{live_server.url}/admin/archive/article/{article.pk}/change/")
    page.wait_for_selector(".annotator__text p[data-start]")
    # Tamper with the body the page holds, as a stale page would.
    page.evaluate(
        "() => { const a = document.querySelector('[data-annotator]').annotator;"
        " a.config.body = 'x' + a.config.body; }"
    )
    assert page.evaluate(SELECT_PHRASE, "اتفاقية تعاون عسكري")
    page.wait_for_selector(".annotator__picker:not([hidden])")
    page.keyboard.press("1")

    error = page.wait_for_selector(".annotator__picker .annotator__error:not(:empty)")
    assert "The quote does not match the article text" in error.text_content()
    assert Annotation.objects.count() == 0
