"""The serving process's settled heap (``config.heap``)."""

from __future__ import annotations

import gc
import importlib

from config import heap


def test_settle_loads_the_views_and_takes_them_out_of_the_collectors_sight():
    from api.archive.views import ArticleViewSet

    gc.unfreeze()
    try:
        assert any(obj is ArticleViewSet for obj in gc.get_objects())
        frozen = heap.settle()
        assert frozen == gc.get_freeze_count() > 10_000
        # A full collection walks what the collector tracks: the view is not among it.
        assert not any(obj is ArticleViewSet for obj in gc.get_objects())
        # What a request makes afterwards is collected as before.
        made = [[]]
        assert any(obj is made for obj in gc.get_objects())
    finally:
        gc.unfreeze()
    assert gc.get_freeze_count() == 0


def test_the_wsgi_and_asgi_entry_points_settle_the_heap(monkeypatch):
    import config.asgi
    import config.wsgi

    settled = []
    monkeypatch.setattr(heap, "settle", lambda: settled.append(True))
    importlib.reload(config.wsgi)
    importlib.reload(config.asgi)
    assert settled == [True, True]
