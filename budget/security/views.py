"""Friendly answers where Django's own would puzzle a user (settings.CSRF_FAILURE_VIEW)."""
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, url):
    """`url` when it stays on this site, else None."""
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
        return url
    return None


def csrf_failure(request, reason=""):
    """A form refused for its CSRF token: nearly always the second click of a double submit
    (the first one's login renewed the token) or a page left open for a long time. Say so and
    lead back, instead of Django's bare 403."""
    signed_in = request.user.is_authenticated
    back = (safe_next(request, request.POST.get("next")) or safe_next(request, request.headers.get("Referer"))
            or (reverse("admin:index") if signed_in else "/"))
    return render(request, "security/csrf_failure.html", {"back": back, "signed_in": signed_in}, status=403)
