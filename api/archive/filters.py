"""FilterSets for the research API's article, source and event lists. Every
filter that touches annotations counts only those the user may see."""

from __future__ import annotations

import django_filters
from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.db import connections
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters import utils
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.plumbing import build_parameter_type
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import serializers
from rest_framework.filters import OrderingFilter

from actors.models import Actor
from annotations.models import Annotation, Topic
from archive import search, selectors
from archive.curation import Viewer
from archive.importers.urls import BadURL, canonical_url
from archive.instants import parse_instant
from archive.models import Article, ArticleSource, Event, EventReport, Source, Story
from archive.normalization import normalize_arabic


class Slugs(list):
    """The slugs asked for, in order, with ``ids``: their rows' primary keys
    (read by the same query that checks they exist)."""

    ids: tuple[int, ...] = ()


# The slug check's SQL per (model, database, number of slugs), compiled once:
# building and compiling the ORM query took longer than running it (0.68 ms
# against 0.29 ms raw, at 200,000 articles on the 2-core machine). At most
# ``_KNOWN_SQL_MAX_SLUGS`` slugs are compiled once; more go through the ORM.
_KNOWN_SQL: dict[tuple, str] = {}
_KNOWN_SQL_MAX_SLUGS = 32


def known_slugs(queryset, slugs: list[str]) -> dict[str, int]:
    """Of ``slugs``, those with a row in ``queryset``: slug -> primary key. The
    SQL is compiled once when ``queryset`` is a whole table (no filter of its
    own, whose values could differ from one request to the next)."""
    query = queryset.query
    whole_table = not query.where and not query.is_sliced and not query.annotations
    if not whole_table or len(slugs) > _KNOWN_SQL_MAX_SLUGS:
        return dict(queryset.filter(slug__in=slugs).values_list("slug", "pk"))
    key = (queryset.model, queryset.db, len(slugs))
    sql = _KNOWN_SQL.get(key)
    if sql is None:
        checked = queryset.filter(slug__in=slugs).values_list("slug", "pk")
        sql, params = checked.query.sql_with_params()
        if list(params) != list(slugs):  # the slugs are not its only parameters
            return dict(checked)
        _KNOWN_SQL[key] = sql
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, slugs)
        return dict(cursor.fetchall())


class SlugListField(forms.Field):
    """One or more slugs: ``?topic=a&topic=b`` or ``?topic=a,b``. Every slug must
    exist in ``queryset`` (else a 400 naming the parameter)."""

    widget = forms.SelectMultiple

    def __init__(self, *, queryset=None, **kwargs):
        self.queryset = queryset
        super().__init__(**kwargs)

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        slugs = []
        for item in value:
            slugs.extend(part.strip() for part in str(item).split(",") if part.strip())
        return list(dict.fromkeys(slugs))

    def validate(self, value):
        super().validate(value)
        for slug in value:
            ProhibitNullCharactersValidator()(slug)  # PostgreSQL text cannot hold NUL

    def clean(self, value) -> Slugs:
        slugs = Slugs(super().clean(value))
        if slugs and self.queryset is not None:
            known = known_slugs(self.queryset, slugs)
            unknown = [slug for slug in slugs if slug not in known]
            if unknown:
                raise forms.ValidationError(
                    _("Unknown slug(s): %(slugs)s."), params={"slugs": ", ".join(unknown)}
                )
            slugs.ids = tuple(known[slug] for slug in slugs)
        return slugs


class SlugListFilter(django_filters.Filter):
    """``field_name`` in any of the slugs. With ``by_id``, ``field_name`` is a
    foreign key filtered on the ids the slugs' check already read, so the query
    needs no join to the slugs' table."""

    field_class = SlugListField

    def __init__(self, *args, by_id: bool = False, **kwargs):
        self.by_id = by_id
        super().__init__(*args, **kwargs)
        # A string in the schema (repeat it, or separate slugs with commas), keeping
        # this filter's own description. Not an array: hypothesis-jsonschema 0.23
        # (schemathesis 3.x) cannot generate arrays with the locked hypothesis.
        extend_schema_field(serializers.CharField(help_text=self.extra.get("help_text")))(self)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__in": value.ids if self.by_id else value})


