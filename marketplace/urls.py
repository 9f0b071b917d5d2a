from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from marketplace.core import metrics
from marketplace.core import views as core_views
from marketplace.graphql.views import KadGraphQLView

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    # Prometheus; only for private networks or a bearer token (see marketplace.core.metrics).
    path("metrics", metrics.metrics_view, name="prometheus-metrics"),
    path("admin/", admin.site.urls),
    path(
        "graphql/",
        csrf_exempt(KadGraphQLView.as_view(graphiql=settings.GRAPHIQL_ENABLED)),
        name="graphql",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("reports/", include("marketplace.analytics.urls")),
    path("open-data/", include("marketplace.analytics.open_data_urls")),
    path("search/", include("search.urls")),
    path("payments/", include("payments.urls")),
    path("vendor/", include("vendor_portal.urls")),
    path("", include("storefront.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
