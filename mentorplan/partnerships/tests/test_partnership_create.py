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
    mentor_select = re.search(r'<select name="mentor"[^>]*>', html).group(0)
    assert 'id="id_mentor"' in mentor_select
    assert 'aria-invalid="true"' in mentor_select
    assert 'aria-describedby="id_mentor_error"' in mentor_select
    assert f'<option value="{world.mentor.pk}" selected>' in html
    assert f'<option value="{new_mentee.pk}" selected>&lt;b&gt;Bold&lt;/b&gt; Mentee' in html
    assert '<option value="">Choose a mentor</option>' in html
    assert "<b>Bold</b>" not in html


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
