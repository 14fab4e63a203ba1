"""What each process keeps of the public site in its own memory, so that a cached page often
costs no round trip to the shared cache at all.

- The site's `Shown` (years and generation), for HELD_SECONDS: a version made public by another
  process shows here that much later. Forgotten at once when this process sees a publication.
- The pages last served, under their cache keys. A key names the generation, and a page of
  one generation never changes (it comes from stored snapshots), so a held page is as fresh
  as the held generation; when the generation moves, the old keys are simply no longer asked.
"""
import threading
import time
from collections import OrderedDict

from django.conf import settings

HELD_SECONDS = 2.0
_lock = threading.Lock()
_shown = None  # (monotonic time until which it holds, Shown)
_pages = OrderedDict()


def shown():
    """The held Shown, or None when there is none or it is too old."""
    held = _shown
    if held is not None and time.monotonic() < held[0]:
        return held[1]
    return None


def hold_shown(current):
    global _shown
    _shown = (time.monotonic() + HELD_SECONDS, current)


def page(key):
    with _lock:
        html = _pages.get(key)
        if html is not None:
            _pages.move_to_end(key)
        return html


def hold_page(key, html):
    with _lock:
        _pages[key] = html
        _pages.move_to_end(key)
        while len(_pages) > settings.PUBLIC_HELD_PAGES:
            _pages.popitem(last=False)


def forget():
    global _shown
    with _lock:
        _shown = None
        _pages.clear()
