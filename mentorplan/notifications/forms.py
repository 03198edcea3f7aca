from django import forms

from .kinds import ALL, KINDS, kinds_by_family
from .models import CohortReminderSettings


class EmailChoicesForm(forms.Form):
    """One checkbox per kind of email, grouped as the preferences page shows them."""

    def __init__(self, *args, initial_choices, with_all=True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_all:
            self.fields[ALL] = forms.BooleanField(
                label="Send me emails",
                required=False,
                initial=initial_choices.get(ALL, True),
                help_text="Off: no email at all, whatever is ticked below. Your notifications "
                "list keeps everything either way.",
            )
        for kind in KINDS.values():
            self.fields[kind.name] = forms.BooleanField(
                label=kind.label,
                required=False,
                initial=initial_choices.get(kind.name, True),
                help_text=f"Sent {kind.who}.",
            )

    def groups(self):
        """(family label, [bound fields]) for the template."""
        return [(label, [self[k.name] for k in kinds]) for label, kinds in kinds_by_family()]


class ReminderSettingsForm(forms.ModelForm):
    class Meta:
        model = CohortReminderSettings
        fields = ["nudge_after_days"]

    def clean_nudge_after_days(self):
        days = self.cleaned_data["nudge_after_days"]
        if not 1 <= days <= 90:
            raise forms.ValidationError("Choose between 1 and 90 days.", code="range")
        return days
