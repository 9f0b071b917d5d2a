from __future__ import annotations

import graphene

from marketplace.graphql.core.mutations import BaseMutation
from marketplace.graphql.payments.types import PaymentError
from payments.errors import PaymentErrorCode


class PaymentBaseMutation(BaseMutation):
    error_type = PaymentError
    error_code_enum = PaymentErrorCode
    fallback_code = PaymentErrorCode.INVALID

    errors = graphene.List(graphene.NonNull(PaymentError), required=True)

    class Meta:
        abstract = True
