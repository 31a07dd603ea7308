"""The OpenAPI schema validates, its docs are served offline, and a
schemathesis run over it, anonymous and as staff, finds every answer as the
schema documents it (status, content type, body)."""

from __future__ import annotations

import re

import pytest
import schemathesis
from django.core.management import call_command
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application


def test_schema_validates_without_warnings(tmp_path):
    out = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    text = out.read_text(encoding="utf-8")
    for parameter in ("published_from", "has_annotations", "topic", "q", "page_size", "include"):
        assert f"name: {parameter}" in text


def _schema(client) -> dict:
    return client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()


def test_the_schema_is_the_same_whoever_asks_and_documents_every_optional_field(anon, staff):
    as_staff, as_public = _schema(staff), _schema(anon)
    assert as_staff == as_public
    components = as_public["components"]["schemas"]
    annotation = components["AnnotationRead"]
    assert annotation["properties"]["status"]["description"] == "Staff only."
    assert "status" not in annotation["required"]
    article = components["Article"]
    for optional in ("snippet", "rank", "body", "story_copies"):
        assert optional in article["properties"]
        assert optional not in article["required"]
    assert "title" in article["required"]
    # One enum for an export job's kind, asked for or read back.
    kind = {"$ref": "#/components/schemas/ExportKindEnum"}
    assert components["ExportJobCreate"]["properties"]["kind"]["allOf"][0] == kind
    assert components["ExportJob"]["properties"]["kind"]["allOf"][0] == kind
    assert components["ExportKindEnum"]["enum"] == ["articles", "annotations"]


def test_every_query_parameter_is_described(anon, db):
    schema = anon.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    missing = [
        (path, parameter["name"])
        for path, operations in schema["paths"].items()
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
        if not parameter.get("description")
    ]
    assert missing == []


def test_docs_are_served_offline(anon, db):
    swagger = anon.get("/api/v1/docs/")
    assert swagger.status_code == 200
    html = swagger.content.decode()
    assert "drf_spectacular_sidecar/swagger-ui-dist" in html
    # Nothing is fetched from another host: every script, style sheet and
    # image is this server's (a CSRF token in the page may spell "cdn").
    addresses = re.findall(r"""(?:src|href)\s*=\s*["']([^"']*)["']""", html)
    assert addresses and all(address.startswith("/") for address in addresses), addresses
    assert "cdn.jsdelivr" not in html and "unpkg.com" not in html
    redoc = anon.get("/api/v1/redoc/")
    assert redoc.status_code == 200 and "drf_spectacular_sidecar/redoc" in redoc.content.decode()


def test_browsable_api_renders(corpus, anon):
    response = anon.get("/api/v1/articles/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert "Article" in response.content.decode()
    assert anon.get("/api/v1/", HTTP_ACCEPT="text/html").status_code == 200


def test_cors_allows_read_only_use_from_notebooks(corpus, anon):
    response = anon.get("/api/v1/topics/", HTTP_ORIGIN="https://notebook.example")
    assert response["Access-Control-Allow-Origin"] in ("*", "https://notebook.example")


schema = schemathesis.from_wsgi("/api/v1/schema/", application)

# Beyond "no server error": every status code, content type and JSON body the
# API answers is one the schema documents for that operation.
CHECKS = (
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
)
EXAMPLES = settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


def close_stream(response) -> None:
    """Close the response now, as a WSGI server does. Schemathesis reads only
    the status of a streamed export; left open, the export's database cursor
    would be closed by the garbage collector in some later test, after that
    test's transaction has rolled it away (an error on PostgreSQL)."""
    response.close()


def staff_token() -> str:
    from django.contrib.auth.models import Permission, User
    from rest_framework.authtoken.models import Token

    user, _ = User.objects.get_or_create(username="fuzz", defaults={"is_staff": True})
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["annotations", "archive"])
    )
    token, _ = Token.objects.get_or_create(user=user)
    return token.key


@pytest.mark.django_db
@schema.parametrize()
@EXAMPLES
def test_schemathesis_anonymous_responses_conform(case, corpus_for_schemathesis):
    """Anonymous, every operation: reads answer as documented, writes are refused
    with a documented status and body."""
    response = case.call_wsgi()
    try:
        case.validate_response(response, checks=CHECKS)
    finally:
        close_stream(response)


@pytest.mark.django_db
@schema.parametrize()
@EXAMPLES
def test_schemathesis_staff_responses_conform(case, corpus_for_schemathesis):
    """As staff with every archive and annotation permission: random bodies and
    parameters reach the services, and every answer conforms."""
    response = case.call_wsgi(headers={"Authorization": f"Token {staff_token()}"})
    try:
        case.validate_response(response, checks=CHECKS)
    finally:
        close_stream(response)


def test_every_operation_documents_its_errors_and_reads_need_no_credentials(anon, db):
    schema = anon.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    missing, anonymous_reads = [], []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            wanted = {"400", "401", "403", "404", "413", "429"}
            if method not in ("get", "head", "options"):
                wanted |= {"409", "412"}
            missing += [(method, path, code) for code in wanted - set(operation["responses"])]
            if method == "get":
                anonymous_reads.append({} in operation.get("security", []))
    assert missing == []
    assert anonymous_reads and all(anonymous_reads)
    assert {} in schema["paths"]["/api/v1/exports/"]["post"]["security"]
    assert {} not in schema["paths"]["/api/v1/annotations/"]["post"]["security"]
    too_many = schema["paths"]["/api/v1/articles/"]["get"]["responses"]["429"]
    assert too_many["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorDetail"
    }
