"""The one create-or-change flow shared by the small edit pages of every app."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _


def edit_object(request, form_class, instance, *, title: str, back=None, context: dict | None = None, **form_kwargs):
    """Show ``form_class`` for ``instance``; on valid POST save it and go to ``back``.

    ``back`` is a model with ``get_absolute_url``, a URL, or None for the saved object's own page.
    The form gets the organisation.
    """
    form = form_class(request.POST or None, instance=instance, organisation=request.actor.organisation, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The changes were saved."))
        return redirect(back if back is not None else form.instance)
    return render(request, "form.html", {"form": form, "title": title, **(context or {})})


def delete_object(request, instance, back):
    instance.delete()
    messages.success(request, _("%(object)s was removed.") % {"object": instance})
    return redirect(back)
