"""The editors' workspace in Chromium: reading first, review by key, layers,
keyboard selection, overlapping passages."""

from __future__ import annotations

import os

import pytest

from annotations.models import Annotation
from annotations.permissions import SYSTEM
from annotations.suggestions import articles_suggest
from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SHOTS = os.environ.get("ARCHIVE_SHOTS_DIR")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=False)


def workspace_url(live_server, article, annotation=None):
    url = f"{live_server.url}/admin/archive/article/{article.pk}/workspace/"
    return f"{url}?annotation={annotation.pk}" if annotation else url


def open_workspace(page, url):
    page.goto(url)
    page.wait_for_selector(".annotator__list li")


def test_the_text_is_visible_without_scrolling_at_1280x800(login, live_server, loaded_seeds):
    article = loaded_seeds["000"]
    articles_suggest([article])
    page = login()
    open_workspace(page, workspace_url(live_server, article))
    shot(page, "workspace-en")
    first = page.evaluate(
        "() => { const r = document.querySelector('.annotator__text p').getBoundingClientRect();"
        " return [r.top, r.bottom, window.innerHeight]; }"
    )
    assert first[1] < first[2] == 800
    # The metadata is folded away when the loader doubted nothing.
    assert not page.eval_on_selector(".workspace__details", "d => d.open")


def first_suggestion(article):
    return (
        Annotation.objects.filter(article=article, status=Annotation.Status.SUGGESTED)
        .order_by("start", "id")
        .first()
    )


def test_accept_by_key_then_approve_by_key(login, live_server, loaded_seeds):
    article = loaded_seeds["000"]
    articles_suggest([article])
    suggestion = first_suggestion(article)

    editor = login("editor")
    open_workspace(editor, workspace_url(live_server, article))
    editor.keyboard.press("j")  # the first passage in reading order
    assert editor.evaluate(
        "() => document.querySelector('[data-annotator]').annotator.focused"
    ) == (suggestion.pk)
    editor.keyboard.press("a")
    editor.wait_for_selector(".annotator__messages:has-text('Accept')")
    suggestion.refresh_from_db()
    assert suggestion.status == Annotation.Status.DRAFT
    assert suggestion.created_by.username == "editor"
    # The editor may not approve their own draft: no Approve button, and "a" does nothing.
    item = editor.locator(f"#annotation-{suggestion.pk}")
    assert item.locator("button[data-action]").count() == 0

    reviewer = login("editor-reviewer")
    open_workspace(reviewer, workspace_url(live_server, article, suggestion))
    assert reviewer.locator(f"#annotation-{suggestion.pk} [data-action]").all_inner_texts() == [
        "Approve a",
        "Reject r",
    ]
    reviewer.keyboard.press("a")
    reviewer.wait_for_selector(f"#annotation-{suggestion.pk} [data-action=reopen]")
    suggestion.refresh_from_db()
    assert suggestion.status == Annotation.Status.APPROVED
    assert suggestion.reviewed_by.username == "editor-reviewer"
    reviewer.keyboard.press("o")
    reviewer.wait_for_selector(f"#annotation-{suggestion.pk} [data-action=approve]")
    suggestion.refresh_from_db()
    assert suggestion.status == Annotation.Status.DRAFT

    # Dismissing the next suggestion by key.
    reviewer.keyboard.press("j")
    following = reviewer.evaluate(
        "() => document.querySelector('[data-annotator]').annotator.focused"
    )
    assert Annotation.objects.get(pk=following).status == Annotation.Status.SUGGESTED
    reviewer.keyboard.press("d")
    reviewer.wait_for_function(
        f"() => document.querySelector('[data-annotator]').annotator.annotations.get({following}).status === 'rejected'"
    )
    assert Annotation.objects.get(pk=following).status == Annotation.Status.REJECTED


def test_the_help_overlay_lists_the_keys(login, live_server, loaded_seeds):
    page = login()
    open_workspace(page, workspace_url(live_server, loaded_seeds["002"]))
    page.keyboard.press("?")
    overlay = page.wait_for_selector(".annotator__help-overlay:not([hidden])")
    keys = page.locator(".annotator__keys dt").all_inner_texts()
    assert keys[:3] == ["j / k", "Enter", "a"]
    assert "accept the suggestion, or approve the passage" in overlay.inner_text()
    page.keyboard.press("Escape")
    assert page.locator(".annotator__help-overlay").is_hidden()


