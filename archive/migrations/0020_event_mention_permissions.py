"""Events from the text in the editors' groups: Editors and Reviewers review
the suggested mentions (view, change), see the extraction runs and start one."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = ["view_eventmention", "change_eventmention", "view_extractionrun"]


def add_permissions(apps, schema_editor):
    app_config = apps.get_app_config("archive")
    app_config.models_module = True  # the migration state's stub lacks it
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    granted = Permission.objects.filter(content_type__app_label="archive", codename__in=PERMISSIONS)
    for name in ("Editors", "Reviewers"):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*granted)


def remove_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    granted = Permission.objects.filter(content_type__app_label="archive", codename__in=PERMISSIONS)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Reviewers"]):
        group.permissions.remove(*granted)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0019_event_mentions"),
        ("annotations", "0003_editor_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_permissions, remove_permissions)]
