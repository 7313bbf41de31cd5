"""The surveys app's start-page panels."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.permissions import can
from dashboards.registry import (
    ROWS_SHOWN,
    Panel,
    PanelContent,
    PanelRow,
    Urgency,
    from_list,
    register,
    short_date,
)
from organisations.actor import Actor

from .models import RemedyTask
from .services.checklist import ChecklistState, checklists_open, remedies_owned

# ---------------------------------------------------------------------------------------------------
# Checklist from the barriers for middle managers (part "barriers"): what each owner has to do, and
# how far each checklist has come for those who keep it.


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

# End of the checklist's panels (part "barriers").
# ---------------------------------------------------------------------------------------------------
