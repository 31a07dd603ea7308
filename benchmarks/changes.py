"""Changes feed speed at a million changes, PostgreSQL only.

    .venv/bin/python benchmarks/changes.py [--changes 1000000] [--repeat 200] [--rebuild]

Fills (once; --rebuild to redo) the change log of its own database,
``archive_changes_bench`` on the server in BENCH_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432), with ``--changes`` rows in one INSERT …
SELECT (two in five public, the rest staff, but for a run of a fifth of them,
staff only, as a large load of drafts writes; the five resources and three
kinds in turn). Then it times pages of ``/api/v1/changes/`` through Django's
whole stack (in-process test client, middleware included; no network): the
first page, a page from a cursor in the middle, one across the staff-only run
and one near the end, for the public and for staff, at 100 and 1,000 rows, and
``since=latest``; for each, median and p95 latency and the number of SQL
queries the request ran. Then the page's query under EXPLAIN (ANALYZE,
BUFFERS), also as a prepared statement's generic plan: one range scan of the
public feed's own index on id, however many staff rows lie between. Last,
what the triggers cost a bulk write (``--write-rows`` events inserted, updated
and deleted in one statement each, with and without them).
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

from api.archive.views import changes_of  # noqa: E402
from archive import changes  # noqa: E402
from archive.models import Change, Event  # noqa: E402

FILL = """
INSERT INTO archive_change (audience, resource, object_id, "key", kind, "at")
SELECT CASE WHEN g %% 5 < 2 AND NOT g BETWEEN %(run_from)s AND %(run_to)s
            THEN 'public' ELSE 'staff' END,
       (ARRAY['article', 'annotation', 'event', 'source', 'topic'])[1 + (g / 5) %% 5],
       g / 25, (g / 25)::text,
       (ARRAY['created', 'updated', 'updated', 'deleted'])[1 + (g / 125) %% 4],
       now() - make_interval(secs => %(n)s - g)
FROM generate_series(1, %(n)s) AS g
"""


def fill(n: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE archive_change RESTART IDENTITY")
        cursor.execute(FILL, {"n": n, "run_from": n - n // 5, "run_to": n - 1000})
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
    parser.add_argument("--write-rows", type=int, default=20_000)
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
    before_run = (
        Change.objects.filter(audience="public", id__lt=args.changes - args.changes // 5)
        .order_by("-id")
        .values_list("id", flat=True)[0]
    )
    cases = [
        ("public, first page (100)", anon, "/api/v1/changes/"),
        ("public, middle cursor (100)", anon, f"/api/v1/changes/?since={middle_public}"),
        (
            f"public, across {args.changes // 5 - 1000:,} staff rows (100)",
            anon,
            f"/api/v1/changes/?since={before_run}",
        ),
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

    for label, since in (("the middle cursor", middle_public), ("before the run", before_run)):
        # The view's query, as it builds it.
        query = changes_of("public").filter(id__gte=since)
        sql, params = query.values_list("id", "resource", "object_id", "key", "kind", "at")[
            :102
        ].query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            plan = [row[0] for row in cursor.fetchall()]
        print(f"EXPLAIN (ANALYZE, BUFFERS) of a public page from {label}:")
        for line in plan:
            print("   ", line)
    # psycopg prepares a statement run five times: its generic plan, where the
    # cursor is a parameter, must use the index too.
    generic = sql.replace("%s", "$1", 1).replace("%s", "102", 1)
    with connection.cursor() as cursor:
        cursor.execute("SET plan_cache_mode = force_generic_plan")
        cursor.execute(f"PREPARE feed_page(bigint) AS {generic}")
        cursor.execute(f"EXPLAIN (ANALYZE) EXECUTE feed_page({before_run})")
        plan = [row[0] for row in cursor.fetchall()]
        cursor.execute("DEALLOCATE feed_page")
        cursor.execute("RESET plan_cache_mode")
    print("The same, prepared, with the generic plan (the cursor a parameter):")
    for line in plan:
        print("   ", line)
    write_cost(args.write_rows)


def write_cost(rows: int) -> None:
    """What logging costs a bulk write: ``rows`` events inserted, updated and
    deleted in one statement each, with the change-log triggers and without."""
    import datetime as dt

    def run() -> list[float]:
        times = []
        events = [
            Event(title=f"حدث {n}", starts_on=dt.date(2025, 1, 1) + dt.timedelta(days=n % 300))
            for n in range(rows)
        ]
        for step in (
            lambda: Event.objects.bulk_create(events, batch_size=1000),
            lambda: Event.objects.filter(title__startswith="حدث ").update(place="دمشق"),
            lambda: Event.objects.filter(title__startswith="حدث ")._raw_delete("default"),
        ):
            start = time.perf_counter()
            step()
            times.append(time.perf_counter() - start)
        return times

    logged, unlogged = [], []
    for _ in range(3):
        logged.append(run())
        changes.drop(connection)
        unlogged.append(run())
        changes.install(connection)
    print(f"\n| {rows:,} events, one statement each (median of 3) | logged s | not logged s |")
    print("|---|---|---|")
    for n, label in enumerate(("bulk insert", "update", "delete")):
        with_log = statistics.median(times[n] for times in logged)
        without = statistics.median(times[n] for times in unlogged)
        print(f"| {label} | {with_log:.3f} | {without:.3f} |")
    Change.objects.filter(resource="event").delete()


if __name__ == "__main__":
    main()
