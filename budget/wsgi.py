"""WSGI entry point for gunicorn.

The public site's pages go through a handler of their own with settings.PUBLIC_MIDDLEWARE:
a cached page is a Redis read, and the session, CSRF, user and messages middleware cost
more than that for visitors who use none of them. Everything else, static files included,
goes through the full settings.MIDDLEWARE.
"""
import os

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "budget.settings")
full = get_wsgi_application()
# The index and the budgets' pages and files (budget/public/urls.py).
PUBLIC_PREFIXES = ("/budgets/",)


class PublicHandler(WSGIHandler):
    def load_middleware(self, is_async=False):
        # Django builds the chain from settings.MIDDLEWARE: point it at the public list while
        # it does (once, at start-up, before any request).
        everything = settings.MIDDLEWARE
        settings.MIDDLEWARE = settings.PUBLIC_MIDDLEWARE
        try:
            super().load_middleware(is_async)
        finally:
            settings.MIDDLEWARE = everything


public = PublicHandler()


def is_public(path):
    return path == "/" or path.startswith(PUBLIC_PREFIXES)


def application(environ, start_response):
    handler = public if is_public(environ.get("PATH_INFO", "")) else full
    return handler(environ, start_response)
