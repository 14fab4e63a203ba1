"""The document as a print-quality PDF: the page's body template, print.css and bundled fonts.

`render_pdf(budget)` gives the bytes, for the download view, render_budget and the publishing
workflow. WeasyPrint reads the stylesheet and the fonts from static/ on disk, so nothing is
fetched over the network and every machine prints the same pages.
"""
import contextlib
import functools
import gc
import threading

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from .builder import document_context

STATIC_DIR = settings.BASE_DIR / "static"
PRINT_CSS = STATIC_DIR / "css" / "print.css"
# The fonts loaded once are shared by every render of the process, one render at a time.
_rendering = threading.Lock()


@functools.cache
def print_stylesheet():
    """print.css and the fonts of its @font-face rules, loaded once per process: decoding the four
    WOFF2 fonts takes about a sixth of a render."""
    fonts = FontConfiguration()
    return CSS(filename=PRINT_CSS, font_config=fonts), fonts


def pdf_html(budget):
    """The HTML that WeasyPrint lays out."""
    return render_to_string("document/pdf.html", document_context(budget))


def laid_out(html):
    """WeasyPrint's document of `html`: its pages of boxes, before any PDF is written."""
    stylesheet, fonts = print_stylesheet()
    return HTML(string=html, base_url=STATIC_DIR.as_uri() + "/").render(stylesheets=[stylesheet], font_config=fonts)


def write_pdf(html):
    with _rendering, _collecting_afterwards():
        return laid_out(html).write_pdf()


@contextlib.contextmanager
def _collecting_afterwards():
    """The cyclic garbage collector paused during a render and run once after it.

    A render keeps a few hundred thousand objects (boxes, styles) alive until it ends: the
    collector's full passes over them, four a render, took a sixth of its time and found
    almost nothing. When write_pdf returns, the document is garbage, mostly in reference
    cycles; they are all in the youngest generation (nothing was collected, so nothing was
    promoted), which one collection of that generation frees without going over the rest of
    the process's objects.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(0)


def render_pdf(budget):
    return write_pdf(pdf_html(budget))


def pdf_filename(budget):
    """The download name, e.g. 克孜勒苏柯尔克孜自治州生态环境局2024年部门预算.pdf."""
    return f"{budget.department.name}{budget.year}年部门预算.pdf"
