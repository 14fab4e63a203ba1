"""Names of downloaded files, made from department names that may hold any character.

A "/" would be cut by Django (FileResponse keeps what follows the last one) and by browsers,
and Windows refuses \\ : * ? " < > |; each becomes its full-width twin, which reads the same.
Control characters are dropped, and the name is kept short enough for every file system.
"""
import re

from django.utils.http import content_disposition_header

RESERVED = '/\\:*?"<>|'
FULL_WIDTH = {ord(c): chr(ord(c) + 0xFEE0) for c in RESERVED}
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
MAX_STEM = 120  # characters; file systems allow 255 bytes, a Chinese character takes 3


def download_name(name):
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = CONTROL.sub("", stem).translate(FULL_WIDTH).strip(" .")[:MAX_STEM] or "download"
    return f"{stem}.{suffix}" if suffix else stem


def attachment(name):
    """The Content-Disposition header that saves the response as `name`, made safe."""
    return content_disposition_header(True, download_name(name))
