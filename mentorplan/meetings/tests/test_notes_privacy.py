"""Shared notes never lose a word; private notes and check-ins are their author's alone."""

import pytest
from django.urls import reverse

from mentorplan.accounts.tests.factories import UserFactory
from mentorplan.meetings import services
from mentorplan.meetings.models import CheckIn, MeetingNotes, PrivateNote
from mentorplan.tests.roles import ROLES

from .factories import MeetingFactory, in_days

pytestmark = pytest.mark.django_db

PRIVATE = "I worry Mo is taking on too much"
CHECK_IN = "The pace felt rushed to me"


def test_two_people_saving_the_notes_at_once_keep_both_texts(world, client_as):
    meeting = MeetingFactory(partnership=world.partnership)
    url = reverse("meetings:notes-save", args=[meeting.pk])
    # Both opened the page when there were no notes (version 0).
    first = client_as(world.mentor).post(url, {"text": "Mina's notes", "version": "0"})
    second = client_as(world.mentee).post(url, {"text": "Mo's notes", "version": "0"})

    assert first.status_code == 302
    assert second.status_code == 409
    html = second.content.decode()
    assert "Mina&#x27;s notes" in html
    assert "Mo&#x27;s notes" in html
    assert MeetingNotes.objects.get().text == "Mina's notes"
    # Saving again from the conflict form is a deliberate choice, at the current version.
    form = second.context["notes_form"]
    third = client_as(world.mentee).post(
        url, {"text": "Both notes", "version": form["version"].value()}
    )
    assert third.status_code == 302
    assert MeetingNotes.objects.get().text == "Both notes"


def test_a_post_without_a_version_cannot_overwrite(world):
    meeting = MeetingFactory(partnership=world.partnership)
    services.notes_save(meeting=meeting, by=world.mentor, text="Kept", expected_version=0)
    with pytest.raises(services.EditConflict):
        services.notes_save(meeting=meeting, by=world.mentee, text="Lost?", expected_version=None)
    assert MeetingNotes.objects.get().text == "Kept"


@pytest.fixture
def private(world):
    meeting = MeetingFactory(partnership=world.partnership, starts_at=in_days(-1))
    services.private_note_save(
        meeting=meeting, author=world.mentor, text=PRIVATE, expected_version=0
    )
    services.check_in_record(meeting=meeting, by=world.mentor, usefulness=2, comment=CHECK_IN)
    # The program lets coordinators read plan text: still not private notes or check-ins.
    world.program.coordinators_read_plans = True
    world.program.save()
    return meeting


@pytest.mark.parametrize("role", ROLES)
def test_a_private_note_and_a_check_in_are_read_by_their_author_only(
    world, client_as, private, role
):
    user = world.user(role)
    pages = [
        private.get_absolute_url(),
        world.partnership.get_absolute_url(),
        reverse("home"),
        reverse("plans:plan-detail", args=[world.partnership.pk]),
    ]
    client = client_as(user) if user else client_as(None)
    for url in pages:
        content = client.get(url).content.decode()
        if role == "mentor" and url == private.get_absolute_url():
            assert PRIVATE in content
            assert "You rated this meeting 2/5" in content
        else:
            assert PRIVATE not in content, url
            assert CHECK_IN not in content, url


def test_the_partner_sees_their_own_empty_private_note_not_the_authors(world, client_as, private):
    response = client_as(world.mentee).get(private.get_absolute_url())
    assert response.context["private_note_form"].instance.pk is None
    assert response.context["check_in"] is None


def test_staff_in_the_admin_never_read_private_notes_or_check_ins(world, client_as, private):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client = client_as(staff)
    assert "privatenote" not in client.get(reverse("admin:index")).content.decode().lower()
    pages = [
        reverse("admin:meetings_meeting_changelist"),
        reverse("admin:meetings_meeting_change", args=[private.pk]),
        reverse("admin:meetings_meeting_changelist") + "?q=worry",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert PRIVATE not in content
        assert CHECK_IN not in content
    for model in ("privatenote", "checkin", "meetingnotes"):
        assert client.get(f"/admin/meetings/{model}/").status_code == 404
    assert PrivateNote.objects.count() == 1
    assert CheckIn.objects.count() == 1
    assert "worry" not in str(PrivateNote.objects.get())


def test_no_check_in_before_the_meeting(world, client_as):
    meeting = MeetingFactory(partnership=world.partnership, starts_at=in_days(2))
    response = client_as(world.mentee).post(
        reverse("meetings:check-in", args=[meeting.pk]), {"usefulness": "5"}
    )
    assert response.status_code == 403
    assert not CheckIn.objects.exists()


def test_a_check_in_is_one_per_person_and_can_be_changed(world, client_as):
    meeting = MeetingFactory(partnership=world.partnership, starts_at=in_days(-1))
    url = reverse("meetings:check-in", args=[meeting.pk])
    client = client_as(world.mentee)
    client.post(url, {"usefulness": "3"})
    client.post(url, {"usefulness": "5", "comment": "Better than I thought"})
    assert list(CheckIn.objects.values_list("usefulness", "comment")) == [
        (5, "Better than I thought")
    ]
    bad = client.post(url, {"usefulness": "9"})
    assert bad.status_code == 400
    assert bad.context["check_in_form"].errors["usefulness"]
