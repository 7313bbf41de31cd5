"""The surveys app's start-page panels (registered from ``SurveysConfig.ready()``)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.formatting import format_number
from core.permissions import can
from dashboards.registry import (
    ROWS_SHOWN,
    Panel,
    PanelContent,
    PanelRow,
    Urgency,
    from_list,
    leads_units,
    register,
    short_date,
)
from organisations.actor import Actor

from .models import RemedyTask
from .services.checklist import ChecklistState, checklists_open, remedies_owned
from .services.latest import (
    HeldBack,
    LowAdoption,
    UnitReadiness,
    low_adoption,
    readiness_held_back,
    readiness_in_led_units,
)

# The latest readiness and adoption


def readiness_row(item: UnitReadiness, today: datetime.date) -> PanelRow:
    go_live = short_date(item.affected.change_from)
    point = item.barrier_point
    if point is None:
        detail = _("%(group)s: no stage at 3 or lower · go-live %(date)s") % {"group": item.group, "date": go_live}
    else:
        detail = _("%(group)s: barrier point %(stage)s — %(mean)s · go-live %(date)s") % {
            "group": item.group,
            "stage": point.label,
            "mean": format_number(point.mean, 1),
            "date": go_live,
        }
    return PanelRow(
        text=f"{item.affected.unit.name}: {item.affected.initiative.name}",
        # The round asked the unit and the leader leads the group: the results are theirs to see.
        url=reverse("surveys:results", args=[item.round.pk]),
        detail=detail,
        overdue=item.urgent(today),
    )


def build_readiness_in_my_units(actor: Actor, today: datetime.date) -> PanelContent:
    found = readiness_in_led_units(actor, today)
    urgent = any(item.urgent(today) for item in found)
    # Those held back and going live soon first: that is where the leader must act.
    found.sort(key=lambda item: not item.urgent(today))
    return from_list(
        found,
        lambda item: readiness_row(item, today),
        urgency=Urgency.ACTION if urgent else Urgency.INFO,
        link=reverse("surveys:results_index"),
        link_text=_("Survey results"),
    )


def sees_every_group(actor: Actor) -> bool:
    """Top management and the portfolio office: one line per initiative the staff are not ready for."""
    return can(actor, "surveys.view_all_groups")


def held_back_row(item: HeldBack) -> PanelRow:
    point = item.barrier_point
    return PanelRow(
        text=item.round.initiative.name,
        url=reverse("surveys:results", args=[item.round.pk]),
        detail=_("Whole organisation: barrier point %(stage)s — %(mean)s")
        % {"stage": point.label, "mean": format_number(point.mean, 1)},
    )


def build_readiness_held_back(actor: Actor, today: datetime.date) -> PanelContent:
    return from_list(
        readiness_held_back(actor.organisation),
        held_back_row,
        urgency=Urgency.INFO,
        link=reverse("surveys:results_index"),
        link_text=_("Survey results"),
    )


def follows_adoption(actor: Actor) -> bool:
    """Whoever runs an initiative (anyone who may write can own or lead one), the portfolio office and
    top management; politicians follow the benefits, not the staff's figures."""
    return not actor.is_read_only


def adoption_row(item: LowAdoption) -> PanelRow:
    return PanelRow(
        text=item.round.initiative.name,
        # The initiative's page shows the figures to all who may see it, and links to the results for those who may.
        url=item.round.initiative.get_absolute_url() + "#initiative-surveys-heading",
        detail=_("%(group)s: working the new way %(mean)s of 5")
        % {
            "group": item.group,
            "mean": format_number(item.mean, 1),
        },
        overdue=True,
    )


def build_low_adoption(actor: Actor, today: datetime.date) -> PanelContent:
    # The benefits this puts at risk are warned on the benefits' own list: the link leads there.
    return from_list(
        low_adoption(actor),
        adoption_row,
        urgency=Urgency.ACTION,
        link=reverse("benefits:at_risk"),
        link_text=_("Benefits at risk"),
    )


for panel in (
    Panel(
        "surveys.readiness_in_my_units",
        gettext_lazy("Readiness in my units"),
        leads_units,
        build_readiness_in_my_units,
        38,
    ),
    Panel(
        "surveys.readiness_held_back",
        gettext_lazy("Initiatives the staff are not yet ready for"),
        sees_every_group,
        build_readiness_held_back,
        39,
    ),
    Panel("surveys.low_adoption", gettext_lazy("Adoption after go-live"), follows_adoption, build_low_adoption, 34),
):
    register(panel)


# The checklist from the barriers for middle managers: what each owner has to do, and how far each
# checklist has come for those who keep it.


def owned_remedy_row(task: RemedyTask, today: datetime.date) -> PanelRow:
    facts = {"round": task.round.title, "date": short_date(task.deadline) if task.deadline else ""}
    if task.deadline is None:
        detail = _("%(round)s · no deadline yet") % facts
    elif task.is_overdue(today):
        detail = _("%(round)s · overdue since %(date)s") % facts
    else:
        detail = _("%(round)s · by %(date)s") % facts
    url = reverse("surveys:remedy_task_edit", args=[task.pk])
    return PanelRow(text=task.text, url=url, detail=detail, overdue=task.is_overdue(today))


def build_remedies_owned(actor: Actor, today: datetime.date) -> PanelContent:
    owned = remedies_owned(actor)
    count = owned.count()
    tasks = list(owned[:ROWS_SHOWN]) if count else []
    if not tasks:
        return PanelContent(0, Urgency.INFO)
    # Overdue remedies come first, so the first tells whether any is overdue; its checklist is where
    # the owner sees the rest (the owner of a remedy reads the results it came from).
    return PanelContent(
        count,
        Urgency.OVERDUE if tasks[0].is_overdue(today) else Urgency.ACTION,
        [owned_remedy_row(task, today) for task in tasks],
        link=reverse("surveys:results", args=[tasks[0].round_id]) + "#checklist",
        link_text=_("The checklist"),
        more=count - len(tasks),
    )


register(
    Panel(
        key="surveys.remedies_owned",
        title=gettext_lazy("Remedies you own"),
        applies=lambda actor: not actor.is_read_only,  # only a member who writes can be named owner
        build=build_remedies_owned,
        order=40,
    )
)


def checklist_row(state: ChecklistState) -> PanelRow:
    detail = ngettext("%(done)s of %(total)s remedy done", "%(done)s of %(total)s remedies done", state.total) % {
        "done": state.done,
        "total": state.total,
    }
    if state.overdue:
        detail = _("%(done)s, %(overdue)s overdue") % {"done": detail, "overdue": state.overdue}
    if state.unassigned:
        detail = _("%(done)s, %(unassigned)s without owner or deadline") % {
            "done": detail,
            "unassigned": state.unassigned,
        }
    url = reverse("surveys:results", args=[state.round_id]) + "#checklist"
    return PanelRow(text=state.title, url=url, detail=detail, overdue=bool(state.overdue))


def build_checklists(actor: Actor, today: datetime.date) -> PanelContent:
    states = checklists_open(actor.organisation, today)
    if any(state.overdue for state in states):
        urgency = Urgency.OVERDUE
    else:
        urgency = Urgency.ACTION if any(state.unassigned for state in states) else Urgency.INFO
    return from_list(
        states, checklist_row, urgency=urgency, link=reverse("surveys:results_index"), link_text=_("Survey results")
    )


register(
    Panel(
        key="surveys.barrier_checklists",
        title=gettext_lazy("Barriers for middle managers: the checklist"),
        applies=lambda actor: can(actor, "surveys.view_all_groups"),  # top management and the portfolio office
        build=build_checklists,
        order=60,
    )
)
