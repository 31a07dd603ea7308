from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _


def _drop_tallies(sender, using, **kwargs):
    from archive import tallies

    if set(connections[using].introspection.table_names()) & tallies.TABLES:
        tallies.drop(connections[using])


def _install_tallies(sender, using, **kwargs):
    from archive import tallies

    tallies.install(connections[using])


def _create_cache_table(sender, using, **kwargs):
    """The database cache's table (``CACHE_URL=db://…``, the default), made by
    ``migrate`` so that no deployment forgets ``createcachetable``. Nothing for
    other caches."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = _("Archive")

    def ready(self):
        # Once per migrate (sent for this app only), not once per app.
        pre_migrate.connect(_drop_tallies, sender=self, dispatch_uid="archive-tallies-drop")
        post_migrate.connect(_install_tallies, sender=self, dispatch_uid="archive-tallies-install")
        post_migrate.connect(_create_cache_table, sender=self, dispatch_uid="archive-cache-table")
