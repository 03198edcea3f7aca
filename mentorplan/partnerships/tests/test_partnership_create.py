"""The pairing form on the cohort page (partnerships:partnership-create)."""

import re

import pytest
from django.urls import reverse

from mentorplan.partnerships.forms import PartnershipForm
from mentorplan.partnerships.models import Partnership
from mentorplan.programs.models import Membership
from mentorplan.programs.tests.factories import MembershipFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def _url(world):
    return reverse("partnerships:partnership-create", args=[world.cohort.pk])


@pytest.fixture
def new_mentee(world):
    return MembershipFactory(cohort=world.cohort, role=Membership.Role.MENTEE).user


@pytest.mark.django_db
def test_pairs_and_redirects_to_cohort(world, client_as, new_mentee):
    response = client_as(world.coordinator).post(
        _url(world), {"mentor": world.mentor.pk, "mentee": new_mentee.pk}
    )

    assert response.status_code == 302
    assert response["Location"] == world.cohort.get_absolute_url()
    assert "HX-Redirect" not in response
    partnership = Partnership.objects.get(mentee=new_mentee)
    assert partnership.mentor == world.mentor
    assert partnership.created_by == world.coordinator


@pytest.mark.django_db
def test_htmx_success_sends_hx_redirect(world, client_as, new_mentee):
    response = client_as(world.coordinator).post(
        _url(world), {"mentor": world.mentor.pk, "mentee": new_mentee.pk}, **HTMX
    )

    # A 200, not a 302: the browser would follow a redirect itself and htmx would
    # never see the header (the page would not reload).
    assert response.status_code == 200
    assert response["HX-Redirect"] == world.cohort.get_absolute_url()
    assert Partnership.objects.filter(mentor=world.mentor, mentee=new_mentee).exists()


@pytest.mark.django_db
def test_service_error_shown_beside_the_field_with_400(world, client_as):
    count = Partnership.objects.count()

    response = client_as(world.coordinator).post(
        _url(world), {"mentor": world.mentor.pk, "mentee": world.mentee.pk}
    )

    assert response.status_code == 400
    assert response.context["pair_form"].has_error("mentee", "duplicate")
    html = response.content.decode()
    assert "<html" in html
    assert '<ul class="errorlist" id="id_mentee_error"><li>Mina Mentor and Mo Mentee are' in html
    assert Partnership.objects.count() == count


@pytest.mark.django_db
def test_htmx_error_returns_only_the_form_partial(world, client_as, new_mentee):
    Membership.objects.filter(user=world.mentor, cohort=world.cohort).update(capacity=1)

    response = client_as(world.coordinator).post(
        _url(world), {"mentor": world.mentor.pk, "mentee": new_mentee.pk}, **HTMX
    )

    assert response.status_code == 200
    html = response.content.decode().strip()
    assert html.startswith('<div id="pair-form">')
    assert "<html" not in html
    assert "Partnerships</h2>" not in html
    assert 'id="id_mentor_error"' in html
    assert "is at capacity (1)" in html
    assert not Partnership.objects.filter(mentee=new_mentee).exists()


