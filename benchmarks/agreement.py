"""Time of the agreement measures on a large batch (no database).

    .venv/bin/python benchmarks/agreement.py

A batch of 200 articles of 500 words laid end to end (100,000 positions),
three topics, each editor with about ten passages per article (2,000 in all),
a second editor who moves one boundary of every other passage by a word or
two, a third who misses a passage in ten. Prints the median of several runs of
every figure the report computes (all topics and overall, and the pairs).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agreement.measures import Span, Study, figures, pair_figures  # noqa: E402

WORDS, ARTICLES, PER_ARTICLE, REPEAT = 500, 200, 10, 5
TOPICS = ("counter-terrorism", "sdf-integration", "training-mou")


def batch(coders: tuple[str, ...]) -> Study:
    rng = random.Random(16)
    spans = []
    for article in range(ARTICLES):
        base = article * WORDS
        for n in range(PER_ARTICLE):
            start = base + n * (WORDS // PER_ARTICLE) + rng.randrange(5)
            end = start + rng.randrange(5, 30)
            topic = TOPICS[rng.randrange(len(TOPICS))]
            for index, coder in enumerate(coders):
                low, high = start, end
                if index == 1 and n % 2:
                    high = end + rng.choice((-2, -1, 1, 2))
                if index == 2 and n % 10 == 0:
                    continue
                spans.append(Span(coder, topic, low, high))
    return Study(length=ARTICLES * WORDS, coders=coders, spans=tuple(spans))


def timed(work) -> float:
    runs = []
    for _ in range(REPEAT):
        began = time.perf_counter()
        work()
        runs.append(time.perf_counter() - began)
    return statistics.median(runs) * 1000


def main() -> int:
    rows = []
    for coders in (("a", "b"), ("a", "b", "c")):
        study = batch(coders)

        def report(study=study):
            for topic in (*study.topics, None):
                figures(study, topic)
                pair_figures(study, topic)

        rows.append((len(coders), len(study.spans), study.length, timed(report)))
    print(
        f"| editors | passages | words | every figure, per topic and overall (ms, median of {REPEAT}) |"
    )
    print("|---:|---:|---:|---:|")
    for editors, spans, words, ms in rows:
        print(f"| {editors} | {spans:,} | {words:,} | {ms:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
