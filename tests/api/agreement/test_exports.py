"""The pairwise agreement figures as CSV (``api.agreement.exports``): a BOM, the
header, a line per pair of editors, topic and scope, an undefined figure an
empty cell, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io

import pytest

from agreement.reports import agreement_report
from api.agreement.exports import PAIR_HEADER, pair_csv_lines
from api.exports import spreadsheet_safe
from tests import factories

pytestmark = pytest.mark.django_db

CSV = "/api/v1/agreement/pairs.csv"  # also served with a trailing slash


def test_the_pairwise_csv(coded, reviewer):
    response = factories.api_client(reviewer, language="en").get(CSV)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="agreement-pairs.csv"'
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [(r["scope"], r["topic"], r["first"], r["second"]) for r in rows] == [
        ("MoU coverage", "training-mou", "amal", "bashir"),
        ("MoU coverage", "", "amal", "bashir"),
        ("all", "training-mou", "amal", "bashir"),
        ("all", "", "amal", "bashir"),
    ]
    assert rows[0]["cohen_kappa"] == str(round(72 / 93, 4))
    assert (rows[0]["f1_exact"], rows[0]["f1_overlap"]) == ("0.0", "1.0")


def test_csv_cells_cannot_be_formulas(article, annotate, reviewer):
    from agreement.services import assignment_create

    editors = [factories.user(name, "Editors", password=None) for name in ("=HYPERLINK(1)", "@sum")]
    assignment_create(title="+danger", articles=[article], editors=editors, created_by=reviewer)
    annotate(article, "دمشق", editors[0])
    text = b"".join(
        factories.api_client(reviewer, language="en").get(CSV).streaming_content
    ).decode("utf-8")
    row = text.splitlines()[1]
    assert row.startswith("'+danger,")
    assert "'=HYPERLINK(1)" in row and "'@sum" in row
    assert spreadsheet_safe(-0.5) == -0.5  # numbers stay numbers


def test_the_lines_of_a_report(coded):
    lines = list(pair_csv_lines(agreement_report()))
    assert lines[0] == (
        "\ufeffscope,assignment,topic,first,second,first_spans,second_spans,"
        "cohen_kappa,f1_exact,f1_overlap\r\n"
    )
    assert PAIR_HEADER[-3:] == ["cohen_kappa", "f1_exact", "f1_overlap"]
    assert lines[1] == f"MoU coverage,{coded.pk},training-mou,amal,bashir,1,1,0.7742,0.0,1.0\r\n"
    assert len(lines) == 5


def test_a_value_the_row_does_not_have_is_an_empty_cell(assignment, article, annotate, amal):
    annotate(article, "مذكرة تفاهم للتدريب", amal)  # bashir coded nothing
    text = "".join(pair_csv_lines(agreement_report()))
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [(r["scope"], r["assignment"], r["topic"]) for r in rows] == [
        ("MoU coverage", str(assignment.pk), "training-mou"),
        ("MoU coverage", str(assignment.pk), ""),  # every topic
        ("all", "", "training-mou"),  # pooled: no one assignment
        ("all", "", ""),
    ]
    assert (rows[0]["first_spans"], rows[0]["second_spans"], rows[0]["f1_exact"]) == (
        "1",
        "0",
        "0.0",
    )


def test_no_assignment_no_lines_but_the_header(db):
    assert len(list(pair_csv_lines(agreement_report()))) == 1
