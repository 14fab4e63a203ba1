"""The admin login form, saying plainly when logins are refused for too many failures."""
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError

from . import throttle


class ThrottledAuthenticationForm(AdminAuthenticationForm):
    def clean(self):
        username = self.cleaned_data.get("username")
        if username and throttle.is_blocked(self.request, username):
            raise ValidationError(throttle.message(), code="throttled")
        return super().clean()
