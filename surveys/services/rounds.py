"""Running a round: a draft is opened (the unit tree copied, the people in it invited by e-mail) and
closed; the response rate is the only thing anyone learns while it runs.

Whether a person has answered is never stored: an ``Invitation`` exists until they answer and is then
deleted (``surveys.services.intake``). So the personal answers per unit are ``RoundUnit.invited`` minus
the invitations left; answers through a unit link are only counted (``RoundUnit.link_answers``), and a
unit with a link is measured against everyone working there (``RoundUnit.headcount``). No code here
reads a response.
"""

from __future__ import annotations

import datetime
import logging
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services.credentials import language_of
from core.anonymity import group_units, minimum_group_size
from organisations.models import Membership, OrgUnit, Role, RoleAssignment

from ..models import Invitation, Round, RoundUnit, UnitLink
from .intake import rewrite_in_random_order
from .links import INVITATION, UNIT_LINK, answer_link, new_token, token_hash
from .release import release

logger = logging.getLogger(__name__)


def _copy_units(round_: Round, invited: dict[int, int]) -> dict[int, RoundUnit]:
    """The chosen units and every unit below them, as they are now, with the number asked in each and
    everyone working there; unit id → its copy."""
    units = _units_asked(round_)
    headcount = _headcount(round_, units)
    copies: dict[int, RoundUnit] = {}
    for unit in units:  # tree order: a parent comes before its children
        copy = RoundUnit(
            round=round_,
            unit=unit,
            name=unit.name,
            parent=copies.get(unit.parent_id),
            invited=invited.get(unit.pk, 0),
            headcount=headcount.get(unit.pk, 0),
        )
        copy.organisation = round_.organisation
        copy.save()
        copies[unit.pk] = copy
    return copies


def _headcount(round_: Round, units: list[OrgUnit]) -> dict[int, int]:
    """Unit id → its active members, with or without e-mail: those a unit link in its staff room asks."""
    members = Membership.objects.for_org(round_.organisation).filter(
        is_active=True, user__is_active=True, unit__in=[unit.pk for unit in units]
    )
    return dict(members.values_list("unit").annotate(count=Count("pk")).values_list("unit", "count"))


def _units_asked(round_: Round) -> list[OrgUnit]:
    chosen = round_.units.values_list("pk", flat=True)
    return list(OrgUnit.objects.with_units_below(round_.organisation, chosen))


def _send(invitation: Invitation, token: str, base_url: str, template: str) -> None:
    person = invitation.person
    round_ = invitation.round
    context = {
        "round": round_,
        "link": answer_link(round_, token, base_url),
        "code": token,
        "protection": f"{base_url}{reverse('surveys:protection', args=[round_.organisation_id])}",
    }
    with translation.override(language_of(person)):
        subject = render_to_string(f"surveys/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"surveys/email/{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email])


def _people_asked(round_: Round) -> list[tuple[User, int]]:
    """Each person the round asks, with the unit their answers are counted in: everyone working in the
    units asked, or (``Audience.LEADERS``) the leaders of those units, each in the highest unit they
    lead there. Only active members with an e-mail address; four queries at most."""
    units = [unit.pk for unit in _units_asked(round_)]
    if round_.audience == Round.Audience.LEADERS:
        place = {unit_id: index for index, unit_id in enumerate(units)}  # tree order: a unit above comes first
        led = _units_led_by_person(round_.organisation, units)
        people = {person_id: min(unit_ids, key=place.__getitem__) for person_id, unit_ids in led.items()}
        condition = {"user_id__in": people}
    else:
        condition = {"unit__in": units}
    members = (
        Membership.objects.for_org(round_.organisation)
        .filter(is_active=True, user__is_active=True, **condition)
        .exclude(user__email="")
        .select_related("user")
        .order_by("pk")
    )
    if round_.audience == Round.Audience.LEADERS:
        return [(membership.user, people[membership.user_id]) for membership in members]
    return [(membership.user, membership.unit_id) for membership in members]


