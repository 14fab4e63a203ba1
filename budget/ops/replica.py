"""Reads of the public pages go to the read replica (DATABASE_REPLICA_URL) when there is one.

The middleware marks requests to the public site's views; the router sends their reads to the
"replica" database. Everything else, including staff pages that must see their own writes at
once, reads and writes the primary.
"""
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
PUBLIC_NAMESPACE = "public"
_public_request = ContextVar("public_request", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _public_request.get() and REPLICA in settings.DATABASES:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


class PublicReadsFromReplica:
    """Marks the request while a view of the public site runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _public_request.set(False)
        try:
            return self.get_response(request)
        finally:
            _public_request.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.resolver_match.namespace == PUBLIC_NAMESPACE:
            _public_request.set(True)
