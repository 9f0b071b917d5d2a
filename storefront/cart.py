"""Which cart belongs to this browser: the checkout token kept in the session.

Guests and signed-in shoppers alike keep the token of their cart in the session; on sign-in the
guest cart joins the shopper's own (`cart_attach_on_login`). A token is only honoured for a cart
that is a guest's or the signed-in shopper's own, so a copied session cannot reach someone else's.
Also: the numbers of the orders this browser placed or looked up, so a guest can see them.
"""

from __future__ import annotations

import ipaddress

from django.http import HttpRequest
from django.utils.translation import get_language

from marketplace.accounts.models import User
from marketplace.checkout.models import Checkout
from marketplace.checkout.selectors import checkout_for_user, checkout_get
from marketplace.checkout.services import checkout_attach_to_user, checkout_create
from marketplace.core.http import client_ip
from marketplace.orders.models import Order
from marketplace.orders.selectors import order_for_guest, orders_of_user

SESSION_TOKEN = "kad_checkout_token"  # noqa: S105 - a session key
SESSION_ORDERS = "kad_order_numbers"
# A browser remembers at most this many guest orders (newest kept).
MAX_REMEMBERED_ORDERS = 20


def _user(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


def cart_get(request: HttpRequest) -> Checkout | None:
    """This browser's cart, or None when it has none yet."""
    user = _user(request)
    token = request.session.get(SESSION_TOKEN)
    checkout = checkout_get(token=token) if token else None
    if checkout is not None and checkout.user_id is not None:
        if user is None or checkout.user_id != user.pk:
            checkout = None
    if checkout is None and user is not None:
        checkout = checkout_for_user(user_id=user.pk)
    if checkout is None:
        request.session.pop(SESSION_TOKEN, None)
    elif token != str(checkout.token):
        request.session[SESSION_TOKEN] = str(checkout.token)
    return checkout


def cart_get_or_create(request: HttpRequest) -> Checkout:
    checkout = cart_get(request)
    if checkout is None:
        checkout = checkout_create(user=_user(request), language_code=_language())
        request.session[SESSION_TOKEN] = str(checkout.token)
    return checkout


def cart_forget(request: HttpRequest) -> None:
    request.session.pop(SESSION_TOKEN, None)


def cart_attach_on_login(request: HttpRequest, user: User) -> None:
    """After sign-in: the guest cart of this browser joins the shopper's cart."""
    token = request.session.get(SESSION_TOKEN)
    guest = checkout_get(token=token) if token else None
    own: Checkout | None
    if guest is not None and guest.user_id in (None, user.pk):
        own = checkout_attach_to_user(checkout=guest, user=user)
    else:
        own = checkout_for_user(user_id=user.pk)
    if own is None:
        request.session.pop(SESSION_TOKEN, None)
    else:
        request.session[SESSION_TOKEN] = str(own.token)


def cart_token(request: HttpRequest) -> str | None:
    """The token in the session, checked for shape only (the header's count needs no more)."""
    token = request.session.get(SESSION_TOKEN) if hasattr(request, "session") else None
    return token if isinstance(token, str) and len(token) == 36 else None


def order_remember(request: HttpRequest, order: Order) -> None:
    """Let this browser see the order (the guest placed it, or proved it with the e-mail)."""
    known = {n: e for n, e in request.session.get(SESSION_ORDERS, {}).items() if n != order.number}
    known[order.number] = order.email
    request.session[SESSION_ORDERS] = dict(list(known.items())[-MAX_REMEMBERED_ORDERS:])


def order_visible(request: HttpRequest, number: str) -> Order | None:
    """The order with this number if this browser may see it: the signed-in shopper's own, or
    one it placed or looked up (number and e-mail), with its parcels and lines."""
    user = _user(request)
    if user is not None:
        own = orders_of_user(user_id=user.pk).filter(number=number).first()
        if own is not None:
            return own
    email = request.session.get(SESSION_ORDERS, {}).get(number)
    return order_for_guest(number=number, email=email) if email else None


def request_ip(request: HttpRequest) -> str:
    """The client's address for rate limits, read the same way as the API reads it."""
    address = client_ip(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return "unknown"


def _language() -> str:
    return "en" if (get_language() or "th").startswith("en") else "th"
