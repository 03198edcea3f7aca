from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from mentorplan.programs.models import Membership

from .models import Partnership
from .selectors import as_pk, pairing_candidates

User = get_user_model()


class PersonPicker(forms.RadioSelect):
    """A search box and radio buttons for the few people it found, never a whole role.

    A cohort may hold thousands of mentors and mentees; a select of them all made the
    cohort page 440 KB. The picker shows the first matches of a search
    (``selectors.pairing_candidates``): htmx asks ``<role>-search`` for new ones as
    the coordinator types, and without JavaScript the search box belongs to the page's
    GET form (``pair-search``), which draws the page again with them. What a POST may
    choose is still the field's queryset.
    """

    template_name = "partnerships/_person_picker.html"
    cohort = None
    query = ""

    def get_context(self, name, value, attrs):
        # Not RadioSelect's: it would list every choice of the queryset.
        context = forms.Widget.get_context(self, name, value, attrs)
        widget = context["widget"]
        widget["invalid"] = widget["attrs"].get("aria-invalid") == "true"
        widget["candidates"] = pairing_candidates(
            cohort=self.cohort,
            role=name,
            query=self.query,
            chosen=next(iter(widget["value"]), None),
        )
        widget["search_url"] = reverse(f"partnerships:{name}-search", args=[self.cohort.pk])
        return context


class PersonChoiceField(forms.ModelChoiceField):
    # The picker draws its own labels (name, email, load): no choice is rendered from
    # the queryset, which only validates what is posted.
    widget = PersonPicker

    def to_python(self, value):
        # Refused before the query: a key past 64 bits overflows SQLite (a 500).
        if value not in self.empty_values and as_pk(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class PartnershipForm(forms.Form):
    """Pair a mentor with a mentee, each picked from a search (``PersonPicker``).

    ``searches`` holds what the search boxes asked (``mentor_q``, ``mentee_q``): the
    page's GET parameters, or an htmx POST's (which includes the boxes).
    """

    mentor = PersonChoiceField(
        queryset=User.objects.none(),
        error_messages={
            "required": "Search for a mentor and pick one.",
            "invalid_choice": "Pick a mentor of this cohort from the search results.",
        },
    )
    mentee = PersonChoiceField(
        queryset=User.objects.none(),
        error_messages={
            "required": "Search for a mentee and pick one.",
            "invalid_choice": "Pick a mentee of this cohort from the search results.",
        },
    )

    def __init__(self, *args, cohort, searches=None, **kwargs):
        super().__init__(*args, **kwargs)
        searches = searches or {}
        # Cohort and role in one filter(): chained filters on a multi-valued relation
        # would match a role held in another cohort.
        people = User.objects.order_by("display_name").only("display_name", "email")
        for role in (Membership.Role.MENTOR, Membership.Role.MENTEE):
            field = self.fields[role]
            field.queryset = people.filter(memberships__cohort=cohort, memberships__role=role)
            field.widget.cohort = cohort
            field.widget.query = searches.get(f"{role}_q", "")


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
