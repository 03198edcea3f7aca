"""The plan page's cached sections (views.section_cache): never stale, never another's.

Every test first opens the plan as each reader, so that each reader's sections
are in the cache, then changes one thing and opens it again: what the change
shows must be there at once, for every role that may see it, and what one
reader may see must never reach another through the cache.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from mentorplan.partnerships.services import partnership_end
from mentorplan.plans import services
from mentorplan.plans.agreement import agreement_sign, agreement_terms
from mentorplan.plans.views.section_cache import CSRF_SENTINEL
from mentorplan.tests.caches import DOWN

READERS = ("mentee", "mentor", "coordinator")
GOAL = "Lead a team meeting"


def _url(world):
    return reverse("plans:plan-detail", args=[world.partnership.pk])


@pytest.fixture
def clients(world):
    """A signed-in client per reader, so that their visits do not share a session."""
    made = {}
    for role in READERS:
        made[role] = Client()
        made[role].force_login(world.user(role))
    return made


@pytest.fixture
def plan(world):
    """A shared plan with one goal, that the coordinators may read."""
    world.program.coordinators_read_plans = True
    world.program.save()
    plan = services.plan_for_mentee(world.partnership)
    services.goal_create(plan=plan, by=world.mentee, score=4, statement=GOAL)
    services.plan_share(plan=plan, by=world.mentee)
    return plan


def _open_all(world, clients):
    pages = {role: clients[role].get(_url(world)) for role in READERS}
    assert all(page.status_code == 200 for page in pages.values())
    return {role: page.text for role, page in pages.items()}


def _add_goal(world, plan):
    services.goal_create(plan=plan, by=world.mentee, score=2, statement="Speak at the all-hands")
    return "Speak at the all-hands"


def _comment(world, plan):
    services.comment_add(plan=plan, author=world.mentor, body="Lovely second goal")
    return "Lovely second goal"


def _sign(world, plan):
    agreement_sign(
        plan=plan, by=world.mentor, role="mentor", name="Mia Mentor", terms=agreement_terms(plan)
    )
    return "Signed</span> by Mia Mentor"


def _rename_mentor(world, plan):
    world.mentor.display_name = "Mia Renamed"
    world.mentor.save(update_fields=["display_name"])
    return "Mia Renamed"


# What each change shows, and to whom: every reader of a shared plan sees parts,
# comments and signatures (the coordinators may read plan text here, but never
# comments: they are the pair's conversation).
CHANGES = {
    "a part": (_add_goal, READERS),
    "a comment": (_comment, ("mentee", "mentor")),
    "a signature": (_sign, READERS),
    "a name on the page": (_rename_mentor, ("mentee",)),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_shows_at_once_for_every_reader(world, clients, plan, change):
    make, readers = CHANGES[change]
    before = _open_all(world, clients)

    shown = make(world, plan)

    after = _open_all(world, clients)
    for role in readers:
        assert shown not in before[role], role
        assert shown in after[role], role


def test_sharing_shows_the_plan_to_the_mentor_and_ends_the_mentees_share_button(world, clients):
    plan = services.plan_for_mentee(world.partnership)
    services.goal_create(plan=plan, by=world.mentee, score=4, statement=GOAL)
    before = _open_all(world, clients)
    assert "Share the plan with" in before["mentee"]
    assert GOAL not in before["mentor"]

    services.plan_share(plan=plan, by=world.mentee)

    after = _open_all(world, clients)
    assert "Share the plan with" not in after["mentee"]
    assert GOAL in after["mentor"]


def test_a_help_request_and_its_answer_show_to_the_one_who_asked(world, clients, plan):
    _open_all(world, clients)
    request = services.help_request_raise(
        plan=plan, user=world.mentee, message="We keep missing our meetings"
    )
    assert "We keep missing our meetings" in clients["mentee"].get(_url(world)).text

    services.help_request_answer(
        help_request=request, user=world.coordinator, answer="Let us talk on Monday"
    )

    assert "Answered" in clients["mentee"].get(_url(world)).text


def test_ending_the_partnership_takes_the_edit_links_away(world, clients, plan):
    add_goal = reverse("plans:part-create", args=[world.partnership.pk, "goal"])
    before = _open_all(world, clients)
    assert add_goal in before["mentee"]

    partnership_end(partnership=world.partnership, status="ended_early", reason="Moved away")

    after = clients["mentee"].get(_url(world)).text
    assert add_goal not in after
    assert "Post comment" not in after


def test_the_coordinators_reading_setting_applies_at_once(world, clients, plan):
    assert GOAL in _open_all(world, clients)["coordinator"]

    world.program.coordinators_read_plans = False
    world.program.save()

    page = clients["coordinator"].get(_url(world)).text
    assert GOAL not in page


# Never another reader's --------------------------------------------------------------


def test_a_draft_cached_for_the_mentee_never_reaches_the_others(world, clients):
    world.program.coordinators_read_plans = True
    world.program.save()
    plan = services.plan_for_mentee(world.partnership)
    services.goal_create(plan=plan, by=world.mentee, score=4, statement=GOAL)
    assert GOAL in clients["mentee"].get(_url(world)).text

    for role in ("mentor", "coordinator"):
        assert GOAL not in clients[role].get(_url(world)).text, role


def test_a_help_request_cached_for_its_author_never_reaches_the_partner(world, clients, plan):
    services.help_request_raise(plan=plan, user=world.mentee, message="My mentor cancels a lot")
    assert "My mentor cancels a lot" in clients["mentee"].get(_url(world)).text

    assert "My mentor cancels a lot" not in clients["mentor"].get(_url(world)).text


def test_plan_text_cached_for_the_pair_never_reaches_a_coordinator_without_the_right(
    world, clients, plan
):
    world.program.coordinators_read_plans = False
    world.program.save()
    assert GOAL in clients["mentee"].get(_url(world)).text
    assert GOAL in clients["mentor"].get(_url(world)).text

    assert GOAL not in clients["coordinator"].get(_url(world)).text


def test_each_reader_gets_their_own_csrf_token_from_a_cached_page(world, plan):
    mentor = Client(enforce_csrf_checks=True)
    mentor.force_login(world.mentor)
    mentor.get(_url(world))  # the mentee's copy may be cached too; the mentor's is now
    page = mentor.get(_url(world)).text
    assert CSRF_SENTINEL not in page

    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    response = mentor.post(
        reverse("plans:comment-add", args=[world.partnership.pk]),
        {"csrfmiddlewaretoken": token, "body": "Posted from a cached page", "about": "plan"},
    )

    assert response.status_code == 302
    assert plan.comments.filter(body="Posted from a cached page").exists()


# A cache that is down ---------------------------------------------------------------


def test_a_cache_that_is_down_makes_the_page_slower_not_broken(world, clients, plan, settings):
    settings.CACHES = DOWN

    for _ in range(2):
        response = clients["mentee"].get(_url(world))
        assert response.status_code == 200
        assert GOAL in response.text
        assert CSRF_SENTINEL not in response.text


def test_after_the_end_the_partners_still_get_their_own_sections(world, clients, plan):
    """Once ended, both partners have the same rights (none): their sections still differ."""
    services.help_request_raise(plan=plan, user=world.mentee, message="My mentor cancels a lot")
    partnership_end(partnership=world.partnership, status="ended_early", reason="Moved away")
    assert "My mentor cancels a lot" in clients["mentee"].get(_url(world)).text

    assert "My mentor cancels a lot" not in clients["mentor"].get(_url(world)).text