def _units_led_by_person(organisation, unit_ids: list[int]) -> dict[int, set[int]]:
    """Person id → the units among ``unit_ids`` they lead: as the unit's leader, or with the middle
    manager role for it (as ``Actor.led_unit_ids`` counts a unit led)."""
    led: dict[int, set[int]] = {}
    leaders = OrgUnit.objects.for_org(organisation).filter(pk__in=unit_ids, leader__isnull=False)
    managers = RoleAssignment.objects.for_org(organisation).filter(role=Role.MIDDLE_MANAGER, unit_id__in=unit_ids)
    for person_id, unit_id in [
        *leaders.values_list("leader_id", "pk"),
        *managers.values_list("membership__user_id", "unit_id"),
    ]:
        led.setdefault(person_id, set()).add(unit_id)
    return led


@transaction.atomic
def open_round(round_: Round, *, base_url: str) -> int:
    """Open a draft: copy the unit tree, invite every active member working in it who has an e-mail
    address (or only the leaders of its units, see ``_people_asked``), and freeze the template's
    version. Returns the number invited."""
    round_ = Round.objects.for_org(round_.organisation).select_for_update().get(pk=round_.pk)
    if round_.state != Round.State.DRAFT:
        raise ValidationError(_("Only a round being prepared can be opened."))
    if not round_.units.exists():
        raise ValidationError(_("Choose the units to ask before opening the round."))
    if not round_.template.questions.filter(version=round_.template.version).exists():
        raise ValidationError(_("The survey has no questions yet."))
    asked = _people_asked(round_)
    if not asked and round_.audience == Round.Audience.LEADERS:
        raise ValidationError(
            _("Nobody with an e-mail address leads the units chosen, so nobody would be asked. Choose other units.")
        )
    copies = _copy_units(round_, Counter(unit_id for _person, unit_id in asked))
    invitations: list[tuple[Invitation, str]] = []
    for person, unit_id in asked:
        token = new_token(INVITATION)
        invitation = Invitation(round=round_, round_unit=copies[unit_id], person=person, token_hash=token_hash(token))
        invitation.organisation = round_.organisation
        invitations.append((invitation, token))
    Invitation.objects.bulk_create([invitation for invitation, _token in invitations])
    round_.version = round_.template.version
    round_.state = Round.State.OPEN
    round_.save(update_fields=["version", "state"])
    # The e-mails go out only when everything above is stored.
    transaction.on_commit(lambda: [_send(i, t, base_url, "invitation") for i, t in invitations])
    return len(invitations)


@transaction.atomic
def close_round(round_: Round) -> Round:
    """Close an open round, in one transaction: links stop working, the invitations left are deleted
    (nobody can be reminded any more, and nothing is kept about who did not answer), the responses are
    written again in random order, and the figures that may be shown are released."""
    round_ = Round.objects.for_org(round_.organisation).select_for_update().get(pk=round_.pk)
    if round_.state != Round.State.OPEN:
        raise ValidationError(_("Only an open round can be closed."))
    round_.state = Round.State.CLOSED
    round_.save(update_fields=["state"])
    round_.invitations.all().delete()
    rewrite_in_random_order(round_)
    release(round_)
    return round_


def create_unit_link(round_: Round, round_unit: RoundUnit) -> str:
    """A new link for a unit's staff room; returns its token (shown once, stored only as a hash)."""
    token = new_token(UNIT_LINK)
    link = UnitLink(round=round_, round_unit=round_unit, token_hash=token_hash(token))
    link.organisation = round_.organisation
    link.save()
    return token


def _percent(answered: int, asked: int) -> int:
    """Capped at 100: someone with a personal link who also answers through the unit link counts twice,
    and nobody can (or may) find out who."""
    return min(100, round(100 * answered / asked)) if asked else 0


@dataclass(frozen=True)
class UnitRate:
    name: str
    asked: int
    answered: int

    @property
    def percent(self) -> int:
        return _percent(self.answered, self.asked)


@dataclass(frozen=True)
class ResponseRate:
    #: Those invited by e-mail, and everyone working in a unit with a unit link.
    asked: int
    #: Answers through personal links and through unit links.
    answered: int
    #: Groups of units, each with at least the minimum group answered; empty when none may be shown.
    units: list[UnitRate]
    minimum: int
    #: Whether any unit has a unit link: then the rate counts everyone working there.
    has_unit_links: bool

    @property
    def percent(self) -> int:
        return _percent(self.answered, self.asked)


