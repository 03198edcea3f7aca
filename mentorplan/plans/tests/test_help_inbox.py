"""The coordinators' inbox of requests for help (plans.views.help): list, answer, mark handled.

The rules under test: a request waits while it is neither answered nor handled;
only the coordinators of its cohort mark it handled or reopen it, and an answer
is never lost to a "handled" sent at the same time. The inbox lists the requests
of the cohorts the user runs and no other: participants of a cohort get 403,
anyone else 404.
"""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mentorplan.accounts.tests.factories import UserFactory
from mentorplan.notifications.models import Notification
from mentorplan.partnerships.tests.factories import PartnershipFactory
from mentorplan.plans import services
from mentorplan.plans.models import HelpRequest
from mentorplan.programs.models import Membership
from mentorplan.programs.tests.factories import CohortFactory, MembershipFactory
from mentorplan.tests.roles import ROLES

from .factories import BarrierFactory

INBOX = reverse("plans:help-inbox")
NOW = timezone.now()


def _raise(partnership, user=None, message="We cannot find a time to meet.", *, days_ago=0):
    """A request about the partnership's plan, raised ``days_ago`` days ago (the mentee's)."""
    plan = services.plan_for_mentee(partnership)
    request = services.help_request_raise(
        plan=plan, user=user or partnership.mentee, message=message
    )
    if days_ago:
        raised_at = timezone.now() - datetime.timedelta(days=days_ago)
        HelpRequest.objects.filter(pk=request.pk).update(raised_at=raised_at)
        request.raised_at = raised_at
    return request


def _answer(request, by, answer="Book room 4."):
    return services.help_request_answer(help_request=request, user=by, answer=answer)


def _handle(request, by):
    return services.help_request_handle(help_request=request, user=by)


def _url(name, request):
    return reverse(f"plans:{name}", args=[request.pk])


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def _shown(response):
    return list(response.context["inbox"].page.object_list)


# How long a request waited, in words ----------------------------------------------------


def _at(**delta):
    return NOW - datetime.timedelta(**delta)


@pytest.mark.parametrize(
    ("request_times", "words"),
    [
        ({"raised_at": _at(days=5, hours=7)}, "waiting 5 days"),
        ({"raised_at": _at(days=1)}, "waiting 1 day"),
        ({"raised_at": _at(hours=23, minutes=59)}, "waiting 23 hours"),
        ({"raised_at": _at(hours=3)}, "waiting 3 hours"),
        ({"raised_at": _at(hours=1)}, "waiting 1 hour"),
        ({"raised_at": _at(minutes=59, seconds=59)}, "waiting 59 minutes"),
        ({"raised_at": _at(minutes=1)}, "waiting 1 minute"),
        ({"raised_at": _at(seconds=59)}, "waiting less than a minute"),
        # Raised by a clock a little ahead of this one: not "-1 minutes".
        ({"raised_at": NOW + datetime.timedelta(seconds=30)}, "waiting less than a minute"),
        ({"raised_at": _at(days=9), "answered_at": _at(days=7)}, "answered after 2 days"),
        ({"raised_at": _at(days=9), "handled_at": _at(days=9, hours=-3)}, "handled after 3 hours"),
    ],
)
def test_waited(request_times, words):
    # Answered or handled, the wait ends there, whatever ``now`` is.
    assert HelpRequest(**request_times).waited(now=NOW) == words


def test_waited_runs_to_now_by_default():
    assert HelpRequest(raised_at=timezone.now() - datetime.timedelta(days=2)).waited() == (
        "waiting 2 days"
    )


# Marking handled and reopening, without HTTP ------------------------------------------


@pytest.mark.django_db
def test_handle_a_waiting_request(world):
    request = _raise(world.partnership)
    notified = Notification.objects.filter(recipient=world.mentee).count()
    emails = len(mail.outbox)

    assert _handle(request, world.coordinator) is True

    request.refresh_from_db()
    assert request.state == HelpRequest.State.HANDLED
    assert request.handled_by == world.coordinator
    assert request.handled_at is not None
    assert (request.answer, request.answered_at) == ("", None)
    # Nothing to tell the person who asked: no answer was written.
    assert Notification.objects.filter(recipient=world.mentee).count() == notified
    assert len(mail.outbox) == emails


