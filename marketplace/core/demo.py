"""The Lamphun demo data set, built from the domain services so it obeys the same rules."""

from __future__ import annotations

from django.db import transaction

from marketplace.accounts.models import User

DEMO_OPERATOR_EMAIL = "operator@kad.example"
# A published demo credential for a local quick start; seed_demo refuses to run in production.
DEMO_OPERATOR_PASSWORD = "kad-demo-operator"  # noqa: S105


@transaction.atomic
def seed(*, seed: int) -> list[str]:
    report: list[str] = []
    operator, created = User.objects.get_or_create(
        email=DEMO_OPERATOR_EMAIL,
        defaults={"is_staff": True, "is_superuser": True, "first_name": "Kad operator"},
    )
    if created:
        operator.set_password(DEMO_OPERATOR_PASSWORD)
        operator.save(update_fields=["password"])
    report.append(f"operator account: {DEMO_OPERATOR_EMAIL}")
    return report