def response_rate(round_: Round) -> ResponseRate:
    """The rate for the whole round, and per unit (with the units below it that are not shown on their
    own) only where at least the minimum group have answered. The groups are disjoint, and when the
    answers outside every shown group are fewer than the minimum no unit is shown, so no unit's figure
    can be worked out by subtracting shown ones. Two queries.

    A unit is answered for by personal links (those invited minus the invitations left) and by its unit
    links (a counter); a unit with a unit link asks everyone working there, with or without e-mail, so
    it is measured against its headcount at opening, otherwise against those invited."""
    minimum = max(round_.minimum_group, minimum_group_size(round_.organisation))
    copies = list(
        round_.round_units.annotate(left=Count("invitations", distinct=True), unit_links=Count("links", distinct=True))
    )
    answered = {c.pk: c.invited - c.left + c.link_answers for c in copies}
    asked = {c.pk: c.asked(has_unit_link=bool(c.unit_links)) for c in copies}
    total_answered = sum(answered.values())
    grouping = group_units({c.pk: c.parent_id for c in copies}, answered, minimum)
    by_id = {c.pk: c for c in copies}
    units = [
        UnitRate(
            name=by_id[group.unit_id].name,
            asked=sum(asked[u] for u in group.unit_ids),
            answered=group.count,
        )
        for group in grouping.groups.values()
    ]
    outside = total_answered - sum(unit.answered for unit in units)
    if 0 < outside < minimum:
        units = []
    has_links = any(c.unit_links for c in copies)
    return ResponseRate(sum(asked.values()), total_answered, sorted(units, key=lambda u: u.name), minimum, has_links)


@dataclass(frozen=True)
class Reminders:
    """How many reminders went and how many the mail server refused: numbers, never who."""

    sent: int = 0
    failed: int = 0


def send_reminders(today: datetime.date, *, base_url: str) -> Reminders:
    """E-mail everyone still invited in the open rounds whose reminder date has come and who have not
    been reminded, in their language, with a fresh link (only the hash of a token is stored, so the
    first one cannot be sent again). Returns only how many went and how many failed: nobody learns who.

    A round is reminded once: the day and how many are recorded, so a second run sends nothing. If the
    mail server refuses any of its reminders, the round is left not reminded, so the next run (daily)
    tries everyone still invited again, each with a fresh link: a person whose reminder went gets a
    second one (and the first reminder's link stops working), which is better than a person left
    silently without one. A person whose reminder failed keeps the link they had, so no one is left
    without a working link meanwhile."""
    # Reminders go out for every organisation at once.
    due = Round.objects.across_organisations().filter(
        state=Round.State.OPEN, remind_on__lte=today, closes_on__gte=today, reminded_on__isnull=True
    )
    sent = failed = 0
    for round_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            # Locked, checked again and marked, so two runs at once remind a round once between them.
            round_ = due.select_for_update().filter(pk=round_id).first()
            if round_ is None:
                continue
            invitations = list(round_.invitations.select_related("person", "round"))
            round_.reminded_on, round_.reminders_sent = today, len(invitations)
            round_.save(update_fields=["reminded_on", "reminders_sent"])
        went, refused = _remind(invitations, base_url)
        sent, failed = sent + went, failed + refused
        # Only the day, and how many went (those who answered meanwhile got none); none if any failed.
        round_.reminded_on, round_.reminders_sent = (None, 0) if refused else (today, went)
        round_.save(update_fields=["reminded_on", "reminders_sent"])
    return Reminders(sent, failed)


def _remind(invitations: list[Invitation], base_url: str) -> tuple[int, int]:
    """Send each invitation its reminder with a fresh link; how many went and how many failed."""
    sent = failed = 0
    for invitation in invitations:
        first_hash, token = invitation.token_hash, new_token(INVITATION)
        # Stored before the e-mail goes, so the link works when it arrives; nothing to do for a person
        # who has answered meanwhile (their invitation is gone).
        row = Invitation.objects.filter(round=invitation.round, pk=invitation.pk, token_hash=first_hash)
        if not row.update(token_hash=token_hash(token)):
            continue
        try:
            _send(invitation, token, base_url, "reminder")
        except Exception as error:  # whatever the mail server does, count it and go on with the rest
            # The link they had works again. Only the kind of failure is logged: the error may name the address.
            Invitation.objects.filter(round=invitation.round, pk=invitation.pk).update(token_hash=first_hash)
            logger.warning("A survey reminder could not be sent: %s", type(error).__name__)
            failed += 1
        else:
            sent += 1
    return sent, failed
