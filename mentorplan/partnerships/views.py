from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from mentorplan.programs.forms import ParticipantForm
from mentorplan.programs.permissions import get_cohort_for_coordinator

from .forms import PartnershipEndForm, PartnershipForm
from .permissions import (
    can_manage_partnership,
    get_partnership_for_manager,
    get_partnership_for_viewer,
)
from .sections import sections_for
from .selectors import cohort_members, cohort_with_counts, pairing_candidates, search_words
from .services import partnership_end as end_partnership
from .services import partnership_start

PER_PAGE = 50


def _cohort_page(request, cohort, pair_form=None, status=200):
    # Large cohorts hold thousands of people: both tables come a page at a time, the
    # people narrowed by a search, and the pair form offers a search's first matches.
    query = " ".join(search_words(request.GET.get("q")))
    people = cohort_members(cohort, query=query)
    members = Paginator(people, PER_PAGE).get_page(request.GET.get("people"))
    pairs = cohort.partnerships.with_people().order_by("status", "mentee__display_name", "pk")
    partnerships = Paginator(pairs, PER_PAGE).get_page(request.GET.get("pairs"))
    # The picks of the search form (htmx includes them) stay picked.
    picked = {role: request.GET.get(role) for role in ("mentor", "mentee")}
    template = "partnerships/cohort_detail.html"
    if request.htmx:
        template += "#people-table" if request.htmx.target == "people-table" else "#pair-form"
    context = {
        "cohort": cohort,
        "stats": cohort_with_counts(cohort),
        "query": query,
        # Pager links keep the search (see _pagination.html).
        "keep_query": f"{urlencode({'q': query})}&" if query else "",
        "members": members,
        "partnerships": partnerships,
        "pair_form": pair_form
        or PartnershipForm(cohort=cohort, searches=request.GET, initial=picked),
        "invite_form": ParticipantForm(cohort=cohort),
    }
    return render(request, template, context, status=status)


@login_required
def cohort_detail(request, pk):
    cohort = get_cohort_for_coordinator(request.user, pk)
    return _cohort_page(request, cohort)


@login_required
@require_GET
def pairing_search(request, pk, role):
    """The people who may be paired as ``role`` matching the search box (an htmx partial).

    The picker's search box sends its words as ``<role>_q`` and the person picked so
    far as ``<role>``, who stays in the list.
    """
    cohort = get_cohort_for_coordinator(request.user, pk)
    candidates = pairing_candidates(
        cohort=cohort, role=role, query=request.GET.get(f"{role}_q"), chosen=request.GET.get(role)
    )
    context = {"candidates": candidates, "oob": True}
    return render(request, "partnerships/_pair_candidates.html", context)


@login_required
@require_POST
def partnership_create(request, pk):
    cohort = get_cohort_for_coordinator(request.user, pk)
    # With htmx the search boxes' words come along, so a refused pair keeps its lists.
    form = PartnershipForm(request.POST, cohort=cohort, searches=request.POST)
    if form.is_valid():
        try:
            partnership = partnership_start(
                cohort=cohort, created_by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            for field, errors in exc.error_dict.items():
                for error in errors:
                    form.add_error(field, error)
        else:
            messages.success(request, f"{partnership.mentor} now mentors {partnership.mentee}.")
            if request.htmx:
                # A 200 with HX-Redirect: htmx then loads the page, so the tables and
                # counts show the new pair too (a 302 would be followed invisibly).
                return HttpResponseClientRedirect(cohort.get_absolute_url())
            return redirect(cohort)
    return _cohort_page(request, cohort, pair_form=form, status=200 if request.htmx else 400)


@login_required
def partnership_detail(request, pk):
    partnership = get_partnership_for_viewer(request.user, pk)
    context = {
        "partnership": partnership,
        "can_manage": can_manage_partnership(request.user, partnership),
        "sections": sections_for(request, partnership),
    }
    return render(request, "partnerships/partnership_detail.html", context)


@login_required
def partnership_end(request, pk):
    partnership = get_partnership_for_manager(request.user, pk)
    form = PartnershipEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and partnership.is_active:
        try:
            end_partnership(
                partnership=partnership,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as exc:
            for field, errors in exc.error_dict.items():
                for error in errors:
                    form.add_error(field, error)
        else:
            messages.success(
                request, f"The partnership is now {partnership.get_status_display().lower()}."
            )
            return redirect(partnership)
    return render(
        request, "partnerships/partnership_end.html", {"partnership": partnership, "form": form}
    )
