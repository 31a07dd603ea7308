"""The annotation form of the admin: the passage is checked by the model's
``clean`` (quote == body[start:end]); the status against who is asking."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from annotations import permissions
from annotations.models import Annotation


class AnnotationAdminForm(forms.ModelForm):
    #: Set by ``AnnotationAdmin.get_form``: the user filling the form in.
    user = None

    #: The version the form was opened at: saving over a newer one is refused.
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["opened_version"].initial = self.instance.version

    class Meta:
        model = Annotation
        fields = ["article", "topic", "start", "end", "quote", "note", "status"]

    def clean(self):
        # A form-wide error: the version field is hidden, and so would be its own.
        cleaned = super().clean()
        version = cleaned.get("opened_version")
        if self.instance.pk is not None and version is not None:
            current = (
                Annotation.objects.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if current != version:
                self.add_error(
                    None,
                    _(
                        "Someone else changed this annotation since you opened it; "
                        "reload the page to see their change."
                    ),
                )
        return cleaned

    def clean_status(self):
        status = self.cleaned_data["status"]
        if self.user is None:
            return status
        if self.instance.pk is None:
            if status != Annotation.Status.DRAFT and not permissions.can_review(self.user):
                raise forms.ValidationError(_("New annotations start as drafts."))
        elif status != self.instance.status and not permissions.can_set_status(
            self.user, self.instance, status
        ):
            raise forms.ValidationError(_("You may not move this annotation to that status."))
        return status
