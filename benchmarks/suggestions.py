"""How good are the topics' keyword rules? Suggestions on the five seeds
against a hand-made key (``tests/annotations/suggestion_key.py``).

    .venv/bin/python benchmarks/suggestions.py
    .venv/bin/python benchmarks/suggestions.py --rules 0002 --suggester old_suggestions.py

Per topic: how many suggestions the rules make, how many of them overlap a
passage of the key (precision), how many key passages some suggestion
overlaps (recall), the mean suggestion length in characters, and the share
of the suggested text that lies inside key passages (a whole paragraph
overlaps a key passage easily; most of its text is not what an editor keeps). ``--rules``
names the migration whose starting rules to use (default: the latest);
``--suggester`` a file holding another ``suggested_passages(body, topic)``
(e.g. an earlier version of ``annotations/suggestions.py``, for a before and
after). No database is touched.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from annotations.models import Topic  # noqa: E402
from archive.parsing.article import parse_article  # noqa: E402

RULE_MIGRATIONS = {
    "0002": "annotations/migrations/0002_starting_topics.py",
    "0010": "annotations/migrations/0010_clause_keyword_rules.py",
}


def load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def starting_rules(migration: str) -> dict[str, str]:
    module = load(ROOT / RULE_MIGRATIONS[migration], f"rules_{migration}")
    if hasattr(module, "RULES"):
        return dict(module.RULES)
    return {topic["slug"]: topic["keywords"] for topic in module.TOPICS}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", choices=sorted(RULE_MIGRATIONS), default="0010")
    parser.add_argument("--show", action="store_true", help="print false alarms and misses")
    parser.add_argument("--suggester", type=Path, default=ROOT / "annotations" / "suggestions.py")
    args = parser.parse_args()

    suggester = load(args.suggester, "suggester")
    key = load(ROOT / "tests" / "annotations" / "suggestion_key.py", "suggestion_key").KEY
    bodies = {
        path.name[:3]: parse_article(path.read_text(encoding="utf-8")).body
        for path in sorted((ROOT / "seeds").glob("*.txt"))
    }
    rules = starting_rules(args.rules)
    print(f"rules of migration {args.rules}, suggester {args.suggester}")
    print()
    print(
        "| topic | suggestions | on a key passage | precision | key passages | found | recall "
        "| mean length | text on the key |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    totals = [0, 0, 0, 0, 0, 0]
    for slug, keywords in rules.items():
        topic = Topic(slug=slug, keywords=keywords)
        suggested = []
        for seed, body in bodies.items():
            suggested += [(seed, s.start, s.end) for s in suggester.suggested_passages(body, topic)]
        passages = []
        for seed, topic_slug, phrase in key:
            if topic_slug == slug:
                start = bodies[seed].index(phrase)
                passages.append((seed, start, start + len(phrase)))

        def overlaps(a, b):
            return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]

        hits = sum(any(overlaps(s, p) for p in passages) for s in suggested)
        found = sum(any(overlaps(p, s) for s in suggested) for p in passages)
        length = sum(end - start for _seed, start, end in suggested)
        # characters of the suggestions that lie inside a key passage of the topic
        inside = 0
        for seed, start, end in suggested:
            covered = set()
            for p_seed, p_start, p_end in passages:
                if p_seed == seed:
                    covered.update(range(max(start, p_start), min(end, p_end)))
            inside += len(covered)
        values = (len(suggested), hits, len(passages), found, length, inside)
        totals = [t + v for t, v in zip(totals, values, strict=True)]
        print(_row(slug, *values))
        if args.show:
            for s in suggested:
                if not any(overlaps(s, p) for p in passages):
                    print(f"    false alarm {s[0]}: {bodies[s[0]][s[1] : s[2]]}")
            for p in passages:
                if not any(overlaps(p, s) for s in suggested):
                    print(f"    missed {p[0]}: {bodies[p[0]][p[1] : p[2]]}")
    print(_row("all", *totals))


def _row(name, suggestions, hits, passages, found, length, inside) -> str:
    precision = f"{hits / suggestions:.0%}" if suggestions else "–"
    recall = f"{found / passages:.0%}" if passages else "–"
    mean = f"{length / suggestions:.0f}" if suggestions else "–"
    on_key = f"{inside / length:.0%}" if length else "–"
    return (
        f"| {name} | {suggestions} | {hits} | {precision} | {passages} | {found} | {recall} "
        f"| {mean} | {on_key} |"
    )


if __name__ == "__main__":
    main()
