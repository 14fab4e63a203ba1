"""Response headers: the Content-Security-Policy on every response (settings.CONTENT_SECURITY_POLICY),
and no caching anywhere of the pages under /manage/.

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


class PrivateManagePagesMiddleware:
    """Drafts and reviews under /manage/ (pages, PDF, XLSX) are for the signed-in user only: no
    proxy or shared browser cache may keep them, nor the browser's disk."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith("/manage/"):
            response.headers["Cache-Control"] = "private, no-store"
        return response
