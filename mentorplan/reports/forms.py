from django import forms

from mentorplan.plans.editing import VersionedForm

from .models import GoalVerdict, HealthPolicy, Reflection
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


class ReflectionForm(VersionedForm):
    """The reflection, with the plan's activities to pick from and a verdict per goal."""

    class Meta:
        model = Reflection
        fields = [
            "most_helpful",
            "most_helpful_why",
            "least_helpful",
            "least_helpful_why",
            "kept_on_track",
            "would_change",
            "rating",
            "shared_with_partner",
        ]
        widgets = {
            "most_helpful_why": forms.Textarea(attrs={"rows": 3}),
            "least_helpful_why": forms.Textarea(attrs={"rows": 3}),
            "kept_on_track": forms.Textarea(attrs={"rows": 3}),
            "would_change": forms.Textarea(attrs={"rows": 3}),
            "rating": forms.RadioSelect(choices=[(n, str(n)) for n in range(1, 6)]),
        }

    def __init__(self, *args, activities, goals, verdicts=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("most_helpful", "least_helpful"):
            field = self.fields[name]
            field.queryset = activities
            field.empty_label = "None of them"
            field.label_from_instance = lambda a: f"{a.title} ({a.get_kind_display().lower()})"
        self.fields["rating"].help_text = "1: it did not work for me; 5: it worked very well."
        self.fields["rating"].error_messages["required"] = "Rate the partnership from 1 to 5."
        self.goals = list(goals)
        verdicts = verdicts or {}
        for goal in self.goals:
            self.fields[f"goal_{goal.pk}"] = forms.ChoiceField(
                label=f"Goal {goal.number}: {goal.statement}",
                choices=[("", "Not sure"), *GoalVerdict.Met.choices],
                required=False,
                initial=verdicts.get(goal.pk, ""),
            )

    def goal_fields(self):
        return [self[f"goal_{goal.pk}"] for goal in self.goals]

    def clean(self):
        cleaned = super().clean()
        most, least = cleaned.get("most_helpful"), cleaned.get("least_helpful")
        if most is not None and most == least:
            self.add_error(
                "least_helpful",
                forms.ValidationError(
                    "Choose another activity than the one that helped most.", code="same"
                ),
            )
        return cleaned

    def verdicts(self) -> dict:
        return {goal: self.cleaned_data.get(f"goal_{goal.pk}", "") for goal in self.goals}


class PracticeShareForm(forms.Form):
    activity = forms.ModelChoiceField(
        queryset=None,
        label="The activity that worked",
        error_messages={"required": "Choose the activity you share."},
    )
    why = forms.CharField(
        label="Why it worked",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="What made it work, and a tip for whoever tries it next. The program's "
        "members read it with your role (mentee or mentor), not your name.",
        error_messages={"required": "Say why it worked: that is what helps the next cohort."},
    )

    def __init__(self, *args, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = activities
        self.fields["activity"].label_from_instance = lambda a: (
            f"{a.title} ({a.get_kind_display().lower()})"
        )


class PracticeSuggestForm(forms.Form):
    cohort = forms.ModelChoiceField(
        queryset=None,
        label="Cohort",
        error_messages={"required": "Choose the cohort whose starter plan gets it."},
    )
    offer_to_existing = forms.BooleanField(
        label="Offer it to the plans already begun too",
        required=False,
    )

    def __init__(self, *args, cohorts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts
