from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnotationsConfig(AppConfig):
    name = "annotations"
    verbose_name = _("Annotations")

    def ready(self):
        from annotations.anchoring import AnnotationSpans
        from archive.spans import register_span_kind

        register_span_kind(AnnotationSpans())
