"""Saving a part of the plan without losing anyone's edit.

Each editable part has a ``version``. A form carries the version its author
started from; the save locks the row, and if the version moved on (someone
else saved meanwhile) the save is refused with ``EditConflict`` and nothing is
written. The view then shows the author's text beside the current version.

These functions know versions, not plans: the plan's domain functions
(``services``) call them and then pass the plan's funnel
(``revision.plan_revise``). Other apps reuse them for their own versioned rows.
"""

import copy
from dataclasses import dataclass

from django import forms
from django.db import transaction
from django.forms.models import construct_instance


class EditConflict(Exception):
    def __init__(self, current):
        super().__init__("Someone else saved this part after you opened it.")
        self.current = current


class VersionedForm(forms.ModelForm):
    """A model form that carries the version it was opened at."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version


@dataclass
class Saved:
    """A saved part, and its field values before the save (None when it is new)."""

    part: object
    before: dict | None


def field_values(instance) -> dict:
    """The instance's stored values by attribute name (``goal_id``, not ``goal``)."""
    return {
        f.attname: copy.copy(getattr(instance, f.attname)) for f in instance._meta.concrete_fields
    }


def lock_versioned(instance, expected_version):
    """The part's row, locked for this transaction; EditConflict if its version moved on.

    ``expected_version`` None skips the check (a script, or a deliberate overwrite).
    """
    current = type(instance).objects.select_for_update().get(pk=instance.pk)
    if expected_version is not None and expected_version != current.version:
        raise EditConflict(current)
    return current


@transaction.atomic
def save_versioned_part(form, *, prepare=None, **extra) -> Saved:
    """Save a valid VersionedForm; raise EditConflict if the part changed since it was opened.

    New parts are simply created. ``extra`` sets fields outside the form (the plan).
    ``prepare(part, before)``, when given, is called on an edit just before the
    save, with the fields applied: for what the edit means beyond them.
    """
    instance = form.instance
    if instance.pk is None:
        for name, value in extra.items():
            setattr(instance, name, value)
        # form.save() saves the instance and its many-to-many data; save_m2m()
        # only exists after save(commit=False).
        return Saved(form.save(), None)
    current = lock_versioned(instance, form.cleaned_data.get("version"))
    if form.cleaned_data.get("version") is None:
        # A form without its version (a hand-made POST) cannot prove it saw
        # the current text.
        raise EditConflict(current)
    before = field_values(current)
    # Apply only the form's fields to the fresh row, so fields changed elsewhere
    # (a goal's position after a reorder) are not written back stale.
    construct_instance(form, current, fields=form._meta.fields)
    for name, value in extra.items():
        setattr(current, name, value)
    if prepare is not None:
        prepare(current, before)
    current.version += 1
    current.save()
    form.instance = current
    return Saved(current, before)


def save_versioned(form, **extra):
    """``save_versioned_part`` for callers that need only the saved part."""
    return save_versioned_part(form, **extra).part


@transaction.atomic
def update_versioned_part(instance, *, expected_version, **changes) -> Saved:
    """Set a few fields on a part (a status button) with the same conflict check."""
    current = lock_versioned(instance, expected_version)
    before = field_values(current)
    for name, value in changes.items():
        setattr(current, name, value)
    current.version += 1
    current.save()
    return Saved(current, before)


def update_versioned(instance, *, expected_version, **changes):
    """``update_versioned_part`` for callers that need only the updated part."""
    return update_versioned_part(instance, expected_version=expected_version, **changes).part
