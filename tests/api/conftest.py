"""The seeds as the API serves them: four published articles (000, 002, 003,
004) and one draft (001), with curated and uncurated annotations and events.

``hidden`` holds what the public must never see: the draft article, and a
suggestion, a rejected annotation, a draft annotation and an approved
annotation on the draft article."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from annotations.models import Annotation
from annotations.permissions import SYSTEM
from annotations.services import annotation_set_status
from archive.models import Article, Event, EventReport
from tests import factories


@dataclass
class Corpus:
    articles: dict[str, Article]
    annotations: dict[str, Annotation]
    events: dict[str, Event]
    hidden_article_ids: set[int] = field(default_factory=set)
    hidden_annotation_ids: set[int] = field(default_factory=set)
    hidden_event_ids: set[int] = field(default_factory=set)


def _annotate(article, topic, quote, status, note="", occurrence=0):
    annotation = factories.annotation_on(
        article, quote, topic, occurrence=occurrence, note=note, status=Annotation.Status.DRAFT
    )
    if status != Annotation.Status.DRAFT:
        annotation_set_status(annotation, status=status, by=SYSTEM)
    return annotation


@pytest.fixture
def corpus(loaded_seeds, topics) -> Corpus:
    seeds = loaded_seeds
    for number in ("000", "002", "003", "004"):
        seeds[number].status = Article.Status.PUBLISHED
        seeds[number].save()
    approved, S = Annotation.Status.APPROVED, Annotation.Status
    annotations = {
        "sdf": _annotate(
            seeds["000"],
            topics["sdf-integration"],
            "الخطاب الانفصالي",
            approved,
            note="Turkey calls the Hasakah conference's rhetoric separatist.",
        ),
        "mou": _annotate(
            seeds["002"], topics["training-mou"], "تفاهم مشتركة للتدريب والاستشارات", approved
        ),
        "terror": _annotate(seeds["004"], topics["counter-terrorism"], "مكافحة الإرهاب", approved),
        "suggested": _annotate(seeds["000"], topics["counter-terrorism"], "قسد", S.SUGGESTED),
        "rejected": _annotate(
            seeds["002"], topics["counter-terrorism"], "الجيش السوري", S.REJECTED
        ),
        "draft": _annotate(seeds["003"], topics["training-mou"], "وزير الدفاع", S.DRAFT),
        "on_draft_article": _annotate(seeds["001"], topics["counter-terrorism"], "داعش", approved),
    }
    mou = Event.objects.create(
        title="توقيع مذكرة التفاهم للتدريب والاستشارات العسكرية",
        title_en="Signing of the training and consultancy MoU",
        kind=Event.Kind.AGREEMENT,
        starts_on=dt.date(2025, 8, 13),
        place="أنقرة",
    )
    EventReport.objects.create(event=mou, article=seeds["000"], reported_date=dt.date(2025, 8, 13))
    EventReport.objects.create(
        event=mou,
        article=seeds["002"],
        reported_date=dt.date(2025, 8, 13),
        reported_date_text="13 آب",
    )
    EventReport.objects.create(event=mou, article=seeds["001"], reported_date_text="اليوم الأربعاء")
    sdf = Event.objects.create(
        title="اتفاق اندماج قسد في مؤسسات الدولة السورية",
        title_en="SDF integration agreement",
        kind=Event.Kind.AGREEMENT,
        starts_on=dt.date(2025, 3, 10),
        place="دمشق",
    )
    EventReport.objects.create(
        event=sdf,
        article=seeds["001"],
        reported_date=dt.date(2025, 3, 10),
        reported_date_text="10 آذار",
    )
    # A grouping the archive suggested: no one confirmed it, so the public never sees it.
    suggested = Event.objects.create(
        title="لقاء وزيري الدفاع",
        title_en="Meeting of the defence ministers",
        kind=Event.Kind.MEETING,
        starts_on=dt.date(2025, 8, 13),
        status=Event.Status.SUGGESTED,
    )
    EventReport.objects.create(
        event=suggested, article=seeds["002"], reported_date=dt.date(2025, 8, 13)
    )
    return Corpus(
        articles=seeds,
        annotations=annotations,
        events={"mou": mou, "sdf": sdf, "suggested": suggested},
        hidden_event_ids={sdf.pk, suggested.pk},
        hidden_article_ids={seeds["001"].pk},
        hidden_annotation_ids={
            annotations[key].pk for key in ("suggested", "rejected", "draft", "on_draft_article")
        },
    )


@pytest.fixture
def anon() -> APIClient:
    return factories.api_client()


@pytest.fixture
def staff_user(db) -> User:
    return factories.user_with(
        "staff",
        "view_article",
        "view_annotation",
        "add_annotation",
        "change_annotation",
        "delete_annotation",
        "review_annotation",
    )


@pytest.fixture
def staff(staff_user) -> APIClient:
    return factories.api_client(staff_user)


@pytest.fixture
def reader(db) -> APIClient:
    """Logged in, but neither staff nor allowed to write: sees what the public sees."""
    return factories.api_client(factories.user("reader", is_staff=False))


@pytest.fixture
def annotation_body(corpus):
    """A body to POST to /api/v1/annotations/: the ``sdf-integration`` annotation
    of "الخطاب الانفصالي" in article 000, with ``changes`` over it."""

    def make(**changes) -> dict:
        article = corpus.articles["000"]
        quote = "الخطاب الانفصالي"
        start = article.body.index(quote)
        body = {
            "article": article.pk,
            "topic": "sdf-integration",
            "start": start,
            "end": start + len(quote),
            "quote": quote,
        }
        return {**body, **changes}

    return make


@pytest.fixture
def corpus_for_schemathesis(request, db):
    """The seed corpus, built once per schemathesis operation (not per example).

    Schemathesis calls the WSGI application itself, whose request signals would
    close the database connection inside the test's transaction (fatal on
    PostgreSQL); Django's test client disconnects them the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield request.getfixturevalue("corpus")
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
