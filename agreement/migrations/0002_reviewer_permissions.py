"""Reviewers assign articles for double annotation, read the agreement and
curate the editors' versions; editors need nothing here (they annotate)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REVIEWER_PERMISSIONS = [
    ("agreement", "view_assignment"),
    ("agreement", "add_assignment"),
    ("agreement", "change_assignment"),
    ("agreement", "view_editorversion"),
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("agreement")
    app_config.models_module = True  # the migration state's stub lacks it
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reviewers, _ = Group.objects.get_or_create(name="Reviewers")
    reviewers.permissions.add(
        *[
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in REVIEWER_PERMISSIONS
        ]
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reviewers = Group.objects.filter(name="Reviewers").first()
    if reviewers is not None:
        reviewers.permissions.remove(
            *Permission.objects.filter(content_type__app_label="agreement")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("agreement", "0001_initial"),
        ("annotations", "0003_editor_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
