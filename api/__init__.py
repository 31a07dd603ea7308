"""The research API: the interface layer above the domain apps.

Everything that speaks DRF, django-filter or drf-spectacular lives here, per
domain app (``api.archive``, ``api.annotations``, ``api.actors``,
``api.agreement``: serializers, FilterSets, views), beside what every resource
shares (errors, parsers, pagination, renderers, throttling, export jobs,
schema hooks). Imports run one way: ``api`` imports the domain apps, which
import nothing from here but the few admin exceptions named in
``tests/test_layering.py``."""
