"""Taking in an answer: the only code that writes responses and answers.

Everything is checked before anything is stored: the link, the round, every answer. Then, in one
transaction, the response is stored with the unit as it was when the round opened (no person, time or
language) and the personal invitation is deleted, so nothing is left that says who answered; an
answer through a unit link only adds one to its unit's count. Nothing about a response is logged,
audited or put in a message.

The one-time form ids and the unit links' rate limits live in the ``shared`` cache, which every worker
process on the machine reads (``settings.CACHES``): a per-process cache would let each worker accept the
same form once and the limits as many times over as there are workers.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.core.cache import caches
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from ..models import Answer, Invitation, Question, Response, Round, RoundUnit, UnitLink
from ..models.responses import ANSWER_MAX_LENGTH
from .links import INVITATION, SCALE, UNIT_LINK, is_answerable, is_genuine, token_hash


class Refused(Exception):
    """The link cannot be used to answer; ``message`` says why, in the respondent's language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Ticket:
    """What a valid link lets one answer: a round, in a unit; the invitation when it is personal."""

    round: Round
    round_unit: RoundUnit
    invitation: Invitation | None = None
    unit_link: UnitLink | None = None


def _check_round(round_: Round, today: datetime.date) -> None:
    if round_.state == Round.State.CLOSED or today > round_.closes_on:
        raise Refused(_("This survey has closed, so answers can no longer be given."))
    if not is_answerable(round_, today):
        raise Refused(_("This survey is not open for answers yet."))


def personal_ticket(organisation, token: str, today: datetime.date | None = None) -> Ticket:
    """The ticket behind a one-time link, or ``Refused`` saying why not."""
    token = token.strip()
    if not is_genuine(token, INVITATION):
        raise Refused(_("This code is not valid. Check that you copied all of it."))
    invitations = Invitation.objects.for_org(organisation).select_related(
        "round__organisation", "round__template", "round_unit"
    )
    invitation = next(iter(invitations.filter(token_hash=token_hash(token))), None)  # the hash is unique
    if invitation is None:
        raise Refused(_("This link has already been used to answer, or the survey has ended. Thank you."))
    _check_round(invitation.round, today or timezone.localdate())
    return Ticket(invitation.round, invitation.round_unit, invitation=invitation)


def unit_ticket(organisation, token: str, today: datetime.date | None = None) -> Ticket:
    """The ticket behind a unit link (the same link for everyone in the unit's staff room)."""
    token = token.strip()
    link = None
    if is_genuine(token, UNIT_LINK):
        links = UnitLink.objects.for_org(organisation).select_related(
            "round__organisation", "round__template", "round_unit"
        )
        link = next(iter(links.filter(token_hash=token_hash(token))), None)  # the hash is unique
    if link is None:
        raise Refused(_("This code is not valid. Check that you copied all of it."))
    _check_round(link.round, today or timezone.localdate())
    return Ticket(link.round, link.round_unit, unit_link=link)


#: (template, version) → its questions with their choices. A version a round has opened with never
#: changes (editing it makes a new version), so each process reads it once, not on every answer.
_QUESTIONS: dict[tuple[int, int], list[Question]] = {}
_QUESTIONS_KEPT = 200


def questions_of(round_: Round) -> list[Question]:
    """The questions of the version the round asks, in order, with their choices."""
    key = (round_.template_id, round_.version)
    if round_.state != Round.State.OPEN:
        return _read_questions(round_)
    if key not in _QUESTIONS:
        if len(_QUESTIONS) >= _QUESTIONS_KEPT:
            _QUESTIONS.clear()
        _QUESTIONS[key] = _read_questions(round_)
    return _QUESTIONS[key]


def forget_questions() -> None:
    """Tests roll their database back, so ids come again: they forget what was read."""
    _QUESTIONS.clear()


def _read_questions(round_: Round) -> list[Question]:
    return list(
        Question.objects.filter(template_id=round_.template_id, version=round_.version).prefetch_related("choices")
    )


@dataclass
class Checked:
    """Answers checked against the questions: unsaved rows, or an error per question (by its id)."""

    answers: list[Answer] = field(default_factory=list)
    errors: dict[int, str] = field(default_factory=dict)


def _one(values: Sequence[str]) -> str:
    return values[0].strip() if values else ""


def check_answers(questions: Sequence[Question], given: Mapping[int, Sequence[str]]) -> Checked:
    """Check what was given for each question (question id → the values posted)."""
    checked = Checked()
    for question in questions:
        values = [v for v in given.get(question.pk, ()) if v.strip()]
        if question.kind == Question.Kind.TEXT:
            text = _one(given.get(question.pk, ()))
            if len(text) > ANSWER_MAX_LENGTH:
                checked.errors[question.pk] = _("Write at most %(limit)s characters.") % {"limit": ANSWER_MAX_LENGTH}
            elif text:
                checked.answers.append(Answer(question_id=question.pk, text=text))
            elif question.required:
                checked.errors[question.pk] = _("Write an answer to this question.")
            continue
        if not values:
            if question.required:
                checked.errors[question.pk] = _("Choose an answer to this question.")
            continue
        if question.kind == Question.Kind.SCALE:
            value = _one(values)
            if len(values) > 1 or not value.isdigit() or int(value) not in SCALE:
                checked.errors[question.pk] = _("Choose a value from 1 to 5.")
            else:
                checked.answers.append(Answer(question_id=question.pk, value=int(value)))
            continue
        choices = {str(choice.pk): choice for choice in question.choices.all()}
        picked = list(dict.fromkeys(values))
        if any(value not in choices for value in picked):
            checked.errors[question.pk] = _("Choose among the answers shown.")
        elif question.kind == Question.Kind.SINGLE and len(picked) > 1:
            checked.errors[question.pk] = _("Choose only one answer.")
        else:
            checked.answers.extend(Answer(question_id=question.pk, choice_id=choices[value].pk) for value in picked)
    return checked


