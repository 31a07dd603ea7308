"""Fixtures for the pure parser tests: no Django, no database."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.parsing import ParsedArticle, parse_article

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


def seed_text(number: str) -> str:
    """The raw text of seed file ``number`` ("000" .. "004"), exactly as on disk."""
    (path,) = SEEDS.glob(f"{number}_*.txt")
    return path.read_bytes().decode("utf-8")


@pytest.fixture(scope="session")
def raw() -> dict[str, str]:
    return {number: seed_text(number) for number in ("000", "001", "002", "003", "004")}


@pytest.fixture(scope="session")
def parsed(raw) -> dict[str, ParsedArticle]:
    return {number: parse_article(text) for number, text in raw.items()}
