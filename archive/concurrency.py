"""Optimistic concurrency for the rows editors change: a ``version`` that every
save bumps, written with ``UPDATE … SET version = V + 1 WHERE id = … AND
version = V``, where ``V`` is the version the saving copy was read at.

A copy read before someone else's save can therefore never be saved over it:
the update matches no row and ``StaleVersion`` is raised, whichever path saves
(a service, the admin, the re-anchoring of passages after a text edit, the
shell). The API sends the version as an ``ETag`` and honours ``If-Match``
(``api.concurrency``).
"""

from __future__ import annotations

from django.db import DatabaseError, models
from django.utils.translation import gettext_lazy as _


class StaleVersion(DatabaseError):
    """The row changed since this copy of it was read (its version moved on).

    A ``DatabaseError``, like Django's own "did not affect any rows": whoever
    handles a failed write (the loader's per-file report) handles this one."""

    def __init__(self, model, pk, expected: int, current: int | None):
        self.model, self.pk, self.expected, self.current = model, pk, expected, current
        name = model._meta.verbose_name
        if current is None:
            message = _("This %(name)s was deleted since it was read.") % {"name": name}
        else:
            message = _(
                "This %(name)s was changed by someone else since it was read "
                "(version %(expected)s, now %(current)s); reload it and make the change again."
            ) % {"name": name, "expected": expected, "current": current}
        self.message = str(message)
        super().__init__(self.message)


class Versioned(models.Model):
    """Abstract: a ``version`` column that every save of the row bumps, and a
    save that refuses to overwrite a newer row (see the module's docstring)."""

    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Bumped by every change; the API's ETag."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding or self.pk is None:
            return super().save(*args, **kwargs)
        read_at = self.version
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "version"}
        self._version_read_at = read_at
        self.version = read_at + 1
        try:
            return super().save(*args, **kwargs)
        except BaseException:
            self.version = read_at
            raise
        finally:
            del self._version_read_at

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):
        read_at = getattr(self, "_version_read_at", None)
        if read_at is None:
            return super()._do_update(base_qs, using, pk_val, values, update_fields, forced_update)
        if super()._do_update(
            base_qs.filter(version=read_at), using, pk_val, values, update_fields, forced_update
        ):
            return True
        # Changed, or deleted, since this copy was read: never overwritten, never revived.
        current = base_qs.filter(pk=pk_val).values_list("version", flat=True).first()
        raise StaleVersion(type(self), pk_val, read_at, current)
