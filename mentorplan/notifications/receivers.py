"""What the other side did, as it happens: receivers of the lower apps' domain signals.

Each receiver runs inside the transaction of the change (the signals are sent
from the domain functions), so a change that is rolled back tells nobody. Each
one names who is told and links straight to the thing.
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.dispatch import receiver
from django.urls import reverse
from django.utils.text import Truncator

from mentorplan.meetings.signals import meeting_cancelled, meeting_moved, meeting_scheduled
from mentorplan.partnerships.signals import partnership_started
from mentorplan.plans import signals as plan_signals
from mentorplan.plans.agreement import agreement_terms, signatures
from mentorplan.plans.models import ActionPlan, Agreement

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


def _tell_partner(meeting, by, title, *, subject=None, renew=True):
    """The other partner learns of a change to a meeting at once (kind "meeting")."""
    partnership = meeting.partnership
    for person in (partnership.mentor, partnership.mentee):
        if by is not None and person.pk == by.pk:
            continue
        notify(
            recipient=person,
            kind="meeting",
            subject=subject or f"meeting:{meeting.pk}",
            partnership=partnership,
            actor=by,
            title=title(person),
            body=meeting.cancel_reason if meeting.is_cancelled else "",
            url=meeting.get_absolute_url(),
            renew=renew,
            data={"meeting": meeting.pk, "sequence": meeting.sequence},
        )


def _when(meeting, person) -> str:
    zone = ZoneInfo(person.time_zone or settings.DEFAULT_USER_TIME_ZONE)
    local = meeting.starts_at.astimezone(zone)
    return f"{local:%A %-d %B, %H:%M} ({person.time_zone or settings.DEFAULT_USER_TIME_ZONE})"


@receiver(meeting_scheduled)
def tell_partner_meeting_scheduled(sender, meeting, by, **kwargs):
    if meeting.series_id:
        # A series is told once, with its first meeting: not one email per meeting.
        series = meeting.series
        _tell_partner(
            meeting,
            by,
            lambda p: f"{by.display_name} scheduled your meetings: {series.describe()}",
            subject=f"series:{series.pk}",
            renew=False,
        )
        return
    _tell_partner(
        meeting, by, lambda p: f"{by.display_name} scheduled a meeting: {_when(meeting, p)}"
    )


@receiver(meeting_moved)
def tell_partner_meeting_moved(sender, meeting, by, old_starts_at, **kwargs):
    _tell_partner(
        meeting, by, lambda p: f"{by.display_name} moved your meeting to {_when(meeting, p)}"
    )


@receiver(meeting_cancelled)
def tell_partner_meeting_cancelled(sender, meeting, by, **kwargs):
    _tell_partner(
        meeting, by, lambda p: f"{by.display_name} cancelled your meeting of {_when(meeting, p)}"
    )


# The action plan (domain signals of plans/signals.py). Each tells the other side
# only what the plan's rules let them read: the mentor nothing of a draft, the
# partner nothing of a request for help.


def _plan_url(plan, anchor="") -> str:
    return reverse("plans:plan-detail", args=[plan.partnership_id]) + anchor


def _tell_mentor_of_plan(plan, by, title, body, url):
    """One line a day about the plan for the mentor, brought back up with each news."""
    partnership = plan.partnership
    notify(
        recipient=partnership.mentor,
        kind="plan_shared",
        subject=f"plan:{plan.pk}",
        partnership=partnership,
        actor=by,
        title=title,
        body=body,
        url=url,
        renew=True,
    )


@receiver(plan_signals.plan_shared)
def tell_mentor_plan_shared(sender, plan, by, **kwargs):
    _tell_mentor_of_plan(
        plan,
        by,
        f"{by.display_name} shared their action plan with you",
        "Read it, comment, write your side as mentor and sign the mentoring agreement.",
        _plan_url(plan),
    )


@receiver(plan_signals.plan_changed)
def tell_partner_plan_changed(sender, plan, by, **kwargs):
    if plan.is_shared and by is not None and by.pk == plan.partnership.mentee_id:
        _tell_mentor_of_plan(
            plan,
            by,
            f"{by.display_name} changed their action plan",
            "See what changed since you last looked.",
            reverse("plans:plan-changes", args=[plan.partnership_id]),
        )
    _tell_signers_terms_changed(plan, by)


def _tell_signers_terms_changed(plan, by):
    """A signature whose terms no longer match: its signer is asked to look again."""
    agreement = Agreement.objects.filter(plan=plan).first()
    if agreement is None or not (agreement.mentee_signed_name or agreement.mentor_signed_name):
        return
    partnership = plan.partnership
    for signature in signatures(agreement, agreement_terms(plan)):
        if signature.state != "outdated":
            continue
        person = partnership.mentee if signature.role == "mentee" else partnership.mentor
        notify(
            recipient=person,
            kind="agreement",
            subject=f"terms:{plan.pk}",
            partnership=partnership,
            actor=by,
            title="The mentoring agreement's terms changed since you signed it",
            body="Read them again and sign the agreement as it is now.",
            url=_plan_url(plan, "#agreement"),
        )


@receiver(plan_signals.comment_added)
def tell_partner_comment(sender, comment, **kwargs):
    plan = comment.plan
    partnership = plan.partnership
    author = comment.author
    recipient = partnership.mentor if author.pk == partnership.mentee_id else partnership.mentee
    whose = "your plan" if recipient.pk == partnership.mentee_id else "the action plan"
    notify(
        recipient=recipient,
        kind="comment",
        subject=f"comment:{comment.pk}",
        partnership=partnership,
        actor=author,
        title=f"{author.display_name} commented on {whose}",
        body=excerpt(comment.body),
        url=_plan_url(plan, "#comments"),
    )


@receiver(plan_signals.agreement_signed)
def tell_partner_signed(sender, plan, by, role, **kwargs):
    partnership = plan.partnership
    other = partnership.mentor if role == "mentee" else partnership.mentee
    agreement = Agreement.objects.get(plan=plan)
    theirs = next(s for s in signatures(agreement, agreement_terms(plan)) if s.role != role)
    notify(
        recipient=other,
        kind="agreement",
        subject=f"signed:{plan.pk}:{role}",
        partnership=partnership,
        actor=by,
        title=f"{by.display_name} signed the mentoring agreement",
        body="You have both signed it."
        if theirs.is_current
        else "Your signature is the one missing.",
        url=_plan_url(plan, "#agreement"),
        renew=True,
    )


@receiver(plan_signals.understanding_written)
def tell_mentee_understanding(sender, plan, by, **kwargs):
    notify(
        recipient=plan.partnership.mentee,
        kind="mentor_side",
        subject=f"understanding:{plan.pk}",
        partnership=plan.partnership,
        actor=by,
        title=f"{by.display_name} wrote their understanding of your goals",
        body="Confirm it, or say what is missing.",
        url=_plan_url(plan, "#mentor-side"),
        renew=True,
    )


@receiver(plan_signals.measure_proposed)
def tell_mentee_measure_proposed(sender, measure, by, **kwargs):
    plan = measure.goal.plan
    notify(
        recipient=plan.partnership.mentee,
        kind="mentor_side",
        subject=f"measure:{measure.pk}",
        partnership=plan.partnership,
        actor=by,
        title=f"{by.display_name} proposed a success measure: {excerpt(measure.description, 80)}",
        body="It counts once you agree to it.",
        url=_plan_url(plan, f"#measure-{measure.pk}"),
        renew=True,
    )


@receiver(plan_signals.measure_removal_proposed)
def tell_mentee_measure_removal_proposed(sender, measure, by, **kwargs):
    plan = measure.goal.plan
    notify(
        recipient=plan.partnership.mentee,
        kind="mentor_side",
        subject=f"measure-removal:{measure.pk}",
        partnership=plan.partnership,
        actor=by,
        title=f"{by.display_name} proposes to remove a success measure: "
        f"{excerpt(measure.description, 80)}",
        body="It counts until you answer: remove it, or keep it.",
        url=_plan_url(plan, f"#measure-{measure.pk}"),
        renew=True,
    )


@receiver(plan_signals.help_answered)
def tell_asker_help_answered(sender, help_request, by, **kwargs):
    # Confidential: only the person who asked, never the partner.
    notify(
        recipient=help_request.raised_by,
        kind="help_answered",
        subject=f"help:{help_request.pk}",
        partnership=help_request.plan.partnership,
        actor=by,
        title=f"{by.display_name} answered your request for help",
        url=help_request.get_absolute_url(),
        renew=True,
    )


@receiver(plan_signals.suggestions_offered)
def tell_mentees_suggestions(sender, item, plans, **kwargs):
    plans = ActionPlan.objects.filter(pk__in=[p.pk for p in plans]).select_related(
        "partnership__mentee", "partnership__cohort"
    )
    for plan in plans:
        notify(
            recipient=plan.partnership.mentee,
            kind="suggestions",
            subject=f"suggestions:{plan.pk}",
            partnership=plan.partnership,
            title="Your coordinator suggested something for your plan",
            body=excerpt(item.text),
            url=_plan_url(plan, "#suggestions"),
            renew=True,
        )
