"""The actors API, and actor= on the other lists and exports: curated on
every surface (the public sees confirmed mentions in published articles)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from actors import services
from actors.models import Mention
from annotations.models import Annotation
from annotations.permissions import SYSTEM
from annotations.services import annotation_create
from archive.models import Source
from tests import factories
from tests.api.test_exports import W3C, _w3c_validators

Status = Mention.Status


@pytest.fixture
def reviewed(corpus):
    """Confirmed: SDF and Ankara in 000, SDF in the draft 001, ISIS only in
    001; one SDF mention of 002 rejected. Everything else stays suggested."""
    editor = factories.user("mention-editor", is_staff=False, password=None)
    articles = corpus.articles

    def confirm(number: str, slug: str) -> None:
        for mention in articles[number].mentions.filter(actor__slug=slug):
            services.mention_set_status(mention, status=Status.CONFIRMED, user=editor)

    for number, slug in [("000", "sdf"), ("000", "ankara"), ("001", "sdf"), ("001", "isis")]:
        confirm(number, slug)
    rejected = articles["002"].mentions.filter(actor__slug="sdf").first()
    services.mention_set_status(rejected, status=Status.REJECTED, user=editor)
    return corpus


@pytest.fixture
def curator(db):
    return factories.api_client(
        factories.user_with(
            "curator", "view_article", "view_annotation", "view_mention", "view_event"
        )
    )


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_actor_detail_with_aliases_and_curated_counts(reviewed, anon, curator):
    data = anon.get("/api/v1/actors/sdf/").json()
    assert data["name_en"] == "Syrian Democratic Forces (SDF)"
    assert [a["text"] for a in data["aliases"]] == [
        "قوات سوريا الديمقراطية",
        "قسد",
        "SDF",
        "Syrian Democratic Forces",
    ]
    assert data["aliases"][2]["script"] == "latin"
    assert (data["mention_count"], data["article_count"]) == (6, 1)  # 000 only
    every = curator.get("/api/v1/actors/sdf/").json()
    # Staff who may view mentions: suggested and confirmed, drafts included, not the rejected.
    assert (every["mention_count"], every["article_count"]) == (16, 3)
    assert anon.get("/api/v1/actors/isis/").json()["mention_count"] == 0  # only in a draft
    guler = anon.get("/api/v1/actors/yasar-guler/").json()
    assert guler["roles"][0]["title_en"] == "Turkish defence minister"
    assert guler["roles"][0]["organisation"] == "turkish-defence-ministry"
    ankara = anon.get("/api/v1/actors/ankara/").json()
    assert ankara["wikidata_iri"] == "http://www.wikidata.org/entity/Q3640"


def test_actor_list_and_kind_filter(reviewed, anon):
    response = anon.get("/api/v1/actors/?kind=country")
    assert response.status_code == 200
    assert [a["slug"] for a in response.json()["results"]] == ["syria", "turkey"]
    bad = anon.get("/api/v1/actors/?kind=planet")
    assert bad.status_code == 400 and "kind" in bad.json()
    assert anon.get("/api/v1/actors/nobody/").status_code == 404


def test_mentions_of_an_actor_are_curated(reviewed, anon, curator):
    response = anon.get("/api/v1/actors/sdf/mentions/")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert {r["article_id"] for r in rows} == {reviewed.articles["000"].pk}
    assert {r["status"] for r in rows} == {"confirmed"}
    body = reviewed.articles["000"].body
    assert all(body[r["start"] : r["end"]] == r["quote"] for r in rows)
    assert sorted(r["start"] for r in rows)[:2] == [134, 203]
    staff_rows = curator.get("/api/v1/actors/sdf/mentions/?page_size=200").json()["results"]
    assert len(staff_rows) == 16 and "rejected" not in {r["status"] for r in staff_rows}


def test_articles_by_actor_anded(reviewed, anon, curator):
    a = reviewed.articles
    assert ids(anon.get("/api/v1/articles/?actor=sdf")) == {a["000"].pk}
    assert ids(curator.get("/api/v1/articles/?actor=sdf")) == {
        a["000"].pk,
        a["001"].pk,
        a["002"].pk,
    }
    assert ids(curator.get("/api/v1/articles/?actor=sdf,isis")) == {a["001"].pk}
    assert ids(curator.get("/api/v1/articles/?actor=sdf&actor=isis")) == {a["001"].pk}
    assert ids(anon.get("/api/v1/articles/?actor=sdf,ankara")) == {a["000"].pk}
    assert ids(anon.get("/api/v1/articles/?actor=isis")) == set()
    bad = anon.get("/api/v1/articles/?actor=sdf,nobody")
    assert bad.status_code == 400
    assert bad.json() == {"actor": ["Unknown slug(s): nobody."]} or "nobody" in str(bad.json())


def test_annotations_by_actor_overlap(reviewed, anon, topics):
    article = reviewed.articles["000"]
    quote = article.body[1520:1600]
    passage = annotation_create(
        by=SYSTEM,
        article=article,
        topic=topics["sdf-integration"],
        start=1520,
        end=1600,
        quote=quote,
        status=Annotation.Status.DRAFT,
    )
    passage.status = Annotation.Status.APPROVED
    passage.save()
    assert ids(anon.get("/api/v1/annotations/?actor=sdf")) == {passage.pk}
    assert ids(anon.get("/api/v1/annotations/?actor=sdf,ankara")) == {passage.pk}
    # The corpus's SDF passage (الخطاب الانفصالي) names no actor.
    assert reviewed.annotations["sdf"].pk not in ids(anon.get("/api/v1/annotations/?actor=sdf"))
    assert ids(anon.get("/api/v1/annotations/?actor=isis")) == set()


def test_events_by_actor(reviewed, anon, curator):
    events = reviewed.events
    assert ids_of_events(anon.get("/api/v1/events/?actor=sdf")) == {events["mou"].pk}
    # The SDF agreement is reported only by the draft 001.
    assert ids_of_events(curator.get("/api/v1/events/?actor=isis")) == {
        events["mou"].pk,
        events["sdf"].pk,
    }
    assert ids_of_events(anon.get("/api/v1/events/?actor=isis")) == set()


def ids_of_events(response) -> set[int]:
    assert response.status_code == 200, response.content
    data = response.json()
    rows = data["results"] if isinstance(data, dict) else data
    return {row["id"] for row in rows}


def test_co_mentions_filtered_by_date_and_source(reviewed, anon, curator):
    response = anon.get("/api/v1/actors/sdf/co-mentions/")
    assert response.status_code == 200
    assert [(r["slug"], r["article_count"]) for r in response.json()] == [("ankara", 1)]
    staff_rows = {
        r["slug"]: r["article_count"] for r in curator.get("/api/v1/actors/sdf/co-mentions/").json()
    }
    assert staff_rows["isis"] == 1 and staff_rows["turkey"] == 3
    assert anon.get("/api/v1/actors/sdf/co-mentions/?published_from=2025-09-01").json() == []
    assert len(anon.get("/api/v1/actors/sdf/co-mentions/?published_to=2025-08-14").json()) == 1
    reuters = Source.objects.filter(article_links__article=reviewed.articles["000"]).first()
    with_source = anon.get(f"/api/v1/actors/sdf/co-mentions/?source={reuters.slug}").json()
    assert [r["slug"] for r in with_source] == ["ankara"]
    bad = anon.get("/api/v1/actors/sdf/co-mentions/?published_from=yesterday&source=nowhere")
    assert bad.status_code == 400
    assert set(bad.json()) == {"published_from", "source"}
    typo = anon.get("/api/v1/actors/sdf/co-mentions/?publishd_from=2025-01-01")
    assert typo.status_code == 400 and "publishd_from" in str(typo.json()["unknown_parameters"])
    assert anon.get("/api/v1/actors/sdf/mentions/?actor=isis").status_code == 400


def test_article_exports_list_their_actors(reviewed, anon):
    lines = b"".join(anon.get("/api/v1/articles/export.jsonl").streaming_content).splitlines()
    by_id = {row["id"]: row["actors"] for row in map(json.loads, lines)}
    assert by_id[reviewed.articles["000"].pk] == ["ankara", "sdf"]
    assert by_id[reviewed.articles["002"].pk] == []
    raw = b"".join(anon.get("/api/v1/articles/export.csv").streaming_content).decode("utf-8-sig")
    rows = {int(r["id"]): r for r in csv.DictReader(io.StringIO(raw))}
    assert rows[reviewed.articles["000"].pk]["actors"] == "ankara, sdf"


@pytest.fixture
def passage(reviewed, topics):
    article = reviewed.articles["000"]
    annotation = annotation_create(
        by=SYSTEM,
        article=article,
        topic=topics["sdf-integration"],
        start=1520,
        end=1600,
        quote=article.body[1520:1600],
        status=Annotation.Status.DRAFT,
    )
    annotation.status = Annotation.Status.APPROVED
    annotation.save()
    return annotation


def test_annotation_exports_list_their_actors(passage, anon):
    lines = b"".join(anon.get("/api/v1/annotations/export.jsonl").streaming_content).splitlines()
    by_id = {row["id"]: row["actors"] for row in map(json.loads, lines)}
    assert by_id[passage.pk] == ["ankara", "sdf"]
    raw = b"".join(anon.get("/api/v1/annotations/export.csv").streaming_content).decode("utf-8-sig")
    rows = {int(r["id"]): r for r in csv.DictReader(io.StringIO(raw))}
    assert rows[passage.pk]["actors"] == "ankara, sdf"


def test_jsonld_identifies_the_actors_and_passes_the_w3c_musts(passage, anon):
    response = anon.get("/api/v1/annotations/export.jsonld")
    items = json.loads(b"".join(response.streaming_content))["first"]["items"]
    item = next(i for i in items if i["id"].endswith(f"/annotations/{passage.pk}/"))
    identifying = [b for b in item["body"] if b.get("purpose") == "identifying"]
    assert identifying == [
        {
            "type": "SpecificResource",
            "purpose": "identifying",
            "source": "http://www.wikidata.org/entity/Q3640",
        },
        {
            "type": "SpecificResource",
            "purpose": "identifying",
            "source": "http://testserver/api/v1/actors/sdf/",
        },
    ]
    if not W3C.is_dir():
        pytest.skip(f"W3C annotation test suite not found at {W3C}")
    failures = [
        name
        for name, expected, validator in _w3c_validators()
        if validator.is_valid(item) != (expected == "valid")
    ]
    assert failures == []
