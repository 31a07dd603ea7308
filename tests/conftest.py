"""Shared fixtures: the seeds, topics, users in the real groups (made by
migration 0003) with logged-in clients, and a small article whose body has an
emoji before the passages. PostgreSQL-only tests carry ``@pytest.mark.postgres``
and are skipped, with that reason, on SQLite; CI runs the suite on both."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # imported lazily, so the pure parser tests run with -p no:django
    from django.contrib.auth.models import User
    from django.test import Client

    from annotations.models import Annotation
    from archive.models import Article

SEEDS_DIR = Path(__file__).resolve().parents[1] / "seeds"
CHROMIUM = "/usr/bin/chromium"


def pytest_collection_modifyitems(config, items):
    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.db import connection

        on_postgres = connection.vendor == "postgresql"
    except ImproperlyConfigured:  # run with -p no:django (the pure parser tests)
        on_postgres = False
    has_chromium = shutil.which(CHROMIUM) is not None
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(
                pytest.mark.skip(reason="needs PostgreSQL: run with DATABASE_URL set (CI does)")
            )
        if "browser" in item.keywords and not has_chromium:
            item.add_marker(
                pytest.mark.skip(
                    reason=f"needs Debian's chromium at {CHROMIUM} (apt-get install chromium)"
                )
            )


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS_DIR


@pytest.fixture
def seed_path():
    def find(number: str) -> Path:
        (path,) = SEEDS_DIR.glob(f"{number}_*.txt")
        return path

    return find


@pytest.fixture
def loaded_seeds(db):
    """The five seed articles, loaded (as drafts) through the real loader."""
    from archive.loading import article_paths, load_article_files
    from archive.models import Article

    summary = load_article_files(article_paths([SEEDS_DIR]))
    assert summary.failed == 0
    return {article.source_file[:3]: article for article in Article.objects.all()}


@pytest.fixture
def topics(db):
    from annotations.models import Topic

    return {topic.slug: topic for topic in Topic.objects.all()}


@pytest.fixture
def make_staff(db):
    """A staff account in the named groups ("Editors", "Reviewers", made by
    the migrations): the kind of user the editorial policy lets write."""
    from tests import factories

    return factories.user


@pytest.fixture
def staff_viewer(db):
    """A staff member who may see every article, annotation, event and mention."""
    from archive.curation import Viewer
    from tests import factories

    return Viewer.of(
        factories.user_with("all", "view_article", "view_annotation", "view_event", "view_mention")
    )


EMOJI_BODY = (
    "🇹🇷 أنقرة تدعم دمشق.\n\n"
    "وقّع غولر ووزير الدفاع السوري مذكرة تفاهم للتدريب والمشورات العسكرية المشتركة."
)


@pytest.fixture
def editor(db) -> User:
    from tests import factories

    return factories.user("editor", "Editors")


@pytest.fixture
def other_editor(db) -> User:
    from tests import factories

    return factories.user("editor2", "Editors")


@pytest.fixture
def reviewer(db) -> User:
    from tests import factories

    return factories.user("reviewer", "Editors", "Reviewers")


@pytest.fixture
def editor_client(editor) -> Client:
    from tests import factories

    return factories.client(editor)


@pytest.fixture
def other_editor_client(other_editor) -> Client:
    from tests import factories

    return factories.client(other_editor)


@pytest.fixture
def reviewer_client(reviewer) -> Client:
    from tests import factories

    return factories.client(reviewer)


@pytest.fixture
def emoji_article(db) -> Article:
    from tests import factories

    return factories.article(EMOJI_BODY, title="مذكرة تفاهم")


@pytest.fixture
def make_annotation(topics):
    from tests import factories

    def make(article: Article, phrase: str, *, topic="training-mou", **kwargs) -> Annotation:
        return factories.annotation_on(article, phrase, topics[topic], **kwargs)

    return make
