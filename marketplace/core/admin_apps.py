"""The admin's app config, in a module of its own: INSTALLED_APPS imports it before the models
are ready, so it must not import `admin_site` (which needs them)."""

from django.contrib.admin.apps import AdminConfig


class KadAdminConfig(AdminConfig):
    """`django.contrib.admin` with `admin.site` being the two-factor `KadAdminSite`."""

    default_site = "marketplace.core.admin_site.KadAdminSite"