@pytest.mark.django_db
def test_the_form_keeps_the_choice_and_escapes_names(world, client_as, new_mentee):
    Membership.objects.filter(user=world.mentor, cohort=world.cohort).update(capacity=1)
    new_mentee.display_name = "<b>Bold</b> Mentee"
    new_mentee.save()

    response = client_as(world.coordinator).post(
        _url(world), {"mentor": world.mentor.pk, "mentee": new_mentee.pk}, **HTMX
    )

    html = response.content.decode()
    mentor_group = re.search(r"<fieldset[^>]*>\s*<legend>Mentor:</legend>", html)[0]
    assert 'aria-describedby="id_mentor_error"' in mentor_group
    # Mina is full now, so a search would not offer her; the refused pick stays first,
    # checked and marked invalid (app.js moves the focus to it).
    radios = re.findall(r'<input type="radio" name="mentor"[^>]*>', html)
    assert radios[0] == (
        f'<input type="radio" name="mentor" value="{world.mentor.pk}"'
        f' id="id_mentor_{world.mentor.pk}" checked aria-invalid="true">'
    )
    assert 'Mina Mentor <small class="muted">mentor@example.org · 1 of 1 mentees, full' in html
    assert (
        f'value="{new_mentee.pk}" id="id_mentee_{new_mentee.pk}" checked>'
        " <span>&lt;b&gt;Bold&lt;/b&gt; Mentee <small"
    ) in html
    assert "<b>Bold</b>" not in html
    assert "<select" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("mentor", "code", "message"),
    [
        ("", "required", "Search for a mentor and pick one."),
        ("nobody", "invalid_choice", "Pick a mentor of this cohort from the search results."),
        ("99999999999999999999999", "invalid_choice", "Pick a mentor of this cohort"),
        ("-1", "invalid_choice", "Pick a mentor of this cohort"),
        ("northgate", "invalid_choice", "Pick a mentor of this cohort"),
        ("coordinator", "invalid_choice", "Pick a mentor of this cohort"),
    ],
)
def test_a_bad_or_foreign_pick_is_a_field_error(
    world, client_as, new_mentee, mentor, code, message
):
    north = MembershipFactory(cohort=world.other_cohort, role=Membership.Role.MENTOR).user
    mentor = {"northgate": north.pk, "coordinator": world.coordinator.pk}.get(mentor, mentor)

    response = client_as(world.coordinator).post(
        _url(world), {"mentor": mentor, "mentee": new_mentee.pk}
    )

    assert response.status_code == 400
    form = response.context["pair_form"]
    assert form.has_error("mentor", code)
    assert not form.has_error("mentee")
    assert f'<ul class="errorlist" id="id_mentor_error"><li>{message}' in response.content.decode()
    assert not Partnership.objects.filter(mentee=new_mentee).exists()
    # The foreign person is not shown as the pick either.
    assert north.display_name not in response.content.decode()


@pytest.mark.django_db
def test_person_not_in_the_lists_is_refused_by_the_form(world, client_as):
    response = client_as(world.coordinator).post(
        _url(world), {"mentor": world.mentee.pk, "mentee": world.other_mentee.pk}
    )

    assert response.status_code == 400
    assert response.context["pair_form"].has_error("mentor", "invalid_choice")


@pytest.mark.django_db
def test_choices_are_people_with_that_role_in_this_cohort(world):
    # The mentee mentors in another cohort, and the mentor is mentored there:
    # neither should appear in the other list for this cohort.
    MembershipFactory(user=world.mentee, cohort=world.other_cohort, role=Membership.Role.MENTOR)
    MembershipFactory(user=world.mentor, cohort=world.other_cohort, role=Membership.Role.MENTEE)

    form = PartnershipForm(cohort=world.cohort)

    assert set(form.fields["mentor"].queryset) == {world.mentor, world.other_mentor}
    assert set(form.fields["mentee"].queryset) == {world.mentee, world.other_mentee}
    assert form.fields["mentor"].queryset.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("mentor", 403),
        ("mentee", 403),
        ("other_coordinator", 404),
    ],
)
def test_only_coordinators_pair(world, client_as, new_mentee, role, status):
    response = client_as(world.user(role)).post(
        _url(world), {"mentor": world.mentor.pk, "mentee": new_mentee.pk}
    )
    assert response.status_code == status
    assert not Partnership.objects.filter(mentee=new_mentee).exists()


@pytest.mark.django_db
def test_needs_post(world, client_as):
    assert client_as(world.coordinator).get(_url(world)).status_code == 405


@pytest.mark.django_db
def test_a_refused_htmx_pair_keeps_the_searches(world, client_as, new_mentee):
    Membership.objects.filter(user=world.mentor, cohort=world.cohort).update(capacity=1)
    data = {"mentor": world.mentor.pk, "mentee": new_mentee.pk, "mentor_q": "otto"}

    response = client_as(world.coordinator).post(_url(world), data, **HTMX)

    html = response.content.decode()
    assert 'name="mentor_q" value="otto"' in html
    # The refused pick first, then what the search found.
    picks = re.findall(r'<input type="radio" name="mentor" value="(\d+)"', html)
    assert picks == [str(world.mentor.pk), str(world.other_mentor.pk)]
    assert "1 mentor with room in 2026 Partnerships matches “otto”." in html
