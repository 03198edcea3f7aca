"""Nudges: one pair (reports:partnership-nudge) or every pair at risk (reports:cohort-nudge).

A nudge is recorded (``Nudge``) and told to both partners as a notification of
kind "nudge" whose body is the message; an ended partnership is nobody to nudge.
"""

import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from mentorplan.notifications.models import Notification
from mentorplan.partnerships.models import Partnership
from mentorplan.reports.health import Flag
from mentorplan.reports.models import Nudge
from mentorplan.reports.services import MESSAGE_MAX, default_nudge, nudge_send

from .factories import Scene, cohort_for, reading_in_utc

pytestmark = pytest.mark.django_db

MESSAGE = "Hello both, how are the first weeks going?"


def nudge_url(partnership):
    return reverse("reports:partnership-nudge", args=[partnership.pk])


def cohort_nudge_url(cohort):
    return reverse("reports:cohort-nudge", args=[cohort.pk])


def dashboard_url(cohort):
    return reverse("reports:cohort-dashboard", args=[cohort.pk])


@pytest.fixture
def coordinator(world, client_as):
    return client_as(reading_in_utc(world.coordinator))


@pytest.fixture
def live(world):
    now = timezone.now()
    return Scene(cohort_for(world.program, now=now), now)


def nudges_told(partnership):
    return Notification.objects.filter(partnership=partnership, kind="nudge")


# One pair


def test_the_coordinator_nudges_a_pair(world, coordinator):
    response = coordinator.post(nudge_url(world.partnership), {"message": f"  {MESSAGE}\n"})

    assert response.status_code == 302
    assert response.url == dashboard_url(world.cohort)
    nudge = Nudge.objects.get(partnership=world.partnership)
    assert nudge.message == MESSAGE
    assert nudge.sent_by == world.coordinator
    told = {n.recipient: n for n in nudges_told(world.partnership)}
    assert set(told) == {world.mentee, world.mentor}
    for notification in told.values():
        assert notification.body == MESSAGE
        assert notification.actor == world.coordinator
        assert notification.title == (
            "Cora Coordinator, your program's coordinator, wrote to you both"
        )
        assert notification.url == world.partnership.get_absolute_url()
    # Nobody else heard of it.
    assert not Nudge.objects.exclude(partnership=world.partnership).exists()
    assert not nudges_told(world.other_partnership).exists()


def test_the_success_message_names_both(world, coordinator):
    response = coordinator.post(nudge_url(world.partnership), {"message": MESSAGE}, follow=True)

    assert "Your message went to Mo Mentee and Mina Mentor." in response.text


@pytest.mark.parametrize("message", ["", "   \n  "])
def test_an_empty_message_is_a_field_error(world, coordinator, message):
    response = coordinator.post(nudge_url(world.partnership), {"message": message})

    assert response.status_code == 400
    assert response.context["form"].errors == {"message": ["Write the message to send."]}
    assert "Write the message to send." in response.text
    assert not Nudge.objects.exists()
    assert not Notification.objects.filter(kind="nudge").exists()


def test_a_message_too_long_is_a_field_error(world, coordinator):
    response = coordinator.post(nudge_url(world.partnership), {"message": "x" * (MESSAGE_MAX + 1)})

    assert response.status_code == 400
    assert "message" in response.context["form"].errors
    assert not Nudge.objects.exists()


def test_an_ended_partnership_is_refused(world, coordinator):
    world.partnership.end(status=Partnership.Status.COMPLETED)

    response = coordinator.post(nudge_url(world.partnership), {"message": MESSAGE})

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == ["This partnership has ended."]
    assert "there is nobody to nudge" in response.text
    assert "<textarea" not in response.text
    assert not Nudge.objects.exists()
    assert not Notification.objects.filter(kind="nudge").exists()


def test_an_ended_partnership_shows_no_form(world, coordinator):
    world.partnership.end(status=Partnership.Status.ENDED_EARLY, reason="Moved away")

    response = coordinator.get(nudge_url(world.partnership))

    assert response.status_code == 200
    assert "there is nobody to nudge" in response.text
    assert "<textarea" not in response.text


