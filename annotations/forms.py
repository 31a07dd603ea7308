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

    class Meta:
        model = Annotation
        fields = ["article", "topic", "start", "end", "quote", "note", "status"]

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
