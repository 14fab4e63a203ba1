from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """Login throttling and the Content-Security-Policy header."""

    name = "budget.security"
    verbose_name = "安全"

    def ready(self):
        from django.contrib import admin
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from . import throttle
        from .forms import ThrottledAuthenticationForm

        user_login_failed.connect(throttle.on_login_failed, dispatch_uid="security.login_failed")
        user_logged_in.connect(throttle.on_logged_in, dispatch_uid="security.logged_in")
        # The admin's login page is the site's login page (LOGIN_URL).
        admin.site.login_form = ThrottledAuthenticationForm
