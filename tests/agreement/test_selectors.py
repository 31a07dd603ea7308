"""What the agreement pages read (``agreement.selectors``): the editors' versions
of a closed assignment gathered into clusters by topic and overlap."""

from __future__ import annotations

import pytest

from agreement.selectors import version_clusters

pytestmark = pytest.mark.django_db


def test_versions_cluster_by_topic_and_overlap(closed, article):
    clusters = version_clusters(closed, article)
    assert [(c.versions[0].topic.slug, len(c.versions), c.agreed) for c in clusters] == [
        ("training-mou", 2, False),
        ("sdf-integration", 2, True),
    ]
    mou = clusters[0]
    assert article.body[mou.start : mou.end] == "مذكرة تفاهم للتدريب مع دمشق"
