"""The floor of the served-page benchmark: a bare Django view answering the same bytes.

Django with no middleware, no database and no template: one view that returns the body read
from BARE_BODY_FILE at start-up, whatever the path. gunicorn serves it with the product's
settings (bench/served.py), so the product's cached page is measured against Django itself.
"""
import os

from django.conf import settings

settings.configure(DEBUG=False, SECRET_KEY="bench-floor", ALLOWED_HOSTS=["127.0.0.1"], ROOT_URLCONF=__name__,
                   MIDDLEWARE=[], INSTALLED_APPS=[])

from django.core.wsgi import get_wsgi_application  # noqa: E402  (settings first)
from django.http import HttpResponse  # noqa: E402
from django.urls import re_path  # noqa: E402

with open(os.environ["BARE_BODY_FILE"], "rb") as body_file:
    BODY = body_file.read()


def page(request):
    return HttpResponse(BODY)


urlpatterns = [re_path(r"", page)]
application = get_wsgi_application()
