"""The dashboard and the money pages (included by urls_shop.py at "")."""

from django.urls import URLPattern, URLResolver, path

from vendor_portal import dashboard_views, money_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", dashboard_views.dashboard, name="dashboard"),
    path("money/", money_views.money, name="money"),
    path("money/statement/", money_views.money_statement, name="money_statement"),
    path("money/statement.csv", money_views.money_statement_csv, name="money_statement_csv"),
    path("money/ledger/", money_views.money_ledger, name="money_ledger"),
    path("money/payout-account/", money_views.payout_settings, name="payout_settings"),
    path("money/payout-account/stripe/", money_views.payout_connect, name="payout_connect"),
]
