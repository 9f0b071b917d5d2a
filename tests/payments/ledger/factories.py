"""factory_boy factories of the payout ledger (kept beside its tests: the domain owns them)."""

from __future__ import annotations

import factory

from payments.ledger.models import DestinationKind, VendorPayoutAccount
from tests.factories.vendors import VendorFactory


class VendorPayoutAccountFactory(factory.django.DjangoModelFactory[VendorPayoutAccount]):
    class Meta:
        model = VendorPayoutAccount

    vendor = factory.SubFactory(VendorFactory)
    kind = DestinationKind.BANK
    account_name = "นางมาลี ศรีสุข"
    bank_code = "004"
    account_number = factory.Sequence(lambda n: f"{1230000000 + n}")
