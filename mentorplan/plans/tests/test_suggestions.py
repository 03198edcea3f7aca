"""Suggestions on the plan page (plans.views.starter.suggestion_decide): accept or dismiss."""

import pytest
from django.urls import reverse

from mentorplan.partnerships.models import Partnership
from mentorplan.plans import services
from mentorplan.plans.models import StarterItem, Suggestion
from mentorplan.tests.roles import ROLES

# Only the mentee decides, while the partnership is active. The mentor and the
# coordinators know the plan (403); anyone else learns nothing (404).
EXPECTED = {
    "anonymous": 302,
    "outsider": 404,
    "mentee": 302,
    "mentor": 403,
    "other_mentor": 404,
    "other_coordinator": 404,
    "coordinator": 403,
}


def _offer(world, kind="goal", text="Mentor someone", **fields):
    """The mentee's plan (shared) and a suggestion the coordinator offered to it."""
    plan = services.plan_for_mentee(world.partnership)
    services.plan_share(plan=plan, by=plan.partnership.mentee)
    item = StarterItem(kind=kind, text=text, **fields)
    services.starter_item_add(cohort=world.cohort, item=item, offer_to_existing=True)
    return plan, Suggestion.objects.get(plan=plan, item=item)


def _url(world, suggestion, decision):
    return reverse("plans:suggestion-decide", args=[world.partnership.pk, suggestion.pk, decision])


@pytest.mark.django_db
def test_mentee_sees_pending_suggestions(world, client_as):
    plan, suggestion = _offer(world)

    html = client_as(world.mentee).get(plan.get_absolute_url()).content.decode()

    assert "Suggested by your coordinator" in html
    assert "Mentor someone" in html
    assert _url(world, suggestion, "accept") in html
    assert _url(world, suggestion, "dismiss") in html


@pytest.mark.django_db
def test_mentor_does_not_see_them(world, client_as):
    plan, suggestion = _offer(world)

    html = client_as(world.mentor).get(plan.get_absolute_url()).content.decode()

    assert "Suggested by your coordinator" not in html
    assert _url(world, suggestion, "accept") not in html


@pytest.mark.django_db
def test_section_is_hidden_when_nothing_is_pending(world, client_as):
    plan = services.plan_for_mentee(world.partnership)

    html = client_as(world.mentee).get(plan.get_absolute_url()).content.decode()

    # Kept in the page, hidden, so an htmx answer has a place to swap into.
    assert '<section id="suggestions"' in html
    assert "hidden>" in html.split('<section id="suggestions"')[1].split("\n")[0]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_deciding_by_role(world, client_as, role):
    plan, suggestion = _offer(world)

    response = client_as(world.user(role)).post(_url(world, suggestion, "accept"))

    assert response.status_code == EXPECTED[role]
    suggestion.refresh_from_db()
    accepted = suggestion.status == Suggestion.Status.ACCEPTED
    assert accepted == (role == "mentee")
    assert plan.goals.exists() == accepted


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "fields", "section", "created"),
    [
        ("goal", {}, "goals", lambda p: [(g.statement, g.position) for g in p.goals.all()]),
        (
            "objective",
            {"objective_category": "network"},
            "objectives",
            lambda p: [(o.statement, o.category) for o in p.objectives.all()],
        ),
        (
            "activity",
            {"activity_kind": "stretch"},
            "activities",
            lambda p: [(a.title, a.kind) for a in p.activities.all()],
        ),
    ],
)
def test_accept_adds_the_item(world, client_as, kind, fields, section, created):
    plan, suggestion = _offer(world, kind, "Join a board", **fields)

    response = client_as(world.mentee).post(_url(world, suggestion, "accept"), follow=True)

    assert response.redirect_chain[-1][0] == plan.get_absolute_url() + f"#{section}"
    expected = {"goals": 0, "objectives": "network", "activities": "stretch"}[section]
    assert created(plan) == [("Join a board", expected)]
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.ACCEPTED
    assert suggestion.decided_at is not None
    html = response.content.decode()
    assert "“Join a board” is added to your plan." in html
    assert _url(world, suggestion, "accept") not in html  # no longer pending


@pytest.mark.django_db
def test_dismiss_adds_nothing(world, client_as):
    plan, suggestion = _offer(world)

    response = client_as(world.mentee).post(_url(world, suggestion, "dismiss"), follow=True)

    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.DISMISSED
    assert not plan.goals.exists()
    assert "“Mentor someone” is dismissed." in response.content.decode()


@pytest.mark.django_db
def test_deciding_twice_is_refused(world, client_as):
    plan, suggestion = _offer(world)
    client = client_as(world.mentee)
    client.post(_url(world, suggestion, "accept"))

    response = client.post(_url(world, suggestion, "accept"), follow=True)

    assert "This suggestion has already been answered." in response.content.decode()
    assert plan.goals.count() == 1
    response = client.post(_url(world, suggestion, "dismiss"))
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.ACCEPTED


@pytest.mark.django_db
def test_unknown_decision_is_404(world, client_as):
    _, suggestion = _offer(world)

    response = client_as(world.mentee).post(_url(world, suggestion, "maybe"))

    assert response.status_code == 404
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.PENDING


@pytest.mark.django_db
def test_suggestion_of_another_plan_is_404(world, client_as):
    services.plan_for_mentee(world.other_partnership)  # started before the offer
    _offer(world)
    other = Suggestion.objects.get(plan__partnership=world.other_partnership)

    response = client_as(world.mentee).post(_url(world, other, "accept"))

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == Suggestion.Status.PENDING


@pytest.mark.django_db
def test_not_once_the_partnership_ended(world, client_as):
    plan, suggestion = _offer(world)
    world.partnership.end(status=Partnership.Status.COMPLETED)

    response = client_as(world.mentee).post(_url(world, suggestion, "accept"))

    assert response.status_code == 403
    assert not plan.goals.exists()
    html = client_as(world.mentee).get(plan.get_absolute_url()).content.decode()
    assert "Suggested by your coordinator" not in html


@pytest.mark.django_db
def test_get_is_405(world, client_as):
    _, suggestion = _offer(world)
    assert client_as(world.mentee).get(_url(world, suggestion, "accept")).status_code == 405


@pytest.mark.django_db
def test_htmx_accept_swaps_the_suggestions_and_the_goals(world, client_as):
    _, suggestion = _offer(world)

    response = client_as(world.mentee).post(
        _url(world, suggestion, "accept"), headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert response["HX-Retarget"] == "#suggestions"
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="suggestions"')
    assert "“Mentor someone” is added to your plan." in html
    # The goals section comes along, picked out by the section's hx-select-oob.
    assert 'hx-select-oob="#goals,#objectives,#activities"' in html
    assert '<section id="goals"' in html
    assert "Mentor someone" in html.split('<section id="goals"')[1]
    assert 'id="checklist"' in html


@pytest.mark.django_db
def test_htmx_deciding_twice_says_so_in_the_section(world, client_as):
    _, suggestion = _offer(world)
    client = client_as(world.mentee)
    client.post(_url(world, suggestion, "dismiss"))

    response = client.post(_url(world, suggestion, "accept"), headers={"HX-Request": "true"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "This suggestion has already been answered." in html
    assert '<section id="goals"' not in html
