"""What the other side did, as it happens: receivers of the lower apps' domain signals.

Each receiver runs inside the transaction of the change (the signals are sent
from the domain functions), so a change that is rolled back tells nobody. Each
one names who is told and links straight to the thing.
"""

from django.dispatch import receiver
from django.urls import reverse
from django.utils.text import Truncator

from mentorplan.partnerships.signals import partnership_started

from .services import notify


def excerpt(text, length=160) -> str:
    return Truncator(" ".join(str(text).split())).chars(length)


@receiver(partnership_started)
def tell_both_they_are_paired(sender, partnership, by=None, **kwargs):
    mentor, mentee = partnership.mentor, partnership.mentee
    url = reverse("partnerships:partnership-detail", args=[partnership.pk])
    about_mentor = "; ".join(filter(None, [excerpt(mentor.bio), ", ".join(mentor.expertise_list)]))
    about_mentee = "; ".join(filter(None, [excerpt(mentee.bio), ", ".join(mentee.interests_list)]))
    notify(
        recipient=mentee,
        kind="paired",
        subject=f"partnership:{partnership.pk}",
        partnership=partnership,
        actor=by,
        title=f"You have been paired with {mentor.display_name} as your mentor",
        body=(f"{about_mentor}. " if about_mentor else "")
        + f"First step: write your action plan (your top three goals to begin with) "
        f"and share it with {mentor.get_short_name()}.",
        url=url,
    )
    notify(
        recipient=mentor,
        kind="paired",
        subject=f"partnership:{partnership.pk}",
        partnership=partnership,
        actor=by,
        title=f"You are now mentoring {mentee.display_name}",
        body=(f"{about_mentee}. " if about_mentee else "")
        + f"First step: say hello and agree your first meeting; {mentee.get_short_name()} "
        "writes the action plan and shares it with you.",
        url=url,
    )
