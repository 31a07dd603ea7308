"""An editor's change of an article's date in the admin keeps the article
consistent (the service itself: ``tests/archive/test_services.py``), and a
form opened before someone else's save cannot overwrite it (its ``version``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from archive.models import Article


@pytest.fixture(autouse=True)
def english():
    """The service's messages in English, as the clients ask; the language
    active before is restored after (requests activate their own)."""
    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db


def form_data(article: Article, **changes) -> dict:
    data = {
        "title": article.title,
        "title_derived": "on" if article.title_derived else "",
        "published_on": article.published_on.isoformat() if article.published_on else "",
        "published_precision": article.published_precision,
        "published_text": article.published_text,
        "summary": article.summary,
        "caption": article.caption,
        "byline": article.byline,
        "opened_version": article.version,
        "source_links-TOTAL_FORMS": "0",
        "source_links-INITIAL_FORMS": "0",
        "event_reports-TOTAL_FORMS": "0",
        "event_reports-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def change_url(article: Article) -> str:
    return f"/admin/archive/article/{article.pk}/change/"


def test_a_new_date_drops_the_time_stated_for_the_old_one(editor_client, loaded_seeds):
    article = loaded_seeds["002"]
    assert article.published_at == dt.datetime(2025, 8, 13, 16, 51, tzinfo=dt.UTC)
    assert article.published_precision == "minute"

    response = editor_client.post(
        change_url(article), form_data(article, published_on="2025-08-20")
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert (article.published_on, article.published_at, article.published_precision) == (
        dt.date(2025, 8, 20),
        None,
        "day",
    )
    assert article.version == 2


def test_other_edits_keep_the_stated_time(editor_client, loaded_seeds):
    article = loaded_seeds["002"]
    response = editor_client.post(change_url(article), form_data(article, title="عنوان آخر"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "عنوان آخر"
    assert article.published_at == dt.datetime(2025, 8, 13, 16, 51, tzinfo=dt.UTC)


def test_a_form_opened_before_someone_elses_save_is_refused(editor_client, loaded_seeds):
    article = loaded_seeds["003"]
    opened = form_data(article, title="عنوان المحرر الأول")
    # Someone else saves first.
    colleague = Article.objects.get(pk=article.pk)
    colleague.title = "عنوان المحرر الثاني"
    colleague.save()

    response = editor_client.post(change_url(article), opened)

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "Someone else changed this article since you opened it; reload the page to see their change."
    ]
    article.refresh_from_db()
    assert (article.title, article.version) == ("عنوان المحرر الثاني", 2)
