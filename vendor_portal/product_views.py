"""The artisan's product pages: list, create, edit (details, variants with price and stock,
photos), status changes and duplication.

Every object is looked up through `request.vendor` (`catalog.vendor_selectors`), so another
shop's product, variant or photo is a 404 and nothing changes. Each form posts to its own URL
and works without JavaScript; with htmx the photo section is swapped in place.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_htmx.middleware import HtmxDetails

from marketplace.catalog import images, services
from marketplace.catalog.imports import COLOUR_SLUG, SIZE_SLUG, general_product_type
from marketplace.catalog.models import Product, ProductMedia, ProductVariant
from marketplace.catalog.portal_selectors import (
    FILTERS,
    LOW_STOCK_THRESHOLD,
    portal_low_stock_count,
    portal_media,
    portal_products,
    portal_variants,
)
from marketplace.catalog.vendor_selectors import (
    vendor_media_get,
    vendor_product_get,
    vendor_variant_get,
)
from marketplace.core.errors import DomainError
from vendor_portal.access import PortalRequest, vendor_member_required
from vendor_portal.forms_catalog import (
    AltForm,
    PhotoForm,
    ProductCreateForm,
    ProductForm,
    VariantForm,
    add_domain_error,
)

PER_PAGE = 20


class ListingRequest(PortalRequest):
    """A portal request with django-htmx's details (for type checkers)."""

    htmx: HtmxDetails


def _product(request: ListingRequest, product_id: int) -> Product:
    product = vendor_product_get(vendor=request.vendor, product_id=product_id)
    if product is None:
        raise Http404
    return product


def _variant(request: ListingRequest, variant_id: int) -> ProductVariant:
    variant = vendor_variant_get(vendor=request.vendor, variant_id=variant_id)
    if variant is None:
        raise Http404
    return variant


def _media(request: ListingRequest, media_id: int) -> ProductMedia:
    media = vendor_media_get(vendor=request.vendor, media_id=media_id)
    if media is None:
        raise Http404
    return media


def _edit_url(product_id: int, anchor: str = "") -> str:
    url = reverse("vendor_portal:product_edit", args=[product_id])
    return f"{url}#{anchor}" if anchor else url


@vendor_member_required
def product_list(request: ListingRequest) -> HttpResponse:
    show = request.GET.get("show", "")
    show = show if show in FILTERS else ""
    page = Paginator(portal_products(vendor=request.vendor, show=show), PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "show": show,
        "low_count": portal_low_stock_count(vendor=request.vendor),
        "threshold": LOW_STOCK_THRESHOLD,
    }
    template = (
        "vendor_portal/products/_list.html" if request.htmx else "vendor_portal/products/list.html"
    )
    return render(request, template, context)


