"""The pair form's search (partnerships:mentor-search, partnerships:mentee-search).

With htmx the search box asks its role's address as the coordinator types; without
JavaScript its GET form draws the cohort page again with the matches as choices.
Either way the people offered follow PartnershipForm's rules (that role in this
cohort) and mentors must have room.
"""

import re

import pytest
from django.urls import reverse

from mentorplan.accounts.tests.factories import UserFactory
from mentorplan.partnerships.models import Partnership
from mentorplan.partnerships.selectors import CANDIDATES_SHOWN, pairing_candidates
from mentorplan.programs.models import Membership
from mentorplan.programs.tests.factories import MembershipFactory

RADIO = re.compile(r'<input type="radio" name="(mentor|mentee)" value="(\d+)"[^>]*>')

# Queries of one search, however large the cohort:
#  1. the session
#  2. the user
#  3. the cohort with its program (get_cohort_for_coordinator)
#  4. does the user coordinate it (can_coordinate_cohort)
#  5. the first matches, one more than shown (to say whether there are more)
SEARCH_QUERIES = 5


def _search(client, cohort, role, **params):
    url = reverse(f"partnerships:{role}-search", args=[cohort.pk])
    return client.get(url, params, HTTP_HX_REQUEST="true")


def _offered(response):
    """The pks offered, in order, as the radio buttons list them."""
    return [int(pk) for _, pk in RADIO.findall(response.content.decode())]


def _summary(response):
    return re.search(r'hx-swap-oob="innerHTML">([^<]*)<', response.content.decode())[1]


@pytest.mark.django_db
@pytest.mark.parametrize("role_searched", ["mentor", "mentee"])
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("mentee", 403),
        ("mentor", 403),
        ("other_mentor", 403),
        ("other_coordinator", 404),
        ("coordinator", 200),
    ],
)
def test_only_the_cohorts_coordinators_search(world, client_as, role, status, role_searched):
    response = _search(client_as(world.user(role)), world.cohort, role_searched)

    assert response.status_code == status
    html = response.content.decode()
    for name in ("Mina Mentor", "Otto Mentor", "Mo Mentee", "Olga Mentee"):
        assert (name in html) == (status == 200 and name.endswith(role_searched.title()))


@pytest.mark.django_db
def test_needs_get(world, client_as):
    url = reverse("partnerships:mentor-search", args=[world.cohort.pk])
    assert client_as(world.coordinator).post(url).status_code == 405


@pytest.mark.django_db
def test_finds_by_name_or_email_every_word(world, client_as):
    client = client_as(world.coordinator)

    assert _offered(_search(client, world.cohort, "mentor", mentor_q="mina")) == [world.mentor.pk]
    assert _offered(_search(client, world.cohort, "mentor", mentor_q="OTHER.mentor@")) == [
        world.other_mentor.pk
    ]
    by_two_words = _search(client, world.cohort, "mentee", mentee_q=" mo  example.org ")
    assert _offered(by_two_words) == [world.mentee.pk]
    assert _summary(by_two_words) == "1 mentee in 2026 Partnerships matches “mo example.org”."
    both = _search(client, world.cohort, "mentor", mentor_q="mentor")
    assert _offered(both) == [world.mentor.pk, world.other_mentor.pk]
    assert _summary(both) == "2 mentors with room in 2026 Partnerships match “mentor”."


