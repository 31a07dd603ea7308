"""The agreement measures against values computed by hand (the arithmetic is in
the comments) and against Krippendorff's published unitizing example.

Small cases share a continuum of ten words, 0..9, and two coders A and B
unless said otherwise. No database: the measures are plain Python.
"""

from __future__ import annotations

import numpy as np
import pytest

from agreement.measures import (
    Span,
    Study,
    cohen_kappa,
    figures,
    fleiss_kappa,
    nominal_alpha,
    pair_figures,
    span_f1,
    unitizing_alpha,
    unitizing_alpha_overall,
)

approx = pytest.approx


def study(*spans: tuple[str, str, int, int], coders=("A", "B"), length=10) -> Study:
    return Study(length=length, coders=coders, spans=tuple(Span(*s) for s in spans))


# Krippendorff, Content Analysis: An Introduction to Its Methodology, 2nd ed.
# (Sage, 2004), section 12.4, p. 254: a continuum from 150 to 450 (L = 300),
# two observers i and j, categories c and k. Shifted to start at 0.
def krippendorff_2004() -> Study:
    def at(coder, topic, begin, length):
        return (coder, topic, begin - 150, begin - 150 + length)

    return study(
        at("i", "c", 225, 70),
        at("i", "c", 370, 30),
        at("j", "c", 220, 80),
        at("j", "c", 355, 20),
        at("j", "c", 400, 20),
        at("i", "k", 180, 60),
        at("i", "k", 300, 50),
        at("j", "k", 180, 60),
        at("j", "k", 300, 50),
        coders=("i", "j"),
        length=300,
    )


def test_unitizing_alpha_reproduces_krippendorffs_published_example():
    example = krippendorff_2004()
    c = unitizing_alpha(example, "c")
    # The book: uDo_c = .0144, uDe_c = .0532, u-alpha_c = .7286.
    assert c.observed == approx(0.0144, abs=5e-5)
    assert c.expected == approx(0.0532, abs=5e-5)
    assert c.alpha == approx(0.7286, abs=5e-5)
    k = unitizing_alpha(example, "k")
    # Both observers mark the same k units: uDo_k = 0, uDe_k = .0490, alpha 1.
    assert k.observed == 0
    assert k.expected == approx(0.0490, abs=5e-5)
    assert k.alpha == 1
    # Over both categories, 1 - (.01444 + 0) / (.05322 + .04898): the book
    # prints .8591, from its rounded intermediate values.
    assert unitizing_alpha_overall(example).alpha == approx(0.8591, abs=5e-4)


def test_unitizing_distances_in_the_example():
    # The book's sum of squared distances for c, one order of the observers:
    # units 225+70 / 220+80: 5² + 5² = 50; 370+30 / 355+20: 15² + 25² = 850;
    # j's unit 400+20 inside i's gap 400..450: 20² = 400. 2 × 1300 / (2 × 300²).
    assert unitizing_alpha(krippendorff_2004(), "c").observed == approx(2600 / 180_000)


def test_perfect_agreement():
    perfect = study(("A", "t", 2, 5), ("B", "t", 2, 5))
    result = figures(perfect, "t")
    assert result.unitizing_alpha == 1
    assert result.nominal_alpha == 1
    assert result.cohen_kappa == 1
    assert result.fleiss_kappa == 1
    assert result.f1_exact == 1
    assert result.f1_overlap == 1


def test_no_agreement():
    # A tags words 0-2, B words 5-7.
    none = study(("A", "t", 0, 3), ("B", "t", 5, 8))
    result = figures(none, "t")
    # Cohen: agree on 3, 4, 8, 9 -> p_o = .4; p_e = .3 × .3 + .7 × .7 = .58;
    # (.4 - .58) / .42.
    assert result.cohen_kappa == approx(-0.18 / 0.42)
    # Nominal alpha: n_0 = 14, n_1 = 6, six split units -> 12 mismatched
    # pairs; 1 - 19 × 12 / (2 × 14 × 6) = 1 - 228/168.
    assert result.nominal_alpha == approx(1 - 228 / 168)
    # u-alpha: each unit (length 3) lies in the other's gap: D_o = 2 × 18 / 200
    # = .18. D_e: n = 2 units of 3; gaps 7, 5, 2; per unit (1/3)(54 - 27 + 3)
    # = 10 and 9 × ((7-3+1) + (5-3+1)) = 72; (2/10)(2 × 82) / (20 × 19 - 12)
    # = 32.8 / 368.
    assert result.unitizing_alpha == approx(1 - 0.18 / (32.8 / 368))
    assert result.f1_exact == 0
    assert result.f1_overlap == 0


