"""The Content-Security-Policy header on every response (settings.CONTENT_SECURITY_POLICY).

Our pages and the admin load scripts, styles and images from the site itself only, and use
no inline script or style attribute, so "'self'" is enough.
"""
from django.conf import settings


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response