#: A second click or a resent form comes within minutes; a short life keeps the shared cache small.
SUBMISSION_KEPT_SECONDS = 3600


def _claim_once(submission: str) -> bool:
    """Whether this form (its one-time id) is sent for the first time. The id is random and kept
    only in the cache, for an hour, so a second click or a form sent again is refused."""
    return caches["shared"].add(f"surveys:submission:{submission}", True, timeout=SUBMISSION_KEPT_SECONDS)


def submit(ticket: Ticket, answers: Sequence[Answer], submission: str) -> None:
    """Store a response from checked answers, and delete the personal invitation, in one transaction.

    ``Refused`` when the submission was already received or the link was used meanwhile: nothing stored.
    """
    if not submission or not _claim_once(submission):
        raise Refused(_("We have already received these answers. Thank you."))
    try:
        _store(ticket, answers)
    except BaseException:
        caches["shared"].delete(f"surveys:submission:{submission}")  # nothing was stored: the form may be sent again
        raise


def _store(ticket: Ticket, answers: Sequence[Answer]) -> None:
    with transaction.atomic():
        if ticket.invitation is not None:
            # Deleting claims the invitation: if another request used it first, nothing is deleted.
            deleted, _rows = Invitation.objects.filter(round=ticket.round, pk=ticket.invitation.pk).delete()
            if not deleted:
                raise Refused(_("This link has already been used to answer, or the survey has ended. Thank you."))
        if ticket.unit_link is not None:
            # Only a count, added to in the database so answers at the same moment are all counted.
            RoundUnit.objects.filter(round=ticket.round, pk=ticket.round_unit.pk).update(
                link_answers=F("link_answers") + 1
            )
        response = Response(round=ticket.round, round_unit=ticket.round_unit)
        response.organisation = ticket.round.organisation
        response.save(force_insert=True)
        for answer in answers:
            answer.response = response  # the organisation is copied from it
        Answer.objects.bulk_create(answers)


@transaction.atomic
def rewrite_in_random_order(round_: Round) -> None:
    """Write a closed round's responses again, in random order and with new keys.

    Rows sit on disk in the order they were inserted (SQLite's hidden row id, PostgreSQL's heap), which
    is the order people answered in. Rewritten once the round is closed, their order says nothing.
    Only the round's own rows are read, and only to copy them; nothing is shown or kept.
    """
    responses = list(Response.objects.filter(round=round_).values_list("pk", "round_unit_id"))
    if not responses:
        return
    answers: dict = {}
    fields = ("response_id", "question_id", "value", "choice_id", "text")
    rows = Answer.objects.for_org(round_.organisation).filter(response__round=round_).values(*fields)
    for row in rows:
        answers.setdefault(row.pop("response_id"), []).append(row)
    Response.objects.filter(round=round_).delete()  # the answers go with them (cascade)
    random.SystemRandom().shuffle(responses)
    organisation = round_.organisation
    new_responses = [Response(round=round_, round_unit_id=unit, organisation=organisation) for _pk, unit in responses]
    Response.objects.bulk_create(new_responses)
    Answer.objects.bulk_create(
        Answer(response=new, organisation=organisation, **row)
        for (old_pk, _unit_id), new in zip(responses, new_responses, strict=True)
        for row in answers.get(old_pk, ())
    )


#: Unit links: at most this many posts in ``RATE_WINDOW`` seconds through one link, and from one address.
PER_LINK_LIMIT = 300
PER_ADDRESS_LIMIT = 30
RATE_WINDOW = 600


def _count(key: str) -> int:
    """Count one post under ``key`` in the current window of ``RATE_WINDOW`` seconds, which starts at the
    first post. Read and written again rather than incremented: the file cache has no atomic increment,
    so posts at the very same moment in two workers may count once, which a limit can afford."""
    shared = caches["shared"]
    now = time.time()
    started, count = shared.get(key, (now, 0))
    if now - started >= RATE_WINDOW:
        started, count = now, 0
    shared.set(key, (started, count + 1), timeout=max(1, round(started + RATE_WINDOW - now)))
    return count + 1


def unit_link_rate_exceeded(token: str, client_address: str | None) -> bool:
    """Count one post through a unit link; True when the link or the address has posted too often.

    The counts live only in the shared cache and for ten minutes, under keyed hashes: neither the code
    nor the address is kept there in clear, or stored anywhere lasting.
    """
    link_key = "surveys:rate:link:" + salted_hmac("surveys.rate", token.strip()).hexdigest()
    address_key = "surveys:rate:address:" + salted_hmac("surveys.rate", client_address or "").hexdigest()
    per_link, per_address = _count(link_key), _count(address_key)
    return per_link > PER_LINK_LIMIT or per_address > PER_ADDRESS_LIMIT
