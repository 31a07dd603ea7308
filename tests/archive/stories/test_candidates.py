"""The batch's candidate scoring (numpy, all pairs at once) chooses what the
plain rule chooses, one article after another: the best-agreeing candidate
sharing a band key, of equal scores the last, and in the batch only the
first ``INDEXED_COPIES`` articles to hold a key."""

from __future__ import annotations

import random

import numpy as np
import pytest

from archive.signatures import NUM_PERM, SIGNATURE_BYTES, band_keys
from archive.stories import INDEXED_COPIES, _best_archived, _best_in_batch, _matrix


def _signatures(count: int, rng: random.Random) -> list[bytes]:
    """Five reports and their copies (a share of the values changed, some
    unchanged: equal scores), a few reports of their own, two never signed."""
    bases = [np.array([rng.getrandbits(32) for _ in range(NUM_PERM)], "<u4") for _ in range(5)]
    out = []
    for n in range(count):
        if n in (7, 31):
            out.append(b"")
            continue
        values = (
            bases[n % 5].copy()
            if n % 9
            else np.array([rng.getrandbits(32) for _ in range(NUM_PERM)], "<u4")
        )
        changed = rng.sample(range(NUM_PERM), rng.choice([0, 0, 10, 40, 90]))
        values[changed] = [rng.getrandbits(32) for _ in changed]
        out.append(values.tobytes())
    return out


def _plain_in_batch(keys, valid, sigs):
    best = []
    members: dict[int, list[int]] = {}
    for position, item in enumerate(keys):
        candidates = sorted({o for key in item for o in members.get(key, ()) if valid[o]})
        choice = (-1.0, -1)
        if valid[position]:
            for other in candidates:
                score = np.count_nonzero(sigs[other] == sigs[position]) / NUM_PERM
                if score >= choice[0]:
                    choice = (score, other)
        best.append(choice)
        for key in item:
            if len(members.setdefault(key, [])) < INDEXED_COPIES:
                members[key].append(position)
    return best


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_best_in_batch_is_the_plain_rules_choice(seed):
    rng = random.Random(seed)
    signatures = _signatures(300, rng)
    valid = [len(sig) == SIGNATURE_BYTES for sig in signatures]
    keys = [
        band_keys(sig if ok else bytes(SIGNATURE_BYTES))
        for sig, ok in zip(signatures, valid, strict=True)
    ]
    sigs = _matrix(
        [sig if ok else bytes(SIGNATURE_BYTES) for sig, ok in zip(signatures, valid, strict=True)]
    )
    score, other = _best_in_batch(keys, valid, sigs)
    expected = _plain_in_batch(keys, valid, sigs)
    assert [(float(s), int(o)) for s, o in zip(score, other, strict=True)] == expected
    # The data holds what the rule is about: ties, keys held by more than
    # INDEXED_COPIES articles, and articles with no candidate.
    assert sum(1 for s, _ in expected if s == 1.0) > 20
    assert sum(1 for _, o in expected if o == -1) >= 3
    held = {}
    for item in keys:
        for key in item:
            held[key] = held.get(key, 0) + 1
    assert max(held.values()) > INDEXED_COPIES


def test_the_best_archived_is_the_plain_rules_choice():
    rng = random.Random(5)
    signatures = [sig for sig in _signatures(100, rng) if sig]  # one set of reports
    archived, batch = signatures[:60], signatures[60:]
    stored = _matrix(archived)
    article_ids = [1000 + 3 * n for n in range(len(archived))]
    stories = [500 + n % 7 for n in range(len(archived))]
    known: dict[int, set[int]] = {}
    for pk, sig in zip(article_ids, archived, strict=True):
        for key in band_keys(sig):
            known.setdefault(key, set()).add(pk)
    known.setdefault(band_keys(batch[0])[0], set()).add(99)  # a key naming no stored article
    rows = {pk: row for row, pk in enumerate(article_ids)}
    keys = [band_keys(sig) for sig in batch]
    score, story = _best_archived(keys, known, rows, stored, stories, _matrix(batch))
    for position, sig in enumerate(batch):
        row = np.frombuffer(sig, "<u4")
        candidates = sorted(
            {rows[pk] for key in keys[position] for pk in known.get(key, ()) if pk in rows}
        )
        choice = (-1.0, -1)
        for candidate in candidates:
            agree = np.count_nonzero(stored[candidate] == row) / NUM_PERM
            if agree >= choice[0]:
                choice = (agree, stories[candidate])
        assert (float(score[position]), int(story[position])) == choice
    # Copies and ties among them, and reports of their own with no candidate.
    assert sum(1 for s in score if s == 1.0) > 5
    assert sum(1 for s in story if s == -1) >= 2


def test_a_batch_with_no_band_keys_has_no_candidates():
    sigs = _matrix([bytes(SIGNATURE_BYTES)] * 3)
    score, other = _best_in_batch([[], [], []], [False, False, False], sigs)
    assert score.tolist() == [-1.0, -1.0, -1.0]
    assert other.tolist() == [-1, -1, -1]
    score, story = _best_archived([[], [], []], {}, {}, _matrix([]), [], sigs)
    assert (score.tolist(), story.tolist()) == ([-1.0, -1.0, -1.0], [-1, -1, -1])
