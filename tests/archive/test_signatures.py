"""The signature's values: datasketch's MinHash of the text's shingles, and on the
hand-labelled real pairs (``tests/stories/pairs.json``, files under ``../shared/``;
skipped, saying so, when it is absent) the precision and recall the threshold was
chosen for."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from datasketch import MinHash

from archive import signatures
from archive.normalization import normalize_arabic
from archive.parsing import read_article_file

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def _seed_body(number: str) -> str:
    return read_article_file(next((ROOT / "seeds").glob(f"{number}*.txt"))).parsed.body


def test_the_signature_is_datasketchs_minhash_of_the_shingle_hashes():
    body = _seed_body("000")
    hashes = signatures.shingle_hashes(body)
    reference = MinHash(num_perm=signatures.NUM_PERM, seed=1, scheme="affine32", hashfunc=int)
    reference.update_batch(hashes.tolist())
    assert [list(values) for values in reference.permutations] == [
        list(signatures._A),
        list(signatures._B),
    ]
    assert signatures.signature(body) == reference.hashvalues.astype("<u4").tobytes()
    assert len(signatures.signature(body)) == signatures.SIGNATURE_BYTES


def test_one_hash_per_run_of_three_words_and_the_order_of_words_counts():
    words = normalize_arabic("وقعت تركيا وسوريا مذكرة تفاهم للتدريب العسكري").split()
    hashes = signatures.shingle_hashes(" ".join(words))
    assert len(hashes) == len(words) - 2 == 5
    swapped = signatures.shingle_hashes(" ".join([words[1], words[0], *words[2:]]))
    assert hashes[0] != swapped[0] and list(hashes[2:]) == list(swapped[2:])
    assert len(signatures.shingle_hashes("تركيا")) == 1  # a short text is one shingle
    assert signatures.signature("") == b"\xff" * signatures.SIGNATURE_BYTES


def test_band_keys_differ_between_bands_holding_the_same_values():
    same_values = bytes(range(8)) * (signatures.NUM_PERM // 2)
    keys = signatures.band_keys(same_values)
    assert len(keys) == len(set(keys)) == signatures.BANDS
    assert all(-(2**63) <= key < 2**63 for key in keys)
    assert signatures.band_keys(signatures.signature(_seed_body("000"))) == signatures.band_keys(
        signatures.signature(_seed_body("000"))
    )


def test_the_real_pairs_are_told_apart_at_the_chosen_threshold():
    if not (SHARED / "real-pages").is_dir():
        pytest.skip("../shared/real-pages is absent: the labelled pairs' files are there")
    spec = importlib.util.spec_from_file_location("stories_bench", ROOT / "benchmarks/stories.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    scored = bench.scored_pairs()
    grouped = [p for p in scored if p["candidate"] and p["estimate"] >= signatures.THRESHOLD]
    same = [p for p in scored if p["label"] == "same"]
    assert (len(scored), len(same)) == (221, 95)
    assert [p for p in grouped if p["label"] != "same"] == []  # precision 1.0
    assert len(grouped) == 93  # recall 93 of 95
