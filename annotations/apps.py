from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnotationsConfig(AppConfig):
    name = "annotations"
    verbose_name = _("Annotations")

    def ready(self):
        from annotations.anchoring import AnnotationSpans
        from archive import curation
        from archive.changes import Membership, Tracked, register
        from archive.spans import register_span_kind

        register_span_kind(AnnotationSpans())
        # Curated: approved, on a published article (archive.curation); publishing
        # or unpublishing the article moves its approved ones in or out.
        register(
            Tracked(
                "annotation",
                "annotations_annotation",
                "api:annotation-detail",
                public=curation.PUBLIC_SQL["annotation"],
                memberships=(
                    Membership(
                        "archive_article",
                        rows="FROM annotations_annotation t WHERE t.article_id = {row}.id "
                        f"AND t.status = '{curation.APPROVED}'",
                        was=curation.PUBLIC_SQL["article"],
                        now=curation.PUBLIC_SQL["article"],
                    ),
                ),
            )
        )
        register(Tracked("topic", "annotations_topic", "api:topic-detail", key="slug"))
