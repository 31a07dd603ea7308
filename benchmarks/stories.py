"""Stories: precision and recall of the near-duplicate test on the hand-labelled pairs.

Reads ``tests/stories/pairs.json`` (real files under ``../shared/``, labelled same or
different story; the second of a "same" pair made at run time by
``tests/stories/copies.py``), takes each file's body as the loader would (the text
parser; a saved page through the page reader), and prints, per threshold, how the
signatures (``archive.signatures``: MinHash, LSH bands) sort the pairs:

    .venv/bin/python benchmarks/stories.py
    .venv/bin/python benchmarks/stories.py --misses     # the pairs judged wrong

"grouped" means what the loader does: the two share an LSH band key (a candidate)
and their signatures agree at the threshold or more.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from archive import signatures as sig  # noqa: E402
from archive.importers.html import extract_page  # noqa: E402
from archive.parsing import parse_article, read_article_file  # noqa: E402
from tests.stories.copies import saved_page, wire_copy  # noqa: E402

SHARED = ROOT.parent / "shared"
PAIRS = ROOT / "tests" / "stories" / "pairs.json"


def body_of(name: str, copy: str | None = None) -> str:
    """The body the loader keeps for ``name`` (or for its copy)."""
    path = SHARED / name
    if copy is None:
        return read_article_file(path).parsed.body
    # Another outlet runs the article as published (its body), not the crawl.
    text = read_article_file(path).parsed.body
    if copy == "saved-page":
        return extract_page(saved_page(text, seed=name)).parsed.body
    strength = copy.split(":", 1)[1]
    return parse_article(wire_copy(text, seed=name, strength=strength)).body


def jaccard(a: str, b: str) -> float:
    x, y = sig.shingles(a), sig.shingles(b)
    return len(x & y) / len(x | y) if x | y else 0.0


def scored_pairs() -> list[dict]:
    pairs = json.loads(PAIRS.read_text(encoding="utf-8"))["pairs"]
    cache: dict[tuple, tuple[str, bytes]] = {}

    def get(name, copy=None):
        if (name, copy) not in cache:
            body = body_of(name, copy)
            cache[(name, copy)] = (body, sig.signature(body))
        return cache[(name, copy)]

    scored = []
    for pair in pairs:
        a_body, a_sig = get(pair["a"])
        b_body, b_sig = get(pair["b"], pair.get("b_copy"))
        scored.append(
            {
                **pair,
                "jaccard": jaccard(a_body, b_body),
                "estimate": sig.similarity(a_sig, b_sig),
                "candidate": bool(set(sig.band_keys(a_sig)) & set(sig.band_keys(b_sig))),
            }
        )
    return scored


def table(scored: list[dict], thresholds) -> None:
    same = [p for p in scored if p["label"] == "same"]
    print(
        f"{len(scored)} pairs: {len(same)} same story, {len(scored) - len(same)} different; "
        f"MinHash {sig.NUM_PERM} permutations, {sig.SHINGLE}-word shingles, "
        f"LSH {sig.BANDS} bands x {sig.ROWS} rows"
    )
    print("| threshold | grouped | true | false | missed | precision | recall |")
    print("|---|---|---|---|---|---|---|")
    for threshold in thresholds:
        grouped = [p for p in scored if p["candidate"] and p["estimate"] >= threshold]
        true = sum(p["label"] == "same" for p in grouped)
        false = len(grouped) - true
        missed = len(same) - true
        precision = true / len(grouped) if grouped else 1.0
        recall = true / len(same) if same else 1.0
        mark = " (chosen)" if abs(threshold - sig.THRESHOLD) < 1e-9 else ""
        print(
            f"| {threshold:.2f}{mark} | {len(grouped)} | {true} | {false} | {missed} | "
            f"{precision:.3f} | {recall:.3f} |"
        )
    different = [p["jaccard"] for p in scored if p["label"] == "different"]
    copies = [p["jaccard"] for p in same]
    print()
    print(
        f"shingle Jaccard: different stories at most {max(different):.3f}, "
        f"same story at least {min(copies):.3f} (median {sorted(copies)[len(copies) // 2]:.3f})"
    )
    print(f"LSH candidates among same-story pairs: {sum(p['candidate'] for p in same)}/{len(same)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="list the pairs judged wrong")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    scored = scored_pairs()
    print(f"(bodies read and signed in {time.perf_counter() - started:.1f} s)")
    table(scored, [0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7])
    if args.misses:
        for p in scored:
            grouped = p["candidate"] and p["estimate"] >= sig.THRESHOLD
            if grouped != (p["label"] == "same"):
                print(
                    f"{p['label']:<9} {p['a']} ~ {p['b']} {p.get('b_copy', '')}: "
                    f"jaccard {p['jaccard']:.3f}, estimate {p['estimate']:.3f}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
