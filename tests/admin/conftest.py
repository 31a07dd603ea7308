"""Users in the real groups (made by migration 0003), logged-in clients, and a
small article whose body has an emoji before the passages."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from annotations.models import Annotation
from annotations.permissions import SYSTEM
from annotations.services import annotation_create
from archive.models import Article

EMOJI_BODY = (
    "🇹🇷 أنقرة تدعم دمشق.\n\n"
    "وقّع غولر ووزير الدفاع السوري مذكرة تفاهم للتدريب والمشورات العسكرية المشتركة."
)


def _user(username: str, *groups: str) -> User:
    user = User.objects.create_user(username=username, password="pw", is_staff=True)
    user.groups.set(Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def editor(db) -> User:
    return _user("editor", "Editors")


@pytest.fixture
def other_editor(db) -> User:
    return _user("editor2", "Editors")


@pytest.fixture
def reviewer(db) -> User:
    return _user("reviewer", "Editors", "Reviewers")


def _client(user: User) -> Client:
    # The admin defaults to Arabic; these tests read the English messages.
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor) -> Client:
    return _client(editor)


@pytest.fixture
def other_editor_client(other_editor) -> Client:
    return _client(other_editor)


@pytest.fixture
def reviewer_client(reviewer) -> Client:
    return _client(reviewer)


@pytest.fixture
def emoji_article(db) -> Article:
    return Article.objects.create(
        title="مذكرة تفاهم",
        body=EMOJI_BODY,
        raw_text=EMOJI_BODY,
        source_file="900_emoji.txt",
        content_hash="0" * 64,
    )


@pytest.fixture
def make_annotation(topics):
    def make(article: Article, phrase: str, *, topic="training-mou", **kwargs) -> Annotation:
        start = article.body.index(phrase)
        return annotation_create(
            by=SYSTEM,
            article=article,
            topic=topics[topic],
            start=start,
            end=start + len(phrase),
            quote=phrase,
            **kwargs,
        )

    return make
