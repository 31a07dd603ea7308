"""The parser on real Arabic news pages, judged by their hand-written answer keys.

The texts belong to their publishers and stay outside the repository, in
``../shared/real-pages/`` beside the clone; these tests skip, saying so, when it is absent.
``part1`` is what the rules were tuned on: every file's key is asserted. ``part2`` was not
looked at while writing the rules: the aggregate targets it meets are asserted
(``benchmarks/fidelity.py`` prints the whole table).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.normalization import normalize_arabic
from archive.parsing import parse_article

REAL_PAGES = Path(__file__).resolve().parents[4].parent / "shared" / "real-pages"


def _key(folder: str) -> list[dict]:
    path = REAL_PAGES / folder / "expected.json"
    if not path.is_file():
        return []
    return json.loads(path.read_text(encoding="utf-8"))["articles"]


def _text(folder: str, name: str) -> str:
    return (REAL_PAGES / folder / name).read_bytes().decode("utf-8")


def _name(text: str) -> str:
    return " ".join(normalize_arabic(text).lower().split()).strip(" .:()«»\"'-–—/|")


def _credited(name: str, attributions) -> bool:
    wanted = _name(name)
    return any(
        wanted in (_name(m.name), _name(m.text)) or wanted in _name(m.text) for m in attributions
    )


needs_pages = pytest.mark.skipif(
    not (REAL_PAGES / "part1" / "expected.json").is_file(),
    reason=f"the real-pages corpus is not at {REAL_PAGES} (it is kept outside the repository)",
)
PART1 = _key("part1") or [{"file": "absent"}]


@needs_pages
@pytest.mark.parametrize("entry", PART1, ids=[e["file"] for e in PART1])
def test_part1_file_matches_its_key(entry):
    raw = _text("part1", entry["file"])
    article = parse_article(raw)

    # date: the one the page states, or none; never another
    seen = article.published
    if entry["published_date"] and not entry["date_optional"]:
        assert seen is not None, entry["date_evidence"]
        assert seen.date.isoformat() == entry["published_date"]
        if entry["published_time"]:
            assert seen.time.strftime("%H:%M") == entry["published_time"]
        else:
            assert seen.time is None
    elif entry["date_optional"]:
        assert seen is None or seen.date.isoformat() == entry["published_date"]
    else:
        assert seen is None

    # title: the stated one, or derived where the page states none
    if entry["title"]:
        accepted = {" ".join(t.split()) for t in [entry["title"], *entry["title_also_acceptable"]]}
        assert not article.title_derived
        assert " ".join(article.title.split()) in accepted
    else:
        assert article.title_derived

    for sentence in entry["body_must_contain"]:
        assert sentence in article.body
    for debris in entry["body_must_not_contain"]:
        assert debris not in article.body
    for name in entry["attribution"]:
        assert _credited(name, article.attributions), name
    allowed = entry["attribution"] + entry["attribution_optional"]
    for mention in article.attributions:
        assert any(_credited(name, [mention]) for name in allowed), mention

    normalised = raw.lstrip("\ufeff")
    for paragraph in article.body.split("\n\n"):
        assert paragraph in normalised


@needs_pages
def test_part2_meets_the_targets():
    # part2 measured the first rules on unseen pages; its misses were then fixed as
    # classes (tests/archive/parsing/article/test_page_classes.py), so these figures guard them
    entries = _key("part2")
    invented = 0
    debris_total = debris_left = kept = sentences = 0
    dated = dates_right = titled = titles_right = credits = credits_found = 0
    for entry in entries:
        article = parse_article(_text("part2", entry["file"]))
        seen = article.published
        if seen is not None:
            stated = entry["published_date"]
            invented += stated is None or seen.date.isoformat() != stated
        if entry["published_date"] and not entry["date_optional"]:
            dated += 1
            dates_right += seen is not None and seen.date.isoformat() == entry["published_date"]
        if entry["title"]:
            titled += 1
            accepted = {
                " ".join(t.split()) for t in [entry["title"], *entry["title_also_acceptable"]]
            }
            titles_right += (
                not article.title_derived and " ".join(article.title.split()) in accepted
            )
        credits += len(entry["attribution"])
        credits_found += sum(_credited(name, article.attributions) for name in entry["attribution"])
        debris_total += len(entry["body_must_not_contain"])
        debris_left += sum(d in article.body for d in entry["body_must_not_contain"])
        sentences += len(entry["body_must_contain"])
        kept += sum(s in article.body for s in entry["body_must_contain"])
    assert len(entries) == 30
    assert invented == 0
    assert dates_right / dated >= 0.95
    assert titles_right / titled >= 0.90
    assert credits_found / credits >= 0.85
    assert debris_left / debris_total <= 0.05
    assert kept / sentences >= 0.97
