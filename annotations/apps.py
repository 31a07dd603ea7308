from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnotationsConfig(AppConfig):
    name = "annotations"
    verbose_name = _("Annotations")

    def ready(self):
        from annotations.anchoring import AnnotationSpans
        from archive.changes import Membership, Tracked, register
        from archive.spans import register_span_kind

        register_span_kind(AnnotationSpans())
        # Curated: approved, on a published article (AnnotationQuerySet.curated);
        # publishing or unpublishing the article moves its approved ones in or out.
        register(
            Tracked(
                "annotation",
                "annotations_annotation",
                "api:annotation-detail",
                public="{row}.status = 'approved' AND EXISTS (SELECT 1 FROM archive_article a "
                "WHERE a.id = {row}.article_id AND a.status = 'published')",
                memberships=(
                    Membership(
                        "archive_article",
                        rows="FROM annotations_annotation t WHERE t.article_id = {row}.id "
                        "AND t.status = 'approved'",
                        was="{row}.status = 'published'",
                        now="{row}.status = 'published'",
                    ),
                ),
            )
        )
        register(Tracked("topic", "annotations_topic", "api:topic-detail", key="slug"))
