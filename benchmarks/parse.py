"""Benchmark: the loader's parse alone, and parse + preparation, in one process.

Two sets of files:

- ``generated``: the files ``benchmarks/load_seeds.py`` loads (the seeds with their
  dates changed and body paragraphs shuffled), 10,000 by default;
- ``real pages``: the 60 real texts of ``../shared/real-pages/part1`` and ``part2``,
  read in a loop to the same number of parses (skipped when the folder is absent).

Two stages for each:

- ``parse``: ``read_article_file`` (read, hash, decode, parse), what the table of
  ``load_seeds.py`` calls ``parse/s``;
- ``parse + prepare``: ``archive.preparing.prepare_files``, the loader worker's whole
  per-file work (the parse, the search text and rank terms, the body's signature).

Each row is the best of ``--repeat`` runs (the machine is shared); the load average
is printed with the table.

    .venv/bin/python benchmarks/parse.py                     # the table
    .venv/bin/python benchmarks/parse.py --count 2000 --repeat 1
    .venv/bin/python benchmarks/parse.py --profile generated # where the parse spends its time
    .venv/bin/python benchmarks/parse.py --profile real --stage prepare
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "benchmarks"))  # after the project: benchmarks/api.py is no app
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

REAL_PAGES = ROOT.parent / "shared" / "real-pages"


def _real_pages() -> list[Path]:
    # ROOT may be a worktree under /work/wt/: look beside it and beside /work/main too
    for base in (REAL_PAGES, Path("/work/shared/real-pages")):
        paths = sorted(p for part in ("part1", "part2") for p in (base / part).glob("*.txt"))
        if paths:
            return paths
    return []


def _looped(paths: list[Path], count: int) -> list[Path]:
    return [paths[index % len(paths)] for index in range(count)]


def _stage(name: str):
    if name == "parse":
        from archive.parsing import read_article_file

        def run(paths: list[Path]) -> None:
            for path in paths:
                read_article_file(path)

        return run
    from archive.preparing import prepare_files

    def run(paths: list[Path]) -> None:
        for start in range(0, len(paths), 500):
            prepare_files(paths[start : start + 500], {})

    return run


def best_of(run, paths: list[Path], repeat: int) -> tuple[float, float]:
    """The best wall-clock seconds of ``repeat`` runs, and the best CPU seconds (the
    process's own time: less moved by other work on a shared machine)."""
    best = cpu = float("inf")
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        run(paths)
        best = min(best, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - started_cpu)
    return best, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10000, help="parses per set")
    parser.add_argument("--repeat", type=int, default=3, help="runs per row; the best is shown")
    parser.add_argument(
        "--profile", choices=["generated", "real"], help="profile one set instead of the table"
    )
    parser.add_argument("--stage", choices=["parse", "prepare"], default="parse")
    parser.add_argument("--top", type=int, default=25, help="profile: functions shown")
    args = parser.parse_args()

    import django

    django.setup()
    from load_seeds import generate

    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), args.count)
        sets = {"generated": sorted(Path(tmp).iterdir())}
        real = _real_pages()
        if real:
            sets["real"] = _looped(real, args.count)
        else:
            print(f"real pages: {REAL_PAGES} not found; that set is skipped", file=sys.stderr)
        # warm up: imports, compiled patterns, the stemmer's cache as the loader has it
        for name in ("parse", "prepare"):
            for paths in sets.values():
                _stage(name)(paths[:200])

        if args.profile:
            paths = sets[args.profile]
            profiler = cProfile.Profile(time.process_time)  # CPU: the machine is shared
            profiler.enable()
            _stage(args.stage)(paths)
            profiler.disable()
            stats = pstats.Stats(profiler)
            stats.sort_stats("tottime").print_stats(args.top)
            stats.sort_stats("cumulative").print_stats(args.top)
            return

        print(f"load average: {open('/proc/loadavg').read().split()[:3]}")
        print(f"best of {args.repeat} runs, one process")
        print(
            f"{'files':<10} {'parses':>7} {'stage':<16} {'seconds':>8} {'files/s':>8} "
            f"{'CPU s':>7} {'CPU files/s':>12} {'CPU ms/file':>12}"
        )
        for set_name, paths in sets.items():
            label = "generated" if set_name == "generated" else f"real ({len(real)})"
            for stage, title in (("parse", "parse"), ("prepare", "parse + prepare")):
                seconds, cpu = best_of(_stage(stage), paths, args.repeat)
                print(
                    f"{label:<10} {len(paths):>7} {title:<16} {seconds:>8.2f} "
                    f"{len(paths) / seconds:>8.0f} {cpu:>7.2f} {len(paths) / cpu:>12.0f} "
                    f"{1000 * cpu / len(paths):>12.3f}",
                    flush=True,
                )
        print(f"load average: {open('/proc/loadavg').read().split()[:3]}")


if __name__ == "__main__":
    main()
