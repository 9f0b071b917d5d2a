"""The catalogue: categories, product types and attributes, products, variants, media, collections.

Translatable text is stored as a Thai and an English column side by side; Thai is the default
language of the storefront, English is optional and falls back to Thai.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.fields import ThaiSlugField
from marketplace.vendors.models import Vendor


class Category(models.Model):
    """A node of the category tree; `path` holds the ancestors' ids ("1/4/9/") for subtree reads."""

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    slug = ThaiSlugField(_("slug"), max_length=100, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_th = models.TextField(_("description (Thai)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    path = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    level = models.PositiveSmallIntegerField(default=0, editable=False)
    sort_order = models.IntegerField(_("sort order"), default=0)
    background_image = models.ImageField(upload_to="categories/", blank=True)

    class Meta:
        ordering = ["path", "sort_order", "name_th"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name_th


class AttributeInputType(models.TextChoices):
    DROPDOWN = "dropdown", _("Dropdown")
    MULTISELECT = "multiselect", _("Multiple choice")


class Attribute(models.Model):
    """A property shoppers filter by: material, technique, colour, pattern, size."""

    slug = ThaiSlugField(_("slug"), max_length=64, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    input_type = models.CharField(
        max_length=16, choices=AttributeInputType.choices, default=AttributeInputType.DROPDOWN
    )
    filterable = models.BooleanField(_("used as a filter"), default=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("attribute")
        verbose_name_plural = _("attributes")

    def __str__(self) -> str:
        return self.name_th


class AttributeValue(models.Model):
    attribute = models.ForeignKey(
        Attribute, on_delete=models.CASCADE, related_name="values", verbose_name=_("attribute")
    )
    slug = ThaiSlugField(_("slug"), max_length=100)
    name_th = models.CharField(_("name (Thai)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    sort_order = models.IntegerField(default=0)

    class Meta:
        ordering = ["attribute_id", "sort_order", "slug"]
        verbose_name = _("attribute value")
        verbose_name_plural = _("attribute values")
        constraints = [
            models.UniqueConstraint(
                fields=["attribute", "slug"], name="catalog_attributevalue_unique_slug"
            )
        ]

    def __str__(self) -> str:
        return self.name_th


class ProductType(models.Model):
    slug = ThaiSlugField(_("slug"), max_length=100, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    has_variants = models.BooleanField(_("has variants"), default=True)
    product_attributes = models.ManyToManyField(
        Attribute, blank=True, related_name="product_types", verbose_name=_("product attributes")
    )
    variant_attributes = models.ManyToManyField(
        Attribute,
        blank=True,
        related_name="variant_product_types",
        verbose_name=_("variant attributes"),
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = _("product type")
        verbose_name_plural = _("product types")

    def __str__(self) -> str:
        return self.name_th


class ProductStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class Product(models.Model):
    vendor = models.ForeignKey(
        Vendor, on_delete=models.PROTECT, related_name="products", verbose_name=_("vendor")
    )
    product_type = models.ForeignKey(
        ProductType, on_delete=models.PROTECT, related_name="products", verbose_name=_("type")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="products", verbose_name=_("category")
    )
    slug = ThaiSlugField(_("slug"), max_length=160, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=250)
    name_en = models.CharField(_("name (English)"), max_length=250, blank=True)
    # Rich text, sanitised with nh3 by the catalogue services before it is stored.
    description_th = models.TextField(_("description (Thai)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ProductStatus.choices, default=ProductStatus.DRAFT
    )
    attribute_values = models.ManyToManyField(
        AttributeValue, blank=True, related_name="products", verbose_name=_("attribute values")
    )
    maker = models.CharField(_("maker"), max_length=200, blank=True)
    materials = models.CharField(_("materials"), max_length=300, blank=True)
    lead_time_days = models.PositiveSmallIntegerField(_("lead time (days)"), default=0)
    made_to_order = models.BooleanField(_("made to order"), default=False)
    # Denormalised for sorting and the search index; kept current by the order services.
    sales_count = models.PositiveIntegerField(default=0, editable=False)
    # Denormalised for sorting and filtering by price without a subquery per product: the
    # cheapest and dearest variant price (None without variants). Written by the catalogue's
    # variant services and the bulk import; `products_with_stale_prices` finds drift.
    min_price = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, editable=False
    )
    max_price = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Written only by the search indexing (search.indexing): the names, descriptions and facts
    # cut into Thai words and romanised, for the PostgreSQL search backend.
    search_text = models.TextField(blank=True, default="", editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        indexes = [
            models.Index(fields=["status", "vendor"]),
            models.Index(fields=["category", "status"]),
            models.Index(fields=["-created_at", "-id"]),
            models.Index(fields=["min_price", "id"], name="catalog_product_min_price"),
            # Best sellers of a maker or of a category (related products on a product page).
            models.Index(
                F("vendor"),
                F("sales_count").desc(),
                F("id").desc(),
                name="catalog_product_vendor_sales",
                condition=Q(status="published"),
            ),
            models.Index(
                F("category"),
                F("sales_count").desc(),
                F("id").desc(),
                name="catalog_product_category_sales",
                condition=Q(status="published"),
            ),
            # Products not analysed for search yet, so that the PostgreSQL search's "found by
            # name" branch is an index scan too (the other branches use the GIN indexes).
            models.Index(
                fields=["id"],
                name="catalog_product_unanalysed",
                condition=Q(search_vector__isnull=True),
            ),
            GinIndex(
                fields=["name_th"], name="catalog_product_name_th_trgm", opclasses=["gin_trgm_ops"]
            ),
            GinIndex(
                fields=["name_en"], name="catalog_product_name_en_trgm", opclasses=["gin_trgm_ops"]
            ),
            GinIndex(fields=["search_vector"], name="catalog_product_search_vec"),
            GinIndex(
                fields=["search_text"],
                name="catalog_product_search_trgm",
                opclasses=["gin_trgm_ops"],
            ),
        ]

    def __str__(self) -> str:
        return self.name_th


class ProductVariant(models.Model):
    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="variants", verbose_name=_("product")
    )
    sku = models.CharField(_("SKU"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    price = models.DecimalField(
        _("price (THB)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    compare_at_price = models.DecimalField(
        _("compare-at price (THB)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    weight_grams = models.PositiveIntegerField(_("weight (g)"), default=0)
    attribute_values = models.ManyToManyField(
        AttributeValue, blank=True, related_name="variants", verbose_name=_("attribute values")
    )
    sort_order = models.IntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["product_id", "sort_order", "id"]
        verbose_name = _("product variant")
        verbose_name_plural = _("product variants")
        indexes = [models.Index(fields=["price"])]
        constraints = [
            models.CheckConstraint(condition=Q(price__gte=0), name="catalog_variant_price_gte_0"),
            models.CheckConstraint(
                condition=Q(compare_at_price__isnull=True) | Q(compare_at_price__gte=0),
                name="catalog_variant_compare_at_gte_0",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product} — {self.name or self.sku}"


class MediaStatus(models.TextChoices):
    PROCESSING = "processing", _("Processing")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class ProductMedia(models.Model):
    """An image of a product. The original is kept without EXIF; renditions are made by a task."""

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="media", verbose_name=_("product")
    )
    image = models.ImageField(_("image"), upload_to="products/originals/")
    alt_th = models.CharField(_("alt text (Thai)"), max_length=250, blank=True)
    alt_en = models.CharField(_("alt text (English)"), max_length=250, blank=True)
    sort_order = models.IntegerField(default=0)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    status = models.CharField(
        max_length=16, choices=MediaStatus.choices, default=MediaStatus.PROCESSING
    )
    # {"320": {"webp": "products/r/…-320.webp", "jpeg": "…-320.jpg"}, "640": …, "1280": …}
    renditions = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["product_id", "sort_order", "id"]
        verbose_name = _("product image")
        verbose_name_plural = _("product images")

    def __str__(self) -> str:
        return self.alt_th or self.image.name


class Collection(models.Model):
    slug = ThaiSlugField(_("slug"), max_length=100, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_th = models.TextField(_("description (Thai)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    is_featured = models.BooleanField(_("featured on the home page"), default=False)
    sort_order = models.IntegerField(default=0)
    products = models.ManyToManyField(
        Product, blank=True, related_name="collections", verbose_name=_("products")
    )
    background_image = models.ImageField(upload_to="collections/", blank=True)

    class Meta:
        ordering = ["sort_order", "slug"]
        verbose_name = _("collection")
        verbose_name_plural = _("collections")

    def __str__(self) -> str:
        return self.name_th


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Importing")
    INVALID = "invalid", _("Needs corrections")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")


class ProductImport(models.Model):
    """One upload of a vendor's product sheet (CSV or XLSX) and what became of it.

    The file is kept until the import is done so that a large one can be read by a task; the
    report lists each problem found as {"row": 3, "column": "price", "message": "…"}.
    """

    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="product_imports", verbose_name=_("vendor")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    file = models.FileField(_("file"), upload_to="imports/products/")
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_format = models.CharField(_("format"), max_length=8)
    only_valid_rows = models.BooleanField(_("import only the valid rows"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    invalid_rows = models.PositiveIntegerField(_("rows with problems"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    created_count = models.PositiveIntegerField(_("variants added"), default=0)
    updated_count = models.PositiveIntegerField(_("variants updated"), default=0)
    report = models.JSONField(_("report"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("product import")
        verbose_name_plural = _("product imports")
        indexes = [models.Index(fields=["vendor", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.vendor_id}: {self.file_name} ({self.status})"

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.INVALID, ImportStatus.DONE, ImportStatus.FAILED)
