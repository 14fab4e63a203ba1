"""The document as a print-quality PDF: the page's body template, print.css and bundled fonts.

`render_pdf(budget)` gives the bytes, for the download view, render_budget and the publishing
workflow. WeasyPrint reads the stylesheet and the fonts from static/ on disk, so nothing is
fetched over the network and every machine prints the same pages.
"""
from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML

from .builder import document_context

STATIC_DIR = settings.BASE_DIR / "static"


def pdf_html(budget):
    """The HTML that WeasyPrint lays out; relative URLs point into static/."""
    return render_to_string("document/pdf.html", document_context(budget))


def write_pdf(html):
    return HTML(string=html, base_url=STATIC_DIR.as_uri() + "/").write_pdf()


def render_pdf(budget):
    return write_pdf(pdf_html(budget))


def pdf_filename(budget):
    """The download name, e.g. 克孜勒苏柯尔克孜自治州生态环境局2024年部门预算.pdf."""
    return f"{budget.department.name}{budget.year}年部门预算.pdf"
