"""Adding, changing and removing rows: the one flow shared by the small edit pages of every app.

``edit_object`` and ``delete_object`` are the two steps every edit page takes. The rows people keep
under an initiative, a benefit or an indicator (and the few kept for the whole organisation) are
declared once as a ``RowKind`` in their app's registry, a dict of kind → ``RowKind``; the three
generic views ``add_row``, ``edit_row`` and ``delete_row`` serve every kind, and ``row_urls`` gives
a registry its URLs. The access tests and the isolation sweep read the same registries, so a new
kind is swept for every role and for another organisation without a line of test code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .access import member_required, require
from .tenancy import get_for_org_or_404


@dataclass(frozen=True)
class FormCheck:
    """What saving a valid form would cause, worth knowing first (a unit put over its change load).

    A second submit button (``label``) runs ``run`` on the valid, unsaved form and shows the
    warnings it gives, or ``all_clear``, with the form again and nothing saved. Saving is allowed
    whatever they say: the warnings, worked out before the save, follow it as messages.
    """

    label: str
    run: Callable[[Any], list[str]]
    all_clear: str


#: The name of the submit button that asks for the check instead of saving.
CHECK_BUTTON = "check"


def edit_object(
    request,
    form_class,
    instance,
    *,
    title: str,
    back=None,
    context: dict | None = None,
    save: Callable[[Any], Any] | None = None,
    check: FormCheck | None = None,
    **form_kwargs,
):
    """Show ``form_class`` for ``instance``; on valid POST save it and go to ``back``.

    ``back`` is a model with ``get_absolute_url``, a URL, or None for the saved object's own page.
    ``save`` stores the valid form (default ``form.save()``): a service that keeps bookkeeping
    gets the unsaved row from ``form.save(commit=False)``. The form gets the organisation.
    ``check``, when given, can be asked before saving (see ``FormCheck``).
    """
    form = form_class(request.POST or None, instance=instance, organisation=request.actor.organisation, **form_kwargs)
    page = {"form": form, "title": title, "check": check, **(context or {})}
    if request.method == "POST" and form.is_valid():
        warnings = check.run(form) if check else []
        if check and CHECK_BUTTON in request.POST:
            return render(request, "form.html", {**page, "checked": True, "check_warnings": warnings})
        (save or _save_form)(form)
        messages.success(request, _("The changes were saved."))
        for warning in warnings:
            messages.warning(request, warning)
        return redirect(back if back is not None else form.instance)
    return render(request, "form.html", page)


def _save_form(form) -> None:
    form.save()


def delete_object(request, instance, back, *, delete: Callable[[Any], None] | None = None):
    name = str(instance)
    if delete is None:
        instance.delete()
    else:
        delete(instance)
    messages.success(request, _("%(object)s was removed.") % {"object": name})
    return redirect(back)


@dataclass(frozen=True)
class RowKind:
    """One kind of row people add, change and remove: what it is, under what, and who may.

    ``parent`` names the row's foreign key to the object it belongs to (an initiative, a benefit,
    an indicator); None means the row belongs to the organisation itself. ``rule`` is asked of
    that parent (with no object for the organisation) before any of the three actions;
    ``edit_rule``, when set, is asked of the row itself for changing it instead (a unit leader
    corrects their own unit's row). ``back`` gives, from the parent, where to go afterwards
    (default the parent's own page); with ``show_saved`` a saved row shows its own page.
    ``keep_reason`` gives why a row must be kept (None: it may go). ``save`` and ``delete`` are
    the service functions that write the row, for kinds whose writes keep bookkeeping
    (measurements); ``new`` builds an unsaved row for the add page (default: the model with its
    parent set), ``form_kwargs`` and ``initial`` feed the form; ``initiative_of`` gives, from the
    parent, the initiative the form page links back to, and ``add_title`` the add page's heading
    (default "Add: <the model's name>"); ``check`` lets the form be checked before it is saved.
    """

    model: type[models.Model]
    form: type
    parent: str | None
    rule: str
    edit_rule: str | None = None
    back: Callable[[Any], Any] | None = None
    show_saved: bool = False
    keep_reason: Callable[[Any], str | None] | None = None
    locked: Callable[[Any], str | None] | None = None
    save: Callable[[Any], Any] | None = None
    delete: Callable[[Any], None] | None = None
    new: Callable[[HttpRequest, Any], models.Model] | None = None
    form_kwargs: Callable[[HttpRequest, models.Model], dict] | None = None
    initial: Callable[[HttpRequest], dict] | None = None
    initiative_of: Callable[[Any], Any] | None = None
    add_title: Callable[[Any], str] | None = None
    check: FormCheck | None = None

    @property
    def label(self) -> str:
        return capfirst(self.model._meta.verbose_name)

    @property
    def parent_model(self) -> type[models.Model] | None:
        return self.model._meta.get_field(self.parent).related_model if self.parent else None

    def parent_of(self, row):
        return getattr(row, self.parent) if self.parent else None

    def back_to(self, parent):
        if self.back is not None:
            return self.back(parent)
        return parent

    def context(self, parent) -> dict:
        """The initiative the row belongs to, for the form page's link back to it."""
        return {"initiative": self.initiative_of(parent)} if self.initiative_of else {}


#: kind → how rows of that kind are kept; one registry per URL family.
RowRegistry = dict[str, RowKind]


def _kind(registry: RowRegistry, kind: str) -> RowKind:
    if kind not in registry:
        raise Http404
    return registry[kind]


def _save(kind: RowKind) -> Callable[[Any], Any] | None:
    if kind.save is None:
        return None
    # The checked row as the form built it: the service saves it (such kinds have no many-to-many fields).
    return lambda form: kind.save(form.instance)


@member_required
def add_row(request, registry: RowRegistry, kind: str, pk: int | None = None) -> HttpResponse:
    row_kind = _kind(registry, kind)
    organisation = request.actor.organisation
    parent = get_for_org_or_404(row_kind.parent_model, organisation, pk=pk) if row_kind.parent else None
    require(request.actor, row_kind.rule, parent)
    row = row_kind.new(request, parent) if row_kind.new else row_kind.model(**_under(row_kind, parent))
    title = row_kind.add_title(parent) if row_kind.add_title else _("Add: %(what)s") % {"what": row_kind.label}
    initial = {"initial": row_kind.initial(request)} if row_kind.initial else {}
    return _form_page(request, row_kind, row, parent, title, **initial)


@member_required
def edit_row(request, registry: RowRegistry, kind: str, pk: int) -> HttpResponse:
    row_kind = _kind(registry, kind)
    row, parent = _row(request, row_kind, pk)
    if row_kind.edit_rule:
        require(request.actor, row_kind.edit_rule, row)
    else:
        require(request.actor, row_kind.rule, parent)
    if refused := _refuse_locked(request, row_kind, row, parent):
        return refused
    return _form_page(request, row_kind, row, parent, _("Edit: %(what)s") % {"what": row_kind.label})


def _refuse_locked(request, row_kind: RowKind, row, parent) -> HttpResponse | None:
    """Back to the parent's page with the reason, for a row written elsewhere; None for a row kept here."""
    if row_kind.locked and (reason := row_kind.locked(row)):
        messages.error(request, reason)
        return redirect(row_kind.back_to(parent))
    return None


def _under(row_kind: RowKind, parent) -> dict:
    return {row_kind.parent: parent} if row_kind.parent else {}


def _row(request, row_kind: RowKind, pk: int):
    row = get_for_org_or_404(row_kind.model, request.actor.organisation, pk=pk)
    return row, row_kind.parent_of(row)


def _form_page(request, row_kind: RowKind, row, parent, title: str, **form_kwargs) -> HttpResponse:
    return edit_object(
        request,
        row_kind.form,
        row,
        title=title,
        back=None if row_kind.show_saved else row_kind.back_to(parent),
        context=row_kind.context(parent),
        save=_save(row_kind),
        check=row_kind.check,
        **(row_kind.form_kwargs(request, row) if row_kind.form_kwargs else {}),
        **form_kwargs,
    )


@require_POST
@member_required
def delete_row(request, registry: RowRegistry, kind: str, pk: int) -> HttpResponse:
    row_kind = _kind(registry, kind)
    row, parent = _row(request, row_kind, pk)
    require(request.actor, row_kind.rule, parent)
    if refused := _refuse_locked(request, row_kind, row, parent):
        return refused
    back = row_kind.back_to(parent)
    if row_kind.keep_reason and (reason := row_kind.keep_reason(row)):
        messages.error(request, reason)
        return redirect(back)
    return delete_object(request, row, back, delete=row_kind.delete)


def row_urls(registry: RowRegistry, *, name: str, add: str, row: str, kind: str | None = None) -> list[URLPattern]:
    """The add, edit and delete URLs of ``registry``, named ``<name>_add``, ``_edit``, ``_delete``.

    ``add`` and ``row`` are path prefixes; without ``kind`` both carry ``<str:kind>``, with it the
    URLs serve that one kind (``add`` takes the parent's ``<int:pk>`` unless the rows belong to
    the organisation; ``row`` always takes the row's).
    """
    fixed = {"registry": registry, **({"kind": kind} if kind else {})}
    return [
        path(add, add_row, fixed, name=f"{name}_add"),
        path(f"{row}edit/", edit_row, fixed, name=f"{name}_edit"),
        path(f"{row}delete/", delete_row, fixed, name=f"{name}_delete"),
    ]
