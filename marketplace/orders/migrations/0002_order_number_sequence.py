from django.db import migrations


class Migration(migrations.Migration):
    """Order numbers (KAD-2026-000123) come from a sequence: unique under concurrency, no gaps
    filled by guessing, and no lock on the orders table."""

    dependencies = [("orders", "0001_initial")]
    operations = [
        migrations.RunSQL(
            "CREATE SEQUENCE IF NOT EXISTS orders_order_number_seq START 1",
            "DROP SEQUENCE IF EXISTS orders_order_number_seq",
        )
    ]