def test_one_boundary_shifted_by_a_word():
    # A tags words 2-5, B words 2-4: B's passage ends one word earlier.
    shifted = study(("A", "t", 2, 6), ("B", "t", 2, 5))
    result = figures(shifted, "t")
    # Cohen: p_o = .9; p_e = .4 × .3 + .6 × .7 = .54; .36 / .46.
    assert result.cohen_kappa == approx(0.36 / 0.46)
    # Nominal alpha: n_1 = 7, n_0 = 13, one split unit: 1 - 19 × 2 / (2 × 13 × 7).
    assert result.nominal_alpha == approx(1 - 38 / 182)
    # u-alpha: D_o = 2 × (0² + 1²) / (2 × 10²) = .01. D_e: units 4 and 3
    # (n = 2), gaps 2, 4, 2, 5: (1/3)(128 - 48 + 4) = 28 and (1/3)(54 - 27 + 3)
    # = 10; 16 × ((4-4+1) + (5-4+1)) = 48 and 9 × ((4-3+1) + (5-3+1)) = 45;
    # (2/10) × 131 / (380 - 12 - 6) = 26.2 / 362.
    assert result.unitizing_alpha == approx(1 - 0.01 / (26.2 / 362))
    assert result.unitizing_alpha == approx(0.861832, abs=1e-6)
    # Not the same passage, but the same place.
    assert result.f1_exact == 0
    assert result.f1_overlap == 1


def test_a_passage_with_two_topics_counts_for_each():
    # A tags words 2-4 with both topics; B with the first only.
    two = study(("A", "t1", 2, 5), ("A", "t2", 2, 5), ("B", "t1", 2, 5))
    first, second, overall = figures(two, "t1"), figures(two, "t2"), figures(two)
    assert (first.unitizing_alpha, first.cohen_kappa, first.f1_exact) == (1, 1, 1)
    # t2: A's unit (3 words) lies in B's single gap: D_o = 2 × 9 / 200 = .09.
    # D_e: one unit, so no unit-unit term; gaps of at least 3: 5 and 10,
    # 9 × ((5-3+1) + (10-3+1)) = 99; (2/10) × 99 / (380 - 6) = 19.8 / 374.
    assert second.unitizing_alpha == approx(1 - 0.09 / (19.8 / 374))
    assert second.unitizing_alpha == approx(-0.7)
    # Cohen on t2: p_o = .7, p_e = .3 × 0 + .7 × 1 = .7 -> 0 (B never says yes).
    assert second.cohen_kappa == 0
    # Nominal alpha on t2: n_1 = 3, n_0 = 17, three split units: 1 - 19 × 6 / (2 × 17 × 3).
    assert second.nominal_alpha == approx(1 - 114 / 102)
    assert second.f1_exact == 0
    # Overall: units are (word, topic) pairs, 20 of them. Cohen: p_o = 17/20;
    # p_A = 6/20, p_B = 3/20; p_e = .3 × .15 + .7 × .85 = .64; .21 / .36.
    assert overall.cohen_kappa == approx(0.21 / 0.36)
    # Nominal alpha: n_1 = 9, n_0 = 31, 40 values: 1 - 39 × 6 / (2 × 31 × 9).
    assert overall.nominal_alpha == approx(1 - 234 / 558)
    # u-alpha: t1 has D_o = 0, D_e = (2/10)(2 × 10 + 2 × 9 × 3) / 368 = 25.6 / 368.
    assert overall.unitizing_alpha == approx(1 - 0.09 / (25.6 / 368 + 19.8 / 374))
    # Span F1, pooled: A has two spans, B one, one in common: 2 × 1 / 3.
    assert overall.f1_exact == approx(2 / 3)
    assert overall.spans == 3


