"""The form renderer every form of the site uses (``FORM_RENDERER`` in settings).

Browsers read the value of a native date or time input only in ISO 8601
(``2025-01-15``, ``14:30``, ``2025-01-15T14:30``) and silently discard any other
form. Django's date and time widgets write their value in the active language's
first input format instead (``15/01/2025`` in British English), so every
``type="date"`` field of every form opened empty for editing and the browser
refused to submit it. Rather than remembering a ``format=`` on each widget, the
renderer's bound field writes every native date and time input in ISO 8601,
whatever the language: a form added tomorrow is covered without doing anything.
Reading needs no help: Django always accepts the ISO forms besides the language's
own, and parses ``datetime-local``'s "T" separator.
"""

import copy

from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.forms.widgets import DateTimeBaseInput

# The value format a browser expects, by input type. "time" and "datetime-local"
# carry seconds only when the input steps in seconds.
ISO_FORMATS = {
    "date": "%Y-%m-%d",
    "time": "%H:%M",
    "datetime-local": "%Y-%m-%dT%H:%M",
}


def iso_format(widget) -> str | None:
    """The ISO 8601 format a native date/time widget's value must carry, or None."""
    if not isinstance(widget, DateTimeBaseInput):
        return None
    fmt = ISO_FORMATS.get(widget.input_type)
    if fmt is None or widget.input_type == "date":
        return fmt
    step = str(widget.attrs.get("step", "60"))
    return fmt if step.isdigit() and int(step) % 60 == 0 else fmt + ":%S"


class IsoDateBoundField(BoundField):
    """A bound field that writes native date and time inputs' values in ISO 8601."""

    def as_widget(self, widget=None, attrs=None, only_initial=False):
        widget = widget or self.field.widget
        fmt = iso_format(widget)
        if fmt is not None and widget.format != fmt:
            # A shallow copy: the field's widget is shared by every render of the form.
            widget = copy.copy(widget)
            widget.format = fmt
        return super().as_widget(widget, attrs, only_initial)


class FormRenderer(TemplatesSetting):
    """Django's TemplatesSetting renderer (our field templates), with ISO date inputs."""

    bound_field_class = IsoDateBoundField
