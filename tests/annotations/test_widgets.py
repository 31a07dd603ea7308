"""The annotator's configuration (``annotations.widgets``)."""

from __future__ import annotations

import pytest

from annotations.widgets import annotator_config

pytestmark = pytest.mark.django_db

API = "/api/v1/annotations/"


def test_the_workspace_is_configured_with_the_api(editor, emoji_article):
    config = annotator_config(emoji_article, editor)
    assert config["urls"]["api"] == API
    assert config["urls"]["detail"] == API + "{id}/"
