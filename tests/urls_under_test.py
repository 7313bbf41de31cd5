"""Every URL of the app, filled in with one organisation's objects, for the access sweeps."""

from __future__ import annotations

from django.urls import get_resolver, reverse

# URL names that take no object id, and those that do with the object they take.
NO_ID = [
    "core:home",
    "portfolio:list",
    "portfolio:export_csv",
    "portfolio:export_xlsx",
    "portfolio:timeline",
    "portfolio:initiative_create",
    "portfolio:ideas",
    "portfolio:idea_create",
    "portfolio:programmes",
    "portfolio:programme_create",
    "organisations:units",
    "organisations:settings",
    "organisations:unit_create",
    "organisations:people",
    "organisations:person_create",
]
WITH_ID = {
    "portfolio:initiative": lambda w: w.initiative.pk,
    "portfolio:initiative_edit": lambda w: w.initiative.pk,
    "portfolio:initiative_phase": lambda w: w.initiative.pk,
    "portfolio:stakeholder_matrix": lambda w: w.initiative.pk,
    "portfolio:stakeholder_add": lambda w: w.initiative.pk,
    "portfolio:stakeholder_edit": lambda w: w.stakeholder.pk,
    "portfolio:stakeholder_delete": lambda w: w.stakeholder.pk,
    "portfolio:affected_unit_add": lambda w: w.initiative.pk,
    "portfolio:affected_unit_edit": lambda w: w.affected.pk,
    "portfolio:affected_unit_delete": lambda w: w.affected.pk,
    "portfolio:status_report_add": lambda w: w.initiative.pk,
    "portfolio:status_report": lambda w: w.report.pk,
    "portfolio:idea": lambda w: w.idea.pk,
    "portfolio:programme_edit": lambda w: w.programme.pk,
    "organisations:unit": lambda w: w.unit.pk,
    "organisations:unit_edit": lambda w: w.unit.pk,
    "organisations:person_edit": lambda w: w.users["employee"].memberships.get().pk,
}
# Only POST is allowed here; a GET is 405 before anything is looked up.
POST_ONLY = {"portfolio:stakeholder_delete", "portfolio:affected_unit_delete"}
# Pages that need no organisation (sign-in, language, switching organisation).
PUBLIC = {"accounts:login", "accounts:logout", "accounts:switch_organisation", "core:set_language"}


def all_url_names() -> set[str]:
    names = set()
    resolver = get_resolver()
    for namespace, (_prefix, sub) in resolver.namespace_dict.items():
        for name in sub.reverse_dict:
            if isinstance(name, str):
                names.add(f"{namespace}:{name}")
    return names


def id_urls(world) -> list[tuple[str, str]]:
    return [(name, reverse(name, args=[get_id(world)])) for name, get_id in WITH_ID.items()]


def plain_urls() -> list[tuple[str, str]]:
    return [(name, reverse(name)) for name in NO_ID]
