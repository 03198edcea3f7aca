"""The plan page's sections, rendered once per revision and kept in the shared cache.

Drawing the plan costs far more than reading it (goals with their measures and
sparklines, the terms of the agreement, the checklist: 20–30 ms of templates
against a few ms of SQL). What a reader sees of a plan changes only when the plan
does, so the sections are kept under a key made of:

- the plan and its ``revision``, which ``revision.plan_revise`` raises in the
  transaction of every write to the plan (parts, comments, signatures, sharing,
  help requests, suggestions): a new revision is a new key, so nothing is ever
  invalidated and nothing stale can be read;
- everything else the sections show or decide on, read from what the page loaded
  anyway (``READER_FACTS``): the reader's role and rights (which follow the
  partnership's status and the program's "coordinators may read plan text"), the
  names and dates printed, the language and time zone. A partner's own user id is
  part of it (a partner's sections hold their own help requests); coordinators
  with the same rights share one copy, as they see the same thing;
- a digest of the template's source, so that a deploy never serves old markup.

What belongs to one reader and one visit stays out of the stored HTML:

- the CSRF token: sections are drawn with a sentinel, replaced per request;
- the "New" marks on comments since the reader's last visit: the template writes
  ``<mp:new TIMESTAMP class|badge>`` markers, resolved per request against the
  reader's last visit. Both passes are string replacements; user text is escaped
  when drawn, so it cannot forge a marker (``<`` and ``"`` never reach the HTML raw).

All sections of one reader's view are one cache entry: one read, one write
(on the database cache of the embedded default, each is a query). A cache that
is down costs the render, never the page: errors are logged and the sections drawn.
"""

import hashlib
import logging
import re
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from django.core.cache import cache as shared_cache
from django.middleware.csrf import get_token
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

logger = logging.getLogger(__name__)

PAGE = "plans/plan_detail.html"

# In page order; the checklist sits beside them.
SECTIONS = (
    "celebrations",
    "share",
    "suggestions",
    "goals",
    "objectives",
    "activities",
    "milestones",
    "expectations",
    "barriers",
    "mentor-side",
    "agreement",
    "comments",
    "checklist",
)

# A day: keys never go stale (a change makes a new key); this only returns the
# memory of plans nobody opens.
TIMEOUT = 24 * 60 * 60

CSRF_SENTINEL = "mp-csrf-sentinel"
_CSRF_INPUT = 'name="csrfmiddlewaretoken" value="{}"'
_NEW_MARK = re.compile(r"<mp:new (\d+) (class|badge)>")
# The section's own opening tag (attribute values never hold a raw ">": escaped).
_FIRST_TAG = re.compile(r"^(\s*<[a-z]+\b[^>]*)>")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def reader_facts(access, user) -> tuple:
    """What, besides the plan's revision, decides the sections' HTML for ``user``."""
    partnership = access.partnership
    cohort = partnership.cohort
    partner = access.is_mentee or access.is_mentor
    return (
        access.role,
        user.pk if partner else None,
        access.can_read,
        access.can_edit_mentee_side,
        access.can_edit_mentor_side,
        access.can_take_part,
        access.can_ask_for_help,
        partnership.status,
        partnership.mentor.display_name,
        partnership.mentee.display_name,
        partnership.mentee.get_short_name(),
        cohort.name,
        cohort.starts_on,
        cohort.ends_on,
        translation.get_language(),
        timezone.get_current_timezone_name(),
    )


@cache
def _template_digest() -> str:
    origin = get_template(PAGE).origin.name
    return hashlib.blake2b(Path(origin).read_bytes(), digest_size=6).hexdigest()


def cache_key(access, user) -> str:
    facts = repr(reader_facts(access, user)).encode()
    facts = hashlib.blake2b(facts, digest_size=12).hexdigest()
    plan = access.plan
    return f"plan-sections:{plan.pk}:{plan.revision}:{_template_digest()}:{facts}"


def draw(request, context, names) -> dict:
    """The named sections as stored: with the CSRF sentinel and the "New" markers."""
    context = {**context, "csrf_token": CSRF_SENTINEL}
    return {name: render_to_string(f"{PAGE}#{name}", context, request) for name in names}


def cached_sections(request, access, make_context) -> dict:
    """Every section of the page for this reader, from the cache or drawn and stored.

    ``make_context`` builds the page's context; it is called only on a miss, so a
    warm page reads no part of the plan.
    """
    key = cache_key(access, request.user)
    try:
        stored = shared_cache.get(key)
    except Exception:
        logger.exception("Plan section cache unreadable; drawing the sections.")
        stored = None
    if stored is not None:
        return stored
    stored = draw(request, make_context(), SECTIONS)
    try:
        shared_cache.set(key, stored, TIMEOUT)
    except Exception:
        logger.exception("Plan section cache unwritable; the next reader draws again.")
    return stored


def personal(request, html: str, last_seen) -> str:
    """A stored section made this reader's: their CSRF token, "New" since their last visit."""
    if CSRF_SENTINEL in html:
        html = html.replace(
            _CSRF_INPUT.format(CSRF_SENTINEL), _CSRF_INPUT.format(get_token(request))
        )
    if "<mp:new " in html:
        since = _stamp(last_seen) if last_seen else None

        def mark(match):
            if since is None or int(match[1]) <= since:
                return ""
            return ' class="new"' if match[2] == "class" else NEW_BADGE

        html = _NEW_MARK.sub(mark, html)
    return html


NEW_BADGE = format_html('<span class="badge badge-new">{}</span>', "New")


def new_marker(moment, kind: str) -> str:
    """The marker ``personal`` resolves: ``kind`` "class" (on the element) or "badge"."""
    return mark_safe(f"<mp:new {_stamp(moment)} {kind}>")


def _stamp(moment) -> int:
    """Microseconds since the epoch: exact, as the visit and the comment are compared."""
    delta = moment - EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def out_of_band(html: str) -> str:
    """The section swapped by htmx wherever it is on the page (``hx-swap-oob``)."""
    return _FIRST_TAG.sub(r'\1 hx-swap-oob="true">', html, count=1)
