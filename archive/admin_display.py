"""Display details shared by the admin's pages."""

from __future__ import annotations

from django.db import models


class TextDirectionMixin:
    """Text inputs take the direction of what is typed in them (``dir="auto"``),
    and the fields that hold Arabic by design (``rtl_fields``) read right to
    left in either language: an Arabic title shows its first words, a date
    written in Arabic keeps its order even when the line starts in Latin."""

    rtl_fields: frozenset[str] = frozenset()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if (
            formfield is not None
            and isinstance(db_field, models.CharField | models.TextField)
            and not db_field.choices
        ):
            direction = "rtl" if db_field.name in self.rtl_fields else "auto"
            formfield.widget.attrs.setdefault("dir", direction)
        return formfield
