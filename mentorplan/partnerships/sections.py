"""Sections of the partnership page that apps above ``partnerships`` add.

``partnerships`` sits below the plan and the meetings and may not import them,
so the page asks this registry. An app registers a function at start-up
(``AppConfig.ready``)::

    @sections.register
    def journey_section(request, partnership):
        return "meetings/_journey.html", {...}

It is called with the request and the partnership, after the page's own
permission check (the reader may view the partnership); it asks its own app's
permissions for the rest and returns ``(template, context)``, or None to show
nothing. The page includes each template with the context as ``section``.
"""

_SECTIONS = []


def register(function):
    if function not in _SECTIONS:
        _SECTIONS.append(function)
    return function


def sections_for(request, partnership) -> list[tuple[str, dict]]:
    shown = []
    for function in _SECTIONS:
        section = function(request, partnership)
        if section is not None:
            shown.append(section)
    return shown
