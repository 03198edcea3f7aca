"""Each person chooses which kinds they get by email; a cohort's default; one's own choice wins."""

import re

from django.core import mail
from django.urls import reverse

from mentorplan.notifications import preferences
from mentorplan.notifications.kinds import KINDS
from mentorplan.notifications.models import CohortEmailDefault, EmailPreference, Notification
from mentorplan.notifications.services import gather_window, notify

from .helpers import NOW, send_due

PREFERENCES = reverse("notifications:preferences")
ALL_ON = {"all": "on"} | dict.fromkeys(KINDS, "on")


def _comment_for(user, world, n=1):
    return notify(
        recipient=user,
        kind="comment",
        subject=f"comment:{n}",
        title=f"New comment {n}",
        url="/",
        partnership=world.partnership,
        now=NOW,
    )


def test_turning_a_kind_off_stops_its_email_but_not_the_notification(world, client_as):
    data = ALL_ON | {"comment": ""}
    response = client_as(world.mentee).post(PREFERENCES, {k: v for k, v in data.items() if v})
    assert response.status_code == 302

    _comment_for(world.mentee, world)
    send_due(NOW + gather_window())

    assert mail.outbox == []
    assert Notification.objects.filter(recipient=world.mentee).count() == 1
    assert EmailPreference.objects.get(user=world.mentee, kind="comment").enabled is False


def test_saving_the_page_unchanged_stores_no_choice(world, client_as):
    client_as(world.mentee).post(PREFERENCES, ALL_ON)
    assert not EmailPreference.objects.exists()


def test_all_off_stops_every_email(world, client_as):
    client_as(world.mentee).post(PREFERENCES, {k: v for k, v in ALL_ON.items() if k != "all"})

    _comment_for(world.mentee, world)
    send_due(NOW + gather_window())

    assert mail.outbox == []
    page = client_as(world.mentee).get(PREFERENCES).content.decode()
    assert " checked" not in checkbox(page, "all")


def test_cohort_default_applies_until_the_person_chooses(world, client_as):
    preferences.cohort_defaults_save(cohort=world.cohort, enabled={"comment": False})
    _comment_for(world.mentee, world, 1)
    send_due(NOW + gather_window())
    assert mail.outbox == []

    # Mo turns comments on for himself: his choice wins over the cohort's default.
    client_as(world.mentee).post(PREFERENCES, ALL_ON)
    assert EmailPreference.objects.get(user=world.mentee, kind="comment").enabled is True
    later = NOW + gather_window() * 2
    _comment_for(world.mentee, world, 2)
    send_due(later + gather_window())
    assert [m.subject for m in mail.outbox] == ["New comment 2"]


def checkbox(page, name) -> str:
    """The <input> tag of a checkbox."""
    return re.search(rf'<input type="checkbox" name="{name}"[^>]*>', page).group(0)


def test_the_page_shows_the_cohort_default_as_the_starting_choice(world, client_as):
    preferences.cohort_defaults_save(cohort=world.cohort, enabled={"due": False})
    page = client_as(world.mentee).get(PREFERENCES).content.decode()
    assert " checked" not in checkbox(page, "due")
    assert " checked" in checkbox(page, "comment")


def test_coordinator_sets_cohort_defaults_and_reminder_timing(world, client_as):
    url = reverse("notifications:cohort-defaults", args=[world.cohort.pk])
    data = {k: v for k, v in ALL_ON.items() if k not in ("all", "digest_mentor")}
    response = client_as(world.coordinator).post(url, data | {"nudge_after_days": "10"})

    assert response.status_code == 302
    assert list(CohortEmailDefault.objects.values_list("kind", "enabled")) == [
        ("digest_mentor", False)
    ]
    page = client_as(world.coordinator).get(url).content.decode()
    assert 'value="10"' in page


def test_reminder_timing_out_of_range_is_refused_beside_the_field(world, client_as):
    url = reverse("notifications:cohort-defaults", args=[world.cohort.pk])
    response = client_as(world.coordinator).post(url, ALL_ON | {"nudge_after_days": "400"})

    assert response.status_code == 200
    html = response.content.decode()
    assert '<ul class="errorlist" id="id_nudge_after_days_error">' in html
    assert "Choose between 1 and 90 days." in html
    field = re.search(r'<input type="number" name="nudge_after_days"[^>]*>', html).group(0)
    assert "id_nudge_after_days_error" in field
