"""Events from the text, on the seeds: extraction queued by loading, the
editors' review, grouping across articles, conflicts, re-runs that change
nothing an editor decided, and evidence re-anchored when a body changes."""

from __future__ import annotations

import datetime as dt

import pytest

from archive import events
from archive.models import Event, EventMention, EventReport, ExtractionRun
from archive.services import change_article_body
from tests import factories

D = dt.date


@pytest.fixture
def editor(db):
    return factories.user("events-editor", password=None)


def mentions_of(article) -> list[tuple]:
    return list(
        EventMention.objects.filter(article=article)
        .order_by("start")
        .values_list("kind", "date_text", "year", "month", "day", "precision", "status")
    )


def confirm_all(editor):
    for mention in EventMention.objects.order_by("id"):
        events.mention_confirm(mention, editor)


def test_loading_queues_extraction_with_a_report(loaded_seeds):
    (run,) = ExtractionRun.objects.all()
    assert (run.status, run.reason, run.total, run.done) == ("done", "load", 5, 5)
    assert run.report["extraction"] == {
        "articles": 5,
        "found": 18,
        "created": 18,
        "existing": 0,
        "unresolved": 3,
    }
    assert mentions_of(loaded_seeds["000"])[2] == (
        "agreement",
        "أمس",
        2025,
        8,
        13,
        "day",
        "suggested",
    )
    assert mentions_of(loaded_seeds["001"])[2] == (
        "agreement",
        "10 آذار",
        None,
        3,
        10,
        "day",
        "suggested",
    )
    assert mentions_of(loaded_seeds["004"])[-1] == (
        "agreement",
        "أغسطس/آب الماضي",
        2025,
        8,
        None,
        "month",
        "suggested",
    )
    assert mentions_of(loaded_seeds["003"]) == []


def test_the_evidence_is_the_sentence_at_its_offsets(loaded_seeds):
    for mention in EventMention.objects.select_related("article"):
        body = mention.article.body
        assert body[mention.start : mention.end] == mention.quote
        assert body[mention.date_start : mention.date_end] == mention.date_text
        mention.full_clean()


def test_rerun_creates_nothing_and_keeps_editors_decisions(loaded_seeds, editor):
    sdf_000 = EventMention.objects.get(article=loaded_seeds["000"], date_text="8 مارس")
    today = EventMention.objects.get(article=loaded_seeds["000"], date_text="اليوم")
    events.mention_confirm(sdf_000, editor, place="دمشق")
    events.mention_dismiss(today, editor)
    report = events.articles_extract_events()
    assert (report.articles, report.found, report.created, report.existing) == (5, 18, 0, 18)
    assert EventMention.objects.count() == 18
    sdf_000.refresh_from_db()
    today.refresh_from_db()
    assert (sdf_000.status, sdf_000.place, sdf_000.edited) == ("confirmed", "دمشق", True)
    assert today.status == "dismissed"
    assert sdf_000.reviewed_by == editor


def sdf_and_mou():
    sdf = Event.objects.get(kind="agreement", starts_on=D(2025, 3, 8))
    mou = Event.objects.get(kind="agreement", starts_on=D(2025, 8, 13))
    return sdf, mou


def reports(event) -> list[tuple]:
    return sorted(
        (r.article.source_file[:3], r.claim(), r.reported_date_text) for r in event.reports.all()
    )


def test_grouping_finds_the_mou_across_three_articles_and_the_sdf_conflict(loaded_seeds, editor):
    confirm_all(editor)
    report = events.group_mentions()
    assert report.as_dict() == {"mentions": 18, "joined": 6, "new_events": 9, "ungrouped": 3}
    sdf, mou = sdf_and_mou()
    assert reports(mou) == [
        ("000", (2025, 8, 13, "day"), "أمس"),
        ("002", (2025, 8, 13, "day"), "يوم الأربعاء 13 آب"),
        ("004", (2025, 8, None, "month"), "أغسطس/آب الماضي"),
    ]
    assert (mou.status, mou.conflicting, mou.ends_on, mou.date_precision) == (
        "suggested",
        False,
        None,
        "day",
    )
    assert mou.title_en == "Agreement signing, 13 August 2025"
    # 000 dates it "أمس" and "أمس الأربعاء": one report, both mentions in the event.
    assert mou.mentions.filter(article=loaded_seeds["000"]).count() == 2
    # The SDF–Damascus agreement: 8 March (000) against 10 March, year not stated (001).
    assert reports(sdf) == [
        ("000", (2025, 3, 8, "day"), "8 مارس"),
        ("001", (None, 3, 10, "day"), "10 آذار"),
    ]
    assert sdf.conflicting is True
    assert (sdf.starts_on, sdf.ends_on, sdf.latest_on) == (
        D(2025, 3, 8),
        D(2025, 3, 10),
        D(2025, 3, 10),
    )
    # The evidence of a report is its mention's sentence.
    evidence = mou.reports.get(article=loaded_seeds["000"]).mention
    assert "توقيع مذكرة التفاهم المشتركة للتدريب والاستشارات يوم أمس" in evidence.quote
    # Grouping again changes nothing.
    assert events.group_mentions().as_dict() == {
        "mentions": 3,
        "joined": 0,
        "new_events": 0,
        "ungrouped": 3,
    }
    assert Event.objects.count() == 9


