"""The API's request parsers: DRF's, refusing what would otherwise reach the
database or the interpreter as a 500. A JSON body nested deeper than
``MAX_JSON_DEPTH`` is a 400 (the standard decoder would exhaust the stack),
and a NUL character anywhere in a body (PostgreSQL text cannot hold one) is a
400 naming the field."""

from __future__ import annotations

import json

from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError, ValidationError

MAX_JSON_DEPTH = 64


def _depth_and_nul(data) -> tuple[int, str | None]:
    """The nesting depth of ``data`` and the dotted path of the first string
    (key or value) holding a NUL, without recursion."""
    deepest, nul_at = 0, None
    stack = [(data, 1, "")]
    while stack:
        value, depth, path = stack.pop()
        if isinstance(value, dict):
            deepest = max(deepest, depth)
            for key, item in value.items():
                name = f"{path}.{key}" if path else str(key)
                if nul_at is None and "\x00" in str(key):
                    nul_at = name
                stack.append((item, depth + 1, name))
        elif isinstance(value, list):
            deepest = max(deepest, depth)
            for index, item in enumerate(value):
                stack.append((item, depth + 1, f"{path}.{index}" if path else str(index)))
        elif isinstance(value, str) and nul_at is None and "\x00" in value:
            nul_at = path or "non_field_errors"
        if deepest > MAX_JSON_DEPTH:
            break
    return deepest, nul_at


def _too_deep() -> ParseError:
    return ParseError(
        _("JSON parse error - nested more than %(depth)d levels deep.") % {"depth": MAX_JSON_DEPTH}
    )


def refuse_nul(path: str | None) -> None:
    """A 400 naming ``path`` when a body holds a NUL character."""
    if path is not None:
        raise ValidationError({path: [ProhibitNullCharactersValidator.message]})


def _not_json(error: ParseError) -> ParseError:
    """DRF's "JSON parse error - <the decoder's sentence>" is English whatever
    the request's language: where the decoder says where, say it translated
    (its reason stays the decoder's words)."""
    cause = error.__context__
    if isinstance(cause, json.JSONDecodeError):
        return ParseError(
            _("JSON parse error - line %(line)d, column %(column)d: %(reason)s.")
            % {"line": cause.lineno, "column": cause.colno, "reason": cause.msg}
        )
    if isinstance(cause, ValueError):
        return ParseError(_("JSON parse error - %(reason)s.") % {"reason": cause})
    return error


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise _too_deep() from None
        except ParseError as error:
            raise _not_json(error) from None
        depth, nul_at = _depth_and_nul(data)
        if depth > MAX_JSON_DEPTH:
            raise _too_deep()
        refuse_nul(nul_at)
        return data


def _querydict_nul(data) -> str | None:
    for key, values in data.lists():
        if "\x00" in key or any("\x00" in str(value) for value in values):
            return key
    return None


class FormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        refuse_nul(_querydict_nul(data))
        return data


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        parsed = super().parse(stream, media_type, parser_context)
        refuse_nul(_querydict_nul(parsed.data))
        return parsed
