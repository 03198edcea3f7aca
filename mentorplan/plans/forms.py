from django import forms

from .editing import VersionedForm
from .models import (
    Barrier,
    Expectations,
    Goal,
    HelpRequest,
    LearningActivity,
    LearningObjective,
    MentorSide,
    Milestone,
    StarterItem,
    SuccessMeasure,
)

# Its value is written in ISO 8601 by the site's form renderer (mentorplan/form_rendering.py).
DATE = forms.DateInput(attrs={"type": "date"})


class PlanPartForm(VersionedForm):
    """A form for one part of a plan; goal choices come from the same plan."""

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        if "goal" in self.fields:
            self.fields["goal"].queryset = plan.goals.all()
            self.fields["goal"].empty_label = "No particular goal"
            self.fields["goal"].label_from_instance = lambda g: f"Goal {g.number}: {g.statement}"


class GoalForm(PlanPartForm):
    score = forms.IntegerField(
        label="Where are you now? (1 = just starting, 10 = there)",
        min_value=1,
        max_value=10,
        help_text="Your self-assessment; update it as you go to see your progress.",
    )

    class Meta:
        model = Goal
        fields = ["statement", "why", "horizon", "target_date", "status"]
        widgets = {"target_date": DATE, "why": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"statement": "Challenging yet attainable, for example: lead a team meeting."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["score"].required = False
            # Only an unbound form shows the latest score; a save compares with it later.
            latest = (
                None
                if self.is_bound
                else self.instance.assessments.order_by("-recorded_at", "-pk").first()
            )
            if latest:
                self.initial["score"] = latest.score


class ObjectiveForm(PlanPartForm):
    class Meta:
        model = LearningObjective
        fields = ["category", "statement", "goal"]


class ActivityForm(PlanPartForm):
    class Meta:
        model = LearningActivity
        fields = [
            "kind",
            "title",
            "description",
            "goal",
            "effort_amount",
            "effort_unit",
            "starts_on",
            "due_on",
            "status",
            "outcome",
            "lessons",
        ]
        widgets = {
            "starts_on": DATE,
            "due_on": DATE,
            "title": forms.TextInput(attrs={"list": "activity-examples"}),
            "description": forms.Textarea(attrs={"rows": 2}),
            "lessons": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "title": "Pick an example or write your own.",
            "outcome": "Once done or skipped.",
        }

    examples = LearningActivity.EXAMPLES


class MilestoneForm(PlanPartForm):
    class Meta:
        model = Milestone
        fields = ["title", "date", "goal", "reached"]
        widgets = {"date": DATE}


class BarrierForm(PlanPartForm):
    class Meta:
        model = Barrier
        fields = ["kind", "description", "strategy", "status"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "strategy": forms.Textarea(attrs={"rows": 2}),
        }


class MeasureForm(PlanPartForm):
    class Meta:
        model = SuccessMeasure
        fields = ["goal", "description", "target", "progress", "achieved_on"]
        widgets = {"achieved_on": DATE}
        help_texts = {"achieved_on": "Fill in when it is reached: it will be celebrated."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].required = True
        self.fields["goal"].empty_label = None


class ExpectationsForm(PlanPartForm):
    class Meta:
        model = Expectations
        fields = [
            "meeting_frequency",
            "meeting_format",
            "preferred_channels",
            "guidance_areas",
            "weekly_hours",
        ]
        widgets = {"guidance_areas": forms.Textarea(attrs={"rows": 2})}


class MentorSideForm(PlanPartForm):
    roles = forms.MultipleChoiceField(
        label="My role",
        choices=MentorSide.Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = MentorSide
        fields = [
            "understanding",
            "roles",
            "role_notes",
            "supportive_environment",
            "boundaries",
            "availability",
            "response_time",
        ]
        widgets = {
            "understanding": forms.Textarea(attrs={"rows": 3}),
            "role_notes": forms.Textarea(attrs={"rows": 2}),
            "supportive_environment": forms.Textarea(attrs={"rows": 2}),
            "boundaries": forms.Textarea(attrs={"rows": 2}),
        }


class UnderstandingForm(forms.Form):
    """The mentee confirms the mentor's understanding, or says what is missing."""

    confirm = forms.BooleanField(label="Yes, this is what I need", required=False)
    feedback = forms.CharField(
        label="What is missing or different?",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if not data.get("confirm") and not data.get("feedback", "").strip():
            raise forms.ValidationError(
                "Confirm the understanding, or say what is missing.", code="empty"
            )
        return data


class CommentForm(forms.Form):
    """A comment on the whole plan, or on one goal or activity of it."""

    about = forms.ChoiceField(label="About")
    body = forms.CharField(
        label="Comment",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Write a comment first."},
    )

    def __init__(self, *args, goals, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = {f"goal-{g.pk}": g for g in goals}
        self.activities = {f"activity-{a.pk}": a for a in activities}
        self.fields["about"].choices = [
            ("plan", "The whole plan"),
            *((k, f"Goal {g.number}: {g.statement}") for k, g in self.goals.items()),
            *((k, f"Activity: {a.title}") for k, a in self.activities.items()),
        ]

    @property
    def target(self) -> dict:
        about = self.cleaned_data["about"]
        return {"goal": self.goals.get(about), "activity": self.activities.get(about)}


class SignForm(forms.Form):
    name = forms.CharField(
        label="Type your full name to sign",
        max_length=120,
        help_text="Your name and the time are recorded with the terms you sign.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if name.casefold() != " ".join(self.user.display_name.split()).casefold():
            raise forms.ValidationError(
                "Type your name as it appears in your profile: %(name)s.",
                code="mismatch",
                params={"name": self.user.display_name},
            )
        return name


class HelpRequestForm(forms.ModelForm):
    class Meta:
        model = HelpRequest
        fields = ["message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 3})}
        labels = {"message": "What do you need help with?"}
        help_texts = {"message": "Only the program's coordinators see this, not your partner."}
        error_messages = {"message": {"required": "Say what you need help with."}}


class HelpAnswerForm(forms.Form):
    answer = forms.CharField(
        label="Your answer",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write your answer first."},
        help_text="Only the person who asked sees it, not their partner.",
    )


class StarterItemForm(forms.ModelForm):
    offer_to_existing = forms.BooleanField(
        label="Also offer it to the plans already started (each mentee accepts or dismisses it)",
        required=False,
    )

    class Meta:
        model = StarterItem
        fields = ["kind", "text", "objective_category", "activity_kind"]
        labels = {
            "text": "The goal, objective or activity",
            "objective_category": "Objective category (for objectives)",
            "activity_kind": "Kind of activity (for activities)",
        }
        # The model's clean() asks for these with code "required"; a form field's own
        # "required" message would replace the model's words, so repeat them here.
        error_messages = {
            "text": {"required": "Write the goal, objective or activity."},
            "objective_category": {"required": "Choose a category."},
            "activity_kind": {"required": "Choose a kind of activity."},
        }

    def clean(self):
        data = super().clean()
        # Only the field matching the kind means something: drop a leftover choice.
        if data.get("kind") != StarterItem.Kind.OBJECTIVE:
            data["objective_category"] = ""
        if data.get("kind") != StarterItem.Kind.ACTIVITY:
            data["activity_kind"] = ""
        return data


class ChangesSinceForm(forms.Form):
    """The date the "what changed" page starts from."""

    since = forms.DateField(
        label="Show changes since",
        required=False,
        widget=DATE,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": "Enter a date like 2026-03-14 (year, month, day)."},
    )

    def clean_since(self):
        since = self.cleaned_data["since"]
        # Far-off years overflow when turned into a moment in the reader's time zone.
        if since is not None and since.year < 2000:
            raise forms.ValidationError("Choose a date from the year 2000 on.", code="too_early")
        return since


class HelpInboxFilterForm(forms.Form):
    """The inbox's filters, read from the query string: a state and one of the user's cohorts.

    Bound to every request; what is not understood is left out (the view falls
    back to waiting requests of every cohort), a cohort's error shown beside it.
    """

    state = forms.ChoiceField(
        choices=[*HelpRequest.State.choices, ("all", "All")],
        required=False,
        widget=forms.HiddenInput,
    )
    cohort = forms.TypedChoiceField(label="Cohort", coerce=int, empty_value=None, required=False)

    def __init__(self, *args, cohorts, **kwargs):
        super().__init__(*args, **kwargs)
        # Cohorts of several programs are told apart by their program's name.
        several = len({c.program_id for c in cohorts}) > 1
        self.cohorts = {c.pk: c for c in cohorts}
        self.fields["cohort"].choices = [("", "All your cohorts")] + [
            (c.pk, f"{c.name} ({c.program.name})" if several else c.name) for c in cohorts
        ]

    def clean_cohort(self):
        pk = self.cleaned_data["cohort"]
        return self.cohorts[pk] if pk is not None else None
