"""Saving a part of the plan without losing anyone's edit.

Each editable part has a ``version``. A form carries the version its author
started from; the save locks the row, and if the version moved on (someone
else saved meanwhile) the save is refused with ``EditConflict`` and nothing is
written. The view then shows the author's text beside the current version.
"""

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


@transaction.atomic
def save_versioned(form, **extra):
    """Save a valid VersionedForm; raise EditConflict if the part changed since it was opened.

    New parts are simply created. ``extra`` sets fields outside the form (the plan).
    """
    instance = form.instance
    if instance.pk is None:
        for name, value in extra.items():
            setattr(instance, name, value)
        # form.save() saves the instance and its many-to-many data; save_m2m()
        # only exists after save(commit=False).
        return form.save()
    model = type(instance)
    current = model.objects.select_for_update().get(pk=instance.pk)
    if form.cleaned_data.get("version") != current.version:
        raise EditConflict(current)
    # Apply only the form's fields to the fresh row, so fields changed elsewhere
    # (a goal's position after a reorder) are not written back stale.
    construct_instance(form, current, fields=form._meta.fields)
    for name, value in extra.items():
        setattr(current, name, value)
    current.version += 1
    current.save()
    form.instance = current
    return current


@transaction.atomic
def update_versioned(instance, *, expected_version, **changes):
    """Set a few fields on a part (a status button) with the same conflict check."""
    current = type(instance).objects.select_for_update().get(pk=instance.pk)
    if expected_version is not None and expected_version != current.version:
        raise EditConflict(current)
    for name, value in changes.items():
        setattr(current, name, value)
    current.version += 1
    current.save()
    return current
