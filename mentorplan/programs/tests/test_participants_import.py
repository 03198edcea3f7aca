"""Importing participants from CSV: services.participants_import and its view."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentorplan.programs import services
from mentorplan.programs.models import Invitation, Membership

User = get_user_model()

HEADER = "email,name,role,capacity,expertise,interests\n"
GOOD = (
    HEADER + 'ada@example.org,Ada Lovelace,mentor,2,"analysis, writing",\n'
    'grace@example.org,Grace Hopper,mentee,,,"compilers, leadership"\n'
)


def _import(world, text, **kwargs):
    return services.participants_import(
        cohort=world.cohort, text=text, invited_by=world.coordinator, **kwargs
    )


def _counts():
    return (User.objects.count(), Membership.objects.count(), Invitation.objects.count())


def _messages(report):
    return {row.line: row.messages for row in report.rows if row.messages}


@pytest.mark.django_db
def test_clean_file_adds_everyone(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = _import(world, GOOD)

    assert report.imported
    assert report.file_errors == []
    assert [(r.line, r.outcome) for r in report.rows] == [(2, "added"), (3, "added")]
    ada = Membership.objects.get(cohort=world.cohort, user__email="ada@example.org")
    assert (ada.role, ada.capacity) == ("mentor", 2)
    assert ada.user.expertise == "analysis, writing"
    assert not ada.user.has_usable_password()
    grace = Membership.objects.get(cohort=world.cohort, user__email="grace@example.org")
    assert (grace.role, grace.capacity) == ("mentee", None)
    assert grace.user.interests == "compilers, leadership"
    assert sorted(m.to[0] for m in mail.outbox) == ["ada@example.org", "grace@example.org"]


@pytest.mark.django_db
def test_every_bad_row_is_reported_by_line_and_nothing_imported(world):
    before = _counts()
    text = (
        HEADER + "not-an-email,Bad Email,mentee,,,\n"
        "boss@example.org,Bad Role,boss,,,\n"
        "ada@example.org,Ada,mentor,,,\n"
        "grace@example.org,Grace,mentee,,,\n"
        "GRACE@example.org,Grace Again,mentee,,,\n"
        "mentor@example.org,Mina,mentee,,,\n"
        "linus@example.org,Linus,mentee,3,,\n"
    )

    report = _import(world, text)

    assert not report.imported
    assert _counts() == before
    assert [(r.line, r.outcome) for r in report.rows] == [
        (2, "error"),
        (3, "error"),
        (4, "error"),
        (5, "ready"),
        (6, "error"),
        (7, "error"),
        (8, "error"),
    ]
    messages = _messages(report)
    assert "Enter a valid email address." in messages[2][0]
    assert "boss is not one of the available choices" in messages[3][0]
    assert "A mentor needs a capacity" in messages[4][0]
    assert messages[6] == ["The same email address is on line 5."]
    assert "already in this cohort as mentor" in messages[7][0]
    assert "Only mentors have a capacity." in messages[8][0]
    assert report.good_count == 1


@pytest.mark.django_db
def test_import_valid_rows_adds_only_the_good_ones(world, django_capture_on_commit_callbacks):
    text = HEADER + "ada@example.org,Ada,mentor,,,\ngrace@example.org,Grace,mentee,,,\n"

    with django_capture_on_commit_callbacks(execute=True):
        report = _import(world, text, import_valid_rows=True)

    assert report.imported
    assert [(r.line, r.outcome) for r in report.rows] == [(2, "error"), (3, "added")]
    assert not User.objects.filter(email="ada@example.org").exists()
    assert Membership.objects.filter(cohort=world.cohort, user__email="grace@example.org").exists()
    assert [m.to for m in mail.outbox] == [["grace@example.org"]]


@pytest.mark.django_db
def test_same_file_twice_adds_nobody_twice(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _import(world, GOOD)
    before = _counts()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        report = _import(world, GOOD.replace("ada@example.org", "ADA@example.org"))

    assert report.imported
    assert _counts() == before
    assert [r.outcome for r in report.rows] == ["skipped", "skipped"]
    assert report.skipped_count == 2
    assert report.added_count == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_member_with_another_role_is_an_error_not_a_skip(world):
    report = _import(world, HEADER + "mentee@example.org,Mo,mentor,2,,\n")
    assert [r.outcome for r in report.rows] == ["error"]
    assert "already in this cohort as mentee" in report.rows[0].messages[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("email,name\nada@example.org,Ada\n", "missing: role."),
        ("mail,fullname,role\nada@example.org,Ada,mentee\n", "missing: email, name."),
        (
            "email,name,role,phone,team\nada@example.org,Ada,mentee,123,x\n",
            "Unknown columns: phone, team.",
        ),
        ("", "missing: email, name, role."),
        (HEADER, "The file has no rows below the column names."),
        (HEADER + "\n,,,,,\n", "The file has no rows below the column names."),
    ],
)
def test_file_errors(world, text, message):
    before = _counts()

    report = _import(world, text, import_valid_rows=True)

    assert not report.imported
    assert len(report.file_errors) == 1
    assert message in report.file_errors[0]
    assert _counts() == before


@pytest.mark.django_db
def test_header_case_and_whitespace_are_tolerated(world, django_capture_on_commit_callbacks):
    text = " Email , NAME ,Role,Capacity\n  ada@example.org ,  Ada  , MENTOR , 1 \n"

    with django_capture_on_commit_callbacks(execute=True):
        report = _import(world, text)

    assert report.imported, (report.file_errors, _messages(report))
    membership = Membership.objects.get(cohort=world.cohort, user__email="ada@example.org")
    assert (membership.role, membership.capacity) == ("mentor", 1)
    assert membership.user.display_name == "Ada"


@pytest.mark.django_db
def test_blank_trailing_column_is_tolerated(world):
    """Spreadsheets often add an unnamed column, sometimes holding a stray space."""
    text = "email,name,role, \nada@example.org,Ada,mentee,\n"

    report = _import(world, text)

    assert report.file_errors == []
    assert report.imported


@pytest.mark.django_db
def test_line_numbers_count_quoted_line_breaks(world):
    text = HEADER + 'ada@example.org,Ada,mentee,,,"one\ntwo"\nbad,Bad,mentee,,,\n'
    report = _import(world, text)
    assert [(r.line, r.outcome) for r in report.rows] == [(3, "ready"), (4, "error")]


# The view


def _url(world):
    return reverse("programs:participants-import", args=[world.cohort.pk])


def _upload(content: bytes, name="people.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


@pytest.mark.django_db
def test_view_imports_upload_with_bom(world, client_as, django_capture_on_commit_callbacks):
    client = client_as(world.coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(world), {"csv_file": _upload(b"\xef\xbb\xbf" + GOOD.encode())}, follow=True
        )

    assert response.status_code == 200
    report = response.context["report"]
    assert report.file_errors == []
    assert report.added_count == 2
    assert "Imported 2 people; 0 were already in the cohort." in response.content.decode()
    assert Membership.objects.filter(cohort=world.cohort, user__email="ada@example.org").exists()
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_view_reports_errors_then_imports_good_rows(
    world, client_as, django_capture_on_commit_callbacks
):
    client = client_as(world.coordinator)
    text = HEADER + "ada@example.org,Ada,mentor,,,\ngrace@example.org,Grace,mentee,,,\n"

    response = client.post(_url(world), {"csv_file": _upload(text.encode())})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Nothing was imported yet" in content
    assert "A mentor needs a capacity" in content
    assert not Membership.objects.filter(user__email="grace@example.org").exists()
    # The page carries the file's text for the second step.
    assert response.context["form"].initial["csv_text"] == text

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(world), {"csv_text": text, "import_valid_rows": "on"})

    assert response.context["report"].imported
    assert Membership.objects.filter(user__email="grace@example.org").exists()
    assert not User.objects.filter(email="ada@example.org").exists()


@pytest.mark.django_db
def test_view_refuses_non_utf8_upload(world, client_as):
    before = _counts()
    text = HEADER + "zoe@example.org,Zoë Müller,mentee,,,\n"

    response = client_as(world.coordinator).post(
        _url(world), {"csv_file": _upload(text.encode("latin-1"))}
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error("csv_file", "encoding")
    assert response.context["report"] is None
    assert 'id="id_csv_file_error"' in response.content.decode()
    assert _counts() == before


@pytest.mark.django_db
def test_view_needs_a_file(world, client_as):
    # A browser always sends the CSRF token, so the form is bound even without a file.
    response = client_as(world.coordinator).post(_url(world), {"csrfmiddlewaretoken": "x"})
    assert response.context["form"].has_error("csv_file", "required")


@pytest.mark.django_db
def test_view_shows_file_errors(world, client_as):
    response = client_as(world.coordinator).post(
        _url(world), {"csv_file": _upload(b"email,name\nada@example.org,Ada\n")}
    )
    assert "missing: role." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("outsider", 404), ("mentor", 403), ("other_coordinator", 404)],
)
def test_view_is_for_coordinators(world, client_as, role, status):
    before = _counts()
    response = client_as(world.user(role)).post(_url(world), {"csv_file": _upload(GOOD.encode())})
    assert response.status_code == status
    assert _counts() == before


@pytest.mark.django_db
def test_template_csv_imports_cleanly(world, client_as):
    client = client_as(world.coordinator)
    url = reverse("programs:participants-import-template", args=[world.cohort.pk])

    response = client.get(url)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "2026-partnerships-participants.csv" in response["Content-Disposition"]
    report = _import(world, response.content.decode())
    assert report.imported
    assert report.added_count == 2
