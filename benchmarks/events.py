"""Benchmark: extracting dated event mentions (``archive.parsing.events``).

Articles are generated: the seeds' sentences (parsed by the archive's
parser), shuffled, with dated event sentences mixed in (a signing, a
meeting, a strike … with ``أمس``, ``13 آب``, ``أغسطس/آب الماضي``, a Hijri
date, a weekday …), about one in five sentences. Prints a table; no Django,
no database. A calibration loop is printed to compare runs on a busy machine.

    .venv/bin/python benchmarks/events.py                   # 10,000 articles
    .venv/bin/python benchmarks/events.py --articles 2000 --repeat 5

The timeline page's server time is measured by ``benchmarks/timeline.py``
(it needs the database).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import statistics
import sys
import time
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from archive.parsing import parse_article  # noqa: E402
from archive.parsing.events import EventExtractor  # noqa: E402

EVENTS = [
    "وقع وزيرا الدفاع في البلدين اتفاقية للتعاون العسكري {date} في {place}",
    "التقى وزير الخارجية نظيره التركي {date} في {place} لبحث الملفات الأمنية",
    "وأعلنت الوزارة {date} أنها ستواصل دعم الجيش في مواجهة الإرهاب",
    "وشنت الطائرات غارات على مواقع التنظيم {date} قرب {place}",
    "وعقد مؤتمر صحفي مشترك {date} في {place} بحضور الوزيرين",
    "وكان الرئيس قد أجرى زيارة رسمية إلى {place} {date} التقى خلالها المسؤولين",
    "وجرت مباحثات بين الوفدين {date} تناولت سبل تعزيز التعاون",
]
DATES = [
    "أمس",
    "يوم أمس",
    "اليوم",
    "أمس الأول",
    "الأسبوع الماضي",
    "الشهر الماضي",
    "في {day} {month}",
    "يوم الأربعاء {day} {month}",
    "في {month} الماضي",
    "في أغسطس/آب الماضي",
    "في {day} {month} {year}",
    "الأربعاء الماضي",
    "في 20 صفر 1447 هـ",
    "في العام الماضي",
]
MONTHS = ["مارس", "آذار", "آب", "أغسطس", "كانون الأول", "تشرين الثاني", "حزيران", "يناير"]
PLACES = ["أنقرة", "دمشق", "الحسكة", "حلب", "إسطنبول", "القامشلي"]
SENTENCE = re.compile(r"(?<=[.!؟?])\s*|\n+")


def seed_sentences() -> list[str]:
    sentences = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        body = parse_article(path.read_bytes().decode("utf-8")).body
        sentences.extend(s.strip() for s in SENTENCE.split(body) if len(s.strip()) > 30)
    return sentences


def event_sentence(rng: random.Random) -> str:
    date = rng.choice(DATES).format(
        day=rng.randint(1, 28), month=rng.choice(MONTHS), year=rng.choice([2024, 2025])
    )
    return rng.choice(EVENTS).format(date=date, place=rng.choice(PLACES)) + "."


def articles(count: int, rng: random.Random) -> list[tuple[str, dt.date | None]]:
    filler = seed_sentences()
    out = []
    for _ in range(count):
        sentences = rng.sample(filler, 14)
        for _event in range(rng.randint(2, 5)):
            sentences.insert(rng.randrange(len(sentences) + 1), event_sentence(rng))
        paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
        published = (
            None
            if rng.random() < 0.1
            else dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(365))
        )
        out.append(("\n\n".join(paragraphs), published))
    return out


def calibration() -> float:
    """Seconds for a fixed pure-Python loop (compare runs on a busy machine)."""
    return min(timeit.repeat("sum(i * i for i in range(100_000))", number=10, repeat=3))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    corpus = articles(args.articles, rng)
    characters = sum(len(body) for body, _ in corpus)
    started = time.perf_counter()
    extractor = EventExtractor()
    build = time.perf_counter() - started
    runs, found = [], 0
    for _ in range(args.repeat):
        started = time.perf_counter()
        found = sum(len(extractor.extract(body, published)) for body, published in corpus)
        runs.append(time.perf_counter() - started)
    best, median = min(runs), statistics.median(runs)
    resolved = sum(
        1
        for body, published in corpus[:1000]
        for m in extractor.extract(body, published)
        if m.date.resolved
    )
    print(
        f"{args.articles:,} generated articles, {characters / args.articles:,.0f} characters "
        f"each on average; best of {args.repeat} runs\n"
    )
    print("| what | figure |")
    print("|---|---|")
    print(f"| automaton built | {build * 1000:.1f} ms |")
    print(f"| articles/s (best) | {args.articles / best:,.0f} |")
    print(f"| articles/s (median) | {args.articles / median:,.0f} |")
    print(f"| ms per article (best) | {best * 1000 / args.articles:.3f} |")
    print(f"| mentions found | {found:,} ({found / args.articles:.1f} per article) |")
    print(f"| resolved (first 1,000 articles) | {resolved:,} |")
    print("| target | ≥ 500 articles/s |")
    print(f"\ncalibration loop: {calibration() * 1000:.0f} ms")


if __name__ == "__main__":
    main()
