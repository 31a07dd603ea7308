"""Server time of the admin's heaviest pages on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive .venv/bin/python benchmarks/admin_pages.py

Builds, in a throwaway test database next to the one DATABASE_URL names, 200
articles and 100,000 annotations, one article carrying 500 of them; then
times (median of several requests through ``django.test.Client``, logged in
as an editor) that article's change page (the annotator) and the annotation
changelist. Targets: under 300 ms and under 500 ms.

The data is bulk-inserted (the quotes are real slices of the bodies): the
services' one-by-one validation is not what is being measured.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

TOTAL_ANNOTATIONS = 100_000
ARTICLES = 200
ON_BIG_ARTICLE = 500
REPEAT = 9
TARGETS_MS = {"article change page (500 annotations)": 300, "annotation changelist": 500}


def main() -> int:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print(
            "benchmarks/admin_pages.py needs PostgreSQL: set DATABASE_URL, e.g.\n"
            "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive "
            ".venv/bin/python benchmarks/admin_pages.py\n"
            "(SQLite is refused: its timings say nothing about production.)",
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
        big_article_id, user = build()
        rows = measure(big_article_id, user)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print_table(rows)
    return 0 if all(row[2] <= TARGETS_MS.get(row[0], 10**9) for row in rows) else 1


def build():
    from django.contrib.auth.models import Group, User
    from django.db import connection, transaction

    from annotations.models import Annotation, Topic
    from archive.models import Article

    seed_body = "\n\n".join(
        line.strip()
        for line in (ROOT / "seeds" / "002_3ee192d816311bba.txt")
        .read_text(encoding="utf-8")
        .splitlines()
        if len(line.strip()) > 60
    )
    body = (seed_body + "\n\n") * 2  # about 5,000 characters
    topics = list(Topic.objects.all())
    editor = User.objects.create_user("bench-editor", password="x", is_staff=True)
    editor.groups.set([Group.objects.get(name="Editors")])
    started = time.perf_counter()
    with transaction.atomic():
        articles = Article.objects.bulk_create(
            Article(
                title=f"مقال رقم {n}",
                body=body,
                raw_text=body,
                source_file=f"{n:06d}_bench.txt",
                content_hash="0" * 64,
                published_on=None if n % 7 == 0 else f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}",
            )
            for n in range(ARTICLES)
        )
        statuses = Annotation.Status.values
        batch = []
        per_article = (TOTAL_ANNOTATIONS - ON_BIG_ARTICLE) // (ARTICLES - 1)
        counts = [ON_BIG_ARTICLE] + [per_article] * (ARTICLES - 1)
        counts[-1] += TOTAL_ANNOTATIONS - sum(counts)
        for article, count in zip(articles, counts, strict=True):
            for i in range(count):
                start = (i * 37) % (len(body) - 120)
                end = start + 20 + (i * 13) % 90
                batch.append(
                    Annotation(
                        article=article,
                        topic=topics[i % len(topics)],
                        start=start,
                        end=end,
                        quote=body[start:end],
                        status=statuses[i % len(statuses)],
                        created_by=editor if i % 3 else None,
                        note="ملاحظة" if i % 5 == 0 else "",
                    )
                )
            if len(batch) >= 10_000:
                Annotation.objects.bulk_create(batch)
                batch = []
        Annotation.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"built {Article.objects.count()} articles, {Annotation.objects.count()} annotations "
        f"in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return articles[0].pk, editor


def timed(client, url: str) -> tuple[float, int]:
    client.get(url)  # warm: templates, permission cache, connection
    samples = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(samples), len(response.content)


def measure(big_article_id: int, user):
    from django.test import Client

    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    pages = [
        (
            "article change page (500 annotations)",
            f"/admin/archive/article/{big_article_id}/change/",
        ),
        ("annotation changelist", "/admin/annotations/annotation/"),
        (
            "annotation changelist, status filter",
            "/admin/annotations/annotation/?status__exact=approved",
        ),
        ("annotation changelist, page 500", "/admin/annotations/annotation/?p=500"),
        ("annotation changelist, quote search", "/admin/annotations/annotation/?q=الشيباني"),
        ("article changelist (counts)", "/admin/archive/article/"),
    ]
    rows = []
    for name, url in pages:
        median, size = timed(client, url)
        rows.append((name, url, median, size))
    return rows


def print_table(rows) -> None:
    print(f"\n{'page':<42} {'median ms':>10} {'target':>8} {'KiB':>7}")
    print("-" * 70)
    for name, _url, median, size in rows:
        target = TARGETS_MS.get(name)
        target_text = f"< {target}" if target else ""
        print(f"{name:<42} {median:>10.1f} {target_text:>8} {size / 1024:>7.0f}")


if __name__ == "__main__":
    sys.exit(main())
