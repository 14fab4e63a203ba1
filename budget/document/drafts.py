"""The staff's PDF of a budget as it is now, rendered on the task queue and cached by revision.

A render takes seconds of a CPU: done in the web process on every click it starved the public
site. The PDF is cached under the budget's revision (which moves with every change of its
data), its status, its template and its department's name, so it is rendered once per version of the data,
by a worker, one render per key however often it is asked for. Without a broker (development,
tests) the task runs at once and the first request gets the PDF.
"""
import hashlib

from django.conf import settings
from django.core.cache import cache

from budget.budgets.publication import template_of

DRAFT_PDF_TIMEOUT = 24 * 3600
FAILURE_TIMEOUT = 5 * 60  # a failed render is retried after this long


class RenderFailed(Exception):
    """The last render of this version failed; its message says why, for the user."""


def draft_pdf_key(budget):
    """Its data's version, its status, its department's name and the template it is laid out
    in (the bureau's setting may change without the budget)."""
    name = hashlib.sha256(budget.department.name.encode()).hexdigest()[:16]
    return f"document:pdf:{budget.pk}:{budget.revision}:{budget.status}:{template_of(budget)}:{name}"


def draft_pdf(budget):
    """The PDF bytes, or None while a worker renders them (queued here on the first request)."""
    from .tasks import render_draft_pdf

    key = draft_pdf_key(budget)
    pdf = cache.get(key)
    if pdf is not None:
        return pdf
    failure = cache.get(key + ":failed")
    if failure is not None:
        raise RenderFailed(failure)
    # One render per key: the mark lasts as long as a render may.
    if cache.add(key + ":queued", True, settings.PDF_RENDER_TIME_LIMIT + 60):
        render_draft_pdf.delay(budget.pk)
    pdf = cache.get(key)  # rendered already when the task ran in this process
    if pdf is None and (failure := cache.get(key + ":failed")) is not None:
        raise RenderFailed(failure)
    return pdf


def store(budget, *, pdf=None, failure=None):
    """Called by the task: the rendered PDF, or why there is none."""
    key = draft_pdf_key(budget)
    if pdf is not None:
        cache.set(key, pdf, DRAFT_PDF_TIMEOUT)
    else:
        cache.set(key + ":failed", failure, FAILURE_TIMEOUT)
    cache.delete(key + ":queued")
