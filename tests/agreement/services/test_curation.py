"""Curating the editors' versions into final, approved annotations."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from agreement.models import EditorVersion
from agreement.selectors import version_clusters
from agreement.services import versions_curate
from annotations.models import Annotation
from archive.curation import Viewer
from tests.agreement.conftest import LONG, SHORT

pytestmark = pytest.mark.django_db


def cluster_of(assignment, article, topic):
    return next(
        c for c in version_clusters(assignment, article) if c.versions[0].topic.slug == topic
    )


@pytest.mark.parametrize(
    "resolution, expected",
    [
        ("union", "مذكرة تفاهم للتدريب مع دمشق"),
        ("intersection", "تفاهم للتدريب"),
    ],
)
def test_merging_makes_one_approved_annotation(closed, article, reviewer, resolution, expected):
    cluster = cluster_of(closed, article, "training-mou")
    (final,) = versions_curate(cluster.versions, resolution=resolution, reviewer=reviewer)
    final.refresh_from_db()
    assert final.quote == expected
    assert article.body[final.start : final.end] == expected
    assert final.status == Annotation.Status.APPROVED
    assert (final.created_by, final.reviewed_by) == (reviewer, reviewer)
    assert final.note == "the MoU"
    # The editors' versions stay, as their own records, linked to the final.
    versions = EditorVersion.objects.filter(topic__slug="training-mou").order_by("editor__username")
    assert [(v.editor.username, v.quote, v.final_id) for v in versions] == [
        ("amal", LONG, final.pk),
        ("bashir", SHORT, final.pk),
    ]
    assert all(v.resolved_by == reviewer for v in versions)
    assert cluster_of_or_none(closed, article, "training-mou") is None


def cluster_of_or_none(assignment, article, topic):
    return next(
        (c for c in version_clusters(assignment, article) if c.versions[0].topic.slug == topic),
        None,
    )


def test_picking_an_editors_version_credits_them(closed, article, bashir, reviewer):
    cluster = cluster_of(closed, article, "training-mou")
    (final,) = versions_curate(
        cluster.versions, resolution="take", editor_id=bashir.pk, reviewer=reviewer
    )
    assert (final.quote, final.created_by, final.reviewed_by) == (SHORT, bashir, reviewer)


def test_the_reviewer_writes_the_final_passage(closed, article, reviewer, topics):
    cluster = cluster_of(closed, article, "training-mou")
    (final,) = versions_curate(
        cluster.versions,
        resolution="write",
        quote="توقيع مذكرة تفاهم للتدريب",
        topic=topics["training-mou"],
        reviewer=reviewer,
    )
    assert final.quote == "توقيع مذكرة تفاهم للتدريب"
    assert article.body.index("توقيع مذكرة") == final.start


def test_only_the_final_passage_is_public(closed, article, reviewer):
    article.status = article.Status.PUBLISHED
    article.save()
    cluster = cluster_of(closed, article, "training-mou")
    (final,) = versions_curate(cluster.versions, resolution="union", reviewer=reviewer)
    public = list(
        Annotation.objects.visible_to(Viewer.of(AnonymousUser())).values_list("quote", flat=True)
    )
    assert public == [final.quote]


def test_curation_refuses_bad_choices(closed, article, amal, reviewer):
    cluster = cluster_of(closed, article, "training-mou")
    with pytest.raises(PermissionDenied):
        versions_curate(cluster.versions, resolution="union", reviewer=amal)
    with pytest.raises(ValidationError) as caught:
        versions_curate(
            cluster.versions, resolution="write", quote="نص غير موجود", reviewer=reviewer
        )
    assert caught.value.message_dict == {"quote": ["This passage does not occur in the article."]}
    with pytest.raises(ValidationError) as caught:
        versions_curate(cluster.versions, resolution="guess", reviewer=reviewer)
    assert caught.value.message_dict == {"resolution": ["Choose how to resolve these versions."]}
    versions_curate(cluster.versions, resolution="discard", reviewer=reviewer)
    with pytest.raises(ValidationError) as caught:
        versions_curate(cluster.versions, resolution="union", reviewer=reviewer)
    assert caught.value.message_dict == {"versions": ["These versions were already resolved."]}
    assert not Annotation.objects.filter(status=Annotation.Status.APPROVED).exists()


def test_versions_of_an_open_assignment_cannot_be_curated(assignment, article, reviewer, topics):
    version = EditorVersion.objects.create(
        assignment=assignment,
        article=article,
        editor=reviewer,
        topic=topics["training-mou"],
        start=0,
        end=5,
        quote=article.body[:5],
        annotated_at=assignment.created_at,
    )
    with pytest.raises(ValidationError) as caught:
        versions_curate([version], resolution="union", reviewer=reviewer)
    assert caught.value.message_dict == {
        "versions": ["Close the assignment before curating its versions."]
    }
