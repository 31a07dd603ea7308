"""One story as other outlets run it, made at run time from a real text: a
wire copy re-edited by another desk (its own headline and dateline, its
closing credit, a paragraph or more dropped, connectives reworded), and the
same article saved as a web page. Nothing here is copied from a real site."""

from __future__ import annotations

import random

from tests.importers.pages import news_page

DATELINES = ["دمشق - وكالات:", "أنقرة (رويترز) -", "بيروت - متابعات:", "القاهرة – خاص:", ""]
CREDITS = ["المصدر: وكالات", "(الأناضول)", "اقرأ أيضاً: آخر الأخبار", "", "تابعونا على تلغرام"]
REWORDING = [
    ("وأضاف", "وتابع"),
    ("وقال", "وأكد"),
    ("وأشار", "ولفت"),
    ("اليوم", "يوم"),
    ("كما", "وكذلك"),
    ("إن", "أن"),
]
# How much another desk changes: the share of paragraphs dropped, of rewordings made.
STRENGTHS = {"light": (0.0, 0.3), "medium": (0.25, 0.6), "heavy": (0.45, 1.0)}


def paragraphs_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if len(line.split()) >= 4]


def wire_copy(text: str, *, seed: str, strength: str = "medium", headline: str = "") -> str:
    """``text`` (a real article's lines) as another outlet would run it."""
    rng = random.Random(f"{seed}/{strength}")
    drop, reword = STRENGTHS[strength]
    paragraphs = paragraphs_of(text)
    keep = max(1, round(len(paragraphs) * (1 - drop)))
    # Desks cut from the end, and now and then a paragraph in the middle.
    kept = paragraphs[:keep]
    if len(kept) > 3 and rng.random() < drop:
        kept.pop(rng.randrange(1, len(kept) - 1))
    edited = []
    for paragraph in kept:
        for old, new in REWORDING:
            if rng.random() < reword:
                paragraph = paragraph.replace(old, new, 1)
        edited.append(paragraph)
    dateline = rng.choice(DATELINES)
    if dateline:
        edited[0] = f"{dateline} {edited[0]}"
    credit = rng.choice(CREDITS)
    lines = [headline or f"عاجل | {edited[0][:60]}", *edited, *([credit] if credit else [])]
    return "\n".join(lines)


def saved_page(text: str, *, seed: str) -> str:
    """``text``'s lines as a saved news page (``tests/importers/pages.py``)."""
    lines = [line for line in text.splitlines() if line.strip()]
    return news_page(
        lines[0][:120], lines[1:] or lines, url=f"https://news.example.com/{seed}", published=""
    )
