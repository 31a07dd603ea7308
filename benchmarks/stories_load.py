"""What stories cost the loader: ``load_seeds`` on N generated files with and without
signatures and grouping, SQLite and PostgreSQL.

The files are ``benchmarks/load_seeds.py``'s (the seeds, dates changed, paragraphs
shuffled: five reports run N/5 times each, the worst case for grouping). Each run loads
them into a fresh database with the real command; "without" replaces the signature with
an empty one (in the parse worker too) and grouping with nothing, which is the loader
before stories. Prints a table of wall time and of CPU time (the load and its parse
workers; on PostgreSQL not the server's): on a busy machine the CPU columns still
compare, the wall ones do not.

    .venv/bin/python benchmarks/stories_load.py                          # N = 10000
    .venv/bin/python benchmarks/stories_load.py --sizes 2000 --databases sqlite
    .venv/bin/python benchmarks/stories_load.py --repeat 3     # best of three of each
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "benchmarks"))  # load_seeds.py; after the apps (api/ is one)

WITHOUT = os.environ.get("BENCH_STORIES") == "off"
if WITHOUT:
    # Module level, so that the loader's spawned parse worker (which imports
    # this script again as __mp_main__) signs nothing either.
    import archive.preparing

    archive.preparing._signature = lambda file: b""


def _disable_grouping() -> None:
    from archive import loading
    from archive.stories import Grouping

    loading.group = lambda signatures, keys=None: Grouping([None] * len(signatures), [], {}, [])
    loading.record = lambda grouping, ids: None


def generate_distinct(directory: Path, count: int, seed: int = 11) -> None:
    """``count`` files each its own report: ``load_seeds.py``'s files with the
    words of every paragraph shuffled (the same parse, no two alike)."""
    import random

    from load_seeds import generate

    generate(directory, count, seed)
    rng = random.Random(seed)
    for path in sorted(directory.iterdir()):
        lines = path.read_text(encoding="utf-8").split("\n")
        head, body = lines[:6], lines[6:]
        shuffled = []
        for line in body:
            words = line.split()
            if len(words) > 8:
                rng.shuffle(words)
            shuffled.append(" ".join(words))
        path.write_text("\n".join(head + shuffled), encoding="utf-8")


def _cpu() -> float:
    """CPU seconds of this process and its ended children (the loader's parse
    workers, joined when it ends), user and system: the work done, which a
    busy machine does not change as it changes the wall time. SQLite's work is
    in it; a PostgreSQL server's is not."""
    import resource

    own, ended = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + ended.ru_utime + ended.ru_stime


def child(files: str) -> None:
    import django

    django.setup()
    if WITHOUT:
        _disable_grouping()
    from django.core.management import call_command

    from archive.models import Article, Story, StoryBand

    started, cpu = time.perf_counter(), _cpu()
    with open(os.devnull, "w") as sink:
        call_command("load_seeds", files, stdout=sink, stderr=sink)
    elapsed, cpu = time.perf_counter() - started, _cpu() - cpu
    print(
        json.dumps(
            {
                "seconds": elapsed,
                "cpu": cpu,
                "articles": Article.objects.count(),
                "stories": Story.objects.count(),
                "bands": StoryBand.objects.count(),
            }
        )
    )


def run(database: str, files: Path, without: bool, name: str = "archive_bench_stories") -> dict:
    from load_seeds import migrated_env

    with tempfile.TemporaryDirectory() as tmp:
        env = migrated_env(database, name, Path(tmp), BENCH_STORIES="off" if without else "on")
        result = subprocess.run(
            [sys.executable, __file__, "--child", str(files)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000])
    parser.add_argument(
        "--databases", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"]
    )
    parser.add_argument(
        "--kinds",
        nargs="+",
        default=["5 reports, copies", "all distinct"],
        choices=["5 reports, copies", "all distinct"],
    )
    parser.add_argument(
        "--database-name", default="archive_bench_stories", help="PostgreSQL database to re-create"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each, without and with: the best is shown"
    )
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    from load_seeds import generate

    kinds = {"5 reports, copies": generate, "all distinct": generate_distinct}
    print(
        "| database | files | kind | without stories (s) | with stories (s) | overhead "
        "| CPU without (s) | CPU with (s) | CPU overhead | stories | band rows |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for count in args.sizes:
        for kind in args.kinds:
            with tempfile.TemporaryDirectory() as tmp:
                files = Path(tmp) / "files"
                files.mkdir()
                kinds[kind](files, count)
                for database in args.databases:
                    offs, ons = [], []
                    for _ in range(args.repeat):  # alternated: a busy spell hits both
                        offs.append(run(database, files, without=True, name=args.database_name))
                        ons.append(run(database, files, without=False, name=args.database_name))
                    off = min(offs, key=lambda result: result["seconds"])
                    on = min(ons, key=lambda result: result["seconds"])
                    overhead = 100 * (on["seconds"] - off["seconds"]) / off["seconds"]
                    cpu_off = min(result["cpu"] for result in offs)
                    cpu_on = min(result["cpu"] for result in ons)
                    print(
                        f"| {database} | {count:,} | {kind} | {off['seconds']:.1f} | "
                        f"{on['seconds']:.1f} | {overhead:+.1f}% | {cpu_off:.1f} | {cpu_on:.1f} | "
                        f"{100 * (cpu_on - cpu_off) / cpu_off:+.1f}% | {on['stories']:,} | "
                        f"{on['bands']:,} |",
                        flush=True,
                    )


if __name__ == "__main__":
    main()
