"""OpenAPI schema hooks (drf-spectacular)."""

from __future__ import annotations


def describing_schema(context: dict) -> bool:
    """Whether a serializer is being read to write the schema (drf-spectacular marks
    the view it inspects): the schema documents every field a response may hold,
    whoever asks for it and whatever the query."""
    return getattr(context.get("view"), "swagger_fake_view", False)


# Component name -> the response fields that only some viewers or queries get
# (``optional_fields``): the schema lists them, and not as required.
_OPTIONAL_FIELDS: dict[str, tuple[str, ...]] = {}


def optional_fields(*names: str):
    """Class decorator for a response serializer: ``names`` are fields a response
    holds only for some viewers or queries. This is where that is declared: a
    read-only field's ``required=False`` says nothing (DRF sets it on every
    read-only field), and drf-spectacular marks every read-only field required;
    ``optional_fields_not_required`` takes these out."""

    def decorate(serializer):
        _OPTIONAL_FIELDS[serializer.__name__.removesuffix("Serializer")] = names
        return serializer

    return decorate


def optional_fields_not_required(result, generator, request, public):
    schemas = result.get("components", {}).get("schemas", {})
    for name, fields in _OPTIONAL_FIELDS.items():
        component = schemas.get(name)
        if component and "required" in component:
            component["required"] = [
                field for field in component["required"] if field not in fields
            ]
    return result


def canonical_paths_only(endpoints):
    """Each route is served with and without its trailing slash
    (``config.api_urls.ArchiveRouter``); the schema documents the form the API
    writes, with the slash."""
    return [endpoint for endpoint in endpoints if endpoint[0].endswith("/")]


ERROR_SCHEMAS = {
    "ErrorDetail": {
        "type": "object",
        "description": "An error in the requester's language (Accept-Language).",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    "ValidationErrors": {
        "type": "object",
        "description": "Bad input: each offending parameter or field (or `detail`, "
        "`non_field_errors`, `unknown_parameters`) with its messages.",
        "additionalProperties": {},
    },
}

_READS = {"get", "head", "options"}


def _error(description: str, schema: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def error_responses(method: str, path: str, operation: dict) -> dict[str, dict]:
    """The errors any operation may answer, by the rules below every view:
    bad input, authentication and permission, a missing row, the throttles,
    and, on writes, optimistic concurrency (``api.concurrency``)."""
    responses = {
        "400": _error(
            "Bad input: an unknown query parameter, a bad value, a NUL character, "
            "JSON nested too deep; the body names it.",
            "ValidationErrors",
        ),
        "401": _error("The credentials sent are invalid (a bad or expired token).", "ErrorDetail"),
        "403": _error(
            "You may not do this (writes need a staff user with the permission).", "ErrorDetail"
        ),
        "404": _error("No such row, or not one you may see.", "ErrorDetail"),
        "413": _error("The request body is over the limit (2.5 MiB).", "ErrorDetail"),
        "429": _error(
            "Throttled: too many requests (anonymous, per user, or exports); see Retry-After.",
            "ErrorDetail",
        ),
    }
    if method not in _READS:
        responses["409"] = _error(
            "The row changed while this request was writing it; read it again.", "ErrorDetail"
        )
        responses["412"] = _error(
            "The row is no longer at the version given in If-Match.", "ErrorDetail"
        )
    return responses


def document_errors_and_anonymous_access(result, generator, request, public):
    """Every operation documents the errors it may answer (``error_responses``)
    beside its own, and reads say that they need no credentials (an empty
    security requirement: anonymous users read the curated data)."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    for name, schema in ERROR_SCHEMAS.items():
        components.setdefault(name, schema)
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for code, response in error_responses(method, path, operation).items():
                operation["responses"].setdefault(code, response)
            anonymous = method in _READS or operation.get("operationId") == "exports_create"
            security = operation.setdefault("security", [])
            if anonymous and {} not in security:
                security.append({})
    return result
