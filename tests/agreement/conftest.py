"""Two editors, a third, a reviewer (in the real groups), a short synthetic
article, and helpers to annotate it and to assign it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils import translation

from agreement.services import assignment_create
from annotations.models import Annotation
from annotations.permissions import SYSTEM
from annotations.services import annotation_create
from archive.models import Article


@pytest.fixture(autouse=True)
def english():
    """The services' messages are asserted in English (Arabic is the default);
    the language active before is restored after."""
    with translation.override("en"):
        yield


BODY = (
    "أعلنت وزارة الدفاع التركية توقيع مذكرة تفاهم للتدريب مع دمشق.\n\n"
    "ودعت أنقرة قوات سوريا الديمقراطية إلى الاندماج في مؤسسات الدولة السورية."
)


def _user(username: str, *groups: str) -> User:
    user = User.objects.create_user(username=username, password="pw", is_staff=True)
    user.groups.set(Group.objects.filter(name__in=groups))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def amal(db) -> User:
    return _user("amal", "Editors")


@pytest.fixture
def bashir(db) -> User:
    return _user("bashir", "Editors")


@pytest.fixture
def carim(db) -> User:
    return _user("carim", "Editors")


@pytest.fixture
def reviewer(db) -> User:
    return _user("rania", "Editors", "Reviewers")


def make_client(user: User) -> Client:
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


def make_article(title="مذكرة تفاهم", body=BODY, number=1, **kwargs) -> Article:
    return Article.objects.create(
        title=title,
        body=body,
        raw_text=body,
        source_file=f"9{number:02d}_agreement.txt",
        content_hash=f"{number:064d}",
        **kwargs,
    )


@pytest.fixture
def article(db) -> Article:
    return make_article()


@pytest.fixture
def annotate(topics):
    def annotate(article: Article, phrase: str, user, topic="training-mou", **kwargs):
        start = article.body.index(phrase)
        return annotation_create(
            by=SYSTEM,
            article=article,
            topic=topics[topic],
            start=start,
            end=start + len(phrase),
            quote=phrase,
            created_by=user,
            status=kwargs.pop("status", Annotation.Status.DRAFT),
            **kwargs,
        )

    return annotate


@pytest.fixture
def assignment(article, amal, bashir, reviewer):
    return assignment_create(
        title="MoU coverage", articles=[article], editors=[amal, bashir], created_by=reviewer
    )
