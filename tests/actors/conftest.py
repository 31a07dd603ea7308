"""The tasks queued while a test runs, as (task name, arguments)."""

from __future__ import annotations

import pytest
from django_tasks.signals import task_enqueued


@pytest.fixture
def enqueued():
    names = []

    def receiver(sender, task_result, **kwargs):
        names.append((task_result.task.name, task_result.args))

    task_enqueued.connect(receiver)
    yield names
    task_enqueued.disconnect(receiver)
