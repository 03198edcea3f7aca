"""What worked, shared forward: reports:practices, reports:practice-share, :practice-suggest.

A partner shares a done activity of their plan with why it worked; the program's
members read every practice shared, by kind, with the author's role but not their
name; the program's coordinators put one in a running cohort's starter plan, and
may offer it to the plans already begun. The domain functions
(``services.practice_share``, ``services.practice_suggest``) are tested without
HTTP too.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from mentorplan.partnerships.models import Partnership
from mentorplan.partnerships.tests.factories import PartnershipFactory
from mentorplan.plans import services as plan_services
from mentorplan.plans.models import LearningActivity, StarterItem, Suggestion
from mentorplan.plans.tests.factories import ActivityFactory
from mentorplan.programs.models import Membership
from mentorplan.programs.tests.factories import CohortFactory, MembershipFactory
from mentorplan.reports.models import SharedPractice
from mentorplan.reports.practice_views import PER_PAGE
from mentorplan.reports.services import practice_share, practice_suggest

pytestmark = pytest.mark.django_db

DOING, OTHERS, STRETCH = LearningActivity.Kind
WHY = "She let me run the handover while she watched: ask for that early."
THANKS = "Thank you: the next cohorts can read what worked for you."
NOT_A_CHOICE = "Select a valid choice. That choice is not one of the available choices."


def list_url(program):
    return reverse("reports:practices", args=[program.slug])


def share_url(partnership):
    return reverse("reports:practice-share", args=[partnership.pk])


def suggest_url(practice):
    return reverse("reports:practice-suggest", args=[practice.pk])


def done(plan, title, kind=OTHERS, **fields):
    return ActivityFactory(
        plan=plan,
        kind=kind,
        title=title,
        status=LearningActivity.Status.DONE,
        outcome=LearningActivity.Outcome.YES,
        **fields,
    )


@pytest.fixture
def plan(world):
    """Mo's shared plan: two activities done, one planned, one skipped."""
    made = plan_services.plan_for_mentee(world.partnership)
    plan_services.plan_share(plan=made, by=world.mentee)
    return SimpleNamespace(
        plan=made,
        shadowing=done(made, "Shadow the ward sister"),
        handover=done(made, "Lead the handover", kind=STRETCH),
        audit=ActivityFactory(plan=made, title="Write the audit memo"),
        skipped=ActivityFactory(
            plan=made,
            title="Visit the other site",
            status=LearningActivity.Status.SKIPPED,
            outcome=LearningActivity.Outcome.NO,
        ),
    )


def shared(program, title="Shadowing", kind=OTHERS, **fields):
    """A practice as the share page saves it, without the pair it came from."""
    values = {
        "role": "mentee",
        "cohort_name": "2025 Partnerships",
        "why": "It worked.",
    } | fields
    return SharedPractice.objects.create(program=program, kind=kind, title=title, **values)


# A partner shares


@pytest.mark.parametrize("role", ["mentee", "mentor"])
def test_a_partner_shares_a_done_activity(world, client_as, plan, role):
    response = client_as(world.user(role)).post(
        share_url(world.partnership), {"activity": plan.shadowing.pk, "why": f"  {WHY}\n"}
    )

    assert response.status_code == 302
    assert response.url == list_url(world.program)
    practice = SharedPractice.objects.get()
    assert practice.program == world.program
    assert practice.partnership == world.partnership
    assert practice.activity == plan.shadowing
    assert practice.author == world.user(role)
    assert practice.role == role
    assert practice.cohort_name == "2026 Partnerships"
    assert practice.kind == OTHERS
    assert practice.title == "Shadow the ward sister"
    assert practice.why == WHY
    assert practice.suggested_to.count() == 0


def test_the_list_shows_it_with_the_role_never_the_name(world, client_as, plan):
    client = client_as(world.mentee)
    shared_page = client.post(
        share_url(world.partnership), {"activity": plan.shadowing.pk, "why": WHY}, follow=True
    )
    assert THANKS in shared_page.text

    response = client_as(world.other_mentor).get(list_url(world.program))

    assert response.status_code == 200
    assert "<strong>Shadow the ward sister</strong>" in response.text
    assert "· a mentee of 2026 Partnerships," in response.text
    assert WHY in response.text
    assert "<h3>Learning from others</h3>" in response.text
    for trace in ("Mo Mentee", "mentee@example.org", "Mina Mentor", "mentor@example.org"):
        assert trace not in response.text


