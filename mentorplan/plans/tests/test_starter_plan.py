"""A cohort's starter plan (plans.views.starter): copied into new plans, offered to started ones."""

import pytest
from django.urls import reverse

from mentorplan.partnerships.models import Partnership
from mentorplan.partnerships.tests.factories import PartnershipFactory
from mentorplan.plans import services
from mentorplan.plans.models import LearningActivity, StarterItem, Suggestion
from mentorplan.tests.roles import ROLES

# The cohort's coordinators only; its participants know the cohort (403), nobody else does.
EXPECTED = {
    "anonymous": 302,
    "outsider": 404,
    "mentee": 403,
    "mentor": 403,
    "other_mentor": 403,
    "other_coordinator": 404,
    "coordinator": 200,
}


def _url(cohort):
    return reverse("plans:cohort-starter", args=[cohort.pk])


def _add(cohort, kind, text, *, offer=False, **fields):
    item = StarterItem(kind=kind, text=text, **fields)
    services.starter_item_add(cohort=cohort, item=item, offer_to_existing=offer)
    return item


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_page_by_role(world, client_as, role):
    response = client_as(world.user(role)).get(_url(world.cohort))
    assert response.status_code == EXPECTED[role]
    if EXPECTED[role] != 200:
        assert "Starter plan" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_adding_by_role(world, client_as, role):
    response = client_as(world.user(role)).post(
        _url(world.cohort), {"kind": "goal", "text": "Lead a project"}
    )

    if EXPECTED[role] == 200:
        assert response.status_code == 302
        item = StarterItem.objects.get()
        assert (item.cohort, item.kind, item.text, item.offered_later) == (
            world.cohort,
            "goal",
            "Lead a project",
            False,
        )
    else:
        assert response.status_code == EXPECTED[role]
        assert not StarterItem.objects.exists()


@pytest.mark.django_db
def test_page_groups_items_by_kind(world, client_as):
    _add(world.cohort, "goal", "Lead a project")
    _add(world.cohort, "objective", "Speak up in meetings", objective_category="confidence")
    _add(world.cohort, "activity", "Shadow a director", activity_kind="others")

    response = client_as(world.coordinator).get(_url(world.cohort))

    html = response.content.decode()
    [goals, objectives, activities] = response.context["sections"]
    assert [i.text for g in goals.groups for i in g.items] == ["Lead a project"]
    assert {g.value: [i.text for i in g.items] for g in objectives.groups}["confidence"] == [
        "Speak up in meetings"
    ]
    assert {g.value: [i.text for i in g.items] for g in activities.groups}["others"] == [
        "Shadow a director"
    ]
    # The seed's examples are hints for each kind of activity.
    for examples in LearningActivity.EXAMPLES.values():
        for example in examples:
            assert example.lower() in html
    assert "copied into it" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"kind": "objective", "text": "Speak up"}, "objective_category", "Choose a category."),
        ({"kind": "activity", "text": "Shadowing"}, "activity_kind", "Choose a kind of activity."),
        ({"kind": "goal", "text": ""}, "text", "Write the goal, objective or activity."),
    ],
)
def test_invalid_item_is_refused_beside_the_field(world, client_as, data, field, message):
    response = client_as(world.coordinator).post(_url(world.cohort), data)

    assert response.status_code == 422
    html = response.content.decode()
    assert f'<ul class="errorlist" id="id_{field}_error"><li>{message}</li></ul>' in html
    assert f'aria-describedby="id_{field}_error"' in html
    assert not StarterItem.objects.exists()


@pytest.mark.django_db
def test_a_leftover_choice_of_another_kind_is_dropped(world, client_as):
    client_as(world.coordinator).post(
        _url(world.cohort),
        {"kind": "goal", "text": "Lead", "objective_category": "skill", "activity_kind": "doing"},
    )
    item = StarterItem.objects.get()
    assert (item.objective_category, item.activity_kind) == ("", "")


@pytest.mark.django_db
def test_items_are_copied_into_a_new_plan(world):
    _add(world.cohort, "goal", "Lead a project")
    _add(world.cohort, "goal", "Get promoted")
    _add(world.cohort, "objective", "Learn SQL", objective_category="skill")
    _add(world.cohort, "activity", "Write a memo", activity_kind="doing")
    _add(world.other_cohort, "goal", "Another program's goal")

    plan = services.plan_for_mentee(world.partnership)

    assert [(g.position, g.statement) for g in plan.goals.all()] == [
        (0, "Lead a project"),
        (1, "Get promoted"),
    ]
    assert [(o.category, o.statement) for o in plan.objectives.all()] == [("skill", "Learn SQL")]
    [activity] = plan.activities.all()
    assert (activity.kind, activity.title) == ("doing", "Write a memo")
    assert activity.starts_on <= activity.due_on == world.cohort.ends_on
    assert not plan.suggestions.exists()