def painted(page):
    return page.evaluate(
        "() => Array.from(CSS.highlights.keys()).filter((k) => k.startsWith('ann-')).sort()"
    )


def test_hiding_suggestions(login, live_server, loaded_seeds, topics):
    article = loaded_seeds["000"]
    articles_suggest([article])
    suggested = Annotation.objects.filter(article=article).count()
    draft = factories.annotation_on(article, "في حربها ضد الإرهاب", topics["counter-terrorism"])
    page = login()
    open_workspace(page, workspace_url(live_server, article))
    assert page.locator(".annotator__list li").count() == suggested + 1
    assert any(name.endswith("-suggested") for name in painted(page))

    page.uncheck("input[data-layer='status:suggested']")
    assert page.locator(".annotator__list li").count() == 1
    assert page.locator(f"#annotation-{draft.pk}").count() == 1
    assert painted(page) == [f"ann-{draft.topic_id}-draft"]

    # The choice is remembered on the next visit; showing them again brings them back.
    page.reload()
    page.wait_for_selector(".annotator__list li")
    assert page.locator(".annotator__list li").count() == 1
    page.check("input[data-layer='status:suggested']")
    assert page.locator(".annotator__list li").count() == suggested + 1

    # A topic's layer hides that topic in every status.
    page.uncheck(f"input[data-layer='topic:{draft.topic_id}']")
    assert f"ann-{draft.topic_id}-draft" not in painted(page)
    assert page.locator(f"#annotation-{draft.pk}").count() == 0


# Put the caret just before `phrase` (a collapsed selection), as a click would.
CARET_BEFORE = """
(phrase) => {
  const root = document.querySelector('.annotator__text');
  for (const p of root.querySelectorAll('p[data-start]')) {
    const node = p.firstChild;
    const at = node.data.indexOf(phrase);
    if (at === -1) continue;
    root.focus();
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.collapse(node, at);
    return true;
  }
  return false;
}
"""


def test_keyboard_selection_opens_the_picker_and_tags(login, live_server, loaded_seeds):
    article = loaded_seeds["002"]
    word = "اتفاقية"
    page = login()
    open_workspace(page, workspace_url(live_server, article))
    assert page.evaluate(CARET_BEFORE, word)
    # In right-to-left text, Shift+Left extends the selection forward in reading order.
    for _ in range(len(word)):
        page.keyboard.press("Shift+ArrowLeft")
    page.wait_for_selector(".annotator__picker:not([hidden])")
    selected = page.evaluate("() => window.getSelection().toString()")
    assert selected == word
    text_top = "() => document.querySelector('.annotator__text').getBoundingClientRect().top"
    before = page.evaluate(text_top)
    page.keyboard.press("3")
    page.wait_for_selector(".annotator__messages:has-text('Annotation saved.')")
    assert page.evaluate(text_top) == before  # the saved message does not move the text
    annotation = Annotation.objects.get()
    start = article.body.index(word)
    assert (annotation.start, annotation.end, annotation.quote) == (start, start + len(word), word)
    assert annotation.topic.slug == "training-mou"
    # The new passage is drawn in its topic's colour, not a generic focus colour.
    colour = page.evaluate(
        "() => getComputedStyle(document.querySelector('.annotator__text'), '::highlight(ann-focus)')"
        ".backgroundColor"
    )
    assert colour.startswith("rgba(67, 160, 71") or colour.startswith("rgb(67 160 71"), colour


