"""manage.py render_budget --format html: one self-contained file."""
import pytest
from django.core.management import CommandError, call_command


def test_it_writes_one_self_contained_html_file(reference_budget, tmp_path):
    output = tmp_path / "budget.html"
    call_command("render_budget", department="501001", year=2024, format="html", output=str(output))
    html = output.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    assert "<style>" in html and ".standard-table" in html
    for external in ('<link', 'src="http', "src='http", "@import", "url(http"):
        assert external not in html
    assert "收支总预算 2,448.62 万元。" in html


def test_it_refuses_an_unknown_budget(db):
    with pytest.raises(CommandError, match="没有部门 000000 的 2024 年预算"):
        call_command("render_budget", department="000000", year=2024)
