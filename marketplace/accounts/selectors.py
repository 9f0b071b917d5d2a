"""Reads of accounts and saved addresses."""

from __future__ import annotations

from django.db.models import QuerySet

from marketplace.accounts.models import Address, User


def user_get_by_email(*, email: str) -> User | None:
    """The user with this e-mail address, compared without regard to case."""
    return User.objects.filter(email__iexact=email.strip()).first()


def address_list(*, user: User) -> QuerySet[Address]:
    """The user's saved addresses, oldest first, with their user loaded (for the default flags)."""
    return Address.objects.filter(user=user).select_related("user").order_by("created_at", "id")


def address_get(*, user: User, address_id: int) -> Address | None:
    """One of the user's addresses; None for an unknown id or another user's address."""
    return address_list(user=user).filter(pk=address_id).first()
