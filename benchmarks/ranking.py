"""Search ranking quality: precision at 10 on a generated corpus with a relevance key.

    .venv/bin/python benchmarks/ranking.py [--filler 2000]

PostgreSQL only (SQLite does not rank). Builds, in its own database
BENCH_DATABASE_NAME (default ``archive_ranking_bench``) on the server in BENCH_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432), a corpus from hand-written Arabic
sentences: for each of the key's 20 subjects (``QUERIES`` below),

- 4 articles *about* it that name it in the headline (and once in the body),
- 8 articles *about* it whose headline and lede do not name it but whose body
  keeps coming back to it (three to five times, past the lede),
- 20 articles about something else that name it once, in passing, deep in the body,

plus ``--filler`` articles of neutral sentences. The key: an article is
relevant to a query when it is about the query's subject (the first two kinds;
12 per query). Each query is run as a researcher types it (without hamza,
with or without the article, a phrase in quotes) and ranked two ways over the
same matches: by the opening of the text alone (the ranking before migration
0011: title, summary and lede, unweighted) and by the weighted rank vector
(title; lede and recurring stems; stems named twice). Prints precision at 10
per query and on average, and the same through the API (``articles/?q=``,
anonymous, first page of 10).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SERVER = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432")
DB_NAME = os.environ.get("BENCH_DATABASE_NAME", "archive_ranking_bench")
os.environ["DATABASE_URL"] = f"{SERVER}/{DB_NAME}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import psycopg  # noqa: E402

with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as _conn:
    if not _conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone():
        _conn.execute(f'CREATE DATABASE "{DB_NAME}"')

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db.models import FloatField  # noqa: E402
from django.db.models.expressions import RawSQL  # noqa: E402
from django.test import Client  # noqa: E402

from archive.models import Article  # noqa: E402
from archive.search import (  # noqa: E402
    _tsquery,
    article_search_fields,
    parse_query,
    search_articles,
    search_terms,
)

# The key: (the subject as the articles write it, the query as a researcher types it).
QUERIES = [
    ("مذكرة التفاهم", '"مذكرة التفاهم"'),
    ("قوات قسد", "قسد"),
    ("الطائرات المسيّرة", "الطائرات المسيرة"),
    ("تنظيم داعش", "داعش"),
    ("محافظة الحسكة", "الحسكة"),
    ("مدينة منبج", "منبج"),
    ("ريف إدلب", "ادلب"),
    ("عودة اللاجئين", "اللاجئين"),
    ("المعابر الحدودية", '"المعابر الحدودية"'),
    ("حقول النفط", "النفط"),
    ("الانتخابات البلدية", "الانتخابات"),
    ("ضحايا الزلزال", "الزلزال"),
    ("القاعدة الجوية", '"القاعدة الجوية"'),
    ("المناورات المشتركة", "المناورات"),
    ("منظومة الدفاع الجوي", '"الدفاع الجوي"'),
    ("إزالة الألغام", "الألغام"),
    ("السجون المركزية", "السجون"),
    ("محطات الكهرباء", "الكهرباء"),
    ("محصول القمح", "القمح"),
    ("الجامعات الحكومية", "الجامعات"),
]

# Neutral sentences, none naming a subject of the key (checked at start).
NEUTRAL = [
    "وقال المتحدث باسم الوزارة إن اللقاء تناول عدة ملفات مطروحة على الطاولة.",
    "وأضاف أن الجانبين اتفقا على مواصلة المشاورات خلال الأسابيع المقبلة.",
    "وأشار مسؤول رفيع إلى أن الاجتماع جرى في أجواء إيجابية وبناءة.",
    "ولم يصدر أي تعليق رسمي من الجهات المعنية حتى ساعة إعداد هذا التقرير.",
    "وذكرت مصادر مطلعة أن الوفد سيعود إلى العاصمة في وقت لاحق من الأسبوع.",
    "وأكد البيان الختامي أهمية التنسيق المستمر بين المؤسسات الرسمية.",
    "وتأتي هذه الخطوة في سياق تطورات متسارعة تشهدها المنطقة منذ أشهر.",
    "وبحسب مراقبين فإن المرحلة المقبلة ستكون حاسمة لمسار العلاقات الثنائية.",
    "وشارك في الاجتماع عدد من المستشارين والخبراء من الطرفين.",
    "وتابع قائلا إن الحكومة ماضية في تنفيذ التزاماتها كاملة.",
    "ونقلت وسائل إعلام محلية عن شهود عيان أن الحركة كانت طبيعية صباح اليوم.",
    "ومن المقرر أن تعقد جولة جديدة من المحادثات مطلع الشهر القادم.",
    "ورحبت أطراف إقليمية ودولية بنتائج الزيارة الأخيرة.",
    "وشدد المسؤول على ضرورة احترام الاتفاقات الموقعة سابقا.",
    "وتحدث التقرير عن تحديات إدارية ولوجستية تواجه الفرق الميدانية.",
    "وأوضح الناطق أن التفاصيل ستعلن في مؤتمر صحفي لاحق.",
]
HEADLINES = [
    "مباحثات جديدة بين الجانبين في العاصمة",
    "وفد رسمي يختتم زيارته بلقاءات موسعة",
    "تصريحات رسمية حول مسار العلاقات الثنائية",
    "اجتماع موسع لبحث الملفات العالقة",
]
ABOUT = [
    "وتصدر ملف {s} جدول أعمال اللقاء بشكل واضح.",
    "وقدم الخبراء عرضا مفصلا عن {s} وآفاقه.",
    "وناقش الحاضرون التحديات المرتبطة بملف {s}.",
    "وأكدت الأطراف أن {s} سيبقى أولوية في المرحلة القادمة.",
    "وختم المشاركون بالتشديد على متابعة {s} عن قرب.",
]
PASSING = "وفي سياق آخر جرت الإشارة سريعا إلى {s}."
HEADLINE_ABOUT = "{s}: تطورات جديدة ونقاشات موسعة"


def build(filler: int) -> dict[int, set[int]]:
    """The corpus (rebuilt each run) and the key: query index → relevant ids."""
    rng = random.Random(10)
    subject_stems = {stem for subject, _ in QUERIES for stem in search_terms(subject)}
    for sentence in NEUTRAL + HEADLINES + [PASSING, HEADLINE_ABOUT, *ABOUT]:
        shared = set(search_terms(sentence.replace("{s}", ""))) & subject_stems
        assert not shared, f"neutral text names a subject: {sentence} {shared}"
    plans: list[tuple[str, list[str], int | None]] = []  # title, sentences, about query
    for index, (subject, _query) in enumerate(QUERIES):
        for _ in range(4):
            body = rng.sample(NEUTRAL, 6) + [ABOUT[0].format(s=subject)] + rng.sample(NEUTRAL, 4)
            plans.append((HEADLINE_ABOUT.format(s=subject), body, index))
        for _ in range(8):
            repeats = rng.randint(3, 5)
            about = [template.format(s=subject) for template in rng.sample(ABOUT, repeats)]
            body = rng.sample(NEUTRAL, 7) + about + rng.sample(NEUTRAL, 3)
            plans.append((rng.choice(HEADLINES), body, index))
        for _ in range(20):
            body = rng.sample(NEUTRAL, 9) + [PASSING.format(s=subject)] + rng.sample(NEUTRAL, 3)
            plans.append((rng.choice(HEADLINES), body, None))
    for _ in range(filler):
        plans.append((rng.choice(HEADLINES), rng.sample(NEUTRAL, 10), None))
    rng.shuffle(plans)
    Article.objects.all().delete()
    articles = []
    for number, (title, sentences, _about) in enumerate(plans):
        body = "\n\n".join(sentences)
        search_text, rank_terms = article_search_fields(title, "", body)
        articles.append(
            Article(
                title=title,
                body=body,
                raw_text=body,
                source_file=f"ranking_{number:05d}.txt",
                content_hash="0" * 64,
                status=Article.Status.PUBLISHED,
                search_text=search_text,
                rank_terms=rank_terms,
            )
        )
    created = Article.objects.bulk_create(articles, batch_size=1000)
    key: dict[int, set[int]] = {index: set() for index in range(len(QUERIES))}
    for article, (_title, _sentences, about) in zip(created, plans, strict=True):
        if about is not None:
            key[about].add(article.pk)
    return key


OPENING_RANK = (
    "ts_rank(strip(to_tsvector('simple', left(archive_article.search_text, 300))), "
    "to_tsquery('simple', %s))"
)


def top_ten(query: str, ranking: str) -> list[int]:
    matches = search_articles(Article.objects.published(), query, published_only=True)
    if ranking == "opening":
        matches = matches.annotate(
            before=RawSQL(OPENING_RANK, [_tsquery(parse_query(query))], output_field=FloatField())
        ).order_by("-before", "-id")
    else:
        matches = matches.order_by("-search_rank", "-id")
    return list(matches.values_list("pk", flat=True)[:10])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--filler", type=int, default=2000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    key = build(args.filler)
    client = Client()
    print(f"{Article.objects.count():,} articles; 12 relevant per query\n")
    print("| query | P@10 before (opening) | P@10 after (weighted) | P@10 through the API |")
    print("|---|---|---|---|")
    totals: dict[str, list[float]] = {"opening": [], "weighted": [], "api": []}
    for index, (_subject, query) in enumerate(QUERIES):
        relevant = key[index]
        row = []
        for ranking in ("opening", "weighted"):
            found = top_ten(query, ranking)
            precision = len(set(found) & relevant) / 10
            totals[ranking].append(precision)
            row.append(precision)
        response = client.get("/api/v1/articles/", {"q": query, "page_size": 10})
        assert response.status_code == 200, response.content[:300]
        api_ids = [item["id"] for item in response.json()["results"]]
        api_precision = len(set(api_ids) & relevant) / 10
        totals["api"].append(api_precision)
        print(f"| `{query}` | {row[0]:.1f} | {row[1]:.1f} | {api_precision:.1f} |")
    print(
        f"| **mean** | **{statistics.mean(totals['opening']):.2f}** "
        f"| **{statistics.mean(totals['weighted']):.2f}** "
        f"| **{statistics.mean(totals['api']):.2f}** |"
    )


if __name__ == "__main__":
    main()