@pytest.mark.django_db
def test_handling_a_request_answered_meanwhile_changes_nothing(world):
    stale = _raise(world.partnership)
    # Another coordinator answers it after this one's page was drawn.
    _answer(HelpRequest.objects.get(pk=stale.pk), world.coordinator, "Call me on Monday.")

    assert _handle(stale, UserFactory()) is False

    # Read back, so the view can say who answered.
    assert stale.answer == "Call me on Monday."
    assert stale.answered_by == world.coordinator
    stored = HelpRequest.objects.get(pk=stale.pk)
    assert stored.state == HelpRequest.State.ANSWERED
    assert (stored.answer, stored.handled_at, stored.handled_by) == (
        "Call me on Monday.",
        None,
        None,
    )


@pytest.mark.django_db
def test_handling_twice_keeps_the_first(world):
    request = _raise(world.partnership)
    _handle(HelpRequest.objects.get(pk=request.pk), world.coordinator)
    first = HelpRequest.objects.get(pk=request.pk).handled_at

    assert _handle(request, UserFactory()) is False

    stored = HelpRequest.objects.get(pk=request.pk)
    assert (stored.handled_by, stored.handled_at) == (world.coordinator, first)


@pytest.mark.django_db
def test_answering_a_handled_request_replaces_handled(world):
    request = _raise(world.partnership)
    _handle(request, world.coordinator)
    # A stale copy, drawn before it was handled: the answer clears "handled" all the same.
    stale = HelpRequest.objects.get(pk=request.pk)
    stale.handled_at = stale.handled_by = None

    _answer(stale, world.coordinator)

    stored = HelpRequest.objects.get(pk=request.pk)
    assert stored.state == HelpRequest.State.ANSWERED
    assert (stored.handled_at, stored.handled_by) == (None, None)


@pytest.mark.django_db
def test_reopen(world):
    request = _raise(world.partnership)
    _handle(request, world.coordinator)

    assert services.help_request_reopen(help_request=request, user=world.coordinator) is True
    assert HelpRequest.objects.get(pk=request.pk).state == HelpRequest.State.WAITING
    # Not handled (any more): nothing to reopen.
    assert services.help_request_reopen(help_request=request, user=world.coordinator) is False


@pytest.mark.django_db
def test_reopening_an_answered_request_changes_nothing(world):
    request = _raise(world.partnership)
    _answer(request, world.coordinator)

    assert services.help_request_reopen(help_request=request, user=world.coordinator) is False
    assert HelpRequest.objects.get(pk=request.pk).answer == "Book room 4."


@pytest.mark.django_db
def test_a_request_is_never_answered_and_handled(world):
    request = _raise(world.partnership)
    with pytest.raises(IntegrityError), transaction.atomic():
        HelpRequest.objects.filter(pk=request.pk).update(
            answered_at=timezone.now(), handled_at=timezone.now()
        )


# Mark handled and reopen, over HTTP ----------------------------------------------------

# The cohort's coordinators; the person who asked knows the request (403); the other
# partner and everyone else learn nothing (404).
DEAL = {
    "anonymous": 302,
    "outsider": 404,
    "mentee": 403,
    "mentor": 404,
    "other_mentor": 404,
    "other_coordinator": 404,
    "coordinator": 302,
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_mark_handled_by_role(world, client_as, role):
    request = _raise(world.partnership)

    response = client_as(world.user(role)).post(_url("help-request-handle", request))

    assert response.status_code == DEAL[role]
    stored = HelpRequest.objects.get(pk=request.pk)
    if role == "coordinator":
        assert response["Location"] == INBOX
        assert stored.handled_by == world.coordinator
        assert "Marked handled. Mo Mentee is not notified" in _messages(response)[0]
    else:
        assert stored.state == HelpRequest.State.WAITING
    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_reopen_by_role(world, client_as, role):
    request = _raise(world.partnership)
    _handle(request, world.coordinator)

    response = client_as(world.user(role)).post(_url("help-request-reopen", request))

    assert response.status_code == DEAL[role]
    stored = HelpRequest.objects.get(pk=request.pk)
    if role == "coordinator":
        assert response["Location"] == request.get_absolute_url()
        assert stored.state == HelpRequest.State.WAITING
        assert _messages(response) == ["Reopened: the request is waiting again."]
    else:
        assert stored.state == HelpRequest.State.HANDLED


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["help-request-handle", "help-request-reopen"])
def test_writes_are_post_only(world, client_as, name):
    request = _raise(world.partnership)

    assert client_as(world.coordinator).get(_url(name, request)).status_code == 405


