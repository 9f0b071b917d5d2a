"""Every periodic job is scheduled (one assignment per job would silently drop the others)."""

from marketplace.celery import app


def test_every_periodic_job_is_in_the_beat_schedule_on_its_queue() -> None:
    schedule = app.conf.beat_schedule
    assert {name: entry["options"]["queue"] for name, entry in schedule.items()} == {
        "search-index-consistency": "indexing",
        "payments-reconcile-pending": "payments",
        "ledger-weekly-payout-run": "payments",
        "analytics-open-data-monthly": "reports",
        "catalog-sales-counts-repair": "default",
    }
    app.loader.import_default_modules()
    registered = set(app.tasks)
    assert {entry["task"] for entry in schedule.values()} <= registered
