"""``/api/v1/agreement/`` and its CSV (``api.agreement.views``), for reviewers only."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

URL = "/api/v1/agreement/"
CSV = "/api/v1/agreement/pairs.csv"  # also served with a trailing slash


def test_reviewers_read_the_report(coded, reviewer):
    response = factories.api_client(reviewer, language="en").get(URL, {"assignment": coded.pk})
    assert response.status_code == 200
    data = response.json()
    (batch,) = data["batches"]
    assert (batch["title"], batch["editors"], batch["words"]) == (
        "MoU coverage",
        ["amal", "bashir"],
        21,
    )
    assert batch["topics"][0]["cohen_kappa"] == round(72 / 93, 4)
    assert data["pooled"][0]["editors_per_article"] == 2


def test_editors_and_the_public_are_refused(coded, amal):
    assert factories.api_client(language="en").get(URL).status_code in (401, 403)
    response = factories.api_client(amal, language="en").get(URL)
    assert response.status_code == 403
    assert response.json()["detail"] == (
        "The agreement figures are for reviewers (staff with the review permission)."
    )
    assert factories.api_client(amal, language="en").get(CSV).status_code == 403


def test_a_bad_filter_is_a_400_naming_it(reviewer):
    response = factories.api_client(reviewer, language="en").get(
        URL, {"published_from": "2025-13-01"}
    )
    assert response.status_code == 400
    assert response.json() == {"published_from": ["Enter a valid date."]}
    response = factories.api_client(reviewer, language="en").get(URL, {"assignment": "abc"})
    assert response.status_code == 400
    assert list(response.json()) == ["assignment"]
    response = factories.api_client(reviewer, language="en").get(URL, {"published": "2025"})
    assert response.status_code == 400
    assert response.json()["unknown_parameters"] == [
        "Unknown query parameter(s): published. Known: assignment, format, published_from, "
        "published_to."
    ]
