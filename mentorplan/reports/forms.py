from django import forms

from mentorplan.plans.editing import VersionedForm

from .models import HealthPolicy
from .services import MESSAGE_MAX


class HealthPolicyForm(VersionedForm):
    class Meta:
        model = HealthPolicy
        fields = [
            "days_to_share",
            "days_to_sign",
            "days_to_first_meeting",
            "help_waiting_days",
            "low_check_in",
        ]
        widgets = {
            "low_check_in": forms.NumberInput(attrs={"step": "0.1", "min": "1", "max": "5"}),
        }


class NudgeForm(forms.Form):
    message = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 9}),
        max_length=MESSAGE_MAX,
        help_text="Sent to both partners, in the app and by email if they receive emails.",
        error_messages={"required": "Write the message to send."},
    )
