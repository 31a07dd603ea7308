"""Streamed exports: CSV with a BOM, JSON Lines, W3C Web Annotation JSON-LD;
the same filters and curation as the lists."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from django.http import StreamingHttpResponse

# The W3C suite's MUST assertions, copied into the repository (tests/w3c/README.md).
W3C = Path(__file__).resolve().parents[1] / "w3c"


def content(response) -> bytes:
    assert response.status_code == 200, getattr(response, "content", b"")
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content)


def csv_rows(response) -> list[dict]:
    raw = content(response)
    assert raw.startswith("\ufeff".encode())  # BOM: Excel reads the Arabic as UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def jsonl(response) -> list[dict]:
    return [json.loads(line) for line in content(response).decode().splitlines()]


def test_annotation_csv(corpus, anon):
    response = anon.get("/api/v1/annotations/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = csv_rows(response)
    assert [r["quote"] for r in rows] == [
        "الخطاب الانفصالي",
        "تفاهم مشتركة للتدريب والاستشارات",
        "مكافحة الإرهاب",
    ]
    sdf = rows[0]
    assert list(sdf) == [
        "id",
        "url",
        "article_id",
        "article_url",
        "article_title",
        "published_on",
        "sources",
        "topic",
        "topic_name_ar",
        "topic_name_en",
        "start",
        "end",
        "quote",
        "prefix",
        "suffix",
        "note",
        "version",
        "created_at",
        "updated_at",
        "actors",
    ]
    assert (sdf["topic"], sdf["start"], sdf["end"], sdf["published_on"]) == (
        "sdf-integration",
        "301",
        "317",
        "2025-08-14",
    )
    assert "رويترز (attribution)" in sdf["sources"]
    assert "status" not in sdf


def test_annotation_jsonl_honours_filters(corpus, anon):
    records = jsonl(anon.get("/api/v1/annotations/export.jsonl", {"topic": "training-mou"}))
    assert [(r["id"], r["quote"], r["article"]["id"]) for r in records] == [
        (
            corpus.annotations["mou"].pk,
            "تفاهم مشتركة للتدريب والاستشارات",
            corpus.articles["002"].pk,
        )
    ]
    assert records[0]["created_at"].endswith("Z")


def test_staff_exports_include_every_status(corpus, staff):
    records = jsonl(staff.get("/api/v1/annotations/export.jsonl"))
    assert len(records) == 7
    assert {r["status"] for r in records} == {"approved", "suggested", "rejected", "draft"}


def test_exports_never_leak(corpus, anon):
    for fmt in ("csv", "jsonl", "jsonld"):
        text = content(anon.get(f"/api/v1/annotations/export.{fmt}")).decode("utf-8-sig")
        for pk in corpus.hidden_annotation_ids:
            assert not re.search(rf"/annotations/{pk}(?![0-9])", text)
        for pk in corpus.hidden_article_ids:
            assert not re.search(rf"/articles/{pk}(?![0-9])", text)
    ids = {r["id"] for r in jsonl(anon.get("/api/v1/annotations/export.jsonl"))}
    assert ids.isdisjoint(corpus.hidden_annotation_ids) and len(ids) == 3
    article_ids = {r["id"] for r in jsonl(anon.get("/api/v1/articles/export.jsonl"))}
    assert article_ids.isdisjoint(corpus.hidden_article_ids) and len(article_ids) == 4


def test_article_exports(corpus, anon):
    rows = csv_rows(anon.get("/api/v1/articles/export.csv", {"source": "sana"}))
    assert [r["title"] for r in rows] == [
        corpus.articles["000"].title,
        corpus.articles["002"].title,
    ]
    assert [r["annotation_count"] for r in rows] == ["1", "1"]
    assert rows[1]["published_at"] == "2025-08-13T16:51:00Z"
    assert rows[1]["topics"] == "training-mou"
    records = jsonl(anon.get("/api/v1/articles/export.jsonl", {"q": "أنقرة", "include": "body"}))
    assert corpus.articles["004"].pk in {r["id"] for r in records}
    assert all(
        "أنقرة" in r["body"] or "انقرة" in r["body"] or "بأنقرة" in r["body"] for r in records
    )


def jsonld(client, **params) -> dict:
    response = client.get("/api/v1/annotations/export.jsonld", params)
    assert response["Content-Type"] == (
        'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
    )
    return json.loads(content(response))


def test_jsonld_shape(corpus, anon):
    collection = jsonld(anon)
    assert collection["type"] == "AnnotationCollection" and collection["total"] == 3
    items = collection["first"]["items"]
    sdf = next(
        i for i in items if i["id"].endswith(f"/annotations/{corpus.annotations['sdf'].pk}/")
    )
    assert sdf["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert sdf["id"].startswith("http://testserver/api/v1/annotations/")
    assert sdf["type"] == "Annotation" and sdf["motivation"] == "tagging"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", sdf["created"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", sdf["modified"])
    tagging, describing = sdf["body"]
    assert (tagging["type"], tagging["purpose"], tagging["value"]) == (
        "TextualBody",
        "tagging",
        "sdf-integration",
    )
    assert describing["purpose"] == "describing"
    assert describing["value"] == "Turkey calls the Hasakah conference's rhetoric separatist."
    target = sdf["target"]
    assert target["source"] == f"http://testserver/api/v1/articles/{corpus.articles['000'].pk}/"
    quote, position = target["selector"]
    body = corpus.articles["000"].body
    assert quote["type"] == "TextQuoteSelector" and quote["exact"] == "الخطاب الانفصالي"
    assert body[position["start"] : position["end"]] == quote["exact"]
    assert (position["start"], position["end"]) == (301, 317)
    assert body[: position["start"]].endswith(quote["prefix"])
    assert body[position["end"] :].startswith(quote["suffix"])
    # An annotation without a note has only the tagging body.
    mou = next(i for i in items if i["target"]["selector"][0]["exact"].startswith("تفاهم"))
    assert [b["purpose"] for b in mou["body"]] == ["tagging"]


def _w3c_validators():
    from jsonschema import Draft4Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    registry = Registry()
    for path in sorted((W3C / "definitions").glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        registry = registry.with_resource(path.name, Resource.from_contents(schema, DRAFT4))
    test = json.loads((W3C / "annotations" / "annotationMusts.test").read_text(encoding="utf-8"))
    checker = FormatChecker()
    assert "uri" in checker.checkers, "install rfc3987 so that format: uri is enforced"
    validators = []
    for assertion in test["assertions"]:
        schema = json.loads((W3C / assertion).read_text(encoding="utf-8"))
        expected = schema.get("expectedResult", "valid")
        validators.append(
            (
                assertion,
                expected,
                Draft4Validator(schema, registry=registry, format_checker=checker),
            )
        )
    return validators


def test_every_exported_annotation_passes_the_w3c_musts(corpus, staff):
    validators = _w3c_validators()
    assert len(validators) == 54
    items = jsonld(staff)["first"]["items"]
    assert len(items) == 7
    failures = []
    for item in items:
        for name, expected, validator in validators:
            valid = validator.is_valid(item)
            if valid != (expected == "valid"):
                failures.append((item["id"], name))
    assert failures == []


def test_the_w3c_check_catches_a_broken_annotation(corpus, anon):
    """The gate works: an https @context and a non-URI id both fail."""
    validators = _w3c_validators()
    item = jsonld(anon)["first"]["items"][0]
    broken = dict(item, **{"@context": "https://www.w3.org/ns/anno.jsonld", "id": "anno 1"})
    failed = {
        name
        for name, expected, validator in validators
        if validator.is_valid(broken) != (expected == "valid")
    }
    assert "annotations/3.1-annotationContextValidated.json" in failed
    assert "annotations/3.1-annotationIdValidated.json" in failed


def test_article_export_urls_are_the_api_urls(corpus, anon):
    import json

    lines = b"".join(anon.get("/api/v1/articles/export.jsonl").streaming_content).splitlines()
    exported = {row["id"]: row["url"] for row in map(json.loads, lines)}
    listed = {a["id"]: a["url"] for a in anon.get("/api/v1/articles/").json()["results"]}
    assert exported == listed


def test_one_instant_and_one_url_on_every_surface(corpus, anon):
    """A researcher joins the API's JSON, the CSV and the JSON-LD on equal strings."""
    sdf = corpus.annotations["sdf"]
    api = anon.get(f"/api/v1/annotations/{sdf.pk}/").json()
    row = next(
        r for r in csv_rows(anon.get("/api/v1/annotations/export.csv")) if r["id"] == str(sdf.pk)
    )
    record = next(
        r for r in jsonl(anon.get("/api/v1/annotations/export.jsonl")) if r["id"] == sdf.pk
    )
    ld = next(i for i in jsonld(anon)["first"]["items"] if i["id"] == api["url"])
    assert api["url"] == f"http://testserver/api/v1/annotations/{sdf.pk}/"
    assert api["created_at"].endswith("Z") and api["updated_at"].endswith("Z")
    assert api["created_at"] == record["created_at"] == ld["created"]
    assert api["updated_at"] == record["updated_at"] == ld["modified"]
    assert {name: value for name, value in record.items() if name != "actors"} == api
    assert row["url"] == api["url"]
    article = anon.get(f"/api/v1/articles/{sdf.article_id}/").json()
    assert article["url"] == f"http://testserver/api/v1/articles/{sdf.article_id}/"
    assert row["article_url"] == article["url"]


def test_csv_cells_a_spreadsheet_would_run_are_escaped(corpus, staff, anon):
    """OWASP's rule, in every CSV: a cell starting with = + - @ tab or CR gets a
    leading apostrophe; the JSON exports keep the text as it is."""
    from annotations.models import Annotation

    notes = ['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "\tTab", "\rCR", "plain"]
    sdf = corpus.annotations["sdf"]
    for note in notes:
        Annotation.objects.filter(pk=sdf.pk).update(note=note)
        rows = csv_rows(anon.get("/api/v1/annotations/export.csv", {"topic": "sdf-integration"}))
        assert rows[0]["note"] == (note if note == "plain" else "'" + note)
        records = jsonl(anon.get("/api/v1/annotations/export.jsonl", {"topic": "sdf-integration"}))
        assert records[0]["note"] == note
    article = corpus.articles["002"]
    type(article).objects.filter(pk=article.pk).update(summary="=1+1", title="-ليس صيغة")
    rows = csv_rows(staff.get("/api/v1/articles/export.csv", {"source": "sana"}))
    escaped = next(r for r in rows if r["id"] == str(article.pk))
    assert (escaped["summary"], escaped["title"]) == ("'=1+1", "'-ليس صيغة")
