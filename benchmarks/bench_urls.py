"""Kad's URLs plus `/_bench/trivial/`: the cheapest Django response the same server can give,
the yardstick that storefront pages are compared with. Benchmark servers only; never the product.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("_bench/trivial/", trivial, name="bench_trivial"),
    path("", include("marketplace.urls")),
]