def test_the_form_starts_from_the_pairs_reasons(live, coordinator):
    partnership = live.pair(mentee="Ada Unshared", mentor="Max Mentor", began=25)

    response = coordinator.get(nudge_url(partnership))

    assert response.status_code == 200
    initial = response.context["form"].initial["message"]
    assert initial.startswith("Hello both,")
    assert "- Plan not shared 25 days after pairing" in initial
    assert "Why this partnership is at risk" in response.text
    assert "Never nudged before." in response.text


def test_a_pair_on_track_is_told_so(live, coordinator):
    partnership = live.on_track()

    response = coordinator.get(nudge_url(partnership))

    assert "This partnership is on track" in response.text
    assert (
        "What I see on the program's dashboard" not in response.context["form"].initial["message"]
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [("mentor", 403), ("mentee", 403), ("other_coordinator", 404), ("outsider", 404)],
)
def test_only_the_cohorts_coordinators_nudge(world, client_as, role, status):
    client = client_as(world.user(role))

    assert client.get(nudge_url(world.partnership)).status_code == status
    assert client.post(nudge_url(world.partnership), {"message": MESSAGE}).status_code == status
    assert not Nudge.objects.exists()
    assert not Notification.objects.filter(kind="nudge").exists()


def test_anonymous_is_sent_to_sign_in(world, client):
    response = client.post(nudge_url(world.partnership), {"message": MESSAGE})

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not Nudge.objects.exists()


# The domain function, without HTTP


def test_nudge_send_refuses_an_ended_partnership(world):
    world.partnership.end(status=Partnership.Status.COMPLETED)

    with pytest.raises(ValidationError) as raised:
        nudge_send(partnership=world.partnership, by=world.coordinator, message=MESSAGE)

    assert raised.value.code == "not_active"
    assert not Nudge.objects.exists()


def test_nudge_send_refuses_an_empty_message(world):
    with pytest.raises(ValidationError) as raised:
        nudge_send(partnership=world.partnership, by=world.coordinator, message="  ")

    assert raised.value.message_dict == {"message": ["Write the message to send."]}
    assert not Nudge.objects.exists()


def test_nudging_twice_a_day_renews_each_partners_notification(world):
    nudge_send(partnership=world.partnership, by=world.coordinator, message="First")
    nudge_send(partnership=world.partnership, by=world.coordinator, message="Second")

    assert Nudge.objects.filter(partnership=world.partnership).count() == 2
    told = nudges_told(world.partnership)
    assert told.count() == 2
    assert {n.body for n in told} == {"Second"}
    assert all(n.read_at is None for n in told)


def test_default_nudge_lists_the_reasons():
    flags = [Flag("overdue", "2 learning activities overdue"), Flag("help", "1 request")]

    message = default_nudge(flags)

    listed = "What I see on the program's dashboard:\n- 2 learning activities overdue\n- 1 request"
    assert listed in message
    assert "What I see" not in default_nudge([])


# Every pair at risk


@pytest.fixture
def at_risk(live):
    """Two pairs at risk for different reasons, one on track, one ended that would be."""
    return {
        "unshared": live.pair(mentee="Ada Unshared", mentor="Max Mentor", began=25),
        "behind": live.on_track(mentee="Ben Behind", mentor="Bo Mentor", held=(40, 25), coming=()),
        "fine": live.on_track(mentee="Cleo Fine", mentor="Nia Mentor"),
        "ended": _ended(live.pair(mentee="Dev Done", mentor="Di Mentor", began=90)),
    }


def _ended(partnership):
    partnership.end(status=Partnership.Status.COMPLETED)
    return partnership


UNSHARED = "Plan not shared 25 days after pairing"
BEHIND = "No meeting for 25 days (suggested: every two weeks)"


def test_the_cohort_nudge_page_lists_the_pairs_at_risk(live, at_risk, coordinator):
    response = coordinator.get(cohort_nudge_url(live.cohort))

    assert response.status_code == 200
    html = response.text
    assert "Send to 2 partnerships" in html
    assert f"Ada Unshared and Max Mentor: {UNSHARED}" in html
    assert f"Ben Behind and Bo Mentor: {BEHIND}" in html
    assert "Cleo Fine" not in html
    assert "Dev Done" not in html


