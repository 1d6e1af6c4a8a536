"""Security headers Django has no setting for, and the same headers on static files."""

from django.conf import settings
from django.utils.csp import build_policy


class PermissionsPolicyMiddleware:
    """Send `Permissions-Policy` (Django has no setting for it) on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def add_static_security_headers(headers, path: str, url: str) -> None:
    """whitenoise answers static files before the CSP middleware runs: add its headers here."""
    headers["Content-Security-Policy"] = build_policy(settings.SECURE_CSP)
    headers["Permissions-Policy"] = settings.PERMISSIONS_POLICY
    headers["Referrer-Policy"] = settings.SECURE_REFERRER_POLICY
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = settings.X_FRAME_OPTIONS
