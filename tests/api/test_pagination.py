"""``api.pagination.count_rows``: a list's count, exact when small, PostgreSQL's
estimate when large, and which of the two it is."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api import pagination
from archive.models import Article
from archive.search import where_sql
from tests import factories


@pytest.fixture(autouse=True)
def no_kept_estimates():
    pagination.forget_estimates()
    yield
    pagination.forget_estimates()


@pytest.fixture
def twelve(db):
    for number in range(12):
        factories.article(f"نص المقال رقم {number}.", title=f"مقال {number}")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE archive_article")
    return Article.objects.all()


def test_a_small_list_is_counted_exactly(twelve):
    assert pagination.count_rows(twelve) == (12, False)
    assert pagination.count_rows(twelve.filter(title="مقال 3")) == (1, False)


@pytest.mark.postgres
def test_a_list_estimated_over_the_threshold_gives_the_estimate(twelve, monkeypatch):
    monkeypatch.setattr(pagination, "EXACT_COUNT_BELOW", 10)
    # After ANALYZE the planner knows the table holds 12 rows.
    assert pagination.count_rows(twelve) == (12, True)


@pytest.mark.postgres
def test_a_list_estimated_under_the_threshold_is_counted_no_further_than_it(twelve, monkeypatch):
    monkeypatch.setattr(pagination, "EXACT_COUNT_BELOW", 8)
    # The planner guesses a third of the rows for a condition it cannot read
    # (4 of 12): under the threshold, so the list is counted, up to 8 rows.
    opaque = where_sql(twelve, "random() < 2", [])
    assert pagination.count_rows(opaque) == (8, True)
    monkeypatch.setattr(pagination, "EXACT_COUNT_BELOW", 13)
    assert pagination.count_rows(opaque) == (12, False)


@pytest.mark.postgres
def test_an_estimate_is_kept_for_the_pages_of_a_list_then_asked_again(twelve, monkeypatch):
    monkeypatch.setattr(pagination, "EXACT_COUNT_BELOW", 10)
    assert pagination.count_rows(twelve) == (12, True)
    factories.article("مقال آخر.", title="مقال 13")
    with CaptureQueriesContext(connection) as queries:
        assert pagination.count_rows(twelve) == (12, True)  # kept: no EXPLAIN
    assert len(queries) == 0
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE archive_article")
    now = pagination.time.monotonic()
    monkeypatch.setattr(pagination.time, "monotonic", lambda: now + pagination.ESTIMATE_SECONDS)
    with CaptureQueriesContext(connection) as queries:
        assert pagination.count_rows(twelve) == (13, True)
    assert [query["sql"][:7] for query in queries] == ["EXPLAIN"]
    # An exact count is never kept.
    monkeypatch.setattr(pagination, "EXACT_COUNT_BELOW", 1000)
    with CaptureQueriesContext(connection) as queries:
        assert pagination.count_rows(twelve) == (13, False)
        assert pagination.count_rows(twelve) == (13, False)
    assert len(queries) == 4  # EXPLAIN and COUNT, twice


@pytest.mark.postgres
def test_the_pages_of_a_list_find_its_kept_estimate_without_compiling_the_count(
    db, monkeypatch, client
):
    for number in range(3):
        factories.article(f"نص {number}.", title=f"منشور {number}", status=Article.Status.PUBLISHED)
    # Any estimate is over the threshold (the planner never estimates 0 rows).
    monkeypatch.setattr(pagination, "EXACT_COUNT_BELOW", 1)
    compiled = []
    planner_view = pagination.search.planner_view
    monkeypatch.setattr(
        pagination.search, "planner_view", lambda qs: compiled.append(1) or planner_view(qs)
    )
    first = client.get("/api/v1/articles/?page_size=1&ordering=id")
    assert first.status_code == 200 and first.json()["count_is_estimate"] is True
    assert len(compiled) == 1
    second = client.get(first.json()["next"])
    assert second.status_code == 200 and second.json()["count"] == first.json()["count"]
    assert len(compiled) == 1  # the same list: its kept estimate, found by the request
    client.get("/api/v1/articles/?page_size=1&ordering=-id")
    assert len(compiled) == 2  # another list (its parameters differ)
