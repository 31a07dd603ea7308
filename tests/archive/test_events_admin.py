"""The editors' side of events from the text: the review queue, the events'
groupings, the timeline page and the extraction runs started from the admin."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from archive import events
from archive.models import Event, EventMention, ExtractionRun

D = dt.date
QUEUE = "/admin/archive/eventmention/"


def test_the_queue_marks_the_date_and_the_event_word(loaded_seeds, editor_client):
    response = editor_client.get(QUEUE, {"status__exact": "suggested", "kind__exact": "conference"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>8 أغسطس</mark>" in html
    assert "<strong>مؤتمرها</strong>" in html
    assert "8 August 2025" in html
    assert 'data-key="a"' in html and 'data-key="d"' in html
    assert "mention_review.js" in html


def test_one_key_accept_and_dismiss(loaded_seeds, editor_client, editor):
    mou = EventMention.objects.get(article=loaded_seeds["000"], date_text="أمس")
    today = EventMention.objects.get(article=loaded_seeds["000"], date_text="اليوم")
    review = reverse("admin:archive_eventmention_review")
    response = editor_client.post(review, {"confirm": mou.pk, "next": QUEUE})
    assert response.status_code == 302 and response["Location"] == QUEUE
    response = editor_client.post(review, {"dismiss": today.pk, "next": QUEUE}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Accepted: أمس",
        "Dismissed: اليوم",
    ]
    mou.refresh_from_db()
    today.refresh_from_db()
    assert (mou.status, mou.reviewed_by, today.status) == ("confirmed", editor, "dismissed")
    assert editor_client.get(review).status_code == 403  # only by POST


def test_bulk_accept_then_group_from_the_events_list(loaded_seeds, editor_client):
    ids = list(EventMention.objects.values_list("pk", flat=True))
    response = editor_client.post(
        QUEUE, {"action": "confirm_selected", "_selected_action": ids}, follow=True
    )
    assert "18 mentions accepted." in [str(m) for m in response.context["messages"]]
    response = editor_client.post(
        "/admin/archive/event/",
        {"action": "group_now", "_selected_action": [0], "select_across": "1"},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "6 joined an event, 9 new events, 3 left ungrouped."
    ]
    assert Event.objects.filter(status="suggested").count() == 9


@pytest.fixture
def grouped(loaded_seeds, editor):
    for mention in EventMention.objects.all():
        events.mention_confirm(mention, editor)
    events.group_mentions()
    return loaded_seeds


def test_the_event_page_shows_each_report_with_its_evidence_and_moves_one_out(
    grouped, editor_client
):
    mou = Event.objects.get(kind="agreement", starts_on=D(2025, 8, 13))
    page = editor_client.get(f"/admin/archive/event/{mou.pk}/change/")
    html = page.content.decode()
    assert "August 2025" in html and "13 August 2025" in html
    assert "<mark>أغسطس/آب الماضي</mark>" in html
    report = mou.reports.get(article=grouped["004"])
    move = reverse("admin:archive_event_move_out", args=[report.pk])
    assert f'formaction="{move}"' in html
    response = editor_client.post(move)
    report.refresh_from_db()
    assert report.event_id != mou.pk
    assert response["Location"] == f"/admin/archive/event/{report.event_id}/change/"
    assert editor_client.get(move).status_code == 403


def test_merge_and_confirm_from_the_list(grouped, editor_client):
    sdf = Event.objects.get(kind="agreement", starts_on=D(2025, 3, 8))
    conference = Event.objects.get(kind="conference", starts_on=D(2025, 8, 8))
    response = editor_client.post(
        "/admin/archive/event/",
        {"action": "merge_selected", "_selected_action": [conference.pk, sdf.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert not Event.objects.filter(pk=conference.pk).exists()  # merged into the earliest
    # 000 reported both: it keeps its report of the SDF agreement
    assert sorted(r.article.source_file[:3] for r in sdf.reports.all()) == ["000", "001"]
    assert sdf.mentions.filter(date_text="8 أغسطس").count() == 1
    editor_client.post(
        "/admin/archive/event/", {"action": "confirm_selected", "_selected_action": [sdf.pk]}
    )
    sdf.refresh_from_db()
    assert sdf.status == "confirmed"


def test_the_timeline_draws_the_events_and_the_sdf_conflict(grouped, editor_client):
    response = editor_client.get("/admin/archive/event/timeline/")
    assert response.status_code == 200
    html = response.content.decode()
    svg = html[html.index('class="event-timeline"') :]
    svg = svg[: svg.index("</svg>")]
    assert svg.count('<g class="event') == 9
    assert svg.count('<g class="event conflicting"') == 1
    sdf = Event.objects.get(kind="agreement", starts_on=D(2025, 3, 8))
    assert f'data-event="{sdf.pk}"' in svg
    assert "Agreement signing, 8 March 2025 (2025-03-08 to 2025-03-10, the reports disagree)" in svg
    assert "10 March (year not stated)" in svg  # 001's claim, as a mark on the range
    # Filters and zoom: agreements in March, by day.
    response = editor_client.get(
        "/admin/archive/event/timeline/",
        {"kind": "agreement", "date_from": "2025-03-01", "date_to": "2025-03-31"},
    )
    svg = response.content.decode()
    assert svg.count('<g class="event') == 1
    assert ">March 2025</text>" in svg  # the day axis names the month
    bad = editor_client.get("/admin/archive/event/timeline/", {"date_from": "March"})
    assert bad.status_code == 200
    assert "date_from:" in bad.content.decode()


def test_extraction_runs_started_from_the_admin(loaded_seeds, editor_client):
    response = editor_client.post(reverse("admin:archive_extractionrun_start"), follow=True)
    assert response.status_code == 200
    run = ExtractionRun.objects.order_by("-id").first()
    assert (run.reason, run.status, run.done, run.total) == ("admin", "done", 5, 5)
    assert run.report["extraction"]["created"] == 0  # the load already found them
    page = editor_client.get("/admin/archive/extractionrun/").content.decode()
    assert '<progress max="100" value="100"></progress> 5 / 5' in page
    assert "0 new mentions (18 known)" in page
    assert editor_client.get(reverse("admin:archive_extractionrun_start")).status_code == 403
