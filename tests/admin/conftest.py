"""Users in the real groups (made by migration 0003), logged-in clients, and a
small article whose body has an emoji before the passages."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from annotations.models import Annotation
from archive.models import Article
from tests import factories

EMOJI_BODY = (
    "🇹🇷 أنقرة تدعم دمشق.\n\n"
    "وقّع غولر ووزير الدفاع السوري مذكرة تفاهم للتدريب والمشورات العسكرية المشتركة."
)


@pytest.fixture
def editor(db) -> User:
    return factories.user("editor", "Editors")


@pytest.fixture
def other_editor(db) -> User:
    return factories.user("editor2", "Editors")


@pytest.fixture
def reviewer(db) -> User:
    return factories.user("reviewer", "Editors", "Reviewers")


@pytest.fixture
def editor_client(editor) -> Client:
    return factories.client(editor)


@pytest.fixture
def other_editor_client(other_editor) -> Client:
    return factories.client(other_editor)


@pytest.fixture
def reviewer_client(reviewer) -> Client:
    return factories.client(reviewer)


@pytest.fixture
def emoji_article(db) -> Article:
    return factories.article(EMOJI_BODY, title="مذكرة تفاهم")


@pytest.fixture
def make_annotation(topics):
    def make(article: Article, phrase: str, *, topic="training-mou", **kwargs) -> Annotation:
        return factories.annotation_on(article, phrase, topics[topic], **kwargs)

    return make
