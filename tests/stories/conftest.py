"""Seven outlets running seed 002's report of the 13 August MoU, besides the
seeds: one story, eight copies, written at test time from the seed's text."""

from __future__ import annotations

import pytest

from archive.loading import article_paths, load_article_files
from archive.models import Article
from tests.stories.copies import wire_copy

OUTLETS = [
    ("light", "وكالة الأنباء"),
    ("light", "صحيفة الوطن"),
    ("medium", "موقع المدن"),
    ("medium", "قناة الحدث"),
    ("medium", "صحيفة الشرق"),
    ("heavy", "إذاعة دمشق"),
    ("heavy", "موقع الخبر"),
]


@pytest.fixture
def mou_copies(loaded_seeds, tmp_path):
    """The seeds loaded, then seven wire copies of 002; returns the seeds and
    the copies' articles."""
    body = loaded_seeds["002"].body
    folder = tmp_path / "outlets"
    folder.mkdir()
    for number, (strength, outlet) in enumerate(OUTLETS):
        text = wire_copy(
            body, seed=outlet, strength=strength, headline=f"{outlet}: اتفاقية تعاون عسكري"
        )
        (folder / f"outlet-{number}.txt").write_text(text, encoding="utf-8")
    summary = load_article_files(article_paths([folder]))
    assert summary.counts["created"] == len(OUTLETS)
    copies = list(Article.objects.filter(source_file__startswith="outlet-").order_by("source_file"))
    return loaded_seeds, copies
