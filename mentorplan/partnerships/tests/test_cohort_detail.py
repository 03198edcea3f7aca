"""The cohort page (partnerships:cohort-detail): counts, people and their search, pairs.

The pair form's search is tested in test_pairing_search.py, the page at 5,000 people in
test_cohort_at_scale.py.
"""

import pytest
from django.urls import reverse

from mentorplan.accounts.tests.factories import UserFactory
from mentorplan.partnerships.tests.factories import PartnershipFactory
from mentorplan.programs.models import Membership
from mentorplan.programs.tests.factories import (
    CohortFactory,
    InvitationFactory,
    MembershipFactory,
    ProgramFactory,
)

# Queries for a coordinator, however many people and partnerships the cohort has:
#  1. the session
#  2. the user
#  3. the cohort with its program (get_cohort_for_coordinator)
#  4. does the user coordinate it (can_coordinate_cohort)
#  5. how many memberships match the people search (the People table's paginator)
#  6. one page of memberships with user, invitation, mentor load and "paired"
#  7. the cohort's stamp and 8. its counts from the cache (partnerships.counts:
#     counted once, then again only after its people or pairs change; queries on
#     the database cache of the embedded default, none on Redis). The pair form
#     shows when there is a mentor and a mentee.
#  9. the first mentors with room matching the mentor search (pairing_candidates)
# 10. the first mentees matching the mentee search
# 11. how many partnerships (the Partnerships table's paginator)
# 12. one page of partnerships with mentor, mentee, cohort and program
# 13. the unread notifications count in the navigation (base.html)
# Measured once the counts are in the cache: the first visit counts them.
COHORT_QUERIES = 13


def _url(cohort):
    return reverse("partnerships:cohort-detail", args=[cohort.pk])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("mentee", 403),
        ("mentor", 403),
        ("other_coordinator", 404),
        ("coordinator", 200),
    ],
)
def test_only_coordinators_see_the_cohort_page(world, client_as, role, status):
    assert client_as(world.user(role)).get(_url(world.cohort)).status_code == status


@pytest.mark.django_db
def test_shows_counts_people_and_pairs(world, client_as):
    response = client_as(world.coordinator).get(_url(world.cohort))

    stats = response.context["stats"]
    assert (stats.mentee_count, stats.mentor_count, stats.active_count) == (2, 2, 2)
    assert stats.unpaired_count == 0
    html = response.content.decode()
    for name in ("Mina Mentor", "Mo Mentee", "Otto Mentor", "Olga Mentee"):
        assert name in html
    assert 'id="pair-form"' in html
    mentor_row = next(m for m in response.context["members"] if m.user == world.mentor)
    assert mentor_row.mentee_load == 1


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 10])
def test_query_count_does_not_grow_with_rows(client_as, django_assert_num_queries, world, n):
    cohort = CohortFactory(program=ProgramFactory())
    cohort.program.coordinators.add(world.coordinator)
    for _ in range(n):
        partnership = PartnershipFactory(cohort=cohort)
        for user in (partnership.mentor, partnership.mentee):
            InvitationFactory(membership=Membership.objects.get(user=user, cohort=cohort))
    client = client_as(world.coordinator)
    client.get(_url(cohort))

    with django_assert_num_queries(COHORT_QUERIES):
        response = client.get(_url(cohort))

    assert len(response.context["members"]) == 2 * n
    assert response.content.decode().count("badge-active") == n


@pytest.mark.django_db
def test_people_and_partnerships_come_a_page_at_a_time(client_as, world):
    cohort = CohortFactory(program=world.program)
    for _ in range(60):
        PartnershipFactory(cohort=cohort)
    client = client_as(world.coordinator)

    first = client.get(_url(cohort))
    second = client.get(_url(cohort) + "?people=3&pairs=2")

    assert len(first.context["members"]) == 50
    assert len(first.context["partnerships"]) == 50
    assert "1–50 of 120" in first.content.decode()
    assert len(second.context["members"]) == 20
    assert len(second.context["partnerships"]) == 10
    assert 'href="?people=2#people-heading"' in second.content.decode()
    # A page number that is not a number, or too large, gives a page, not an error.
    assert client.get(_url(cohort) + "?people=zz&pairs=999").status_code == 200


@pytest.mark.django_db
def test_people_search_by_name_or_email_keeps_the_search_in_the_pager(client_as, world):
    cohort = CohortFactory(program=world.program)
    for n in range(55):
        MembershipFactory(
            cohort=cohort, user=UserFactory(display_name=f"Ann Example {n}", email=f"a{n}@x.org")
        )
    MembershipFactory(cohort=cohort, user=UserFactory(display_name="Bo", email="bo@annex.org"))
    MembershipFactory(cohort=cohort, user=UserFactory(display_name="Cy", email="cy@x.org"))
    client = client_as(world.coordinator)

    response = client.get(_url(cohort), {"q": "  ann  "})

    html = response.content.decode()
    assert response.context["members"].paginator.count == 56  # 55 names and one email
    assert "Cy" not in {m.user.display_name for m in response.context["members"]}
    assert 'name="q" value="ann"' in html
    assert "56 people match “ann”." in html
    assert 'href="?q=ann&amp;people=2#people-heading"' in html
    second = client.get(_url(cohort), {"q": "ann", "people": "2"})
    names = [m.user.display_name for m in second.context["members"]]
    assert len(names) == 6
    assert names[-1] == "Bo"
    # Every word must match, in the name or the email.
    both = client.get(_url(cohort), {"q": "bo annex"})
    assert [m.user.display_name for m in both.context["members"]] == ["Bo"]
    assert "1 person matches “bo annex”." in both.content.decode()


@pytest.mark.django_db
def test_people_search_with_no_match_says_so(client_as, world):
    response = client_as(world.coordinator).get(_url(world.cohort), {"q": "<zed>"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "No one matches “&lt;zed&gt;”." in html
    assert "<zed>" not in html
    assert "People (table)" not in html
    assert "Nobody is in this cohort yet" not in html
    assert f'href="/cohorts/{world.cohort.pk}/#people-heading">show everyone</a>' in html


@pytest.mark.django_db
def test_people_search_with_htmx_answers_the_table_and_the_live_count(client_as, world):
    response = client_as(world.coordinator).get(
        _url(world.cohort), {"q": "mentee"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="people-table"
    )

    html = response.content.decode()
    assert "<html" not in html
    assert 'id="pair-form"' not in html
    assert (
        '<span id="people-summary" hx-swap-oob="innerHTML">2 people match “mentee”.</span>' in html
    )
    assert "Mo Mentee" in html
    assert "Olga Mentee" in html
    assert "Mina Mentor" not in html
