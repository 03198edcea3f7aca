"""The mentoring agreement: terms built from the plan, and signing them."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from . import signals
from .models import Agreement
from .revision import event, plan_revise

UNSET = "not agreed yet"


def agreement_terms(plan, goals=None) -> str:
    """The agreement's terms as plain text: what each signature is for."""
    partnership = plan.partnership
    cohort = partnership.cohort
    expectations, side = plan.expectations, plan.mentor_side
    goals = [g for g in (goals if goals is not None else plan.goals.all()) if g.is_top]
    lines = [
        f"Mentee: {partnership.mentee.display_name}",
        f"Mentor: {partnership.mentor.display_name}",
        f"Program: {cohort.program.name}, {cohort.name}",
        f"Duration: {date_format(partnership.started_on)} to {date_format(cohort.ends_on)}",
        "Top goals:",
        *([f"  {g.number}. {g.statement}" for g in goals] or [f"  {UNSET}"]),
        f"Meetings: {expectations.get_meeting_frequency_display() or UNSET}, "
        f"{expectations.meeting_format or UNSET}",
        f"Between meetings: {expectations.preferred_channels or UNSET}",
        "Mentee's time for the plan: "
        + (f"{expectations.weekly_hours} hours a week" if expectations.weekly_hours else UNSET),
        f"Mentor's availability: {side.availability or UNSET}",
        f"Mentor's response time: {side.response_time or UNSET}",
        f"Boundaries: {side.boundaries or UNSET}",
    ]
    return "\n".join(lines)


@dataclass
class Signature:
    role: str
    name: str
    signed_at: object
    state: str  # "signed", "outdated" (terms changed since) or "missing"

    @property
    def is_current(self):
        return self.state == "signed"


def signatures(agreement, terms) -> list[Signature]:
    result = []
    for role in ("mentee", "mentor"):
        name = getattr(agreement, f"{role}_signed_name")
        signed_terms = getattr(agreement, f"{role}_signed_terms")
        if not name:
            state = "missing"
        elif signed_terms == terms:
            state = "signed"
        else:
            state = "outdated"
        result.append(Signature(role, name, getattr(agreement, f"{role}_signed_at"), state))
    return result


def is_signed_by_both(agreement, terms) -> bool:
    return all(s.is_current for s in signatures(agreement, terms))


@transaction.atomic
def agreement_sign(*, plan, by, role, name, terms) -> Agreement:
    """Record ``by``'s signature, as ``role``, for the terms the person saw.

    ``terms`` is the text shown on the page when they signed; if the plan changed
    since, the signature would be for other terms, so it is refused.
    """
    if role not in ("mentee", "mentor"):
        raise ValidationError("Only the mentee and the mentor sign.", code="role")
    current = agreement_terms(plan)
    if terms != current:
        raise ValidationError(
            "The terms changed while you were reading them. Read them again, then sign.",
            code="changed",
        )
    agreement = Agreement.objects.select_for_update().get(plan=plan)
    setattr(agreement, f"{role}_signed_name", name)
    setattr(agreement, f"{role}_signed_at", timezone.now())
    setattr(agreement, f"{role}_signed_terms", current)
    agreement.version += 1
    agreement._history_user = by
    agreement.save()
    plan_revise(plan, by=by, events=[event(signals.agreement_signed, plan=plan, by=by, role=role)])
    return agreement
