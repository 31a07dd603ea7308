"""What the archive sets on a PostgreSQL connection (``archive.postgres``):
timestamps read by psycopg's C loader, the same instants in UTC that Django's
loader gave; nothing changed on other databases or zones."""

from __future__ import annotations

import datetime
import zoneinfo

import psycopg
import pytest
from django.db import connection
from psycopg.pq import Format
from psycopg.types.datetime import TimestamptzLoader as PythonTimestamptzLoader

from archive import postgres
from archive.models import Article
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.postgres
def test_a_connection_reads_timestamps_with_psycopgs_c_loader():
    connection.ensure_connection()
    registered = connection.connection.adapters.get_loader(postgres.TIMESTAMPTZ_OID, Format.TEXT)
    assert registered is postgres.UTCTimestampLoader
    # The lock installs psycopg's C implementation, whose loader this is.
    assert psycopg.pq.__impl__ == "binary"
    made = registered(postgres.TIMESTAMPTZ_OID, connection.connection)
    assert type(made) is not PythonTimestamptzLoader
    assert type(made).__module__.startswith("psycopg_binary")


@pytest.mark.postgres
def test_timestamps_read_are_the_instants_in_utc():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT '2025-08-13 13:51:00.123456+03'::timestamptz, "
            "'1969-12-31 23:59:59+05:30'::timestamptz, NULL::timestamptz"
        )
        summer, before_epoch, missing = cursor.fetchone()
    assert summer == datetime.datetime(2025, 8, 13, 10, 51, 0, 123456, tzinfo=datetime.UTC)
    assert summer.tzinfo is datetime.UTC
    assert before_epoch == datetime.datetime(1969, 12, 31, 18, 29, 59, tzinfo=datetime.UTC)
    assert before_epoch.tzinfo is datetime.UTC
    assert missing is None


@pytest.mark.postgres
def test_a_model_reads_back_the_instant_it_saved():
    article = factories.article("نص المقال عن التدريب المشترك.")
    saved = datetime.datetime(
        2025, 3, 1, 21, 15, 7, 654321, tzinfo=zoneinfo.ZoneInfo("Asia/Damascus")
    )
    Article.objects.filter(pk=article.pk).update(updated_at=saved)
    read = Article.objects.values_list("updated_at", flat=True).get(pk=article.pk)
    assert read == saved
    assert read == datetime.datetime(2025, 3, 1, 18, 15, 7, 654321, tzinfo=datetime.UTC)
    assert read.tzinfo is datetime.UTC


class Untouchable:
    """A connection the receiver must leave alone: reading its driver
    connection fails the test."""

    def __init__(self, vendor: str, timezone):
        self.vendor = vendor
        self.timezone = timezone

    @property
    def connection(self):
        raise AssertionError("the receiver touched a connection it should leave alone")


def test_other_databases_and_zones_keep_djangos_loader():
    postgres.load_timestamps_in_c(None, Untouchable("sqlite", datetime.UTC))
    postgres.load_timestamps_in_c(
        None, Untouchable("postgresql", zoneinfo.ZoneInfo("Asia/Damascus"))
    )


def test_without_psycopgs_c_implementation_djangos_loader_stays(monkeypatch):
    monkeypatch.setattr(postgres, "PSYCOPG_LOADER", PythonTimestamptzLoader)
    postgres.load_timestamps_in_c(None, Untouchable("postgresql", datetime.UTC))
