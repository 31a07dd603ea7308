"""Actors in the editors' groups: Editors read actors, add spellings, and
confirm or reject the mentions the matcher suggests; Reviewers also create,
edit and merge actors."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = [
    "view_actor",
    "view_alias",
    "add_alias",
    "change_alias",
    "delete_alias",
    "view_role",
    "view_mention",
    "change_mention",
]
REVIEWER_EXTRA = [
    "add_actor",
    "change_actor",
    "merge_actor",
    "add_role",
    "change_role",
    "delete_role",
]


def add_permissions(apps, schema_editor):
    app_config = apps.get_app_config("actors")
    app_config.models_module = True  # the migration state's stub lacks it
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(codenames):
        return Permission.objects.filter(content_type__app_label="actors", codename__in=codenames)

    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*permissions(EDITOR_PERMISSIONS))
    reviewers, _ = Group.objects.get_or_create(name="Reviewers")
    reviewers.permissions.add(*permissions(EDITOR_PERMISSIONS + REVIEWER_EXTRA))


def remove_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Reviewers"]):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="actors"))


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0002_starting_actors"),
        ("annotations", "0003_editor_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_permissions, remove_permissions)]
