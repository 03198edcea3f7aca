"""The agenda: suggestions from the plan, the pair's topics, carry-over and roll-forward."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorplan.meetings import services
from mentorplan.meetings.models import Topic
from mentorplan.meetings.selectors import agenda_action_items, agenda_topics, current_meeting
from mentorplan.plans import services as plan_services
from mentorplan.plans.tests.factories import (
    ActivityFactory,
    BarrierFactory,
    CommentFactory,
    GoalFactory,
)

from .factories import ActionItemFactory, MeetingFactory, TopicFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    plan = plan_services.plan_for_mentee(world.partnership)
    plan_services.plan_share(plan=plan, by=world.mentee)
    return plan


def _suggestions(client, meeting):
    return client.get(meeting.get_absolute_url()).context["suggestions"]


def test_suggestions_come_from_the_plan_as_it_stands(world, client_as, plan):
    today = timezone.localdate()
    late = ActivityFactory(
        plan=plan,
        title="Write the memo",
        starts_on=today - datetime.timedelta(days=20),
        due_on=today - datetime.timedelta(days=2),
    )
    ActivityFactory(
        plan=plan, title="Far away", starts_on=today, due_on=today + datetime.timedelta(days=90)
    )
    BarrierFactory(plan=plan, description="Night shifts")
    CommentFactory(plan=plan, author=world.mentor, body="Shall we look at the budget?")
    plan_services.help_request_raise(plan=plan, user=world.mentor, message="Mo is quiet")
    meeting = MeetingFactory(partnership=world.partnership, starts_at=in_days(3))

    mentee = {s.kind: s for s in _suggestions(client_as(world.mentee), meeting)}
    mentor = {s.kind for s in _suggestions(client_as(world.mentor), meeting)}

    assert "“Write the memo”, overdue since" in mentee["Activity"].title
    assert mentee["Activity"].link.endswith(f"#activity-{late.pk}")
    assert "Night shifts" in mentee["Barrier"].title
    assert "Shall we look at the budget?" in mentee["Comment"].title
    # A help request is its raiser's: offered to the mentor who asked, not the mentee.
    assert "Help request" not in mentee
    assert "Help request" in mentor
    # The mentor's own comment is not one they have to answer.
    assert "Comment" not in mentor


def test_a_draft_plan_suggests_nothing_to_the_mentor(world, client_as):
    plan = plan_services.plan_for_mentee(world.partnership)
    ActivityFactory(
        plan=plan,
        title="Secret draft activity",
        due_on=timezone.localdate(),
        starts_on=timezone.localdate(),
    )
    meeting = MeetingFactory(partnership=world.partnership)

    response = client_as(world.mentor).get(meeting.get_absolute_url())

    assert response.context["suggestions"] == []
    assert "Secret draft activity" not in response.content.decode()


def test_accepted_and_removed_suggestions_are_not_offered_again(world, client_as, plan):
    barrier = BarrierFactory(plan=plan, description="Night shifts")
    second = BarrierFactory(plan=plan, description="No budget")
    meeting = MeetingFactory(partnership=world.partnership)
    client = client_as(world.mentee)
    url = reverse("meetings:suggestion-decide", args=[meeting.pk])

    client.post(url, {"key": f"barrier-{barrier.pk}", "decision": "accept"})
    client.post(url, {"key": f"barrier-{second.pk}", "decision": "remove"})

    topics = {t.source: t.status for t in Topic.objects.all()}
    assert topics == {f"barrier-{barrier.pk}": "open", f"barrier-{second.pk}": "dropped"}
    assert not [s for s in _suggestions(client, meeting) if s.kind == "Barrier"]


def test_an_open_topic_carries_over_until_covered_and_items_roll_forward(world):
    held = MeetingFactory(partnership=world.partnership, starts_at=in_days(-14))
    nxt = MeetingFactory(partnership=world.partnership, starts_at=in_days(2))
    open_topic = TopicFactory(meeting=held, title="Budget")
    TopicFactory(meeting=held, title="Done already", status=Topic.Status.COVERED, resolved_in=held)
    open_item = ActionItemFactory(meeting=held, title="Call the pilot")
    ActionItemFactory(meeting=held, title="Finished", done_at=timezone.now())
    current = current_meeting(world.partnership)
    assert current == nxt

    topics = agenda_topics(nxt, current=current)
    assert [(t.title, t.carried) for t in topics] == [("Budget", True)]
    items = agenda_action_items(nxt, current=current)
    assert [(i.title, i.rolled) for i in items] == [("Call the pilot", True)]

    services.topic_set_status(topic=open_topic, meeting=nxt, status=Topic.Status.COVERED)
    services.action_item_set_done(item=open_item, done=True)
    # Covered at the next meeting: listed there as covered, no longer carried anywhere.
    assert [(t.title, t.status) for t in agenda_topics(nxt, current=current)] == [
        ("Budget", "covered")
    ]
    later = MeetingFactory(partnership=world.partnership, starts_at=in_days(20))
    assert agenda_topics(later, current=current) == []
    assert agenda_action_items(later, current=current) == []
    # The held meeting still lists what it had.
    assert {t.title for t in agenda_topics(held, current=current)} == {"Budget", "Done already"}


def test_topics_reorder_within_the_agenda(world, client_as):
    meeting = MeetingFactory(partnership=world.partnership)
    first = TopicFactory(meeting=meeting, title="First")
    second = TopicFactory(meeting=meeting, title="Second")
    client = client_as(world.mentor)

    client.post(reverse("meetings:topic-update", args=[meeting.pk, second.pk]), {"action": "up"})

    titles = [t.title for t in agenda_topics(meeting, current=meeting)]
    assert titles == ["Second", "First"]
    assert first.pk


def test_adding_a_topic_with_htmx_answers_the_agenda_part(world, client_as):
    meeting = MeetingFactory(partnership=world.partnership)
    response = client_as(world.mentee).post(
        reverse("meetings:topic-add", args=[meeting.pk]),
        {"title": "Practise the pitch"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="agenda"')
    assert "Practise the pitch" in html


def test_an_empty_topic_is_refused_next_to_its_field(world, client_as):
    meeting = MeetingFactory(partnership=world.partnership)
    response = client_as(world.mentee).post(
        reverse("meetings:topic-add", args=[meeting.pk]), {"title": " "}
    )
    assert response.status_code == 400
    assert response.context["topic_form"].errors["title"]


def test_an_action_item_becomes_an_activity_linked_both_ways(world, client_as, plan):
    GoalFactory(plan=plan)
    meeting = MeetingFactory(partnership=world.partnership, starts_at=in_days(-1))
    item = ActionItemFactory(meeting=meeting, title="Shadow the harbour master")
    url = reverse("meetings:action-item-activity", args=[meeting.pk, item.pk])

    response = client_as(world.mentor).post(
        url,
        {
            "kind": "others",
            "effort_amount": "3",
            "effort_unit": "hours",
            "starts_on": timezone.localdate().isoformat(),
        },
    )

    assert response.status_code == 302
    item.refresh_from_db()
    activity = item.activity
    assert (activity.title, activity.kind, activity.due_on) == (
        "Shadow the harbour master",
        "others",
        item.due_on,
    )
    assert activity.action_item == item
    # Finishing the activity in the plan marks the item done.
    plan_services.activity_status_set(
        activity=activity,
        status="done",
        outcome="yes",
        by=world.mentee,
        expected_version=activity.version,
    )
    item.refresh_from_db()
    assert item.is_done
