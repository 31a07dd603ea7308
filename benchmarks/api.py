"""Research API speed on a synthetic corpus, PostgreSQL only.

    .venv/bin/python benchmarks/api.py [--articles 20000] [--per-article 10] [--rebuild]

Builds (once; --rebuild to redo) a corpus in its own database, BENCH_DATABASE_NAME
(default ``archive_api_bench``) on the server in BENCH_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432):
articles whose bodies are shuffled sentences of the five seeds closed by one
sentence naming a place and a person (drawn from 300 and 6,000 made-up names,
so that a search can be selective: every seed word is in thousands of
articles), ten annotations per article quoting one of its seed sentences,
three source links per article. Rows
go in with COPY. Then it times, in one run, requests through Django's whole stack
(in-process test client, anonymous, middleware included; no network; the
heap settled first, as ``config.wsgi`` settles a serving process's):

- the article list page (first page, and a page deep in the cursor),
- an article detail (body, ten annotations, sources, events),
- the annotation list page,
- searches: broad ones (seed words and a seed phrase, in thousands of
  articles), a selective one (a person's name, in a handful) and a broad word
  narrowed to one week,
- passage searches (a word, a phrase) over the annotations,
- the sources and topics lists, which count the visible articles and
  annotations of each,
- the same article list page built by raw psycopg + orjson (the ceiling),
- for each request, its own statements sent again by raw psycopg, rows dumped
  by orjson (its own ceiling: what the database and driver take),

and prints median and p95 latency of each and its ratio to the ceiling and to
its own (the
cases are timed in turn, round after round, so that a drift in the machine's
speed touches them all alike), then streams the export of every annotation as
JSON Lines and CSV (time, and peak Python memory via tracemalloc).
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import os
import random
import re
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SERVER = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432")
DB_NAME = os.environ.get("BENCH_DATABASE_NAME", "archive_api_bench")
os.environ["DATABASE_URL"] = f"{SERVER}/{DB_NAME}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")  # no throttling
# Every export streams, however large (else more than 20,000 rows ask for a job).
os.environ.setdefault("ARCHIVE_EXPORT_STREAM_MAX_ROWS", "0")

import psycopg  # noqa: E402


def ensure_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


ensure_database()

import django  # noqa: E402

django.setup()

import orjson  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from annotations.models import Annotation, Topic  # noqa: E402
from annotations.services import context_around  # noqa: E402
from archive import tallies  # noqa: E402
from archive.models import Article  # noqa: E402
from archive.search import (  # noqa: E402
    article_search_fields,
    passage_search_text,
    search_articles,
    search_terms,
)
from config import heap  # noqa: E402

FIRST_DAY = dt.date(2024, 10, 1)
SENTENCE = re.compile(r"[^.!؟\n]+[.!؟]")


def seed_sentences() -> list[str]:
    sentences = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        for match in SENTENCE.finditer(path.read_text(encoding="utf-8")):
            sentence = match.group().strip()
            if 40 <= len(sentence) <= 600:
                sentences.append(sentence)
    return sentences


_SYLLABLES = ["بر", "سا", "مي", "نو", "قا", "ذا", "طو", "لي", "فر", "جه", "كو", "زي", "حم", "دو"]


def made_up_names(count: int, syllables: int, seed: int, taken: set[str]) -> list[str]:
    """``count`` made-up Arabic-script names whose stems are distinct and not in
    ``taken`` (which grows by theirs)."""
    rng = random.Random(seed)
    names: list[str] = []
    seen = taken
    while len(names) < count:
        name = "".join(rng.choice(_SYLLABLES) for _ in range(syllables)) + rng.choice("نمرل")
        stem = " ".join(search_terms(name))
        if stem not in seen:
            seen.add(stem)
            names.append(name)
    return names


_TAKEN = {stem for sentence in seed_sentences() for stem in search_terms(sentence)}
PLACES = made_up_names(300, 2, seed=1, taken=_TAKEN)
PEOPLE = made_up_names(6000, 3, seed=2, taken=_TAKEN)
PERSON = PEOPLE[1234]  # the selective search: in articles 1234, 7234, 13234, 19234


def closing_sentence(pk: int) -> str:
    return f"وأفاد مراسلنا في {PLACES[pk % len(PLACES)]} بأن {PEOPLE[pk % len(PEOPLE)]} حضر اللقاء."


def copy_rows(cursor, table: str, columns: list[str], rows) -> None:
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def build(n_articles: int, per_article: int) -> None:
    started = time.perf_counter()
    rng = random.Random(2025)
    sentences = seed_sentences()
    stems = [" ".join(search_terms(s)) for s in sentences]
    topics = list(Topic.objects.values_list("id", flat=True))
    now = timezone.now()
    with connection.cursor() as django_cursor:
        cursor = django_cursor.cursor  # the psycopg cursor, for COPY
        cursor.execute(
            "TRUNCATE archive_articlesource, annotations_annotation, archive_eventreport, "
            "archive_event, archive_source, archive_article RESTART IDENTITY CASCADE"
        )
        copy_rows(
            cursor,
            "archive_source",
            [
                "name",
                "name_en",
                "kind",
                "slug",
                "normalized_name",
                "domain",
                "created_at",
                "updated_at",
            ],
            (
                (f"مصدر {i}", f"Source {i}", "agency", f"source-{i}", f"مصدر {i}", "", now, now)
                for i in range(1, 51)
            ),
        )
        articles, annotations, links = [], [], []
        for pk in range(1, n_articles + 1):
            picks = rng.sample(range(len(sentences)), 14)
            title_index, body_indexes = picks[0], picks[1:]
            title = sentences[title_index][:120]
            parts, offsets, position = [], [], 0
            for index in body_indexes:
                offsets.append(position)
                parts.append(sentences[index])
                position += len(sentences[index]) + 1
            closing = closing_sentence(pk)
            body = " ".join([*parts, closing])
            search_text = " ".join(
                [
                    " ".join(search_terms(title)),
                    *(stems[i] for i in body_indexes),
                    " ".join(search_terms(closing)),
                ]
            )
            published_on = FIRST_DAY + dt.timedelta(days=pk % 700)
            status = "draft" if pk % 20 == 0 else "published"
            articles.append(
                (
                    pk,
                    title,
                    False,
                    "",
                    "",
                    body,
                    body,
                    "ar",
                    published_on,
                    status,
                    search_text,
                    article_search_fields(title, "", body)[1],
                    f"bench_{pk:06d}.txt",
                    "0" * 64,
                    "day",
                    published_on.isoformat(),
                    "",
                    "",
                    "",
                    now,
                    now,
                    "{}",
                    "",
                    "{}",
                    b"",
                    1,
                )
            )
            for k in range(per_article):
                which = k % len(body_indexes)
                start = offsets[which]
                quote = parts[which][:80]
                prefix, suffix = context_around(body, start, start + len(quote))
                status = "approved" if k < per_article - 2 else ("suggested", "rejected")[k % 2]
                annotations.append(
                    (
                        pk,
                        topics[k % len(topics)],
                        start,
                        start + len(quote),
                        quote,
                        prefix,
                        suffix,
                        "",
                        status,
                        False,
                        "",
                        now,
                        now,
                        passage_search_text(quote, ""),
                        "",
                        "[]",
                        "",
                        "",
                        1,
                    )
                )
            for source in rng.sample(range(1, 51), 3):
                links.append((pk, source, "cited"))
        print(f"generated rows in {time.perf_counter() - started:.1f} s", flush=True)

        # The rows are consistent by construction: no row triggers (foreign keys,
        # the changes feed, the tallies, recounted below) for a bulk load.
        cursor.execute("SET session_replication_role = replica")

        copy_rows(
            cursor,
            "archive_article",
            [
                "id",
                "title",
                "title_derived",
                "summary",
                "caption",
                "body",
                "raw_text",
                "language",
                "published_on",
                "status",
                "search_text",
                "rank_terms",
                "source_file",
                "content_hash",
                "published_precision",
                "published_text",
                "source_updated_text",
                "hijri_date_text",
                "byline",
                "created_at",
                "updated_at",
                "loader_findings",
                "url",
                "meta",
                "signature",
                "version",
            ],
            articles,
        )
        copy_rows(
            cursor,
            "annotations_annotation",
            [
                "article_id",
                "topic_id",
                "start",
                '"end"',
                "quote",
                "prefix",
                "suffix",
                "note",
                "status",
                "flagged",
                "flag_reason",
                "created_at",
                "updated_at",
                "search_text",
                "anchored_by",
                "anchor_candidates",
                "rule",
                "matched",
                "version",
            ],
            annotations,
        )
        copy_rows(cursor, "archive_articlesource", ["article_id", "source_id", "role"], links)
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('archive_article', 'id'), "
            "(SELECT max(id) FROM archive_article))"
        )
        cursor.execute("SET session_replication_role = DEFAULT")
        # Neither TRUNCATE nor the load above fired row triggers: recount the
        # public's tallies once.
        tallies.refill(connection)
        # COPY leaves the new GIN entries in the search index's pending list; until
        # a vacuum merges them, the planner prices the index out and a search for
        # a name in four articles reads every tsvector (90 ms, not 1). Autovacuum
        # gets there in time; a bulk load should not wait for it.
        cursor.execute("VACUUM ANALYZE")
    print(
        f"built {n_articles} articles, {len(annotations)} annotations in "
        f"{time.perf_counter() - started:.1f} s",
        flush=True,
    )


# --- the ceiling: the article list page with one SQL query and orjson ------------------

CEILING_SQL = """
SELECT a.id, a.title, a.title_derived, a.summary, a.published_on, a.published_at,
       a.published_precision, a.published_text, a.source_updated_at, a.hijri_date_text,
       a.language, a.status,
       (SELECT coalesce(json_agg(json_build_object('slug', s.slug, 'name', s.name,
                 'name_en', s.name_en, 'kind', s.kind, 'role', l.role)
                 ORDER BY l.role, s.name), '[]')
          FROM archive_articlesource l JOIN archive_source s ON s.id = l.source_id
         WHERE l.article_id = a.id) AS sources,
       (SELECT coalesce(array_agg(DISTINCT t.slug ORDER BY t.slug), '{}')
          FROM annotations_annotation n JOIN annotations_topic t ON t.id = n.topic_id
         WHERE n.article_id = a.id AND n.status = 'approved') AS topics,
       (SELECT count(*) FROM annotations_annotation n
         WHERE n.article_id = a.id AND n.status = 'approved') AS annotation_count
  FROM archive_article a
 WHERE a.status = 'published'
 ORDER BY a.id DESC
 LIMIT 50
