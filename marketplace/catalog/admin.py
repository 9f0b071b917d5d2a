"""Admin for the catalogue: where co-op operators moderate listings.

Writes go through `catalog.services` (forms call them; see `service_admin`), so the admin obeys
the same rules as the vendor portal and the API. Publish / unpublish / archive are actions that
call the services and report refusals as messages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from marketplace.catalog import services
from marketplace.catalog.errors import CatalogError
from marketplace.catalog.images import rendition_url
from marketplace.catalog.models import (
    Attribute,
    AttributeValue,
    Category,
    Collection,
    Product,
    ProductMedia,
    ProductType,
    ProductVariant,
)
from marketplace.catalog.service_admin import ServiceModelForm, ServiceWriteAdmin

SLUG_HELP = _("Leave empty to make one from the name.")


# --- categories ---------------------------------------------------------------------------------


class CategoryAdminForm(ServiceModelForm):
    class Meta:
        model = Category
        fields = [
            "parent",
            "name_th",
            "name_en",
            "slug",
            "description_th",
            "description_en",
            "sort_order",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = SLUG_HELP

    def write(self) -> Category:
        data = self.cleaned_data
        text = {k: data[k] for k in ("name_th", "name_en", "description_th", "description_en")}
        if self.instance._state.adding:
            return services.category_create(
                **text,
                parent=data["parent"],
                slug=data["slug"] or None,
                sort_order=data["sort_order"],
            )
        saved = services.category_update(
            category=self.instance,
            **text,
            slug=data["slug"] or None,
            sort_order=data["sort_order"],
        )
        if "parent" in self.changed_data:
            saved = services.category_move(category=saved, parent=data["parent"])
        return saved


@admin.register(Category)
class CategoryAdmin(ServiceWriteAdmin):
    form = CategoryAdminForm
    list_display = ("name_th", "name_en", "parent", "level", "sort_order", "slug")
    list_filter = ("level",)
    list_select_related = ("parent",)
    search_fields = ("name_th", "name_en", "slug")
    ordering = ("path", "sort_order")
    readonly_fields = ("path", "level")


# --- product types and attributes ---------------------------------------------------------------


class AttributeValueInline(admin.TabularInline[AttributeValue, Attribute]):
    model = AttributeValue
    fields = ("name_th", "name_en", "slug", "sort_order")
    extra = 1


@admin.register(Attribute)
class AttributeAdmin(admin.ModelAdmin[Attribute]):
    list_display = ("name_th", "name_en", "slug", "input_type", "filterable")
    list_filter = ("input_type", "filterable")
    search_fields = ("name_th", "name_en", "slug")
    inlines = [AttributeValueInline]


@admin.register(ProductType)
class ProductTypeAdmin(admin.ModelAdmin[ProductType]):
    list_display = ("name_th", "name_en", "slug", "has_variants")
    list_filter = ("has_variants",)
    search_fields = ("name_th", "name_en", "slug")
    filter_horizontal = ("product_attributes", "variant_attributes")


# --- products -----------------------------------------------------------------------------------

PRODUCT_TEXT_FIELDS = (
    "name_th",
    "name_en",
    "description_th",
    "description_en",
    "maker",
    "materials",
)


class ProductAdminForm(ServiceModelForm):
    class Meta:
        model = Product
        fields = [
            "vendor",
            "product_type",
            "category",
            "name_th",
            "name_en",
            "slug",
            "description_th",
            "description_en",
            "attribute_values",
            "maker",
            "materials",
            "lead_time_days",
            "made_to_order",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = SLUG_HELP

    def write(self) -> Product:
        data = self.cleaned_data
        common: dict[str, Any] = {k: data[k] for k in PRODUCT_TEXT_FIELDS}
        common.update(
            category=data["category"],
            attribute_values=list(data["attribute_values"]),
            lead_time_days=data["lead_time_days"],
            made_to_order=data["made_to_order"],
            slug=data["slug"] or None,
        )
        if self.instance._state.adding:
            return services.product_create(
                vendor=data["vendor"], product_type=data["product_type"], **common
            )
        return services.product_update(product=self.instance, **common)


class VariantAdminForm(ServiceModelForm):
    class Meta:
        model = ProductVariant
        fields = ["sku", "name", "price", "compare_at_price", "weight_grams", "sort_order"]

    def write(self) -> ProductVariant:
        data = self.cleaned_data
        fields = {k: data[k] for k in ("sku", "name", "price", "compare_at_price", "weight_grams")}
        if self.instance._state.adding:
            return services.variant_create(
                product=self.instance.product, sort_order=data["sort_order"], **fields
            )
        return services.variant_update(
            variant=self.instance, sort_order=data["sort_order"], **fields
        )


class VariantInline(admin.TabularInline[ProductVariant, Product]):
    model = ProductVariant
    form = VariantAdminForm
    extra = 0
    # Deleting goes through `variant_delete` (allocated stock, last variant of a listing).
    can_delete = False


class MediaInline(admin.TabularInline[ProductMedia, Product]):
    """Photos as vendors uploaded them (uploads go through `catalog.images.media_add`)."""

    model = ProductMedia
    fields = ("thumbnail", "alt_th", "alt_en", "sort_order", "width", "height", "status")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("photo"))
    def thumbnail(self, media: ProductMedia) -> SafeString | str:
        url = rendition_url(media, width=320) or (media.image.url if media.image else None)
        if not url:
            return "—"
        return format_html(
            '<img src="{}" alt="{}" width="96" style="height:auto">', url, media.alt_th
        )


ProductService = Callable[..., Product]


def _apply(
    admin_: ProductAdmin,
    request: HttpRequest,
    queryset: QuerySet[Product],
    service: ProductService,
    done: Callable[[int], str],
) -> None:
    changed = 0
    for product in queryset:
        try:
            service(product=product)
        except CatalogError as error:
            admin_.message_user(request, f"{product}: {error.message}", messages.ERROR)
        else:
            changed += 1
    if changed:
        admin_.message_user(request, done(changed), messages.SUCCESS)


@admin.register(Product)
class ProductAdmin(ServiceWriteAdmin):
    form = ProductAdminForm
    inlines = [VariantInline, MediaInline]
    list_display = ("name_th", "name_en", "vendor", "category", "status", "published_at")
    list_filter = ("status", "vendor", "category", "product_type")
    list_select_related = ("vendor", "category")
    search_fields = ("name_th", "name_en", "slug", "variants__sku")
    readonly_fields = ("status", "published_at", "sales_count", "created_at", "updated_at")
    raw_id_fields = ("vendor",)
    filter_horizontal = ("attribute_values",)
    actions = ["publish", "unpublish", "archive"]
    date_hierarchy = "created_at"

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fixed = ("vendor", "product_type") if obj is not None else ()
        return (*fixed, *self.readonly_fields)

    @admin.action(description=_("Publish the selected products"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Product]) -> None:
        _apply(
            self,
            request,
            queryset,
            services.product_publish,
            lambda n: (
                ngettext("%(n)d product published.", "%(n)d products published.", n) % {"n": n}
            ),
        )

    @admin.action(description=_("Unpublish the selected products (back to draft)"))
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Product]) -> None:
        _apply(
            self,
            request,
            queryset,
            services.product_unpublish,
            lambda n: (
                ngettext(
                    "%(n)d product moved back to draft.", "%(n)d products moved back to draft.", n
                )
                % {"n": n}
            ),
        )

    @admin.action(description=_("Archive the selected products"))
    def archive(self, request: HttpRequest, queryset: QuerySet[Product]) -> None:
        _apply(
            self,
            request,
            queryset,
            services.product_archive,
            lambda n: ngettext("%(n)d product archived.", "%(n)d products archived.", n) % {"n": n},
        )


# --- collections --------------------------------------------------------------------------------


COLLECTION_FIELDS = (
    "name_th",
    "name_en",
    "description_th",
    "description_en",
    "is_published",
    "is_featured",
    "sort_order",
)


class CollectionAdminForm(ServiceModelForm):
    class Meta:
        model = Collection
        fields = [
            "name_th",
            "name_en",
            "slug",
            "description_th",
            "description_en",
            "is_published",
            "is_featured",
            "sort_order",
            "products",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = SLUG_HELP

    def write(self) -> Collection:
        data = self.cleaned_data
        fields = {k: data[k] for k in COLLECTION_FIELDS}
        wanted = set(data["products"])
        if self.instance._state.adding:
            return services.collection_create(
                **fields, slug=data["slug"] or None, products=list(wanted)
            )
        saved = services.collection_update(
            collection=self.instance, **fields, slug=data["slug"] or None
        )
        current = set(saved.products.all())
        services.collection_add_products(collection=saved, products=list(wanted - current))
        services.collection_remove_products(collection=saved, products=list(current - wanted))
        return saved


@admin.register(Collection)
class CollectionAdmin(ServiceWriteAdmin):
    form = CollectionAdminForm
    list_display = ("name_th", "name_en", "is_published", "is_featured", "sort_order")
    list_filter = ("is_published", "is_featured")
    search_fields = ("name_th", "name_en", "slug")
    autocomplete_fields = ("products",)
