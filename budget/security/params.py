"""Numbers and text taken from request parameters, refused cleanly when malformed.

`str.isdigit()` is true for '²' and other characters that `int()` refuses, and an id of
30 digits overflows the database's integer: both were 500s.
"""
import re

from django.http import HttpResponseBadRequest

DIGITS = re.compile(r"[0-9]{1,18}", re.ASCII)  # fits PostgreSQL's bigint


def as_number(text):
    """The whole number `text` writes in ASCII digits, or None."""
    return int(text) if isinstance(text, str) and DIGITS.fullmatch(text) else None


class RefuseNulMiddleware:
    """400 for a NUL in the path or a query parameter: PostgreSQL cannot compare text holding one.

    Form fields refuse NUL themselves (Django's ProhibitNullCharactersValidator).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.GET
        if "\x00" in request.path or any("\x00" in key or "\x00" in "".join(query.getlist(key)) for key in query):
            return HttpResponseBadRequest("请求的地址或参数中含有 NUL 字符".encode(), content_type="text/plain; charset=utf-8")
        return self.get_response(request)
