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
    "benefits:portfolio",
    "benefits:mine",
    "benefits:at_risk",
    "benefits:goals",
    "benefits:goal_add",
    "kommit:upload",
    "exports:portfolio_xlsx",
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
    "benefits:initiative": lambda w: w.initiative.pk,
    "benefits:economics": lambda w: w.initiative.pk,
    "benefits:map": lambda w: w.initiative.pk,
    "benefits:plan": lambda w: w.initiative.pk,
    "benefits:plan_sign": lambda w: w.initiative.pk,
    "benefits:benefit": lambda w: w.benefit.pk,
    "benefits:estimates": lambda w: w.benefit.pk,
    "benefits:measurement_add": lambda w: w.indicator.pk,
    "kommit:export": lambda w: w.initiative.pk,
    "exports:plan_docx": lambda w: w.initiative.pk,
    "exports:plan_pdf": lambda w: w.initiative.pk,
}
# URLs with a kind of row as well as an id: every kind is swept.
WITH_KIND = [
    ("benefits:part_add", kind, lambda w: w.initiative.pk)
    for kind in ("process", "change", "benefit", "cost", "training")
] + [
    ("benefits:part_edit", "process", lambda w: w.process_step.pk),
    ("benefits:part_edit", "change", lambda w: w.change.pk),
    ("benefits:part_edit", "benefit", lambda w: w.benefit.pk),
    ("benefits:part_edit", "cost", lambda w: w.cost.pk),
    ("benefits:part_edit", "training", lambda w: w.training.pk),
    ("benefits:part_delete", "cost", lambda w: w.cost.pk),
    ("benefits:part_delete", "change", lambda w: w.change.pk),
    ("benefits:benefit_part_add", "prerequisite", lambda w: w.benefit.pk),
    ("benefits:benefit_part_add", "measure", lambda w: w.benefit.pk),
    ("benefits:benefit_part_add", "indicator", lambda w: w.benefit.pk),
    ("benefits:benefit_part_edit", "prerequisite", lambda w: w.prerequisite.pk),
    ("benefits:benefit_part_edit", "measure", lambda w: w.measure.pk),
    ("benefits:benefit_part_edit", "indicator", lambda w: w.indicator.pk),
]
# Only POST is allowed here; a GET is 405 before anything is looked up.
POST_ONLY = {
    "portfolio:stakeholder_delete",
    "portfolio:affected_unit_delete",
    "benefits:plan_sign",
    "benefits:part_delete",
}
# Pages that need no organisation (sign-in, language, switching organisation, the health check).
PUBLIC = {"accounts:login", "accounts:logout", "accounts:switch_organisation", "core:set_language", "core:health"}


def all_url_names() -> set[str]:
    names = set()
    resolver = get_resolver()
    for namespace, (_prefix, sub) in resolver.namespace_dict.items():
        for name in sub.reverse_dict:
            if isinstance(name, str):
                names.add(f"{namespace}:{name}")
    return names


def id_urls(world) -> list[tuple[str, str, int]]:
    """(url name, url, id) for every URL that takes an object id, filled in with ``world``'s objects."""
    urls = [(name, reverse(name, args=[get_id(world)]), get_id(world)) for name, get_id in WITH_ID.items()]
    urls += [
        (name, reverse(name, kwargs={"pk": get_id(world), "kind": kind}), get_id(world))
        for name, kind, get_id in WITH_KIND
    ]
    return urls


def plain_urls() -> list[tuple[str, str]]:
    return [(name, reverse(name)) for name in NO_ID]
