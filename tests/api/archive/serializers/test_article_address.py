"""An imported article's web address and publisher as the article serializers
write them: list, detail and exports."""

from __future__ import annotations

import csv
import io
import json

from archive.models import Article
from tests.api.archive.conftest import URL


def test_list_and_detail_carry_address_and_publisher(client, imported):
    publisher = imported.source_links.get(role="publisher").source.slug
    listed = client.get("/api/v1/articles/", {"publisher": publisher}).json()
    assert [(a["id"], a["address"], a["publisher"]) for a in listed["results"]] == [
        (imported.pk, URL, publisher)
    ]
    detail = client.get(f"/api/v1/articles/{imported.pk}/").json()
    assert (detail["address"], detail["publisher"]) == (URL, publisher)


def test_exports_carry_address_and_publisher(client, imported):
    publisher = imported.source_links.get(role="publisher").source.slug
    lines = client.get("/api/v1/articles/export.jsonl", {"address": URL}).getvalue()
    records = [json.loads(line) for line in lines.decode().splitlines()]
    assert [(r["address"], r["publisher"]) for r in records] == [(URL, publisher)]
    text = client.get("/api/v1/articles/export.csv", {"address": URL}).getvalue().decode()
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [(r["address"], r["publisher"]) for r in rows] == [(URL, publisher)]
    # A text file states neither.
    Article.objects.update(status=Article.Status.PUBLISHED)
    lines = client.get("/api/v1/articles/export.jsonl").getvalue().decode().splitlines()
    pairs = sorted((json.loads(x)["address"], json.loads(x)["publisher"] or "") for x in lines)
    assert pairs == [("", "")] * 5 + [(URL, publisher)]