def test_the_share_page_offers_the_done_activities_only(world, client_as, plan):
    response = client_as(world.mentor).get(share_url(world.partnership))

    assert response.status_code == 200
    offered = set(response.context["form"].fields["activity"].queryset)
    assert offered == {plan.shadowing, plan.handover}
    assert "Shadow the ward sister (learning from others)" in response.text
    assert "Write the audit memo" not in response.text
    assert "Visit the other site" not in response.text


def test_without_a_done_activity_the_page_says_how_to_get_one(world, client_as):
    made = plan_services.plan_for_mentee(world.partnership)
    ActivityFactory(plan=made, title="Write the audit memo")

    response = client_as(world.mentee).get(share_url(world.partnership))

    assert response.status_code == 200
    assert response.context["has_done"] is False
    assert "Once an activity of your plan is done, you can share it here" in response.text
    assert 'name="why"' not in response.text


def _refused(response, field, message):
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors == {field: [message]}
    assert not form.non_field_errors()
    assert message in response.text
    assert not SharedPractice.objects.exists()


@pytest.mark.parametrize("which", ["audit", "skipped"])
def test_an_activity_not_done_is_refused(world, client_as, plan, which):
    activity = getattr(plan, which)

    response = client_as(world.mentee).post(
        share_url(world.partnership), {"activity": activity.pk, "why": WHY}
    )

    _refused(response, "activity", NOT_A_CHOICE)


def test_an_activity_of_another_plan_is_refused(world, client_as, plan):
    theirs = plan_services.plan_for_mentee(world.other_partnership)
    secret = done(theirs, "Olga's secret project")

    response = client_as(world.mentee).post(
        share_url(world.partnership), {"activity": secret.pk, "why": WHY}
    )

    _refused(response, "activity", NOT_A_CHOICE)
    assert "Olga&#x27;s secret project" not in response.text


@pytest.mark.parametrize("why", ["", "   \n "], ids=["empty", "blank"])
def test_an_empty_why_is_refused(world, client_as, plan, why):
    response = client_as(world.mentee).post(
        share_url(world.partnership), {"activity": plan.shadowing.pk, "why": why}
    )

    _refused(response, "why", "Say why it worked: that is what helps the next cohort.")


def test_no_activity_chosen_is_refused(world, client_as, plan):
    response = client_as(world.mentee).post(share_url(world.partnership), {"why": WHY})

    _refused(response, "activity", "Choose the activity you share.")


def test_sharing_the_same_activity_twice_is_refused(world, client_as, plan):
    client = client_as(world.mentee)
    data = {"activity": plan.shadowing.pk, "why": WHY}
    client.post(share_url(world.partnership), data)

    response = client.post(share_url(world.partnership), data | {"why": "Again."})

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors == {"activity": ["You have shared this activity already."]}
    assert [e.code for e in form.errors.as_data()["activity"]] == ["shared"]
    assert "You have shared this activity already." in response.text
    assert SharedPractice.objects.get().why == WHY


def test_each_partner_shares_the_same_activity_once(world, client_as, plan):
    data = {"activity": plan.shadowing.pk, "why": WHY}

    client_as(world.mentee).post(share_url(world.partnership), data)
    response = client_as(world.mentor).post(share_url(world.partnership), data)

    assert response.status_code == 302
    assert {(p.author, p.role) for p in SharedPractice.objects.all()} == {
        (world.mentee, "mentee"),
        (world.mentor, "mentor"),
    }


