from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    name = "actors"
    verbose_name = _("Actors")

    def ready(self) -> None:
        from actors import signals  # noqa: F401  (connects the receivers)
        from actors.anchoring import MentionSpans
        from archive.spans import register_span_kind

        register_span_kind(MentionSpans())
