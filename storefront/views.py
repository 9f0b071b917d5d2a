"""The storefront's browsing views live in `browse_views` (catalogue, search) and the buying
views in their own modules; this module keeps the old import path of the home page."""

from storefront.browse_views import home

__all__ = ["home"]