@pytest.mark.django_db
def test_mark_handled_needs_the_csrf_token(world):
    request = _raise(world.partnership)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.coordinator)

    assert client.post(_url("help-request-handle", request)).status_code == 403
    assert HelpRequest.objects.get(pk=request.pk).state == HelpRequest.State.WAITING


@pytest.mark.django_db
def test_a_cohort_coordinator_marks_handled(world, client_as):
    """Not only the program's coordinators: a coordinator of the cohort alone too."""
    person = UserFactory()
    MembershipFactory(user=person, cohort=world.cohort, role=Membership.Role.COORDINATOR)
    request = _raise(world.partnership)

    response = client_as(person).post(_url("help-request-handle", request))

    assert response.status_code == 302
    assert HelpRequest.objects.get(pk=request.pk).handled_by == person


@pytest.mark.django_db
def test_marking_handled_what_was_answered_meanwhile_says_so(world, client_as):
    request = _raise(world.partnership)
    client = client_as(world.coordinator)
    assert "Mark handled" in client.get(request.get_absolute_url()).content.decode()
    colleague = UserFactory(display_name="Cal Colleague")
    world.program.coordinators.add(colleague)
    _answer(HelpRequest.objects.get(pk=request.pk), colleague, "Call me on Monday.")

    response = client.post(_url("help-request-handle", request), follow=True)

    assert response.redirect_chain == [(request.get_absolute_url(), 302)]
    html = response.content.decode()
    assert "Nothing changed: Cal Colleague answered this request meanwhile." in html
    assert "Call me on Monday." in html
    stored = HelpRequest.objects.get(pk=request.pk)
    assert (stored.answer, stored.handled_at) == ("Call me on Monday.", None)


@pytest.mark.django_db
def test_reopening_what_was_answered_meanwhile_says_so(world, client_as):
    request = _raise(world.partnership)
    _handle(request, world.coordinator)
    _answer(HelpRequest.objects.get(pk=request.pk), world.coordinator)

    response = client_as(world.coordinator).post(_url("help-request-reopen", request))

    assert _messages(response) == ["Nothing changed: You answered this request meanwhile."]
    assert HelpRequest.objects.get(pk=request.pk).state == HelpRequest.State.ANSWERED


@pytest.mark.django_db
def test_detail_page_offers_what_fits_the_state(world, client_as):
    request = _raise(world.partnership, days_ago=3)
    client = client_as(world.coordinator)
    handle, reopen = _url("help-request-handle", request), _url("help-request-reopen", request)

    html = client.get(request.get_absolute_url()).content.decode()
    assert handle in html
    assert reopen not in html
    assert "Not answered yet: waiting 3 days." in html

    _handle(request, world.coordinator)
    html = client.get(request.get_absolute_url()).content.decode()
    assert reopen in html
    assert handle not in html
    assert "Cora Coordinator dealt with it without a written answer" in html

    _answer(request, world.coordinator)
    html = client.get(request.get_absolute_url()).content.decode()
    assert handle not in html
    assert reopen not in html


@pytest.mark.django_db
def test_the_raiser_reads_that_a_coordinator_dealt_with_it(world, client_as):
    request = _raise(world.partnership)
    client = client_as(world.mentee)
    plan_url = reverse("plans:plan-detail", args=[world.partnership.pk])
    assert "A coordinator has dealt with this" not in client.get(plan_url).content.decode()

    _handle(request, world.coordinator)

    html = client.get(request.get_absolute_url()).content.decode()
    assert "A coordinator has dealt with this" in html
    assert "Not answered yet" not in html
    # No button of the coordinators' for the person who asked.
    assert _url("help-request-reopen", request) not in html
    # The plan page's cached section follows: handling raised the plan's revision.
    html = client.get(plan_url).content.decode()
    assert "Dealt with" in html
    assert "A coordinator has dealt with this" in html


# The inbox: who may open it ------------------------------------------------------------

# Participants of a cohort know the page exists (403); anyone else learns nothing.
OPEN_INBOX = {
    "anonymous": 302,
    "outsider": 404,
    "mentee": 403,
    "mentor": 403,
    "other_mentor": 403,
    "other_coordinator": 200,
    "coordinator": 200,
}


