"""Asking the coordinators for help (plans.views.help): raise, answer, and who sees what.

The rule under test: a request is read by the person who raised it and the
cohort's coordinators only. The other partner never sees it, on the plan page
or at its address (404).
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorplan.partnerships.models import Partnership
from mentorplan.partnerships.tests.factories import PartnershipFactory
from mentorplan.plans import services
from mentorplan.plans.models import HelpRequest
from mentorplan.tests.roles import ROLES

from .factories import BarrierFactory

HOME = reverse("home")


def _plan(world, *, shared=True):
    plan = services.plan_for_mentee(world.partnership)
    if shared:
        services.plan_share(plan=plan, by=plan.partnership.mentee)
    return plan


def _create_url(world, **query):
    url = reverse("plans:help-request-create", args=[world.partnership.pk])
    return url + "".join(f"?{k}={v}" for k, v in query.items())


def _raise(plan, user, message="We cannot find a time to meet."):
    return services.help_request_raise(plan=plan, user=user, message=message)


# Asking: the mentee, and the mentor once the plan is shared. The coordinators are
# asked, they do not ask (403); people outside the pair learn nothing (404).
ASK = {
    "anonymous": 302,
    "outsider": 404,
    "mentee": 200,
    "mentor": 200,
    "other_mentor": 404,
    "other_coordinator": 404,
    "coordinator": 403,
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_form_by_role(world, client_as, role):
    _plan(world)
    response = client_as(world.user(role)).get(_create_url(world))
    assert response.status_code == ASK[role]
    if ASK[role] == 200:
        assert "Only they read it" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_raising_by_role(world, client_as, role):
    plan = _plan(world)
    response = client_as(world.user(role)).post(_create_url(world), {"message": "Help us."})

    requests = list(HelpRequest.objects.all())
    if ASK[role] == 200:
        assert response.status_code == 302
        assert response["Location"] == plan.get_absolute_url() + "#help-requests"
        [request] = requests
        assert (request.plan, request.raised_by, request.message) == (
            plan,
            world.user(role),
            "Help us.",
        )
        assert request.barrier is None
        assert not request.is_answered
    else:
        assert response.status_code == ASK[role]
        assert requests == []


@pytest.mark.django_db
def test_mentor_cannot_ask_before_the_plan_is_shared(world, client_as):
    _plan(world, shared=False)
    response = client_as(world.mentor).post(_create_url(world), {"message": "Help us."})
    assert response.status_code == 403
    assert not HelpRequest.objects.exists()


@pytest.mark.django_db
def test_nobody_asks_once_the_partnership_ended(world, client_as):
    _plan(world)
    world.partnership.end(status=Partnership.Status.COMPLETED)
    response = client_as(world.mentee).post(_create_url(world), {"message": "Help us."})
    assert response.status_code == 403
    assert not HelpRequest.objects.exists()


@pytest.mark.django_db
def test_request_about_a_barrier(world, client_as):
    plan = _plan(world)
    barrier = BarrierFactory(plan=plan, description="No time on weekdays")
    client = client_as(world.mentee)
    url = _create_url(world, barrier=barrier.pk)

    assert "No time on weekdays" in client.get(url).content.decode()
    response = client.post(url, {"message": "Can the program give us a room?"})

    assert response.status_code == 302
    assert HelpRequest.objects.get().barrier == barrier


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["other-plan", "nonsense"])
def test_barrier_of_another_plan_is_404(world, client_as, value):
    _plan(world)
    other_plan = services.plan_for_mentee(world.other_partnership)
    other = BarrierFactory(plan=other_plan).pk if value == "other-plan" else value
    client = client_as(world.mentee)
    url = _create_url(world, barrier=other)

    assert client.get(url).status_code == 404
    assert client.post(url, {"message": "Help."}).status_code == 404
    assert not HelpRequest.objects.exists()


@pytest.mark.django_db
def test_empty_message_is_refused_beside_the_field(world, client_as):
    _plan(world)
    response = client_as(world.mentee).post(_create_url(world), {"message": "   "})

    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_message_error"' in html
    assert 'aria-describedby="id_message_helptext id_message_error"' in html
    assert "Say what you need help with." in html
    assert not HelpRequest.objects.exists()


# Reading one request: the raiser and the cohort's coordinators. Everyone else,
# the other partner first, gets 404.
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("mentee", 200),
        ("mentor", 404),
        ("other_mentor", 404),
        ("other_coordinator", 404),
        ("coordinator", 200),
    ],
)
def test_detail_by_role(world, client_as, role, expected):
    request = _raise(_plan(world), world.mentee, "Secret: my mentor cancels every meeting.")

    response = client_as(world.user(role)).get(request.get_absolute_url())

    assert response.status_code == expected
    html = response.content.decode()
    assert ("my mentor cancels every meeting" in html) == (expected == 200)


@pytest.mark.django_db
def test_the_mentors_request_is_hidden_from_the_mentee(world, client_as):
    request = _raise(_plan(world), world.mentor, "My mentee never prepares.")
    client = client_as(world.mentee)

    assert client.get(request.get_absolute_url()).status_code == 404
    html = client.get(reverse("plans:plan-detail", args=[world.partnership.pk])).content.decode()
    assert "My mentee never prepares." not in html
    assert client_as(world.mentor).get(request.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_plan_page_lists_only_ones_own_requests(world, client_as):
    plan = _plan(world)
    barrier = BarrierFactory(plan=plan)
    _raise(plan, world.mentee, "Mentee asks about money.")
    _raise(plan, world.mentor, "Mentor asks about time.")
    url = reverse("plans:plan-detail", args=[world.partnership.pk])

    mentee_html = client_as(world.mentee).get(url).content.decode()
    assert "Your requests for help" in mentee_html
    assert "Mentee asks about money." in mentee_html
    assert "Mentor asks about time." not in mentee_html
    assert f"{_create_url(world)}?barrier={barrier.pk}" in mentee_html

    mentor_html = client_as(world.mentor).get(url).content.decode()
    assert "Mentor asks about time." in mentor_html
    assert "Mentee asks about money." not in mentor_html


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["mentee", "mentor"])
def test_answer_shows_on_the_raisers_plan(world, client_as, role):
    plan = _plan(world)
    request = _raise(plan, world.user(role))
    services.help_request_answer(
        help_request=request, user=world.coordinator, answer="Try the library rooms."
    )

    html = client_as(world.user(role)).get(plan.get_absolute_url()).content.decode()

    assert "Try the library rooms." in html
    assert "Answered" in html


@pytest.mark.django_db
def test_coordinator_answers(world, client_as):
    request = _raise(_plan(world), world.mentee)
    client = client_as(world.coordinator)

    page = client.get(request.get_absolute_url()).content.decode()
    assert "Send your answer" in page
    response = client.post(request.get_absolute_url(), {"answer": " Book room 4. "})

    # Back to the inbox, for the next request.
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:help-inbox")
    request.refresh_from_db()
    assert request.answer == "Book room 4."
    assert request.answered_by == world.coordinator
    assert request.answered_at is not None


@pytest.mark.django_db
def test_empty_answer_is_refused_beside_the_field(world, client_as):
    request = _raise(_plan(world), world.mentee)

    response = client_as(world.coordinator).post(request.get_absolute_url(), {"answer": ""})

    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_answer_error"' in html
    assert "Write your answer first." in html
    request.refresh_from_db()
    assert not request.is_answered


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [("mentee", 403), ("mentor", 404), ("other_coordinator", 404), ("outsider", 404)],
)
def test_only_coordinators_answer(world, client_as, role, expected):
    request = _raise(_plan(world), world.mentee)

    response = client_as(world.user(role)).post(request.get_absolute_url(), {"answer": "Fine."})

    assert response.status_code == expected
    request.refresh_from_db()
    assert not request.is_answered


@pytest.mark.django_db
def test_coordinator_home_lists_the_requests(world, client_as):
    plan = _plan(world)
    waiting = _raise(plan, world.mentee, "Waiting one")
    answered = _raise(plan, world.mentor, "Answered one")
    services.help_request_answer(help_request=answered, user=world.coordinator, answer="Ok.")
    old = _raise(plan, world.mentee, "Old one")
    services.help_request_answer(help_request=old, user=world.coordinator, answer="Ok.")
    HelpRequest.objects.filter(pk=old.pk).update(
        answered_at=timezone.now() - datetime.timedelta(days=30)
    )
    handled = _raise(plan, world.mentee, "Handled one")
    services.help_request_handle(help_request=handled, user=world.coordinator)
    old_handled = _raise(plan, world.mentee, "Handled long ago")
    services.help_request_handle(help_request=old_handled, user=world.coordinator)
    HelpRequest.objects.filter(pk=old_handled.pk).update(
        handled_at=timezone.now() - datetime.timedelta(days=30)
    )

    response = client_as(world.coordinator).get(HOME)

    # Waiting first, then the most recently dealt with; long-dealt-with ones drop off.
    assert response.context["help_requests"] == [waiting, handled, answered]
    html = response.content.decode()
    assert "Requests for help" in html
    assert "Mo Mentee with Mina Mentor" in html
    assert "2026 Partnerships" in html
    assert waiting.get_absolute_url() in html
    # A handled request is not waiting: it is read, not answered, from here.
    assert '<span class="badge badge-managed">Handled' in html
    assert html.count('<span class="badge badge-open">Waiting</span>') == 1
    assert f'aria-label="Read the request of Mo Mentee of {handled.raised_at:%-d %b %Y}"' in html
    assert f'<a href="{reverse("plans:help-inbox")}">All requests for help (1 waiting)</a>' in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["mentee", "mentor", "other_mentor", "other_coordinator"])
def test_others_homes_do_not_list_it(world, client_as, role):
    request = _raise(_plan(world), world.mentee)

    response = client_as(world.user(role)).get(HOME)

    assert request.get_absolute_url() not in response.content.decode()
    assert "help_requests" not in response.context or response.context["help_requests"] == []


def _coordinator_with(n):
    """A coordinator of a cohort with n pairs, each of whose mentee asked for help."""
    partnership = PartnershipFactory()
    coordinator = PartnershipFactory(cohort=partnership.cohort).mentor  # any person
    partnership.cohort.program.coordinators.add(coordinator)
    for i in range(n):
        p = partnership if i == 0 else PartnershipFactory(cohort=partnership.cohort)
        plan = services.plan_for_mentee(p)
        _raise(plan, p.mentee, f"Request {i}")
    return coordinator


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 10])
def test_coordinator_home_query_count(client_as, django_assert_num_queries, n):
    client = client_as(_coordinator_with(n))
    client.get(HOME)  # counts the cohorts into the cache

    # The seven queries of every home page (see partnerships/tests/test_home.py),
    # two for the cohorts' counts from the cache (stamps and counts, on the
    # database cache), two for the coordinator's own partnership as a mentor (its
    # journey facts and celebrations), plus one: the requests with barrier,
    # raiser, pair and cohort.
    with django_assert_num_queries(12):
        response = client.get(HOME)

    assert len(response.context["help_requests"]) == n
