"""Test settings: the real services from `infra/services up`, fast hashing, captured e-mail."""

from marketplace.settings import *  # noqa: F403
from marketplace.settings import BASE_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# `.delay()` runs in-process unless a test talks to the real worker on purpose (send_task).
CELERY_TASK_ALWAYS_EAGER = True
MEDIA_ROOT = BASE_DIR / ".local" / "test-media"
DEBUG = False
GRAPHIQL_ENABLED = False
ELASTICSEARCH_INDEX_PREFIX = "kadtest"
STATIC_ROOT = BASE_DIR / ".local" / "test-static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
