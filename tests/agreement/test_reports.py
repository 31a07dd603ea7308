"""Agreement reports from editors' passages: words as positions, batches,
date ranges, pairs."""

from __future__ import annotations

import datetime as dt

import pytest

from agreement.reports import agreement_report, report_dict
from agreement.services import assignment_close, assignment_create
from archive.search import word_spans
from tests import factories
from tests.agreement.conftest import BODY

pytestmark = pytest.mark.django_db

approx = pytest.approx


def test_the_fixture_has_twenty_one_words():
    assert len(word_spans(BODY)) == 21


def test_a_batch_per_topic_and_overall(assignment, article, annotate, amal, bashir):
    # Words 5-7 against 5-6: one boundary a word apart.
    annotate(article, "مذكرة تفاهم للتدريب", amal)
    annotate(article, "مذكرة تفاهم", bashir)
    # The same word, one with its full stop: the same passage.
    annotate(article, "دمشق", amal, topic="counter-terrorism")
    annotate(article, "دمشق.", bashir, topic="counter-terrorism")
    (batch,) = agreement_report().batches
    assert (batch.editors, batch.articles, batch.words) == (["amal", "bashir"], 1, 21)
    rows = {row.topic: row.figures for row in batch.topics}
    assert list(rows) == ["counter-terrorism", "training-mou", None]
    mou = rows["training-mou"]
    # p_o = 20/21; p_e = (3 × 2 + 18 × 19) / 21²; kappa = (420 - 348) / (441 - 348).
    assert mou.cohen_kappa == approx(72 / 93)
    assert (mou.f1_exact, mou.f1_overlap) == (0, 1)
    assert rows["counter-terrorism"].f1_exact == 1
    assert rows["counter-terrorism"].unitizing_alpha == 1
    # Overall: two spans each, one in common.
    assert rows[None].f1_exact == approx(0.5)
    assert rows[None].spans == 4
    pairs = [(p.topic, p.first, p.second, p.cohen_kappa) for p in (r.figures for r in batch.pairs)]
    assert pairs[1][:3] == ("training-mou", "amal", "bashir")
    assert pairs[1][3] == approx(72 / 93)


def test_a_closed_batch_reads_the_versions_kept_at_closing(
    assignment, article, annotate, amal, bashir, reviewer
):
    annotate(article, "مذكرة تفاهم للتدريب", amal)
    annotate(article, "مذكرة تفاهم", bashir)
    before = agreement_report().batches[0].topics
    assignment_close(assignment, closed_by=reviewer)
    after = agreement_report().batches[0].topics
    assert after == before


def test_a_date_range_pools_the_batches_and_the_pairs(annotate, amal, bashir, carim, reviewer):
    march = factories.article(BODY, published_on=dt.date(2025, 3, 10))
    august = factories.article(BODY, published_on=dt.date(2025, 8, 13))
    undated = factories.article(BODY)
    first = assignment_create(
        title="March", articles=[march, undated], editors=[amal, bashir], created_by=reviewer
    )
    second = assignment_create(
        title="August", articles=[august], editors=[bashir, carim], created_by=reviewer
    )
    for article, editor in ((march, amal), (march, bashir), (august, bashir), (august, carim)):
        annotate(article, "مذكرة تفاهم", editor)
    annotate(undated, "دمشق", amal)
    report = agreement_report(
        published_from=dt.date(2025, 3, 1), published_to=dt.date(2025, 10, 31)
    )
    assert [b.assignment for b in report.batches] == [first, second]
    # The undated article is outside any range.
    assert [b.articles for b in report.batches] == [1, 1]
    (pooled,) = report.pooled
    assert (pooled.editors_per_article, pooled.assignments, pooled.articles, pooled.words) == (
        2,
        2,
        2,
        42,
    )
    overall = pooled.topics[-1].figures
    assert (overall.unitizing_alpha, overall.fleiss_kappa, overall.f1_exact) == (1, 1, 1)
    assert [(p.first, p.second, p.figures.topic) for p in report.pairs] == [
        ("amal", "bashir", "training-mou"),
        ("amal", "bashir", None),
        ("bashir", "carim", "training-mou"),
        ("bashir", "carim", None),
    ]
    only_august = agreement_report(published_from=dt.date(2025, 8, 1))
    assert [b.assignment for b in only_august.batches] == [second]


def test_the_report_as_data(assignment, article, annotate, amal, bashir):
    annotate(article, "مذكرة تفاهم للتدريب", amal)
    annotate(article, "مذكرة تفاهم", bashir)
    data = report_dict(agreement_report())
    (batch,) = data["batches"]
    assert batch["title"] == "MoU coverage"
    assert batch["status"] == "open"
    # 21 words; units 5-7 (A) and 5-6 (B). u-alpha: D_o = 2 × 1 / (2 × 21²);
    # D_e = (2/21)(10 + 2 + 9 × 29 + 4 × 33) / (42 × 41 - 8) = 810 / (21 × 1714).
    # Nominal alpha: n_1 = 5, n_0 = 37: 1 - 41 × 2 / (2 × 37 × 5). Fleiss (two
    # coders: Scott's pi): P = 20/21, P_e = (5² + 37²) / 42²: 286 / 370.
    assert batch["topics"][0] == {
        "topic": "training-mou",
        "spans": 2,
        "unitizing_alpha": round(1 - (1 / 441) / (810 / 35994), 4),
        "nominal_alpha": round(1 - 82 / 370, 4),
        "cohen_kappa": round(72 / 93, 4),
        "fleiss_kappa": round(286 / 370, 4),
        "f1_exact": 0.0,
        "f1_overlap": 1.0,
    }
    assert data["pairs"][0]["scope"] == "all"
    assert data["pairs"][0]["cohen_kappa"] == round(72 / 93, 4)


def test_a_figure_of_floating_point_noise_is_reported_as_zero():
    from agreement import measures
    from agreement.reports import PairRow, pair_dict

    kappa = measures.cohen_kappa([1, 1, 0], [0, 0, 0])  # one editor marked nothing
    assert kappa < 0 and kappa > -1e-15
    row = PairRow(
        scope="all",
        assignment_id=None,
        first="amal",
        second="bashir",
        figures=measures.PairFigures(
            topic=None,
            first="amal",
            second="bashir",
            first_spans=2,
            second_spans=0,
            cohen_kappa=kappa,
            f1_exact=0.0,
            f1_overlap=None,
        ),
    )
    figures = pair_dict(row)
    assert str(figures["cohen_kappa"]) == "0.0"
    assert (figures["f1_exact"], figures["f1_overlap"]) == (0.0, None)
