"""The cohort page and the pair form's search at 5,000 people: small and flat.

A cohort of thousands used to draw every mentor and mentee into two selects (440 KB
of HTML at 5,000 people). The page now shows a page of each table and the first
matches of each search, so its size and its queries do not grow with the cohort.
The cohort is written with bulk_create, as scale_data does, in about a second.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from mentorplan.partnerships.models import Partnership
from mentorplan.partnerships.selectors import CANDIDATES_SHOWN
from mentorplan.partnerships.tests.test_cohort_detail import COHORT_QUERIES
from mentorplan.partnerships.tests.test_pairing_search import RADIO, SEARCH_QUERIES
from mentorplan.programs.models import Invitation, Membership
from mentorplan.programs.tests.factories import CohortFactory

User = get_user_model()
SMALL, BIG = 250, 5_000
MAX_PAGE_BYTES = 100_000
FIRST = ["Ada", "Bilal", "Chen", "Dalia", "Emeka", "Freya", "Hana", "Ines", "Jonas", "Kai"]
LAST = ["Abbott", "Banda", "Costa", "Dubois", "Evans", "Flores", "Gupta", "Haddad", "Iyer"]


def bulk_cohort(program, people):
    """A cohort of ``people``: a fifth mentors (capacity 2) each with one active mentee.

    Everyone has an invitation not yet accepted, so every row of the People table
    carries its "Send again" form, the heaviest a row gets.
    """
    cohort = CohortFactory(program=program, name=f"Cohort of {people}")
    users = User.objects.bulk_create(
        User(
            email=f"p{n}.c{cohort.pk}@scale.example.org",
            display_name=f"{FIRST[n % len(FIRST)]} {LAST[n % len(LAST)]} {n}",
            password="!",  # unusable, and no hashing
        )
        for n in range(people)
    )
    mentors, mentees = users[: people // 5], users[people // 5 :]
    memberships = Membership.objects.bulk_create(
        [Membership(cohort=cohort, user=u, role="mentor", capacity=2) for u in mentors]
        + [Membership(cohort=cohort, user=u, role="mentee") for u in mentees]
    )
    Partnership.objects.bulk_create(
        Partnership(cohort=cohort, mentor=mentor, mentee=mentee, started_on=cohort.starts_on)
        for mentor, mentee in zip(mentors, mentees, strict=False)
    )
    now = timezone.now()
    Invitation.objects.bulk_create(
        Invitation(membership=m, sent_at=now, expires_at=now + timezone.timedelta(days=14))
        for m in memberships
    )
    return cohort


@pytest.fixture
def coordinator_client(world, client_as):
    return client_as(world.coordinator)


@pytest.mark.django_db
@pytest.mark.parametrize("people", [SMALL, BIG])
@pytest.mark.parametrize(
    "search",
    [
        {},
        # Every search box used: the people table, and both of the pair form's.
        {"q": "ada", "mentor_q": "banda", "mentee_q": "chen costa"},
    ],
    ids=["no search", "searches"],
)
def test_cohort_page_is_small_and_flat(
    world, coordinator_client, django_assert_num_queries, people, search
):
    cohort = bulk_cohort(world.program, people)
    url = reverse("partnerships:cohort-detail", args=[cohort.pk])

    coordinator_client.get(url)  # counts the cohort into the cache
    # The same queries at 250 and 5,000 people (listed in test_cohort_detail.py).
    with django_assert_num_queries(COHORT_QUERIES):
        response = coordinator_client.get(url, search)

    html = response.content.decode()
    assert response.status_code == 200
    assert len(response.content) < MAX_PAGE_BYTES, f"{len(response.content)} bytes"
    assert "<select" not in html
    assert "<option" not in html
    offered = RADIO.findall(html)
    assert 0 < len(offered) <= 2 * CANDIDATES_SHOWN
    assert {role for role, _ in offered} == {"mentor", "mentee"}
    if not search:
        assert len(response.context["members"]) == 50
        assert f"1–50 of {people}" in html
        assert response.context["stats"].mentee_count == people - people // 5


@pytest.mark.django_db
@pytest.mark.parametrize("people", [SMALL, BIG])
@pytest.mark.parametrize("role", ["mentor", "mentee"])
def test_pairing_search_is_small_and_flat(
    world, coordinator_client, django_assert_num_queries, people, role
):
    cohort = bulk_cohort(world.program, people)
    url = reverse(f"partnerships:{role}-search", args=[cohort.pk])

    with django_assert_num_queries(SEARCH_QUERIES):
        response = coordinator_client.get(url, {f"{role}_q": "a"}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert len(RADIO.findall(response.content.decode())) == CANDIDATES_SHOWN
    assert len(response.content) < 10_000
    assert "More than 20" in response.content.decode()
