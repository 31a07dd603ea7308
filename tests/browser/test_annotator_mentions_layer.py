"""The annotator's mentions layer in Chromium: the actors named in the body
painted as a second highlight layer, shown and hidden, code points mapped
after an emoji, and an alias added from a selected passage. (Named to run
right after test_annotator.py, before any transactional test without a
serialized rollback, whose flush would leave content types behind.)"""

from __future__ import annotations

import pytest

from actors.models import Alias, Mention
from actors.services import article_find_mentions
from tests import factories
from tests.browser.test_annotator import SELECT_PHRASE, page  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAINTED = """
(name) => {
  const highlight = CSS.highlights.get(name);
  return highlight ? Array.from(highlight.values(), (range) => range.toString()) : null;
}
"""


def test_mentions_layer_after_an_emoji_and_an_alias_from_the_selection(page, live_server):  # noqa: F811
    article = factories.article(
        "🇹🇷🤝 أنقرة تدعم دمشق.\n\nووصل وفد من قسد إلى أنقرة.", title="emoji", raw_text="x"
    )
    article_find_mentions(article)
    assert [(m.start, m.quote) for m in Mention.objects.filter(article=article)] == [
        (4, "أنقرة"),
        (15, "دمشق"),
        (34, "قسد"),
        (42, "أنقرة"),
    ]
    url = f"{live_server.url}/admin/archive/article/{article.pk}/change/"
    page.goto(url)
    page.wait_for_selector(".mentions-layer:not([hidden])")
    painted = page.evaluate(PAINTED, "mention")
    assert painted == ["أنقرة", "دمشق", "قسد", "أنقرة"]  # UTF-16 ranges from code points
    # Topics paint backgrounds; mentions an underline.
    assert "×2" in page.inner_text(".mentions-layer__summary")

    page.uncheck(".mentions-layer__toggle")
    assert page.evaluate(PAINTED, "mention") is None
    page.reload()
    page.wait_for_selector(".mentions-layer:not([hidden])")
    assert page.evaluate(PAINTED, "mention") is None  # hidden stays hidden
    page.check(".mentions-layer__toggle")
    assert len(page.evaluate(PAINTED, "mention")) == 4

    # "وفد" becomes an alias of the SDF, from the selection.
    assert page.evaluate(SELECT_PHRASE, "وفد")
    page.keyboard.press("Escape")
    page.fill(".mentions-layer__actor", "sdf")
    page.evaluate(
        "(phrase) => { const p = document.querySelectorAll('.annotator__text p')[1];"
        " const node = p.firstChild; const at = node.data.indexOf(phrase);"
        " const range = document.createRange(); range.setStart(node, at);"
        " range.setEnd(node, at + phrase.length); const s = window.getSelection();"
        " s.removeAllRanges(); s.addRange(range); }",
        "وفد",
    )
    page.click(".mentions-layer__add")
    page.wait_for_selector(".annotator__messages:has-text('Alias added')")
    assert Alias.objects.filter(actor__slug="sdf", text="وفد").exists()
    page.wait_for_function("() => CSS.highlights.get('mention').size === 5")
    assert "وفد" in page.evaluate(PAINTED, "mention")


FIRST_LAYOUT = """
document.addEventListener('DOMContentLoaded', () => requestAnimationFrame(() => {
  const text = document.querySelector('.annotator__text');
  window.firstTextTop = text ? text.getBoundingClientRect().top : null;
}));
"""


def test_the_text_does_not_move_when_the_mentions_layer_appears(page, live_server):  # noqa: F811
    article = factories.article(
        "أنقرة تدعم دمشق.\n\nووصل وفد من قسد إلى أنقرة.", title="layout", raw_text="x"
    )
    article_find_mentions(article)
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.add_init_script(FIRST_LAYOUT)
    for view in ("workspace", "change"):
        asked.clear()
        page.goto(f"{live_server.url}/admin/archive/article/{article.pk}/{view}/")
        page.wait_for_load_state("networkidle")
        # Laid out with the text in the first frame: the bar is there, the
        # text below it has not moved since, and nothing was fetched for it.
        assert page.evaluate("() => window.firstTextTop") == page.evaluate(
            "() => document.querySelector('.annotator__text').getBoundingClientRect().top"
        )
        assert page.is_visible(".mentions-layer")
        assert page.inner_text(".mentions-layer__summary") == (
            "أنقرة (Ankara) ×2 · دمشق (Damascus) ×1"
            " · قوات سوريا الديمقراطية (Syrian Democratic Forces (SDF)) ×1"
        )
        assert not [url for url in asked if "/mention/article/" in url], asked
