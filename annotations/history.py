"""History as a newsroom log: who did what, when, in the admin's time zone.

The admin's History pages (django-simple-history) and the workspace's
per-article activity feed read the same records through here: statuses and
other choices by their translated names, an empty value as "—" (never
"Deleted user (pk=None)"), times in ``TIME_ZONE``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from archive.curation import Viewer

EMPTY = "—"

#: The simple-history record types, as a log says them.
VERBS = {
    "+": pgettext_lazy("history", "created"),
    "~": pgettext_lazy("history", "changed"),
    "-": pgettext_lazy("history", "deleted"),
}


def format_value(field: models.Field | None, value: Any) -> str:
    """One field's value as an editor reads it."""
    if value is None or value == "" or (isinstance(value, DeletedObject) and value.pk is None):
        return EMPTY
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    return str(value)


class NewsroomHistoryHelper(HistoricalRecordContextHelper):
    """Formats a change's old and new values with ``format_value``."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        if isinstance(value, list):
            return value
        return format_value(self.model._meta.get_field(change.field), value)


def when(record) -> str:
    return formats.date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")


def who(record) -> str:
    user = record.history_user
    if user is None:
        return str(_("the system"))
    return user.get_full_name() or user.get_username()


class NewsroomHistoryMixin:
    """History is for reading (who, when, before → after). Reverting would
    write around the services, so it is switched off."""

    object_history_list_template = "simple_history/newsroom_history_list.html"

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_historical_record_context_helper(self, request, historical_record):
        return NewsroomHistoryHelper(self.model, historical_record)

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        return (
            super()
            .get_history_queryset(request, history_manager, pk_name, object_id)
            .select_related("history_user")
        )


@dataclass(frozen=True)
class Activity:
    when: datetime.datetime
    who: str
    text: str
    annotation_id: int | None = None


_ANNOTATION_FIELDS = ("status", "topic", "note", "start", "end", "flagged")
_ARTICLE_FIELDS = ("title", "status", "published_on", "published_precision", "byline")


def _changes(record, fields) -> list[str]:
    previous = record.prev_record
    if previous is None:
        return []
    delta = record.diff_against(previous, included_fields=list(fields))
    model = record.instance_type
    lines = []
    for change in delta.changes:
        field = model._meta.get_field(change.field)
        if change.field == "topic":
            old = _topic_name(change.old)
            new = _topic_name(change.new)
        else:
            old, new = format_value(field, change.old), format_value(field, change.new)
        lines.append(f"{capfirst(field.verbose_name)}: {old} → {new}")
    return lines


def _topic_name(topic_id) -> str:
    from annotations.models import Topic

    topic = Topic.objects.filter(pk=topic_id).first()
    return topic.name_en if topic else EMPTY


def article_activity(article, user, limit: int = 30) -> list[Activity]:
    """The article's and its annotations' history, newest first; passages an
    open assignment hides from ``user`` are left out."""
    from annotations.models import Annotation

    entries: list[Activity] = []
    article_records = article.history.select_related("history_user").order_by("-history_date")[
        :limit
    ]
    for record in article_records:
        lines = _changes(record, _ARTICLE_FIELDS)
        if record.history_type == "~" and not lines:
            continue
        text = _("article %(verb)s") % {"verb": VERBS[record.history_type]}
        entries.append(Activity(record.history_date, who(record), "; ".join([text, *lines])))
    annotation_records = Annotation.history.filter(article_id=article.pk)
    if Viewer.of(user).restriction("annotation") is not None:
        visible = Annotation.objects.filter(article_id=article.pk).not_hidden_from(Viewer.of(user))
        annotation_records = annotation_records.filter(id__in=visible.values("pk"))
    annotation_records = annotation_records.select_related("history_user", "topic").order_by(
        "-history_date"
    )[:limit]
    for record in annotation_records:
        quote = record.quote if len(record.quote) <= 40 else record.quote[:39] + "…"
        if record.history_type == "+":
            text = _("passage “%(quote)s” %(status)s (%(topic)s)") % {
                "quote": quote,
                "status": record.get_status_display(),
                "topic": record.topic.name_en if record.topic_id else EMPTY,
            }
        elif record.history_type == "-":
            text = _("passage “%(quote)s” deleted") % {"quote": quote}
        else:
            lines = _changes(record, _ANNOTATION_FIELDS)
            if not lines:
                continue
            text = _("passage “%(quote)s”: %(changes)s") % {
                "quote": quote,
                "changes": "; ".join(lines),
            }
        entries.append(Activity(record.history_date, who(record), text, record.id))
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]
