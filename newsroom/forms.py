"""The form renderer: Django's templates, each distinct widget rendered once per process.

A public page's filter form is the same HTML for every reader who has not filtered yet, and Django
renders it anew each time through its widget templates (a section `<select>` alone ≈ 0.7 ms, the
home page's form ≈ 2.8 ms of its ≈ 9 ms at 100k dispatches, bench_site). A template's output is a
function of its context, the active language and time zone: rendered once, a widget is kept under
exactly those, so it is never stale — a new section, a new value or another language is another
key. Only contexts made of plain values (strings, numbers, dates, lazy translations, choice values
and their containers) are kept; anything else is rendered as usual."""

import datetime
import threading

from django.forms.models import ModelChoiceIteratorValue
from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language

RENDERED_KEPT = 1024  # distinct widgets; the oldest is dropped first
_PLAIN = (str, int, float, bool, type(None), datetime.date, datetime.time)


class Unkeyable(Exception):
    pass


def _frozen(value):
    """`value` as a hashable key that tells apart every value a template could show differently
    (types included: True and 1 render differently)."""
    if isinstance(value, _PLAIN):
        return (type(value), value)
    if isinstance(value, Promise):
        return ("lazy", str(value))
    if isinstance(value, dict):
        return ("dict", tuple((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return (type(value), tuple(_frozen(v) for v in value))
    if isinstance(value, ModelChoiceIteratorValue):
        return ("choice", _frozen(value.value))
    raise Unkeyable(type(value).__name__)


class MemoizedRenderer(DjangoTemplates):
    """Django's default form renderer, remembering what each widget context rendered."""

    def __init__(self):
        super().__init__()
        self._rendered: dict = {}
        self._lock = threading.Lock()

    def render(self, template_name, context, request=None):
        if request is not None:
            return super().render(template_name, context, request)
        shown = context
        if template_name == "django/forms/label.html":
            # The bound field is passed along but the label template shows only the rest.
            shown = {k: v for k, v in context.items() if k != "field"}
        try:
            key = (template_name, get_language(), get_current_timezone_name(), _frozen(shown))
        except Unkeyable:
            return super().render(template_name, context, request)
        html = self._rendered.get(key)
        if html is None:
            html = super().render(template_name, context, request)
            with self._lock:
                if len(self._rendered) >= RENDERED_KEPT:
                    self._rendered.pop(next(iter(self._rendered)))
                self._rendered[key] = html
        return html