def test_what_was_shared_stays_as_it_was(world, client_as, plan):
    client_as(world.mentee).post(
        share_url(world.partnership), {"activity": plan.shadowing.pk, "why": WHY}
    )
    LearningActivity.objects.filter(pk=plan.shadowing.pk).update(title="Renamed", kind=DOING)
    world.cohort.name = "Renamed cohort"
    world.cohort.save()
    world.partnership.delete()

    practice = SharedPractice.objects.get()
    assert (practice.title, practice.kind, practice.cohort_name) == (
        "Shadow the ward sister",
        OTHERS,
        "2026 Partnerships",
    )
    assert (practice.partnership, practice.activity) == (None, None)
    response = client_as(world.other_mentee).get(list_url(world.program))
    assert "<strong>Shadow the ward sister</strong>" in response.text


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("mentee", 200),
        ("mentor", 200),
        ("coordinator", 403),
        ("other_mentor", 404),
        ("other_coordinator", 404),
        ("outsider", 404),
    ],
)
def test_who_opens_the_share_page(world, client_as, plan, role, status):
    response = client_as(world.user(role)).get(share_url(world.partnership))

    assert response.status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [("coordinator", 403), ("other_mentee", 404), ("other_coordinator", 404), ("outsider", 404)],
)
def test_only_the_partners_share(world, client_as, plan, role, status):
    response = client_as(world.user(role)).post(
        share_url(world.partnership), {"activity": plan.shadowing.pk, "why": WHY}
    )

    assert response.status_code == status
    assert not SharedPractice.objects.exists()


def test_an_anonymous_visitor_is_sent_to_sign_in(world, client, plan):
    for response in (
        client.get(share_url(world.partnership)),
        client.get(list_url(world.program)),
        client.post(suggest_url(shared(world.program)), {"cohort": world.cohort.pk}),
    ):
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    assert not StarterItem.objects.exists()


# Sharing, without HTTP


def test_practice_share_copies_the_activity(world, plan):
    practice = practice_share(
        partnership=world.partnership, author=world.mentor, activity=plan.handover, why=f" {WHY} "
    )

    assert practice.pk is not None
    assert (practice.role, practice.kind, practice.title, practice.why) == (
        "mentor",
        STRETCH,
        "Lead the handover",
        WHY,
    )


@pytest.mark.parametrize(
    ("which", "code"), [("audit", "not_done"), ("skipped", "not_done"), ("theirs", "invalid")]
)
def test_practice_share_refuses_what_is_not_a_done_activity_of_the_plan(world, plan, which, code):
    if which == "theirs":
        activity = done(plan_services.plan_for_mentee(world.other_partnership), "Theirs")
    else:
        activity = getattr(plan, which)

    with pytest.raises(ValidationError) as refused:
        practice_share(
            partnership=world.partnership, author=world.mentee, activity=activity, why=WHY
        )

    assert [e.code for e in refused.value.error_dict["activity"]] == [code]
    assert not SharedPractice.objects.exists()


def test_practice_share_refuses_a_partnership_without_a_plan(world, plan):
    # The other pair never started a plan: Mo's activity is not theirs.
    with pytest.raises(ValidationError) as refused:
        practice_share(
            partnership=world.other_partnership,
            author=world.other_mentee,
            activity=plan.shadowing,
            why=WHY,
        )

    assert [e.code for e in refused.value.error_dict["activity"]] == ["invalid"]


# The list


def test_the_list_filters_by_kind(world, client_as):
    shared(world.program, "Shadowing", OTHERS)
    shared(world.program, "A project abroad", STRETCH)
    shared(world.program, "Writing a memo", DOING)
    shared(world.other_program, "Northgate's stretch", STRETCH)
    client = client_as(world.mentee)

    every = client.get(list_url(world.program))
    stretch = client.get(list_url(world.program), {"kind": "stretch"})
    unknown = client.get(list_url(world.program), {"kind": "gossip"})

    assert {p.title for p in every.context["page"]} == {
        "Shadowing",
        "A project abroad",
        "Writing a memo",
    }
    assert [p.title for p in stretch.context["page"]] == ["A project abroad"]
    assert stretch.context["kind"] == "stretch"
    assert '<a href="?kind=stretch#practices" aria-current="page">' in stretch.text
    assert "Shadowing" not in stretch.text
    assert "Northgate" not in every.text
    assert unknown.context["kind"] == ""
    assert len(unknown.context["page"]) == 3


