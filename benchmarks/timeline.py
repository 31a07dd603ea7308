"""Server time of the editors' timeline page with 5,000 events, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive .venv/bin/python benchmarks/timeline.py

Builds, in a throwaway test database next to the one DATABASE_URL names, 300
articles and 5,000 events over two years (a fifth of them conflicting), each
reported by one to four articles with the dates they give (days, months, some
without a year); then times (median of several requests through
``django.test.Client``, logged in as an editor) the timeline page: all of it,
one kind, three months by day. Target: under 300 ms. Also the API's timeline
rows, for comparison. The data is bulk-inserted.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

EVENTS = 5_000
ARTICLES = 300
REPEAT = 7
TARGET_MS = 300


def main() -> int:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print(
            "benchmarks/timeline.py needs PostgreSQL: set DATABASE_URL, e.g.\n"
            "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive "
            ".venv/bin/python benchmarks/timeline.py",
            file=sys.stderr,
        )
        return 2
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        user = build()
        rows = measure(user)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"\n{'page':<44} {'median ms':>10} {'target':>8} {'KiB':>7}")
    print("-" * 72)
    for name, median, size, target in rows:
        print(
            f"{name:<44} {median:>10.1f} {f'< {target}' if target else '':>8} {size / 1024:>7.0f}"
        )
    return 0 if all(median <= (target or 10**9) for _n, median, _s, target in rows) else 1


def build():
    from django.contrib.auth.models import Group, User
    from django.db import connection, transaction

    from archive.models import Article, Event, EventReport, last_day

    rng = random.Random(5)
    editor = User.objects.create_user("bench-editor", password="x", is_staff=True)
    editor.groups.set([Group.objects.get(name="Editors")])
    started = time.perf_counter()
    kinds = Event.Kind.values
    with transaction.atomic():
        articles = Article.objects.bulk_create(
            Article(
                title=f"مقال رقم {n}",
                body="نص",
                raw_text="نص",
                source_file=f"{n:06d}_bench.txt",
                content_hash="0" * 64,
                status="published" if n % 5 else "draft",
                published_on=dt.date(2024, 1, 1) + dt.timedelta(days=n * 2),
            )
            for n in range(ARTICLES)
        )
        events, plans = [], []
        for n in range(EVENTS):
            day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(730))
            conflicting = n % 5 == 0
            end = day + dt.timedelta(days=2) if conflicting else None
            events.append(
                Event(
                    title=f"حدث رقم {n}",
                    title_en=f"Event {n}",
                    kind=kinds[n % len(kinds)],
                    starts_on=day,
                    ends_on=end,
                    latest_on=last_day(day, end, "day"),
                    status="confirmed" if n % 3 else "suggested",
                    conflicting=conflicting,
                    is_public=bool(n % 3),
                )
            )
            plans.append((day, conflicting))
        events = Event.objects.bulk_create(events)
        reports = []
        for event, (day, conflicting) in zip(events, plans, strict=True):
            for k, article in enumerate(rng.sample(articles, rng.randint(1, 4))):
                claimed = day + dt.timedelta(days=2 * k if conflicting else 0)
                month_only = k == 3
                reports.append(
                    EventReport(
                        event=event,
                        article=article,
                        reported_date=None if month_only else claimed,
                        reported_year=None if k == 2 else claimed.year,
                        reported_month=claimed.month,
                        reported_day=None if month_only else claimed.day,
                        reported_precision="month" if month_only else "day",
                        reported_date_text="أمس",
                    )
                )
        EventReport.objects.bulk_create(reports, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"built {Event.objects.count()} events, {EventReport.objects.count()} reports in "
        f"{time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return editor


def timed(client, url: str) -> tuple[float, int]:
    client.get(url)  # warm: templates, permission cache, connection
    samples = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(samples), len(response.content)


def measure(user):
    from django.test import Client

    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    pages = [
        ("timeline page, 5,000 events", "/admin/archive/event/timeline/", TARGET_MS),
        ("timeline page, one kind", "/admin/archive/event/timeline/?kind=meeting", TARGET_MS),
        (
            "timeline page, three months by day",
            "/admin/archive/event/timeline/?date_from=2025-01-01&date_to=2025-03-31&zoom=day",
            TARGET_MS,
        ),
        ("API timeline rows (public), all", "/api/v1/events/timeline/", None),
    ]
    api = Client()
    rows = []
    for name, url, target in pages:
        median, size = timed(api if url.startswith("/api/") else client, url)
        rows.append((name, median, size, target))
    return rows


if __name__ == "__main__":
    sys.exit(main())
