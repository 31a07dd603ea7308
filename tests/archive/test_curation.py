"""The curation policy (``archive.curation``): which viewer a user is, and
what each kind of viewer sees of every curated model."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser, User

from actors.models import Actor, Mention
from agreement.models import Assignment
from annotations import selectors as annotation_selectors
from annotations.models import Annotation, Topic
from archive import curation, selectors
from archive.curation import PUBLIC_VIEWER, Viewer
from archive.events import event_refresh
from archive.models import Article, ArticleSource, Event, EventReport, Source, Story
from tests import factories

pytestmark = pytest.mark.django_db

BODY = "وقّع وزير الدفاع مذكرة تفاهم في أنقرة مع قسد."


class World:
    """Two articles, published and draft, each with an annotation of every
    status, a mention of every status, a source of its own and a report of a
    confirmed and of a suggested event; one story holding both."""

    def __init__(self):
        topic = Topic.objects.get(slug="training-mou")
        self.story = Story.objects.create()
        self.published = factories.article(
            BODY, title="مقال 1", status=Article.Status.PUBLISHED, story=self.story
        )
        self.draft = factories.article(
            BODY, title="مقال 2", status=Article.Status.DRAFT, story=self.story
        )
        actor = Actor.objects.create(slug="qasad", kind="armed_group", name_ar="قسد")
        self.annotations, self.mentions, self.sources = {}, {}, {}
        for a in (self.published, self.draft):
            for status in Annotation.Status.values:
                self.annotations[a.status, status] = Annotation.objects.create(
                    article=a, topic=topic, start=0, end=4, quote="وقّع", status=status
                )
            for i, status in enumerate(Mention.Status.values):  # overlapping, as candidates do
                self.mentions[a.status, status] = Mention.objects.create(
                    article=a,
                    actor=actor,
                    start=41 - i,
                    end=44,
                    quote=BODY[41 - i : 44],
                    status=status,
                )
            Mention.objects.create(article=a, start=40, end=45, quote=BODY[40:45])  # ambiguous
            source = Source.objects.create(slug=f"source-{a.status}", name=f"مصدر {a.status}")
            ArticleSource.objects.create(article=a, source=source, role="cited")
            self.sources[a.status] = source
        self.events = {}
        for status in Event.Status.values:
            event = Event.objects.create(
                title=status,
                kind=Event.Kind.AGREEMENT,
                starts_on=dt.date(2025, 8, 13),
                status=status,
            )
            for a in (self.published, self.draft):
                EventReport.objects.create(event=event, article=a)
            event_refresh(event)
            self.events[status] = event
        # An event reported by the draft alone: confirmed, yet not public.
        self.events["draft-only"] = event = Event.objects.create(
            title="draft-only", kind=Event.Kind.MEETING, starts_on=dt.date(2025, 8, 14)
        )
        EventReport.objects.create(event=event, article=self.draft)
        event_refresh(event)

    def annotation_keys(self, viewer) -> set[tuple[str, str]]:
        seen = set(Annotation.objects.visible_to(viewer).values_list("pk", flat=True))
        return {key for key, a in self.annotations.items() if a.pk in seen}

    def mention_keys(self, viewer) -> set[tuple[str, str]]:
        seen = set(Mention.objects.visible_to(viewer).values_list("pk", flat=True))
        return {key for key, m in self.mentions.items() if m.pk in seen}

    def event_keys(self, viewer) -> set[str]:
        seen = set(Event.objects.visible_to(viewer).values_list("pk", flat=True))
        return {key for key, e in self.events.items() if e.pk in seen}

    def report_keys(self, viewer) -> set[tuple[str, str]]:
        rows = EventReport.objects.visible_to(viewer).values_list("event__title", "article__status")
        return set(rows)


@pytest.fixture
def world(db) -> World:
    return World()


P, D = Article.Status.PUBLISHED, Article.Status.DRAFT


def viewers() -> dict[str, Viewer]:
    """Every kind of viewer the policy tells apart, from real users."""
    return {
        "anonymous": Viewer.of(AnonymousUser()),
        "reader": Viewer.of(
            factories.user_with("reader", "view_article", "view_annotation", is_staff=False)
        ),
        "inactive staff": Viewer.of(factories.user_with("gone", "view_article", is_active=False)),
        "staff without drafts": Viewer.of(
            factories.user_with("no-drafts", "view_annotation", "view_event", "view_mention")
        ),
        "drafts only": Viewer.of(factories.user_with("drafts", "view_article")),
        "every annotation": Viewer.of(
            factories.user_with("annotations", "view_article", "view_annotation")
        ),
        "everything": Viewer.of(
            factories.user_with(
                "all",
                "view_article",
                "view_annotation",
                "view_event",
                "view_mention",
                "view_source",
            )
        ),
    }


def test_the_public_statuses_are_the_models():
    assert curation.PUBLISHED == Article.Status.PUBLISHED
    assert curation.APPROVED == Annotation.Status.APPROVED
    assert curation.CONFIRMED == Event.Status.CONFIRMED == Mention.Status.CONFIRMED
    assert curation.REJECTED == Mention.Status.REJECTED


def test_who_is_which_viewer(db):
    kinds = viewers()
    assert kinds["anonymous"] is PUBLIC_VIEWER
    for name in ("reader", "inactive staff"):
        assert kinds[name] == PUBLIC_VIEWER, name
        assert kinds[name].key == ((), None)
    assert kinds["staff without drafts"].key == (
        (
            "annotation",
            "event",
            "mention",
        ),
        None,
    )
    assert kinds["drafts only"].key == (("article",), None)
    assert kinds["everything"].key == (("annotation", "article", "event", "mention"), None)
    assert [name for name, v in kinds.items() if v.follows_everything] == [
        "every annotation",
        "everything",
    ]
    # Equal permissions, equal class: the caches share one queryset.
    assert Viewer.of(factories.user_with("drafts-2", "view_article")) == kinds["drafts only"]


def test_the_viewer_is_asked_once_per_user_object(db, django_assert_num_queries):
    user = factories.user_with("editor", "view_article")
    with django_assert_num_queries(3):  # permissions (user's, groups'), open assignments
        first = Viewer.of(user)
    with django_assert_num_queries(0):
        assert Viewer.of(user) is first
        assert Viewer.of(first) is first


def test_articles_sources_and_stories(world):
    for name, viewer in viewers().items():
        drafts = name in ("drafts only", "every annotation", "everything")
        statuses = set(Article.objects.visible_to(viewer).values_list("status", flat=True))
        assert statuses == ({P, D} if drafts else {P}), name
        slugs = set(Source.objects.visible_to(viewer).values_list("slug", flat=True))
        assert slugs == ({"source-published", "source-draft"} if drafts else {"source-published"})
        counts = dict(
            Source.objects.visible_to(viewer)
            .with_article_count(viewer)
            .values_list("slug", "article_count")
        )
        assert counts["source-published"] == 1, name
        (story,) = Story.objects.visible_to(viewer)
        assert story.copies == (2 if drafts else 1), name


def test_annotations(world):
    public = {(P, "approved")}
    expected = {
        "anonymous": public,
        "reader": public,
        "inactive staff": public,
        "staff without drafts": public,
        "drafts only": public,  # a draft's annotations are not curated
        "every annotation": set(world.annotations),
        "everything": set(world.annotations),
    }
    for name, viewer in viewers().items():
        assert world.annotation_keys(viewer) == expected[name], name
        counts = dict(
            Topic.objects.with_annotation_count(viewer).values_list("slug", "annotation_count")
        )
        assert counts["training-mou"] == len(expected[name]), name


def test_annotations_on_articles_known_visible(world):
    """The same rows when the caller has already narrowed to visible articles."""
    for name, viewer in viewers().items():
        articles = Article.objects.visible_to(viewer).values("pk")
        fast = Annotation.objects.filter(article__in=articles).visible_to(
            viewer, articles_visible=True
        )
        assert set(fast) == set(Annotation.objects.visible_to(viewer)), name


def test_mentions(world):
    confirmed = {(P, "confirmed"), (D, "confirmed")}
    expected = {
        "anonymous": {(P, "confirmed")},
        "reader": {(P, "confirmed")},
        "inactive staff": {(P, "confirmed")},
        "staff without drafts": {(P, "confirmed")},
        "drafts only": confirmed,
        "every annotation": confirmed,
        "everything": {key for key in world.mentions if key[1] != "rejected"},
    }
    for name, viewer in viewers().items():
        assert world.mention_keys(viewer) == expected[name], name
        assert not Mention.objects.visible_to(viewer).filter(actor=None).exists()


def test_events_and_reports(world):
    public_reports = {("confirmed", P)}
    expected = {
        "anonymous": ({"confirmed"}, public_reports),
        "drafts only": ({"confirmed"}, {("confirmed", P), ("confirmed", D), ("draft-only", D)}),
        "everything": (
            set(world.events),
            {(e, a) for e in ("confirmed", "suggested") for a in (P, D)} | {("draft-only", D)},
        ),
    }
    for name in ("reader", "inactive staff", "staff without drafts"):
        expected[name] = expected["anonymous"]
    expected["every annotation"] = expected["drafts only"]
    for name, viewer in viewers().items():
        events, reports = expected[name]
        assert world.event_keys(viewer) == events, name
        assert world.report_keys(viewer) == reports, name


def test_event_is_public():
    assert curation.event_is_public("confirmed", ["draft", "published"])
    assert not curation.event_is_public("confirmed", ["draft"])
    assert not curation.event_is_public("suggested", ["published"])


def test_an_open_assignment_hides_colleagues_passages(world):
    editor = factories.user_with("amal", "view_article", "view_annotation")
    assignment = Assignment.objects.create(title="جولة", created_by=editor)
    assignment.articles.add(world.published)
    assignment.editors.add(editor)
    viewer = Viewer.of(User.objects.get(pk=editor.pk))
    assert viewer.key == (("annotation", "article"), editor.pk)
    assert not viewer.follows_everything and not viewer.sees_only_public("annotation")
    seen = world.annotation_keys(viewer)
    assert seen == {key for key in world.annotations if key[0] == D}
    mine = Annotation.objects.create(
        article=world.published,
        topic=Topic.objects.get(slug="training-mou"),
        start=0,
        end=4,
        quote="وقّع",
        status="draft",
        created_by=editor,
    )
    assert mine in Annotation.objects.visible_to(viewer)


def test_built_once_keys_by_the_whole_curation_class(world):
    """Staff who may view drafts and annotations but not events share no
    cached article detail with those who may: the suggested event's report
    reaches only the latter."""
    without = Viewer.of(factories.user_with("no-events", "view_article", "view_annotation"))
    with_events = Viewer.of(
        factories.user_with("events", "view_article", "view_annotation", "view_event")
    )
    for viewer, titles in ((without, ["confirmed"]), (with_events, ["suggested", "confirmed"])):
        row = annotation_selectors.article_detail(viewer=viewer).get(pk=world.published.pk)
        assert [e["title"] for e in selectors.event_items(row["events_json"])] == titles
    assert without.key != with_events.key
