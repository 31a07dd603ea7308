"""Changes feed speed at a million changes, PostgreSQL only.

    .venv/bin/python benchmarks/changes.py [--changes 1000000] [--repeat 200] [--rebuild]

Fills (once; --rebuild to redo) the change log of its own database,
``archive_changes_bench`` on the server in BENCH_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432), with ``--changes`` rows in one INSERT …
SELECT (two in five public, the rest staff; the five resources and three kinds
in turn), then times pages of ``/api/v1/changes/`` through Django's whole stack
(in-process test client, middleware included; no network): the first page, a
page from a cursor in the middle and one near the end, for the public and for
staff, at 100 and 1,000 rows, and ``since=latest``. For each: median and p95
latency, and the number of SQL queries the request ran. Then the page's query
with PostgreSQL's EXPLAIN (ANALYZE, BUFFERS): one range scan of the
(audience, id) index.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SERVER = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432")
DB_NAME = "archive_changes_bench"
os.environ["DATABASE_URL"] = f"{SERVER}/{DB_NAME}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")  # no throttling

import psycopg  # noqa: E402


def ensure_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


ensure_database()

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Permission, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from archive.models import Change  # noqa: E402

FILL = """
INSERT INTO archive_change (audience, resource, object_id, "key", kind, "at")
SELECT CASE WHEN g %% 5 < 2 THEN 'public' ELSE 'staff' END,
       (ARRAY['article', 'annotation', 'event', 'source', 'topic'])[1 + (g / 5) %% 5],
       g / 25, (g / 25)::text,
       (ARRAY['created', 'updated', 'updated', 'deleted'])[1 + (g / 125) %% 4],
       now() - make_interval(secs => %(n)s - g)
FROM generate_series(1, %(n)s) AS g
"""


def fill(n: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE archive_change RESTART IDENTITY")
        cursor.execute(FILL, {"n": n})
        cursor.execute("ANALYZE archive_change")


def staff_client() -> Client:
    user, _ = User.objects.get_or_create(username="bench-staff", defaults={"is_staff": True})
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["view_article", "view_annotation"])
    )
    client = Client()
    client.force_login(user)
    return client


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def cursor_at(audience: str, share: float) -> int:
    ids = Change.objects.filter(audience=audience).order_by("id").values_list("id", flat=True)
    count = Change.objects.filter(audience=audience).count()
    return ids[int(count * share)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    if args.rebuild or Change.objects.count() != args.changes:
        start = time.perf_counter()
        fill(args.changes)
        print(f"filled {args.changes:,} changes in {time.perf_counter() - start:.1f} s")
    public_rows = Change.objects.filter(audience="public").count()
    print(
        f"change log: {Change.objects.count():,} rows ({public_rows:,} public), "
        f"PostgreSQL {connection.pg_version // 10000}\n"
    )

    anon, staff = Client(), staff_client()
    middle_public, end_public = cursor_at("public", 0.5), cursor_at("public", 0.999)
    middle_staff = cursor_at("staff", 0.5)
    cases = [
        ("public, first page (100)", anon, "/api/v1/changes/"),
        ("public, middle cursor (100)", anon, f"/api/v1/changes/?since={middle_public}"),
        ("public, near the end (100)", anon, f"/api/v1/changes/?since={end_public}"),
        (
            "public, middle cursor (1,000)",
            anon,
            f"/api/v1/changes/?since={middle_public}&page_size=1000",
        ),
        ("staff, middle cursor (100)", staff, f"/api/v1/changes/?since={middle_staff}"),
        (
            "staff, middle cursor (1,000)",
            staff,
            f"/api/v1/changes/?since={middle_staff}&page_size=1000",
        ),
        ("public, since=latest", anon, "/api/v1/changes/?since=latest"),
    ]
    times: dict[str, list[float]] = {label: [] for label, _c, _u in cases}
    queries: dict[str, tuple[int, int]] = {}
    for label, client, url in cases:  # warm up, and count the queries
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (url, response.content[:200])
        feed = [q["sql"] for q in captured.captured_queries if "archive_change" in q["sql"]]
        queries[label] = (len(captured.captured_queries), len(feed))
    for _ in range(args.repeat):  # in turn, so that a drift of the machine touches all alike
        for label, client, url in cases:
            start = time.perf_counter()
            client.get(url)
            times[label].append((time.perf_counter() - start) * 1000)

    print(f"| page ({args.repeat} rounds) | median ms | p95 ms | SQL queries (feed / all) |")
    print("|---|---|---|---|")
    for label, _client, _url in cases:
        all_queries, feed_queries = queries[label]
        print(
            f"| {label} | {statistics.median(times[label]):.2f} | "
            f"{percentile(times[label], 0.95):.2f} | {feed_queries} / {all_queries} |"
        )
    print("\n(staff: the other queries read the session and the user's permissions)\n")

    query = Change.objects.filter(audience="public", id__gte=middle_public).order_by("id")
    sql, params = query.values_list("id", "resource", "object_id", "key", "kind", "at")[
        :102
    ].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        plan = [row[0] for row in cursor.fetchall()]
    print("EXPLAIN (ANALYZE, BUFFERS) of a public page from the middle cursor:")
    for line in plan:
        print("   ", line)


if __name__ == "__main__":
    main()
