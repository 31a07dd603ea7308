"""Benchmark: `load_seeds` on N generated article files, SQLite and PostgreSQL.

Generates N files from the seed texts (each a seed with its date changed and its
body paragraphs shuffled, so every file is new), loads them into a fresh
database with the real command, and prints files/s and the peak memory of the
loading process. Each (database, N) runs in its own process so peak memory is
comparable across N: flat memory means the same peak for 1,000 and 10,000 files.

    .venv/bin/python benchmarks/load_seeds.py                 # N = 1000, 10000
    .venv/bin/python benchmarks/load_seeds.py --sizes 2000 --databases sqlite

PostgreSQL: DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432),
in a database named archive_bench (``--database-name``) that is dropped and re-created.

The "parse/s" column is the parser alone, in one process, on the same files
(``read_article_file``: read, hash, parse), so a slower parser shows before it
slows the load; ``--profile`` prints where the parse spends its time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
MONTHS_AR = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
]
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def generate(directory: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    templates = [path.read_text(encoding="utf-8") for path in SEEDS]
    for index in range(count):
        number = index % len(templates)
        lines = templates[number].split("\n")
        year, month, day = rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)
        head = lines[:6]
        head = [
            re.sub(r"\d{4}-\d{2}-\d{2}", f"{year}-{month:02d}-{day:02d}", line, count=1)
            for line in head
        ]
        head = [
            re.sub(r"\d{1,2} أغسطس 2025", f"{day} {MONTHS_AR[month - 1]} {year}", line)
            for line in head
        ]
        head = [
            re.sub(r"26th, December 2024", f"{day}th, {MONTHS_EN[month - 1]} {year}", line)
            for line in head
        ]
        footer_at = next(
            (
                i
                for i, line in enumerate(lines)
                if i >= 6 and re.match(r"\s*(المصدر|مشاركة|إقرأ)", line)
            ),
            len(lines),
        )
        middle, tail = lines[6:footer_at], lines[footer_at:]
        rng.shuffle(middle)
        text = "\n".join(head + middle + tail)
        (directory / f"{index:06d}_{number}_{rng.getrandbits(64):016x}.txt").write_text(
            text, encoding="utf-8"
        )


def migrated_env(database: str, name: str, tmp_path: Path, **extra: str) -> dict:
    """The environment for a child process that loads into a fresh, migrated
    ``database``: PostgreSQL's ``name`` re-created on the server DATABASE_URL
    names (or the local one), or an SQLite file in ``tmp_path``."""
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.dev", DJANGO_DEBUG="0")
    env.update(extra)
    if database == "postgresql":
        server = os.environ.get("DATABASE_URL", PG_SERVER).rsplit("/", 1)[0]
        if server.count("/") < 2:
            server = PG_SERVER
        for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
            subprocess.run(["psql", f"{server}/postgres", "-qc", sql], check=True)
        env["DATABASE_URL"] = f"{server}/{name}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'bench.sqlite3'}"
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    return env


def run_one(database: str, count: int, name: str = "archive_bench") -> dict:
    """Load ``count`` generated files into a fresh ``database``; runs in a child process."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        files = tmp_path / "files"
        files.mkdir()
        generate(files, count)
        env = migrated_env(database, name, tmp_path)
        result = subprocess.run(
            [sys.executable, __file__, "--child", str(files)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        return json.loads(result.stdout.strip().splitlines()[-1])


def child(files: str) -> None:
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.core.management import call_command

    from archive.models import Article

    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with open(os.devnull, "w") as sink:
        call_command("load_seeds", files, stdout=sink, stderr=sink)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    parse_seconds = parse_only(Path(files))
    started = time.perf_counter()
    with open(os.devnull, "w") as sink:
        call_command("load_seeds", files, stdout=sink, stderr=sink)
    rerun = time.perf_counter() - started
    print(
        json.dumps(
            {
                "articles": Article.objects.count(),
                "seconds": elapsed,
                "rerun_seconds": rerun,
                "parse_seconds": parse_seconds,
                "rss_before_mb": baseline / 1024,
                "rss_peak_mb": peak / 1024,
            }
        )
    )


def parse_only(files: Path, profile: bool = False) -> float:
    """Seconds to read and parse every file in one process (the loader's parse, alone)."""
    from archive.parsing import read_article_file

    paths = sorted(files.iterdir())
    started = time.perf_counter()
    for path in paths:
        read_article_file(path)
    elapsed = time.perf_counter() - started
    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        for path in paths[:1000]:
            read_article_file(path)
        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(15)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument(
        "--databases", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"]
    )
    parser.add_argument(
        "--database-name", default="archive_bench", help="PostgreSQL database to re-create"
    )
    parser.add_argument("--profile", action="store_true", help="profile the parse of 1,000 files")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    if args.profile:
        sys.path.insert(0, str(ROOT))
        with tempfile.TemporaryDirectory() as tmp:
            generate(Path(tmp), 1000)
            seconds = parse_only(Path(tmp), profile=True)
        print(f"parse only: 1000 files in {seconds:.2f} s ({1000 / seconds:.0f} files/s)")
        return
    print(
        f"{'database':<11} {'files':>7} {'seconds':>8} {'files/s':>8} {'re-run s':>9} "
        f"{'peak RSS MB':>12} {'parse/s':>8}"
    )
    for database in args.databases:
        for count in args.sizes:
            row = run_one(database, count, args.database_name)
            assert row["articles"] == count, row
            print(
                f"{database:<11} {count:>7} {row['seconds']:>8.2f} {count / row['seconds']:>8.0f} "
                f"{row['rerun_seconds']:>9.2f} {row['rss_peak_mb']:>12.0f} "
                f"{count / row['parse_seconds']:>8.0f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
