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

import hashlib
import re
import zlib

import numpy as np
from datasketch import MinHash

from archive.normalization import normalize_arabic
from archive.normalization import words as normalized_words

NUM_PERM = 128
SHINGLE = 3
BANDS, ROWS = 32, 2
THRESHOLD = 0.2
_WORD = re.compile(r"\w+")
# CRC-32 hashes a shingle a few times faster than datasketch's SHA-1 default;
# the permutations spread its values as well (benchmarks/stories.py).
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=zlib.crc32)
SIGNATURE_BYTES = NUM_PERM * 4

assert BANDS * ROWS <= NUM_PERM  # the bands read the first BANDS * ROWS values


def shingles(text: str) -> set[bytes]:
    """The runs of ``SHINGLE`` words of ``text`` once normalised (a text shorter
    than that: its words as one shingle)."""
    words = _WORD.findall(normalize_arabic(text).casefold())
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> bytes:
    """The MinHash of ``text``'s shingles, ``NUM_PERM`` little-endian uint32."""
    minhash = MinHash(
        num_perm=NUM_PERM,
        hashfunc=zlib.crc32,
        permutations=_TEMPLATE.permutations,
        scheme=_TEMPLATE.scheme,
    )
    found = _shingle_views(text)
    if found:
        minhash.update_batch(found)
    return minhash.hashvalues.astype("<u4").tobytes()


def _shingle_views(text: str) -> list[memoryview]:
    """The bytes of :func:`shingles`, as views into one buffer of the words joined by
    spaces (each shingle is a run of it): no string built per shingle. A shingle that
    occurs twice is there twice, which leaves a MinHash (a minimum) as it is."""
    words = normalized_words(normalize_arabic(text).casefold())
    if not words:
        return []
    joined = " ".join(words).encode()
    if len(words) < SHINGLE:
        return [memoryview(joined)]
    # A word is \w characters: no space byte in its UTF-8, so the spaces are the joins.
    spaces = np.flatnonzero(np.frombuffer(joined, np.uint8) == 32).tolist()
    starts = [0, *[space + 1 for space in spaces]]
    ends = [*spaces, len(joined)]
    view = memoryview(joined)
    count = len(words) - SHINGLE + 1
    return [view[start:end] for start, end in zip(starts[:count], ends[SHINGLE - 1 :], strict=True)]


def similarity(a: bytes, b: bytes) -> float:
    """The share of positions where two signatures agree: the estimated Jaccard
    similarity of the two texts' shingles."""
    if len(a) != SIGNATURE_BYTES or len(b) != SIGNATURE_BYTES:
        return 0.0
    # count_nonzero, not mean: grouping calls this per candidate, and mean's
    # generic reduction costs three times as much on 128 values.
    agree = np.count_nonzero(np.frombuffer(a, "<u4") == np.frombuffer(b, "<u4"))
    return agree / NUM_PERM


def band_keys(sig: bytes) -> list[int]:
    """One signed 64-bit key per band: the band's number and its ``ROWS`` values,
    hashed."""
    size = ROWS * 4
    keys = []
    for band in range(BANDS):
        digest = hashlib.blake2b(
            sig[band * size : (band + 1) * size], digest_size=8, key=band.to_bytes(2, "little")
        ).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys
