"""``manage.py create_demo_editor``: a demo editor and a demo reviewer in the
real groups, reset when run again, and a clear error before the migrations."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

pytestmark = pytest.mark.django_db


def test_demo_editor_command_users_can_open_the_admin(loaded_seeds):
    call_command("create_demo_editor", "--username", "demo", "--password", "pw-demo-1", verbosity=0)
    demo = User.objects.get(username="demo")
    assert list(demo.groups.values_list("name", flat=True)) == ["Editors"]
    assert (
        Group.objects.get(name="Reviewers")
        .permissions.filter(codename="review_annotation")
        .exists()
    )
    client = Client()
    assert client.login(username="demo", password="pw-demo-1")
    assert client.get(f"/admin/archive/article/{loaded_seeds['000'].pk}/change/").status_code == 200


def test_it_makes_a_reviewer_beside_the_editor_and_says_what_it_did():
    out = StringIO()
    call_command("create_demo_editor", "--username", "demo", "--password", "pw-1", stdout=out)
    assert out.getvalue() == (
        "Created Editors account: username 'demo', password 'pw-1'\n"
        "Created Editors/Reviewers account: username 'demo-reviewer', password 'pw-1'\n"
    )
    reviewer = User.objects.get(username="demo-reviewer")
    assert sorted(reviewer.groups.values_list("name", flat=True)) == ["Editors", "Reviewers"]
    assert (reviewer.is_staff, reviewer.is_active, reviewer.is_superuser) == (True, True, False)


def test_a_second_run_resets_the_accounts_password_and_groups():
    call_command("create_demo_editor", "--password", "old-pw", verbosity=0)
    editor = User.objects.get(username="editor")
    editor.is_active = False
    editor.save()
    editor.groups.add(Group.objects.get(name="Reviewers"))
    out = StringIO()
    call_command("create_demo_editor", "--password", "new-pw", stdout=out)
    assert out.getvalue().splitlines()[0] == (
        "Reset Editors account: username 'editor', password 'new-pw'"
    )
    editor.refresh_from_db()
    assert editor.is_active and editor.check_password("new-pw")
    assert not editor.check_password("old-pw")
    assert list(editor.groups.values_list("name", flat=True)) == ["Editors"]
    assert User.objects.filter(username__startswith="editor").count() == 2


def test_without_the_groups_of_the_migrations_it_says_to_migrate():
    Group.objects.filter(name="Reviewers").delete()
    with pytest.raises(
        CommandError, match=r"^Group\(s\) Reviewers missing: run `manage.py migrate` first\.$"
    ):
        call_command("create_demo_editor", "--password", "pw", verbosity=0)
    assert not User.objects.filter(username__startswith="editor").exists()
