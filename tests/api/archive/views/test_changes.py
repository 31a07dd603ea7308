"""The changes feed (``/api/v1/changes/``): one row per change of a curated
resource, per audience, logged by the database in the same transaction; the
public's deletions include rows leaving the curated set. A mirror that follows
it ends equal to a fresh export."""

from __future__ import annotations

import datetime as dt
import io
import shutil

import pytest
from django.core.management import call_command

from annotations.models import Annotation, Topic
from annotations.permissions import SYSTEM
from annotations.services import annotation_delete, annotation_set_status, annotation_update
from archive.loading import article_paths, load_article_files
from archive.models import Article, ArticleSource, Change, Event, EventReport, Source
from archive.services import articles_set_status, change_article_body

S = Annotation.Status


def latest(client, **params) -> str:
    response = client.get("/api/v1/changes/", {"since": "latest", **params})
    assert response.status_code == 200, response.content
    return response.json()["cursor"]


def feed(client, since: str, **params) -> list[tuple[str, str, str]]:
    """Every (resource, key, kind) after ``since``, following ``next``."""
    rows, url = [], f"/api/v1/changes/?since={since}&page_size=3"
    for _ in range(1000):
        page = client.get(url, params).json() if params else client.get(url).json()
        rows += [(r["resource"], r["key"], r["kind"]) for r in page["results"]]
        if not page["has_more"]:
            return rows
        url = page["next"]
    raise AssertionError("the feed never ended")


def test_publishing_unpublishing_and_reviewing_as_each_audience_sees_it(anon, staff, corpus):
    a, n = corpus.articles, corpus.annotations
    public, everything = latest(anon), latest(staff)
    assert latest(staff, audience="public") == public

    articles_set_status([Article.objects.get(pk=a["001"].pk)], Article.Status.PUBLISHED)
    annotation_set_status(Annotation.objects.get(pk=n["mou"].pk), by=SYSTEM, status=S.REJECTED)
    annotation_set_status(Annotation.objects.get(pk=n["terror"].pk), by=SYSTEM, status=S.DRAFT)
    annotation_set_status(Annotation.objects.get(pk=n["draft"].pk), by=SYSTEM, status=S.APPROVED)
    annotation_update(Annotation.objects.get(pk=n["rejected"].pk), by=SYSTEM, note="ليس مقبولاً")

    on_draft = str(n["on_draft_article"].pk)
    assert feed(anon, public) == [
        # Publishing brings the article and its approved passage into the curated set.
        ("annotation", on_draft, "created"),
        ("article", str(a["001"].pk), "created"),
        # and the SDF agreement, which only 001 reports
        ("event", str(corpus.events["sdf"].pk), "created"),
        ("annotation", str(n["mou"].pk), "deleted"),  # rejected
        ("annotation", str(n["terror"].pk), "deleted"),  # reopened
        ("annotation", str(n["draft"].pk), "created"),  # approved
        # The rejected one's note: not the public's business.
    ]
    assert feed(staff, everything) == [
        ("article", str(a["001"].pk), "updated"),
        ("event", str(corpus.events["sdf"].pk), "updated"),
        ("annotation", str(n["mou"].pk), "updated"),
        ("annotation", str(n["terror"].pk), "updated"),
        ("annotation", str(n["draft"].pk), "updated"),
        ("annotation", str(n["rejected"].pk), "updated"),
    ]

    public = latest(anon)
    articles_set_status([Article.objects.get(pk=a["001"].pk)], Article.Status.DRAFT)
    assert feed(anon, public) == [
        ("annotation", on_draft, "deleted"),
        ("article", str(a["001"].pk), "deleted"),
        ("event", str(corpus.events["sdf"].pk), "deleted"),
    ]


def test_sources_enter_and_leave_with_their_published_articles(anon, corpus):
    a = corpus.articles
    source = Source.objects.create(name="وكالة الأناضول", slug="anadolu", kind=Source.Kind.AGENCY)
    ArticleSource.objects.create(article=a["001"], source=source, role=ArticleSource.Role.CITED)
    public = latest(anon)
    articles_set_status([Article.objects.get(pk=a["001"].pk)], Article.Status.PUBLISHED)
    assert ("source", "anadolu", "created") in feed(anon, public)
    public = latest(anon)
    source.name_en = "Anadolu Agency"
    source.save()
    # A second published article citing it: it stays in the set.
    ArticleSource.objects.create(article=a["000"], source=source, role=ArticleSource.Role.CITED)
    articles_set_status([Article.objects.get(pk=a["001"].pk)], Article.Status.DRAFT)
    rows = [row for row in feed(anon, public) if row[0] == "source"]
    assert rows == [("source", "anadolu", "updated")]
    public = latest(anon)
    ArticleSource.objects.filter(source=source).delete()
    assert feed(anon, public) == [("source", "anadolu", "deleted")]


