"""The `demo` management command."""

import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from mentorplan.partnerships.models import Partnership
from mentorplan.plans import models as plans
from mentorplan.plans.agreement import agreement_terms, is_signed_by_both
from mentorplan.plans.changes import plan_changes
from mentorplan.plans.selectors import load_plan, plan_data
from mentorplan.programs.models import Cohort, Invitation, Membership, Program

User = get_user_model()
PLAN_PARTS = (
    plans.ActionPlan,
    plans.Goal,
    plans.SelfAssessment,
    plans.LearningObjective,
    plans.LearningActivity,
    plans.Milestone,
    plans.Barrier,
    plans.SuccessMeasure,
    plans.Agreement,
    plans.Comment,
    plans.StarterItem,
)


def _demo():
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def _counts():
    models = (User, Program, Cohort, Membership, Invitation, Partnership, *PLAN_PARTS)
    counts = {model.__name__: model.objects.count() for model in models}
    # A plan that exists is left alone, so a second run writes no history either.
    for model in PLAN_PARTS:
        if hasattr(model, "history"):
            counts[f"history of {model.__name__}"] = model.history.count()
    return counts


def _plan(mentee, *, status="active"):
    return plans.ActionPlan.objects.get(
        partnership__mentee__email=f"{mentee}@example.org", partnership__status=status
    )


@pytest.mark.django_db
def test_running_twice_changes_no_counts():
    _demo()
    first = _counts()

    _demo()

    assert _counts() == first


@pytest.mark.django_db
def test_builds_a_believable_program():
    _demo()

    program = Program.objects.get(slug="harbour-city")
    cohorts = list(program.cohorts.all())
    assert len(cohorts) == 2
    assert sum(c.is_finished() for c in cohorts) == 1
    assert sum(c.is_running() for c in cohorts) == 1
    memberships = Membership.objects.filter(cohort__program=program)
    mentors = memberships.filter(role=Membership.Role.MENTOR).values("user").distinct().count()
    mentees = memberships.filter(role=Membership.Role.MENTEE).values("user").distinct().count()
    assert mentors >= 6
    assert mentees >= 10
    statuses = set(
        Partnership.objects.filter(cohort__program=program).values_list("status", flat=True)
    )
    assert statuses >= {"active", "completed", "ended_early"}
    assert Program.objects.count() == 2


@pytest.mark.django_db
def test_demo_data_keeps_the_pairing_rules():
    """The command writes rows directly, so check it obeys what partnership_start enforces."""
    _demo()

    for p in Partnership.objects.all():
        assert Membership.objects.filter(cohort=p.cohort, user=p.mentor, role="mentor").exists()
        assert Membership.objects.filter(cohort=p.cohort, user=p.mentee, role="mentee").exists()
    for m in Membership.objects.filter(role="mentor"):
        active = Partnership.objects.active().filter(cohort=m.cohort, mentor=m.user).count()
        assert active <= m.capacity, m


@pytest.mark.django_db
def test_printed_logins_can_sign_in(client):
    output = _demo()

    password = re.search(r"password for all: (\S+?)\)", output).group(1)
    emails = re.findall(r"^\s+\S+\s+(\S+@\S+)\s", output, flags=re.MULTILINE)
    assert len(emails) >= 4
    for email in emails:
        response = client.post(reverse("account_login"), {"login": email, "password": password})
        assert response.status_code == 302, email
        assert response["Location"] == reverse("home")
        assert client.get(reverse("home")).context["has_any_role"], email
        client.logout()


@pytest.mark.django_db
def test_plans_at_every_stage():
    _demo()

    # A draft: started, not shared.
    draft = _plan("mei.tanaka")
    assert not draft.is_shared
    assert draft.goals.count() == 2

    # Shared: the mentor has commented but not written their side or signed.
    shared = _plan("oliver.grant")
    assert shared.is_shared
    assert not shared.mentor_side.is_written
    assert not is_signed_by_both(shared.agreement, agreement_terms(shared))
    assert shared.comments.filter(author=shared.partnership.mentor).exists()
    # The demo mentor has a mentee whose plan waits for her side.
    assert shared.partnership.mentor.email == "amara.nwosu@example.org"

    # Signed by both, on the terms as they are now.
    signed = _plan("rafael.silva")
    assert signed.mentor_side.is_written
    assert is_signed_by_both(signed.agreement, agreement_terms(signed))

    # Well under way: the demo's main mentee, with every part filled in.
    aisha = _plan("aisha.khan")
    assert aisha.partnership.mentor.email == "priya.raman@example.org"
    data = plan_data(load_plan(aisha.pk))
    assert data.checklist_complete, [i.key for i in data.checklist if not i.done]
    activities = data.activities
    assert {a.status for a in activities} == set(plans.LearningActivity.Status.values)
    assert {a.kind for a in activities} == set(plans.LearningActivity.Kind.values)
    assert {a.outcome for a in activities if a.is_finished} == {"yes", "partly", "no"}
    assert any(len(g.assessments.all()) >= 3 for g in data.goals)
    assert data.achieved_measures
    assert {c.author for c in data.comments} == {aisha.partnership.mentee, aisha.partnership.mentor}
    assert len(data.objectives) >= 4
    assert len({o.category for o in data.objectives}) >= 3

    # Finished: every activity closed with an outcome, the agreement signed.
    finished = plans.ActionPlan.objects.filter(partnership__status="completed")
    assert finished.count() == Partnership.objects.filter(status="completed").count()
    for plan in finished:
        assert plan.activities.exists(), plan
        for activity in plan.activities.all():
            assert activity.is_finished, activity
            assert activity.outcome, activity
        assert is_signed_by_both(plan.agreement, agreement_terms(plan)), plan


@pytest.mark.django_db
def test_plans_keep_the_rules_and_a_believable_history():
    _demo()

    for model in (
        plans.Goal,
        plans.LearningObjective,
        plans.LearningActivity,
        plans.Milestone,
        plans.Barrier,
        plans.SuccessMeasure,
    ):
        for part in model.objects.all():
            part.full_clean()
    now = timezone.now()
    for plan in plans.ActionPlan.objects.select_related("partnership__cohort"):
        cohort = plan.partnership.cohort
        changes = plan_changes(plan, plan.created_at)
        assert changes, plan
        for change in changes:
            assert cohort.starts_on <= change.day <= cohort.ends_on, change
            assert change.when <= now, change
            assert change.who in (plan.partnership.mentee, plan.partnership.mentor), change
    # "What changed" for the main mentee has content spread over the past weeks.
    aisha = _plan("aisha.khan")
    recent = plan_changes(aisha, now - timedelta(days=30))
    assert len({c.day for c in recent}) >= 4


@pytest.mark.django_db
def test_running_cohort_has_a_starter_plan():
    _demo()

    cohort = next(c for c in Cohort.objects.filter(program__slug="harbour-city") if c.is_running())
    items = plans.StarterItem.objects.filter(cohort=cohort)
    assert {i.kind for i in items} == set(plans.StarterItem.Kind.values)
    assert {i.activity_kind for i in items if i.activity_kind} == set(
        plans.LearningActivity.Kind.values
    )
