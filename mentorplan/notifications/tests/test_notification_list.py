"""The in-app list: a person's own notifications, a count in the navigation, read when opened."""

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorplan.notifications.models import Notification

from .factories import NotificationFactory

LIST = reverse("notifications:list")


def test_the_list_shows_ones_own_newest_first(world, client_as):
    old = NotificationFactory(recipient=world.mentee, title="Older news")
    new = NotificationFactory(recipient=world.mentee, title="Newer news")
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now().replace(year=2025))
    NotificationFactory(recipient=world.mentor, title="Mina's own news")
    NotificationFactory(recipient=world.mentee, title="Gone reminder", withdrawn_at=timezone.now())

    html = client_as(world.mentee).get(LIST).content.decode()

    assert html.index("Newer news") < html.index("Older news")
    assert reverse("notifications:open", args=[new.pk]) in html
    assert "Mina&#x27;s own news" not in html
    assert "Mina's own news" not in html
    # A reminder withdrawn before it was sent (its reason went) is not shown.
    assert "Gone reminder" not in html
    assert "2 unread" in html


def test_opening_one_marks_it_read_and_goes_to_the_thing(world, client_as):
    plan_url = reverse("plans:plan-detail", args=[world.partnership.pk])
    notification = NotificationFactory(recipient=world.mentee, url=plan_url)
    other = NotificationFactory(recipient=world.mentee)

    response = client_as(world.mentee).get(reverse("notifications:open", args=[notification.pk]))

    assert response.status_code == 302
    assert response["Location"] == plan_url
    notification.refresh_from_db()
    other.refresh_from_db()
    assert notification.read_at is not None
    assert other.read_at is None


def test_someone_elses_notification_is_not_found_and_stays_unread(world, client_as):
    notification = NotificationFactory(recipient=world.mentee)

    response = client_as(world.mentor).get(reverse("notifications:open", args=[notification.pk]))

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read_touches_only_ones_own(world, client_as):
    mine = [NotificationFactory(recipient=world.mentee) for _ in range(3)]
    theirs = NotificationFactory(recipient=world.mentor)

    response = client_as(world.mentee).post(reverse("notifications:read-all"))

    assert response.status_code == 302
    assert all(Notification.objects.get(pk=n.pk).read_at for n in mine)
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_the_navigation_counts_unread_notifications(world, client_as):
    NotificationFactory(recipient=world.mentee)
    NotificationFactory(recipient=world.mentee)
    NotificationFactory(recipient=world.mentee, read_at=timezone.now())
    NotificationFactory(recipient=world.mentor)

    html = client_as(world.mentee).get(reverse("accounts:profile-edit")).content.decode()

    assert '<span class="count">2<span class="visually-hidden"> unread</span></span>' in html


def test_no_count_when_all_is_read(world, client_as):
    NotificationFactory(recipient=world.mentee, read_at=timezone.now())
    html = client_as(world.mentee).get(reverse("accounts:profile-edit")).content.decode()
    assert 'class="count"' not in html


@pytest.mark.parametrize("n", [1, 25])
def test_the_count_is_one_query_however_many(world, client_as, django_assert_num_queries, n):
    for _ in range(n):
        NotificationFactory(recipient=world.mentee)
    client = client_as(world.mentee)

    # 1 the session, 2 the user, 3 the unread count (the profile page reads nothing else).
    with django_assert_num_queries(3):
        response = client.get(reverse("accounts:profile-edit"))

    assert f'<span class="count">{n}<span' in response.content.decode()


@pytest.mark.parametrize("n", [1, 40])
def test_list_queries_do_not_grow(world, client_as, django_assert_num_queries, n):
    for _ in range(n):
        NotificationFactory(recipient=world.mentee, actor=world.mentor)
    client = client_as(world.mentee)

    # 1 session, 2 user, 3 how many (the paginator), 4 one page with the actors,
    # 5 the unread count (navigation and heading share it).
    with django_assert_num_queries(5):
        response = client.get(LIST)

    assert response.content.decode().count("Mina Mentor") == min(n, 30)