def test_the_list_groups_by_kind(world, client_as):
    shared(world.program, "Shadowing", OTHERS)
    shared(world.program, "Writing a memo", DOING)
    shared(world.program, "A project abroad", STRETCH)
    shared(world.program, "Situational mentoring", OTHERS)

    response = client_as(world.mentor).get(list_url(world.program))

    text = response.text
    headings = [text.index(f"<h3>{label}</h3>") for label in LearningActivity.Kind.labels]
    assert headings == sorted(headings)
    others = text.index("<h3>Learning from others</h3>")
    stretch = text.index("<h3>Stretch assignment</h3>")
    assert others < text.index("Shadowing") < stretch
    assert others < text.index("Situational mentoring") < stretch


def test_the_list_says_when_nothing_is_shared(world, client_as):
    shared(world.program, "Shadowing", OTHERS)
    client = client_as(world.mentee)

    assert (
        "Nothing of this kind shared yet."
        in client.get(list_url(world.program), {"kind": "doing"}).text
    )
    assert (
        "Nothing shared yet."
        in client_as(world.other_coordinator).get(list_url(world.other_program)).text
    )


def test_the_list_pages_by_thirty(world, client_as):
    assert PER_PAGE == 30
    for n in range(PER_PAGE + 1):
        shared(world.program, f"Stretch {n:02}", STRETCH)
    shared(world.program, "Shadowing", OTHERS)
    client = client_as(world.mentee)

    first = client.get(list_url(world.program), {"kind": "stretch"})
    second = client.get(list_url(world.program), {"kind": "stretch", "page": "2"})
    every = client.get(list_url(world.program), {"page": "2"})

    assert len(first.context["page"]) == 30
    assert len(second.context["page"]) == 1
    titles = {p.title for p in first.context["page"]} | {p.title for p in second.context["page"]}
    assert titles == {f"Stretch {n:02}" for n in range(31)}
    assert "1–30 of 31" in first.text
    # The next page keeps the kind chosen.
    assert 'href="?kind=stretch&amp;page=2#practices" rel="next"' in first.text
    assert "Shadowing" not in first.text + second.text
    assert every.context["page"].paginator.count == 32
    assert len(every.context["page"]) == 2


@pytest.mark.parametrize("n", [3, 30])
def test_the_list_costs_the_same_for_3_or_30_practices(
    world, client_as, django_assert_num_queries, n
):
    for i in range(n):
        practice = shared(world.program, f"Practice {i}")
        practice.suggested_to.add(world.cohort)
    client = client_as(world.coordinator)
    client.get(list_url(world.program))  # fills what the navigation caches

    # 1-2. session, user   3. the program   4-5. whether the user belongs to it (a
    # membership, else a coordinator)   6. the practices counted   7. whether the user
    # coordinates the program   8. the cohorts they may suggest to   9. unread
    # notifications (navigation)   10. the page of practices   11. the cohorts each is
    # in the starter plan of
    with django_assert_num_queries(11):
        response = client.get(list_url(world.program))

    assert len(response.context["page"]) == n
    assert response.text.count("In the starter plan of 2026 Partnerships.") == n


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("coordinator", 200),
        ("mentor", 200),
        ("mentee", 200),
        ("other_mentee", 200),
        ("earlier_mentee", 200),
        ("cohort_coordinator", 200),
        ("other_coordinator", 404),
        ("outsider", 404),
    ],
)
def test_who_reads_the_list(world, client_as, role, status):
    shared(world.program, "Shadowing", OTHERS, why="Ask to shadow a whole shift.")
    if role == "earlier_mentee":
        earlier = CohortFactory(
            program=world.program,
            name="2024 Partnerships",
            starts_on=datetime.date(2024, 1, 8),
            ends_on=datetime.date(2024, 12, 20),
        )
        user = MembershipFactory(cohort=earlier, role=Membership.Role.MENTEE).user
    elif role == "cohort_coordinator":
        user = MembershipFactory(cohort=world.cohort, role=Membership.Role.COORDINATOR).user
    else:
        user = world.user(role)

    response = client_as(user).get(list_url(world.program))

    assert response.status_code == status
    assert ("Ask to shadow a whole shift." in response.text) == (status == 200)


def test_an_unknown_program_is_404(world, client_as):
    response = client_as(world.coordinator).get(reverse("reports:practices", args=["nowhere"]))

    assert response.status_code == 404


