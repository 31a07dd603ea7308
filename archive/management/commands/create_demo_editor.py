"""``manage.py create_demo_editor``: demo accounts for trying the admin."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Create (or reset) a demo editor account, and a demo reviewer account named "
        "'<username>-reviewer', with the given password. For local demos only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")
        parser.add_argument("--password", required=True)

    @transaction.atomic
    def handle(self, *args, username, password, verbosity, **options):
        groups = {
            name: Group.objects.filter(name=name).first() for name in ("Editors", "Reviewers")
        }
        missing = [name for name, group in groups.items() if group is None]
        if missing:
            raise CommandError(
                f"Group(s) {', '.join(missing)} missing: run `manage.py migrate` first."
            )
        User = get_user_model()
        for name, role_groups in (
            (username, ["Editors"]),
            (f"{username}-reviewer", ["Editors", "Reviewers"]),
        ):
            user, created = User.objects.get_or_create(username=name)
            user.is_staff = True
            user.is_active = True
            user.set_password(password)
            user.save()
            user.groups.set([groups[g] for g in role_groups])
            if verbosity >= 1:
                verb = "Created" if created else "Reset"
                self.stdout.write(
                    self.style.SUCCESS(
                        f"{verb} {'/'.join(role_groups)} account: username {name!r}, password {password!r}"
                    )
                )