def test_a_click_where_passages_overlap_offers_each(login, live_server, loaded_seeds, topics):
    article = loaded_seeds["000"]
    long_phrase = "مذكرة التفاهم التركية السورية للتدريب والاستشارات العسكرية"
    short_phrase = "التركية السورية"
    made = [
        factories.annotation_on(article, phrase, topics[topic])
        for phrase, topic in ((long_phrase, "training-mou"), (short_phrase, "sdf-integration"))
    ]
    page = login()
    open_workspace(page, workspace_url(live_server, article))
    point = page.evaluate(
        """(phrase) => {
          const p = document.querySelector('.annotator__text p');
          const node = p.firstChild;
          const at = node.data.indexOf(phrase) + 3;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + 1);
          const r = range.getBoundingClientRect();
          return [r.left + r.width / 2, r.top + r.height / 2];
        }""",
        short_phrase,
    )
    page.mouse.click(*point)
    chooser = page.wait_for_selector(".annotator__chooser:not([hidden])")
    ids = page.eval_on_selector_all(
        ".annotator__chooser button[data-id]", "bs => bs.map((b) => Number(b.dataset.id))"
    )
    assert ids == [made[1].pk, made[0].pk]  # the shortest first, then the one around it
    assert long_phrase[:20] in chooser.inner_text()
    page.click(f".annotator__chooser button[data-id='{made[0].pk}']")
    panel = page.wait_for_selector(".annotator__panel:not([hidden])")
    assert panel.query_selector(".annotator__quote").inner_text() == long_phrase


def overflow(page):
    """The page's and the changelist table's box: [scrollWidth, clientWidth] of
    the wider one (Django scrolls a changelist inside its own box)."""
    return page.evaluate(
        """() => {
          const boxes = [document.documentElement, document.querySelector('#changelist .results')]
            .filter(Boolean).map((e) => [e.scrollWidth, e.clientWidth]);
          return boxes.sort((a, b) => (b[0] - b[1]) - (a[0] - a[1]))[0];
        }"""
    )


@pytest.mark.parametrize("width", [1024, 1280])
def test_no_horizontal_overflow_on_editors_pages(login, live_server, loaded_seeds, topics, width):
    from datetime import date

    from archive.models import Event, EventReport

    article = loaded_seeds["000"]
    articles_suggest(loaded_seeds.values())
    annotation = factories.annotation_on(
        article, "في حربها ضد الإرهاب", topics["counter-terrorism"], note="ملاحظة طويلة " * 20
    )
    event = Event.objects.create(
        title="توقيع مذكرة التفاهم التركية السورية للتدريب والاستشارات العسكرية في أنقرة",
        title_en="Signing of the Turkish–Syrian training and military consultancy MoU in Ankara",
        starts_on=date(2025, 8, 13),
        place="أنقرة",
    )
    EventReport.objects.create(
        event=event,
        article=article,
        reported_date=date(2025, 8, 13),
        reported_date_text="يوم أمس الأربعاء",
        note="المصدر: وزارة الدفاع التركية، بيان رسمي " * 6,
    )
    page = login("editor-reviewer", width=width)
    admin = f"{live_server.url}/admin"
    pages = {
        "workspace": f"{admin}/archive/article/{article.pk}/workspace/",
        "article": f"{admin}/archive/article/{article.pk}/change/",
        "articles": f"{admin}/archive/article/",
        "annotation": f"{admin}/annotations/annotation/{annotation.pk}/change/",
        "annotations": f"{admin}/annotations/annotation/",
        "event": f"{admin}/archive/event/{event.pk}/change/",
        "events": f"{admin}/archive/event/",
        "history": f"{admin}/annotations/annotation/{annotation.pk}/history/",
    }
    widths = {}
    for name, url in pages.items():
        page.goto(url)
        page.wait_for_load_state("load")
        widths[name] = overflow(page)
        shot(page, f"{name}-{width}")
    too_wide = {name: w for name, w in widths.items() if w[0] > w[1]}
    assert too_wide == {}


def test_the_review_queue_opens_a_passage_in_its_article(login, live_server, loaded_seeds):
    articles_suggest(loaded_seeds.values())
    oldest = Annotation.objects.order_by("created_at", "id")
    first, second = oldest[0], oldest[1]
    page = login("editor", width=1280)
    page.goto(f"{live_server.url}/admin/")
    page.click("text=Review queue")
    page.wait_for_selector(".review-queue__item")
    shot(page, "queue")
    assert page.locator(".review-queue__item").first.get_attribute("id") == f"queue-{first.pk}"

    # Bulk: tick two, accept them.
    page.check(f"#queue-{first.pk} input[name=ids]")
    page.check(f"#queue-{second.pk} input[name=ids]")
    page.click("button[value=accept]")
    page.wait_for_selector(".messagelist .success")
    assert (
        list(
            Annotation.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)
        )
        == [Annotation.Status.DRAFT] * 2
    )

    # Each passage opens in its article's workspace, focused and in view.
    third = Annotation.objects.filter(status=Annotation.Status.SUGGESTED).order_by(
        "created_at", "id"
    )[0]
    page.click(f"#queue-{third.pk} .review-queue__open")
    page.wait_for_url(f"**/archive/article/{third.article_id}/workspace/?annotation={third.pk}")
    page.wait_for_function(
        f"() => document.querySelector('[data-annotator]').annotator.focused === {third.pk}"
    )
    in_view = page.evaluate(
        "() => { const r = CSS.highlights.get('ann-focus').values().next().value"
        ".getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }"
    )
    assert in_view


