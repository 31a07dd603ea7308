"""The admin index's to-do box: what is waiting for editors, with counts."""

from django import template
from django.db.models import Count
from django.urls import reverse

from annotations.models import Annotation
from archive.curation import Viewer
from archive.models import Article

register = template.Library()


@register.simple_tag(takes_context=True)
def editors_todo(context) -> dict:
    user = context["request"].user
    todo = {}
    if user.has_perm("annotations.view_annotation"):
        counts = dict(
            Annotation.objects.not_hidden_from(Viewer.of(user))
            .filter(status__in=[Annotation.Status.SUGGESTED, Annotation.Status.DRAFT])
            .order_by()
            .values_list("status")
            .annotate(n=Count("id"))
        )
        todo["review_url"] = reverse("admin:annotations_annotation_review")
        todo["suggested"] = counts.get(Annotation.Status.SUGGESTED, 0)
        todo["drafts"] = counts.get(Annotation.Status.DRAFT, 0)
    if user.has_perm("archive.view_article"):
        todo["needs_date_url"] = reverse("admin:archive_article_changelist") + "?needs_date=yes"
        todo["needs_date"] = Article.objects.without_date().count()
    return todo
