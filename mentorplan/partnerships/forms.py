from django import forms
from django.contrib.auth import get_user_model
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

from mentorplan.programs.models import Membership

from .models import Partnership

User = get_user_model()


class PersonSelect(forms.Select):
    """A select of a cohort's mentors or mentees, drawn in Python.

    A large cohort lists thousands of people; Django's Select renders a
    template per option, which made the cohort page take 0.3 s longer at
    2,500 people a list. Attributes (id, required, aria-describedby, aria-invalid)
    come from the bound field as usual.
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (choice, " selected" if str(choice) in selected else "", label)
                for choice, label in self.choices
            ),
        )
        attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>{}</select>', name, attrs, options)


class PersonChoiceField(forms.ModelChoiceField):
    widget = PersonSelect

    def label_from_instance(self, user):
        return f"{user.display_name} <{user.email}>"


class PartnershipForm(forms.Form):
    mentor = PersonChoiceField(queryset=User.objects.none(), empty_label="Choose a mentor")
    mentee = PersonChoiceField(queryset=User.objects.none(), empty_label="Choose a mentee")

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        # Cohort and role in one filter(): chained filters on a multi-valued relation
        # would match a role held in another cohort.
        people = User.objects.order_by("display_name").only("display_name", "email")
        self.fields["mentor"].queryset = people.filter(
            memberships__cohort=cohort, memberships__role=Membership.Role.MENTOR
        )
        self.fields["mentee"].queryset = people.filter(
            memberships__cohort=cohort, memberships__role=Membership.Role.MENTEE
        )


class PartnershipEndForm(forms.Form):
    status = forms.ChoiceField(
        label="How did it end?",
        choices=[
            (Partnership.Status.COMPLETED, "Completed: the pair finished their plan"),
            (Partnership.Status.ENDED_EARLY, "Ended early"),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Reason or closing note",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required when the partnership ends early. The pair can see it.",
    )
