"""The barriers round's results with top management's checklist in Chromium: axe with no violations,
and no sideways scrolling at 390 px."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from surveys.models import RemedyTask
from surveys.services.checklist import make_checklist

from .browser import assert_page_accessible, sign_in
from .factories_checklist import barriers_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_results_with_the_checklist_are_accessible_on_a_phone(page, world):
    round_ = barriers_round(world)
    results = reverse("surveys:results", args=[round_.pk])
    with translation.override("nb"):
        heading = gettext("Results: %(title)s") % {"title": round_.title}
    sign_in(page, world.users["top_management"])
    assert_page_accessible(page, results, heading)  # the button that makes the checklist
    late = make_checklist(round_)[0]
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    RemedyTask.objects.for_org(world.org).filter(pk=late.pk).update(owner=world.users["owner"], deadline=yesterday)
    assert_page_accessible(page, results, heading)
    assert page.locator("#checklist tbody tr").count() == 6
