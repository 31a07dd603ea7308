"""``manage.py prune_changes``: the retention from the settings or ``--days``,
a dry run that only counts, and a retention under a day refused."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from archive.models import Change
from tests import factories

pytestmark = pytest.mark.django_db


def prune(*args) -> str:
    out = StringIO()
    call_command("prune_changes", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def old_changes():
    """Three draft articles' changes, 40 days old: three rows in the staff
    log (none public); all but the newest may go."""
    factories.article("نص أول.")
    factories.article("نص ثان.")
    factories.article("نص ثالث.")
    Change.objects.update(at=timezone.now() - dt.timedelta(days=40))
    return Change.objects.count()


def test_a_dry_run_counts_and_deletes_nothing(old_changes, settings):
    settings.ARCHIVE_CHANGES_RETENTION_DAYS = 30
    out = prune("--dry-run")
    assert out.startswith(f"would delete {old_changes - 1} changes from before ")
    assert Change.objects.count() == old_changes


def test_it_deletes_what_is_older_than_the_retention(old_changes, settings):
    settings.ARCHIVE_CHANGES_RETENTION_DAYS = 30
    before = timezone.now() - dt.timedelta(days=30)
    out = prune()
    stated = dt.datetime.strptime(out.split("from before ")[1].strip(), "%Y-%m-%dT%H:%M:%SZ")
    assert abs(stated.replace(tzinfo=dt.UTC) - before) < dt.timedelta(minutes=1)
    assert out.startswith(f"deleted {old_changes - 1} changes")
    assert Change.objects.count() == 1


def test_days_given_override_the_setting(old_changes, settings):
    settings.ARCHIVE_CHANGES_RETENTION_DAYS = 30
    assert prune("--days", "60").startswith("deleted 0 changes")
    assert Change.objects.count() == old_changes


def test_less_than_a_day_is_refused(db):
    with pytest.raises(CommandError, match=r"^--days: must be at least 1 \(got 0\)$"):
        prune("--days", "0")
