"""Benchmark: the actor matcher (``actors.matching``) over article bodies.

Bodies are the seeds' (parsed by the archive's parser), each repeated with its
paragraphs shuffled. Aliases are the starting actors' (the data migration's)
plus generated ones up to the size asked (see ``aliases``): name-like strings,
and a worst case where nearly every word is an alias. Prints a table; no
Django, no database. Also prints a calibration (a fixed loop) to compare
figures taken on a busy machine.

    .venv/bin/python benchmarks/matcher.py                    # 5,000 aliases, 2,000 articles
    .venv/bin/python benchmarks/matcher.py --aliases 500 5000 20000 --articles 5000
"""

from __future__ import annotations

import argparse
import importlib
import random
import re
import statistics
import sys
import time
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from actors.matching import AliasSpec, Matcher  # noqa: E402
from archive.parsing import parse_article  # noqa: E402

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def bodies(count: int, rng: random.Random) -> list[str]:
    seeds = [
        parse_article(path.read_bytes().decode("utf-8")).body
        for path in sorted((ROOT / "seeds").glob("*.txt"))
    ]
    out = []
    for index in range(count):
        paragraphs = seeds[index % len(seeds)].split("\n")
        rng.shuffle(paragraphs)
        out.append("\n".join(paragraphs))
    return out


def aliases(size: int, texts: list[str], rng: random.Random, *, every_word: bool) -> list:
    """The starting actors' aliases, then generated ones up to ``size``.

    Generated names look like actors' (one to three words of three to seven
    letters, some with ال or أبو) and one in fifty are words of the seeds, so they
    are found. ``every_word``: instead, a tenth single seed words and three
    tenths pairs of consecutive seed words, drawn by frequency: nearly every
    word of an article is some alias (a worst case, not a dictionary).
    """
    starting = importlib.import_module("actors.migrations.0002_starting_actors")
    specs = [
        AliasSpec(text.lstrip("!"), slug, not text.startswith("!"))
        for slug, *_rest, names in starting.ACTORS
        for text in names
    ]
    tokens = [w for text in texts[:5] for w in re.findall(r"[\u0621-\u064a]{3,}", text)]
    vocabulary = sorted(set(tokens))
    pairs = [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]

    def word() -> str:
        return "".join(rng.choice(LETTERS) for _ in range(rng.randint(3, 7)))

    generated = size - len(specs)
    for index in range(max(0, generated)):
        share = index / max(generated, 1)
        if every_word and share < 0.1:
            text = rng.choice(tokens)
        elif every_word and share < 0.4:
            text = rng.choice(pairs)
        elif share < 0.02:
            text = rng.choice(vocabulary)
        else:
            words = [word() for _ in range(rng.choice((1, 2, 2, 3)))]
            if rng.random() < 0.2:
                words[-1] = "ال" + words[-1]
            if rng.random() < 0.1:
                words.insert(0, "أبو")
            text = " ".join(words)
        specs.append(AliasSpec(text, f"generated-{index}"))
    return specs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aliases", type=int, nargs="+", default=[5000])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(12)
    texts = bodies(args.articles, rng)
    mean_length = statistics.mean(map(len, texts))
    calibration = min(timeit.repeat("sum(range(100_000))", number=20, repeat=5)) / 20 * 1000
    print(f"calibration: sum(range(100_000)) takes {calibration:.2f} ms")
    print(
        f"{args.articles:,} articles of {mean_length:,.0f} characters on average; "
        f"median of {args.rounds} rounds\n"
    )
    print("| aliases | generated | automaton build s | seconds | articles/s | mentions/article |")
    print("|---|---|---|---|---|---|")
    for size, every_word in [(size, kind) for size in args.aliases for kind in (False, True)]:
        specs = aliases(size, texts, rng, every_word=every_word)
        started = time.perf_counter()
        matcher = Matcher(specs)
        build = time.perf_counter() - started
        times, found = [], 0
        for _ in range(args.rounds):
            started = time.perf_counter()
            found = sum(len(matcher.find(text)) for text in texts)
            times.append(time.perf_counter() - started)
        seconds = statistics.median(times)
        print(
            f"| {len(specs):,} | {'every word' if every_word else 'names'} | {build:.3f} | {seconds:.3f} | {args.articles / seconds:,.0f} "
            f"| {found / args.articles:.1f} |"
        )


if __name__ == "__main__":
    main()
