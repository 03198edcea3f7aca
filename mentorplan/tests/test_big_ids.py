"""An address with an absurd id is a 404, never a 500 (mentorplan/converters.py).

Every route with a database key, asked as a signed-in person, with an id too long
for any 64-bit column and with the longest id the converter takes: SQLite raised
OverflowError on the first before the converter, on each plan page.
"""

import pytest
from django.urls import URLResolver, get_resolver, reverse

from mentorplan.converters import IdConverter

SENTINEL = 424242


def _routes(resolver=None, namespace=None):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern, pattern.namespace or namespace)
        elif pattern.name and any(
            isinstance(c, IdConverter) for c in pattern.pattern.converters.values()
        ):
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name, pattern


def _url(name, pattern, id_text):
    kwargs = {
        key: SENTINEL if isinstance(converter, IdConverter) else "goal"
        for key, converter in pattern.pattern.converters.items()
    }
    return reverse(name, kwargs=kwargs).replace(str(SENTINEL), id_text)


ROUTES = sorted(_routes(), key=lambda route: route[0])


def test_every_route_with_a_key_is_covered():
    assert len(ROUTES) > 20
    assert "plans:plan-detail" in {name for name, _ in ROUTES}


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "pattern"), ROUTES, ids=[name for name, _ in ROUTES])
def test_an_absurd_id_is_not_found(world, client_as, name, pattern):
    client = client_as(world.mentee)
    for id_text in ("9" * 25, "9" * 18):
        url = _url(name, pattern, id_text)
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code in (302, 403, 404, 405), (url, response.status_code)
            if len(id_text) > 18:
                assert response.status_code == 404, url
