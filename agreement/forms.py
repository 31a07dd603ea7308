"""The report's filters, read the same way by the admin page and the API."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from agreement.models import Assignment


class ReportFilterForm(forms.Form):
    assignment = forms.ModelMultipleChoiceField(
        label=_("assignments"),
        queryset=Assignment.objects.order_by("-created_at"),
        required=False,
        help_text=_("None chosen: every assignment."),
    )
    published_from = forms.DateField(label=_("published from"), required=False)
    published_to = forms.DateField(label=_("published to"), required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("published_from"), data.get("published_to")
        if start and end and start > end:
            self.add_error("published_to", _("The end of the range is before its start."))
        return data

    def report_arguments(self) -> dict:
        """The keyword arguments of ``agreement_report`` (after ``is_valid()``)."""
        data = self.cleaned_data
        return {
            "assignments": data["assignment"] if data.get("assignment") else None,
            "published_from": data.get("published_from"),
            "published_to": data.get("published_to"),
        }
