from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementConfig(AppConfig):
    name = "agreement"
    verbose_name = _("Double annotation and agreement")

    def ready(self):
        from agreement.permissions import annotations_hidden_from
        from archive.curation import restrict

        restrict("annotation", annotations_hidden_from)
