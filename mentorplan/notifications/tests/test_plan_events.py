"""What the other side did to the plan, told as it happens, to whom the plan's rules allow."""

import pytest
from django.core import mail
from django.utils import timezone

from mentorplan.notifications.delivery import send_due
from mentorplan.notifications.models import Notification
from mentorplan.notifications.services import gather_window
from mentorplan.plans import services
from mentorplan.plans.agreement import agreement_sign, agreement_terms
from mentorplan.plans.models import MentorSide, StarterItem, SuccessMeasure
from mentorplan.plans.tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


def told(person, kind=None):
    found = Notification.objects.filter(recipient=person).order_by("created_at", "pk")
    return [n.title for n in (found.filter(kind=kind) if kind else found)]


@pytest.fixture
def plan(world):
    plan = services.plan_for_mentee(world.partnership)
    services.goal_create(plan=plan, by=world.mentee, statement="Lead a team meeting", score=2)
    return plan


def test_the_mentor_hears_of_the_share_and_of_changes_after_it_never_of_a_draft(world, plan):
    goal = plan.goals.get()
    services.part_update(
        plan=plan, kind="goal", part=goal, by=world.mentee, expected_version=None, score=3
    )
    assert told(world.mentor) == []

    services.plan_share(plan=plan, by=world.mentee)
    assert told(world.mentor) == ["Mo Mentee shared their action plan with you"]

    goal.refresh_from_db()
    services.part_update(
        plan=plan, kind="goal", part=goal, by=world.mentee, expected_version=None, score=4
    )
    # The same line of the day, brought back up: not one per change.
    (line,) = Notification.objects.filter(recipient=world.mentor, kind="plan_shared")
    assert line.title == "Mo Mentee changed their action plan"
    assert line.url == f"/partnerships/{world.partnership.pk}/plan/changes/"
    assert line.read_at is None
    assert told(world.mentee) == []


def test_a_comment_reaches_the_partner_and_several_make_one_email(world, plan):
    services.plan_share(plan=plan, by=world.mentee)
    Notification.objects.all().delete()
    services.comment_add(plan=plan, author=world.mentor, body="Which team?")
    services.comment_add(plan=plan, author=world.mentor, body="And when?")
    services.comment_add(plan=plan, author=world.mentee, body="The finance team, in May.")

    assert told(world.mentee) == ["Mina Mentor commented on your plan"] * 2
    assert told(world.mentor) == ["Mo Mentee commented on the action plan"]
    send_due(timezone.now() + gather_window())
    to_mentee = [m for m in mail.outbox if m.to == ["mentee@example.org"]]
    (email,) = to_mentee
    assert email.subject == "2 updates on Mentorplan"
    assert "Which team?" in email.body
    assert "And when?" in email.body


def test_signing_tells_the_other_and_changed_terms_ask_the_signers_again(world, plan):
    services.plan_share(plan=plan, by=world.mentee)
    for person, role in ((world.mentee, "mentee"), (world.mentor, "mentor")):
        agreement_sign(
            plan=plan,
            by=person,
            role=role,
            name=person.display_name,
            terms=agreement_terms(plan),
        )
    mentor_heard = Notification.objects.get(recipient=world.mentor, kind="agreement")
    assert mentor_heard.title == "Mo Mentee signed the mentoring agreement"
    assert mentor_heard.body == "Your signature is the one missing."
    mentee_heard = Notification.objects.get(recipient=world.mentee, kind="agreement")
    assert mentee_heard.title == "Mina Mentor signed the mentoring agreement"
    assert mentee_heard.body == "You have both signed it."

    # The mentee adds a top goal: the terms both signed are not the terms now.
    services.goal_create(plan=plan, by=world.mentee, statement="Present to the board", score=1)
    assert told(world.mentor, "agreement")[-1] == (
        "The mentoring agreement's terms changed since you signed it"
    )
    # The mentee made the change: they know.
    assert told(world.mentee, "agreement") == ["Mina Mentor signed the mentoring agreement"]


def test_the_mentee_hears_of_the_mentors_understanding_and_proposed_measure(world, plan):
    services.plan_share(plan=plan, by=world.mentee)
    side = MentorSide.objects.get(plan=plan)
    services.part_update(
        plan=plan,
        kind="mentor-side",
        part=side,
        by=world.mentor,
        expected_version=None,
        understanding="You want to chair meetings with confidence.",
    )
    measure = SuccessMeasure(
        goal=plan.goals.get(),
        description="Chaired three team meetings",
        target="3",
        proposed_by=SuccessMeasure.ProposedBy.MENTOR,
        agreed=False,
    )
    services.part_create(plan=plan, kind="measure", part=measure, by=world.mentor)

    assert told(world.mentee, "mentor_side") == [
        "Mina Mentor wrote their understanding of your goals",
        "Mina Mentor proposed a success measure: Chaired three team meetings",
    ]
    assert told(world.mentor, "mentor_side") == []


def test_the_mentee_hears_once_of_a_proposal_to_remove_a_measure(world, plan):
    services.plan_share(plan=plan, by=world.mentee)
    measure = SuccessMeasure(goal=plan.goals.get(), description="Chaired three team meetings")
    services.part_create(plan=plan, kind="measure", part=measure, by=world.mentee)

    services.part_delete(plan=plan, kind="measure", part=measure, by=world.mentor)
    # Progress noted while the proposal waits, and its withdrawal: nothing new to answer.
    measure.refresh_from_db()
    services.measure_progress_set(
        measure=measure, by=world.mentor, expected_version=None, progress="One chaired"
    )
    # As if on a later day, so the one-line-a-day rule alone would not keep it quiet.
    Notification.objects.filter(recipient=world.mentee).update(occasion="2000-01-01")
    services.measure_progress_set(
        measure=measure, by=world.mentor, expected_version=None, progress="Two chaired"
    )
    services.measure_removal_decide(
        plan=plan, measure=measure, by=world.mentor, expected_version=None, remove=False
    )

    (line,) = Notification.objects.filter(recipient=world.mentee, kind="mentor_side")
    assert line.title == (
        "Mina Mentor proposes to remove a success measure: Chaired three team meetings"
    )
    assert line.url == f"/partnerships/{world.partnership.pk}/plan/#measure-{measure.pk}"
    assert told(world.mentor, "mentor_side") == []


def test_an_answer_to_a_request_for_help_reaches_only_who_asked(world, plan):
    request = services.help_request_raise(plan=plan, user=world.mentee, message="We never meet.")
    services.help_request_answer(
        help_request=request, user=world.coordinator, answer="I will talk to Mina."
    )
    assert told(world.mentee, "help_answered") == [
        "Cora Coordinator answered your request for help"
    ]
    assert Notification.objects.filter(recipient=world.mentor).count() == 0


def test_suggestions_offered_to_started_plans_reach_their_mentees(world, plan):
    other = services.plan_for_mentee(world.other_partnership)
    GoalFactory(plan=other)
    item = StarterItem(kind=StarterItem.Kind.GOAL, text="Find a sponsor for your project")
    services.starter_item_add(cohort=world.cohort, item=item, offer_to_existing=True)

    for mentee in (world.mentee, world.other_mentee):
        (line,) = Notification.objects.filter(recipient=mentee, kind="suggestions")
        assert line.title == "Your coordinator suggested something for your plan"
        assert line.body == "Find a sponsor for your project"
    assert Notification.objects.filter(recipient=world.mentor).count() == 0
