"""Chapters 1, 2, 4 and 5 of the plan document: rationale, responsibility, measures and follow-up, the map."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _

from core.formatting import format_money, format_number
from portfolio.models import AffectedUnit, Initiative

from ..models import Benefit, Change, Indicator, RealisationMeasure, StrategicGoal
from ..services.followup import IndicatorStatus
from .plan_context import (
    ARROW,
    EMPTY,
    PlanContext,
    date_text,
    field_heading,
    make_table,
    model_heading,
    number_text,
    or_empty,
    percent_text,
)
from .plan_model import Block, BulletList, Paragraph, Section


def chapter_rationale(c: PlanContext) -> Section:
    initiative = c.initiative
    yes_no = _("Yes") if initiative.statutory else _("No")
    period = " – ".join(d for d in (date_text(initiative.planned_start), date_text(initiative.planned_end)) if d)
    facts = make_table(
        "",
        _("Key facts"),
        [_("Item"), _("Details")],
        [
            [_("Organisation"), initiative.organisation.name],
            [field_heading(Initiative, "phase"), initiative.get_phase_display()],
            [field_heading(Initiative, "statutory"), yes_no],
            [_("Planned period"), period or EMPTY],
            [_("Budget"), format_money(initiative.budget) or EMPTY],
            [field_heading(Initiative, "programme"), or_empty(initiative.programme)],
            [field_heading(Initiative, "sector"), or_empty(initiative.sector)],
            [_("Project owner"), c.person(initiative.project_owner)],
            [field_heading(Initiative, "project_leader"), c.person(initiative.project_leader)],
            [field_heading(Initiative, "service_owner"), c.person(initiative.service_owner)],
        ],
        widths=(1, 2),
    )
    goals = sorted({b.goal.name for b in c.benefits if b.goal_id})
    changes = list(initiative.changes.all())
    affected = list(initiative.affected_units.select_related("unit"))
    blocks: list[Block] = [
        Paragraph(initiative.purpose or _("The purpose of the initiative has not been described yet.")),
        facts,
        Paragraph(_("Strategic goals the benefits contribute to:")),
        BulletList(tuple(goals)) if goals else Paragraph(_("No strategic goal has been linked yet.")),
        Paragraph(_("What will be done in a new way:")),
    ]
    if changes:
        items = []
        for change in changes:
            if change.enabler:
                items.append(
                    _("%(change)s (enabled by %(enabler)s)") % {"change": change.description, "enabler": change.enabler}
                )
            else:
                items.append(change.description)
        blocks.append(BulletList(tuple(items)))
    else:
        blocks.append(Paragraph(_("No changes have been described yet.")))
    blocks.append(
        make_table(
            "",
            _("Units whose way of working changes"),
            [field_heading(AffectedUnit, "unit"), _("Employees affected"), field_heading(AffectedUnit, "change_from")],
            [[a.unit.name, format_number(a.employees_affected), date_text(a.change_from)] for a in affected],
            numeric=frozenset({1}),
            widths=(3, 1, 1),
            empty_text=_("No affected units have been registered yet."),
        )
    )
    return Section("1", _("Rationale, objectives and deliverables"), 1, tuple(blocks))


def chapter_responsibility(c: PlanContext) -> Section:
    roles: dict[int, tuple[object, dict[str, list[str]]]] = {}

    def add(user, role: str, benefit: Benefit) -> None:
        if user is None:
            return
        _user, by_role = roles.setdefault(user.pk, (user, defaultdict(list)))
        if c.ids[benefit.pk] not in by_role[role]:
            by_role[role].append(c.ids[benefit.pk])

    for b in c.benefits:
        add(b.responsible, _("Benefit responsible"), b)
        add(b.owner, _("Benefit owner"), b)
        for indicator in b.indicators.all():
            add(indicator.measured_by, _("Measures the indicators"), b)
    rows = [
        [
            c.person(user),
            "; ".join(
                _("%(role)s for %(ids)s") % {"role": role, "ids": ", ".join(ids)} for role, ids in by_role.items()
            ),
        ]
        for user, by_role in roles.values()
    ]
    return Section(
        "2",
        _("Responsibility for the benefits"),
        1,
        (
            Paragraph(
                _(
                    "The benefit responsible prepares the plan with the benefit owners. A benefit owner is the line "
                    "manager who takes the benefit out and is accountable for it after the project has ended."
                )
            ),
            make_table(
                "",
                _("People responsible for the benefits"),
                [_("Name, title and unit"), _("Responsibility")],
                rows,
                widths=(2, 3),
                empty_text=_("Nobody has been given responsibility for a benefit yet."),
            ),
        ),
    )


def chapter_measures(c: PlanContext) -> tuple[Section, ...]:
    f_rows = [
        [
            c.ids[b.pk],
            b.description,
            m.description,
            c.person(m.responsible),
            date_text(m.deadline) or EMPTY,
            m.get_status_display(),
            m.get_risk_display(),
        ]
        for b in c.benefits
        for m in b.measures.all()
    ]
    warnings = [
        _("%(id)s %(benefit)s: %(warning)s")
        % {"id": c.ids[row.benefit.pk], "benefit": row.benefit.description, "warning": w.text}
        for row in c.rows
        for w in row.warnings
    ]
    measure_blocks: list[Block] = [
        make_table(
            "F",
            _("Measures and risk profile"),
            [
                _("ID"),
                _("Benefit"),
                field_heading(RealisationMeasure, "description"),
                field_heading(RealisationMeasure, "responsible"),
                field_heading(RealisationMeasure, "deadline"),
                _("Status"),
                _("Risk profile"),
            ],
            f_rows,
            widths=(1, 3, 4, 3, 2, 2, 2),
            empty_text=_("No measures have been planned yet."),
        )
    ]
    if warnings:
        measure_blocks += [Paragraph(_("What the data says may stop a benefit:")), BulletList(tuple(warnings))]

    statuses: list[tuple[Benefit, IndicatorStatus]] = [(row.benefit, s) for row in c.rows for s in row.indicators]
    g_rows = []
    for b, s in statuses:
        i = s.indicator
        latest = (
            _("%(value)s (%(date)s)") % {"value": number_text(s.latest.value), "date": date_text(s.latest.measured_on)}
            if s.latest
            else _("Not measured yet")
        )
        g_rows.append(
            [
                c.ids[b.pk],
                i.name,
                i.unit_of_measure,
                or_empty(i.method),
                _value_on(i.baseline_value, i.baseline_date),
                _value_on(i.target_value, i.target_date),
                latest,
                percent_text(s.achievement) or EMPTY,
                c.person(i.measured_by),
            ]
        )
    follow_up = (
        Paragraph(
            _(
                "Achievement is (measured − baseline) / (target − baseline): 0 % at the baseline and 100 % when the "
                "target is reached."
            )
        ),
        make_table(
            "G",
            _("Indicators and measurements"),
            [
                _("ID"),
                field_heading(Indicator, "name"),
                field_heading(Indicator, "unit_of_measure"),
                field_heading(Indicator, "method"),
                _("Baseline"),
                _("Target"),
                _("Latest measurement"),
                _("Achievement"),
                field_heading(Indicator, "measured_by"),
            ],
            g_rows,
            numeric=frozenset({7}),
            widths=(1, 3, 2, 3, 2, 2, 2, 2, 3),
            empty_text=_("No indicators have been set yet."),
        ),
    )
    return (
        Section("4", _("Measures and follow-up"), 1, ()),
        Section("4.1", _("Measures to realise the benefits"), 2, tuple(measure_blocks)),
        Section("4.2", _("Measuring the benefits"), 2, follow_up),
    )


def _value_on(value: Decimal | None, date: datetime.date | None) -> str:
    if value is None:
        return EMPTY
    if date is None:
        return number_text(value)
    return _("%(value)s (%(date)s)") % {"value": number_text(value), "date": date_text(date)}


def chapter_map(c: PlanContext) -> Section:
    by_id = {b.pk: b for b in c.benefits}

    def part(label: str, text: str) -> str:
        return _("%(label)s: %(text)s") % {"label": label, "text": text}

    chains = []
    with_benefits = set()
    for b in c.benefits:
        with_benefits.add(b.change_id)
        steps = []
        if b.change.enabler:
            steps.append(part(_("Enabler"), b.change.enabler))
        steps.append(part(model_heading(Change), b.change.description))
        end = by_id.get(b.intermediate_id) if b.intermediate_id else None
        if end is not None:
            steps.append(part(_("Intermediate benefit"), f"{c.ids[b.pk]} {b.description}"))
            steps.append(part(_("End benefit"), f"{c.ids[end.pk]} {end.description}"))
        else:
            steps.append(part(_("Benefit"), f"{c.ids[b.pk]} {b.description}"))
        goal = b.goal or (end.goal if end is not None else None)
        if goal is not None:
            steps.append(part(model_heading(StrategicGoal), goal.name))
        chains.append(ARROW.join(steps))
    for change in c.initiative.changes.exclude(pk__in=with_benefits):
        steps = [part(_("Enabler"), change.enabler)] if change.enabler else []
        steps.append(part(model_heading(Change), change.description))
        chains.append(ARROW.join([*steps, _("no benefit linked yet")]))
    prerequisites = [
        _("%(id)s %(prerequisite)s: %(state)s")
        % {
            "id": c.ids[b.pk],
            "prerequisite": p.description,
            "state": (_("confirmed %(date)s") % {"date": date_text(p.confirmed_on)}).strip()
            if p.confirmed
            else _("not confirmed"),
        }
        for b in c.benefits
        for p in b.prerequisites.all()
    ]
    blocks: list[Block] = [
        Paragraph(
            _(
                "Each line reads from what the solution makes possible, through the change in the way of working, "
                "to the benefit and the strategic goal it serves."
            )
        ),
        BulletList(tuple(chains)) if chains else Paragraph(_("The benefits map is empty.")),
    ]
    if prerequisites:
        blocks += [Paragraph(_("Prerequisites for realising the benefits:")), BulletList(tuple(prerequisites))]
    return Section("5", _("Benefits map"), 1, tuple(blocks))
