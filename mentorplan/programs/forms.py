from django import forms
from django.contrib.auth import get_user_model, password_validation

from mentorplan.accounts.models import TIME_ZONE_CHOICES, split_tags

from .models import Cohort, Membership, Program

User = get_user_model()

MAX_CAPACITY = 20


class ProgramForm(forms.ModelForm):
    class Meta:
        model = Program
        fields = ["name", "description", "coordinators_read_plans"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["name", "starts_on", "ends_on", "meeting_cadence"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {"name": 'For example "2026 Partnerships".'}

    def clean_name(self):
        # "program" is not a form field, so ModelForm skips the (program, name)
        # constraint and a taken name would fail on save; the views set
        # instance.program before validating.
        name = self.cleaned_data["name"]
        taken = Cohort.objects.filter(program_id=self.instance.program_id, name=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                "This program already has a cohort with this name.", code="unique"
            )
        return name


class ParticipantForm(forms.Form):
    """One person to add to a cohort: used by the invite form and for each CSV row."""

    email = forms.EmailField()
    display_name = forms.CharField(label="Name", max_length=120)
    role = forms.ChoiceField(choices=Membership.Role.choices)
    capacity = forms.IntegerField(
        min_value=1,
        max_value=MAX_CAPACITY,
        required=False,
        help_text="Mentors only: how many mentees they can take on.",
    )
    expertise = forms.CharField(label="Areas of expertise", max_length=500, required=False)
    interests = forms.CharField(max_length=500, required=False)

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.cohort = cohort

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        existing = (
            self.cohort.memberships.filter(user__email__iexact=email).select_related("user").first()
        )
        if existing is not None:
            self.existing_membership = existing
            raise forms.ValidationError(
                "%(email)s is already in this cohort as %(role)s.",
                code="already_member",
                params={"email": email, "role": existing.get_role_display().lower()},
            )
        return email

    def clean_display_name(self):
        return " ".join(self.cleaned_data["display_name"].split())

    def clean_expertise(self):
        return ", ".join(split_tags(self.cleaned_data["expertise"]))

    def clean_interests(self):
        return ", ".join(split_tags(self.cleaned_data["interests"]))

    def clean(self):
        data = super().clean()
        role, capacity = data.get("role"), data.get("capacity")
        if role == Membership.Role.MENTOR and capacity is None and "capacity" not in self.errors:
            self.add_error(
                "capacity",
                forms.ValidationError(
                    "A mentor needs a capacity: how many mentees they can take on.",
                    code="required",
                ),
            )
        elif role and role != Membership.Role.MENTOR and capacity is not None:
            self.add_error(
                "capacity",
                forms.ValidationError("Only mentors have a capacity.", code="not_mentor"),
            )
        return data


class ParticipantImportForm(forms.Form):
    csv_file = forms.FileField(
        label="CSV file",
        required=False,
        help_text="Columns: email, name, role (mentee, mentor or coordinator), capacity "
        "(mentors only), expertise, interests. The first row holds the column names.",
    )
    # After a file with errors, the page carries its text so the coordinator can
    # import the good rows without choosing the file again.
    csv_text = forms.CharField(required=False, widget=forms.HiddenInput)
    import_valid_rows = forms.BooleanField(
        required=False, label="Import the good rows and leave out the rows with errors"
    )

    MAX_BYTES = 2 * 1024 * 1024

    def clean(self):
        data = super().clean()
        upload = data.get("csv_file")
        if upload:
            if upload.size > self.MAX_BYTES:
                self.add_error(
                    "csv_file",
                    forms.ValidationError("The file is larger than 2 MB.", code="too_big"),
                )
                return data
            raw = upload.read()
            try:
                data["text"] = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                self.add_error(
                    "csv_file",
                    forms.ValidationError(
                        "The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.",
                        code="encoding",
                    ),
                )
        elif data.get("csv_text"):
            data["text"] = data["csv_text"]
        elif "csv_file" not in self.errors:
            self.add_error("csv_file", forms.ValidationError("Choose a CSV file.", code="required"))
        return data


class MembershipCapacityForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["capacity"]

    capacity = forms.IntegerField(min_value=1, max_value=MAX_CAPACITY)

    def __init__(self, *args, active_mentees: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.active_mentees = active_mentees

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if capacity < self.active_mentees:
            raise forms.ValidationError(
                "%(name)s mentors %(count)s people now; the capacity cannot be lower. "
                "End a partnership first.",
                code="below_load",
                params={"name": self.instance.user, "count": self.active_mentees},
            )
        return capacity


class InvitationAcceptForm(forms.Form):
    display_name = forms.CharField(label="Your name", max_length=120)
    time_zone = forms.ChoiceField(choices=TIME_ZONE_CHOICES)
    password1 = forms.CharField(
        label="Choose a password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label="Type it again", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_display_name(self):
        name = " ".join(self.cleaned_data["display_name"].split())
        if not name:
            raise forms.ValidationError("Please enter your name.", code="required")
        return name

    def clean_password1(self):
        password = self.cleaned_data["password1"]
        password_validation.validate_password(password, self.user)
        return password

    def clean(self):
        data = super().clean()
        if (
            data.get("password1")
            and data.get("password2")
            and data["password1"] != data["password2"]
        ):
            self.add_error(
                "password2", forms.ValidationError("The two passwords differ.", code="mismatch")
            )
        return data
