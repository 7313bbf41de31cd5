"""Forms in real Chromium: the unit tree's filter and ticking, deviation rows on demand."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .browser import assert_accessible, assert_page_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_unit_tree_filters_and_ticking_a_sector_ticks_its_units(page, world):
    sign_in(page, world.users["employee"])
    assert_page_accessible(page, "/portfolio/ideas/new/", "Foreslå en idé")
    tree = page.locator("[data-tree-checkboxes]")
    search = tree.locator("input[type=search]")
    expect(search).to_be_visible()  # the script shows the filter box

    search.fill("avdeling")
    expect(tree.get_by_label(world.department.name)).to_be_visible()
    expect(tree.get_by_label(world.unit.name)).to_be_visible()  # the way down to a match stays
    expect(tree.get_by_label(world.other_unit.name)).to_be_hidden()
    expect(tree.get_by_role("status")).to_contain_text("3")  # sector, unit and department shown
    search.press("Enter")  # filters; does not send the form
    expect(page.get_by_role("heading", level=1)).to_have_text("Foreslå en idé")
    search.fill("")
    expect(tree.get_by_label(world.other_unit.name)).to_be_visible()

    tree.get_by_label(world.sector.name).check()
    for unit in (world.unit, world.department, world.other_unit):
        expect(tree.get_by_label(unit.name)).to_be_checked()
    tree.get_by_label(world.unit.name).uncheck()
    expect(tree.get_by_label(world.department.name)).not_to_be_checked()
    expect(tree.get_by_label(world.other_unit.name)).to_be_checked()


def test_status_report_adds_deviation_rows_on_demand(page, world):
    sign_in(page, world.users["owner"])
    assert_page_accessible(page, f"/portfolio/initiatives/{world.initiative.pk}/status/new/", "Skriv statusrapport")
    expect(page.locator("fieldset.deviation")).to_have_count(0)
    page.locator("button[name=add_deviation]").click()
    expect(page.locator("fieldset.deviation")).to_have_count(1)
    assert_accessible(page, "Skriv statusrapport")
    expect(page.locator(".ds-validation-message")).to_have_count(0)