@pytest.mark.parametrize("language", ["en", "ar"])
def test_workspace_screenshots(login, live_server, loaded_seeds, topics, language, tmp_path):
    """The README's screenshots of the workspace; rewritten only with
    ARCHIVE_UPDATE_SCREENSHOT=1."""
    from pathlib import Path

    from annotations.services import annotation_set_status

    article = loaded_seeds["000"]
    articles_suggest([article])
    for phrase, topic in (
        ("مذكرة التفاهم التركية السورية للتدريب والاستشارات العسكرية", "training-mou"),
        ("ودعت “قسد” للالتزام باتفاق الاندماج مع دمشق", "sdf-integration"),
    ):
        made = factories.annotation_on(article, phrase, topics[topic])
    annotation_set_status(made, status=Annotation.Status.APPROVED, by=SYSTEM)
    page = login("editor-reviewer", locale="ar" if language == "ar" else "en-GB")
    page.goto(f"{live_server.url}/admin/")
    if page.get_attribute("html", "lang") != language:
        page.click(f"button[name=language][value={language}]")
        page.wait_for_selector(f"html[lang={language}]")
    open_workspace(page, workspace_url(live_server, article))
    page.keyboard.press("j")
    name = f"admin-workspace-{language}.png"
    target = (
        Path(__file__).resolve().parents[2] / "docs" / name
        if os.environ.get("ARCHIVE_UPDATE_SCREENSHOT") == "1"
        else tmp_path / name
    )
    page.screenshot(path=str(target))
    assert target.read_bytes().startswith(b"\x89PNG")
    shot(page, f"workspace-shot-{language}")


def test_a_passage_changed_by_someone_else_is_reloaded_not_overwritten(
    login, live_server, loaded_seeds
):
    from django.contrib.auth.models import User

    from annotations.models import Topic
    from annotations.services import annotation_update

    article = loaded_seeds["000"]
    editor = login("editor")
    draft = factories.annotation_on(
        article,
        "في حربها ضد الإرهاب",
        Topic.objects.get(slug="counter-terrorism"),
        created_by=User.objects.get(username="editor"),
    )
    open_workspace(editor, workspace_url(live_server, article, draft))
    # While the page is open, someone else changes the passage's note.
    annotation_update(draft, by=SYSTEM, note="ملاحظة الزميل")

    editor.keyboard.press("Enter")  # open the focused passage
    editor.wait_for_selector(".annotator__panel:not([hidden])")
    editor.fill(".annotator__panel textarea", "ملاحظتي")
    editor.click(".annotator__panel button.default")

    editor.wait_for_selector(".annotator__messages:has-text('Someone else changed this passage')")
    draft.refresh_from_db()
    assert (draft.note, draft.version) == ("ملاحظة الزميل", 2)
    # The page now holds the passage as it is, and the next change goes through.
    held = editor.evaluate(
        f"() => document.querySelector('[data-annotator]').annotator.annotations.get({draft.pk})"
    )
    assert (held["note"], held["version"]) == ("ملاحظة الزميل", 2)
    editor.keyboard.press("Enter")
    editor.wait_for_selector(".annotator__panel:not([hidden])")
    editor.fill(".annotator__panel textarea", "ملاحظتي")
    editor.click(".annotator__panel button.default")
    editor.wait_for_selector(".annotator__messages:has-text('Annotation saved.')")
    draft.refresh_from_db()
    assert (draft.note, draft.version) == ("ملاحظتي", 3)