@vendor_member_required
def product_create(request: ListingRequest) -> HttpResponse:
    form = ProductCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            product = services.product_create(
                vendor=request.vendor,
                product_type=data["product_type"] or general_product_type(),
                category=data["category"],
                name_th=data["name_th"],
                name_en=data["name_en"],
                description_th=data["description_th"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Saved as a draft. Now add its price, stock and photos."))
            return redirect(_edit_url(product.pk, "variants"))
    return render(request, "vendor_portal/products/create.html", {"form": form})


def _choice_text(variant: ProductVariant, slug: str) -> str:
    return next((v.name_th for v in variant.attribute_values.all() if v.attribute.slug == slug), "")


def edit_page(
    request: ListingRequest, product: Product, *, status: int = 200, **forms: Any
) -> HttpResponse:
    """The edit page; `forms` replaces a form by the bound one that has errors."""
    variants = portal_variants(product=product)
    rows = []
    for variant in variants:
        form = forms.pop(f"variant_{variant.pk}", None) or VariantForm(
            prefix=f"v{variant.pk}",
            initial={
                "size": _choice_text(variant, SIZE_SLUG),
                "colour": _choice_text(variant, COLOUR_SLUG),
                "price": variant.price,
                "stock": getattr(variant, "quantity", None) or 0,
                "weight_grams": variant.weight_grams,
                "sku": variant.sku,
            },
        )
        rows.append({"variant": variant, "form": form})
    context = {
        "product": product,
        "product_form": forms.get("product_form")
        or ProductForm(
            initial={
                "name_th": product.name_th,
                "name_en": product.name_en,
                "category": product.category_id,
                "description_th": product.description_th,
            }
        ),
        "variant_rows": rows,
        "new_variant_form": forms.get("new_variant_form") or VariantForm(prefix="new"),
        "photo_form": forms.get("photo_form") or PhotoForm(),
        "photos": [
            {
                "media": m,
                "url": images.rendition_url(m) or m.image.url,
                "form": AltForm(prefix=f"m{m.pk}", initial={"alt_th": m.alt_th}),
            }
            for m in portal_media(product=product)
        ],
        "threshold": LOW_STOCK_THRESHOLD,
    }
    if request.htmx and request.htmx.target == "photos":
        return render(request, "vendor_portal/products/_photos.html", context, status=status)
    return render(request, "vendor_portal/products/edit.html", context, status=status)


@vendor_member_required
def product_edit(request: ListingRequest, product_id: int) -> HttpResponse:
    product = _product(request, product_id)
    if request.method != "POST":
        return edit_page(request, product)
    form = ProductForm(request.POST)
    if form.is_valid():
        try:
            services.product_update(product=product, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(_edit_url(product.pk))
    return edit_page(request, product, status=400, product_form=form)


@require_POST
@vendor_member_required
def product_duplicate(request: ListingRequest, product_id: int) -> HttpResponse:
    product = _product(request, product_id)
    try:
        copy = services.product_duplicate(product=product)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(_edit_url(product.pk))
    messages.success(request, _("This is the copy, saved as a draft. Add its photos and stock."))
    return redirect(_edit_url(copy.pk))


STATUS_ACTIONS = {
    "publish": (services.product_publish, gettext_lazy("Now on sale: shoppers can find it.")),
    "unpublish": (
        services.product_unpublish,
        gettext_lazy("Taken off sale; it is a draft again."),
    ),
    "archive": (
        services.product_archive,
        gettext_lazy("Archived: hidden from shoppers and from your list."),
    ),
}


@require_POST
@vendor_member_required
def product_status(request: ListingRequest, product_id: int) -> HttpResponse:
    product = _product(request, product_id)
    action = STATUS_ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        raise Http404
    change, done = action
    try:
        change(product=product)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, str(done))
    return redirect(_edit_url(product.pk))


def _variant_post(
    request: ListingRequest, product: Product, variant: ProductVariant | None
) -> HttpResponse:
    prefix = "new" if variant is None else f"v{variant.pk}"
    form = VariantForm(request.POST, prefix=prefix)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.variant_save_with_stock(
                product=product,
                variant=variant,
                size=data["size"],
                colour=data["colour"],
                price=data["price"],
                quantity=data["stock"],
                weight_grams=data["weight_grams"],
                sku=data["sku"],
            )
        except DomainError as error:
            if error.field == "quantity":  # the service's argument is the form's "stock"
                error.field = "stock"
            add_domain_error(form, error)
        else:
            messages.success(request, _("Price and stock saved."))
            return redirect(_edit_url(product.pk, "variants"))
    key = "new_variant_form" if variant is None else f"variant_{variant.pk}"
    return edit_page(request, product, status=400, **{key: form})


@require_POST
@vendor_member_required
def variant_create(request: ListingRequest, product_id: int) -> HttpResponse:
    return _variant_post(request, _product(request, product_id), None)


@require_POST
@vendor_member_required
def variant_update(request: ListingRequest, variant_id: int) -> HttpResponse:
    variant = _variant(request, variant_id)
    return _variant_post(request, variant.product, variant)


@require_POST
@vendor_member_required
def variant_delete(request: ListingRequest, variant_id: int) -> HttpResponse:
    variant = _variant(request, variant_id)
    try:
        services.variant_delete(variant=variant)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Removed."))
    return redirect(_edit_url(variant.product_id, "variants"))


def _photos_done(request: ListingRequest, product: Product, message: str) -> HttpResponse:
    if request.htmx:
        return edit_page(request, product)
    messages.success(request, message)
    return redirect(_edit_url(product.pk, "photos"))


@require_POST
@vendor_member_required
def product_media_add(request: ListingRequest, product_id: int) -> HttpResponse:
    product = _product(request, product_id)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            images.media_add(
                product=product,
                upload=form.cleaned_data["image"],
                alt_th=form.cleaned_data["alt_th"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return _photos_done(request, product, _("Photo added."))
    return edit_page(request, product, status=400, photo_form=form)


@require_POST
@vendor_member_required
def product_media_move(request: ListingRequest, media_id: int) -> HttpResponse:
    media = _media(request, media_id)
    order = [m.pk for m in portal_media(product=media.product)]
    here = order.index(media.pk)
    there = here - 1 if request.POST.get("direction") == "up" else here + 1
    if 0 <= there < len(order):
        order[here], order[there] = order[there], order[here]
        images.media_reorder(product=media.product, media_ids=order)
    return _photos_done(request, media.product, _("Photo moved."))


@require_POST
@vendor_member_required
def product_media_alt(request: ListingRequest, media_id: int) -> HttpResponse:
    media = _media(request, media_id)
    form = AltForm(request.POST, prefix=f"m{media.pk}")
    if form.is_valid():
        images.media_update_alt(media=media, alt_th=form.cleaned_data["alt_th"])
    return _photos_done(request, media.product, _("Photo description saved."))


@require_POST
@vendor_member_required
def product_media_delete(request: ListingRequest, media_id: int) -> HttpResponse:
    media = _media(request, media_id)
    images.media_delete(media=media)
    return _photos_done(request, media.product, _("Photo deleted."))
