"""A cache that is down, for the tests that a down cache costs speed, never a page."""

from django.core.cache.backends.base import BaseCache

DOWN = {"default": {"BACKEND": "mentorplan.tests.caches.DownCache"}}


class DownCache(BaseCache):
    """A cache server that does not answer: every call raises, as Redis's client does."""

    def __init__(self, location, params):
        super().__init__(params)

    def _down(self, *args, **kwargs):
        raise ConnectionError("cache down")

    get = get_many = add = set = set_many = delete = delete_many = incr = _down