def test_only_the_programs_coordinators_get_the_suggest_form(world, client_as):
    shared(world.program, "Shadowing", OTHERS)
    cohort_coordinator = MembershipFactory(
        cohort=world.cohort, role=Membership.Role.COORDINATOR
    ).user

    coordinator = client_as(world.coordinator).get(list_url(world.program))
    mentor = client_as(world.mentor).get(list_url(world.program))
    other = client_as(cohort_coordinator).get(list_url(world.program))

    assert coordinator.context["cohorts"] == [world.cohort]
    assert "Suggest it" in coordinator.text
    for response in (mentor, other):
        assert response.context["cohorts"] == []
        assert "Suggest it" not in response.text


# A coordinator suggests it to a cohort


@pytest.fixture
def practice(world):
    return shared(world.program, "Shadow the ward sister", OTHERS, why="Ask early.")


@pytest.fixture
def started(world):
    """Both pairs of the cohort started their plans; a third pair ended after starting."""
    ended = PartnershipFactory(cohort=world.cohort)
    plans = [plan_services.plan_for_mentee(p) for p in (world.partnership, world.other_partnership)]
    plan_services.plan_for_mentee(ended)
    ended.end(status=Partnership.Status.COMPLETED)
    return plans


def test_the_coordinator_suggests_it_into_a_running_cohorts_starter_plan(
    world, client_as, practice, started
):
    response = client_as(world.coordinator).post(
        suggest_url(practice), {"cohort": world.cohort.pk, "offer_to_existing": "on"}, follow=True
    )

    assert response.redirect_chain == [(list_url(world.program), 302)]
    item = StarterItem.objects.get()
    assert (item.cohort, item.kind, item.text, item.activity_kind, item.offered_later) == (
        world.cohort,
        StarterItem.Kind.ACTIVITY,
        "Shadow the ward sister",
        OTHERS,
        True,
    )
    # Offered to the two running plans; the ended pair's plan is left alone.
    offers = Suggestion.objects.filter(item=item)
    assert {s.plan for s in offers} == set(started)
    assert {s.status for s in offers} == {Suggestion.Status.PENDING}
    assert list(practice.suggested_to.all()) == [world.cohort]
    assert (
        "“Shadow the ward sister” is in the starter plan of 2026 Partnerships, "
        "and offered to 2 plans."
    ) in response.text
    assert "In the starter plan of 2026 Partnerships." in response.text


def test_without_the_offer_only_new_plans_begin_with_it(world, client_as, practice, started):
    response = client_as(world.coordinator).post(
        suggest_url(practice), {"cohort": world.cohort.pk}, follow=True
    )

    assert "“Shadow the ward sister” is in the starter plan of 2026 Partnerships." in response.text
    item = StarterItem.objects.get()
    assert item.offered_later is False
    assert not Suggestion.objects.exists()
    # A pair paired now begins its plan with the activity, of its kind.
    newcomer = PartnershipFactory(cohort=world.cohort)
    plan = plan_services.plan_for_mentee(newcomer)
    assert [(a.title, a.kind) for a in plan.activities.all()] == [
        ("Shadow the ward sister", OTHERS)
    ]


def test_a_second_suggestion_to_the_same_cohort_is_refused(world, client_as, practice):
    client = client_as(world.coordinator)
    client.post(suggest_url(practice), {"cohort": world.cohort.pk}, follow=True)

    response = client.post(
        suggest_url(practice), {"cohort": world.cohort.pk, "offer_to_existing": "on"}, follow=True
    )

    assert response.redirect_chain == [(list_url(world.program), 302)]
    assert "It is in the starter plan of 2026 Partnerships already." in response.text
    assert "offered to" not in response.text
    assert StarterItem.objects.count() == 1
    assert StarterItem.objects.get().offered_later is False


def test_it_goes_to_a_second_cohort_too(world, client_as, practice):
    later = CohortFactory(program=world.program, name="2027 Partnerships")
    client = client_as(world.coordinator)

    client.post(suggest_url(practice), {"cohort": world.cohort.pk})
    client.post(suggest_url(practice), {"cohort": later.pk})

    assert set(practice.suggested_to.all()) == {world.cohort, later}
    assert {i.cohort for i in StarterItem.objects.all()} == {world.cohort, later}


