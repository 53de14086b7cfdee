import logging
import os

from django.core.wsgi import get_wsgi_application
from django.db import DatabaseError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hansa.settings")
application = get_wsgi_application()

# With DEBUG off, refuse to serve while an operator signs in with the published demo TOTP secret.
from identity.published_secrets import refuse_published_secrets  # noqa: E402 - needs Django set up

try:
    refuse_published_secrets()
except DatabaseError:
    # No database yet (it may come up after the web process): the check at sign-in and on every console
    # request still refuses such an operator.
    logging.getLogger(__name__).warning("published-secret check skipped at start: database unavailable")
