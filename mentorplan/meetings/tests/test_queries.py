"""The journey's pages cost the same for 1 or 50 meetings (query counts, not timings)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorplan.meetings import services
from mentorplan.plans import services as plan_services
from mentorplan.plans.tests.factories import ActivityFactory, GoalFactory, MeasureFactory

from .factories import ActionItemFactory, MeetingFactory, NotesFactory, TopicFactory, in_days

pytestmark = pytest.mark.django_db


def _journey(world, held):
    plan = plan_services.plan_for_mentee(world.partnership)
    plan_services.plan_share(plan=plan, by=world.mentee)
    goal = GoalFactory(plan=plan)
    MeasureFactory(goal=goal)
    ActivityFactory(plan=plan, goal=goal)
    for i in range(held):
        meeting = MeetingFactory(partnership=world.partnership, starts_at=in_days(-14 * (i + 1)))
        services._held_event(meeting)
        NotesFactory(meeting=meeting)
        TopicFactory(meeting=meeting)
        ActionItemFactory(meeting=meeting)
    coming = MeetingFactory(partnership=world.partnership, starts_at=in_days(3))
    TopicFactory(meeting=coming)
    ActionItemFactory(meeting=coming)
    return coming


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["mentee", "mentor", "coordinator"])
def test_pages_cost_the_same_for_one_or_fifty_meetings(
    world, client_as, django_db_reset_sequences, role
):
    # Built twice in one test (one world): the second build adds 49 meetings to the first.
    coming = _journey(world, 1)
    client = client_as(world.user(role))
    pages = {
        "partnership": world.partnership.get_absolute_url(),
        "meeting": coming.get_absolute_url(),
        "home": reverse("home"),
    }
    for url in pages.values():
        client.get(url)  # the first visit fills what is cached (the cohorts' counts)
    few = {name: _count(client, url) for name, url in pages.items()}
    for i in range(49):
        meeting = MeetingFactory(partnership=world.partnership, starts_at=in_days(-400 - 14 * i))
        services._held_event(meeting)
        NotesFactory(meeting=meeting)
        TopicFactory(meeting=meeting)
        ActionItemFactory(meeting=meeting)
    many = {name: _count(client, url) for name, url in pages.items()}
    assert many == few


# The meeting page as the mentee, query by query (views/meeting.py, meeting_context):
#  1-2. session, user                         3. the meeting with pair, cohort, series
#  4. the plan                                5. the current meeting (for carry-over)
#  6. what happened to the meeting (changes)  7. agenda topics   8. last meeting held
#  9. topics already decided (suggestion keys) 10-16. plan suggestions: activities due,
#  milestones, barriers, the reader's help requests, measures moved, self-assessments,
#  comments   17. shared notes   18. action items   19. the reader's private note
#  20. their check-in   21-22. one-click progress: activities, measures
#  23. unread notifications (navigation)
MEETING_PAGE_QUERIES = 23


def test_the_meeting_page_query_by_query(world, client_as, django_assert_num_queries):
    coming = _journey(world, 3)
    client = client_as(world.mentee)
    with django_assert_num_queries(MEETING_PAGE_QUERIES):
        client.get(coming.get_absolute_url())


def test_saving_notes_costs_a_fixed_number_of_queries(world, client_as, django_assert_num_queries):
    coming = _journey(world, 2)
    client = client_as(world.mentor)
    url = reverse("meetings:notes-save", args=[coming.pk])
    # session, user, the meeting with pair and cohort, savepoint, the notes row
    # locked (none yet), the insert, savepoint release; then the redirect.
    with django_assert_num_queries(7):
        response = client.post(url, {"text": f"Saved at {timezone.now()}", "version": "0"})
    assert response.status_code == 302
