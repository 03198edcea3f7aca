"""Forms of the journey. Dates and times are read in the time zone the writer names."""

from datetime import date

from django import forms
from django.utils import timezone

from mentorplan.accounts.models import TIME_ZONE_CHOICES
from mentorplan.plans.forms import DATE
from mentorplan.plans.models import LearningActivity

from .models import ActionItem, CheckIn, Format, MeetingNotes, PrivateNote, Topic
from .times import in_zone

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DURATIONS = [
    (m, f"{m} minutes" if m < 60 else f"{m / 60:g} hour{'s' if m > 60 else ''}")
    for m in (15, 30, 45, 60, 90, 120)
]


class MeetingForm(forms.Form):
    """One meeting: when (in the writer's zone), how long, how and where."""

    day = forms.DateField(label="Date", widget=DATE)
    start = forms.TimeField(label="Start time", widget=TIME)
    duration_minutes = forms.TypedChoiceField(
        label="Duration", choices=DURATIONS, coerce=int, initial=60
    )
    time_zone = forms.ChoiceField(
        choices=TIME_ZONE_CHOICES, help_text="The date and time are read in this zone."
    )
    format = forms.ChoiceField(choices=Format.choices, initial=Format.VIDEO)
    location = forms.CharField(
        label="Place or link",
        max_length=300,
        required=False,
        help_text="A room, a café, or the video call's link.",
    )

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("time_zone", timezone.get_current_timezone_name())
        if meeting is not None and not self.is_bound:
            local = in_zone(meeting.starts_at, meeting.time_zone)
            self.initial.update(
                day=local.date(),
                start=local.time().replace(second=0, microsecond=0),
                duration_minutes=meeting.duration_minutes,
                time_zone=meeting.time_zone,
                format=meeting.format,
                location=meeting.location,
            )

    def clean(self):
        data = super().clean()
        if data.get("format") == Format.IN_PERSON and not data.get("location", "").strip():
            self.add_error(
                "location", forms.ValidationError("Say where you will meet.", code="required")
            )
        return data


class MeetingMoveForm(MeetingForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Why it moves (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, meeting=meeting, **kwargs)
        if meeting is not None and not self.is_bound:
            self.initial["version"] = meeting.version


class SeriesForm(MeetingForm):
    day = forms.DateField(label="First meeting", widget=DATE)
    every_weeks = forms.TypedChoiceField(
        label="Repeat",
        coerce=int,
        initial=2,
        choices=[
            (1, "Every week"),
            (2, "Every two weeks"),
            (3, "Every three weeks"),
            (4, "Every four weeks"),
        ],
    )
    until = forms.DateField(
        label="Until", widget=DATE, required=False, help_text="Leave empty for the cohort's end."
    )

    field_order = [
        "day",
        "start",
        "every_weeks",
        "until",
        "duration_minutes",
        "time_zone",
        "format",
        "location",
    ]


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Why is it cancelled?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why, so your partner knows."},
    )


class OwnIdsMixin:
    """A form of the meeting page: its fields' ids start with ``id_prefix``, not ``id_``.

    The page holds several forms whose fields share a name (``title``, ``text``,
    ``version``); with Django's ``id_%s`` they share an id, and every label of
    the second form names the first form's field.
    """

    id_prefix = "id"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


class TextVersionForm(OwnIdsMixin, forms.ModelForm):
    """Notes: the text and the version the writer opened (0 when there was none)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version if self.instance.pk else 0


class NotesForm(TextVersionForm):
    id_prefix = "notes"

    class Meta:
        model = MeetingNotes
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}


class PrivateNoteForm(TextVersionForm):
    id_prefix = "private-note"

    class Meta:
        model = PrivateNote
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"text": "Only you can ever read this: not your partner, not the program."}


class TopicForm(OwnIdsMixin, forms.ModelForm):
    id_prefix = "topic"

    class Meta:
        model = Topic
        fields = ["title"]
        labels = {"title": "Add a topic"}


class ActionItemForm(OwnIdsMixin, forms.ModelForm):
    id_prefix = "action-item"

    class Meta:
        model = ActionItem
        fields = ["title", "owner", "due_on"]
        widgets = {"due_on": DATE}
        labels = {"owner": "Who"}


class ActivityFromItemForm(forms.Form):
    """What an action item needs to become a learning activity of the plan."""

    kind = forms.ChoiceField(choices=LearningActivity.Kind.choices, widget=forms.RadioSelect)
    effort_amount = forms.DecimalField(
        label="Effort", min_value=0.5, max_value=999, decimal_places=1
    )
    effort_unit = forms.ChoiceField(label="Unit", choices=LearningActivity.EffortUnit.choices)
    starts_on = forms.DateField(label="Start date", widget=DATE, initial=date.today)
    goal = forms.ModelChoiceField(queryset=None, required=False, empty_label="No particular goal")

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = plan.goals.all() if plan else LearningActivity.objects.none()
        self.fields["goal"].label_from_instance = lambda g: f"Goal {g.number}: {g.statement}"


class CheckInForm(OwnIdsMixin, forms.ModelForm):
    id_prefix = "check-in"

    usefulness = forms.TypedChoiceField(
        label="How useful was this meeting for you?",
        coerce=int,
        widget=forms.RadioSelect,
        choices=[(1, "1 · not useful"), (2, "2"), (3, "3"), (4, "4"), (5, "5 · very useful")],
    )

    class Meta:
        model = CheckIn
        fields = ["usefulness", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 2})}
        labels = {"comment": "Anything to add? (optional, only you and the program see it)"}


class ActivityProgressForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(choices=LearningActivity.Status.choices)
    outcome = forms.ChoiceField(
        label="Did it work?", choices=[("", "—"), *LearningActivity.Outcome.choices], required=False
    )


class MeasureProgressForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    progress = forms.CharField(label="Progress", max_length=200, required=False)
    reached = forms.BooleanField(label="Reached", required=False)
