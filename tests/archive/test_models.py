"""What the archive's models do themselves: names normalised on save, a body
that changes only through its service, the search fields kept with the text,
an event's last possible day, a report's claim, and the small displays."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from archive.curation import Viewer
from archive.models import (
    Article,
    BodyChangeError,
    DatePrecision,
    Event,
    EventReport,
    ExportJob,
    ExtractionRun,
    ImportRecord,
    Source,
    Story,
    last_day,
)
from tests import factories

D = dt.date


@pytest.mark.django_db
def test_a_sources_normalised_name_follows_its_name_and_finds_it():
    source = Source.objects.create(name="وكالة ســانا", name_en="SANA", slug="sana")
    assert source.normalized_name == "وكاله سانا"
    assert list(Source.objects.by_name("  وكالة سانا ")) == [source]
    assert str(source) == "وكالة ســانا (SANA)"
    source.name = "سانا"
    source.save()
    assert Source.objects.get(pk=source.pk).normalized_name == "سانا"
    assert str(Source(name="الوطن")) == "الوطن"


@pytest.mark.django_db
def test_a_body_saved_outside_its_service_is_refused():
    article = factories.article("نص المقال الأول.")
    article.body = "نص آخر."
    with pytest.raises(BodyChangeError, match="change_article_body"):
        article.save()
    article.save(update_fields=["title"])  # the body is not written: allowed
    assert Article.objects.get(pk=article.pk).body == "نص المقال الأول."
    article.save(body_change=True)
    assert Article.objects.get(pk=article.pk).body == "نص آخر."


@pytest.mark.django_db
def test_a_new_title_is_searchable_even_when_saved_by_its_field_alone():
    article = factories.article("نص المقال.", title="عنوان قديم")
    article.title = "اجتماع في أنقرة"
    article.save(update_fields=["title"])
    stored = Article.objects.get(pk=article.pk)
    assert stored.search_text == "اجتماع في انقر نص مقال"
    assert stored.rank_terms == "اجتماع في انقر|نص مقال|"


@pytest.mark.django_db
def test_published_and_undated_articles():
    draft = factories.article("نص أول.")
    published = factories.article(
        "نص ثان.", status=Article.Status.PUBLISHED, published_on=D(2025, 8, 13)
    )
    assert list(Article.objects.published()) == [published]
    assert list(Article.objects.without_date()) == [draft]


@pytest.mark.parametrize(
    ("starts", "ends", "precision", "last"),
    [
        (D(2025, 8, 13), None, DatePrecision.DAY, D(2025, 8, 13)),
        (D(2025, 8, 13), D(2025, 8, 15), DatePrecision.DAY, D(2025, 8, 15)),
        (D(2024, 2, 1), None, DatePrecision.MONTH, D(2024, 2, 29)),
        (D(2025, 2, 1), None, DatePrecision.MONTH, D(2025, 2, 28)),
        (D(2025, 1, 1), None, DatePrecision.YEAR, D(2025, 12, 31)),
        (D(2025, 8, 11), None, DatePrecision.WEEK, D(2025, 8, 17)),
        ("2025-01-01", None, DatePrecision.YEAR, D(2025, 12, 31)),
        (None, None, DatePrecision.DAY, None),
    ],
)
def test_an_events_last_possible_day(starts, ends, precision, last):
    assert last_day(starts, ends, precision) == last


@pytest.mark.django_db
def test_an_events_latest_day_is_kept_with_its_dates():
    event = Event.objects.create(
        title="مؤتمر", starts_on=D(2025, 8, 1), date_precision=DatePrecision.MONTH
    )
    assert event.latest_on == D(2025, 8, 31)
    event.date_precision = DatePrecision.DAY
    event.save(update_fields=["date_precision"])
    assert Event.objects.get(pk=event.pk).latest_on == D(2025, 8, 1)
    assert str(event) == "مؤتمر (2025-08-01)"


def test_a_reports_claim_is_its_parts_else_its_typed_day_else_nothing():
    assert EventReport.claim_of(None, 2025, 3, None, "month") == (2025, 3, None, "month")
    assert EventReport.claim_of(D(2025, 3, 8), None, None, None, "") == (2025, 3, 8, "day")
    assert EventReport.claim_of(None, None, None, None, "") == (None, None, None, "")
    report = EventReport(reported_date=D(2025, 3, 10))
    assert report.claim() == (2025, 3, 10, "day")


def test_the_small_displays():
    assert ExtractionRun(done=1, total=3).percent == 33
    assert ExtractionRun(done=0, total=0).percent == 0
    record = ImportRecord(files=["a.txt", "b.zip", "c.csv", "d.html"], status="done")
    with translation.override("en"):
        assert str(record) == "a.txt, b.zip, c.csv… (done)"
        assert str(ImportRecord(files=["a.txt"], status="queued")) == "a.txt (queued)"
    job = ExportJob(kind="articles", format="csv", status="running")
    assert (job.filename, str(job)) == ("articles.csv", "articles.csv (running)")


@pytest.mark.django_db
def test_a_story_is_named_by_its_representative_and_seen_by_its_published_copies():
    draft = factories.article("نص المقال.", title="مسودة")
    published = factories.article("نص المقال.", title="منشور", status=Article.Status.PUBLISHED)
    story = Story.objects.create(representative=draft)
    Article.objects.filter(pk__in=[draft.pk, published.pk]).update(story=story)
    assert str(story) == "مسودة"
    assert str(Story(pk=7)) == "#7"
    (public,) = Story.objects.visible_to(Viewer.of(AnonymousUser()))
    assert (public.pk, public.copies) == (story.pk, 1)
    lone = Story.objects.create()
    assert lone not in Story.objects.visible_to(Viewer.of(AnonymousUser()))


def test_the_search_index_describes_the_stored_text_whatever_a_partial_save_leaves_out(db):
    article = factories.article("نص عن أنقرة.", title="عنوان أول", summary="ملخص أول")
    article.body = "نص آخر عن دمشق."  # changed in memory, never saved
    article.summary = "ملخص ثان"
    article.title = "عنوان ثان"
    article.save(update_fields=["title"])
    stored = Article.objects.get(pk=article.pk)
    assert (stored.title, stored.summary, stored.body) == ("عنوان ثان", "ملخص أول", "نص عن أنقرة.")
    assert (stored.search_text, stored.rank_terms) == (
        "عنوان ثان ملخص اول نص عن انقر",
        "عنوان ثان|ملخص اول نص عن انقر|",
    )


def test_a_body_left_out_of_a_partial_save_is_still_refused_by_the_next_save(db):
    article = factories.article("نص عن أنقرة.", title="عنوان أول")
    article.body = "نص آخر عن دمشق."  # changed in memory, not through the service
    article.save(update_fields=["title"])
    with pytest.raises(BodyChangeError, match="change_article_body"):
        article.save()
    assert Article.objects.get(pk=article.pk).body == "نص عن أنقرة."
