"""Every date and time input of every form carries its value in ISO 8601, in any language.

Browsers read a ``type="date"`` (``time``, ``datetime-local``) input's value only in
ISO 8601 and drop any other, so a form written in the language's format (15/01/2025)
opens empty and cannot be submitted. The forms are found by importing every module of
the project and walking the subclasses of Django's form classes, so a form added
tomorrow is checked without being listed here. A form whose constructor needs an
argument this module cannot supply fails with a message saying what to add to
``CONSTRUCTOR_ARGUMENTS``.
"""

import datetime
import importlib
import inspect
import pkgutil
import re
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.forms.models import BaseModelForm
from django.utils import timezone, translation

import mentorplan
from mentorplan.plans.models import LearningActivity
from mentorplan.plans.services import plan_for_mentee
from mentorplan.programs.models import Cohort

# Languages whose first date input format is not ISO (and one whose is).
LANGUAGES = ["en-gb", "en-us", "de", "fr", "nl", "pt-br", "ja", "sv"]
NATIVE_TYPES = {
    forms.DateField: "date",
    forms.TimeField: "time",
    forms.DateTimeField: "datetime-local",
}
DATE = datetime.date(2025, 1, 15)
TIME = datetime.time(14, 30)
# 13:30 UTC is 14:30 in Amsterdam: the input shows the reader's time zone.
MOMENT = datetime.datetime(2025, 1, 15, 13, 30, tzinfo=datetime.UTC)
READER_ZONE = ZoneInfo("Europe/Amsterdam")
EXPECTED = {"date": "2025-01-15", "time": "14:30", "datetime-local": "2025-01-15T14:30"}
VALUES = {"date": DATE, "time": TIME, "datetime-local": MOMENT}
CLEANED = {"date": DATE, "time": TIME, "datetime-local": MOMENT}

# What a form's keyword-only constructor arguments are given, built from the world.
CONSTRUCTOR_ARGUMENTS = {
    "cohort": lambda world: world.cohort,
    "cohorts": lambda world: Cohort.objects.filter(pk=world.cohort.pk),
    "plan": lambda world: plan_for_mentee(world.partnership),
    "user": lambda world: world.mentee,
    "goals": lambda world: [],
    "activities": lambda world: LearningActivity.objects.none(),
    "active_mentees": lambda world: 0,
    "initial_choices": lambda world: {},
}


def _project_forms():
    for module in pkgutil.walk_packages(mentorplan.__path__, "mentorplan."):
        if ".tests" in module.name or ".migrations" in module.name:
            continue
        if module.name.startswith("mentorplan.settings"):
            continue
        importlib.import_module(module.name)
    seen, pending = set(), [forms.BaseForm]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                pending.append(sub)
    # Admin forms are left out: the admin draws its own text date widgets with a
    # calendar of its own (ModelAdmin's formfield_overrides), where any format reads.
    project = [
        c
        for c in seen
        if c.__module__.startswith("mentorplan.") and not c.__module__.endswith(".admin")
    ]
    # A model form without a model is a base to build on (VersionedForm), not a form.
    project = [c for c in project if not (issubclass(c, BaseModelForm) and not c._meta.model)]
    return sorted(project, key=lambda c: f"{c.__module__}.{c.__qualname__}")


PROJECT_FORMS = _project_forms()


def _build(form_class, world, **kwargs):
    # A subclass's __init__(*args, **kwargs) passes its parents' arguments on: ask them all.
    needed = {
        p.name
        for cls in form_class.__mro__
        if "__init__" in vars(cls)
        for p in inspect.signature(cls.__init__).parameters.values()
        if p.kind is p.KEYWORD_ONLY and p.default is p.empty
    }
    missing = sorted(needed - set(CONSTRUCTOR_ARGUMENTS))
    assert not missing, (
        f"{form_class.__qualname__} needs {missing}: add a builder to CONSTRUCTOR_ARGUMENTS"
    )
    return form_class(**{n: CONSTRUCTOR_ARGUMENTS[n](world) for n in needed}, **kwargs)


def _temporal_fields(form):
    for name, field in form.fields.items():
        for field_class, input_type in NATIVE_TYPES.items():
            if isinstance(field, field_class) and not isinstance(field.widget, forms.HiddenInput):
                yield name, input_type


def _input(html, name):
    tag = re.search(rf'<input[^>]*\bname="{re.escape(name)}"[^>]*>', html)
    assert tag, html
    attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', tag.group(0)))
    return attrs.get("type"), attrs.get("value")


def _problems(form_class, world):
    """What is wrong with the date and time inputs of one form, in every language."""
    fields = list(_temporal_fields(_build(form_class, world)))
    initial = {name: VALUES[input_type] for name, input_type in fields}
    problems = []
    for language in LANGUAGES:
        with translation.override(language), timezone.override(READER_ZONE):
            form = _build(form_class, world, initial=initial)
            for name, input_type in fields:
                html = str(form[name])
                shown = _input(html, form[name].html_name)
                if shown != (input_type, EXPECTED[input_type]):
                    problems.append(
                        f"{language}: wanted {input_type}, {EXPECTED[input_type]}: {html}"
                    )
                # What the browser sends back is read as the same value.
                if form.fields[name].clean(EXPECTED[input_type]) != CLEANED[input_type]:
                    problems.append(f"{language}: {name} does not read {EXPECTED[input_type]}")
    return fields, problems


def test_every_date_and_time_input_carries_iso_values_in_every_language(world):
    checked, problems = set(), {}
    for form_class in PROJECT_FORMS:
        fields, wrong = _problems(form_class, world)
        if fields:
            checked.add(form_class.__qualname__)
        if wrong:
            problems[f"{form_class.__module__}.{form_class.__qualname__}"] = wrong
    assert not problems, problems
    # A sample of the forms known to have date fields, to prove the walk finds them.
    assert {
        "CohortForm",
        "GoalForm",
        "ActivityForm",
        "MilestoneForm",
        "ChangesSinceForm",
    } <= checked


class TimesProbeForm(forms.Form):
    """Time and moment fields as a future form might declare them (none does yet)."""

    at = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}))
    at_second = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time", "step": "1"}))
    moment = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))


@pytest.mark.parametrize("language", LANGUAGES)
def test_time_and_moment_inputs_carry_iso_values(language):
    initial = {"at": TIME, "at_second": datetime.time(14, 30, 5), "moment": MOMENT}
    with translation.override(language), timezone.override(READER_ZONE):
        form = TimesProbeForm(initial=initial)
        assert _input(str(form["at"]), "at") == ("time", "14:30")
        assert _input(str(form["at_second"]), "at_second") == ("time", "14:30:05")
        # Shown in the reader's zone, as the browser's datetime-local expects.
        assert _input(str(form["moment"]), "moment") == ("datetime-local", "2025-01-15T14:30")