def _not_accepted(response, message=NOT_A_CHOICE):
    assert response.status_code == 200
    assert message in response.text
    assert not StarterItem.objects.exists()


def test_a_finished_cohort_is_not_accepted(world, client_as, practice):
    today = timezone.localdate()
    finished = CohortFactory(
        program=world.program,
        name="2025 Partnerships",
        starts_on=today - datetime.timedelta(days=400),
        ends_on=today - datetime.timedelta(days=1),
    )
    client = client_as(world.coordinator)

    page = client.get(list_url(world.program))
    response = client.post(suggest_url(practice), {"cohort": finished.pk}, follow=True)

    assert finished not in page.context["cohorts"]
    _not_accepted(response)
    assert practice.suggested_to.count() == 0


def test_a_cohort_ending_today_is_still_running(world, client_as, practice):
    today = timezone.localdate()
    last_day = CohortFactory(
        program=world.program, starts_on=today - datetime.timedelta(days=300), ends_on=today
    )

    client_as(world.coordinator).post(suggest_url(practice), {"cohort": last_day.pk})

    assert StarterItem.objects.get().cohort == last_day


def test_another_programs_cohort_is_not_accepted(world, client_as, practice):
    # Even by someone who coordinates both programs.
    world.other_program.coordinators.add(world.coordinator)

    response = client_as(world.coordinator).post(
        suggest_url(practice), {"cohort": world.other_cohort.pk}, follow=True
    )

    _not_accepted(response)


def test_no_cohort_chosen_is_not_accepted(world, client_as, practice):
    response = client_as(world.coordinator).post(suggest_url(practice), {}, follow=True)

    _not_accepted(response, "Choose the cohort whose starter plan gets it.")


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("mentor", 403),
        ("mentee", 403),
        ("cohort_coordinator", 403),
        ("other_coordinator", 404),
        ("outsider", 404),
    ],
)
def test_only_the_programs_coordinators_suggest(world, client_as, practice, role, status):
    if role == "cohort_coordinator":
        user = MembershipFactory(cohort=world.cohort, role=Membership.Role.COORDINATOR).user
    else:
        user = world.user(role)

    response = client_as(user).post(
        suggest_url(practice), {"cohort": world.cohort.pk, "offer_to_existing": "on"}
    )

    assert response.status_code == status
    assert not StarterItem.objects.exists()
    assert practice.suggested_to.count() == 0


def test_an_unknown_practice_is_404(world, client_as):
    response = client_as(world.coordinator).post(
        reverse("reports:practice-suggest", args=[987654]), {"cohort": world.cohort.pk}
    )

    assert response.status_code == 404


def test_suggesting_takes_a_post(world, client_as, practice):
    response = client_as(world.coordinator).get(suggest_url(practice))

    assert response.status_code == 405
    assert not StarterItem.objects.exists()


# Suggesting, without HTTP


def test_practice_suggest_counts_the_plans_offered(world, practice, started):
    assert practice_suggest(practice=practice, cohort=world.cohort, offer_to_existing=True) == 2
    with pytest.raises(ValidationError) as refused:
        practice_suggest(practice=practice, cohort=world.cohort)

    assert refused.value.code == "suggested"
    assert StarterItem.objects.count() == 1
    assert Suggestion.objects.count() == 2


def test_practice_suggest_without_offer_offers_nothing(world, practice, started):
    assert practice_suggest(practice=practice, cohort=world.cohort) == 0
    assert not Suggestion.objects.exists()


def test_a_mentor_is_not_offered_the_activities_of_a_plan_not_shared(world, client_as):
    # Only the mentee reads a draft (plans.permissions): its titles stay off the
    # mentor's page, and the mentor cannot share one with the whole program, as the
    # reflection form offers the mentor no activity of a plan they have not read.
    draft = plan_services.plan_for_mentee(world.partnership)
    secret = done(draft, "Quietly apply for the ward manager post")
    client = client_as(world.mentor)

    page = client.get(share_url(world.partnership))
    posted = client.post(share_url(world.partnership), {"activity": secret.pk, "why": WHY})

    assert page.status_code in (200, 403)
    assert "Quietly apply for the ward manager post" not in page.text
    assert posted.status_code in (400, 403)
    assert not SharedPractice.objects.exists()