def test_only_confirmed_mentions_are_grouped(loaded_seeds, editor):
    events.mention_confirm(
        EventMention.objects.get(article=loaded_seeds["000"], date_text="أمس"), editor
    )
    assert events.group_mentions().as_dict() == {
        "mentions": 1,
        "joined": 0,
        "new_events": 1,
        "ungrouped": 0,
    }
    (event,) = Event.objects.all()
    assert reports(event) == [("000", (2025, 8, 13, "day"), "أمس")]


def test_dismissing_a_grouped_mention_takes_its_report_out(loaded_seeds, editor):
    confirm_all(editor)
    events.group_mentions()
    sdf, _mou = sdf_and_mou()
    ten_march = EventMention.objects.get(article=loaded_seeds["001"], date_text="10 آذار")
    events.mention_dismiss(ten_march, editor)
    sdf.refresh_from_db()
    # 001's other mention in the event ("شهر آذار") reports it now: March, no conflict.
    assert reports(sdf) == [
        ("000", (2025, 3, 8, "day"), "8 مارس"),
        ("001", (None, 3, None, "month"), "شهر آذار"),
    ]
    assert sdf.conflicting is False
    assert (sdf.starts_on, sdf.ends_on) == (D(2025, 3, 8), None)


def test_an_editors_edit_of_the_date_follows_into_the_report(loaded_seeds, editor):
    confirm_all(editor)
    events.group_mentions()
    sdf, _mou = sdf_and_mou()
    ten_march = EventMention.objects.get(article=loaded_seeds["001"], date_text="10 آذار")
    events.mention_confirm(ten_march, editor, year=2025, day=8)
    sdf.refresh_from_db()
    assert reports(sdf)[1] == ("001", (2025, 3, 8, "day"), "10 آذار")
    assert sdf.conflicting is False


def test_move_out_split_and_merge(loaded_seeds, editor):
    confirm_all(editor)
    events.group_mentions()
    sdf, mou = sdf_and_mou()
    moved = events.report_move_out(mou.reports.get(article=loaded_seeds["004"]), editor)
    assert reports(moved) == [("004", (2025, 8, None, "month"), "أغسطس/آب الماضي")]
    assert (moved.status, moved.starts_on, moved.date_precision) == (
        "suggested",
        D(2025, 8, 1),
        "month",
    )
    # A mention an editor placed is never regrouped.
    events.group_mentions()
    assert reports(moved) == [("004", (2025, 8, None, "month"), "أغسطس/آب الماضي")]
    merged = events.events_merge(mou, [moved], editor)
    assert [r[0] for r in reports(merged)] == ["000", "002", "004"]
    assert not Event.objects.filter(pk=moved.pk).exists()
    parts = events.event_split(sdf, editor)
    assert [reports(part)[0][0] for part in parts] == ["000", "001"]
    assert not any(Event.objects.get(pk=p.pk).conflicting for p in parts)
    events.event_confirm(merged, editor)
    merged.refresh_from_db()
    assert merged.status == "confirmed"


def test_a_body_edit_re_anchors_the_evidence(loaded_seeds, editor):
    article = loaded_seeds["000"]
    mention = EventMention.objects.get(article=article, date_text="أمس")
    old_quote = mention.quote
    change_article_body(article, "سطر جديد في أول النص.\n" + article.body, editor)
    mention.refresh_from_db()
    article.refresh_from_db()
    assert mention.quote == old_quote
    assert article.body[mention.start : mention.end] == old_quote
    assert article.body[mention.date_start : mention.date_end] == "أمس"
    assert mention.flagged is False
    # A sentence deleted from the text leaves its mention flagged for an editor.
    article.body = article.body.replace(old_quote, "")
    change_article_body(article, article.body, editor)
    mention.refresh_from_db()
    assert mention.flagged is True
    assert mention.flag_reason.startswith("The text changed: ")


def test_reports_typed_by_hand_still_count_as_days(db, loaded_seeds):
    event = Event.objects.create(title="x", kind="meeting", starts_on=D(2025, 8, 1))
    EventReport.objects.create(
        event=event, article=loaded_seeds["000"], reported_date=D(2025, 8, 1)
    )
    EventReport.objects.create(
        event=event, article=loaded_seeds["002"], reported_date=D(2025, 8, 3)
    )
    events.event_refresh(event)
    event.refresh_from_db()
    assert event.conflicting is True
    # An editor's dates are kept (dates_from_reports is off for hand-made events).
    assert (event.starts_on, event.ends_on, event.latest_on) == (D(2025, 8, 1), None, D(2025, 8, 1))
