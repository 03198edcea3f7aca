"""The `scale_data` management command, at a tiny size."""

import io
import re
from types import SimpleNamespace

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from mentorplan.accounts.tests.factories import UserFactory
from mentorplan.demo.management.commands.scale_data import (
    PARTS,
    PASSWORD,
    scale_program_delete,
)
from mentorplan.meetings.models import CheckIn, Meeting
from mentorplan.partnerships.models import Partnership
from mentorplan.plans.agreement import agreement_terms, is_signed_by_both
from mentorplan.plans.changes import plan_changes
from mentorplan.plans.models import (
    ActionPlan,
    Agreement,
    Comment,
    Expectations,
    Goal,
    LearningActivity,
    MentorSide,
    PlanVisit,
    SuccessMeasure,
)
from mentorplan.plans.selectors import load_plan, plan_data
from mentorplan.programs.models import Cohort, Invitation, Membership, Program
from mentorplan.reports.health import cohort_health

User = get_user_model()
SIZE = ["--people=40", "--partnerships=20", "--cohorts=4", "--comments=2", "--today=2026-03-02"]


def _scale(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("scale_data", *SIZE, *args, stdout=out, stderr=err)
    return SimpleNamespace(out=out.getvalue(), err=err.getvalue())


@pytest.fixture(scope="module")
def scale(django_db_setup, django_db_blocker):
    """One program built for the module's read-only tests: building it is most of their time."""
    with django_db_blocker.unblock():
        built = _scale()
        yield built
        scale_program_delete(Program.objects.get(slug="scale"))


def _people(slug="scale"):
    return User.objects.filter(email__endswith=f"@{slug}.example.org")


def _plans(slug="scale"):
    return ActionPlan.objects.filter(partnership__cohort__program__slug=slug)


def _values(queryset, *fields):
    return list(queryset.order_by("pk").values_list(*fields))


def _snapshot(slug):
    """Names, texts and dates of every kind of row, in the order they were made."""
    plans = _plans(slug)
    pairs = Partnership.objects.filter(cohort__program__slug=slug)
    history = LearningActivity.history.filter(plan__in=plans)
    return {
        "people": _values(_people(slug), "display_name", "bio", "date_joined"),
        "cohorts": _values(Cohort.objects.filter(program__slug=slug), "name", "starts_on"),
        "pairs": _values(pairs, "mentor__email", "mentee__email", "status", "started_on"),
        "goals": _values(Goal.objects.filter(plan__in=plans), "statement", "why", "target_date"),
        "activities": _values(
            LearningActivity.objects.filter(plan__in=plans),
            *("title", "kind", "status", "starts_on", "due_on", "lessons", "updated_at"),
        ),
        "comments": _values(
            Comment.objects.filter(plan__in=plans), "author__email", "body", "created_at"
        ),
        "agreements": _values(
            Agreement.objects.filter(plan__in=plans), "mentee_signed_terms", "mentor_signed_at"
        ),
        "check_ins": _values(
            CheckIn.objects.filter(meeting__partnership__in=pairs), "usefulness", "at"
        ),
        "history": list(
            history.order_by("history_id").values_list(
                "history_type", "history_date", "status", "history_user__email"
            )
        ),
    }


def _rows_of(part, plan):
    if part is ActionPlan:
        return ActionPlan.objects.filter(pk=plan.pk)
    if part is SuccessMeasure:
        return SuccessMeasure.objects.filter(goal__plan=plan)
    return part.objects.filter(plan=plan)


@pytest.mark.django_db
def test_counts_match_the_sizes(scale):

    program = Program.objects.get(slug="scale")
    assert _people().count() == 40
    assert program.coordinators.count() == 1
    assert program.cohorts.count() == 4
    assert Membership.objects.filter(cohort__program=program).count() == 39
    assert Invitation.objects.filter(membership__cohort__program=program).count() == 39
    assert Partnership.objects.filter(cohort__program=program).count() == 20
    plans = _plans()
    assert plans.count() == 20
    for model in (Expectations, MentorSide, Agreement):
        assert model.objects.filter(plan__in=plans).count() == 20
    assert Comment.objects.filter(plan__in=plans).count() == 40
    assert PlanVisit.objects.filter(plan__in=plans).count() == 40
    for plan in plans.prefetch_related("goals"):
        positions = [g.position for g in plan.goals.all()]
        assert positions == list(range(len(positions)))
        assert 3 <= len(positions) <= 5
    assert "plans 20/20" in scale.err
    assert "Database size:" in scale.out
    assert re.search(r"plans_historicallearningactivity\s+[\d,]+", scale.out)


@pytest.mark.django_db
def test_same_seed_gives_the_same_data_and_replace_keeps_other_people(scale):
    outsider = UserFactory(email="outsider@example.org")
    _scale("--seed=3", "--program-slug=twice")
    first = _snapshot("twice")

    with pytest.raises(CommandError, match="--replace"):
        _scale("--seed=3", "--program-slug=twice")
    _scale("--seed=3", "--program-slug=twice", "--replace")

    assert _snapshot("twice") == first
    assert _people("twice").count() == 40
    assert User.objects.filter(pk=outsider.pk).exists()
    # Another seed (the module's program has seed 1), other people.
    assert _snapshot("scale")["people"] != first["people"]


@pytest.mark.django_db
def test_every_plan_has_each_kind_and_status_of_activity(scale):

    for plan in _plans().prefetch_related("activities"):
        activities = list(plan.activities.all())
        assert 8 <= len(activities) <= 15
        assert {a.kind for a in activities} == set(LearningActivity.Kind.values)
        assert {a.status for a in activities} == set(LearningActivity.Status.values)
        for a in activities:
            a.clean()  # outcome only once finished, due after start
            assert bool(a.outcome and a.lessons) == a.is_finished


@pytest.mark.django_db
def test_most_agreements_are_signed_for_the_current_terms(scale):

    plans = [load_plan(pk) for pk in _plans().values_list("pk", flat=True)]
    signed = [p for p in plans if is_signed_by_both(p.agreement, agreement_terms(p))]
    assert len(signed) >= 0.7 * len(plans)
    assert len(signed) < len(plans)  # some still waiting, as in a real program


@pytest.mark.django_db
def test_printed_logins_can_sign_in(scale):
    logins = dict(re.findall(r"^  ([\w ]+?):\s+(\S+@scale\.example\.org)$", scale.out, re.M))
    assert set(logins) == {"coordinator", "mentor with 5 mentees", "mentee with a full plan"}
    for email in logins.values():
        assert authenticate(username=email, password=PASSWORD) is not None
    mentor = User.objects.get(email=logins["mentor with 5 mentees"])
    assert mentor.mentor_partnerships.filter(status="active").count() == 5
    mentee = User.objects.get(email=logins["mentee with a full plan"])
    plan = load_plan(mentee.mentee_partnerships.get().plan.pk)
    assert is_signed_by_both(plan.agreement, agreement_terms(plan))


@pytest.mark.django_db
def test_plan_data_loads_a_generated_plan(scale, django_assert_max_num_queries):

    for pk in _plans().values_list("pk", flat=True)[:5]:
        # The plan, then plan_data's eight queries (no pending suggestions):
        # no related row is missing or loaded one by one.
        with django_assert_max_num_queries(9):
            data = plan_data(load_plan(pk))
        assert data.goals
        assert data.objectives
        assert data.milestones
        assert data.barriers
        assert data.plan.expectations.is_set
        assert data.plan.mentor_side.is_written
        assert len(data.comments) == 2
        assert all(g.latest_assessment is not None for g in data.goals)


@pytest.mark.django_db
def test_history_records_each_part_and_reads_as_changes(scale):
    plan = _plans().select_related("partnership").first()

    for part in PARTS:
        for row in _rows_of(part, plan):
            records = list(part.history.filter(id=row.pk).order_by("history_date"))
            assert records[0].history_type == "+"
            assert records[0].history_user_id in (
                plan.partnership.mentee_id,
                plan.partnership.mentor_id,
            )
            # One record per save, and the row's version counts the saves.
            assert len(records) == row.version
            assert records[-1].history_date == row.updated_at
    changes = plan_changes(plan, since=plan.created_at)
    assert any("shared" in c.sentence.lower() for c in changes)
    assert len(changes) > 20


@pytest.mark.django_db
def test_meetings_held_are_rated_and_the_dashboard_sees_the_cohorts(scale):
    pairs = Partnership.objects.filter(cohort__program__slug="scale")
    check_ins = CheckIn.objects.filter(meeting__partnership__in=pairs)
    held = Meeting.objects.held().filter(partnership__in=pairs)
    assert check_ins.exists()
    # Only meetings held are rated, never one still to come or cancelled.
    assert not check_ins.exclude(meeting__in=held).exists()
    assert set(check_ins.values_list("usefulness", flat=True)) <= {1, 2, 3, 4, 5}
    for cohort in Cohort.objects.filter(program__slug="scale"):
        health = cohort_health(cohort)
        assert len(health) == pairs.filter(cohort=cohort).count()
