"""A cohort's head counts from the cache (partnerships.counts): never stale, never broken.

Each test fills the cache (the coordinator opens their home), changes the cohort's
people or pairs the way the site does, lets the transaction commit, and reads the
counts again: they must be the new ones, on the home page and the cohort page.
"""

import pytest
from django.urls import reverse

from mentorplan.partnerships.services import partnership_end, partnership_start
from mentorplan.programs import services as programs
from mentorplan.programs.models import Membership
from mentorplan.programs.tests.factories import MembershipFactory
from mentorplan.tests.caches import DOWN

pytestmark = pytest.mark.django_db

HOME = reverse("home")


def _counts(client, cohort):
    """The cohort's counts as the coordinator's home and the cohort page show them."""
    home = next(c for c in client.get(HOME).context["coordinated_cohorts"] if c.pk == cohort.pk)
    page = client.get(reverse("partnerships:cohort-detail", args=[cohort.pk])).context["stats"]
    names = ("mentee_count", "mentor_count", "active_count", "ended_count", "unpaired_count")
    shown = {name: getattr(home, name) for name in names}
    assert shown == {name: getattr(page, name) for name in names}
    return shown


def _invite_mentee(world):
    programs.participant_add(
        cohort=world.cohort,
        email="new.mentee@example.org",
        display_name="Nell Newcomer",
        role=Membership.Role.MENTEE,
        invited_by=world.coordinator,
    )


def _pair_a_waiting_mentee(world):
    mentee = MembershipFactory(cohort=world.cohort, role=Membership.Role.MENTEE).user
    partnership_start(cohort=world.cohort, mentor=world.mentor, mentee=mentee)


def _end_a_pair(world):
    partnership_end(partnership=world.partnership, status="ended_early", reason="Moved away")


def _remove_a_mentor(world):
    Membership.objects.get(cohort=world.cohort, user=world.other_mentor).delete()


def _delete_an_account(world):
    world.other_mentee.delete()


# Each change and what it does to the counts.
CHANGES = {
    "a mentee invited": (_invite_mentee, {"mentee_count": +1, "unpaired_count": +1}),
    "a waiting mentee paired": (_pair_a_waiting_mentee, {"mentee_count": +1, "active_count": +1}),
    "a pair ended early": (
        _end_a_pair,
        {"active_count": -1, "ended_count": +1, "unpaired_count": +1},
    ),
    "a mentor removed": (_remove_a_mentor, {"mentor_count": -1}),
    "an account deleted": (_delete_an_account, {"mentee_count": -1, "active_count": -1}),
}


@pytest.mark.parametrize("change", CHANGES)
def test_counts_follow_every_change(world, client_as, django_capture_on_commit_callbacks, change):
    make, delta = CHANGES[change]
    client = client_as(world.coordinator)
    before = _counts(client, world.cohort)

    with django_capture_on_commit_callbacks(execute=True):
        make(world)

    after = _counts(client, world.cohort)
    assert after == {name: n + delta.get(name, 0) for name, n in before.items()}


def test_unchanged_counts_are_not_counted_again(world, client_as, django_assert_num_queries):
    client = client_as(world.coordinator)
    client.get(HOME)
    # Counted, the home page asks the cache only (see test_home.COORDINATOR_QUERIES):
    # the query that counts (its columns named as the counts) is not asked again.
    with django_assert_num_queries(10) as queries:
        client.get(HOME)
    assert not any("unpaired_count" in q["sql"] for q in queries.captured_queries)


def test_a_cache_that_is_down_counts_in_the_database(
    world, client_as, settings, django_capture_on_commit_callbacks
):
    client = client_as(world.coordinator)
    before = _counts(client, world.cohort)
    settings.CACHES = DOWN

    with django_capture_on_commit_callbacks(execute=True):
        _invite_mentee(world)  # its stamp cannot be renewed: logged, not raised

    assert _counts(client, world.cohort)["mentee_count"] == before["mentee_count"] + 1
