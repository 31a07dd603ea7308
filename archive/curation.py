"""Who sees what: the archive's one curation policy.

**The public** (anonymous users, and logged-in users without the permissions
below) sees only *curated* data, whatever the surface (lists, details, nested
fields, counts, filters, search, exports, the changes feed):

| resource | what the public sees (``PUBLIC``) |
|---|---|
| article | published |
| annotation | approved, on a published article |
| event | confirmed, reported by a published article (``event_is_public``, kept on ``Event.is_public``) |
| event report | of a published article, of a confirmed event |
| mention | confirmed, in a published article |
| source | standing behind a published article (the tally ``SourceTally``) |
| story | those with a published copy, counting those copies |
| topic | every topic; its count is of the annotations the viewer sees |

**Staff** (``is_staff``) see a resource's uncurated rows when they hold its
view permission (``VIEW_PERMISSIONS``) and may view draft articles
(``archive.view_article``), since every curated row hangs on an article:
drafts for ``archive.view_article`` alone; every annotation, event or mention
with its permission besides. Staff who may view drafts but not annotations
see the curated annotations; those who may view drafts but not mentions see
the confirmed mentions of every article they see; staff who hold a view
permission without the one on drafts see what the public sees.

**Restrictions** narrow a viewer further whatever their permissions: while an
assignment for double annotation is open, each of its editors sees only their
own passages on its articles (``agreement`` registers the rule, ``restrict``).

The rest of the code asks only this module: ``Viewer.of(user)`` is the
request's viewer; each curated model's QuerySet has ``visible_to(viewer)``,
written where the model lives, that applies ``rule(resource, viewer)``; the
querysets built once (``built_once``) are keyed by ``Viewer.key``, the
viewer's curation class, which holds everything a curated queryset depends on.
The database's own readers of the public set (the tallies' and the changes
feed's triggers) take their SQL from ``PUBLIC_SQL``.

This module names the other apps' permissions and fields as strings and
imports none of them: ``archive`` never imports ``annotations``, ``actors`` or
``agreement``; they build on it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

# The statuses that make a row public.
PUBLISHED = "published"  # Article.Status.PUBLISHED
APPROVED = "approved"  # Annotation.Status.APPROVED
CONFIRMED = "confirmed"  # Event.Status.CONFIRMED, Mention.Status.CONFIRMED
REJECTED = "rejected"  # Mention.Status.REJECTED

#: The permission that lets staff see a resource's uncurated rows.
VIEW_PERMISSIONS = {
    "article": "archive.view_article",
    "annotation": "annotations.view_annotation",
    "event": "archive.view_event",
    "mention": "actors.view_mention",
}

#: What the public sees of each resource, as a filter on its model.
PUBLIC = {
    "article": Q(status=PUBLISHED),
    "annotation": Q(status=APPROVED, article__status=PUBLISHED),
    "event": Q(is_public=True),
    "report": Q(article__status=PUBLISHED, event__status=CONFIRMED),
    "mention": Q(status=CONFIRMED, article__status=PUBLISHED),
    "source": Q(tally__published_articles__gt=0),
}

#: The same, in SQL on a row ``{row}`` of the resource's table, for triggers.
PUBLIC_SQL = {
    "article": f"{{row}}.status = '{PUBLISHED}'",
    "annotation": f"{{row}}.status = '{APPROVED}' AND EXISTS (SELECT 1 FROM archive_article a "
    f"WHERE a.id = {{row}}.article_id AND a.status = '{PUBLISHED}')",
    "event": "{row}.is_public",
    "source": "EXISTS (SELECT 1 FROM archive_sourcetally s WHERE s.source_id = {row}.id "
    "AND s.published_articles > 0)",
}


def event_is_public(status: str, article_statuses: list[str]) -> bool:
    """Whether the public sees an event of ``status`` reported by articles of
    ``article_statuses``: confirmed, and reported by a published article.
    Kept on the event (``Event.is_public``, by ``archive.events.event_refresh``),
    which the lists, filters and the changes feed read."""
    return status == CONFIRMED and PUBLISHED in article_statuses


# --- restrictions -------------------------------------------------------------

_RESTRICTIONS: dict[str, Callable] = {}


def restrict(resource: str, rule: Callable) -> None:
    """Narrow what every viewer sees of ``resource``: ``rule(user)`` gives the
    rows hidden from ``user`` as a filter (``Q``), or ``None`` when nothing is
    hidden. Apps that build on the archive call it from ``AppConfig.ready``."""
    _RESTRICTIONS[resource] = rule


# --- the viewer ---------------------------------------------------------------


@dataclass(frozen=True)
class Viewer:
    """What the curation policy knows of a user: which resources' view
    permission they hold as staff, and what restrictions hide from them.
    Compare viewers, and key caches, by ``key``."""

    holds: frozenset[str] = frozenset()
    user_id: int | None = None  # set only when a restriction applies
    hidden: dict[str, Q] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @classmethod
    def of(cls, user) -> Viewer:
        """The viewer ``user`` (a request's, possibly anonymous) is. Asked
        once per user object: the answer is kept on it, as Django keeps its
        permissions."""
        if isinstance(user, Viewer):
            return user
        if user is None or not getattr(user, "is_authenticated", False):
            return PUBLIC_VIEWER
        cached = getattr(user, "_curation_viewer", None)
        if cached is None:
            holds = frozenset(
                resource
                for resource, permission in VIEW_PERMISSIONS.items()
                if user.is_staff and user.has_perm(permission)
            )
            hidden = {}
            for resource, rule in _RESTRICTIONS.items():
                if (q := rule(user)) is not None:
                    hidden[resource] = q
            cached = cls(holds=holds, user_id=user.pk if hidden else None, hidden=hidden)
            user._curation_viewer = cached
        return cached

    @property
    def key(self) -> tuple:
        """The viewer's curation class: viewers with equal keys see the same rows."""
        return (tuple(sorted(self.holds)), self.user_id)

    @property
    def sees_drafts(self) -> bool:
        """Sees draft articles (and so, for the resources below, may see more)."""
        return "article" in self.holds

    def may_view(self, resource: str) -> bool:
        """Holds the view permission on ``resource`` as staff (the API then
        shows its rows' status)."""
        return resource in self.holds

    def sees_every(self, resource: str) -> bool:
        """Sees ``resource``'s uncurated rows: its permission and drafts'."""
        return resource in self.holds and self.sees_drafts

    def restriction(self, resource: str) -> Q | None:
        """The rows of ``resource`` hidden from this viewer, whatever their permissions."""
        return self.hidden.get(resource)

    def sees_only_public(self, resource: str) -> bool:
        """Sees exactly the public's rows of ``resource`` (so may read the
        public's tallies)."""
        return not self.sees_every(resource) and resource not in self.hidden

    @property
    def follows_everything(self) -> bool:
        """Sees every article and annotation with nothing hidden: follows the
        staff's changes feed rather than the public's."""
        return self.sees_every("article") and self.sees_every("annotation") and not self.hidden


PUBLIC_VIEWER = Viewer()


def rule(resource: str, viewer: Viewer, *, articles_visible: bool = False) -> Q | None:
    """The rows of ``resource`` ``viewer`` sees, as a filter on its model
    (``None``: every row), restrictions aside (``visible``).
    ``articles_visible``: the caller has already narrowed the rows to
    articles ``viewer`` sees, so the article's status need not be read again
    (PostgreSQL otherwise hash-joins every article to find fifty)."""
    if resource == "article":
        return None if viewer.sees_drafts else PUBLIC["article"]
    if resource == "source":
        return None if viewer.sees_drafts else PUBLIC["source"]
    if resource == "annotation":
        if viewer.sees_every("annotation"):
            return None
        if articles_visible and not viewer.sees_drafts:  # the articles are published
            return Q(status=APPROVED)
        return PUBLIC["annotation"]  # drafts' annotations are not curated
    if resource == "mention":
        if viewer.sees_every("mention"):
            return ~Q(status=REJECTED)
        if viewer.sees_drafts:
            return Q(status=CONFIRMED)
        return PUBLIC["mention"]
    if resource == "event":
        return None if viewer.sees_every("event") else PUBLIC["event"]
    if resource == "report":
        if viewer.sees_every("event"):  # and so every article
            return None
        if viewer.sees_drafts or articles_visible:
            return Q(event__status=CONFIRMED)
        return PUBLIC["report"]
    raise LookupError(f"no curation rule for {resource!r}")


def visible(queryset: QuerySet, resource: str, viewer: Viewer, **kwargs) -> QuerySet:
    """``queryset`` narrowed to the rows of ``resource`` ``viewer`` sees
    (``rule``, then the viewer's restrictions): what every ``visible_to`` does."""
    condition = rule(resource, viewer, **kwargs)
    if condition is not None:
        queryset = queryset.filter(condition)
    if (hidden := viewer.restriction(resource)) is not None:
        queryset = queryset.exclude(hidden)
    return queryset


class CuratedQuerySet(QuerySet):
    """A QuerySet of a curated model: ``curated_as`` names its rule."""

    curated_as: str = ""

    def visible_to(self, viewer: Viewer, *, articles_visible: bool = False) -> QuerySet:
        """The rows ``viewer`` sees (see the module's table)."""
        return visible(self, self.curated_as, viewer, articles_visible=articles_visible)

    def not_hidden_from(self, viewer: Viewer) -> QuerySet:
        """The rows less those ``viewer``'s restrictions hide, whatever their
        status: what the editors' own screens (the admin, the annotator, the
        review queue) show."""
        hidden = viewer.restriction(self.curated_as)
        return self if hidden is None else self.exclude(hidden)


# --- querysets built once per curation class -----------------------------------

_BUILT = threading.local()


def built_once(name: str, viewer: Viewer, build: Callable[[], QuerySet], *extra) -> QuerySet:
    """A fresh clone of the queryset ``build()`` returns, built once per
    ``name``, viewer's curation class (``Viewer.key``), ``extra`` key parts
    and thread. For the API's hot querysets, whose construction (correlated
    subqueries, prefetches) costs more than running them; ``build`` must
    depend on nothing but the viewer's class and ``extra``. Per thread,
    because the ORM adjusts a query's state while compiling it."""
    cache = _BUILT.__dict__.setdefault("querysets", {})
    key = (name, viewer.key, *extra)
    if key not in cache:
        cache[key] = build()
    return cache[key].all()
