"""What people do from the reports: nudge partnerships, share what worked, suggest it."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from mentorplan.notifications.services import notify
from mentorplan.plans.models import ActionPlan, LearningActivity, StarterItem
from mentorplan.plans.permissions import can_read_plan_text, plan_role
from mentorplan.plans.services import starter_item_add

from .models import Nudge, SharedPractice

# What a coordinator may write, and what a nudge may hold: room for a pair's reasons
# (seven at most, each a short line) added below the message of a cohort's nudge.
NUDGE_MAX = 2000
MESSAGE_MAX = 1400


def default_nudge(flags) -> str:
    """The message a coordinator starts from: warm, and naming what the dashboard saw."""
    lines = [
        "Hello both,",
        "",
        "I am checking in on your mentoring partnership.",
    ]
    if flags:
        lines += ["", "What I see on the program's dashboard:"]
        lines += [f"- {flag.reason}" for flag in flags]
    lines += [
        "",
        "Is there anything I can help with? Reply to me, or ask for help from your plan's "
        "barriers section.",
    ]
    return "\n".join(lines)


@transaction.atomic
def nudge_send(*, partnership, by, message, now=None) -> Nudge:
    """Record the nudge and tell both partners (in the app and, as they choose, by email)."""
    message = message.strip()
    if not message:
        raise ValidationError(
            {"message": ValidationError("Write the message to send.", code="required")}
        )
    if not partnership.is_active:
        raise ValidationError("This partnership has ended.", code="not_active")
    now = now or timezone.now()
    nudge = Nudge(partnership=partnership, sent_by=by, sent_at=now, message=message)
    nudge.full_clean()
    nudge.save()
    name = by.display_name or by.email
    for recipient in (partnership.mentee, partnership.mentor):
        notify(
            recipient=recipient,
            kind="nudge",
            subject=f"partnership:{partnership.pk}",
            title=f"{name}, your program's coordinator, wrote to you both",
            body=nudge.message,
            url=partnership.get_absolute_url(),
            partnership=partnership,
            actor=by,
            now=now,
            renew=True,
        )
    return nudge


def practice_share(*, partnership, author, activity, why) -> SharedPractice:
    """Share one of the pair's activities that was done, and why it worked, with the program."""
    plan = ActionPlan.objects.filter(partnership=partnership).first()
    if plan is None or activity.plan_id != plan.pk:
        raise ValidationError(
            {"activity": ValidationError("Choose an activity of your plan.", code="invalid")}
        )
    if not can_read_plan_text(plan_role(author, partnership), plan):
        raise ValidationError(
            {
                "activity": ValidationError(
                    "You can share an activity once the plan is shared with you.",
                    code="not_shared",
                )
            }
        )
    if activity.status != LearningActivity.Status.DONE:
        raise ValidationError(
            {"activity": ValidationError("Share an activity once it is done.", code="not_done")}
        )
    practice = SharedPractice(
        program=partnership.cohort.program,
        partnership=partnership,
        activity=activity,
        author=author,
        role="mentee" if author.pk == partnership.mentee_id else "mentor",
        cohort_name=partnership.cohort.name,
        kind=activity.kind,
        title=activity.title,
        why=why.strip(),
    )
    practice.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            practice.save()
    except IntegrityError:
        raise ValidationError(
            {"activity": ValidationError("You have shared this activity already.", code="shared")}
        ) from None
    return practice


@transaction.atomic
def practice_suggest(*, practice, cohort, offer_to_existing=False) -> int:
    """Make the practice an activity of the cohort's starter plan; returns plans offered it."""
    if practice.suggested_to.filter(pk=cohort.pk).exists():
        raise ValidationError(
            f"It is in the starter plan of {cohort.name} already.", code="suggested"
        )
    item = StarterItem(
        kind=StarterItem.Kind.ACTIVITY, text=practice.title, activity_kind=practice.kind
    )
    offered = starter_item_add(cohort=cohort, item=item, offer_to_existing=offer_to_existing)
    practice.suggested_to.add(cohort)
    return offered
