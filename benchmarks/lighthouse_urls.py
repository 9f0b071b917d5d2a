"""URLconf of the Lighthouse runs: the benchmark URLconf plus the product photos from MEDIA_ROOT.

With DEBUG off Django serves no media, so every product photo answered 404: Lighthouse then
counted console errors and measured pages whose largest image never arrived. In production the
photos come from object storage or the web server; here Django's static view stands in for it.
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from benchmarks.bench_urls import urlpatterns as bench_urlpatterns

media_prefix = settings.MEDIA_URL.lstrip("/")
urlpatterns = [
    re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *bench_urlpatterns,
]
