"""The annotator: an article's body as reading text, with its annotations
painted over it, in the article's admin change page.

It is the widget of the (disabled) ``body`` field, so the admin never writes
the body back; annotations are saved through the research API
(``/api/v1/annotations/``, the session's login and CSRF token), the one write
API, each change sent with the version it was read at (``If-Match``). The browser side is ``annotations/annotator.js``,
configured by ``data-*`` attributes and a ``json_script`` block.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from annotations import permissions
from annotations.admin_views import annotation_data
from annotations.models import Topic
from annotations.selectors import hidden_notice
from archive.curation import Viewer
from archive.models import Article

PARAGRAPH_SEPARATOR = "\n\n"

#: The workspace's keyboard, shown by its help overlay (``?``).
KEYS = [
    ("j / k", gettext_lazy("next / previous passage")),
    ("Enter", gettext_lazy("open the focused passage")),
    ("a", gettext_lazy("accept the suggestion, or approve the passage")),
    ("d", gettext_lazy("dismiss the suggestion")),
    ("r", gettext_lazy("reject the passage")),
    ("o", gettext_lazy("reopen a reviewed passage as a draft")),
    ("1–9", gettext_lazy("tag the selection with that topic, or retag the focused passage")),
    ("Shift + ←/→", gettext_lazy("select text from the caret, then press a topic's number")),
    ("Esc", gettext_lazy("close")),
    ("?", gettext_lazy("show or hide this help")),
]


def body_paragraphs(body: str) -> list[dict[str, Any]]:
    """The body split at blank lines, each with its code-point offset.

    The separators are not rendered, but the offsets keep counting them, so a
    position in a paragraph maps straight back to ``body``.
    """
    paragraphs, position = [], 0
    for text in body.split(PARAGRAPH_SEPARATOR):
        if text:
            paragraphs.append({"start": position, "text": text})
        position += len(text) + len(PARAGRAPH_SEPARATOR)
    return paragraphs


def _placeholder_url(name: str) -> str:
    return reverse(name, args=[0]).replace("/0/", "/{id}/")


def annotator_config(article: Article, user: AbstractBaseUser) -> dict[str, Any]:
    topics = list(Topic.objects.order_by("slug"))
    annotations = article.annotations.not_hidden_from(Viewer.of(user))
    annotations = annotations.select_related("created_by").order_by("start", "id")
    return {
        "article": article.pk,
        "body": article.body,
        "canCreate": permissions.can_create(user),
        "topics": [
            {
                "id": topic.pk,
                "slug": topic.slug,
                "name": topic.name_ar,
                "name_en": topic.name_en,
                "colour": topic.colour,
            }
            for topic in topics
        ],
        "annotations": [annotation_data(annotation, user) for annotation in annotations],
        "hiddenNotice": hidden_notice(article, user),
        "statuses": {value: str(label) for value, label in annotations.model.Status.choices},
        "urls": {
            # Writes go to the research API, as from any client (session + CSRF).
            "api": reverse("api:annotation-list"),
            "detail": _placeholder_url("api:annotation-detail"),
            "item": _placeholder_url("admin:annotations_annotation_item"),
            "history": _placeholder_url("admin:annotations_annotation_history"),
        },
        "labels": {
            "pickTopic": _("Tag the selected passage with a topic (or press its number):"),
            "note": _("Note (optional)"),
            "save": _("Save"),
            "delete": _("Delete"),
            "close": _("Close"),
            "topic": _("Topic"),
            "status": _("Status"),
            "author": _("Author"),
            "noAuthor": _("suggested automatically"),
            "history": _("History"),
            "saved": _("Annotation saved."),
            "deleted": _("Annotation deleted."),
            "confirmDelete": _("Delete this annotation?"),
            "passages": _("Annotated passages"),
            "none": _("No annotations yet. Select a passage to add one."),
            "readOnly": _("You may not change this annotation."),
            "failed": _("The server refused the change:"),
            "changedElsewhere": _(
                "Someone else changed this passage since you opened it; it is shown as it "
                "is now. Make your change again if it still applies."
            ),
            "flagged": _("flagged"),
            "rule": _("Suggested by the rule:"),
            "choose": _("Passages here: choose one"),
            "allHidden": _("Every passage is hidden by the layers above."),
            "layerStatus": _("Status"),
            "layerTopic": _("Topics"),
            "keysTitle": _("Keyboard shortcuts"),
            "keysHint": _("Keys act on the focused passage (its item is outlined)."),
            "bulk_accept": _("Accept the %(count)s shown suggestions"),
            "bulk_dismiss": _("Dismiss the %(count)s shown suggestions"),
            "confirm_accept": _("Accept the %(count)s suggestions shown?"),
            "confirm_dismiss": _("Dismiss the %(count)s suggestions shown?"),
            "done_accept": _("%(count)s suggestions accepted."),
            "done_dismiss": _("%(count)s suggestions dismissed."),
        },
        "keys": [[key, str(meaning)] for key, meaning in KEYS],
    }


class AnnotatorWidget(forms.Widget):
    """Renders the body read-only, with the annotator around it."""

    template_name = "annotations/widgets/annotator.html"

    class Media:
        css = {"all": ["annotations/annotator.css"]}
        js = ["annotations/annotator.js"]

    def __init__(self, *, article: Article, user: AbstractBaseUser, attrs=None):
        super().__init__(attrs)
        self.article = article
        self.user = user

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # Always the stored body, never a posted value: the annotator cannot edit it.
        config_id = f"annotator-config-{self.article.pk}"
        context["annotator"] = {
            "config_id": config_id,
            "config": annotator_config(self.article, self.user),
            "paragraphs": body_paragraphs(self.article.body),
        }
        return context
