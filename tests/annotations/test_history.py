"""History read as a newsroom log: the admin's History page and the workspace feed."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from annotations.history import article_activity, format_value
from annotations.models import Annotation
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(loaded_seeds, topics):
    """A passage an editor tagged and a reviewer approved, both in the
    workspace (which writes through the API with the admin's session)."""
    editor = factories.user("editor", "Editors")
    reviewer = factories.user("reviewer", "Editors", "Reviewers")
    article = loaded_seeds["000"]
    phrase = "في حربها ضد الإرهاب"
    start = article.body.index(phrase)
    created = factories.client(editor).post(
        "/api/v1/annotations/",
        {
            "article": article.pk,
            "topic": "counter-terrorism",
            "start": start,
            "end": start + len(phrase),
            "quote": phrase,
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    annotation = Annotation.objects.get()
    approved = factories.client(reviewer).patch(
        f"/api/v1/annotations/{annotation.pk}/",
        {"status": "approved"},
        content_type="application/json",
    )
    assert approved.status_code == 200, approved.content
    annotation.refresh_from_db()
    return annotation, editor, reviewer


@translation.override("en")
def test_format_value():
    field = Annotation._meta.get_field("status")
    assert format_value(field, "approved") == "approved"
    assert format_value(Annotation._meta.get_field("reviewed_by"), None) == "—"
    moment = datetime.datetime(2025, 8, 13, 13, 51, 7, 123456, tzinfo=datetime.UTC)
    # Damascus time (UTC+3), to the minute, no microseconds.
    assert format_value(None, moment) == "Aug. 13, 2025, 4:51 p.m."


def test_the_history_page_is_a_log(reviewed):
    annotation, editor, reviewer = reviewed
    html = (
        factories.client(reviewer)
        .get(f"/admin/annotations/annotation/{annotation.pk}/history/")
        .content.decode()
    )
    assert "Deleted user" not in html
    assert "Change reason" not in html
    assert "None" not in re.sub(r"<script.*?</script>", "", html, flags=re.S)
    assert '<th scope="col">When</th>' in html
    assert (
        '<strong>Status:</strong> <span dir="auto">draft</span> &rarr; <span dir="auto">approved</span>'
        in html
    )
    assert (
        '<strong>Reviewed by:</strong> <span dir="auto">—</span> &rarr; <span dir="auto">reviewer</span>'
        in html
    )
    local = timezone.localtime(annotation.history.latest().history_date)
    # The admin's own DATETIME_FORMAT: "6 p.m." on the hour, "6:05 p.m." otherwise.
    assert date_format(local, "DATETIME_FORMAT") in html
    shown = re.sub(r"<[^>]+>", " ", html)
    assert re.search(r"\d\.\d{6}", shown) is None  # no microseconds


def test_the_history_page_in_arabic(reviewed):
    annotation, _editor, reviewer = reviewed
    html = (
        factories.client(reviewer, language="ar")
        .get(f"/admin/annotations/annotation/{annotation.pk}/history/")
        .content.decode()
    )
    assert "معتمد" in html  # approved
    assert "التغييرات" in html  # the "Changes" header
    assert "CHANGES" not in html and "Changes" not in html


def test_the_article_activity_feed(reviewed):
    annotation, editor, reviewer = reviewed
    with translation.override("en"):
        entries = article_activity(annotation.article, reviewer)
    assert [entry.who for entry in entries] == ["reviewer", "editor", "the system"]
    assert entries[2].text == "article created"  # by the loader
    assert entries[0].text.startswith("passage “في حربها ضد الإرهاب”: Status: draft → approved")
    assert "Reviewed by" not in entries[0].text  # the feed names the moves that matter
    assert entries[0].annotation_id == annotation.pk
    assert entries[1].text == "passage “في حربها ضد الإرهاب” draft (Counter-terrorism)"
