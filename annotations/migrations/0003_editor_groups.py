"""The "Editors" and "Reviewers" groups with exactly the permissions their work needs.

Editors read articles, fix what the loader could not know (a date, a title),
link articles to events, and create and edit annotations (the admin limits
them to their own drafts). Reviewers can do all that, approve or reject
annotations and publish articles.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = [
    ("archive", "view_article"),
    ("archive", "change_article"),
    ("archive", "view_source"),
    ("archive", "add_source"),
    ("archive", "view_articlesource"),
    ("archive", "add_articlesource"),
    ("archive", "change_articlesource"),
    ("archive", "delete_articlesource"),
    ("archive", "view_event"),
    ("archive", "add_event"),
    ("archive", "change_event"),
    ("archive", "view_eventreport"),
    ("archive", "add_eventreport"),
    ("archive", "change_eventreport"),
    ("archive", "delete_eventreport"),
    ("annotations", "view_topic"),
    ("annotations", "view_annotation"),
    ("annotations", "add_annotation"),
    ("annotations", "change_annotation"),
    ("annotations", "delete_annotation"),
]
REVIEWER_EXTRA = [
    ("annotations", "review_annotation"),
    ("archive", "publish_article"),
]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_label in ("archive", "annotations"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True  # the migration state's stub lacks it
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(pairs):
        return [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in pairs
        ]

    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(permissions(EDITOR_PERMISSIONS))
    reviewers, _ = Group.objects.get_or_create(name="Reviewers")
    reviewers.permissions.set(permissions(EDITOR_PERMISSIONS + REVIEWER_EXTRA))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Reviewers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0002_starting_topics"),
        ("archive", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
