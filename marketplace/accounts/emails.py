"""The account e-mails: each rendered as text and HTML in the recipient's language."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from marketplace.accounts.models import User
from marketplace.accounts.tokens import account_confirmation_token, password_reset_token


def link_with_params(base_url: str, **params: str) -> str:
    """`base_url` with `params` added to its query string (Saleor's confirmation-link shape)."""
    parts = urlsplit(base_url)
    query = [*parse_qsl(parts.query, keep_blank_values=True), *params.items()]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _send(user: User, template: str, context: dict[str, object]) -> None:
    language = user.language_code or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {"user": user, "site_name": "Kad", **context}
        subject = render_to_string(f"accounts/emails/{template}_subject.txt", context)
        text = render_to_string(f"accounts/emails/{template}.txt", context)
        html = render_to_string(f"accounts/emails/{template}.html", context)
    message = EmailMultiAlternatives(subject=" ".join(subject.split()), body=text, to=[user.email])
    message.attach_alternative(html, "text/html")
    message.send()


def account_confirmation_email(user: User, *, redirect_url: str) -> None:
    token = account_confirmation_token.make_token(user)
    link = link_with_params(redirect_url, email=user.email, token=token)
    _send(user, "account_confirm", {"link": link})


def password_reset_email(user: User, *, redirect_url: str) -> None:
    token = password_reset_token.make_token(user)
    link = link_with_params(redirect_url, email=user.email, token=token)
    _send(user, "password_reset", {"link": link})


def account_exists_email(user: User, *, redirect_url: str) -> None:
    """Someone tried to register an address that has an account: tell its owner, offer a reset."""
    token = password_reset_token.make_token(user)
    link = link_with_params(redirect_url, email=user.email, token=token)
    _send(user, "account_exists", {"link": link})
