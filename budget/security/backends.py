"""The model backend, refusing a throttled login (security.throttle) before it checks the password."""
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from . import throttle


class ThrottledModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        until = throttle.blocked_until(request, username) if username else None
        if until is not None:
            # Stops every backend: the right password does not help from this address either.
            raise PermissionDenied(throttle.message(until))
        return super().authenticate(request, username=username, password=password, **kwargs)