def test_three_annotators():
    # A and B tag words 2-4, C words 2-5.
    three = study(("A", "t", 2, 5), ("B", "t", 2, 5), ("C", "t", 2, 6), coders=("A", "B", "C"))
    result = figures(three, "t")
    assert result.cohen_kappa is None  # Cohen's kappa is for two coders
    # Fleiss: words 2-4 unanimous yes (P = 1), word 5 one yes of three
    # (P = (1 + 4 - 3) / 6 = 1/3), six unanimous no (P = 1): P̄ = 9⅓ / 10;
    # p_yes = 10/30, P_e = 1/9 + 4/9 = 5/9.
    assert result.fleiss_kappa == approx((28 / 30 - 5 / 9) / (1 - 5 / 9))
    assert result.fleiss_kappa == approx(0.85)
    # Nominal alpha: n_1 = 10, n_0 = 20; word 5's six ordered pairs weigh 1/2
    # each, two mismatched -> 2; 1 - 29 × 2 / (2 × 20 × 10).
    assert result.nominal_alpha == approx(1 - 58 / 400)
    # u-alpha: pairs A-C and B-C each differ by one end (1² = 1): D_o = 2 × 2 /
    # (3 × 2 × 100). D_e: units 3, 3, 4 (n = 3): (2/3) × 30 = 20 twice and
    # (2/3) × 84 = 56; gaps 2, 5, 2, 5, 2, 4: 9 × (3 + 3 + 2) = 72 twice and
    # 16 × (2 + 2 + 1) = 80; (2/10) × 320 / (30 × 29 - 24) = 64 / 846.
    assert result.unitizing_alpha == approx(1 - (4 / 600) / (64 / 846))
    # Span F1, the mean over pairs: A-B 1, A-C 0, B-C 0.
    assert result.f1_exact == approx(1 / 3)
    assert result.f1_overlap == 1
    pairs = {(p.first, p.second): p for p in pair_figures(three, "t")}
    assert pairs["A", "B"].cohen_kappa == 1
    assert pairs["A", "C"].cohen_kappa == approx(0.36 / 0.46)


def test_a_topic_nobody_tagged_has_no_figures():
    empty = Study(length=10, coders=("A", "B"), topics=("t",))
    result = figures(empty, "t")
    assert result.unitizing_alpha is None
    assert result.nominal_alpha is None
    assert result.cohen_kappa is None
    assert result.fleiss_kappa is None
    assert result.f1_exact is None


def test_a_coders_overlapping_spans_of_one_topic_count_as_one_unit():
    overlapping = study(("A", "t", 2, 4), ("A", "t", 3, 6), ("B", "t", 2, 6))
    assert overlapping.units("A", "t") == [(2, 6)]
    assert figures(overlapping, "t").unitizing_alpha == 1


def test_inputs_are_checked():
    with pytest.raises(ValueError, match="start < end"):
        Span("A", "t", 3, 3)
    with pytest.raises(ValueError, match="ends past 10"):
        study(("A", "t", 8, 11))
    with pytest.raises(ValueError, match="not one of the coders"):
        study(("Z", "t", 1, 2))
    with pytest.raises(ValueError, match="at least two coders"):
        figures(study(("A", "t", 1, 2), coders=("A",)), "t")


def test_coefficients_on_their_own():
    assert cohen_kappa([1, 0, 1, 0], [1, 0, 0, 0]) == approx((0.75 - 0.5) / 0.5)
    assert cohen_kappa([0, 0], [0, 0]) is None
    # Unit 1: two yes of three, P = 1/3; unit 2: P = 1; P_e = 1/9 + 4/9.
    assert fleiss_kappa(np.array([[1, 0], [1, 0], [0, 0]])) == approx((2 / 3 - 5 / 9) / (4 / 9))
    assert nominal_alpha(np.zeros((2, 3), dtype=int)) is None
    assert span_f1([], []).exact is None
    assert span_f1([("t", 0, 2)], []).overlap == 0
