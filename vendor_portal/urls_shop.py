"""Onboarding, team and orders; the dashboard and money pages come from urls_money at ""."""

from django.urls import URLPattern, URLResolver, include, path

from vendor_portal import onboarding_views, order_views, team_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("vendor_portal.urls_money")),
    # Becoming a seller
    path("signup/", onboarding_views.signup, name="signup"),
    path("signup/sent/", onboarding_views.signup_sent, name="signup_sent"),
    path("signup/confirm/", onboarding_views.signup_confirm, name="signup_confirm"),
    path("apply/", onboarding_views.apply, name="apply"),
    path("apply/status/", onboarding_views.apply_status, name="apply_status"),
    path("apply/places/", onboarding_views.apply_places, name="apply_places"),
    path("apply/<slug:step>/", onboarding_views.apply, name="apply_step"),
    # The team
    path("team/", team_views.team, name="team"),
    path("team/invite/", team_views.team_invite, name="team_invite"),
    path("team/<int:membership_id>/remove/", team_views.team_remove, name="team_remove"),
    path(
        "team/invitations/<int:invitation_id>/withdraw/",
        team_views.team_invitation_revoke,
        name="team_invitation_revoke",
    ),
    path("invitations/<str:token>/", team_views.invitation_accept_view, name="invitation_accept"),
    # Orders
    path("orders/", order_views.order_list, name="order_list"),
    path("orders/<str:number>/", order_views.order_detail, name="order_detail"),
    path(
        "orders/<str:number>/packing-slip/",
        order_views.order_packing_slip,
        name="order_packing_slip",
    ),
    path("orders/<str:number>/process/", order_views.order_process, name="order_process"),
    path("orders/<str:number>/ship/", order_views.order_ship, name="order_ship"),
    path("orders/<str:number>/deliver/", order_views.order_deliver, name="order_deliver"),
    path("orders/<str:number>/cancel/", order_views.order_cancel, name="order_cancel"),
]
