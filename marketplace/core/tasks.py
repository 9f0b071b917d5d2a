from celery import shared_task


@shared_task(name="marketplace.core.tasks.echo")
def echo(value: str) -> str:
    """Return its argument: lets operators and tests see a worker round trip."""
    return value
