"""A cohort's head counts (mentees, mentors, active and ended pairs, mentees waiting),
kept in the shared cache until its people or its pairs change.

Counting is linear in a cohort's size: at 5,000 people a cohort, the coordinator's
home spent most of its SQL time counting four cohorts, and more as they grow. The
counts change only when a membership or a partnership is saved or deleted, which
every path does through the ORM (invitations, imports, pairing, ending, capacity,
and a deleted account's cascade, which sends ``post_delete`` for each row):

- each cohort has a *stamp* in the cache, a random token; the receivers below give
  the cohort a new stamp once the transaction that changed it commits;
- the counts are stored under (cohort, stamp): a new stamp is a new key, so a
  change is seen by the next reader, and nothing is ever invalidated by hand;
- a reader makes sure of the stamp *before* counting, so counts read from the
  database before a change can only ever be stored under the stamp that change
  replaced, where nobody looks again.

A cache that is down, or a stamp evicted, costs the count query, never a wrong count.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from mentorplan.programs.models import Membership

from .models import Partnership

logger = logging.getLogger(__name__)

COUNTS = ("mentee_count", "mentor_count", "active_count", "ended_count", "unpaired_count")
TIMEOUT = 7 * 24 * 60 * 60


def _stamp_key(cohort_pk) -> str:
    return f"cohort-stamp:{cohort_pk}"


def _counts_key(cohort_pk, stamp) -> str:
    return f"cohort-counts:{cohort_pk}:{stamp}"


def with_counts(cohorts, count) -> list:
    """The cohorts, each with the ``COUNTS`` attributes set, from the cache where it can.

    ``count(pks)`` counts the cohorts of those pks in the database, answering
    ``{pk: {name: n}}``; it is called once, for the cohorts the cache misses.
    """
    cohorts = list(cohorts)
    if not cohorts:
        return cohorts
    try:
        found = _cached(cohorts, count)
    except Exception:
        logger.exception("Cohort counts cache unusable; counting in the database.")
        found = count([c.pk for c in cohorts])
    for cohort in cohorts:
        for name in COUNTS:
            setattr(cohort, name, found[cohort.pk][name])
    return cohorts


def _cached(cohorts, count) -> dict:
    pks = [c.pk for c in cohorts]
    stamps = _stamps(pks)
    keys = {pk: _counts_key(pk, stamps[pk]) for pk in pks}
    stored = cache.get_many(list(keys.values()))
    found = {pk: stored[key] for pk, key in keys.items() if key in stored}
    missing = [pk for pk in pks if pk not in found]
    if missing:
        counted = count(missing)
        cache.set_many({keys[pk]: counted[pk] for pk in missing}, TIMEOUT)
        found.update(counted)
    return found


def _stamps(pks) -> dict:
    """Each cohort's stamp, made (before any counting) where it has none."""
    stamps = {}
    stored = cache.get_many([_stamp_key(pk) for pk in pks])
    for pk in pks:
        stamps[pk] = stored.get(_stamp_key(pk))
        if stamps[pk] is None:
            # add(): of two readers at once, both end up with the one that won.
            cache.add(_stamp_key(pk), uuid.uuid4().hex, TIMEOUT)
            stamps[pk] = cache.get(_stamp_key(pk))
            if stamps[pk] is None:
                raise RuntimeError("The cache keeps nothing.")
    return stamps


def cohort_changed(cohort_pk) -> None:
    """Give the cohort a new stamp once the current transaction commits."""

    def restamp():
        try:
            cache.set(_stamp_key(cohort_pk), uuid.uuid4().hex, TIMEOUT)
        except Exception:
            # The stamp could not be renewed: drop it, so that the counts are made again.
            logger.exception("Cohort %s: counts stamp not renewed.", cohort_pk)
            try:
                cache.delete(_stamp_key(cohort_pk))
            except Exception:
                logger.exception("Cohort %s: counts stamp not dropped either.", cohort_pk)

    transaction.on_commit(restamp)


@receiver(post_save, sender=Membership, dispatch_uid="cohort-counts-membership-saved")
@receiver(post_delete, sender=Membership, dispatch_uid="cohort-counts-membership-deleted")
@receiver(post_save, sender=Partnership, dispatch_uid="cohort-counts-partnership-saved")
@receiver(post_delete, sender=Partnership, dispatch_uid="cohort-counts-partnership-deleted")
def _people_or_pairs_changed(sender, instance, **kwargs):
    cohort_changed(instance.cohort_id)