def test_the_cohort_nudge_goes_to_the_pairs_at_risk_each_with_its_reasons(
    live, at_risk, coordinator
):
    response = coordinator.post(cohort_nudge_url(live.cohort), {"message": MESSAGE})

    assert response.status_code == 302
    assert response.url == dashboard_url(live.cohort)
    nudges = {n.partnership_id: n for n in Nudge.objects.all()}
    assert set(nudges) == {at_risk["unshared"].pk, at_risk["behind"].pk}
    unshared = nudges[at_risk["unshared"].pk].message
    behind = nudges[at_risk["behind"].pk].message
    assert unshared.startswith(MESSAGE)
    assert f"- {UNSHARED}" in unshared
    assert BEHIND not in unshared
    assert f"- {BEHIND}" in behind
    assert UNSHARED not in behind
    for key in ("unshared", "behind"):
        pair = at_risk[key]
        told = nudges_told(pair)
        assert {n.recipient for n in told} == {pair.mentee, pair.mentor}
        assert {n.body for n in told} == {nudges[pair.pk].message}
    for key in ("fine", "ended"):
        assert not nudges_told(at_risk[key]).exists()


def test_the_cohort_nudge_says_how_many_went(live, at_risk, coordinator):
    response = coordinator.post(cohort_nudge_url(live.cohort), {"message": MESSAGE}, follow=True)

    assert "Your message went to 2 partnerships at risk." in response.text


def test_the_cohort_nudge_keeps_each_pairs_reasons_under_a_long_message(live, at_risk, coordinator):
    # The form takes up to MESSAGE_MAX characters; the reasons come on top of them.
    message = "Please read this. " * (MESSAGE_MAX // 18)
    assert len(message.strip()) <= MESSAGE_MAX

    response = coordinator.post(cohort_nudge_url(live.cohort), {"message": message})

    assert response.status_code == 302
    sent = Nudge.objects.get(partnership=at_risk["unshared"])
    assert UNSHARED in sent.message


def test_the_cohort_nudge_needs_a_message(live, at_risk, coordinator):
    response = coordinator.post(cohort_nudge_url(live.cohort), {"message": ""})

    assert response.status_code == 400
    assert "Write the message to send." in response.text
    assert not Nudge.objects.exists()


def test_a_cohort_without_pairs_at_risk_has_nobody_to_nudge(live, coordinator):
    live.on_track()

    response = coordinator.get(cohort_nudge_url(live.cohort))

    assert response.status_code == 200
    assert "No partnership of this cohort is at risk today." in response.text
    assert coordinator.post(cohort_nudge_url(live.cohort), {"message": MESSAGE}).status_code == 302
    assert not Nudge.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [("mentor", 403), ("mentee", 403), ("other_coordinator", 404), ("outsider", 404)],
)
def test_only_the_cohorts_coordinators_nudge_the_cohort(world, client_as, role, status):
    # The world's pairs were paired today: make them at risk, so there is someone to nudge.
    Partnership.objects.filter(cohort=world.cohort).update(started_on=world.cohort.starts_on)
    client = client_as(world.user(role))

    response = client.post(cohort_nudge_url(world.cohort), {"message": MESSAGE})

    assert response.status_code == status
    assert not Nudge.objects.exists()


def test_the_dashboard_shows_when_each_pair_was_last_nudged(world, live, at_risk, coordinator):
    coordinator.post(cohort_nudge_url(live.cohort), {"message": MESSAGE})
    sent = Nudge.objects.get(partnership=at_risk["unshared"]).sent_at
    # The coordinator reads dates in their own time zone.
    shown = date_format(
        timezone.localtime(sent, zoneinfo.ZoneInfo(world.coordinator.time_zone)), "j M Y"
    )

    response = coordinator.get(dashboard_url(live.cohort), {"sort": "mentee"})

    pairs = {p.mentee_name: p for p in response.context["dashboard"].page}
    assert pairs["Ada Unshared"].last_nudged_at == sent
    assert pairs["Cleo Fine"].last_nudged_at is None
    # Sorted by mentee: Ada's and Ben's rows say the day, Cleo's and Dev's "Never".
    table = response.text.split('<table class="report-table">')[1].split("</table>")[0]
    cells = table.split("<tbody>")[1].split("<tr>")[1:]
    assert [shown in cell for cell in cells] == [True, True, False, False]
    assert ["<td>Never" in cell for cell in cells] == [False, False, True, True]
