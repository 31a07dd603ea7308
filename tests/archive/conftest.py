"""Fixtures of the archive's tests: seed 002's report of the 13 August MoU as
seven outlets ran it, besides the seeds (one story, eight copies). Imports stay
inside the fixtures: the pure parser tests under ``parsing/`` run without Django."""

from __future__ import annotations

import pytest


@pytest.fixture
def mou_copies(loaded_seeds, tmp_path):
    """The seeds loaded, then seven wire copies of 002; returns the seeds and
    the copies' articles."""
    from tests import factories

    return loaded_seeds, factories.mou_copies(loaded_seeds, tmp_path / "outlets")
