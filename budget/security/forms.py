"""The admin login form, saying plainly when logins are refused for too many failures."""
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError

from . import throttle


class ThrottledAuthenticationForm(AdminAuthenticationForm):
    def clean(self):
        username = self.cleaned_data.get("username")
        until = throttle.blocked_until(self.request, username) if username else None
        if until is not None:
            raise ValidationError(throttle.message(until), code="throttled")
        return super().clean()
