"""The model backend, refusing a blocked (username, address) before it checks the password."""
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from . import throttle


class ThrottledModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username and throttle.is_blocked(request, username):
            # Stops every backend: the right password does not help either.
            raise PermissionDenied(throttle.message())
        return super().authenticate(request, username=username, password=password, **kwargs)
