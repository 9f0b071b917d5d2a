"""Print the current sign-in code of the demo operator's authenticator (quick start only)."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from marketplace.core import demo


class Command(BaseCommand):
    help = (
        "Print the demo operator's current two-factor code (the admin asks for it after the "
        "password). Refuses to run with DJANGO_ENV=production."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("demo_otp_code refuses to run with DJANGO_ENV=production")
        code = totp(bytes.fromhex(demo.DEMO_OPERATOR_TOTP_KEY))
        left = 30 - int(time.time()) % 30
        self.stdout.write(f"{code:06d}")
        if options["verbosity"] > 1:
            self.stdout.write(f"(valid for {left} more seconds)")