@pytest.mark.django_db
def test_another_programs_people_never_appear(world, client_as):
    # Northgate's people match the search, and one of them mentors there but is a
    # mentee here: only the role held in this cohort counts.
    north_mentor = UserFactory(email="mina@north.example.edu", display_name="Mina Northgate")
    MembershipFactory(user=north_mentor, cohort=world.other_cohort, role=Membership.Role.MENTOR)
    MembershipFactory(user=world.mentee, cohort=world.other_cohort, role=Membership.Role.MENTOR)
    client = client_as(world.coordinator)

    mentors = _search(client, world.cohort, "mentor", mentor_q="mina")
    mentees = _search(client, world.cohort, "mentee", mentee_q="mo")
    # Nor does naming them as the one picked before bring them in.
    picked = _search(client, world.cohort, "mentor", mentor_q="mina", mentor=north_mentor.pk)

    assert _offered(mentors) == [world.mentor.pk]
    assert "Northgate" not in mentors.content.decode()
    assert _offered(mentees) == [world.mentee.pk]
    assert _offered(_search(client, world.cohort, "mentor", mentor_q="mo")) == []
    assert _offered(picked) == [world.mentor.pk]
    assert "Northgate" not in picked.content.decode()
    # Northgate's coordinator finds their own mentor, and nobody of Harbour.
    theirs = _search(client_as(world.other_coordinator), world.other_cohort, "mentor")
    assert set(_offered(theirs)) == {north_mentor.pk, world.mentee.pk}


@pytest.mark.django_db
def test_mentors_at_capacity_are_not_offered(world, client_as):
    Membership.objects.filter(user=world.mentor, cohort=world.cohort).update(capacity=1)
    client = client_as(world.coordinator)

    response = _search(client, world.cohort, "mentor", mentor_q="mentor")

    assert _offered(response) == [world.other_mentor.pk]
    assert "Mina Mentor" not in response.content.decode()
    assert 'Otto Mentor <small class="muted">other.mentor@example.org · 1 of 2 mentees' in (
        response.content.decode()
    )
    # Only active partnerships take a place: once Mina's ends, she has room again.
    world.partnership.end(status=Partnership.Status.COMPLETED)
    assert world.mentor.pk in _offered(_search(client, world.cohort, "mentor", mentor_q="mina"))


@pytest.mark.django_db
def test_empty_search_offers_the_first_and_says_how_to_find_the_others(world, client_as):
    for n in range(CANDIDATES_SHOWN + 3):
        MembershipFactory(
            cohort=world.cohort,
            user=UserFactory(display_name=f"Newcomer {n:02d}", email=f"new{n}@example.org"),
        )
    client = client_as(world.coordinator)

    mentees = _search(client, world.cohort, "mentee", mentee_q="   ")
    mentors = _search(client, world.cohort, "mentor")

    offered = _offered(mentees)
    assert len(offered) == CANDIDATES_SHOWN
    # Waiting mentees come first: Mo and Olga, who are paired, are not among the 20.
    assert world.mentee.pk not in offered
    assert world.other_mentee.pk not in offered
    assert _summary(mentees) == (
        "The first 20 mentees in 2026 Partnerships. Type a name or email to find the others."
    )
    assert _offered(mentors) == [world.mentor.pk, world.other_mentor.pk]
    assert _summary(mentors) == "2 mentors with room in 2026 Partnerships."
    many = _search(client, world.cohort, "mentee", mentee_q="newcomer")
    assert len(_offered(many)) == CANDIDATES_SHOWN
    assert _summary(many).startswith("More than 20 mentees in 2026 Partnerships match “newcomer”")


@pytest.mark.django_db
def test_no_match_says_so_and_offers_nobody(world, client_as):
    response = _search(client_as(world.coordinator), world.cohort, "mentor", mentor_q="<zz>")

    assert response.status_code == 200
    assert _offered(response) == []
    assert _summary(response) == ("No mentor with room in 2026 Partnerships matches “&lt;zz&gt;”.")
    assert "<zz>" not in response.content.decode()


@pytest.mark.django_db
def test_no_mentor_with_room_says_how_to_make_room(world):
    Membership.objects.filter(cohort=world.cohort, role=Membership.Role.MENTOR).update(capacity=1)

    candidates = pairing_candidates(cohort=world.cohort, role=Membership.Role.MENTOR)

    assert candidates.people == []
    assert candidates.summary == (
        "No mentor in 2026 Partnerships has room for another mentee: raise a capacity below."
    )


