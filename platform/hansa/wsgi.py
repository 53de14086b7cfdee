import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hansa.settings")
application = get_wsgi_application()

# With DEBUG off, refuse to serve while an operator signs in with the published demo TOTP secret.
from identity.published_secrets import refuse_published_secrets  # noqa: E402 - needs Django set up

refuse_published_secrets()
