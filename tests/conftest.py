"""Shared fixtures. PostgreSQL-only tests carry ``@pytest.mark.postgres`` and
are skipped, with that reason, on SQLite; CI runs the suite on both."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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
