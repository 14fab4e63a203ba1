"""The document as one self-contained HTML file: styles inlined, no external requests."""
from django.conf import settings
from django.template.loader import render_to_string

from .builder import document_context

STYLESHEETS = ["site.css", "tables.css", "document.css"]


def inline_css():
    return "\n".join((settings.BASE_DIR / "static" / "css" / name).read_text(encoding="utf-8") for name in STYLESHEETS)


def standalone_html(budget, *, template=None, unit=None):
    context = document_context(budget, template=template, unit=unit)
    return render_to_string("document/standalone.html", {**context, "inline_css": inline_css()})