"""


def ceiling_page(conn) -> bytes:
    cursor = conn.execute(CEILING_SQL)
    names = [column.name for column in cursor.description]
    rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:
        row["url"] = f"http://testserver/api/v1/articles/{row['id']}/"
    return orjson.dumps({"next": None, "previous": None, "results": rows})


def own_sql(client: Client, url: str) -> tuple[list[tuple[str, object]], bool]:
    """The statements (SQL and parameters) a request of ``url`` sends once warm
    (the count estimate kept, the statements prepared), and whether it sends
    them in a transaction."""
    sent: list[tuple[str, object]] = []
    in_transaction = False

    def record(execute, sql, params, many, context):
        nonlocal in_transaction
        sent.append((sql, params))
        in_transaction = in_transaction or connection.in_atomic_block
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        client.get(url)
    return sent, in_transaction


def replay(conn, statements: list[tuple[str, object]], in_transaction: bool):
    """A case's own ceiling: its request's statements sent again by raw psycopg
    (prepared after five runs, as Django's are), their rows dumped by orjson.
    What a request takes beyond it is the framework's: parsing, validation,
    query building, serialisation."""

    def send() -> bytes:
        rows = []
        for sql, params in statements:
            cursor = conn.execute(sql, params)
            if cursor.description is not None:
                rows.append(cursor.fetchall())
        return orjson.dumps(rows, default=str)

    def call() -> bytes:
        if not in_transaction:
            return send()
        with conn.transaction():
            return send()

    return call


def timed_round_robin(
    cases: list[tuple[str, object]], n: int, warmup: int = 6
) -> dict[str, list[float]]:
    """Milliseconds per call of each case, ``n`` rounds of one call each, in
    turn: a machine whose speed drifts (a shared virtual machine) slows every
    case alike, so the ratios to the ceiling stay fair. Each round takes the
    cases in a new order (seeded, so runs compare): in a fixed order the
    first case always followed the raw-psycopg replays and paid for the
    switch back to Django's code: the article list's first page took 6.90 ms
    and the deep cursor after it 5.48 ms; with the two swapped, the deep
    cursor took 8.32 ms and the first page 6.76 ms."""
    for _name, fn in cases:
        for _ in range(warmup):
            fn()  # warm up (psycopg prepares a statement on its fifth run)
    out: dict[str, list[float]] = {name: [] for name, _ in cases}
    order = random.Random(13)
    for _ in range(n):
        for name, fn in order.sample(cases, len(cases)):
            t0 = time.perf_counter()
            fn()
            out[name].append((time.perf_counter() - t0) * 1000)
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def get(client: Client, url: str):
    def call():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        return response

    call.url = url
    return call


def list_count(response) -> str:
    """The ``count`` a list page gives, ``~`` after it when it is an estimate."""
    if not hasattr(response, "json"):
        return ""
    body = response.json()
    if not isinstance(body, dict) or "count" not in body:
        return ""
    return f"{body['count']:,}" + ("~" if body.get("count_is_estimate") else "")


def staff_client() -> Client:
    from django.contrib.auth.models import Permission, User
    from rest_framework.authtoken.models import Token

    user, _ = User.objects.get_or_create(username="bench-staff", defaults={"is_staff": True})
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["view_article", "view_annotation"])
    )
    token, _ = Token.objects.get_or_create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--per-article", type=int, default=10)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--repeat", type=int, default=200, help="rounds (default 200)")
    parser.add_argument("--warmup", type=int, default=6, help="calls of each case first")
    parser.add_argument("--no-exports", action="store_true", help="time the pages only")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    if args.rebuild or Article.objects.count() != args.articles:
        build(args.articles, args.per_article)
    n_articles = Article.objects.count()
    n_annotations = Annotation.objects.count()
    curated = Annotation.objects.curated().count()
    print(f"corpus: {n_articles} articles, {n_annotations} annotations ({curated} curated)")
    for word in ("تنيظم", "أنقرة", '"مذكرة التفاهم"', PERSON):
        matches = search_articles(Article.objects.published(), word).count()
        print(f"  published articles matching {word}: {matches}")
    print()

    heap.settle()  # as the WSGI entry point does before serving
    client = Client()
    deep_id = Article.objects.published().order_by("id").values_list("id", flat=True)[1000]
    deep_cursor = base64.urlsafe_b64encode(f"p={deep_id}".encode()).decode()
    detail_id = Article.objects.published().order_by("-id").values_list("id", flat=True)[10]
    raw = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)

    cases = [
        ("article list page (50)", get(client, "/api/v1/articles/")),
        ("article list, deep cursor", get(client, f"/api/v1/articles/?cursor={deep_cursor}")),
        ("article detail", get(client, f"/api/v1/articles/{detail_id}/")),
        ("annotation list page (50)", get(client, "/api/v1/annotations/")),
        (
            "annotation list, topic+dates",
            get(
                client,
                "/api/v1/annotations/?topic=sdf-integration&published_from=2025-03-01"
                "&published_to=2025-10-31",
            ),
        ),
        ("search: phrase", get(client, "/api/v1/articles/?q=%22مذكرة%20التفاهم%22&page_size=20")),
        ("search: seed word (3k hits)", get(client, "/api/v1/articles/?q=تنيظم&page_size=20")),
        ("search: common words", get(client, "/api/v1/articles/?q=أنقرة%20دمشق&page_size=20")),
        ("search: a person's name", get(client, f"/api/v1/articles/?q={PERSON}&page_size=20")),
        (
            "search: word + one week",
            get(
                client,
                "/api/v1/articles/?q=أنقرة&published_from=2025-05-01&published_to=2025-05-07"
                "&page_size=20",
            ),
        ),
        ("passage search: a word", get(client, "/api/v1/annotations/?q=قسد&page_size=20")),
        (
            "passage search: a phrase",
            get(client, "/api/v1/annotations/?q=%22مذكرة%20التفاهم%22&page_size=20"),
        ),
        ("sources, with article counts", get(client, "/api/v1/sources/")),
        ("topics, with annotation counts", get(client, "/api/v1/topics/")),
        ("ceiling: raw psycopg+orjson", lambda: ceiling_page(raw)),
    ]
    own: dict[str, object] = {}  # case -> its own SQL replayed (requests only)
    for name, fn in cases:
        if hasattr(fn, "url"):
            for _ in range(args.warmup + 6):
                fn()  # warm: the count estimate kept, the statements prepared
            own[name] = replay(raw, *own_sql(client, fn.url))
    own_cases = [(f"own SQL: {name}", call) for name, call in own.items()]
    results = timed_round_robin(cases + own_cases, args.repeat, args.warmup)
    ceiling = statistics.median(results["ceiling: raw psycopg+orjson"])
    print(f"load average: {Path('/proc/loadavg').read_text().split()[0:3]}")
    print(
        f"{'case':32} {'median ms':>10} {'p95 ms':>8} {'p95/med':>8} {'/ceiling':>9} "
        f"{'own SQL ms':>10} {'/own SQL':>9} {'count':>10}"
    )
    for name, fn in cases:
        values = results[name]
        med, top = statistics.median(values), p95(values)
        own_med = statistics.median(results[f"own SQL: {name}"]) if name in own else None
        own_columns = f"{own_med:10.2f} {med / own_med:8.2f}x" if own_med else f"{'':10} {'':9}"
        print(
            f"{name:32} {med:10.2f} {top:8.2f} {top / med:8.2f} {med / ceiling:8.2f}x "
            f"{own_columns} {list_count(fn()):>10}"
        )
    print("count: the list's `count`; ~ when it is PostgreSQL's estimate (count_is_estimate)")
    print(
        "own SQL: the same request's statements and parameters sent by raw psycopg, rows "
        "dumped by orjson (what the database and the driver take); /own SQL: the rest is "
        "the framework's. /ceiling is the issue's measure: against the article list's."
    )
    sizes = {
        "list": len(get(client, "/api/v1/articles/")().content),
        "ceiling": len(ceiling_page(raw)),
    }
    print(f"page bytes: API {sizes['list']}, ceiling {sizes['ceiling']}\n")
    if args.no_exports:
        raw.close()
        return

    staff = staff_client()
    for who, export_client, expected in (
        ("staff", staff, n_annotations),
        ("public", client, curated),
    ):
        for fmt in ("jsonl", "csv"):
            url = f"/api/v1/annotations/export.{fmt}"
            t0 = time.perf_counter()
            response = export_client.get(url)
            size = lines = 0
            for chunk in response.streaming_content:
                size += len(chunk)
                lines += chunk.count(b"\n") if isinstance(chunk, bytes) else chunk.count("\n")
            elapsed = time.perf_counter() - t0
            tracemalloc.start()
            for _chunk in export_client.get(url).streaming_content:
                pass
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(
                f"export {fmt} ({who}): {lines} lines for {expected} annotations, "
                f"{size / 1e6:.1f} MB in {elapsed:.2f} s; "
                f"peak Python memory {peak / 1e6:.1f} MB (separate tracemalloc run)",
                flush=True,
            )
    raw.close()


if __name__ == "__main__":
    main()
