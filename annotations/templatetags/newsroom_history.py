"""Template filters for the newsroom log (``annotations.history``)."""

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst

from annotations import history

register = template.Library()


@register.filter
def history_who(record) -> str:
    return history.who(record)


@register.filter
def history_verb(record) -> str:
    return capfirst(str(history.VERBS.get(record.history_type, record.history_type)))


def _field(record, name):
    try:
        return record.instance_type._meta.get_field(name)
    except FieldDoesNotExist:
        return None


@register.filter
def history_value(record, name) -> str:
    field = _field(record, name)
    if field is not None and field.is_relation:
        return history.format_value(
            None, getattr(record, name, None) and str(getattr(record, name))
        )
    return history.format_value(field, getattr(record, name, None))


@register.filter
def history_label(record, name) -> str:
    field = _field(record, name)
    return capfirst(field.verbose_name) if field is not None else name
