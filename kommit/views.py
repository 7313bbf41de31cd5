"""Import of the KS/KommIT benefits workbook (upload → preview → confirm) and its export.

The uploaded file is never written to disk: between the preview and the confirmation its bytes
travel base64-encoded in a hidden field signed with ``django.core.signing``, so they cannot be
swapped for another file, and the signature expires after an hour.
"""

from __future__ import annotations

import base64
import binascii
import io

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from core.access import member_required, require
from core.exports import XLSX, ascii_filename, download_response
from core.forms import Form
from core.tenancy import get_for_org_or_404
from portfolio.models import Initiative

from .importer import LATEST_START_YEAR, create_initiative, preview_import
from .package import MAX_FILE_BYTES, too_large
from .parsed import CellError
from .reader import parse_workbook
from .writer import export_workbook, left_out

PAYLOAD_SALT = "benefits.kommit.upload"
PAYLOAD_MAX_AGE = 60 * 60


class UploadForm(Form):
    workbook = forms.FileField(
        label=gettext_lazy("Filled-in KS/KommIT benefits workbook (.xlsx)"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )
    start_year = forms.IntegerField(
        label=gettext_lazy("Investment year"),
        min_value=2000,
        max_value=LATEST_START_YEAR,
        help_text=gettext_lazy(
            "The year of the workbook's investment. Its four year columns become the four years after it."
        ),
    )


def _sign(name: str, data: bytes) -> str:
    return signing.dumps({"n": name, "d": base64.b64encode(data).decode("ascii")}, salt=PAYLOAD_SALT, compress=True)


def _unsign(payload: str) -> tuple[str, bytes]:
    value = signing.loads(payload, salt=PAYLOAD_SALT, max_age=PAYLOAD_MAX_AGE)
    return value["n"], base64.b64decode(value["d"], validate=True)


def _uploaded(request, form: UploadForm) -> tuple[str, bytes] | None:
    """The file's name and bytes, from this upload or from the signed field of the preview."""
    upload = form.cleaned_data.get("workbook")
    if any(getattr(handler, "too_large", False) for handler in request.upload_handlers):
        form.add_error("workbook", too_large())
        return None
    if upload:
        if upload.size > MAX_FILE_BYTES:
            form.add_error("workbook", too_large())
            return None
        return upload.name, upload.read()
    payload = request.POST.get("payload", "")
    if payload:
        try:
            return _unsign(payload)
        except (signing.BadSignature, binascii.Error, KeyError, TypeError):
            form.add_error("workbook", _("The uploaded file has expired or was changed. Upload it again."))
            return None
    form.add_error("workbook", _("Choose the workbook file."))
    return None


class MemoryOnlyUploadHandler(FileUploadHandler):
    """Keeps the uploaded workbook in memory and stops reading past the limit: nothing is spooled to disk."""

    def __init__(self, request=None):
        super().__init__(request)
        self.too_large = False
        self.buffer = io.BytesIO()

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > MAX_FILE_BYTES:
            self.too_large = True
            raise StopUpload(connection_reset=False)
        self.buffer.write(raw_data)

    def file_complete(self, file_size):
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


@csrf_exempt  # the upload handlers must be set before the CSRF check reads the body; checked below
def upload(request):
    request.upload_handlers = [MemoryOnlyUploadHandler(request)]
    return _upload(request)


@csrf_protect
@member_required
def _upload(request):
    actor = request.actor
    require(actor, "portfolio.create_initiative")
    if request.method != "POST":
        form = UploadForm(initial={"start_year": timezone.localdate().year})
        return render(request, "kommit/upload.html", {"form": form})

    form = UploadForm(request.POST, request.FILES)
    valid = form.is_valid()
    uploaded = _uploaded(request, form)
    if not valid or uploaded is None:
        return render(request, "kommit/upload.html", {"form": form})
    name, data = uploaded
    result = parse_workbook(data)
    if not result.ok:
        context = {"form": form, "errors": result.errors or [CellError("", "", _("The file could not be read."))]}
        return render(request, "kommit/upload.html", context)
    start_year = form.cleaned_data["start_year"]
    try:
        if request.POST.get("step") == "confirm" and not form.cleaned_data.get("workbook"):
            initiative = create_initiative(result.workbook, actor.organisation, by=request.user, start_year=start_year)
            messages.success(
                request, _("The initiative “%(name)s” was created from the workbook.") % {"name": initiative}
            )
            for notice in initiative.kommit_notices:
                messages.info(request, str(notice))
            return redirect("benefits:initiative", pk=initiative.pk)
        preview = preview_import(result.workbook, actor.organisation, by=request.user, start_year=start_year)
    except ValidationError as error:
        # A value the reader let through breaks a rule of the model: nothing was saved.
        errors = [CellError("", "", message) for message in error.messages]
        return render(request, "kommit/upload.html", {"form": form, "errors": errors})
    context = {
        "form": UploadForm(initial={"start_year": start_year}),
        "file_name": name,
        "payload": _sign(name, data),
        "parsed": result.workbook,
        "preview": preview,
        "notices": result.notices + preview.notices,
    }
    return render(request, "kommit/preview.html", context)


@member_required
def export(request, pk: int):
    """Any member of the organisation may download an initiative as a KS/KommIT workbook."""
    initiative = get_for_org_or_404(Initiative, request.actor.organisation, pk=pk)
    for message in left_out(initiative):
        messages.warning(request, _("Not in the workbook: %(what)s") % {"what": message})
    filename = "gevinstverktoy-" + ascii_filename(initiative.name, str(initiative.pk)) + ".xlsx"
    return download_response(export_workbook(initiative), XLSX, filename)