def test_a_new_slug_is_a_deletion_and_a_creation_and_bulk_writes_are_logged(anon, corpus):
    public = latest(anon)
    topic = Topic.objects.get(slug="training-mou")
    topic.slug = "training-mou-2025"
    topic.save()
    # A bulk write the services never see still reaches the log.
    Annotation.objects.filter(pk=corpus.annotations["sdf"].pk).update(status=S.REJECTED)
    assert feed(anon, public) == [
        ("topic", "training-mou", "deleted"),
        ("topic", "training-mou-2025", "created"),
        ("annotation", str(corpus.annotations["sdf"].pk), "deleted"),
    ]


def test_each_row_says_what_changed_when_and_where(anon, corpus):
    public = latest(anon)
    event = corpus.events["mou"]
    event.place = "أنقرة، تركيا"
    event.save()
    response = anon.get("/api/v1/changes/", {"since": public})
    (row,) = response.json()["results"]
    assert row == {
        "cursor": row["cursor"],
        "resource": "event",
        "id": event.pk,
        "key": str(event.pk),
        "kind": "updated",
        "at": row["at"],
        "url": f"http://testserver/api/v1/events/{event.pk}/",
    }
    assert int(row["cursor"]) > int(public)
    at = dt.datetime.fromisoformat(row["at"])
    assert abs((at - dt.datetime.now(dt.UTC)).total_seconds()) < 60
    page = response.json()
    assert page["cursor"] == row["cursor"] and page["has_more"] is False
    assert page["next"] == f"http://testserver/api/v1/changes/?since={row['cursor']}"
    assert page["audience"] == "public"
    # Nothing new: the same cursor back, to poll with.
    again = anon.get(page["next"]).json()
    assert (again["results"], again["cursor"]) == ([], row["cursor"])


