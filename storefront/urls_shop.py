"""Buying: cart, checkout, payment, orders and the shopper's account."""

from django.urls import URLPattern, URLResolver, path

from storefront import account_views, cart_views, checkout_views, order_views, payment_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("cart/", cart_views.cart, name="cart"),
    path("cart/add/", cart_views.cart_add, name="cart_add"),
    path("cart/update/", cart_views.cart_update, name="cart_update"),
    path("cart/remove/", cart_views.cart_remove, name="cart_remove"),
    path("cart/delivery/", cart_views.cart_delivery, name="cart_delivery"),
    path("checkout/", checkout_views.checkout, name="checkout"),
    path("checkout/email/", checkout_views.checkout_email, name="checkout_email"),
    path("checkout/address/", checkout_views.checkout_address, name="checkout_address"),
    path("checkout/delivery/", checkout_views.checkout_delivery, name="checkout_delivery"),
    path("checkout/payment/", payment_views.checkout_payment, name="checkout_payment"),
    path("address/places/", checkout_views.address_places, name="address_places"),
    path("orders/track/", order_views.order_tracking, name="order_tracking"),
    path("orders/<str:number>/", order_views.order_detail, name="order_detail"),
    path("orders/<str:number>/thanks/", order_views.order_confirmation, name="order_confirmation"),
    path("orders/<str:number>/pay/", payment_views.order_payment, name="order_payment"),
    path("orders/<str:number>/slip/", payment_views.order_slip_upload, name="order_slip_upload"),
    path(
        "orders/<str:number>/test-card/",
        payment_views.order_card_test_confirm,
        name="order_card_test_confirm",
    ),
    path("account/", account_views.account, name="account"),
    path("account/login/", account_views.login_view, name="login"),
    path("account/logout/", account_views.logout_view, name="logout"),
    path("account/register/", account_views.register, name="register"),
    path("account/confirm/", account_views.register_confirm, name="register_confirm"),
    path("account/orders/", account_views.account_orders, name="account_orders"),
    path("account/addresses/", account_views.account_addresses, name="account_addresses"),
    path(
        "account/addresses/new/",
        account_views.account_address_edit,
        name="account_address_create",
    ),
    path(
        "account/addresses/<int:address_id>/",
        account_views.account_address_edit,
        name="account_address_edit",
    ),
    path(
        "account/addresses/<int:address_id>/delete/",
        account_views.account_address_delete,
        name="account_address_delete",
    ),
    path(
        "account/addresses/<int:address_id>/default/",
        account_views.account_address_default,
        name="account_address_default",
    ),
    path("account/password/", account_views.password_change, name="password_change"),
    path("account/password/reset/", account_views.password_reset, name="password_reset"),
    path(
        "account/password/reset/confirm/",
        account_views.password_reset_confirm,
        name="password_reset_confirm",
    ),
]
