"""Cash on delivery and bank transfer, end to end: choose, deliver/upload, confirm, refund."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from marketplace.orders.models import PaymentStatus as OrderPaymentStatus
from marketplace.orders.models import VendorOrderStatus
from marketplace.orders.services import vendor_order_ship
from payments.errors import PaymentError, PaymentErrorCode
from payments.manual import (
    bank_transfer_slip_confirm,
    bank_transfer_slip_reject,
    bank_transfer_slip_upload,
    cod_payment_collect,
)
from payments.models import Gateway, PaymentStatus, RefundStatus, SlipStatus
from payments.refunds import vendor_order_refund_request
from payments.selectors import slips_waiting
from payments.services import payment_initialize
from tests.factories.checkout import stall
from tests.payments.fixtures import placed_order

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _photo(name: str = "slip.jpg", *, with_gps: bool = False) -> SimpleUploadedFile:
    image = Image.new("RGB", (60, 90), (20, 120, 200))
    buffer = BytesIO()
    exif = Image.Exif()
    if with_gps:
        exif[0x8825] = {2: (18.0, 34.0, 0.0)}  # GPSInfo: a latitude
    image.save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def _ship(parcel) -> None:
    vendor_order_ship(vendor_order=parcel, carrier="Kerry", tracking_number="KX1", by=None)


def test_cash_on_delivery_is_paid_when_every_parcel_is_delivered_and_collected() -> None:
    silk, pottery = stall(price="1850.00"), stall(price="320.00")
    order = placed_order(silk, pottery)
    start = payment_initialize(order=order, gateway=Gateway.CASH_ON_DELIVERY)
    assert start.client_secret == ""
    order.refresh_from_db()
    assert order.payment_status == OrderPaymentStatus.PENDING
    first, second = order.vendor_orders.order_by("id")
    _ship(first)
    _ship(second)

    payment = cod_payment_collect(vendor_order=first, by=silk.owner.user)
    payment = cod_payment_collect(vendor_order=first, by=silk.owner.user)  # pressed twice

    first.refresh_from_db()
    assert first.status == VendorOrderStatus.DELIVERED
    assert payment.captured_amount == Decimal("1900.00")
    assert payment.status == PaymentStatus.PENDING
    order.refresh_from_db()
    assert order.payment_status == OrderPaymentStatus.PENDING

    payment = cod_payment_collect(vendor_order=second, by=pottery.owner.user)

    order.refresh_from_db()
    assert payment.status == PaymentStatus.PAID
    assert payment.captured_amount == order.total == Decimal("2270.00")
    assert order.payment_status == OrderPaymentStatus.PAID


def test_cash_cannot_be_collected_before_the_parcel_ships() -> None:
    order = placed_order()
    payment_initialize(order=order, gateway=Gateway.CASH_ON_DELIVERY)

    with pytest.raises(PaymentError) as refused:
        cod_payment_collect(vendor_order=order.vendor_orders.get(), by=None)

    assert refused.value.code == PaymentErrorCode.INVALID_STATUS


def test_cash_collection_of_an_order_paid_by_card_is_refused() -> None:
    order = placed_order()
    payment_initialize(order=order, gateway=Gateway.BANK_TRANSFER)
    parcel = order.vendor_orders.get()

    with pytest.raises(PaymentError) as refused:
        cod_payment_collect(vendor_order=parcel, by=None)

    assert refused.value.code == PaymentErrorCode.WRONG_GATEWAY


def test_cash_on_delivery_refund_is_recorded_at_once() -> None:
    order = placed_order()
    payment_initialize(order=order, gateway=Gateway.CASH_ON_DELIVERY)
    parcel = order.vendor_orders.get()
    _ship(parcel)
    cod_payment_collect(vendor_order=parcel, by=None)

    refund = vendor_order_refund_request(
        vendor_order=parcel, amount="50.00", reason="ส่งช้า คืนค่าส่ง", by=None
    )

    order.refresh_from_db()
    parcel.refresh_from_db()
    assert (refund.status, refund.is_manual) == (RefundStatus.SUCCEEDED, True)
    assert parcel.refunded_amount == Decimal("50.00")
    assert order.payment_status == OrderPaymentStatus.PARTIALLY_REFUNDED


def test_bank_transfer_slip_confirmed_by_an_operator_pays_the_order(admin_user) -> None:
    order = placed_order()
    payment_initialize(order=order, gateway=Gateway.BANK_TRANSFER)

    slip = bank_transfer_slip_upload(order=order, upload=_photo(with_gps=True))

    assert list(slips_waiting()) == [slip]
    with Image.open(slip.image.path) as stored:
        assert stored.format == "JPEG"
        assert 0x8825 not in stored.getexif()  # no GPS position kept
    assert "slip" not in Path(slip.image.name).name  # a random name, not the uploaded one
    order.refresh_from_db()
    assert order.payment_status == OrderPaymentStatus.PENDING

    bank_transfer_slip_confirm(slip=slip, by=admin_user)

    slip.refresh_from_db()
    order.refresh_from_db()
    assert slip.status == SlipStatus.CONFIRMED
    assert slip.reviewed_by == admin_user
    assert order.payment_status == OrderPaymentStatus.PAID
    assert list(slips_waiting()) == []
    with pytest.raises(PaymentError) as refused:
        bank_transfer_slip_upload(order=order, upload=_photo())
    assert refused.value.code == PaymentErrorCode.INVALID_STATUS


def test_rejected_slip_leaves_the_order_unpaid_and_another_can_be_sent(admin_user) -> None:
    order = placed_order()
    payment_initialize(order=order, gateway=Gateway.BANK_TRANSFER)
    slip = bank_transfer_slip_upload(order=order, upload=_photo())

    with pytest.raises(PaymentError) as no_reason:
        bank_transfer_slip_reject(slip=slip, reason="  ", by=admin_user)
    bank_transfer_slip_reject(slip=slip, reason="ไม่พบยอดโอน", by=admin_user)

    assert no_reason.value.code == PaymentErrorCode.REASON_REQUIRED
    slip.refresh_from_db()
    order.refresh_from_db()
    assert (slip.status, slip.reject_reason) == (SlipStatus.REJECTED, "ไม่พบยอดโอน")
    assert order.payment_status == OrderPaymentStatus.PENDING
    assert bank_transfer_slip_upload(order=order, upload=_photo()).status == SlipStatus.PENDING


@pytest.mark.parametrize(
    "upload",
    [
        pytest.param(
            SimpleUploadedFile("slip.pdf", b"%PDF-1.4 a transfer", "application/pdf"), id="pdf"
        ),
        pytest.param(
            SimpleUploadedFile("slip.jpg", b"not really a jpeg", "image/jpeg"), id="fake-jpeg"
        ),
        pytest.param(SimpleUploadedFile("slip.jpg", b"", "image/jpeg"), id="empty"),
    ],
)
def test_slip_that_is_not_an_image_gets_a_clear_error(upload: SimpleUploadedFile) -> None:
    order = placed_order()
    payment_initialize(order=order, gateway=Gateway.BANK_TRANSFER)

    with pytest.raises(PaymentError) as refused:
        bank_transfer_slip_upload(order=order, upload=upload)

    assert refused.value.code == PaymentErrorCode.SLIP_NOT_AN_IMAGE
    assert refused.value.field == "slip"
    with translation.override("en"):
        assert "must be a picture" in refused.value.message
    with translation.override("th"):
        assert "สลิปต้องเป็นรูปภาพ" in refused.value.message
    assert not list(slips_waiting())


def test_slip_over_the_size_limit_is_refused(settings) -> None:
    settings.KAD_MAX_UPLOAD_BYTES = 100
    order = placed_order()
    payment_initialize(order=order, gateway=Gateway.BANK_TRANSFER)

    with pytest.raises(PaymentError) as refused:
        bank_transfer_slip_upload(order=order, upload=_photo())

    assert refused.value.code == PaymentErrorCode.SLIP_TOO_LARGE


def test_waiting_slips_are_listed_in_one_query(django_assert_max_num_queries) -> None:
    for _ in range(3):
        order = placed_order()
        payment_initialize(order=order, gateway=Gateway.BANK_TRANSFER)
        bank_transfer_slip_upload(order=order, upload=_photo())

    with django_assert_max_num_queries(1):
        numbers = [slip.payment.order.number for slip in slips_waiting()]

    assert len(numbers) == 3
