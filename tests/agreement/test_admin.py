"""The assignment admin, the agreement report page and the curation pages."""

from __future__ import annotations

import datetime as dt

import pytest

from agreement.models import Assignment, EditorVersion
from agreement.services import assignment_close
from annotations.models import Annotation
from tests import factories
from tests.agreement.conftest import BODY

pytestmark = pytest.mark.django_db

ADD = "/admin/agreement/assignment/add/"
REPORT = "/admin/agreement/assignment/report/"


def test_a_reviewer_assigns_a_batch_chosen_by_an_article_filter(amal, bashir, reviewer):
    march = factories.article(BODY, published_on=dt.date(2025, 3, 10))
    factories.article(BODY, published_on=dt.date(2025, 8, 13))
    client = factories.client(reviewer)
    response = client.post(
        ADD,
        {
            "title": "March batch",
            "editors": [amal.pk, bashir.pk],
            "batch_filter": "published_from=2025-03-01&published_to=2025-03-31",
        },
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert list(assignment.articles.all()) == [march]
    assert assignment.created_by == reviewer
    assert assignment.batch_filter == "published_from=2025-03-01&published_to=2025-03-31"


def test_the_add_form_names_the_field_at_fault(article, amal, reviewer):
    client = factories.client(reviewer)
    response = client.post(
        ADD, {"title": "x", "editors": [amal.pk], "batch_filter": "published_from=tomorrow"}
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["editors"] == ["Double annotation needs at least two editors."]
    assert errors["batch_filter"] == ["published_from: Enter a valid date."]
    assert "articles" not in errors  # the batch is unknown, not empty
    assert not Assignment.objects.exists()


def test_editors_cannot_reach_assignments_or_the_report(assignment, amal):
    client = factories.client(amal)
    assert client.get("/admin/agreement/assignment/").status_code == 403
    assert client.get(REPORT).status_code == 403
    assert client.get(f"/admin/agreement/assignment/{assignment.pk}/curate/").status_code == 403


def test_the_report_page_has_a_table_and_a_chart_per_topic(
    assignment, article, annotate, amal, bashir, reviewer
):
    annotate(article, "مذكرة تفاهم للتدريب", amal)
    annotate(article, "مذكرة تفاهم", bashir)
    response = factories.client(reviewer).get(REPORT, {"assignment": assignment.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "MoU coverage" in html
    assert "مذكرة التفاهم للتدريب" in html  # the topic's Arabic name
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="agreement-chart"') == 4
    # Cohen's kappa of the hand-computed case, 72/93, for the topic and overall
    # (one topic: the same) in the pooled, the batch and the pairs tables.
    assert html.count("<td>0.774</td>") == 6
    assert f"/api/v1/agreement/pairs.csv/?assignment={assignment.pk}" in html


def test_the_report_page_says_what_is_wrong_with_a_filter(reviewer):
    response = factories.client(reviewer).get(
        REPORT, {"published_from": "2025-10-01", "published_to": "2025-03-01"}
    )
    assert response.status_code == 200
    assert "The end of the range is before its start." in response.content.decode()
    assert response.context["report"] is None


def test_closing_from_the_list_and_curating_on_the_page(
    assignment, article, annotate, amal, bashir, reviewer
):
    annotate(article, "مذكرة تفاهم للتدريب", amal)
    annotate(article, "مذكرة تفاهم", bashir)
    client = factories.client(reviewer)
    response = client.post(
        "/admin/agreement/assignment/",
        {"action": "close_selected", "_selected_action": [assignment.pk]},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "1 assignment(s) closed; 2 editors' passages kept for curation."
    ]
    url = f"/admin/agreement/assignment/{assignment.pk}/curate/{article.pk}/"
    page = client.get(url).content.decode()
    assert page.count('class="curation__column"') == 2
    assert "<mark>مذكرة تفاهم للتدريب</mark>" in page
    assert "<mark>مذكرة تفاهم</mark>" in page
    key = "-".join(
        str(pk) for pk in EditorVersion.objects.order_by("pk").values_list("pk", flat=True)
    )
    response = client.post(url, {"versions": key, "resolution": "intersection"}, follow=True)
    assert "Approved: مذكرة تفاهم" in response.content.decode()
    final = Annotation.objects.get()
    assert (final.quote, final.status) == ("مذكرة تفاهم", Annotation.Status.APPROVED)
    assert "Nothing left to resolve on this article." in client.get(url).content.decode()


def test_a_refused_resolution_is_a_message_not_an_error(assignment, article, reviewer):
    assignment_close(assignment, closed_by=reviewer)
    url = f"/admin/agreement/assignment/{assignment.pk}/curate/{article.pk}/"
    response = factories.client(reviewer).post(
        url, {"versions": "999", "resolution": "union"}, follow=True
    )
    assert response.status_code == 200
    assert "Choose the versions to resolve." in response.content.decode()
