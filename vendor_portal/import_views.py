"""Bulk import and export of the shop's products: templates, upload, the import's report and
progress, and the catalogue export. The rules are in `marketplace.catalog.imports`/`exports`."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from marketplace.catalog.exports import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    catalogue_export,
    template_export,
)
from marketplace.catalog.imports import (
    COLUMNS,
    ImportFileError,
    problem_message,
    product_import_start,
    product_import_valid_rows,
)
from marketplace.catalog.models import ProductImport
from vendor_portal.access import vendor_member_required
from vendor_portal.forms_catalog import ImportForm, add_domain_error
from vendor_portal.product_views import ListingRequest

CONTENT_TYPES = {"csv": CSV_CONTENT_TYPE, "xlsx": XLSX_CONTENT_TYPE}
SHOWN_PROBLEMS = 300


def _download(data: bytes, *, name: str, file_format: str) -> HttpResponse:
    if file_format not in CONTENT_TYPES:
        raise Http404
    response = HttpResponse(data, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


@vendor_member_required
def import_upload(request: ListingRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = product_import_start(
                vendor=request.vendor,
                user=request.user,
                file_name=upload.name or "",
                data=upload.read(),
                only_valid_rows=form.cleaned_data["only_valid_rows"],
            )
        except ImportFileError as error:
            add_domain_error(form, error)
        else:
            return redirect("vendor_portal:import_job", job.pk)
    recent = ProductImport.objects.filter(vendor=request.vendor)[:5]
    context = {"form": form, "recent": recent, "columns": COLUMNS}
    return render(
        request, "vendor_portal/imports/upload.html", context, status=400 if form.errors else 200
    )


@vendor_member_required
def import_job(request: ListingRequest, import_id: int) -> HttpResponse:
    job = ProductImport.objects.filter(vendor=request.vendor, pk=import_id).first()
    if job is None:
        raise Http404
    if request.method == "POST":
        product_import_valid_rows(job=job)
        return redirect("vendor_portal:import_job", job.pk)
    problems = [
        {"row": p["row"], "column": p["column"], "message": problem_message(p)}
        for p in job.report[:SHOWN_PROBLEMS]
    ]
    labels = {column.key: column.label for column in COLUMNS}
    for problem in problems:
        problem["label"] = labels.get(problem["column"], problem["column"])
    context = {
        "job": job,
        "problems": problems,
        "more_problems": max(len(job.report) - SHOWN_PROBLEMS, 0),
        "form": ImportForm(),
    }
    template = (
        "vendor_portal/imports/_progress.html" if request.htmx else "vendor_portal/imports/job.html"
    )
    return render(request, template, context)


@vendor_member_required
def import_template(request: ListingRequest, file_format: str) -> HttpResponse:
    if file_format not in CONTENT_TYPES:
        raise Http404
    return _download(
        template_export(file_format=file_format),
        name="kad-products-template",
        file_format=file_format,
    )


@vendor_member_required
def export(request: ListingRequest, file_format: str) -> HttpResponse:
    if file_format not in CONTENT_TYPES:
        raise Http404
    data = catalogue_export(vendor=request.vendor, file_format=file_format)
    return _download(
        data, name=f"kad-products-{timezone.localdate():%Y%m%d}", file_format=file_format
    )
