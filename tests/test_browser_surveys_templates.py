"""The survey template pages in Chromium: axe with no violations, and no sideways scrolling at 390 px."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext

from surveys.models import Question, SurveyTemplate

from .browser import assert_page_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_template_pages_are_accessible_on_a_phone(page, world):
    maturity = SurveyTemplate.objects.for_org(world.org).get(kind="maturity")
    area = maturity.questions.get(order=1)
    with translation.override("nb"):
        surveys = gettext("Surveys")
        edit = gettext("Edit: %(what)s") % {"what": capfirst(Question._meta.verbose_name)}
    sign_in(page, world.users["portfolio_office"])
    assert_page_accessible(page, reverse("surveys:templates"), surveys)
    detail = reverse("surveys:template", args=[maturity.pk])
    assert_page_accessible(page, detail, maturity.name)
    assert_page_accessible(page, f"{detail}?lang=en", maturity.name)
    assert page.get_by_text("Leadership and anchoring: which description fits us best now?").count() == 1
    assert_page_accessible(page, reverse("surveys:question_edit", args=[area.pk]), edit)


def test_a_question_is_moved_with_the_keyboard_and_the_focus_stays_on_it(page, world):
    readiness = SurveyTemplate.objects.for_org(world.org).get(kind="readiness")
    first = readiness.questions.get(version=1, order=1)
    second = readiness.questions.filter(version=1, topic=first.topic).order_by("order")[1]
    sign_in(page, world.users["portfolio_office"])
    page.goto(reverse("surveys:template", args=[readiness.pk]) + "?lang=nb")
    move_down = page.locator(f'form[action="{reverse("surveys:question_move", args=[first.pk])}"] button[value="down"]')
    move_down.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**#question-{first.pk}")
    assert page.evaluate("document.activeElement.id") == f"question-{first.pk}"
    first.refresh_from_db()
    assert first.order == second.order
    texts = page.locator("ol.survey-questions > li").all_inner_texts()
    assert texts.index(next(t for t in texts if second.text_nb in t)) < texts.index(
        next(t for t in texts if first.text_nb in t)
    )
