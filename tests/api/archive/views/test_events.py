"""The curated events API: what the public sees on every surface (list,
detail, the article's events, filters, counts, CSV, JSON Lines, iCalendar,
timeline rows), the dates each report gives, and the spread."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from rest_framework.test import APIClient

from archive import events
from archive.instants import instant
from archive.models import Event, EventMention, EventReport
from tests import factories
from tests.api.archive.views.test_read import leaked

EVENTS = "/api/v1/events/"


@pytest.fixture
def curated(corpus):
    """The corpus's events, with a report by the draft 001 that disagrees
    with the MoU's published reports, a month-precise visit, and the MoU's
    000 report read from its sentence."""
    seeds, mou = corpus.articles, corpus.events["mou"]
    draft_report = mou.reports.get(article=seeds["001"])
    draft_report.reported_date = dt.date(2025, 8, 12)
    draft_report.save()
    evidence = EventMention.objects.get(article=seeds["000"], date_text="أمس")
    report = mou.reports.get(article=seeds["000"])
    report.mention = evidence
    report.save()
    events.event_refresh(mou)
    visit = Event.objects.create(
        title="زيارة وفد تركي",
        title_en="Turkish delegation's visit",
        kind=Event.Kind.VISIT,
        starts_on=dt.date(2025, 8, 1),
        date_precision="month",
        place="دمشق",
    )
    EventReport.objects.create(
        event=visit,
        article=seeds["004"],
        reported_year=2025,
        reported_month=8,
        reported_precision="month",
        reported_date_text="أغسطس/آب الماضي",
    )
    events.event_refresh(visit)
    corpus.events["visit"] = visit
    return corpus


@pytest.fixture
def events_staff(db) -> APIClient:
    return factories.api_client(
        factories.user_with("events-staff", "view_article", "view_event", "view_annotation")
    )


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [e["id"] for e in response.json()["results"]]


def test_the_public_list_has_confirmed_events_with_published_reports_only(curated, anon):
    mou, visit = curated.events["mou"], curated.events["visit"]
    response = anon.get(EVENTS)
    assert ids(response) == [mou.pk, visit.pk]
    assert response.json()["count"] == 2
    data = response.json()["results"][0]
    seeds = curated.articles
    assert [r["article_id"] for r in data["reports"]] == [seeds["000"].pk, seeds["002"].pk]
    # The draft's 12 August is neither shown nor counted as a disagreement.
    assert data["conflicting"] is False
    assert data["spread"] == {"earliest": "2025-08-13", "latest": "2025-08-13", "days": 1}
    assert data["reports"][0]["claimed"] == {
        "year": 2025,
        "month": 8,
        "day": 13,
        "precision": "day",
        "label": "13 August 2025",
    }
    evidence = data["reports"][0]["evidence"]
    assert evidence["quote"].endswith("يوم أمس يمثل خطوة هامة في مسار التعاون بين البلدين.")
    body = seeds["000"].body
    assert body[evidence["start"] : evidence["end"]] == evidence["quote"]
    assert data["reports"][1]["evidence"] is None  # typed by hand
    assert leaked(response.content.decode(), curated) == []


def test_staff_see_suggested_groupings_every_report_and_the_conflict(curated, events_staff):
    c = curated.events
    response = events_staff.get(EVENTS)
    # the latest first, then the newest
    assert ids(response) == [c["suggested"].pk, c["mou"].pk, c["visit"].pk, c["sdf"].pk]
    mou = response.json()["results"][1]
    assert mou["conflicting"] is True
    assert mou["spread"] == {"earliest": "2025-08-12", "latest": "2025-08-13", "days": 2}
    assert len(mou["reports"]) == 3
    suggested = response.json()["results"][0]
    assert suggested["status"] == "suggested"


@pytest.mark.parametrize("key", ["sdf", "suggested"])
def test_hidden_event_detail_is_404_for_the_public(curated, anon, events_staff, key):
    pk = curated.events[key].pk
    assert anon.get(f"{EVENTS}{pk}/").status_code == 404
    assert events_staff.get(f"{EVENTS}{pk}/").status_code == 200


def test_an_articles_events_are_curated_too(curated, anon):
    # 002 reports the MoU and the suggested meeting: the public sees the MoU.
    response = anon.get(f"/api/v1/articles/{curated.articles['002'].pk}/")
    assert [e["id"] for e in response.json()["events"]] == [curated.events["mou"].pk]
    assert leaked(response.content.decode(), curated) == []


def test_articles_by_a_hidden_event_is_a_400(curated, anon, events_staff):
    sdf = curated.events["sdf"].pk
    response = anon.get("/api/v1/articles/", {"event": sdf})
    assert response.status_code == 400
    assert list(response.json()) == ["event"]  # as for an id that names no event
    staff = events_staff.get("/api/v1/articles/", {"event": sdf})
    assert [a["id"] for a in staff.json()["results"]] == [curated.articles["001"].pk]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"article": "002"}, ["mou"]),
        ({"article": "001"}, []),  # a draft: none of its reports is public
        ({"source": "sana"}, ["mou"]),
        ({"topic": "training-mou"}, ["mou"]),
        ({"topic": "counter-terrorism"}, ["visit"]),
        ({"place": "انقرة"}, ["mou"]),
        ({"kind": "visit"}, ["visit"]),
        ({"conflicting": "true"}, []),
        ({"conflicting": "false"}, ["mou", "visit"]),
        # overlap with an event's range: the visit is dated August 2025 (a month)
        ({"date_from": "2025-08-20", "date_to": "2025-08-25"}, ["visit"]),
        ({"date_from": "2025-08-13", "date_to": "2025-08-13"}, ["mou", "visit"]),
        ({"date_from": "2025-09-01"}, []),
    ],
)
def test_filters_for_the_public(curated, anon, params, expected):
    if "article" in params:
        params = {"article": curated.articles[params["article"]].pk}
    response = anon.get(EVENTS, params)
    assert ids(response) == [curated.events[key].pk for key in expected]
    assert response.json()["count"] == len(expected)


def test_filters_for_staff_see_the_conflict_and_the_draft(curated, events_staff):
    c = curated.events
    assert ids(events_staff.get(EVENTS, {"conflicting": "true"})) == [c["mou"].pk]
    draft = curated.articles["001"].pk
    assert ids(events_staff.get(EVENTS, {"article": draft})) == [c["mou"].pk, c["sdf"].pk]


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"conflicting": "maybe"}, "conflicting"),
        ({"article": "abc"}, "article"),
        ({"source": "nobody"}, "source"),
        ({"topic": "nothing"}, "topic"),
        ({"date_from": "August"}, "date_from"),
        ({"when": "2025"}, "unknown_parameters"),
    ],
)
def test_bad_filter_values_are_400s_naming_them(curated, anon, params, name):
    response = anon.get(EVENTS, params)
    assert response.status_code == 400
    assert name in response.content.decode()


def test_csv_export(curated, anon):
    response = anon.get(f"{EVENTS}export.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "id",
        "url",
        "title",
        "title_en",
        "kind",
        "status",
        "starts_on",
        "ends_on",
        "latest_on",
        "date_precision",
        "place",
        "description",
        "conflicting",
        "spread_earliest",
        "spread_latest",
        "spread_days",
        "updated_at",
        "report_count",
        "reports",
    ]
    by_id = {int(row[0]): row for row in rows[1:]}
    mou, visit = curated.events["mou"], curated.events["visit"]
    assert list(by_id) == [visit.pk, mou.pk]  # by date
    seeds = curated.articles
    mou.refresh_from_db()
    assert by_id[mou.pk][12:] == [
        "False",
        "2025-08-13",
        "2025-08-13",
        "1",
        instant(mou.updated_at),
        "2",
        f"{seeds['000'].pk}: 13 August 2025; {seeds['002'].pk}: 13 August 2025 (13 آب)",
    ]
    assert by_id[visit.pk][6:10] == ["2025-08-01", "", "2025-08-31", "month"]
    assert by_id[mou.pk][16].endswith("Z")
    assert leaked(text, curated) == []


def test_jsonl_export_is_the_list_one_event_a_line(curated, anon):
    import orjson

    response = anon.get(f"{EVENTS}export.jsonl")
    lines = b"".join(response.streaming_content).splitlines()
    records = [orjson.loads(line) for line in lines]
    assert [r["id"] for r in records] == [curated.events["visit"].pk, curated.events["mou"].pk]
    listed = anon.get(f"{EVENTS}{curated.events['mou'].pk}/").json()
    assert records[1] == listed
    assert leaked(b"\n".join(lines).decode(), curated) == []


def test_ics_feed(curated, anon):
    response = anon.get(f"{EVENTS}export.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = b"".join(response.streaming_content).decode()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 2
    mou, visit = curated.events["mou"], curated.events["visit"]
    assert f"UID:event-{mou.pk}@testserver\r\n" in text
    assert "DTSTART;VALUE=DATE:20250813\r\nDTEND;VALUE=DATE:20250814\r\n" in text
    # A month: all of August.
    assert "DTSTART;VALUE=DATE:20250801\r\nDTEND;VALUE=DATE:20250901\r\n" in text
    assert f"UID:event-{visit.pk}@testserver" in text
    assert "SUMMARY:Signing of the training and consultancy MoU\r\n" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    unfolded = text.replace("\r\n ", "")
    assert "LOCATION:أنقرة" in unfolded
    assert "13 August 2025 (13 آب)" in unfolded
    assert leaked(unfolded, curated) == []


def test_timeline_rows_one_per_report(curated, anon):
    response = anon.get(f"{EVENTS}timeline/")
    assert response.status_code == 200
    data = response.json()
    seeds, mou = curated.articles, curated.events["mou"]
    assert data["count"] == 3
    assert [(r["event_id"], r["article_id"]) for r in data["rows"]] == [
        (curated.events["visit"].pk, seeds["004"].pk),
        (mou.pk, seeds["000"].pk),
        (mou.pk, seeds["002"].pk),
    ]
    assert data["rows"][0] | {} == {
        "event_id": curated.events["visit"].pk,
        "event_url": f"http://testserver/api/v1/events/{curated.events['visit'].pk}/",
        "event_title": "زيارة وفد تركي",
        "event_title_en": "Turkish delegation's visit",
        "kind": "visit",
        "conflicting": False,
        "article_id": seeds["004"].pk,
        "article_url": f"http://testserver/api/v1/articles/{seeds['004'].pk}/",
        "article_title": seeds["004"].title,
        "published_on": "2025-10-12",
        "claimed_start": "2025-08-01",
        "claimed_end": "2025-08-31",
        "year_stated": True,
        "precision": "month",
        "label": "August 2025",
        "date_text": "أغسطس/آب الماضي",
    }
    filtered = anon.get(f"{EVENTS}timeline/", {"kind": "agreement"}).json()
    assert filtered["count"] == 2
    assert leaked(response.content.decode(), curated) == []


def test_publishing_the_draft_brings_its_report_and_the_conflict(curated, anon):
    from archive.models import Article
    from archive.services import articles_set_status

    articles_set_status([curated.articles["001"]], Article.Status.PUBLISHED)
    mou = anon.get(f"{EVENTS}{curated.events['mou'].pk}/").json()
    assert mou["conflicting"] is True
    assert anon.get(EVENTS, {"conflicting": "true"}).json()["count"] == 1
    # and the SDF agreement, reported by it alone, appears
    assert anon.get(f"{EVENTS}{curated.events['sdf'].pk}/").status_code == 200
