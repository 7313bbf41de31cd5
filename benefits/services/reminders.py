"""Email reminders about measurements that are due or overdue, and plans waiting for a
signature: one digest per person.

Safe to run from cron as often as one likes, and by several workers at once: each (indicator,
due date, person) is claimed by inserting a ``ReminderSent`` row under a unique constraint
before the mail goes out (a ``PlanReminderSent`` row per plan content to sign), so nothing is
sent twice. If sending fails, the claims are removed
and the next run tries again.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from organisations.actor import build_actor
from organisations.models import Membership, Role
from portfolio.models import Initiative

from ..models import Indicator, PlanReminderSent, ReminderSent
from .followup import IndicatorStatus, indicator_status
from .plans import PlanToSign, plans_awaiting_signature


@dataclass(frozen=True)
class Digest:
    recipient: object
    items: list[IndicatorStatus]
    plans: list[PlanToSign] = field(default_factory=list)

    @property
    def organisation(self):
        return self.items[0].indicator.organisation if self.items else self.plans[0].initiative.organisation


def due_indicators(today: datetime.date) -> list[IndicatorStatus]:
    # Reminders go out for every organisation at once.
    indicators = Indicator.objects.across_organisations().select_related(
        "benefit__initiative", "benefit__owner", "benefit__responsible", "measured_by", "organisation"
    )
    statuses = (indicator_status(i, today) for i in indicators)
    return [s for s in statuses if s.next_due is not None and s.next_due <= today]


def who_can_measure() -> set[tuple[int, int]]:
    """(organisation, person) of every active membership that may write: ended members and
    politicians are never reminded to do what they can no longer do."""
    memberships = Membership.objects.across_organisations().filter(is_active=True)
    readers = memberships.filter(roles__role=Role.POLITICIAN)
    return set(memberships.exclude(pk__in=readers.values("pk")).values_list("organisation_id", "user_id"))


def recipient_of(indicator: Indicator, can_measure: set[tuple[int, int]]):
    """Whoever measures; else the benefit responsible; else the benefit owner: the first of them
    still working in the organisation."""
    benefit = indicator.benefit
    for person in (indicator.measured_by, benefit.responsible, benefit.owner):
        if person is not None and (indicator.organisation_id, person.pk) in can_measure:
            return person
    return None


def signature_requests(can_measure: set[tuple[int, int]]) -> dict[int, list[PlanToSign]]:
    """Person id → the plans waiting for their signature, in every organisation they sign for."""
    owners = Initiative.objects.across_organisations().exclude(project_owner=None)
    management = Membership.objects.across_organisations().filter(roles__role=Role.TOP_MANAGEMENT)
    signers = set(owners.values_list("organisation_id", "project_owner_id")) | set(
        management.values_list("organisation_id", "user_id")
    )
    signers &= can_measure
    people = get_user_model().objects.in_bulk({user_id for _org, user_id in signers})
    requests: dict[int, list[PlanToSign]] = defaultdict(list)
    for organisation_id, user_id in sorted(signers):
        actor = build_actor(people[user_id], organisation_id)
        if actor is not None:
            requests[user_id].extend(plans_awaiting_signature(actor))
    return requests


def digests(today: datetime.date) -> list[Digest]:
    grouped: dict[int, list[IndicatorStatus]] = defaultdict(list)
    people = {}
    can_measure = who_can_measure()
    for status in due_indicators(today):
        person = recipient_of(status.indicator, can_measure)
        if person is None or not person.email:
            continue
        people[person.pk] = person
        grouped[person.pk].append(status)
    to_sign = {pk: plans for pk, plans in signature_requests(can_measure).items() if plans}
    signers = get_user_model().objects.in_bulk([pk for pk in to_sign if pk not in people])
    people.update({pk: person for pk, person in signers.items() if person.email})
    return [
        Digest(people[pk], grouped.get(pk, []), to_sign.get(pk, [])) for pk in people if pk in grouped or pk in to_sign
    ]


def _claimed(items: list, receipt) -> list:
    """The items whose receipt row this run could insert; a unique constraint refuses the rest."""
    claimed = []
    for item in items:
        try:
            with transaction.atomic():
                receipt(item)
        except IntegrityError:
            continue
        claimed.append(item)
    return claimed


def _claim(digest: Digest) -> tuple[list[IndicatorStatus], list[PlanToSign]]:
    """Claim the items and plans not reminded before; returns what this run must send."""
    person = digest.recipient
    items = _claimed(
        digest.items,
        lambda s: ReminderSent.objects.create(indicator=s.indicator, due_on=s.next_due, recipient=person),
    )
    plans = _claimed(
        digest.plans,
        lambda p: PlanReminderSent.objects.create(initiative=p.initiative, content=p.content, recipient=person),
    )
    return items, plans


def send_reminders(today: datetime.date) -> int:
    """Send one digest per person; returns the number of emails sent."""
    sent = 0
    for digest in digests(today):
        items, plans = _claim(digest)
        if not (items or plans):
            continue
        person = digest.recipient
        language = person.preferred_language or digest.organisation.language
        with translation.override(language):
            context = {"person": person, "items": items, "plans": plans, "today": today}
            subject = render_to_string("benefits/email/reminder_subject.txt", context).strip()
            body = render_to_string("benefits/email/reminder.txt", context)
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email])
        except Exception:
            ReminderSent.objects.filter(
                recipient=person, indicator__in=[s.indicator for s in items], due_on__in=[s.next_due for s in items]
            ).delete()
            PlanReminderSent.objects.filter(
                recipient=person,
                initiative__in=[p.initiative for p in plans],
                content__in=[p.content for p in plans],
            ).delete()
            raise
        sent += 1
    return sent
