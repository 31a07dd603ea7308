"""Near-duplicate signatures: what tells that two articles are one story told
twice (a wire copy run by another outlet) and not two reports.

An article's signature is a MinHash over the word shingles (``SHINGLE`` words
in a row) of its normalised body (``archive.normalization``: one spelling per
word); two signatures agree at a share of positions that estimates the
Jaccard similarity of the two sets of shingles. Its LSH band keys (``BANDS``
bands of ``ROWS`` positions, each hashed to one integer) are what the archive
indexes: two articles sharing a key are candidates, checked against
``THRESHOLD``. The values are chosen on a hand-labelled set of real pairs
(``tests/stories/pairs.json``, ``benchmarks/stories.py``).

Plain Python and numpy, no Django: the loader computes signatures in its worker
process.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

from archive.normalization import normalize_arabic
from archive.normalization import words as normalized_words

NUM_PERM = 128
SHINGLE = 3
BANDS, ROWS = 32, 2
THRESHOLD = 0.2
_WORD = re.compile(r"\w+")
# The permutations of datasketch's MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32"),
# drawn as it draws them: h -> a * h + b mod 2**32, ``a`` odd. ``signature`` applies
# them to a whole text's shingle hashes at once, without importing datasketch (its
# import costs each loader worker half a second); tests/archive/test_signatures.py
# holds both the permutations and the values to datasketch's own ``update_batch``.
_DRAW = np.random.RandomState(1)
_A = _DRAW.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
_B = _DRAW.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
SIGNATURE_BYTES = NUM_PERM * 4
_EMPTY = b"\xff" * SIGNATURE_BYTES  # no shingle: every value the maximum

assert BANDS * ROWS <= NUM_PERM  # the bands read the first BANDS * ROWS values
assert ROWS == 2  # a band is two uint32 values: one uint64 (``band_keys``)


def shingles(text: str) -> set[bytes]:
    """The runs of ``SHINGLE`` words of ``text`` once normalised (a text shorter
    than that: its words as one shingle)."""
    words = _WORD.findall(normalize_arabic(text).casefold())
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


class _WordHashes(dict):
    """CRC-32 of a word's UTF-8, kept: most words of a text were met before."""

    LIMIT = 500_000

    def __missing__(self, word: str) -> int:
        if len(self) >= self.LIMIT:
            self.clear()
        value = self[word] = zlib.crc32(word.encode())
        return value


_WORD_HASHES = _WordHashes()
# One odd 64-bit multiplier per place in a shingle: the shingle's hash is the high
# half of the sum of its words' hashes times them (the order of its words counts).
_PLACES = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], np.uint64)
assert len(_PLACES) == SHINGLE


def shingle_hashes(text: str) -> np.ndarray:
    """One uint32 per shingle of :func:`shingles` (in text order; a repeated shingle is
    there again, which leaves a minimum as it is), combined from the hashes of its words
    in numpy: no string is built per shingle."""
    words = normalized_words(normalize_arabic(text).casefold())
    if not words:
        return np.empty(0, np.uint32)
    hashes = np.fromiter(map(_WORD_HASHES.__getitem__, words), np.uint64, len(words))
    count = max(len(words) - SHINGLE + 1, 1)
    combined = np.zeros(count, np.uint64)
    for place in range(min(SHINGLE, len(words))):
        combined += hashes[place : place + count] * _PLACES[place]
    return (combined >> np.uint64(32)).astype(np.uint32)


def _fmix32(values: np.ndarray) -> np.ndarray:
    # MurmurHash3's finaliser, as datasketch's affine schemes pre-mix their input.
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def minhash(hashes: np.ndarray) -> bytes:
    """The MinHash of these shingle hashes, ``NUM_PERM`` little-endian uint32: what
    datasketch's ``MinHash(seed=1, scheme="affine32").update_batch`` gives."""
    if not hashes.size:
        return _EMPTY
    mixed = _fmix32(hashes.astype(np.uint32, copy=False))[:, None]
    return (mixed * _A + _B).min(axis=0).astype("<u4").tobytes()


def signature(text: str) -> bytes:
    """The MinHash of ``text``'s shingles, ``NUM_PERM`` little-endian uint32."""
    return minhash(shingle_hashes(text))


def similarity(a: bytes, b: bytes) -> float:
    """The share of positions where two signatures agree: the estimated Jaccard
    similarity of the two texts' shingles."""
    if len(a) != SIGNATURE_BYTES or len(b) != SIGNATURE_BYTES:
        return 0.0
    # count_nonzero, not mean: grouping calls this per candidate, and mean's
    # generic reduction costs three times as much on 128 values.
    agree = np.count_nonzero(np.frombuffer(a, "<u4") == np.frombuffer(b, "<u4"))
    return agree / NUM_PERM


# A band's key: its two values as one uint64, plus the band's own odd constant,
# through SplitMix64's finaliser (a bijection: two bands or two values never share
# a key by construction, only by a 2**-64 chance).
_BAND_SALT = (np.arange(1, BANDS + 1, dtype=np.uint64) * np.uint64(0xD6E8FEB86659FD93)) | 1


def band_keys(sig: bytes) -> list[int]:
    """One signed 64-bit key per band: the band's number and its ``ROWS`` values,
    mixed."""
    keys = np.frombuffer(sig, "<u8", count=BANDS) + _BAND_SALT
    keys = (keys ^ (keys >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    keys = (keys ^ (keys >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    keys = keys ^ (keys >> np.uint64(31))
    return keys.view(np.int64).tolist()