@pytest.mark.django_db
def test_the_person_picked_stays_first_and_checked(world, client_as, django_assert_num_queries):
    client = client_as(world.coordinator)

    # Otto matches: he moves first. Mina does not match "otto" but was picked: she stays.
    with django_assert_num_queries(SEARCH_QUERIES):
        otto = _search(client, world.cohort, "mentor", mentor_q="o", mentor=world.other_mentor.pk)
    with django_assert_num_queries(SEARCH_QUERIES + 1):  # 6. the one picked
        mina = _search(client, world.cohort, "mentor", mentor_q="otto", mentor=world.mentor.pk)

    assert _offered(otto) == [world.other_mentor.pk, world.mentor.pk]
    assert f'value="{world.other_mentor.pk}" id="id_mentor_{world.other_mentor.pk}" checked' in (
        otto.content.decode()
    )
    assert _offered(mina) == [world.mentor.pk, world.other_mentor.pk]
    assert _summary(mina) == "1 mentor with room in 2026 Partnerships matches “otto”."
    # A pick that is no number, or nobody of this cohort, is ignored.
    for bad in ("x", "99999999999999999999999", str(world.coordinator.pk)):
        response = _search(client, world.cohort, "mentor", mentor_q="otto", mentor=bad)
        assert response.status_code == 200
        assert _offered(response) == [world.other_mentor.pk]
        assert " checked" not in response.content.decode()


@pytest.mark.django_db
def test_answer_is_the_results_and_the_live_count_only(world, client_as):
    response = _search(client_as(world.coordinator), world.cohort, "mentee", mentee_q="olga")

    html = response.content.decode().strip()
    assert html.startswith('<span id="id_mentee_summary" hx-swap-oob="innerHTML">')
    assert "<html" not in html
    assert "<select" not in html
    assert "aria-invalid" not in html  # app.js would move the focus out of the search box
    assert f'<label for="id_mentee_{world.other_mentee.pk}"><input type="radio"' in html
    assert "Olga Mentee <small" in html
    assert "· paired</small>" in html


@pytest.mark.django_db
def test_without_javascript_the_search_form_draws_the_page_with_the_matches(world, client_as):
    response = client_as(world.coordinator).get(
        reverse("partnerships:cohort-detail", args=[world.cohort.pk]),
        {"mentor_q": "otto", "mentee_q": "olga"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert RADIO.findall(html) == [
        ("mentor", str(world.other_mentor.pk)),
        ("mentee", str(world.other_mentee.pk)),
    ]
    action = f'action="/cohorts/{world.cohort.pk}/#pair-heading"'
    assert f'<form id="pair-search" method="get" {action}' in html
    for role, query in (("mentor", "otto"), ("mentee", "olga")):
        search_box = re.search(rf'<input type="search" id="id_{role}_q"[^>]*>', html)[0]
        assert f'name="{role}_q" value="{query}" form="pair-search"' in search_box
        assert f'hx-get="/cohorts/{world.cohort.pk}/pairing/{role}s/"' in search_box
        assert 'hx-trigger="input changed delay:300ms, search"' in search_box
        assert f'<label for="id_{role}_q">Find a {role} by name or email</label>' in html
        assert f'<p id="id_{role}_summary" class="muted" aria-live="polite"' in html
    assert "<select" not in html


@pytest.mark.django_db
def test_with_htmx_the_search_form_answers_the_pair_form_keeping_the_picks(world, client_as):
    response = client_as(world.coordinator).get(
        reverse("partnerships:cohort-detail", args=[world.cohort.pk]),
        {"mentor_q": "otto", "mentee_q": "", "mentor": world.mentor.pk},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="pair-form",
    )

    html = response.content.decode().strip()
    assert html.startswith('<div id="pair-form">')
    assert "People</h2>" not in html
    assert RADIO.findall(html)[:2] == [
        ("mentor", str(world.mentor.pk)),
        ("mentor", str(world.other_mentor.pk)),
    ]
    assert f'value="{world.mentor.pk}" id="id_mentor_{world.mentor.pk}" checked' in html
