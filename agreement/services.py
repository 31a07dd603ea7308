"""Writes of double annotation: creating and closing assignments, and curating
the editors' versions into final, approved annotations. The admin, the API and
the shell all go through here."""

from __future__ import annotations

from collections.abc import Iterable
from types import SimpleNamespace

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from agreement import permissions
from agreement.models import Assignment, EditorVersion
from agreement.selectors import assignment_annotations
from annotations.models import Annotation
from annotations.services import annotation_create, annotation_delete, annotation_set_status
from archive.curation import Viewer
from archive.models import Article


def assignment_create(
    *,
    title: str,
    articles: Iterable[Article],
    editors: Iterable[AbstractBaseUser],
    created_by: AbstractBaseUser,
    batch_filter: str = "",
) -> Assignment:
    """Assign ``articles`` to two or more ``editors`` for independent annotation.

    From now until the assignment closes, each of them sees only their own
    passages on these articles. Raises ``PermissionDenied`` unless
    ``created_by`` is a reviewer, ``ValidationError`` (naming the field) for
    fewer than two editors, an editor who may not annotate, or no article.
    """
    if not permissions.can_manage_assignments(created_by):
        raise PermissionDenied(_("Only reviewers may assign articles for double annotation."))
    articles, editors = list(dict.fromkeys(articles)), list(dict.fromkeys(editors))
    assignment_check(title=title, articles=articles, editors=editors)
    with transaction.atomic():
        assignment = Assignment(
            title=title.strip(), created_by=created_by, batch_filter=batch_filter
        )
        assignment.full_clean()
        assignment.save()
        assignment.articles.set(articles)
        assignment.editors.set(editors)
    return assignment


def assignment_check(*, title: str, articles: list, editors: list) -> None:
    """Raise ``ValidationError`` (naming each field) unless the assignment has
    a title, at least one article and two or more editors who may annotate."""
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give the assignment a title.")]
    if not articles:
        errors["articles"] = [_("Choose at least one article.")]
    if len(editors) < 2:
        errors["editors"] = [_("Double annotation needs at least two editors.")]
    refused = [str(editor) for editor in editors if not permissions.can_be_assigned(editor)]
    if refused:
        errors.setdefault("editors", []).append(
            _("These users may not annotate: %(names)s.") % {"names": ", ".join(refused)}
        )
    if errors:
        raise ValidationError(errors)


def articles_from_filter(query: str, *, user: AbstractBaseUser) -> list[Article]:
    """The batch an article filter of the research API chooses (the same
    parameters: ``topic=…&published_from=…&q=…``), among the articles ``user``
    may see. Raises ``ValidationError`` on ``batch_filter`` for a bad filter."""
    from api.archive.filters import ArticleFilter

    params = QueryDict(query.strip().lstrip("?"))
    unknown = sorted(set(params) - set(ArticleFilter.base_filters))
    if unknown:
        raise ValidationError(
            {"batch_filter": [_("Unknown filter(s): %(names)s.") % {"names": ", ".join(unknown)}]}
        )
    filterset = ArticleFilter(
        params,
        queryset=Article.objects.visible_to(Viewer.of(user)),
        request=SimpleNamespace(user=user),
    )
    if not filterset.is_valid():
        raise ValidationError(
            {
                "batch_filter": [
                    f"{name}: {message}"
                    for name, messages in filterset.errors.items()
                    for message in messages
                ]
            }
        )
    return list(filterset.qs.order_by("pk"))


def assignment_close(assignment: Assignment, *, closed_by: AbstractBaseUser) -> int:
    """Close ``assignment``: each editor's passages on its articles become their
    own records (``EditorVersion``), never public, and the drafts leave the
    live annotations, for a reviewer to curate. Returns how many versions were
    kept. Raises ``PermissionDenied`` unless ``closed_by`` is a reviewer and
    ``ValidationError`` if the assignment is already closed."""
    if not permissions.can_manage_assignments(closed_by):
        raise PermissionDenied(_("Only reviewers may close an assignment."))
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
        if assignment.status != Assignment.Status.OPEN:
            raise ValidationError({"status": [_("This assignment is already closed.")]})
        annotations = list(
            assignment_annotations(assignment).select_for_update().order_by("article_id", "id")
        )
        EditorVersion.objects.bulk_create(
            EditorVersion(
                assignment=assignment,
                article_id=annotation.article_id,
                editor_id=annotation.created_by_id,
                topic_id=annotation.topic_id,
                start=annotation.start,
                end=annotation.end,
                quote=annotation.quote,
                note=annotation.note,
                annotated_at=annotation.created_at,
            )
            for annotation in annotations
        )
        for annotation in annotations:
            if annotation.status == Annotation.Status.DRAFT:
                annotation_delete(annotation, by=closed_by)
        assignment.status = Assignment.Status.CLOSED
        assignment.closed_at = timezone.now()
        assignment.save(update_fields=["status", "closed_at", "updated_at"])
    return len(annotations)


class Resolution:
    """How a reviewer resolves a cluster of editors' versions."""

    TAKE = "take"  # one editor's version(s), as they are
    UNION = "union"  # from the earliest start to the latest end
    INTERSECTION = "intersection"  # the part every version covers
    WRITE = "write"  # a passage the reviewer gives
    DISCARD = "discard"  # no passage at all

    CHOICES = (TAKE, UNION, INTERSECTION, WRITE, DISCARD)


