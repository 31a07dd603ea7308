"""Reads of assignments and of the passages double annotation compares."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from agreement.models import Assignment, EditorVersion
from annotations.models import Annotation


def articles_blind_to(user) -> QuerySet | None:
    """The ids of the articles on which ``user`` sees only their own passages
    (those of the open assignments they are an editor of), as a subquery; or
    ``None`` when there are none. One query."""
    links = Assignment.articles.through.objects.filter(
        assignment__status=Assignment.Status.OPEN, assignment__editors=user
    )
    if not links.exists():
        return None
    return links.values("article_id")


def open_assignments_hiding(article, user) -> QuerySet[Assignment]:
    """The open assignments of ``article`` that hide colleagues' passages from ``user``."""
    return Assignment.objects.open().filter(articles=article, editors=user).order_by("id")


def assignment_annotations(assignment: Assignment) -> QuerySet[Annotation]:
    """The live annotations an assignment compares: those its editors made on
    its articles since it was created, except rejected ones and suggestions."""
    return Annotation.objects.filter(
        article__in=assignment.articles.all(),
        created_by__in=assignment.editors.all(),
        created_at__gte=assignment.created_at,
    ).exclude(status__in=[Annotation.Status.REJECTED, Annotation.Status.SUGGESTED])


@dataclass(frozen=True)
class Passage:
    """One editor's passage, wherever it is kept."""

    article_id: int
    editor_id: int
    topic: str
    start: int
    end: int


def assignment_passages(assignment: Assignment) -> list[Passage]:
    """The editors' passages of ``assignment``: the live annotations while it
    is open, the versions kept at closing once it is closed."""
    if assignment.status == Assignment.Status.OPEN:
        rows = assignment_annotations(assignment).values_list(
            "article_id", "created_by_id", "topic__slug", "start", "end"
        )
    else:
        rows = EditorVersion.objects.filter(assignment=assignment).values_list(
            "article_id", "editor_id", "topic__slug", "start", "end"
        )
    return [Passage(*row) for row in rows.order_by("article_id", "start", "id")]


@dataclass
class Cluster:
    """Versions of one topic on one article that overlap, directly or through
    one another: the editors' takes on one passage, for a reviewer to resolve."""

    topic_id: int
    versions: list[EditorVersion]

    @property
    def start(self) -> int:
        return min(v.start for v in self.versions)

    @property
    def end(self) -> int:
        return max(v.end for v in self.versions)

    @property
    def key(self) -> str:
        """Names the cluster in a form: its versions' ids."""
        return "-".join(str(v.pk) for v in sorted(self.versions, key=lambda v: v.pk))

    @property
    def agreed(self) -> bool:
        """Every editor has exactly this one passage."""
        spans = {(v.editor_id, v.start, v.end) for v in self.versions}
        editors = {v.editor_id for v in self.versions}
        return len({(s, e) for _, s, e in spans}) == 1 and len(spans) == len(editors)


def version_clusters(
    assignment: Assignment, article, *, pending_only: bool = True
) -> list[Cluster]:
    """The editors' versions on ``article`` grouped into clusters, in text order."""
    versions = EditorVersion.objects.filter(assignment=assignment, article=article)
    if pending_only:
        versions = versions.pending()
    versions = list(versions.select_related("editor", "topic").order_by("topic_id", "start", "id"))
    clusters: list[Cluster] = []
    for version in versions:
        last = clusters[-1] if clusters else None
        if last and last.topic_id == version.topic_id and version.start < last.end:
            last.versions.append(version)
        else:
            clusters.append(Cluster(version.topic_id, [version]))
    return sorted(clusters, key=lambda c: (c.start, c.topic_id))
