"""Every page the benchmark measures answers on scale data, and its saves save.

The benchmark itself needs PostgreSQL, Redis, wrk and minutes; this asks each
line of ``pages.PAGES`` once, in-process, the way ``run.py`` counts its queries
(``page_request``), on a small program built by ``scale_data``. A save is also
replayed as ``versioned_save.lua`` sends it: the form as ``save_form`` builds it,
with the version counted up after each save, and a stale version is a conflict
whose answer carries the current version.
"""

import io
import re
import urllib.parse
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from benchmarks import run
from benchmarks.pages import NOTES, PAGES, PAIRING_SEARCH, scene_for
from mentorplan.demo.management.commands.scale_data import scale_program_delete
from mentorplan.meetings.models import MeetingNotes
from mentorplan.partnerships.models import Partnership
from mentorplan.plans.permissions import MENTOR
from mentorplan.programs.models import Membership, Program

SLUG = "bench-pages"
SIZE = ["--people=40", "--partnerships=20", "--cohorts=4", "--comments=2"]
# What versioned_save.lua reads from a conflict's form.
VERSION = re.compile(r'name="version" value="(\d+)"')
SAVES = [page for page in PAGES if page.save]
assert NOTES in {page.save for page in SAVES}


@pytest.fixture(scope="module")
def bench(django_db_setup, django_db_blocker):
    """A scale program built as run.py builds it (dates from today), and the people it signs in."""
    with django_db_blocker.unblock():
        out = io.StringIO()
        call_command(
            "scale_data", *SIZE, f"--program-slug={SLUG}", stdout=out, stderr=io.StringIO()
        )
        logins = {
            who: re.search(pattern, out.getvalue())[1]
            for who, pattern in {
                "coordinator": r"coordinator:\s+(\S+@\S+)",
                "mentor": r"mentor with \d+ mentees:\s+(\S+@\S+)",
                "mentee": r"mentee with [^:\n]*:\s+(\S+@\S+)",
            }.items()
        }
        users = {who: get_user_model().objects.get(email=email) for who, email in logins.items()}
        yield SimpleNamespace(
            users=users, scene=scene_for(mentee=users["mentee"], mentor=users["mentor"])
        )
        scale_program_delete(Program.objects.get(slug=SLUG))


@pytest.fixture
def floor_settings(settings):
    """The floor's URL and template, as mentorplan.settings_benchmark adds them."""
    settings.ROOT_URLCONF = "benchmarks.urls"
    engine = dict(settings.TEMPLATES[0])
    engine["DIRS"] = [*engine["DIRS"], settings.BASE_DIR / "benchmarks" / "templates"]
    settings.TEMPLATES = [engine, *settings.TEMPLATES[1:]]


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_every_page_answers_on_scale_data(bench, floor_settings, page):
    ask = run.page_request(run.signed_in_client(bench.users.get(page.who)), page, bench.scene)

    # Twice, as count_queries does: a save's second request carries the next version.
    ask()
    ask()


@pytest.mark.django_db
def test_the_scene_has_the_pairs_meetings(bench):
    scene = bench.scene
    partnership = Partnership.objects.get(pk=scene.partnership)

    next_meeting = partnership.meetings.get(pk=scene.next_meeting)
    last_meeting = partnership.meetings.get(pk=scene.last_meeting)
    assert next_meeting.is_coming()
    assert last_meeting.is_held()
    assert MeetingNotes.objects.get(meeting=last_meeting).text


@pytest.mark.django_db
def test_the_pairing_search_finds_some_of_the_cohorts_mentees(bench):
    """The search's line measures a search that finds people, not an empty answer."""
    page = next(page for page in PAGES if page.url == PAIRING_SEARCH)
    client = run.signed_in_client(bench.users[page.who])

    response = client.get(bench.scene.url(page), headers={"HX-Request": "true"})

    found = re.findall(
        r'<input type="radio" name="mentee" value="(\d+)"', response.content.decode()
    )
    mentees = Membership.objects.filter(cohort_id=bench.scene.cohort, role="mentee")
    assert 0 < len(found) < mentees.count()
    assert set(map(int, found)) <= set(mentees.values_list("user_id", flat=True))


def _other_partnership(bench):
    return (
        Partnership.objects.filter(cohort_id=bench.scene.cohort, status="active")
        .exclude(pk=bench.scene.partnership)
        .select_related("plan", "mentee", "mentor")
        .order_by("pk")
        .first()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("page", SAVES, ids=[page.name for page in SAVES])
def test_a_save_target_saves_then_conflicts_on_a_stale_version(bench, page):
    """What save_targets hands one wrk thread, replayed as versioned_save.lua does."""
    partnership = _other_partnership(bench)
    form = run.save_form(page.save, partnership)
    path = run.save_path(page, bench.scene, partnership, form)
    client = Client(HTTP_HOST=run.HOST)
    client.force_login(partnership.mentor if form.who == MENTOR else partnership.mentee)
    version = form.item.version

    body = urllib.parse.urlencode(form.fields)

    def post(version):
        return client.post(
            path,
            body.replace("__VERSION__", str(version)),
            content_type="application/x-www-form-urlencoded",
            headers={"HX-Request": "true"},
        )

    for _ in range(2):
        saved = post(version)
        assert saved.status_code == 200, saved.content[:500]
        assert ("HX-Retarget" in saved) == form.retarget
        version += 1
    form.item.refresh_from_db()
    assert form.item.version == version

    stale = post(version - 1)
    if form.retarget:
        assert stale.status_code == 200
        assert "HX-Retarget" not in stale
    else:
        assert stale.status_code == 409
    assert VERSION.search(stale.content.decode())[1] == str(version)


@pytest.mark.django_db
def test_the_reminder_run_is_measured_and_leaves_nothing_behind(bench):
    from mentorplan.notifications.models import Delivery, Notification

    before = (Notification.objects.count(), Delivery.objects.count())
    figures = run.measure_reminders()

    # scale_data's plans have activities due and meetings coming: there is work.
    assert figures["found"] > 0
    assert figures["new"] <= figures["found"]
    assert figures["seconds"] > 0
    assert figures["peak_mib"] > 0
    assert (Notification.objects.count(), Delivery.objects.count()) == before
