"""The JSON behind the annotator's mentions layer (``actors.admin_views``): an
article's mentions without the rejected ones, the actors offered to those who
may add a spelling, and a new alias from a selected passage."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import translation

from actors import services
from actors.models import Alias, Mention
from tests import factories

pytestmark = pytest.mark.django_db

BODY = "🇹🇷 التقى غولار بوفد من قسد. وقال غولر إن لقسد مهلة."


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def article(db):
    article = factories.article(BODY, title="t", raw_text="x")
    services.article_find_mentions(article)
    return article


def mentions_url(article) -> str:
    return reverse("admin:actors_mention_for_article", args=[article.pk])


ADD_ALIAS = "/admin/actors/mention/add-alias/"


def test_the_mentions_in_code_points_without_the_rejected_ones(article, editor):
    sdf = article.mentions.get(actor__slug="sdf", start=23)
    services.mention_set_status(sdf, status=Mention.Status.REJECTED, user=editor)
    response = factories.client(editor).get(mentions_url(article))
    assert response.status_code == 200
    data = response.json()
    assert [(m["start"], m["end"], m["quote"], m["actor"]) for m in data["mentions"]] == [
        (9, 14, "غولار", "yasar-guler"),
        (33, 37, "غولر", "yasar-guler"),
        (42, 45, "قسد", "sdf"),  # after the proclitic لـ
    ]
    assert {m["status"] for m in data["mentions"]} == {"suggested"}
    assert data["mentions"][0]["name"] == "يشار غولر (Yaşar Güler)"
    # An editor may add spellings: the actors to choose from, by Arabic name.
    names = [actor["name"] for actor in data["actors"]]
    assert names == [
        "أحمد الشرع (Ahmed al-Sharaa)",
        "أسعد حسن الشيباني (Asaad al-Shaibani)",
        "أنقرة (Ankara)",
        "إبراهيم قالن (İbrahim Kalın)",
        "البوابة نيوز (Al-Bawaba News)",
        "الحسكة (Al-Hasakah)",
        "السويداء (As-Suwayda)",
        "تركيا (Turkey)",
        "تنظيم الدولة الإسلامية (Islamic State (ISIS))",
        "حزب العمال الكردستاني (Kurdistan Workers' Party (PKK))",
        "حسين السلامة (Hussein al-Salameh)",
        "خلوق غورغون (Haluk Görgün)",
        "دمشق (Damascus)",
        "رويترز (Reuters)",
        "زكي أكتورك (Zeki Aktürk)",
        "سوريا (Syria)",
        "عاصم هواري (Asim Hawari)",
        "قناة الإخبارية السورية (Al-Ikhbariya (Syrian TV))",
        "قوات سوريا الديمقراطية (Syrian Democratic Forces (SDF))",
        "مرهف أبو قصرة (Murhaf Abu Qasra)",
        "ميتين غوراك (Metin Gürak)",
        "هاكان فيدان (Hakan Fidan)",
        "وحدات حماية الشعب (People's Defence Units (YPG))",
        "وزارة الدفاع التركية (Turkish Ministry of National Defence)",
        "وزارة الدفاع السورية (Syrian Ministry of Defence)",
        "وكالة الأناضول (Anadolu Agency)",
        "وكالة الأنباء السورية (SANA (Syrian Arab News Agency))",
        "يشار غولر (Yaşar Güler)",
    ]
    guler, sdf_name = (
        "يشار غولر (Yaşar Güler)",
        "قوات سوريا الديمقراطية (Syrian Democratic Forces (SDF))",
    )
    kept = article.mentions.exclude(pk=sdf.pk).order_by("start")
    assert data["mentions"] == [
        {
            "id": kept[0].pk,
            "start": 9,
            "end": 14,
            "quote": "غولار",
            "status": "suggested",
            "actor": "yasar-guler",
            "name": guler,
        },
        {
            "id": kept[1].pk,
            "start": 33,
            "end": 37,
            "quote": "غولر",
            "status": "suggested",
            "actor": "yasar-guler",
            "name": guler,
        },
        {
            "id": kept[2].pk,
            "start": 42,
            "end": 45,
            "quote": "قسد",
            "status": "suggested",
            "actor": "sdf",
            "name": sdf_name,
        },
    ]


def test_the_actors_are_offered_only_to_who_may_add_a_spelling(article):
    reader = factories.user_with("reader", "view_mention")
    data = factories.client(reader).get(mentions_url(article)).json()
    assert len(data["mentions"]) == 4
    assert data["actors"] == []


def test_without_the_view_permission_or_staff_status_it_is_refused(article):
    url = mentions_url(article)
    nobody = factories.client(factories.user_with("nobody")).get(url)
    assert nobody.status_code == 403
    outsider = factories.client(
        factories.user_with("outsider", "view_mention", is_staff=False)
    ).get(url)
    assert outsider.status_code == 302
    assert outsider["Location"] == f"/admin/login/?next={url}"
    assert (
        factories.client(factories.user_with("reader", "view_mention"))
        .get(reverse("admin:actors_mention_for_article", args=[999999]))
        .status_code
        == 404
    )


def _post(client, payload) -> tuple[int, dict]:
    body = payload if isinstance(payload, str) else json.dumps(payload)
    response = client.post(ADD_ALIAS, body, content_type="application/json")
    return response.status_code, response.json()


def test_a_selected_passage_becomes_a_spelling_and_is_matched(article, editor):
    status, data = _post(factories.client(editor), {"actor": "sdf", "text": "  بوفد  "})
    assert (status, data) == (201, {"alias": "بوفد", "actor": "sdf"})
    assert Alias.objects.filter(actor__slug="sdf", text="بوفد").exists()
    assert article.mentions.filter(actor__slug="sdf", quote="بوفد").count() == 1


@pytest.mark.parametrize(
    ("payload", "errors"),
    [
        ("{not json", {"body": ["Send a JSON object."]}),
        ("[1, 2]", {"body": ["Send a JSON object."]}),
        ({"actor": "nobody", "text": "x"}, {"actor": ["Choose an actor."]}),
        ({"actor": "sdf", "text": "ب" * 201}, {"text": ["A spelling has at most 200 characters."]}),
        (
            {"actor": "sdf", "text": "ـــ ... ؟"},
            {"text": ["A spelling needs at least one letter."]},
        ),
        ({"actor": "sdf", "text": "١٢٣"}, {"text": ["A spelling needs at least one letter."]}),
        (
            {"actor": "sdf", "text": "قسد"},
            {
                "text": [
                    "“قوات سوريا الديمقراطية (Syrian Democratic Forces (SDF))”"
                    " already has this spelling."
                ]
            },
        ),
    ],
)
def test_a_bad_alias_is_a_400_naming_the_problem(article, editor, payload, errors):
    before = Alias.objects.count()
    assert _post(factories.client(editor), payload) == (400, {"errors": errors})
    assert Alias.objects.count() == before


def test_adding_a_spelling_needs_the_permission(article):
    reader = factories.client(factories.user_with("reader", "view_mention"))
    response = reader.post(ADD_ALIAS, "{}", content_type="application/json")
    assert response.status_code == 403
    assert reader.get(ADD_ALIAS).status_code == 405
