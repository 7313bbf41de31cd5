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