def test_bad_requests(anon, staff, corpus):
    def error(client, params, status):
        response = client.get("/api/v1/changes/", params, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == status, response.content
        return response.json()

    assert error(anon, {"since": "abc"}, 400) == {
        "since": ["Not a cursor: 'abc'. Pass the cursor of a page, or latest."]
    }
    assert error(anon, {"page_size": "0"}, 400) == {"page_size": ["A whole number from 1 to 1000."]}
    assert error(anon, {"audience": "editors"}, 400) == {
        "audience": ["Unknown audience 'editors': public or staff."]
    }
    assert error(anon, {"audience": "staff"}, 403) == {
        "detail": "The staff feed is for staff who may view every article and annotation."
    }
    assert "sinse" in error(anon, {"sinse": "1"}, 400)["unknown_parameters"][0]
    # A cursor of the other feed, or one never handed out, names no place in this one.
    staff_cursor = latest(staff)
    gone = error(anon, {"since": staff_cursor}, 410)
    assert gone == {
        "since": [
            f"Cursor {staff_cursor} is not in the public feed: it is older than the changes "
            "kept (180 days), or from another feed. Export again and follow the feed from "
            "?since=latest taken before the export."
        ]
    }


def test_prune_keeps_the_retention_period_and_each_feeds_newest_row(anon, corpus):
    old = dt.datetime.now(dt.UTC) - dt.timedelta(days=200)
    Change.objects.update(at=old)
    cursor_before = latest(anon)
    first = Change.objects.filter(audience="public").order_by("id").first().pk
    total = Change.objects.count()
    out = io.StringIO()
    call_command("prune_changes", stdout=out)
    assert Change.objects.count() == 2  # the newest row of each audience
    assert out.getvalue().startswith(f"deleted {total - 2} changes from before ")
    assert latest(anon) == cursor_before
    response = anon.get("/api/v1/changes/", {"since": cursor_before})
    assert response.status_code == 200 and response.json()["results"] == []
    assert anon.get("/api/v1/changes/", {"since": str(first)}).status_code == 410
    out = io.StringIO()
    call_command("prune_changes", "--days", "1", "--dry-run", stdout=out)
    assert out.getvalue().startswith("would delete 0 changes from before ")


# --- a mirror -----------------------------------------------------------------

LISTS = {
    "article": ("/api/v1/articles/", "id"),
    "annotation": ("/api/v1/annotations/", "id"),
    "event": ("/api/v1/events/", "id"),
    "source": ("/api/v1/sources/", "slug"),
    "topic": ("/api/v1/topics/", "slug"),
}
# Counts and copies of other resources a row carries: a mirror joins them
# from its own tables (docs/sync.md), so they are not compared.
DERIVED = {
    "article": {
        "sources",
        "topics",
        "annotation_count",
        "body",
        "caption",
        "annotations",
        "events",
    },
    "annotation": set(),
    "event": {"reports"},
    "source": {"article_count"},
    "topic": {"annotation_count"},
}


def own(resource: str, record: dict) -> dict:
    row = {name: value for name, value in record.items() if name not in DERIVED[resource]}
    if resource == "annotation":
        row["article"] = record["article"]["id"]
        row["topic"] = record["topic"]["slug"]
    return row


def export(client) -> dict[str, dict[str, dict]]:
    tables = {}
    for resource, (path, key) in LISTS.items():
        table, url = {}, f"{path}?page_size=200"
        while url:
            page = client.get(url).json()
            table.update({str(row[key]): own(resource, row) for row in page["results"]})
            url = page["next"]
        tables[resource] = table
    return tables


def follow(client, mirror: dict, since: str) -> str:
    url = f"/api/v1/changes/?since={since}&page_size=4"
    while True:
        page = client.get(url).json()
        for change in page["results"]:
            table = mirror[change["resource"]]
            if change["kind"] == "deleted":
                table.pop(change["key"], None)
                continue
            response = client.get(change["url"])
            if response.status_code == 404:  # gone since: its deletion follows
                table.pop(change["key"], None)
            else:
                table[change["key"]] = own(change["resource"], response.json())
        url = page["next"]
        if not page["has_more"]:
            return page["cursor"]


def edit_the_archive(corpus, tmp_path, seed_path):
    a, n = corpus.articles, corpus.annotations
    articles_set_status([Article.objects.get(pk=a["001"].pk)], Article.Status.PUBLISHED)
    annotation_set_status(Annotation.objects.get(pk=n["draft"].pk), by=SYSTEM, status=S.APPROVED)
    annotation_set_status(Annotation.objects.get(pk=n["mou"].pk), by=SYSTEM, status=S.REJECTED)
    annotation_set_status(Annotation.objects.get(pk=n["terror"].pk), by=SYSTEM, status=S.DRAFT)
    annotation_delete(Annotation.objects.get(pk=n["sdf"].pk), by=SYSTEM)
    article = Article.objects.get(pk=a["000"].pk)
    article.title = article.title + " (محدّث)"
    article.save()
    change_article_body(article, "تمهيد. " + article.body)  # every passage shifts
    articles_set_status([Article.objects.get(pk=a["002"].pk)], Article.Status.DRAFT)
    event = Event.objects.create(
        title="زيارة", kind=Event.Kind.VISIT, starts_on=dt.date(2025, 9, 2), place="دمشق"
    )
    EventReport.objects.create(event=event, article=a["003"])
    Event.objects.filter(pk=corpus.events["mou"].pk).update(place="أنقرة، تركيا")
    Event.objects.get(pk=corpus.events["sdf"].pk).delete()
    Topic.objects.create(slug="air-defence", name_ar="الدفاع الجوي", name_en="Air defence")
    topic = Topic.objects.get(slug="counter-terrorism")
    topic.name_en = "Counter-terrorism (CT)"
    topic.save()
    Source.objects.filter(slug="sana").update(name_en="SANA (Syrian Arab News Agency)")
    # The loader's bulk path: a new file, published on load, then deleted.
    copy = tmp_path / "900_new.txt"
    shutil.copy(seed_path("003"), copy)
    copy.write_text(copy.read_text(encoding="utf-8") + "\nفقرة أخيرة.\n", encoding="utf-8")
    assert load_article_files(article_paths([copy]), publish=True).failed == 0
    Article.objects.get(pk=a["004"].pk).delete()


@pytest.mark.parametrize("who", ["anon", "staff"])
def test_a_mirror_following_the_feed_ends_equal_to_a_fresh_export(
    request, who, corpus, tmp_path, seed_path
):
    client = request.getfixturevalue(who)
    cursor = latest(client)  # first the cursor, then the export: nothing falls between
    mirror = export(client)
    edit_the_archive(corpus, tmp_path, seed_path)
    cursor = follow(client, mirror, cursor)
    fresh = export(client)
    assert mirror == fresh
    # It changed: the export before the edits is not the export after.
    assert str(corpus.articles["004"].pk) not in fresh["article"]
    assert "air-defence" in fresh["topic"]
    # Following again from the cursor finds nothing new.
    assert follow(client, mirror, cursor) == cursor
    if who == "anon":
        assert str(corpus.articles["002"].pk) not in fresh["article"]
        assert str(corpus.annotations["draft"].pk) in fresh["annotation"]
        assert str(corpus.annotations["mou"].pk) not in fresh["annotation"]
    else:
        assert fresh["annotation"][str(corpus.annotations["mou"].pk)]["status"] == "rejected"
