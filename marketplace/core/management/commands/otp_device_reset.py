"""Remove a staff member's two-factor devices (a lost phone); they enrol again at next sign-in."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from marketplace.accounts.models import User
from marketplace.core import otp


class Command(BaseCommand):
    help = (
        "Remove every authenticator device of the user with this e-mail address. With "
        "KAD_OTP_SELF_ENROLMENT on, they set up a new one at their next admin sign-in."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email__iexact=options["email"]).first()
        if user is None:
            raise CommandError(f"no user with the e-mail address {options['email']}")
        removed = otp.totp_devices_reset(user=user)
        self.stdout.write(f"removed {removed} device(s) of {user.email}")
