"""The ``<id:...>`` path converter every route with a database key uses.

Django's ``<int:...>`` takes any number of digits, and a key past 64 bits then
reaches the database: PostgreSQL answers no row, but SQLite raises OverflowError
(a 500). An id of at most 18 digits always fits a 64-bit column; a longer one is
no page of ours, so its address is a 404 before any view runs.
"""

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")
