import pytest
from django.urls import reverse


def _directives(header):
    parts = (d.strip().split() for d in header.split(";") if d.strip())
    return {p[0]: p[1:] for p in parts}


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [False, True])
def test_csp_header_forbids_inline_script(client_as, world, signed_in):
    client = client_as(world.mentee if signed_in else None)

    response = client.get(reverse("home" if signed_in else "account_login"))

    assert response.status_code == 200
    csp = _directives(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_pages_have_no_inline_script(client_as, world):
    """The policy above would block inline scripts, so pages must not rely on them."""
    content = client_as(world.coordinator).get(reverse("home")).content.decode()
    for tag in content.split("<script")[1:]:
        assert " src=" in tag.split(">", 1)[0], tag[:200]


@pytest.mark.django_db
def test_other_security_headers(client):
    response = client.get(reverse("account_login"))

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
