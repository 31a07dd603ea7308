from django.apps import AppConfig
from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _


def _drop_triggers(sender, using, **kwargs):
    from archive import changes, tallies

    connection = connections[using]
    if set(connection.introspection.table_names()) & tallies.TABLES:
        tallies.drop(connection)
    changes.drop(connection)


def _install_triggers(sender, using, **kwargs):
    from archive import changes, tallies

    # The tallies first: their recount must not reach the change log.
    tallies.install(connections[using])
    changes.install(connections[using])


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
        from archive import curation, postgres, receivers  # noqa: F401  (receivers connect)
        from archive.changes import Membership, Tracked, register
        from archive.events import EventMentionSpans
        from archive.spans import register_span_kind

        connection_created.connect(
            postgres.load_timestamps_in_c, dispatch_uid="archive-timestamps-in-c"
        )

        register_span_kind(EventMentionSpans())

        register(
            Tracked(
                "article",
                "archive_article",
                "api:article-detail",
                public=curation.PUBLIC_SQL["article"],
            )
        )
        # The public's events: confirmed, reported by a published article (the
        # flag archive.events.event_refresh keeps, archive.curation.event_is_public).
        register(
            Tracked(
                "event", "archive_event", "api:event-detail", public=curation.PUBLIC_SQL["event"]
            )
        )
        # The public's sources are those standing behind a published article
        # (archive.curation): the tally says when one enters or leaves.
        register(
            Tracked(
                "source",
                "archive_source",
                "api:source-detail",
                key="slug",
                public=curation.PUBLIC_SQL["source"],
                memberships=(
                    Membership(
                        "archive_sourcetally",
                        rows="FROM archive_source t WHERE t.id = {row}.source_id",
                        was="{row}.published_articles > 0",
                        now="{row}.published_articles > 0",
                    ),
                ),
            )
        )
        # Once per migrate (sent for this app only), not once per app.
        pre_migrate.connect(_drop_triggers, sender=self, dispatch_uid="archive-triggers-drop")
        post_migrate.connect(
            _install_triggers, sender=self, dispatch_uid="archive-triggers-install"
        )
        post_migrate.connect(_create_cache_table, sender=self, dispatch_uid="archive-cache-table")
