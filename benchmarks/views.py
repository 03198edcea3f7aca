"""The benchmark's floor: what the framework costs before the app does any work.

Modelled on TechEmpower's Fortunes test: one query on a small table, a few rows
added and sorted in Python, a small escaped template. It runs through the same
middleware as every page (sessions, CSRF, CSP, time zone, htmx, history), for
an anonymous visitor, so it costs exactly one SQL query. Served only under
``mentorplan.settings_benchmark``; the app's own URLconf never has it.
"""

from types import SimpleNamespace

from django.shortcuts import render

from mentorplan.programs.models import Cohort


def floor(request):
    rows = [
        SimpleNamespace(id=c.id, name=c.name)
        for c in Cohort.objects.only("id", "name").order_by("id")[:12]
    ]
    # As in Fortunes: one row added at request time, then sorted, so the list
    # cannot be cached as a whole.
    rows.append(SimpleNamespace(id=0, name="Added at request time <script>alert(1)</script>"))
    rows.sort(key=lambda row: row.name)
    return render(request, "benchmarks/floor.html", {"rows": rows})
