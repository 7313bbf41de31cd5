"""Answering a survey, without signing in.

The e-mailed link and the unit link carry their code after ``#``, which browsers never send: the
script ``static/js/survey-code.js`` posts it, and without script the respondent pastes the code into
the form. So no URL the server sees, or logs, holds a code; it travels only in POST bodies.
"""

import secrets

from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.services.credentials import language_of
from accounts.throttling import client_ip_address
from organisations.models import Organisation

from ..forms.rounds import CodeForm
from ..models.templates import LANGUAGES
from ..services.intake import (
    Refused,
    Ticket,
    check_answers,
    personal_ticket,
    questions_of,
    submit,
    unit_link_rate_exceeded,
    unit_ticket,
)
from ..services.links import SCALE
from ..topics import MATURITY_AREAS

LANGUAGE_NAMES = {"nb": "Norsk bokmål", "nn": "Norsk nynorsk", "en": "English"}


def _code_page(request, organisation, form, *, unit_link: bool, refused=None, status=200):
    context = {"organisation": organisation, "form": form, "refused": refused, "unit_link": unit_link}
    return render(request, "surveys/answer/code.html", context, status=status)


def _rows(questions, given, errors, language, year):
    """What the page shows for each question, in ``language``, with what was already chosen; a
    maturity target question names the round's target ``year``."""
    rows = []
    for number, question in enumerate(questions, start=1):
        chosen = given.get(question.pk, [])
        if question.kind == question.Kind.SCALE:
            labels = {1: question.low(language), 5: question.high(language)}
            options = [(str(v), labels.get(v, ""), str(v) in chosen) for v in SCALE]
        else:
            options = [(str(c.pk), c.text(language), str(c.pk) in chosen) for c in question.choices.all()]
        rows.append(
            {
                "question": question,
                "number": number,
                "name": f"q{question.pk}",
                "text": question.text(language, year),
                "low": question.low(language),
                "high": question.high(language),
                "options": options,
                "multiple": question.kind == question.Kind.MULTIPLE,
                "value": chosen[0] if chosen and question.kind == question.Kind.TEXT else "",
                "error": errors.get(question.pk),
            }
        )
    return rows


def _sections(rows):
    """The rows in sections: a maturity area's two questions (now and target) together under the
    area's name, every other question a section of its own without a heading."""
    sections = []
    for row in rows:
        question = row["question"]
        area = MATURITY_AREAS.get(question.topic) if question.measure else None
        if area and sections and sections[-1]["topic"] == question.topic:
            sections[-1]["rows"].append(row)
        else:
            sections.append({"topic": question.topic if area else None, "heading": area, "rows": [row]})
    return sections


def _default_language(ticket: Ticket) -> str:
    if ticket.invitation is not None:
        return language_of(ticket.invitation.person)[:2]
    return ticket.round.organisation.language[:2]


def _answer(request, organisation_id: int, find_ticket, *, unit_link: bool):
    """``unit_link``: the link is a unit's, shared by many, so it is limited in rate."""
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    if request.method != "POST":
        return _code_page(request, organisation, CodeForm(), unit_link=unit_link)
    form = CodeForm(request.POST)
    if unit_link and unit_link_rate_exceeded(request.POST.get("code", ""), client_ip_address(request)):
        return _code_page(request, organisation, form, unit_link=unit_link, refused=_too_many(), status=429)
    if not form.is_valid():
        return _code_page(request, organisation, form, unit_link=unit_link)
    try:
        ticket = find_ticket(organisation, form.cleaned_data["code"])
    except Refused as refused:
        return _code_page(request, organisation, form, unit_link=unit_link, refused=refused.message)
    chosen = request.POST.get("language", "")
    language = chosen if chosen in LANGUAGES else _default_language(ticket)
    with translation.override(language):
        questions = questions_of(ticket.round)
        given = {q.pk: request.POST.getlist(f"q{q.pk}") for q in questions}
        errors = {}
        if "submission" in request.POST and "change_language" not in request.POST:
            checked = check_answers(questions, given)
            errors = checked.errors
            if not errors:
                try:
                    submit(ticket, checked.answers, request.POST["submission"])
                except Refused as refused:
                    return render(request, "surveys/answer/done.html", {"message": refused.message})
                return render(request, "surveys/answer/done.html", {"thanks": True})
        context = {
            "organisation": organisation,
            "round": ticket.round,
            "description": ticket.round.template.shown_description(language),
            "unit_link": unit_link,
            "code": form.cleaned_data["code"],
            "language": language,
            "languages": [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
            "sections": _sections(_rows(questions, given, errors, language, ticket.round.target_year)),
            "has_errors": bool(errors),
            "submission": request.POST.get("submission") or secrets.token_urlsafe(16),
        }
        return render(request, "surveys/answer/questions.html", context, status=400 if errors else 200)


def _too_many():
    return _("Many answers have been sent through this link in a short time. Wait ten minutes and try again.")


@require_http_methods(["GET", "POST"])
def answer(request, organisation_id):
    """A personal one-time link from the e-mail."""
    return _answer(request, organisation_id, personal_ticket, unit_link=False)


@require_http_methods(["GET", "POST"])
def unit_answer(request, organisation_id):
    """A unit's link or QR code: the same for everyone in the staff room, limited in rate."""
    return _answer(request, organisation_id, unit_ticket, unit_link=True)
