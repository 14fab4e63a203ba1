"""Helpers for the admin tests: read a page's form as a browser would submit it."""
from html.parser import HTMLParser


class FormReader(HTMLParser):
    """Collects the fields of the first form with `form_id`: {name: value} (lists for multiple)."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.data = {}
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside or "name" not in attrs and tag != "option":
            return
        if tag == "input" and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data[attrs["name"]] = attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")
        elif tag == "select":
            self.select = attrs["name"]
            self.data.setdefault(self.select, "")
        elif tag == "option" and self.select and "selected" in attrs:
            self.data[self.select] = attrs.get("value", "")
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.data[self.textarea] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            # The template puts a newline after <textarea>, which browsers drop.
            self.data[self.textarea] += data.removeprefix("\n") if not self.data[self.textarea] else data


def form_data(response, form_id):
    reader = FormReader(form_id)
    reader.feed(response.content.decode())
    return reader.data


def inline_rows(data, prefix):
    """The number of forms the page holds for inline `prefix` (its TOTAL_FORMS)."""
    return int(data[f"{prefix}-TOTAL_FORMS"])