@pytest.fixture
def requests_of_both_programs(world):
    north = PartnershipFactory(cohort=world.other_cohort)
    return {
        "ours": _raise(world.partnership, message="Our meetings keep getting cancelled"),
        "theirs": _raise(world.other_partnership, message="The orchard visits have stopped"),
        "north": _raise(north, message="The map room key went missing"),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_inbox_by_role(world, client_as, requests_of_both_programs, role):
    response = client_as(world.user(role)).get(INBOX + "?state=all")

    assert response.status_code == OPEN_INBOX[role]
    html = response.content.decode()
    shown = {name for name, r in requests_of_both_programs.items() if r.message in html}
    expected = {
        "coordinator": {"ours", "theirs"},
        "other_coordinator": {"north"},
    }.get(role, set())
    assert shown == expected
    if role == "anonymous":
        assert response["Location"] == f"{reverse('account_login')}?next={INBOX}%3Fstate%3Dall"


@pytest.mark.django_db
def test_a_participant_of_another_program_only_gets_403(world, client_as):
    person = UserFactory()
    MembershipFactory(user=person, cohort=world.other_cohort, role=Membership.Role.MENTOR)

    assert client_as(person).get(INBOX).status_code == 403


@pytest.mark.django_db
def test_a_cohort_coordinator_sees_their_cohort_only(world, client_as):
    sibling = CohortFactory(program=world.program, name="2025 Partnerships")
    person = UserFactory()
    MembershipFactory(user=person, cohort=world.cohort, role=Membership.Role.COORDINATOR)
    ours = _raise(world.partnership)
    _raise(PartnershipFactory(cohort=sibling))

    response = client_as(person).get(INBOX)

    assert _shown(response) == [ours]
    # Their cohort only, in the select too.
    assert "2025 Partnerships" not in response.content.decode()


@pytest.mark.django_db
def test_another_programs_cohort_is_not_a_filter(world, client_as, requests_of_both_programs):
    response = client_as(world.coordinator).get(
        INBOX, {"state": "all", "cohort": world.other_cohort.pk}
    )

    assert response.status_code == 200
    html = response.content.decode()
    # The choice is refused beside the select, and the page shows every cohort of theirs.
    assert 'id="id_cohort_error"' in html
    assert response.context["inbox"].cohort is None
    assert set(_shown(response)) == {
        requests_of_both_programs["ours"],
        requests_of_both_programs["theirs"],
    }
    assert "The map room key went missing" not in html
    assert "2026 Fellows" not in html


# The inbox: filters, order, pages ------------------------------------------------------


@pytest.fixture
def inbox(world):
    """Requests of two cohorts of Harbour in every state, with how long ago each was raised."""
    sibling = CohortFactory(program=world.program, name="2025 Partnerships")
    sibling_pair = PartnershipFactory(cohort=sibling)
    requests = {
        "old": _raise(world.partnership, message="Waiting longest", days_ago=9),
        "new": _raise(world.other_partnership, message="Waiting briefly", days_ago=1),
        "sibling": _raise(sibling_pair, message="Waiting in 2025", days_ago=5),
        "answered": _raise(world.partnership, world.mentor, "Answered one", days_ago=6),
        "handled": _raise(world.other_partnership, message="Handled one", days_ago=4),
    }
    _answer(requests["answered"], world.coordinator)
    _handle(requests["handled"], world.coordinator)
    # Dealt with on these days, the handled one the most recently: two days after the
    # answered one was raised, three after the handled one.
    for name, field, days in [("answered", "answered_at", 2), ("handled", "handled_at", 3)]:
        raised_at = requests[name].raised_at
        dealt_at = raised_at + datetime.timedelta(days=days)
        HelpRequest.objects.filter(pk=requests[name].pk).update(**{field: dealt_at})
    requests["sibling_cohort"] = sibling
    return requests


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Waiting by default, the longest wait first.
        ({}, ["old", "sibling", "new"]),
        ({"state": "waiting"}, ["old", "sibling", "new"]),
        ({"state": "answered"}, ["answered"]),
        ({"state": "handled"}, ["handled"]),
        # Waiting first, then the most recently dealt with.
        ({"state": "all"}, ["old", "sibling", "new", "handled", "answered"]),
        # What is not understood is left out.
        ({"state": "urgent"}, ["old", "sibling", "new"]),
    ],
)
def test_state_filter_and_order(world, client_as, inbox, query, expected):
    response = client_as(world.coordinator).get(INBOX, query)

    assert response.status_code == 200
    assert _shown(response) == [inbox[name] for name in expected]


