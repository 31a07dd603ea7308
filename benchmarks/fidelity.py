"""Fidelity: how much of each page the loader reads right, judged against an answer key.

Loads every ``NNN.txt`` of a folder through the real parser (the same code ``load_seeds``
runs: ``read_article_file``) and scores it against the folder's ``expected.json``
(title, stated publication date/time, attribution, sentences that must stay in the body,
debris that must go). Prints the table of the issue:

    .venv/bin/python benchmarks/fidelity.py ../shared/real-pages/part2
    .venv/bin/python benchmarks/fidelity.py ../shared/real-pages/part1 --files   # per file
    .venv/bin/python benchmarks/fidelity.py ../shared/real-pages/part1 --only 014 -v

How each line is counted (the key's ``rules`` field says how the key was written):

- dates right / stated: files whose key states a publication date (``date_optional``
  files aside); right when the parser's published date is that day and its time that
  time (or no time where the key has none).
- invented dates: a published date where the key states none (or, for a
  ``date_optional`` file, a date other than the key's), plus wrong dates on dated files.
- titles right / stated: the parser's title (not derived) is the key's title or one of
  ``title_also_acceptable`` (whitespace collapsed).
- debris left: ``body_must_not_contain`` strings found in the body.
- sentences kept: ``body_must_contain`` strings found in the body.
- attribution: key names found among the parser's attributions; "wrong" counts returned
  names in neither ``attribution`` nor ``attribution_optional``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from archive.normalization import normalize_arabic  # noqa: E402
from archive.parsing import ParseError, read_article_file  # noqa: E402

TARGETS = {
    "dates": 0.95,
    "titles": 0.90,
    "sentences": 0.97,
    "debris": 0.05,  # at most this share left
    "attribution": 0.85,
}


def _key(text: str) -> str:
    return " ".join(normalize_arabic(text).lower().split()).strip(" .:()«»\"'-–—/|")


@dataclass
class FileScore:
    file: str
    error: str = ""
    date_stated: bool = False
    date_right: bool = False
    date_invented: bool = False
    date_seen: str = ""
    date_expected: str = ""
    title_stated: bool = False
    title_right: bool = False
    title_seen: str = ""
    title_expected: str = ""
    title_where_none: bool = False
    debris_total: int = 0
    debris_left: list[str] = field(default_factory=list)
    sentences_total: int = 0
    sentences_lost: list[str] = field(default_factory=list)
    attribution_total: int = 0
    attribution_found: int = 0
    attribution_missed: list[str] = field(default_factory=list)
    attribution_wrong: list[str] = field(default_factory=list)
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0


def _format_date(parsed) -> str:
    if parsed is None:
        return "none"
    text = parsed.date.isoformat()
    if parsed.time is not None:
        text += " " + parsed.time.strftime("%H:%M")
    return text


def score_file(path: Path, key: dict) -> tuple[FileScore, object]:
    score = FileScore(path.name)
    started = time.perf_counter()
    try:
        loaded = read_article_file(path)
    except ParseError as error:
        loaded = None
        score.error = str(error)
    score.seconds = time.perf_counter() - started
    parsed = loaded.parsed if loaded else None

    # dates
    expected_date = key["published_date"]
    expected = "none"
    if expected_date:
        expected = expected_date + (f" {key['published_time']}" if key["published_time"] else "")
    score.date_expected = expected
    seen = _format_date(parsed.published if parsed else None)
    score.date_seen = seen
    if expected_date and not key["date_optional"]:
        score.date_stated = True
        score.date_right = seen == expected
        score.date_invented = seen not in (expected, "none")
    else:
        allowed = {"none", expected} if key["date_optional"] else {"none"}
        score.date_invented = seen not in allowed

    # titles
    accepted = [t for t in [key["title"], *key.get("title_also_acceptable", [])] if t]
    score.title_expected = key["title"] or "none"
    if parsed is not None:
        score.title_seen = ("(derived) " if parsed.title_derived else "") + parsed.title
    if key["title"]:
        score.title_stated = True
        score.title_right = bool(
            parsed
            and not parsed.title_derived
            and " ".join(parsed.title.split()) in {" ".join(t.split()) for t in accepted}
        )
    else:
        score.title_where_none = bool(parsed and not parsed.title_derived)

    body = parsed.body if parsed else ""
    score.debris_total = len(key["body_must_not_contain"])
    score.debris_left = [s for s in key["body_must_not_contain"] if s in body]
    score.sentences_total = len(key["body_must_contain"])
    score.sentences_lost = [s for s in key["body_must_contain"] if s not in body]

    returned = [(_key(m.name), _key(m.text)) for m in (parsed.attributions if parsed else ())]
    wanted = [_key(name) for name in key["attribution"]]
    optional = [_key(name) for name in key.get("attribution_optional", [])]
    score.attribution_total = len(wanted)

    def matches(name: str, got: tuple[str, str]) -> bool:
        return any(name and (name == g or name in g.split(" ") or name == g) for g in got) or any(
            name and g and (name in g or g in name) for g in got
        )

    for raw, name in zip(key["attribution"], wanted, strict=True):
        if any(matches(name, got) for got in returned):
            score.attribution_found += 1
        else:
            score.attribution_missed.append(raw)
    for mention in parsed.attributions if parsed else ():
        got = (_key(mention.name), _key(mention.text))
        if not any(matches(name, got) for name in wanted + optional):
            score.attribution_wrong.append(mention.text)
    score.warnings = tuple(parsed.warnings) if parsed else ()
    return score, parsed


def _ratio(part: int, whole: int) -> str:
    return f"{part} of {whole}" + (f" ({100 * part / whole:.0f}%)" if whole else "")


def summarise(scores: list[FileScore]) -> list[tuple[str, str, str, bool | None]]:
    dates_stated = sum(s.date_stated for s in scores)
    dates_right = sum(s.date_right for s in scores)
    invented = sum(s.date_invented for s in scores)
    titles_stated = sum(s.title_stated for s in scores)
    titles_right = sum(s.title_right for s in scores)
    debris_total = sum(s.debris_total for s in scores)
    debris_left = sum(len(s.debris_left) for s in scores)
    sentences_total = sum(s.sentences_total for s in scores)
    sentences_kept = sentences_total - sum(len(s.sentences_lost) for s in scores)
    attribution_total = sum(s.attribution_total for s in scores)
    attribution_found = sum(s.attribution_found for s in scores)
    attribution_wrong = sum(len(s.attribution_wrong) for s in scores)
    failed = sum(bool(s.error) for s in scores)

    def share(part, whole):
        return part / whole if whole else 1.0

    return [
        ("files loaded", _ratio(len(scores) - failed, len(scores)), "all", failed == 0),
        (
            "publication dates right / stated",
            _ratio(dates_right, dates_stated),
            "≥ 95%",
            share(dates_right, dates_stated) >= TARGETS["dates"],
        ),
        ("invented or wrong dates", str(invented), "0", invented == 0),
        (
            "titles right / stated",
            _ratio(titles_right, titles_stated),
            "≥ 90%",
            share(titles_right, titles_stated) >= TARGETS["titles"],
        ),
        (
            "titles claimed where none stated",
            str(sum(s.title_where_none for s in scores)),
            "",
            None,
        ),
        (
            "debris strings left in the body",
            _ratio(debris_left, debris_total),
            "≤ 5%",
            share(debris_left, debris_total) <= TARGETS["debris"],
        ),
        (
            "genuine body sentences kept",
            _ratio(sentences_kept, sentences_total),
            "≥ 97%",
            share(sentences_kept, sentences_total) >= TARGETS["sentences"],
        ),
        (
            "attribution found",
            _ratio(attribution_found, attribution_total),
            "≥ 85%",
            share(attribution_found, attribution_total) >= TARGETS["attribution"],
        ),
        ("attribution names not in the key", str(attribution_wrong), "", None),
    ]


def print_table(rows, title: str) -> None:
    print(title)
    width = max(len(r[0]) for r in rows)
    print(f"| {'what':<{width}} | {'found':<16} | {'target':<6} | met |")
    print(f"|{'-' * (width + 2)}|{'-' * 18}|{'-' * 8}|-----|")
    for what, found, target, met in rows:
        mark = "" if met is None else ("yes" if met else "NO")
        print(f"| {what:<{width}} | {found:<16} | {target:<6} | {mark:<3} |")


def print_file(score: FileScore, verbose: bool, parsed) -> None:
    flags = []
    if score.error:
        flags.append(f"FAILED {score.error}")
    if score.date_stated and not score.date_right or score.date_invented:
        flags.append(f"date {score.date_seen} (key {score.date_expected})")
    if score.title_stated and not score.title_right:
        flags.append(f"title {score.title_seen[:50]!r} (key {score.title_expected[:50]!r})")
    if score.title_where_none:
        flags.append(f"title claimed {score.title_seen[:50]!r} (key none)")
    if score.debris_left:
        flags.append(f"debris left {len(score.debris_left)}/{score.debris_total}")
    if score.sentences_lost:
        flags.append(f"lost {len(score.sentences_lost)}/{score.sentences_total}")
    if score.attribution_missed:
        flags.append(f"attribution missed {score.attribution_missed}")
    if score.attribution_wrong:
        flags.append(f"attribution not in key {score.attribution_wrong}")
    print(f"{score.file}: " + ("; ".join(flags) if flags else "ok"))
    if verbose:
        for text in score.debris_left:
            print(f"    debris left: {text!r}")
        for text in score.sentences_lost:
            print(f"    lost: {text!r}")
        for text in score.warnings:
            print(f"    warning: {text}")
        if parsed is not None:
            print("    --- body ---")
            for paragraph in parsed.body.split("\n\n"):
                print(f"    | {paragraph[:160]}")


def run(folder: Path, only: list[str] | None = None):
    key = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    scores = []
    parsed_by_file = {}
    for entry in key["articles"]:
        if only and not any(entry["file"].startswith(o) for o in only):
            continue
        score, parsed = score_file(folder / entry["file"], entry)
        scores.append(score)
        parsed_by_file[entry["file"]] = parsed
    return scores, parsed_by_file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path, help="folders holding expected.json")
    parser.add_argument("--files", action="store_true", help="one line per file")
    parser.add_argument("--only", nargs="*", help="file name prefixes to score")
    parser.add_argument("-v", "--verbose", action="store_true", help="show bodies and misses")
    args = parser.parse_args(argv)
    for folder in args.folders:
        if not (folder / "expected.json").is_file():
            print(f"{folder}: no expected.json here", file=sys.stderr)
            return 2
        started = time.perf_counter()
        scores, parsed = run(folder, args.only)
        elapsed = time.perf_counter() - started
        if args.files or args.verbose:
            for score in scores:
                print_file(score, args.verbose, parsed[score.file])
            print()
        rows = summarise(scores)
        print_table(rows, f"{folder} ({len(scores)} files, parsed in {elapsed * 1000:.0f} ms)")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
