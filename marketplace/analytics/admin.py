from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from marketplace.analytics.models import FeedAttempt, FeedDelivery, OpenDataRelease


class _ReadOnly(admin.ModelAdmin[Any]):
    """Releases and deliveries are written by the publication and the feed, never by hand."""

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class FeedAttemptInline(admin.TabularInline[FeedAttempt, FeedDelivery]):
    model = FeedAttempt
    extra = 0
    fields = ("number", "attempted_at", "status_code", "error", "duration_ms")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(FeedDelivery)
class FeedDeliveryAdmin(_ReadOnly):
    list_display = ("release", "url", "status", "attempts", "last_status_code", "created_at")
    list_filter = ("status",)
    list_select_related = ("release__municipality",)
    readonly_fields = (
        "release",
        "url",
        "status",
        "attempts",
        "last_status_code",
        "last_error",
        "created_at",
        "delivered_at",
        "body",
    )
    inlines = (FeedAttemptInline,)


@admin.register(OpenDataRelease)
class OpenDataReleaseAdmin(_ReadOnly):
    list_display = ("municipality", "published_at", "first_month", "last_month", "rows")
    list_select_related = ("municipality",)
    list_filter = (("municipality", admin.RelatedOnlyFieldListFilter),)
    readonly_fields = (
        "municipality",
        "published_at",
        "first_month",
        "last_month",
        "rows",
        "suppressed_rows",
        "csv_sha256",
        "datapackage",
    )
