"""Pages that bring the apps together: the home page that fits each person's roles."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from mentorplan.meetings.selectors import (
    cadence_for,
    progress_for_plans,
    unseen_celebrations,
    with_journey_facts,
)
from mentorplan.meetings.services import celebrations_seen
from mentorplan.partnerships.models import Partnership
from mentorplan.partnerships.selectors import home_for
from mentorplan.plans.models import ActionPlan
from mentorplan.plans.selectors import help_requests_for_coordinator

FACTS = ("next_meeting_pk", "next_meeting_at", "last_held_at", "agreed_frequency")


def _journey(user, as_mentee, as_mentor):
    """Next meetings, the cadence, celebrations and one-click progress for the pair's home."""
    partnerships = [p for p in [*as_mentee, *as_mentor] if p.is_active]
    if not partnerships:
        return {}
    facts = with_journey_facts(Partnership.objects.filter(pk__in=[p.pk for p in partnerships]))
    facts = {row["pk"]: row for row in facts.values("pk", *FACTS)}
    for p in partnerships:
        for name in FACTS:
            setattr(p, name, facts[p.pk][name])
        p.cadence = cadence_for(p)
    celebrations = unseen_celebrations(
        partnerships, lambda pk: "mentee" if any(p.pk == pk for p in as_mentee) else "mentor"
    )
    for role in ("mentee", "mentor"):
        mine = {p.pk for p in (as_mentee if role == "mentee" else as_mentor)}
        celebrations_seen(events=[e for e in celebrations if e.partnership_id in mine], role=role)
    plans = list(ActionPlan.objects.filter(partnership__in=[p for p in as_mentee if p.is_active]))
    progress = progress_for_plans(plans)
    for plan in plans:
        next(p for p in as_mentee if p.pk == plan.partnership_id).progress = progress[plan.pk]
    return {"celebrations": celebrations}


@login_required
def home(request):
    context = home_for(request.user)
    context.update(_journey(request.user, context["as_mentee"], context["as_mentor"]))
    if context["coordinated_cohorts"]:
        # Added here, not in home_for: partnerships sits below plans and may not import it.
        context["help_requests"] = help_requests_for_coordinator(request.user)
        # The home page lists every waiting request, so counting them costs no query.
        context["help_waiting"] = sum(1 for r in context["help_requests"] if r.is_waiting)
    return render(request, "home.html", context)