@pytest.mark.django_db
def test_offering_later_suggests_it_to_each_started_active_plan(world, client_as):
    started = [services.plan_for_mentee(p) for p in (world.partnership, world.other_partnership)]
    ended = PartnershipFactory(cohort=world.cohort)
    services.plan_for_mentee(ended)
    ended.end(status=Partnership.Status.COMPLETED)
    PartnershipFactory(cohort=world.cohort)  # no plan yet

    response = client_as(world.coordinator).post(
        _url(world.cohort),
        {"kind": "goal", "text": "Mentor someone", "offer_to_existing": "on"},
        follow=True,
    )

    item = StarterItem.objects.get()
    assert item.offered_later
    assert {s.plan for s in item.suggestions.all()} == set(started)
    assert all(s.status == Suggestion.Status.PENDING for s in item.suggestions.all())
    assert not any(p.goals.exists() for p in started)  # offered, not imposed
    assert "It is offered to the 2 plans already started." in response.content.decode()


@pytest.mark.django_db
def test_offering_twice_does_not_suggest_twice(world):
    plan = services.plan_for_mentee(world.partnership)
    item = _add(world.cohort, "goal", "Mentor someone", offer=True)

    offered = services.starter_item_add(cohort=world.cohort, item=item, offer_to_existing=True)

    assert offered == 1
    assert Suggestion.objects.filter(plan=plan, item=item).count() == 1


@pytest.mark.django_db
def test_a_plan_started_after_the_offer_gets_the_item(world):
    _add(world.cohort, "goal", "Mentor someone", offer=True)

    plan = services.plan_for_mentee(world.partnership)

    assert [g.statement for g in plan.goals.all()] == ["Mentor someone"]
    assert not plan.suggestions.exists()


@pytest.mark.django_db
def test_page_counts_the_answers_to_an_offer(world, client_as):
    plans = [services.plan_for_mentee(p) for p in (world.partnership, world.other_partnership)]
    plans.append(services.plan_for_mentee(PartnershipFactory(cohort=world.cohort)))
    item = _add(world.cohort, "goal", "Mentor someone", offer=True)
    first, second, _ = (Suggestion.objects.get(plan=p, item=item) for p in plans)
    services.suggestion_decide(suggestion=first, by=world.mentee, accept=True)
    services.suggestion_decide(suggestion=second, by=world.mentee, accept=False)

    html = client_as(world.coordinator).get(_url(world.cohort)).content.decode()

    assert "1 accepted · 1 dismissed · 1 not answered yet" in html


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 10])
def test_query_count_does_not_grow_with_items(world, client_as, django_assert_num_queries, n):
    for i in range(n):
        _add(world.cohort, "goal", f"Goal {i}", offer=True)
    client = client_as(world.coordinator)

    # Session, user, cohort with program, "does the user run it", the items with
    # their answer counts, the count of started plans, the unread notifications
    # count in the navigation.
    with django_assert_num_queries(7):
        response = client.get(_url(world.cohort))

    assert response.context["sections"][0].count == n


def _delete_url(cohort, item):
    return reverse("plans:starter-item-delete", args=[cohort.pk, item.pk])


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_removing_by_role(world, client_as, role):
    item = _add(world.cohort, "goal", "Lead a project")

    response = client_as(world.user(role)).post(_delete_url(world.cohort, item))

    removed = not StarterItem.objects.filter(pk=item.pk).exists()
    if EXPECTED[role] == 200:
        assert response.status_code == 302
        assert response["Location"] == _url(world.cohort)
        assert removed
    else:
        assert response.status_code == EXPECTED[role]
        assert not removed


@pytest.mark.django_db
def test_removing_withdraws_pending_offers_and_keeps_plans(world, client_as):
    plan = services.plan_for_mentee(world.partnership)
    copied = _add(world.cohort, "goal", "Copied")
    services.plan_for_mentee(world.other_partnership)  # gets "Copied"
    offered = _add(world.cohort, "goal", "Offered", offer=True)
    client = client_as(world.coordinator)

    client.post(_delete_url(world.cohort, copied))
    client.post(_delete_url(world.cohort, offered))

    assert not StarterItem.objects.exists()
    assert not plan.suggestions.exists()
    assert [g.statement for g in world.other_partnership.plan.goals.all()] == ["Copied"]


@pytest.mark.django_db
def test_removing_an_item_of_another_cohort_is_404(world, client_as):
    item = _add(world.other_cohort, "goal", "Theirs")

    response = client_as(world.coordinator).post(_delete_url(world.cohort, item))

    assert response.status_code == 404
    assert StarterItem.objects.filter(pk=item.pk).exists()


@pytest.mark.django_db
def test_removing_needs_post(world, client_as):
    item = _add(world.cohort, "goal", "Lead a project")
    assert client_as(world.coordinator).get(_delete_url(world.cohort, item)).status_code == 405


@pytest.mark.django_db
def test_cohort_page_links_to_it(world, client_as):
    url = reverse("partnerships:cohort-detail", args=[world.cohort.pk])
    assert _url(world.cohort) in client_as(world.coordinator).get(url).content.decode()
