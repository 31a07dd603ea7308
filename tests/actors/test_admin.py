"""The actors' admin: actor pages, the review of suggested mentions, merging."""

from __future__ import annotations

import pytest

from actors import services
from actors.models import Actor, Alias, Mention
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    user = factories.user("editor", "Editors")
    return factories.client(user), user


@pytest.fixture
def reviewer(db):
    user = factories.user("reviewer", "Editors", "Reviewers")
    return factories.client(user), user


def test_actor_page_shows_aliases_counts_and_mentions_in_context(loaded_seeds, reviewer):
    client, _ = reviewer
    sdf = Actor.objects.get(slug="sdf")
    response = client.get(f"/admin/actors/actor/{sdf.pk}/change/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="قوات سوريا الديمقراطية"' in page  # the alias inline
    assert "Articles per source" in page and "Mentions per month" in page
    assert "<td>2025-08</td><td>11</td>" in page  # 000 and 002, both of August 2025
    assert "<td>undated</td><td>6</td>" in page  # 001 states no date
    assert "<mark>قسد</mark>" in page
    assert "<td>سانا</td><td>3</td>" in page  # SANA stands behind three of the articles


def test_adding_an_alias_in_the_form_reruns_the_matcher(loaded_seeds, reviewer):
    client, _ = reviewer
    guler = Actor.objects.get(slug="yasar-guler")
    aliases = list(guler.aliases.all())
    data = {
        "slug": guler.slug,
        "kind": guler.kind,
        "name_ar": guler.name_ar,
        "name_en": guler.name_en,
        "description": guler.description,
        "wikidata_id": "",
        "aliases-TOTAL_FORMS": str(len(aliases) + 1),
        "aliases-INITIAL_FORMS": str(len(aliases)),
        "roles-TOTAL_FORMS": "0",
        "roles-INITIAL_FORMS": "0",
    }
    for index, alias in enumerate(aliases):
        data[f"aliases-{index}-id"] = str(alias.pk)
        data[f"aliases-{index}-actor"] = str(guler.pk)
        data[f"aliases-{index}-text"] = alias.text
        data[f"aliases-{index}-allows_article"] = "on"
    data[f"aliases-{len(aliases)}-actor"] = str(guler.pk)
    data[f"aliases-{len(aliases)}-text"] = "وزير الدفاع التركي"
    data[f"aliases-{len(aliases)}-allows_article"] = "on"
    before = Mention.objects.filter(actor=guler).count()
    response = client.post(f"/admin/actors/actor/{guler.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    added = Mention.objects.filter(actor=guler, quote="وزير الدفاع التركي")
    assert added.count() >= 1
    assert Mention.objects.filter(actor=guler).count() == before + added.count()


def test_editors_confirm_and_reject_but_ambiguous_ones_need_an_actor(loaded_seeds, editor):
    client, user = editor
    other = Actor.objects.create(slug="other-fidan", kind="person", name_ar="فيدان آخر")
    services.alias_create(other, "فيدان")
    ambiguous = Mention.objects.get(actor__isnull=True, quote="فيدان")
    sdf = list(Mention.objects.filter(actor__slug="sdf", article=loaded_seeds["000"]))
    response = client.post(
        "/admin/actors/mention/",
        {"action": "confirm", "_selected_action": [m.pk for m in sdf] + [ambiguous.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "6 mentions changed." in page
    assert "1 ambiguous mention skipped" in page
    confirmed = Mention.objects.filter(pk__in=[m.pk for m in sdf])
    assert {(m.status, m.confirmed_by_id) for m in confirmed} == {("confirmed", user.pk)}
    # The change form offers only the candidates, and confirming needs one.
    url = f"/admin/actors/mention/{ambiguous.pk}/change/"
    form = client.get(url).content.decode()
    assert "فيدان آخر" in form and "قوات سوريا الديمقراطية" not in form
    response = client.post(url, {"actor": "", "status": "confirmed"})
    assert response.status_code == 200
    assert "choose which actor it names" in response.content.decode()
    fidan = Actor.objects.get(slug="hakan-fidan")
    response = client.post(url, {"actor": str(fidan.pk), "status": "confirmed"})
    assert response.status_code == 302
    ambiguous.refresh_from_db()
    assert (ambiguous.actor, ambiguous.status, ambiguous.confirmed_by) == (fidan, "confirmed", user)


def test_only_reviewers_merge(loaded_seeds, editor, reviewer):
    twin = Actor.objects.create(slug="sdf-twin", kind="armed_group", name_ar="قسد")
    services.alias_create(twin, "الوحدات الكردية")
    sdf = Actor.objects.get(slug="sdf")
    client, _ = editor
    page = client.get("/admin/actors/actor/").content.decode()
    assert "merge_actors" not in page
    client, _ = reviewer
    selected = {"action": "merge_actors", "_selected_action": [sdf.pk, twin.pk]}
    confirm_page = client.post("/admin/actors/actor/", selected)
    assert confirm_page.status_code == 200
    assert "Merge two actors" in confirm_page.content.decode()
    response = client.post(
        "/admin/actors/actor/", {**selected, "confirm": "1", "keep": str(sdf.pk)}, follow=True
    )
    assert "Merged" in response.content.decode()
    assert not Actor.objects.filter(slug="sdf-twin").exists()
    assert Alias.objects.get(text="الوحدات الكردية").actor == sdf
    one = client.post(
        "/admin/actors/actor/",
        {"action": "merge_actors", "_selected_action": [sdf.pk]},
        follow=True,
    )
    assert "Select exactly two actors" in one.content.decode()