def versions_curate(
    versions: list[EditorVersion],
    *,
    resolution: str,
    reviewer: AbstractBaseUser,
    editor_id: int | None = None,
    quote: str = "",
    topic=None,
    note: str | None = None,
) -> list[Annotation]:
    """Resolve a cluster of editors' versions into the final, approved
    annotation(s); the versions stay, linked to what they became.

    ``take`` keeps ``editor_id``'s version(s); ``union`` and ``intersection``
    merge the spans; ``write`` takes the reviewer's ``quote``, found in the
    body where it overlaps the versions (or nearest them); ``discard`` makes
    none. ``topic`` and ``note`` default to the versions'. Every final passage
    is created through ``annotations.services`` (the quote check included).
    Raises ``PermissionDenied`` unless ``reviewer`` may curate, and
    ``ValidationError`` naming the field otherwise.
    """
    if not permissions.can_manage_assignments(reviewer):
        raise PermissionDenied(_("Only reviewers may curate double annotation."))
    if not versions:
        raise ValidationError({"versions": [_("Choose the versions to resolve.")]})
    if resolution not in Resolution.CHOICES:
        raise ValidationError({"resolution": [_("Choose how to resolve these versions.")]})
    with transaction.atomic():
        ids = [v.pk for v in versions]
        versions = list(
            EditorVersion.objects.select_for_update()
            .select_related("assignment", "article", "topic")
            .filter(pk__in=ids)
            .order_by("start", "id")
        )
        if len(versions) != len(set(ids)):
            raise ValidationError({"versions": [_("Some of these versions no longer exist.")]})
        first = versions[0]
        if any(
            (v.assignment_id, v.article_id) != (first.assignment_id, first.article_id)
            for v in versions
        ):
            raise ValidationError({"versions": [_("The versions must be of one article.")]})
        if first.assignment.status != Assignment.Status.CLOSED:
            raise ValidationError(
                {"versions": [_("Close the assignment before curating its versions.")]}
            )
        if any(v.resolved_at is not None for v in versions):
            raise ValidationError({"versions": [_("These versions were already resolved.")]})
        article = first.article
        spans = _final_spans(versions, resolution, editor_id, quote, article.body)
        topic = topic or first.topic
        if note is None:
            note = "\n".join(dict.fromkeys(v.note for v in versions if v.note))
        finals = []
        for start, end in spans:
            author = reviewer
            if resolution == Resolution.TAKE:
                author = next(v.editor for v in versions if v.editor_id == editor_id)
            finals.append(
                _approved(article, topic, start, end, note=note, author=author, reviewer=reviewer)
            )
        now = timezone.now()
        for version in versions:
            version.final = _final_for(version, finals)
            version.resolved_at = now
            version.resolved_by = reviewer
            version.save(update_fields=["final", "resolved_at", "resolved_by", "updated_at"])
    return finals


def _final_spans(versions, resolution, editor_id, quote, body) -> list[tuple[int, int]]:
    if resolution == Resolution.DISCARD:
        return []
    if resolution == Resolution.TAKE:
        chosen = sorted({(v.start, v.end) for v in versions if v.editor_id == editor_id})
        if not chosen:
            raise ValidationError({"editor": [_("Choose an editor who has a version here.")]})
        return chosen
    if resolution == Resolution.UNION:
        return [(min(v.start for v in versions), max(v.end for v in versions))]
    if resolution == Resolution.INTERSECTION:
        start, end = max(v.start for v in versions), min(v.end for v in versions)
        if start >= end:
            raise ValidationError(
                {"resolution": [_("These versions share no text: there is no intersection.")]}
            )
        return [(start, end)]
    # WRITE: the reviewer's text, where it overlaps the versions, else nearest them.
    quote = quote.strip()
    if not quote:
        raise ValidationError({"quote": [_("Write the final passage.")]})
    low, high = min(v.start for v in versions), max(v.end for v in versions)
    occurrences, index = [], body.find(quote)
    while index != -1:
        occurrences.append(index)
        index = body.find(quote, index + 1)
    if not occurrences:
        raise ValidationError({"quote": [_("This passage does not occur in the article.")]})

    def distance(position: int) -> int:
        end = position + len(quote)
        return 0 if position < high and low < end else min(abs(position - high), abs(end - low))

    best = min(occurrences, key=lambda p: (distance(p), p))
    return [(best, best + len(quote))]


def _approved(article, topic, start, end, *, note, author, reviewer) -> Annotation:
    """The approved annotation of this passage: an existing one, or a new one."""
    existing = Annotation.objects.filter(
        article=article, topic=topic, start=start, end=end, status=Annotation.Status.APPROVED
    ).first()
    if existing is not None:
        return existing
    annotation = annotation_create(
        by=reviewer,
        article=article,
        topic=topic,
        start=start,
        end=end,
        quote=article.body[start:end],
        note=note,
        status=Annotation.Status.DRAFT,
        created_by=author,
    )
    return annotation_set_status(annotation, status=Annotation.Status.APPROVED, by=reviewer)


def _final_for(version: EditorVersion, finals: list[Annotation]) -> Annotation | None:
    """The final annotation a version became part of: the one it overlaps most."""
    best, best_overlap = None, 0
    for final in finals:
        overlap = min(version.end, final.end) - max(version.start, final.start)
        if overlap > best_overlap:
            best, best_overlap = final, overlap
    return best if best is not None else (finals[0] if finals else None)
