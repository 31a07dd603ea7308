"""The agreement report's filters (``agreement.forms.ReportFilterForm``), read
alike by the admin page and the API: assignments (none chosen: every one) and
a publication range whose end may not come before its start."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from agreement.forms import ReportFilterForm

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_nothing_chosen_is_the_whole_report(db):
    form = ReportFilterForm(data={})
    assert form.is_valid(), form.errors
    assert form.report_arguments() == {
        "assignments": None,
        "published_from": None,
        "published_to": None,
    }


def test_the_chosen_assignments_and_dates(assignment):
    form = ReportFilterForm(
        data={
            "assignment": [assignment.pk],
            "published_from": "2025-08-01",
            "published_to": "2025-08-01",
        }
    )
    assert form.is_valid(), form.errors
    arguments = form.report_arguments()
    assert list(arguments["assignments"]) == [assignment]
    assert (arguments["published_from"], arguments["published_to"]) == (
        dt.date(2025, 8, 1),
        dt.date(2025, 8, 1),
    )


def test_a_range_ending_before_it_starts_is_refused(db):
    form = ReportFilterForm(data={"published_from": "2025-08-13", "published_to": "2025-08-01"})
    assert form.errors == {"published_to": ["The end of the range is before its start."]}


def test_an_unknown_assignment_or_a_bad_date_is_refused(db):
    form = ReportFilterForm(data={"assignment": ["999999"], "published_from": "13/08/2025x"})
    assert set(form.errors) == {"assignment", "published_from"}
    assert form.errors["published_from"] == ["Enter a valid date."]