class IdFilter(django_filters.NumberFilter):
    """A positive integer id (a decimal or a 30-digit number is a 400, not a 500)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


class SearchFilter(django_filters.CharFilter):
    """``?q=``: Arabic full-text search (``archive.search``)."""

    def filter(self, qs, value):
        if not value or not value.strip():
            return qs
        request = getattr(self.parent, "request", None)
        published_only = not Viewer.of(getattr(request, "user", None)).sees_drafts
        return search.search_articles(qs, value, published_only=published_only)


class AddressField(forms.CharField):
    """An http(s) address, in its canonical spelling (``archive.importers.urls``)."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return ""
        try:
            return canonical_url(value)
        except BadURL as error:
            raise forms.ValidationError(
                _("Not a web address: %(reason)s."),
                params={"reason": gettext(error.reason) % error.params},
            ) from None


class AddressFilter(django_filters.CharFilter):
    field_class = AddressField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("field_name", "url")
        super().__init__(*args, **kwargs)


class ArchiveFilterBackend(DjangoFilterBackend):
    """django-filter's backend, building and validating only the filters the
    request names, and no FilterSet at all when it names none (most list pages).
    Every filter ignores an empty value
    (``tests/api/archive/filters/test_filter_backend.py`` holds each to it), so
    the result is the same; the FilterSet's copy of all its filters and the form
    class made from them cost more than the query of a filtered annotation list."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        check_query_params(request, view, filterset_class)
        since = updated_since(request, view)
        if since is not None:
            queryset = queryset.filter(updated_at__gte=since)
        if filterset_class is None:
            return queryset
        named = named_filters(request.query_params, filterset_class)
        if not named:
            return queryset
        # ``FilterSet.__init__`` copies ``self.base_filters``: an instance's own
        # dict of the named filters shadows the class's (its schema, its
        # parameter check and the browsable form still read the class's).
        filterset = filterset_class.__new__(filterset_class)
        filterset.base_filters = named
        filterset.__init__(**self.get_filterset_kwargs(request, queryset, view))
        form_class = _form_class(filterset_class, filterset)
        if form_class is not None:
            filterset._form = form_class(filterset.data, prefix=filterset.form_prefix)
        if not filterset.is_valid() and self.raise_exception:
            raise utils.translate_validation(filterset.errors)
        return filterset.qs


_FORM_CLASSES: dict[tuple, type] = {}


def _form_class(filterset_class, filterset) -> type | None:
    """The form class of ``filterset`` (its named filters), made once per
    FilterSet and set of names: django-filter makes one at every request, and
    each of its fields (a label read from the model's field), 0.1 ms of the
    filtered annotation list. ``None`` (made afresh) when a filter's field
    depends on the request: a ``queryset`` given as a function of it."""
    filters = filterset.filters
    if any(callable(getattr(filter_, "queryset", None)) for filter_ in filters.values()):
        return None
    key = (filterset_class, tuple(filters))
    form_class = _FORM_CLASSES.get(key)
    if form_class is None:
        form_class = _FORM_CLASSES[key] = filterset.get_form_class()
    return form_class


# Parameters every API view reads besides its filters: DRF's format override.
COMMON_QUERY_PARAMS = frozenset({"format"})

# What a mirror asks a curated list or export for: the rows changed since an
# instant (inclusive), ordered by (updated_at, id) so that it can resume. A
# view reads it when it declares it in ``extra_query_params``.
UPDATED_SINCE = "updated_since"
UPDATED_SINCE_ORDERING = ("updated_at", "id")


def updated_since(request, view):
    """The instant of ``?updated_since=`` (UTC) when ``view`` reads it and the
    request gives it, else ``None``; a 400 naming the parameter when it is not
    an ISO 8601 instant with a zone, or when ``ordering`` is given beside it."""
    if UPDATED_SINCE not in getattr(view, "extra_query_params", ()):
        return None
    text = request.query_params.get(UPDATED_SINCE)
    if text is None:
        return None
    try:
        since = parse_instant(text)
    except ValueError as exc:
        raise serializers.ValidationError({UPDATED_SINCE: [str(exc)]}) from None
    ordering = _ordering_filter(view)
    if ordering is not None and request.query_params.get(ordering.ordering_param):
        raise serializers.ValidationError(
            {
                UPDATED_SINCE: [
                    _("%(name)s orders by (updated_at, id); give it without %(ordering)s.")
                    % {"name": UPDATED_SINCE, "ordering": ordering.ordering_param}
                ]
            }
        )
    return since


UPDATED_SINCE_DESCRIPTION = (
    "Only rows changed at or after this instant (ISO 8601 with a zone, e.g. "
    "2025-08-13T13:51:00Z; inclusive), ordered by (updated_at, id) so a mirror can "
    "resume: pass the largest updated_at it holds. Deletions and rows leaving your "
    "view are in changes/. Not with ordering."
)
UPDATED_SINCE_PARAMETER = OpenApiParameter(
    UPDATED_SINCE, {"type": "string", "format": "date-time"}, description=UPDATED_SINCE_DESCRIPTION
)


class ArchiveFilterExtension(DjangoFilterExtension):
    """The schema of ``ArchiveFilterBackend``: the FilterSet's filters, and
    ``updated_since`` on the views that read it."""

    target_class = "api.archive.filters.ArchiveFilterBackend"
    priority = 1

    def get_schema_operation_parameters(self, auto_schema, *args, **kwargs):
        parameters = super().get_schema_operation_parameters(auto_schema, *args, **kwargs)
        if UPDATED_SINCE in getattr(auto_schema.view, "extra_query_params", ()):
            parameters.append(
                build_parameter_type(
                    UPDATED_SINCE,
                    {"type": "string", "format": "date-time"},
                    OpenApiParameter.QUERY,
                    description=UPDATED_SINCE_DESCRIPTION,
                )
            )
        return parameters


def known_query_params(view, filterset_class) -> set[str]:
    """Every query parameter ``view`` reads: its filters, its paginator's, its
    ordering parameter and what it declares in ``extra_query_params``."""
    known = set(COMMON_QUERY_PARAMS) | set(getattr(view, "extra_query_params", ()))
    if filterset_class is not None:
        known |= set(filterset_class.base_filters)
    paginator = getattr(view, "paginator", None)
    if paginator is not None:
        for attribute in ("cursor_query_param", "page_size_query_param", "page_query_param"):
            if getattr(paginator, attribute, None):
                known.add(getattr(paginator, attribute))
    ordering = _ordering_filter(view)
    if ordering is not None:
        known.add(ordering.ordering_param)
    return known


def check_query_params(request, view, filterset_class) -> None:
    """A 400 naming each parameter the view does not read (``?persn=x`` would
    otherwise return everything, silently) and each ``ordering`` field it
    cannot order by."""
    known = known_query_params(view, filterset_class)
    filters = filterset_class.base_filters if filterset_class is not None else {}
    unknown = [
        key
        for key in request.query_params
        if key not in known and not any(key.startswith(f"{name}_") for name in filters)
    ]
    errors = {}
    if unknown:
        errors["unknown_parameters"] = [
            _("Unknown query parameter(s): %(names)s. Known: %(known)s.")
            % {"names": ", ".join(sorted(unknown)), "known": ", ".join(sorted(known))}
        ]
    ordering = _ordering_filter(view)
    if ordering is not None and request.query_params.get(ordering.ordering_param):
        allowed = set(getattr(view, "ordering_fields", None) or ())
        terms = [term.strip() for term in request.query_params[ordering.ordering_param].split(",")]
        bad = [term for term in terms if term.lstrip("-") not in allowed]
        if bad:
            errors[ordering.ordering_param] = [
                _("Cannot order by %(fields)s. Order by: %(allowed)s (prefix - to reverse).")
                % {"fields": ", ".join(bad), "allowed": ", ".join(sorted(allowed))}
            ]
    if errors:
        raise serializers.ValidationError(errors)


def _ordering_filter(view):
    for backend in getattr(view, "filter_backends", ()):
        if isinstance(backend, type) and issubclass(backend, OrderingFilter):
            return backend()
    return None


def named_filters(params, filterset_class) -> dict:
    """The filters of ``filterset_class`` that ``params`` names, in their
    declared order; ``name_suffix`` keys count too (a multi-widget filter reads
    those)."""
    return {
        name: filter_
        for name, filter_ in filterset_class.base_filters.items()
        if any(key == name or key.startswith(f"{name}_") for key in params)
    }


def actor_filter(what: str) -> SlugListFilter:
    """``?actor=``: one or more actor slugs, ANDed (``actor=sdf,isis``)."""
    return SlugListFilter(
        field_name="actor",
        method="filter_actor",
        queryset=Actor.objects.all(),
        help_text=f"Actor slug(s), repeated or comma-separated: {what} naming every one of "
        "them (mentions you may see: for the public, confirmed ones in published articles).",
    )


def request_viewer(request) -> Viewer:
    return Viewer.of(getattr(request, "user", None))


def request_user(filterset):
    return getattr(getattr(filterset, "request", None), "user", None)


def _visible_annotations(request):
    return Annotation.objects.visible_to(request_viewer(request))


class ArticleFilter(django_filters.FilterSet):
    published_from = django_filters.DateFilter(
        field_name="published_on",
        lookup_expr="gte",
        help_text="Published on or after this date (YYYY-MM-DD).",
    )
    published_to = django_filters.DateFilter(
        field_name="published_on",
        lookup_expr="lte",
        help_text="Published on or before this date (YYYY-MM-DD).",
    )
    source = django_filters.ModelChoiceFilter(
        queryset=lambda request: Source.objects.visible_to(request_viewer(request)),
        to_field_name="slug",
        method="filter_source",
        help_text="Slug of a source (publisher, attribution or cited): articles it stands behind.",
    )
    role = django_filters.ChoiceFilter(
        choices=ArticleSource.Role.choices,
        method="filter_role",
        help_text="With `source`: only links in this role (publisher, attribution, cited).",
    )
    publisher = django_filters.ModelChoiceFilter(
        queryset=Source.objects.all(),
        to_field_name="slug",
        method="filter_publisher",
        help_text="Slug of a source: the articles it published (the site they came from).",
    )
    address = AddressFilter(
        help_text="An article's web address: the article at that canonical URL "
        "(tracking parameters, fragment and host case do not matter).",
    )
    topic = SlugListFilter(
        field_name="topic",
        method="filter_topic",
        queryset=Topic.objects.all(),
        help_text="Topic slug(s), repeated or comma-separated: articles with a visible "
        "annotation on any of them.",
    )
    event = django_filters.ModelChoiceFilter(
        queryset=lambda request: Event.objects.visible_to(request_viewer(request)),
        method="filter_event",
        help_text="Event id: the articles reporting it.",
    )
    actor = actor_filter("articles")
    status = django_filters.ChoiceFilter(
        choices=Article.Status.choices,
        help_text="Staff only (others only ever see published articles).",
    )
    has_annotations = django_filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        method="filter_has_annotations",
        help_text="true: only articles with at least one visible annotation; false: none.",
    )
    q = SearchFilter(
        help_text="Arabic full-text search over title, summary and body. Spelling variants "
        'fold (انقرة finds أنقرة, سوريا finds سورية); words are ANDed, "a phrase" in '
        "double quotes matches as a phrase, -word excludes. Results are ranked unless "
        "`ordering` is given.",
    )
    story = IdFilter(field_name="story_id", help_text="Story id: the copies of that story.")
    # Last, so that it keeps one article per story of what the other filters keep.
    unique_stories = django_filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        method="filter_unique_stories",
        help_text="true: one article per story (the first loaded of its copies the other "
        "filters keep), each with `story_copies`, the copies you may see; collapses "
        "search results by story.",
    )

    class Meta:
        model = Article
        fields = []

    def filter_unique_stories(self, queryset, name, value: str):
        if value != "true":
            return queryset
        from archive.stories import first_copies

        kept = Article.objects.filter(pk__in=queryset.order_by().values("pk"))
        viewer = Viewer.of(request_user(self))
        return queryset.filter(Q(story=None) | Q(pk__in=first_copies(kept))).annotate(
            story_copies=selectors.visible_story_copies(viewer=viewer)
        )

    def filter_source(self, queryset, name, value: str):
        links = ArticleSource.objects.filter(source=value)
        role = self.form.cleaned_data.get("role")
        if role:
            links = links.filter(role=role)
        return queryset.filter(id__in=links.values("article_id"))

    def filter_publisher(self, queryset, name, value: Source):
        links = ArticleSource.objects.filter(source=value, role=ArticleSource.Role.PUBLISHER)
        return queryset.filter(id__in=links.values("article_id"))

    def filter_role(self, queryset, name, value):
        if self.form.cleaned_data.get("source"):
            return queryset  # applied together with the source
        return queryset.filter(id__in=ArticleSource.objects.filter(role=value).values("article_id"))

    def filter_topic(self, queryset, name, value):
        annotations = _visible_annotations(self.request).filter(
            article=OuterRef("pk"), topic__slug__in=value
        )
        return queryset.filter(Exists(annotations))

    def filter_actor(self, queryset, name, value: list[str]):
        from actors.selectors import articles_mentioning

        return articles_mentioning(queryset, value, user=request_user(self))

    def filter_event(self, queryset, name, value: int):
        return queryset.filter(event_reports__event=value)

    def filter_has_annotations(self, queryset, name, value: str):
        annotations = _visible_annotations(self.request).filter(article=OuterRef("pk"))
        return queryset.filter(Exists(annotations) if value == "true" else ~Exists(annotations))


class SourceFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        choices=Source.Kind.choices, help_text="Kind of source (outlet, agency, …)."
    )

    class Meta:
        model = Source
        fields = []


class EventFilter(django_filters.FilterSet):
    date_from = django_filters.DateFilter(
        field_name="latest_on",
        lookup_expr="gte",
        help_text="Events that may be on or after this date (YYYY-MM-DD): an event's range "
        "runs from its start to its end, or to the last day its precision allows (an event "
        "dated August 2025 overlaps 2025-08-31).",
    )
    date_to = django_filters.DateFilter(
        field_name="starts_on",
        lookup_expr="lte",
        help_text="Events that may be on or before this date (YYYY-MM-DD).",
    )
    kind = django_filters.ChoiceFilter(choices=Event.Kind.choices, help_text="Kind of event.")
    place = django_filters.CharFilter(
        method="filter_place",
        max_length=200,
        help_text="Events whose place holds this text (spelling variants folded: انقرة finds "
        "أنقرة).",
    )
    topic = SlugListFilter(
        field_name="topic",
        method="filter_topic",
        queryset=Topic.objects.all(),
        help_text="Topic slug(s), repeated or comma-separated: events reported by an article "
        "with a visible annotation on any of them.",
    )
    source = django_filters.ModelChoiceFilter(
        queryset=Source.objects.all(),
        to_field_name="slug",
        method="filter_source",
        help_text="Slug of a source: events reported by articles it stands behind.",
    )
    article = IdFilter(method="filter_article", help_text="Article id: the events it reports.")
    conflicting = django_filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        method="filter_conflicting",
        help_text="true: only events whose reports (those you may see) give dates that cannot "
        "all be right; false: the others.",
    )
    actor = actor_filter("events reported by visible articles")

    class Meta:
        model = Event
        fields = []

    def _reports(self):
        return EventReport.objects.visible_to(Viewer.of(request_user(self))).filter(
            event=OuterRef("pk")
        )

    def filter_place(self, queryset, name, value: str):
        folded = normalize_arabic(value).strip()
        if not folded:
            return queryset
        ids = [
            pk
            for pk, place in Event.objects.exclude(place="").values_list("pk", "place")
            if folded in normalize_arabic(place)
        ]
        return queryset.filter(pk__in=ids)

    def filter_topic(self, queryset, name, value: list[str]):
        annotations = _visible_annotations(self.request).filter(topic__slug__in=value)
        reports = self._reports().filter(article__in=annotations.values("article_id"))
        return queryset.filter(Exists(reports))

    def filter_source(self, queryset, name, value: str):
        links = ArticleSource.objects.filter(source=value).values("article_id")
        return queryset.filter(Exists(self._reports().filter(article__in=links)))

    def filter_article(self, queryset, name, value: int):
        return queryset.filter(Exists(self._reports().filter(article_id=value)))

    def filter_conflicting(self, queryset, name, value: str):
        return queryset.conflicting(Viewer.of(request_user(self)), value == "true")

    def filter_actor(self, queryset, name, value: list[str]):
        from actors.selectors import events_mentioning

        return events_mentioning(queryset, value, user=request_user(self))


class StoryFilter(django_filters.FilterSet):
    min_copies = django_filters.NumberFilter(
        field_name="copies",
        lookup_expr="gte",
        min_value=1,
        max_value=2**31 - 1,
        help_text="Only stories with at least this many copies you may see (2: told twice "
        "or more).",
    )

    class Meta:
        model = Story
        fields = []
