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


def test_frozen_takes_the_heap_out_of_sight_while_it_runs_and_gives_it_back():
    from api.archive.views import ArticleViewSet

    gc.unfreeze()
    with heap.frozen():
        assert gc.get_freeze_count() > 10_000
        assert not any(obj is ArticleViewSet for obj in gc.get_objects())
    assert gc.get_freeze_count() == 0
    assert any(obj is ArticleViewSet for obj in gc.get_objects())


def test_frozen_leaves_a_settled_process_settled():
    from api.archive.views import ArticleViewSet

    gc.unfreeze()
    try:
        heap.settle()
        made_inside = []
        with heap.frozen():
            made_inside.append([])
        # Still settled (its count may drop: a frozen object whose last
        # reference goes is freed all the same), and nothing new was frozen.
        assert gc.get_freeze_count() > 10_000
        assert not any(obj is ArticleViewSet for obj in gc.get_objects())
        assert any(obj is made_inside for obj in gc.get_objects())
    finally:
        gc.unfreeze()


def test_load_seeds_loads_with_the_heap_frozen(db, monkeypatch, tmp_path):
    from django.core.management import call_command

    from archive.management.commands.load_seeds import Command

    seen = []
    monkeypatch.setattr(Command, "load", lambda self, *args: seen.append(gc.get_freeze_count()))
    (tmp_path / "000.txt").write_text("عنوان\n\nنص.", encoding="utf-8")
    gc.unfreeze()
    call_command("load_seeds", tmp_path)
    assert len(seen) == 1 and seen[0] > 10_000
    assert gc.get_freeze_count() == 0