@pytest.mark.django_db
def test_cohort_filter(world, client_as, inbox):
    client = client_as(world.coordinator)
    sibling = inbox["sibling_cohort"]

    response = client.get(INBOX, {"cohort": sibling.pk})
    assert _shown(response) == [inbox["sibling"]]
    assert response.context["inbox"].cohort == sibling
    html = response.content.decode()
    assert f'<option value="{sibling.pk}" selected>2025 Partnerships</option>' in html

    response = client.get(INBOX, {"cohort": world.cohort.pk, "state": "all"})
    assert _shown(response) == [inbox[n] for n in ["old", "new", "handled", "answered"]]
    # Counts follow the cohort, and the state links keep it.
    tabs = {tab.value: tab for tab in response.context["inbox"].tabs}
    assert {v: t.count for v, t in tabs.items()} == {
        "waiting": 2,
        "answered": 1,
        "handled": 1,
        "all": 4,
    }
    assert tabs["handled"].query == f"state=handled&cohort={world.cohort.pk}"
    assert tabs["waiting"].query == f"cohort={world.cohort.pk}"
    assert tabs["all"].current


@pytest.mark.django_db
def test_rows_say_how_long_who_and_which_pair(world, client_as, inbox):
    BarrierFactory(plan=inbox["old"].plan)
    HelpRequest.objects.filter(pk=inbox["old"].pk).update(barrier=inbox["old"].plan.barriers.get())

    html = client_as(world.coordinator).get(INBOX, {"state": "all"}).content.decode()

    assert "Waiting 9 days" in html
    assert "Answered after 2 days" in html
    assert "Handled after 3 days" in html
    assert 'Mo Mentee <small class="muted">(mentee)</small>' in html
    assert 'Mina Mentor <small class="muted">(mentor)</small>' in html
    assert "about a time barrier" in html
    assert "Mo Mentee with Mina Mentor" in html
    assert "2026 Partnerships" in html
    assert inbox["old"].get_absolute_url() in html
    assert 'aria-label="Answer the request of Mo Mentee' in html
    assert 'aria-label="Read the request of Mina Mentor' in html


def _many(world, n):
    """n waiting requests of five pairs of the world's cohort, one a day back from today."""
    pairs = [world.partnership, world.other_partnership]
    pairs += [PartnershipFactory(cohort=world.cohort) for _ in range(3)]
    return [_raise(pairs[i % 5], days_ago=i + 1) for i in range(n)]


@pytest.mark.django_db
def test_pages_of_25(world, client_as):
    requests = _many(world, 30)
    client = client_as(world.coordinator)

    first = client.get(INBOX, {"cohort": world.cohort.pk})
    # The oldest first: the last one raised the longest ago.
    assert _shown(first) == requests[::-1][:25]
    html = first.content.decode()
    assert "1–25 of 30" in html
    assert f'href="?cohort={world.cohort.pk}&amp;page=2#help-inbox-list"' in html

    second = client.get(INBOX, {"cohort": world.cohort.pk, "page": 2})
    assert _shown(second) == requests[::-1][25:]


@pytest.mark.django_db
@pytest.mark.parametrize("n", [3, 30])
def test_query_count_does_not_grow(world, client_as, django_assert_num_queries, n):
    _many(world, n)
    client = client_as(world.coordinator)

    # 1 the session, 2 the user, 3 the cohorts they run with their programs, 4 the count
    # of each state, 5 the count of the state shown (the paginator), 6 the page of
    # requests with barrier, people, pair and cohort, 7 the unread notifications count.
    with django_assert_num_queries(7):
        response = client.get(INBOX)

    assert len(_shown(response)) == min(n, 25)
    assert response.content.decode().count("Mo Mentee with Mina Mentor") >= 1


@pytest.mark.django_db
def test_empty_inbox(world, client_as):
    html = client_as(world.coordinator).get(INBOX).content.decode()

    assert "No request for help yet." in html
    assert "<table" not in html


@pytest.mark.django_db
def test_nothing_waiting(world, client_as):
    _answer(_raise(world.partnership), world.coordinator)
    client = client_as(world.coordinator)

    html = client.get(INBOX).content.decode()
    assert "Nothing is waiting: every request has been answered or handled." in html
    assert 'href="?state=all#help-inbox-list"' in html

    html = client.get(INBOX, {"state": "handled"}).content.decode()
    assert "No handled request." in html


@pytest.mark.django_db
def test_handled_from_the_inbox_leaves_it(world, client_as):
    """The coordinator's round: open a waiting request, mark it handled, back in the inbox."""
    request = _raise(world.partnership)
    client = client_as(world.coordinator)

    response = client.post(_url("help-request-handle", request), follow=True)

    assert response.redirect_chain == [(INBOX, 302)]
    assert _shown(response) == []
    assert "Nothing is waiting" in response.content.decode()
