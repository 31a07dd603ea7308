"""An article imported from a web page (``tests.importers.pages``) and
published, besides the seeds: what the address filter and the article
serializers' address and publisher are read on."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from archive.models import Article
from tests.importers.pages import news_page

URL = "https://news.example.com/politics/2025/08/13/defence-training"


@pytest.fixture
def imported(db, tmp_path, loaded_seeds):
    page = tmp_path / "page.html"
    page.write_text(news_page(), encoding="utf-8")
    call_command("load_seeds", str(page), "--publish", stdout=io.StringIO())
    return Article.objects.get(url=URL)
