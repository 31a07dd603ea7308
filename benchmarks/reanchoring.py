"""Re-anchoring speed, and the measurement behind the choice of library.

    .venv/bin/python benchmarks/reanchoring.py [--repeat 15]

1. **Libraries** (both maintained, both installed when this was measured):
   ``rapidfuzz`` and ``diff-match-patch``, on the two jobs re-anchoring asks of
   one: the diff of old and new body (the offset map), and finding a quote
   approximately in a body. Bodies are the five seeds' texts, joined.
2. **Re-anchoring 500 passages** after one edit (``archive.anchoring.reanchor``,
   pure Python, no database): a body of about 12,800 code points (the five seeds'
   bodies joined) carrying 500 passages of 20–80 code points, under several
   edits. Target: ≤ 200 ms.

Median and worst of ``--repeat`` runs, printed as tables.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from archive.anchoring import OffsetMap, Span, reanchor  # noqa: E402
from archive.parsing import parse_article  # noqa: E402

PASSAGES = 500
TARGET_MS = 200


def seed_bodies() -> list[str]:
    return [
        parse_article(path.read_text(encoding="utf-8")).body
        for path in sorted((ROOT / "seeds").glob("*.txt"))
    ]


def timed(function, repeat: int) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times), result


def libraries(repeat: int) -> list[tuple]:
    import diff_match_patch
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Indel

    body = "\n\n".join(seed_bodies())
    typo = body.replace("تنيظم", "تنظيم")
    rnd = random.Random(7)
    chars = list(body)
    for _ in range(40):  # forty scattered rewrites: a heavy copy-edit
        at = rnd.randrange(len(chars))
        chars[at : at + rnd.randrange(1, 30)] = "نص معدل"
    heavy = "".join(chars)
    dmp = diff_match_patch.diff_match_patch()
    dmp.Diff_Timeout = 1.0
    rows = []
    for label, new in (("one typo fixed", typo), ("forty rewrites", heavy)):
        median, worst, _ = timed(lambda new=new: Indel.opcodes(body, new), repeat)
        rows.append(("diff", label, "rapidfuzz Indel.opcodes", median, worst, "exact LCS"))
        median, worst, diffs = timed(lambda new=new: dmp.diff_main(body, new, False), repeat)
        equal = sum(len(text) for op, text in diffs if op == 0)
        rows.append(
            ("diff", label, "diff-match-patch diff_main", median, worst, f"{equal} equal chars")
        )

    # Approximate search: a 60-code-point quote with the typo, in the fixed body.
    start = body.index("ومكافحة التنظيمات الإرهابية وعلى رأسها")
    quote = body[start : start + 60]
    long_quote = body[start : start + 200]
    for label, needle in (("60-code-point quote", quote), ("200-code-point quote", long_quote)):
        median, worst, found = timed(
            lambda needle=needle: fuzz.partial_ratio_alignment(needle, typo), repeat
        )
        rows.append(
            (
                "search",
                label,
                "rapidfuzz partial_ratio_alignment",
                median,
                worst,
                f"at {found.dest_start} (true {start}), score {found.score:.1f}",
            )
        )
        dmp.Match_MaxBits = 0  # unlimited pattern length (its default is 32)
        dmp.Match_Threshold = 0.5
        median, worst, found = timed(
            lambda needle=needle: dmp.match_main(typo, needle, start - 500), repeat
        )
        rows.append(
            (
                "search",
                label,
                "diff-match-patch match_main",
                median,
                worst,
                f"at {found} (true {start}), no score",
            )
        )
    return rows


def passages(body: str, count: int, rnd: random.Random) -> list[Span]:
    spans = []
    for key in range(count):
        length = rnd.randrange(20, 81)
        start = rnd.randrange(0, len(body) - length)
        spans.append(Span(key, start, start + length, body[start : start + length]))
    return spans


def reanchoring(repeat: int) -> list[tuple]:
    rnd = random.Random(15)
    body = "\n\n".join(seed_bodies())
    spans = passages(body, PASSAGES, rnd)
    paragraphs = body.split("\n\n")
    edits = {
        "typo fixed (تنيظم → تنظيم)": body.replace("تنيظم", "تنظيم"),
        "sentence added at the top": "جملة جديدة في مقدمة المقال. " + body,
        "paragraph deleted in the middle": "\n\n".join(
            paragraphs[: len(paragraphs) // 2] + paragraphs[len(paragraphs) // 2 + 1 :]
        ),
        "emoji before every paragraph": "\n\n".join("🇹🇷 " + p for p in paragraphs),
        "no change": body,
    }
    rows = []
    for label, new in edits.items():
        median, worst, placements = timed(lambda new=new: reanchor(body, new, spans), repeat)
        methods: dict[str, int] = {}
        for placement in placements:
            methods[placement.method] = methods.get(placement.method, 0) + 1
        diff_ms, _, _ = timed(lambda new=new: OffsetMap(body, new), repeat)
        summary = ", ".join(f"{n} {m}" for m, n in sorted(methods.items()))
        rows.append((label, len(body), median, worst, diff_ms, summary))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    repeat = parser.parse_args().repeat

    print("Libraries (median / worst ms of", repeat, "runs)\n")
    print("| job | input | library | median ms | worst ms | result |")
    print("|---|---|---|---|---|---|")
    for job, label, library, median, worst, result in libraries(repeat):
        print(f"| {job} | {label} | {library} | {median:.2f} | {worst:.2f} | {result} |")

    print(f"\nRe-anchoring {PASSAGES} passages (target ≤ {TARGET_MS} ms)\n")
    print("| edit | body code points | median ms | worst ms | of which diff ms | placed |")
    print("|---|---|---|---|---|---|")
    for label, length, median, worst, diff_ms, summary in reanchoring(repeat):
        print(f"| {label} | {length:,} | {median:.1f} | {worst:.1f} | {diff_ms:.1f} | {summary} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
